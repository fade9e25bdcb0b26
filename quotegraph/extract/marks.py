"""Pair quotation marks in raw text, in any style, without trusting them to be balanced.

Works on characters, before and apart from spaCy, because tokenisers split quote marks
inconsistently and because pairing is a property of the text, not of the parse.

Rules, in the order they matter:
- a mark between two letters or digits is an apostrophe (don't, Ukraine's), as is a mark
  before digits (the '90s) and the marks of common elisions (rock 'n' roll, 'tis, 'em); a
  single mark after a letter closes a quote only when a single quote is open, so plural
  possessives (the Smiths' house) stay apostrophes;
- a quote never crosses a paragraph, except in the news convention where each paragraph
  of a long quote re-opens the mark and only the last one closes it; inside a paragraph, a
  mark of the open quote's style after a sentence end re-opens that quote (`"A. "B."`), it
  does not nest a new one;
- a mark left open at the end of its paragraph is dropped, so one stray mark can never
  swallow the rest of the article; the exception is a paragraph that starts with the
  mark (a quote paragraph whose closing mark was lost), kept as an unclosed quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = frozenset('"“”„«»')
SINGLE = frozenset("'‘’‚‹›")
MARKS = DOUBLE | SINGLE
# What may close a quote opened by each mark: English, German, French, Swiss and Nordic styles.
CLOSERS = {
    '"': '"”“',
    "“": '”"“',
    "”": '”"',
    "„": '“”"',
    "«": "»",
    "»": "«»",
    "'": "'’",
    "‘": "’'",
    "’": "’'",
    "‚": "‘’'",
    "‹": "›",
    "›": "‹›",
}
_OPEN_ONLY = frozenset("“„«‘‚‹")
_CLOSE_ONLY = frozenset("”»’›")
SENTENCE_ENDS = frozenset(".!?…")
_OPENING_CONTEXT = frozenset("([{—–-/ \t\n\u00a0") | MARKS
_CLOSING_CONTEXT = frozenset(".,;:!?)]}—–-/… \t\n\u00a0") | MARKS

# ``NYT style'' and ''doubled'' marks: read as one double mark followed by a space, which
# keeps every offset.
_DOUBLED = re.compile(r"''|``")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
# Elisions whose apostrophe sits at a word's edge: rock 'n' roll, 'tis, 'em, 'cause.
_ELISION = re.compile(
    r"(?<!\S)['‘’]n['’](?!\S)|(?<![\w'‘’])['‘’](?:tis|twas|em|cause|til|bout|nuff|cos)\b(?!['’])", re.I
)


@dataclass(frozen=True, slots=True)
class Quoted:
    """A top-level quotation: its content spans (inside the marks) and the marks themselves.

    `spans` has one entry per paragraph the quote runs over; `marks` holds the character
    offset of every mark that belongs to it, so callers can tell quote text from framing.
    """

    spans: tuple[tuple[int, int], ...]
    marks: tuple[int, ...]
    closed: bool

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph offsets: one per line, unless the text is hard-wrapped (then blank-line separated).

    News text puts a paragraph on a line, sometimes with blank lines between; a quote never
    crosses a line there. Only hard-wrapped text (lines of near-equal width) carries sentences
    over line breaks.
    """
    breaker = _PARAGRAPH_BREAK if _hard_wrapped(text) else _LINE_BREAK
    spans, start = [], 0
    for m in breaker.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _hard_wrapped(text: str) -> bool:
    lengths = [len(line) for line in text[:20_000].split("\n") if line.strip()]
    if len(lengths) < 5 or max(lengths) > 100:
        return False
    return sum(n >= 0.75 * max(lengths) for n in lengths) >= 0.6 * len(lengths)


def _roles(text: str, i: int, lo: int, hi: int, elided: frozenset[int] = frozenset()) -> tuple[bool, bool]:
    """Whether the mark at `i` can open and can close a quote, judged from its neighbours."""
    if i in elided:
        return False, False
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if ch in SINGLE and prev.isalnum() and nxt.isalnum():
        return False, False  # don't, Ukraine's
    if ch in "'’‘" and nxt.isdigit() and not prev.isalnum():
        return False, False  # the '90s
    left = prev in _OPENING_CONTEXT and not nxt.isspace()
    right = not prev.isspace() and nxt in _CLOSING_CONTEXT
    if ch in "„‚":
        return True, False
    if ch in "«‹":
        return left or not right, right  # closes »…« (German, Danish) when one is open
    if ch in "»›":
        return left and not right, True  # »…« in German and Danish
    if ch == "”":
        return False, True
    if ch == "’":
        return False, right
    if ch in "“‘":
        return left or not right, right  # English opener, German closer („…“)
    if ch == "'":
        return left, right
    return left or not right, right or not left  # straight double: the stack decides


def _pair_paragraph(
    text: str, lo: int, hi: int, elided: frozenset[int]
) -> tuple[list[tuple[int, int]], list[int], dict[int, list[int]]]:
    """Pair the marks of one paragraph with a stack; returns the pairs, the marks left open, and
    the re-opening marks inside each opened quote (`"A. "B."`: no closing mark before B)."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    reopens: dict[int, list[int]] = {}
    for i in range(lo, hi):
        ch = text[i]
        if ch not in MARKS:
            continue
        can_open, can_close = _roles(text, i, lo, hi, elided)
        if can_open and not can_close and stack and ch in DOUBLE and _same_style(text[stack[-1]], ch) and (
            text[lo:i].rstrip()[-1:] in SENTENCE_ENDS
        ):
            reopens.setdefault(stack[-1], []).append(i)  # a new sentence of the open quote, not a nested one
            continue
        match = None
        if can_close:
            match = next((k for k in range(len(stack) - 1, -1, -1) if ch in CLOSERS[text[stack[k]]]), None)
            # A single mark closes only the innermost quote; an apostrophe must not unwind others.
            if match is not None and ch in SINGLE and match != len(stack) - 1:
                match = None
        if match is not None and (not can_open or match == len(stack) - 1):
            pairs.append((stack[match], i))
            del stack[match:]
        elif can_open:
            stack.append(i)
    return pairs, stack, reopens


def find_quotes(text: str) -> list[Quoted]:
    """Every top-level quotation in `text`, in order; nested quotes stay inside their parent."""
    text = _DOUBLED.sub('" ', text)
    elided = frozenset(i for m in _ELISION.finditer(text) for i in range(m.start(), m.end()) if text[i] in SINGLE)
    quotes: list[Quoted | None] = []
    running: list[tuple[int, int]] = []  # spans of a quote that runs over paragraphs
    running_marks: list[int] = []
    running_ok = False
    for lo, hi in split_paragraphs(text):
        pairs, left, reopened = _pair_paragraph(text, lo, hi, elided)

        def pieces(opening: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
            """Spans and marks of a quote from `opening` to `end`, split where it re-opens."""
            marks = [opening, *reopened.get(opening, [])]
            return [(m + 1, n) for m, n in zip(marks, marks[1:] + [end])], marks

        reopens = bool(running) and _same_style(text[running_marks[-1]], text[lo]) and _roles(text, lo, lo, hi, elided)[0]
        if running and not reopens:
            quotes.append(_make(running, running_marks, False, text) if running_ok else None)
            running, running_marks = [], []
        if reopens:
            closing = next((c for o, c in pairs if o == lo), None)
            if closing is None and left and left[0] == lo:
                spans, marks = pieces(lo, hi)
                running += spans
                running_marks += marks
                continue
            if closing is not None:
                spans, marks = pieces(lo, closing)
                quotes.append(_make(running + spans, running_marks + marks + [closing], True, text))
                running, running_marks = [], []
                pairs = [(o, c) for o, c in pairs if o != lo and not lo < o < closing]
            else:
                quotes.append(_make(running, running_marks, False, text) if running_ok else None)
                running, running_marks = [], []
        if left:
            # A quote left open: it runs on if the next paragraph re-opens it; if not, it is kept
            # only where it opened the paragraph or followed a colon (a lost closing mark).
            start = left[0]
            lead = text[lo:start].rstrip()
            running, running_marks = pieces(start, hi)
            running_ok = not lead or lead.endswith(":")
            outer = [(o, c) for o, c in pairs if c < start and not any(o2 < o and c < c2 for o2, c2 in pairs)]
            quotes.extend(_make(*pieces(o, c), True, text, closing=c) for o, c in outer)
            continue
        outer = [(o, c) for o, c in pairs if not any(o2 < o and c < c2 for o2, c2 in pairs)]
        quotes.extend(_make(*pieces(o, c), True, text, closing=c) for o, c in outer)
    if running and running_ok:
        quotes.append(_make(running, running_marks, False, text))
    return sorted((q for q in quotes if q is not None), key=lambda q: q.start)


def _same_style(opened: str, reopened: str) -> bool:
    """A long quote re-opens each paragraph with its own mark; a straight mark after a curly one
    (or the reverse) is a stray, not a continuation."""
    return opened == reopened or (opened in "“„" and reopened in "“„")


def _make(spans, marks, closed: bool, text: str, closing: int | None = None) -> Quoted | None:
    """Trim white space inside the marks; drop quotes with no letters. `closing` is a closing
    mark to add to `marks`."""
    marks = [*marks, closing] if closing is not None else marks
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    if not trimmed or not any(text[s:e].strip(" .,;:!?-") and any(c.isalpha() for c in text[s:e]) for s, e in trimmed):
        return None
    return Quoted(tuple(trimmed), tuple(marks), closed)
