"""Response shapes of the JSON API (the extract output keeps `quote.schema.json`, see openapi.py)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class OccurrenceLink(BaseModel):
    article_id: str
    title: str | None
    outlet: str | None
    date: str | None


class QuoteHit(BaseModel):
    cluster_id: str
    quote_id: str
    text: str
    speaker: str | None
    person_id: str | None
    article_id: str
    title: str | None
    date: str | None
    outlet: str | None
    url: str | None
    n_occurrences: int
    score: float
    occurrences: list[OccurrenceLink] = Field(description="Every article the quote appears in, first seen first.")


class QuotePage(BaseModel):
    items: list[QuoteHit]
    page: int
    per_page: int
    has_more: bool = Field(description="Whether the next page has results.")


class Person(BaseModel):
    id: str
    name: str
    kind: str
    n_quotes: int
    n_articles: int
    aliases: list[str]
    titles: list[str]
    first_seen: str | None
    last_seen: str | None


class PersonPage(BaseModel):
    items: list[Person]
    page: int
    per_page: int
    has_more: bool


class TimelineDay(BaseModel):
    day: str | None = Field(description="YYYY-MM-DD, or null for undated articles.")
    n: int


class TopQuote(BaseModel):
    id: str
    text: str
    first_date: str | None
    first_article_id: str
    n_occurrences: int
    n_articles: int


class PersonDetail(Person):
    timeline: list[TimelineDay]
    top_quotes: list[TopQuote]


class Occurrence(BaseModel):
    quote_id: str
    article_id: str
    title: str | None
    date: str | None
    outlet: str | None
    url: str | None
    text: str
    speaker: str | None
    relation: str = Field(description="'copy' of the canonical text, or a 'variant' of it.")
    diff: list[dict] | None


class Cluster(BaseModel):
    id: str
    text: str
    speaker: str | None
    person_id: str | None
    first_seen: str | None
    first_article_id: str
    occurrences: list[Occurrence]
    variants: list[Occurrence]
    fragments: list[dict]
    part_of: list[dict]
    headlines: list[dict]


class TextSpan(BaseModel):
    text: str | None
    span: list[int]


class Attribution(BaseModel):
    name: str | None
    mention: TextSpan | None
    resolution: str | None


class StoredQuote(BaseModel):
    id: str
    kind: str
    text: str
    spans: list[list[int]]
    cue: TextSpan | None
    speaker: Attribution
    confidence: float
    cluster_id: str | None
    person_id: str | None
    person_name: str | None


class StoredSpeaker(BaseModel):
    name: str
    kind: str
    aliases: list[str]
    titles: list[str]
    mentions: list[list[int]]
    person_id: str | None


class StoredArticle(BaseModel):
    id: str
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None
    text: str
    status: str
    error: str | None
    quotes: list[StoredQuote]
    speakers: list[StoredSpeaker]


class ExtractRequest(BaseModel):
    """An article to annotate: `text`, or `html` to read its main text first. Nothing is stored."""

    text: str | None = Field(None, description="The article's plain text.")
    html: str | None = Field(None, description="A web page; its main text is extracted first.")
    id: str = Field("text", max_length=200, description="The id to give the article and its quotes.")


class IngestRequest(BaseModel):
    """An article to extract and add to the store (needs the server's token)."""

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1)
    title: str | None = Field(None, max_length=1000)
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}")
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)


class IngestResult(BaseModel):
    id: str
    added: int
    skipped: int
    duplicates: int
    errors: int
