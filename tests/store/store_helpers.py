"""Building extraction results by hand, and comparing whole stores: shared by the store tests."""

from __future__ import annotations

from quotegraph.model import Article, ArticleQuotes, Attribution, Mention, Quote, Speaker
from quotegraph.store import open_store

VERSION = "test-extractor.1"


def make_quote(i: int, text: str, speaker: str | None, *, at: int = 0, confidence: float = 0.9) -> Quote:
    return Quote(
        id=f"q{i}", kind="direct", text=text, spans=((at, at + len(text)),), cue=None,
        speaker=Attribution(name=speaker, mention=Mention(speaker, (0, len(speaker))) if speaker else None,
                            resolution="name" if speaker else None),
        confidence=confidence,
    )


def make_article(aid: str, quotes: list[tuple[str, str | None]], *, speakers: list[Speaker] | None = None,
                 title: str | None = None, date: str | None = None, outlet: str | None = "Test News",
                 url: str | None = None, body: str | None = None) -> tuple[Article, ArticleQuotes]:
    """An article whose text holds the quotes, and the extraction result for it."""
    text = body or ((title + "\n\n") if title else "") + " ".join(
        f'"{q}" said {s or "someone"}.' for q, s in quotes) + f" ({aid})"
    if speakers is None:
        speakers = [Speaker(name=s) for s in dict.fromkeys(s for _, s in quotes if s)]
    aq = ArticleQuotes(id=aid, quotes=tuple(make_quote(i, q, s) for i, (q, s) in enumerate(quotes)),
                       speakers=tuple(speakers))
    return Article(id=aid, text=text, title=title, date=date, url=url or f"https://news.test/{aid}",
                   outlet=outlet), aq


class CannedExtractor:
    """Stands in for the extractor with fixed results: tests of storage then need no model."""

    def __init__(self, pairs):
        self.results = {a.id: aq for a, aq in pairs}
        self.seen: list[str] = []

    def __call__(self, articles):
        for a in articles:
            self.seen.append(a.id)
            yield self.results.get(a.id) or ArticleQuotes(id=a.id)


def ingest_pairs(store, pairs, **kw):
    return store.ingest([a for a, _ in pairs], extract=CannedExtractor(pairs), extractor_version=VERSION, **kw)


def dump_store(url: str) -> dict:
    """Every table's content, ordered, without ingest times and row numbers: for equality checks."""
    s = open_store(url)
    try:
        out = {}
        tables = {
            "articles": "SELECT id, text_hash, title, date, url, outlet, text, status, error, "
                        "extractor_version FROM articles ORDER BY id",
            "article_aliases": "SELECT * FROM article_aliases ORDER BY id",
            "quotes": "SELECT id, article_id, idx, kind, text, norm, spans, cue_text, cue_span, speaker_name, "
                      "mention_text, mention_span, resolution, confidence FROM quotes ORDER BY id",
            "speakers": "SELECT * FROM speakers ORDER BY article_id, idx",
            "people": "SELECT * FROM people ORDER BY id",
            "person_names": "SELECT * FROM person_names ORDER BY person_id, kind, name",
            "speaker_person": "SELECT * FROM speaker_person ORDER BY article_id, idx",
            "clusters": "SELECT * FROM clusters ORDER BY id",
            "quote_cluster": "SELECT * FROM quote_cluster ORDER BY quote_id",
            "links": "SELECT * FROM links ORDER BY source_type, source_id, text",
        }
        for name, sql in tables.items():
            out[name] = [tuple(r.values()) for r in s._all(sql)]
        out["dirty"] = s.get_meta("dirty")
        return out
    finally:
        s.close()


def diff_stores(expected: dict, got: dict) -> str:
    """Which tables differ and a few rows on each side: a readable failure message."""
    lines = []
    for table in expected:
        if expected[table] != got.get(table):
            a, b = set(map(repr, expected[table] if isinstance(expected[table], list) else [expected[table]])), \
                set(map(repr, got.get(table) if isinstance(got.get(table), list) else [got.get(table)]))
            lines.append(f"{table}: {len(a - b)} rows only expected, {len(b - a)} only got")
            lines += [f"  expected {r[:300]}" for r in sorted(a - b)[:3]]
            lines += [f"  got      {r[:300]}" for r in sorted(b - a)[:3]]
    return "\n".join(lines)
