"""Query parameters shared by the API and the pages, each checked with a message on failure."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query
from pydantic import AfterValidator

DAY = r"^(\d{4}-\d{2}-\d{2})?$"  # empty, as an empty form field sends, means no limit


def _printable(value: str | None) -> str | None:
    """NUL and other control characters are refused: no name or quote holds them, and PostgreSQL
    cannot store NUL at all."""
    if value is not None and any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise ValueError("control characters are not allowed")
    return value


Text = Annotated[str | None, AfterValidator(_printable)]
SearchText = Annotated[Text, Query(max_length=500, description="Words the quote must contain.")]
SpeakerName = Annotated[Text, Query(max_length=200, description="Person id, name or alias.")]
Day = Annotated[str | None, Query(pattern=DAY, description="A day, YYYY-MM-DD.")]
Outlet = Annotated[Text, Query(max_length=200, description="Outlet name, any case.")]
Page = Annotated[int, Query(ge=1, le=1000, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=100, description="Results per page.")]


def plain_id(value: str, what: str) -> str:
    """An id from the path, or 404 for one that cannot exist (too long, control characters)."""
    if len(value) > 500 or _has_control(value):
        raise HTTPException(404, f"no {what} with id {value[:80]!r}")
    return value


def _has_control(value: str) -> bool:
    return any(ord(c) < 32 for c in value)
