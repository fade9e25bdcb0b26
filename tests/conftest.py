"""Fixtures shared by the engine, CLI and robustness tests (the store tests have their own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotegraph.pipeline import load_nlp

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline (base model + `quotegraph`), loaded once: loading costs seconds."""
    return load_nlp()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the repository: real news for evaluation, never copied into it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED_DATA} (see shared/data/README.md)")
    return SHARED_DATA
