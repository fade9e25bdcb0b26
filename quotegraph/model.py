"""The data model: what leaves the extractor, as plain frozen dataclasses.

spaCy objects stay inside `extract/` and `attribute/`; everything past them speaks in character
offsets into the article's text, so results can be stored, served and compared without a `Doc`.
`to_dict()` gives the shape described by `quote.schema.json`, the one output schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Offsets = tuple[int, int]
QuoteKind = Literal["direct", "mixed", "indirect"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from any input; `text` is what every offset points into."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """The verb or phrase that marks speech ("said", "told reporters", "according to")."""

    text: str
    span: Offsets

    def to_dict(self) -> dict:
        return {"text": self.text, "span": list(self.span)}


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker as written at the cue: "he", "the secretary of state", "Blinken"."""

    text: str
    span: Offsets

    def to_dict(self) -> dict:
        return {"text": self.text, "span": list(self.span)}


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said it: the mention at the cue and the person or body it was resolved to.

    `resolution` names the evidence ("name", "surname", "title", "pronoun", "previous-quote", ...)
    so a reader can judge the link; `name` is None when the article does not let us know.
    """

    name: str | None
    mention: Mention | None
    resolution: str | None = None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "mention": self.mention.to_dict() if self.mention else None,
            "resolution": self.resolution,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: its words (one or more spans), its cue, its speaker and our confidence."""

    id: str
    kind: QuoteKind
    text: str
    spans: tuple[Offsets, ...]
    cue: Cue | None
    speaker: Attribution
    confidence: float

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "spans": [list(s) for s in self.spans],
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict(),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person or organisation the article quotes, under the fullest name it gives; or a group of
    them quoted together ("Charles Grassley and Patrick Leahy")."""

    name: str
    kind: Literal["person", "organisation", "group"] = "person"
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    mentions: tuple[Offsets, ...] = ()

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "titles": list(self.titles),
            "mentions": [list(m) for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class ArticleQuotes:
    """Everything extracted from one article."""

    id: str
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    error: str | None = field(default=None)

    def to_dict(self) -> dict:
        out = {
            "id": self.id,
            "quotes": [q.to_dict() for q in self.quotes],
            "speakers": [s.to_dict() for s in self.speakers],
        }
        if self.error:
            out["error"] = self.error
        return out
