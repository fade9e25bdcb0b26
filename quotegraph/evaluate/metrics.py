"""The scores of shared/data/README.md, one function each, for one article at a time.

Gold quotes are the dicts of the gold JSONL (`kind`, `content`, `source`, `cue`, `speaker`);
predicted quotes are the dicts of `quote.schema.json` (`kind`, `spans`, `cue`, `speaker`). Every
metric starts from one `Alignment`: the one-to-one pairing of gold and predicted quotes at a
coverage threshold. `report.py` sums the per-article counts over a gold file.

Counts are kept, not ratios, so articles add up exactly. A ratio whose denominator is zero is
undefined and given as None (never ZeroDivisionError): "no quotes to find" is not "found none".
F1 is None only when both precision and recall are; when just one is, F1 is 0.0, so predicting
nothing for gold quotes scores 0, not "n/a".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, Protocol, Self, TypeVar

from quotegraph.model import Offsets, QuoteKind

KINDS: tuple[QuoteKind, ...] = ("direct", "mixed", "indirect")

QUOTE_MARKS = frozenset("\"'“”‘’«»„‚‟‛‹›「」『』")
"""Every quote mark style met in news text; never counted in coverage and trimmed from spans."""

EDGE_PUNCTUATION = frozenset(".,;:!?…-‐‑‒–—―")
"""Punctuation trimmed from span edges: annotators differ on whether "said." ends at the dot."""

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "dame", "prof"})
"""Dropped from names before comparing. Job titles ("President") are left in on purpose: they are
not names and "President Biden" vs "Joe Biden" should not match by dropping words at will."""

GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""A last word that is no surname: "Joseph R. Biden Jr." is Mr. Biden."""

_UNDECOMPOSABLE = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe"})
"""Letters NFKD does not split into a base letter and an accent."""
_NAME_TOKEN = re.compile(r"[^\W_]+")


def _is_trimmable(char: str) -> bool:
    return char.isspace() or char in QUOTE_MARKS or char in EDGE_PUNCTUATION


def _is_counted(char: str) -> bool:
    return not (char.isspace() or char in QUOTE_MARKS)


class _Addable(Protocol):
    def __add__(self, other: Self, /) -> Self: ...


T = TypeVar("T", bound=_Addable)


@dataclass(frozen=True, slots=True)
class Tally:
    """The counts behind one P/R/F1.

    `found` counts gold items hit (recall's numerator), `correct` predicted items hit (precision's).
    Overall they are equal; by kind they differ, since recall is split by the gold quote's kind and
    precision by the predicted quote's kind.
    """

    gold: int = 0
    predicted: int = 0
    found: int = 0
    correct: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.found + other.found,
            self.correct + other.correct,
        )

    @property
    def precision(self) -> float | None:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.gold)

    @property
    def f1(self) -> float | None:
        """Harmonic mean of P and R; 0.0 when one side is empty and the other is not (predicting
        nothing fails), None only when both are (nothing to score)."""
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        if not p or not r:
            return 0.0
        return 2 * p * r / (p + r)

    def to_dict(self) -> dict:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "gold": self.gold,
            "predicted": self.predicted,
            "found": self.found,
            "correct": self.correct,
        }


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Right answers out of the questions asked; `value` is None when none was asked."""

    total: int = 0
    correct: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.total + other.total, self.correct + other.correct)

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict:
        return {"accuracy": self.value, "total": self.total, "correct": self.correct}


@dataclass(frozen=True, slots=True)
class ByKind(Generic[T]):
    """One count per quote kind; `overall` is their sum, since every quote has exactly one kind."""

    direct: T
    mixed: T
    indirect: T

    def __add__(self, other: ByKind[T]) -> ByKind[T]:
        return ByKind(
            self.direct + other.direct,
            self.mixed + other.mixed,
            self.indirect + other.indirect,
        )

    @property
    def overall(self) -> T:
        return self.direct + self.mixed + self.indirect

    def get(self, kind: QuoteKind) -> T:
        return getattr(self, kind)

    def to_dict(self) -> dict:
        counts = {"overall": self.overall, **{kind: self.get(kind) for kind in KINDS}}
        return {name: count.to_dict() for name, count in counts.items()}


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _tally_by_kind(
    gold_kinds: Iterable[str],
    predicted_kinds: Iterable[str],
    found_kinds: Iterable[str],
    correct_kinds: Iterable[str],
) -> ByKind[Tally]:
    counts = [Counter(kinds) for kinds in (gold_kinds, predicted_kinds, found_kinds, correct_kinds)]
    return ByKind(**{kind: Tally(*(count[kind] for count in counts)) for kind in KINDS})


# Coverage and one-to-one matching


def _merge(spans: Iterable[Sequence[int]], length: int) -> list[Offsets]:
    """Sorted, disjoint spans clipped to the text, so overlap is counted once."""
    merged: list[Offsets] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _counted_chars(prefix: list[int], spans: list[Offsets]) -> int:
    return sum(prefix[end] - prefix[start] for start, end in spans)


def _intersect(a: list[Offsets], b: list[Offsets]) -> list[Offsets]:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def coverage_matrix(
    text: str, gold: Sequence[dict], predicted: Sequence[dict]
) -> list[list[float]]:
    """Share of each gold quote's counted characters (not quote marks, not white space) that each
    predicted quote covers: coverage[g][p].

    Counting that way makes the score blind to whether a side includes the quote marks, as PolNeAR
    does and the seed does not. A gold quote with no counted character is covered by nothing.
    """
    prefix = list(accumulate((_is_counted(c) for c in text), initial=0))
    predicted_spans = [_merge(p["spans"], len(text)) for p in predicted]
    matrix = []
    for g in gold:
        gold_spans = _merge(g["content"], len(text))
        size = _counted_chars(prefix, gold_spans)
        matrix.append(
            [
                _counted_chars(prefix, _intersect(gold_spans, spans)) / size if size else 0.0
                for spans in predicted_spans
            ]
        )
    return matrix


def _min_cost_assignment(cost: list[list[float]]) -> list[int]:
    """Hungarian algorithm (Kuhn-Munkres, O(n²m)) for n rows <= m columns: the column of each row.

    Written out because scipy is not a dependency; `align_quotes` only feeds it the small groups of
    quotes that overlap one another, so its cubic time never sees a whole article.
    """
    n, m = len(cost), len(cost[0])
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    row_of, way = [0] * (m + 1), [0] * (m + 1)
    for row in range(1, n + 1):
        row_of[0], col = row, 0
        slack, used = [float("inf")] * (m + 1), [False] * (m + 1)
        while row_of[col]:
            used[col] = True
            r, delta, next_col = row_of[col], float("inf"), 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = cost[r - 1][j - 1] - u[r] - v[j]
                    if reduced < slack[j]:
                        slack[j], way[j] = reduced, col
                    if slack[j] < delta:
                        delta, next_col = slack[j], j
            for j in range(m + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            col = next_col
        while col:
            previous = way[col]
            row_of[col] = row_of[previous]
            col = previous
    assignment = [-1] * n
    for j in range(1, m + 1):
        if row_of[j]:
            assignment[row_of[j] - 1] = j - 1
    return assignment


def _components(edges: dict[int, set[int]]) -> list[tuple[list[int], list[int]]]:
    """Connected groups of gold (keys) and predicted (values) quotes that overlap enough."""
    seen: set[int] = set()
    groups = []
    predicted_to_gold: dict[int, set[int]] = {}
    for g, ps in edges.items():
        for p in ps:
            predicted_to_gold.setdefault(p, set()).add(g)
    for start in edges:
        if start in seen:
            continue
        golds, preds, stack = {start}, set(), [start]
        seen.add(start)
        while stack:
            for p in edges[stack.pop()] - preds:
                preds.add(p)
                for g in predicted_to_gold[p] - golds:
                    golds.add(g)
                    seen.add(g)
                    stack.append(g)
        groups.append((sorted(golds), sorted(preds)))
    return groups


def _match_group(
    golds: list[int], preds: list[int], coverage: list[list[float]], threshold: float
) -> list[tuple[int, int]]:
    """Most pairs first, then most coverage.

    A pair weighs 1 plus its coverage times 1/(n+1): n pairs' bonuses never add up to one more pair.
    """
    bonus = 1 / (min(len(golds), len(preds)) + 1)
    transpose = len(golds) > len(preds)
    rows, cols = (preds, golds) if transpose else (golds, preds)

    def pair(row: int, col: int) -> tuple[int, int]:
        return (col, row) if transpose else (row, col)

    def weight(g: int, p: int) -> float:
        return 1 + bonus * coverage[g][p] if coverage[g][p] >= threshold else 0.0

    cost = [[-weight(*pair(row, col)) for col in cols] for row in rows]
    assignment = _min_cost_assignment(cost)
    return [pair(rows[i], cols[j]) for i, j in enumerate(assignment) if cost[i][j] < 0]


@dataclass(frozen=True, slots=True)
class Alignment:
    """An article's gold and predicted quotes, paired one-to-one: (gold index, predicted index)."""

    text: str
    gold: tuple[dict, ...]
    predicted: tuple[dict, ...]
    pairs: tuple[tuple[int, int], ...]

    @property
    def unmatched_gold(self) -> list[int]:
        matched = {g for g, _ in self.pairs}
        return [g for g in range(len(self.gold)) if g not in matched]

    @property
    def unmatched_predicted(self) -> list[int]:
        matched = {p for _, p in self.pairs}
        return [p for p in range(len(self.predicted)) if p not in matched]


def align_quotes(
    text: str, gold: Sequence[dict], predicted: Sequence[dict], threshold: float
) -> Alignment:
    """Pair gold and predicted quotes one-to-one where a prediction covers >= `threshold` of a gold.

    An optimal assignment, not a greedy one: it finds the most pairs (a greedy pick of the biggest
    overlap can take the only candidate of another gold quote), then the most coverage among those.
    """
    coverage = coverage_matrix(text, gold, predicted)
    edges = {
        g: {p for p, share in enumerate(row) if share >= threshold}
        for g, row in enumerate(coverage)
    }
    edges = {g: ps for g, ps in edges.items() if ps}
    pairs = [
        pair
        for golds, preds in _components(edges)
        for pair in _match_group(golds, preds, coverage, threshold)
    ]
    return Alignment(text, tuple(gold), tuple(predicted), tuple(sorted(pairs)))


# The metrics


def quote_detection(alignment: Alignment) -> ByKind[Tally]:
    """quotes@threshold: a gold quote is found, and a predicted quote correct, if paired."""
    gold, predicted = alignment.gold, alignment.predicted
    return _tally_by_kind(
        (q["kind"] for q in gold),
        (q["kind"] for q in predicted),
        (gold[g]["kind"] for g, _ in alignment.pairs),
        (predicted[p]["kind"] for _, p in alignment.pairs),
    )


def name_tokens(name: str | None) -> tuple[str, ...]:
    """A name as comparable tokens: case and accents folded, punctuation, honorifics and a
    generational suffix dropped."""
    if name is None:
        return ()
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_UNDECOMPOSABLE))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    tokens = tuple(t for t in _NAME_TOKEN.findall(plain) if t not in HONORIFICS)
    return tokens[:-1] if len(tokens) > 2 and tokens[-1] in GENERATIONAL else tokens


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Whether two names denote the same person, as far as names alone can tell.

    Same when one name's tokens are a subset of the other's and both end in the same token:
    "Zelensky" ~ "Volodymyr Zelensky", "Mr. Blinken" ~ "Antony J. Blinken". A first name alone
    does not match ("Volodymyr"), nor a nickname ("Tony Blair" vs "Anthony Blair"): the gold holds
    the fullest name the article gives, so these are errors of the extractor. A name that folds to
    nothing counts as no name, and no name is right only against no name.
    """
    a, b = name_tokens(gold), name_tokens(predicted)
    if not a or not b:
        return not a and not b
    shorter, longer = sorted((a, b), key=len)
    return shorter[-1] == longer[-1] and set(shorter) <= set(longer)


def _predicted_name(quote: dict) -> str | None:
    return (quote.get("speaker") or {}).get("name")


def speaker_accuracy(alignment: Alignment) -> ByKind[Accuracy]:
    """Among paired gold quotes, by gold kind: is the predicted speaker the gold `speaker`?

    Only meaningful for gold with resolved names (`annotation.speaker_names`); the caller decides.
    """
    gold, predicted = alignment.gold, alignment.predicted
    asked = Counter(gold[g]["kind"] for g, _ in alignment.pairs)
    right = Counter(
        gold[g]["kind"]
        for g, p in alignment.pairs
        if same_speaker(gold[g].get("speaker"), _predicted_name(predicted[p]))
    )
    return ByKind(**{kind: Accuracy(asked[kind], right[kind]) for kind in KINDS})


def end_to_end(alignment: Alignment) -> ByKind[Tally]:
    """P/R/F1 of quotes both found (at the alignment's threshold) and given the right speaker."""
    gold, predicted = alignment.gold, alignment.predicted
    hits = [
        (g, p)
        for g, p in alignment.pairs
        if same_speaker(gold[g].get("speaker"), _predicted_name(predicted[p]))
    ]
    return _tally_by_kind(
        (q["kind"] for q in gold),
        (q["kind"] for q in predicted),
        (gold[g]["kind"] for g, _ in hits),
        (predicted[p]["kind"] for _, p in hits),
    )


def _trim(text: str, start: int, end: int) -> Offsets:
    while start < end and _is_trimmable(text[start]):
        start += 1
    while end > start and _is_trimmable(text[end - 1]):
        end -= 1
    return start, end


def normalise_spans(text: str, spans: Iterable[Sequence[int]]) -> tuple[Offsets, ...]:
    """A role's spans as compared for exact match: each trimmed of quote marks, white space and edge
    punctuation, empty ones dropped, and spans joined when only such characters lie between them.

    Joining makes a role split in two ("We seek no conflict," he said. "But ...") equal to the same
    words given as one span over the gap's quote marks, but never to a span that takes in the
    "he said" between them.
    """
    joined: list[Offsets] = []
    for start, end in _merge(spans, len(text)):
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        if joined and all(_is_trimmable(c) for c in text[joined[-1][1] : start]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return tuple(joined)


def _gold_content(quote: dict) -> list:
    return quote["content"]


def _gold_source(quote: dict) -> list:
    return quote.get("source") or []


def _gold_cue(quote: dict) -> list:
    return quote.get("cue") or []


def _predicted_content(quote: dict) -> list:
    return quote["spans"]


def _predicted_source(quote: dict) -> list:
    mention = (quote.get("speaker") or {}).get("mention")
    return [mention["span"]] if mention else []


def _predicted_cue(quote: dict) -> list:
    cue = quote.get("cue")
    return [cue["span"]] if cue else []


def _exact_role(
    alignment: Alignment,
    gold_role: Callable[[dict], list],
    predicted_role: Callable[[dict], list],
) -> ByKind[Tally]:
    text, gold, predicted = alignment.text, alignment.gold, alignment.predicted
    gold_spans = [normalise_spans(text, gold_role(q)) for q in gold]
    predicted_spans = [normalise_spans(text, predicted_role(q)) for q in predicted]
    hits = [
        (g, p) for g, p in alignment.pairs if gold_spans[g] and gold_spans[g] == predicted_spans[p]
    ]
    return _tally_by_kind(
        (q["kind"] for q, spans in zip(gold, gold_spans) if spans),
        (q["kind"] for q, spans in zip(predicted, predicted_spans) if spans),
        (gold[g]["kind"] for g, _ in hits),
        (predicted[p]["kind"] for _, p in hits),
    )


def exact_content(alignment: Alignment) -> ByKind[Tally]:
    """Exact content: a paired quote whose normalised content spans equal the gold's.

    PolNeAR and CofeNet score each role as a set of spans over the article; we pair spans through
    the quote alignment (at 0.3 in the report) instead, so a span counts once per quote it belongs
    to and can only match the role of its own quote. Denominators: all predicted / all gold quotes.
    """
    return _exact_role(alignment, _gold_content, _predicted_content)


def exact_source(alignment: Alignment) -> ByKind[Tally]:
    """Exact source: the predicted `speaker.mention` span equals the gold `source`, normalised.

    Paired as in `exact_content`: a mention shared by two quotes ("he said A and B") counts for
    each. Denominators: predicted quotes with a mention / gold quotes with a source.
    """
    return _exact_role(alignment, _gold_source, _predicted_source)


def exact_cue(alignment: Alignment) -> ByKind[Tally]:
    """Exact cue: the predicted `cue.span` equals the gold `cue` after normalising.

    Paired as in `exact_content`. Denominators: predicted / gold quotes with a cue.
    """
    return _exact_role(alignment, _gold_cue, _predicted_cue)
