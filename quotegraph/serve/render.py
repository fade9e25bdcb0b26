"""Data for the pages, computed in Python and escaped by the templates: highlights, colours, diffs.

Nothing here builds HTML: it returns plain values (text pieces with class names, bar geometry) and
Jinja's autoescape turns every piece of article text into text, never markup.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from quotegraph.link.quotes import normalise_quote

PALETTE_SIZE = 10  # .sp0 ... .sp9 in app.css; speakers beyond share colours in turn
NO_SPEAKER = "unknown"  # the class of quotes with no resolved speaker


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text and how to show it: plain, or a quote's words, cue or speaker mention."""

    text: str
    role: str | None = None  # "quote", "cue", "mention"
    quote: int | None = None  # index into the article's quotes
    colour: str | None = None  # "sp3" or NO_SPEAKER


def speaker_colours(quotes: list[dict]) -> dict[str, str]:
    """A colour class per speaker, in order of first quote: the same person keeps one colour."""
    colours: dict[str, str] = {}
    for q in quotes:
        key = speaker_key(q)
        if key is not None and key not in colours:
            colours[key] = f"sp{len(colours) % PALETTE_SIZE}"
    return colours


def speaker_key(quote: dict) -> str | None:
    return quote.get("person_id") or quote["speaker"]["name"]


def annotate(text: str, quotes: list[dict]) -> list[Piece]:
    """Cut `text` at every quote, cue and mention boundary; each piece says what covers it.

    `quotes` are extract-schema dicts (spans, cue, speaker.mention offsets). Where a cue or a
    mention lies inside quoted words (nested speech), the cue or mention wins, so it stays visible.
    """
    colours = speaker_colours(quotes)
    marks: list[tuple[int, int, int, str]] = []  # start, end, priority, role; then quote index
    owners: list[int] = []
    for i, q in enumerate(quotes):
        spans = [("quote", s) for s in q["spans"]]
        if q.get("cue"):
            spans.append(("cue", q["cue"]["span"]))
        if q["speaker"].get("mention"):
            spans.append(("mention", q["speaker"]["mention"]["span"]))
        for role, (a, b) in spans:
            a, b = max(0, min(a, len(text))), max(0, min(b, len(text)))
            if a < b:
                marks.append((a, b, 0 if role == "quote" else 1, role))
                owners.append(i)
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    pieces: list[Piece] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(m[2], -(m[1] - m[0]), k) for k, m in enumerate(marks) if m[0] <= a and b <= m[1]]
        if not covering:
            pieces.append(Piece(text[a:b]))
            continue
        _, _, k = max(covering)
        i = owners[k]
        key = speaker_key(quotes[i])
        pieces.append(Piece(text[a:b], marks[k][3], i, colours.get(key, NO_SPEAKER) if key else NO_SPEAKER))
    return pieces


def evidence(quote: dict) -> dict:
    """What a reader hovering a quote is shown: who, through which mention, how, how sure."""
    sp = quote["speaker"]
    return {
        "speaker": quote.get("person_name") or sp["name"] or "unknown speaker",
        "mention": sp["mention"]["text"] if sp.get("mention") else None,
        "resolution": sp.get("resolution"),
        "cue": quote["cue"]["text"] if quote.get("cue") else None,
        "confidence": quote["confidence"],
        "kind": quote["kind"],
    }


def diff_pieces(canonical: str, variant: str) -> list[tuple[str, str | None]]:
    """The variant's words, each with "changed" or "added" where it differs from the canonical
    text, and the canonical words it drops as "cut" pieces; compared as normalised words."""
    tokens = [m.group() for m in re.finditer(r"\S+\s*", variant)]
    keys = [normalise_quote(t) for t in tokens]
    base_tokens = [m.group() for m in re.finditer(r"\S+\s*", canonical)]
    base = [normalise_quote(t) for t in base_tokens]
    out: list[tuple[str, str | None]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=base, b=keys, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            cut = "".join(base_tokens[i1:i2]).strip()
            if cut and normalise_quote(cut):
                out.append((cut + " ", "cut"))
        for t in tokens[j1:j2]:
            out.append((t, None if op == "equal" or not normalise_quote(t) else
                        ("changed" if op == "replace" else "added")))
    return out


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    n: int
    x: float
    y: float
    width: float
    height: float
    undated: bool = False


CHART_W, CHART_H, CHART_PAD = 640.0, 160.0, 24.0


def timeline_bars(days: list[dict]) -> list[Bar]:
    """Bars of quotes per month (per day when all fall within two months), undated ones last."""
    dated = [(d["day"], d["n"]) for d in days if d["day"] and _is_day(d["day"])]
    undated = sum(d["n"] for d in days if not (d["day"] and _is_day(d["day"])))
    buckets: dict[str, int] = {}
    by_day = bool(dated) and dated[0][0][:7] >= _month_before(dated[-1][0][:7])
    for day, n in dated:
        key = day if by_day else day[:7]
        buckets[key] = buckets.get(key, 0) + n
    if not by_day and buckets:
        buckets = _fill_months(buckets)
    items = [(k, n, False) for k, n in buckets.items()]
    if undated:
        items.append(("undated", undated, True))
    if not items:
        return []
    top = max(n for _, n, _ in items)
    step = (CHART_W - 2 * CHART_PAD) / len(items)
    width = max(2.0, step * 0.8)
    inner = CHART_H - 2 * CHART_PAD
    bars = []
    for k, (label, n, is_undated) in enumerate(items):
        h = max(1.0, inner * n / top)
        bars.append(Bar(label, n, round(CHART_PAD + k * step + (step - width) / 2, 1),
                        round(CHART_PAD + inner - h, 1), round(width, 1), round(h, 1), is_undated))
    return bars


def _is_day(s: str) -> bool:
    try:
        date.fromisoformat(s[:10])
    except ValueError:
        return False
    return True


def _month_before(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"


def _fill_months(buckets: dict[str, int]) -> dict[str, int]:
    """Every month from the first to the last, zero where nothing was said: time reads true."""
    months = sorted(buckets)
    y, m = int(months[0][:4]), int(months[0][5:7])
    out = {}
    while f"{y}-{m:02d}" <= months[-1] and len(out) < 600:
        key = f"{y}-{m:02d}"
        out[key] = buckets.get(key, 0)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
