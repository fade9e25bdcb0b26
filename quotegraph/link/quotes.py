"""Quotes in many articles to quote clusters, variants, fragments and headline traces.

- The same words (after `normalise_quote`) in several articles are one cluster. Quotes under four
  words cluster only with the same speaker: "We will see" said by two people is two quotes.
- Near-identical quotes of six words or more join a cluster as variants: a word changed
  (`rapidfuzz.fuzz.ratio` >= 90 on the normalised text) or a sentence cut (one contains the other
  and keeps at least half its words). Each variant keeps its word-level differences from the
  cluster's canonical text, so a misquote can be seen.
- A shorter quote inside a longer one (`'Weak'`, "a green light") stays its own cluster and is
  linked to the longer quote it comes from: in its own article first, then, for fragments of three
  words or more, by the same speaker anywhere, then anywhere.
- A headline's quoted words are traced to the body quote of the same article that contains them.

Pure functions of the records; the order of `QuoteRecord.order` decides "first seen".
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

VARIANT_RATIO = 90
VARIANT_MIN_WORDS = 6
SHORT_QUOTE_WORDS = 4
CUT_MIN_SHARE = 0.5
FRAGMENT_MAX_WORDS = 12
SHINGLE = 3
COMMON_SHINGLE = 50

_QUOTE_CHARS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'",
                              "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_HEADLINE_QUOTE = re.compile(
    r"""(?:^|(?<=[\s(\[:,]))(['"])(?P<words>[^'"\n]{1,200}?)\1(?=$|[\s,.:;!?)\]])"""
)


def normalise_quote(text: str) -> str:
    """Lower-case words without punctuation: what two copies of the same quote have in common."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS).casefold()
    words = re.findall(r"\w+(?:'\w+)*", text)
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One stored quote, as linking needs it."""

    id: str
    article_id: str
    text: str
    person_id: str | None
    order: tuple
    norm: str = ""


@dataclass(slots=True)
class Cluster:
    """One quote and its copies: the members in first-seen order, the canonical text, diffs."""

    id: str
    members: list[str]
    canonical: str
    relation: dict[str, str] = field(default_factory=dict)
    diffs: dict[str, list[dict]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Link:
    """A fragment or a headline's quoted words pointing at the quote they come from."""

    source_type: str
    source_id: str
    text: str
    relation: str
    target_quote_id: str
    score: float


def cluster_quotes(records: Iterable[QuoteRecord]) -> tuple[list[Cluster], list[Link]]:
    """Clusters of copies and variants, and fragment links between clusters."""
    recs = sorted(
        (r if r.norm else _with_norm(r) for r in records), key=lambda r: r.order
    )
    recs = [r for r in recs if r.norm]
    by_id = {r.id: r for r in recs}
    # 1. exact copies
    groups: dict[tuple, list[QuoteRecord]] = {}
    for r in recs:
        n_words = r.norm.count(" ") + 1
        key = (r.norm, r.person_id) if n_words < SHORT_QUOTE_WORDS else (r.norm, None)
        groups.setdefault(key, []).append(r)
    keys = list(groups)
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # 2. near-identical variants, among groups of VARIANT_MIN_WORDS or more
    long_ids = [i for i, k in enumerate(keys) if k[0].count(" ") + 1 >= VARIANT_MIN_WORDS]
    index: dict[str, list[int]] = defaultdict(list)
    for i in long_ids:
        for sh in _shingles(keys[i][0]):
            index[sh].append(i)
    for i in long_ids:
        counts: Counter = Counter()
        for sh in _shingles(keys[i][0]):
            posting = index[sh]
            if len(posting) <= COMMON_SHINGLE:
                counts.update(j for j in posting if j > i)
        a = keys[i][0]
        for j, shared in counts.items():
            if find(i) == find(j) or shared < 2:
                continue
            if _is_variant(a, keys[j][0]):
                parent[find(j)] = find(i)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        members[find(i)].append(i)

    clusters: list[Cluster] = []
    cluster_of: dict[str, Cluster] = {}
    for root in sorted(members, key=lambda i: groups[keys[i]][0].order):
        gs = members[root]
        quotes = sorted((q for i in gs for q in groups[keys[i]]), key=lambda r: r.order)
        canon_i = min(gs, key=lambda i: (-len(groups[keys[i]]), -len(keys[i][0]), groups[keys[i]][0].order))
        canonical = groups[keys[canon_i]][0]
        cid = "c" + hashlib.sha1(quotes[0].id.encode()).hexdigest()[:12]
        c = Cluster(id=cid, members=[q.id for q in quotes], canonical=canonical.id)
        for q in quotes:
            if q.norm == canonical.norm:
                c.relation[q.id] = "copy"
            else:
                c.relation[q.id] = "variant"
                c.diffs[q.id] = diff_words(canonical.norm, q.norm)
        clusters.append(c)
        for q in quotes:
            cluster_of[q.id] = c
    return clusters, _fragment_links(recs, by_id, cluster_of)


def diff_words(canonical: str, variant: str) -> list[dict]:
    """Word-level differences from the canonical text: replaced, cut or added words."""
    a, b = canonical.split(), variant.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append({"op": op, "canonical": " ".join(a[i1:i2]), "variant": " ".join(b[j1:j2])})
    return out


def trace_headlines(
    titles: Iterable[tuple[str, str]], records: Sequence[QuoteRecord]
) -> list[Link]:
    """Each headline's quoted words to the body quote of the same article they stand for."""
    by_article: dict[str, list[QuoteRecord]] = defaultdict(list)
    for r in records:
        by_article[r.article_id].append(r if r.norm else _with_norm(r))
    links = []
    for article_id, title in titles:
        for m in _HEADLINE_QUOTE.finditer(title.translate(_QUOTE_CHARS)):
            words = normalise_quote(m.group("words"))
            if not words:
                continue
            best, best_score = None, 0.0
            for r in by_article.get(article_id, ()):
                if r.norm == words:
                    continue
                score = 100.0 if f" {words} " in f" {r.norm} " else fuzz.partial_ratio(words, r.norm)
                if score >= VARIANT_RATIO and (score, len(r.norm)) > (best_score, len(best.norm) if best else 0):
                    best, best_score = r, score
            if best is not None:
                links.append(Link("headline", article_id, m.group("words"), "headline", best.id, best_score / 100))
    return links


def _with_norm(r: QuoteRecord) -> QuoteRecord:
    return QuoteRecord(r.id, r.article_id, r.text, r.person_id, r.order, normalise_quote(r.text))


def _shingles(norm: str) -> set[str]:
    words = norm.split()
    if len(words) < SHINGLE:
        return {norm}
    return {" ".join(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)}


def _is_variant(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if f" {short} " in f" {long} ":
        return short.count(" ") + 1 >= CUT_MIN_SHARE * (long.count(" ") + 1)
    return fuzz.ratio(a, b) >= VARIANT_RATIO


def _fragment_links(
    recs: list[QuoteRecord], by_id: dict[str, QuoteRecord], cluster_of: dict[str, Cluster]
) -> list[Link]:
    word_index: dict[str, list[QuoteRecord]] = defaultdict(list)
    freq: Counter = Counter()
    for r in recs:
        for w in set(r.norm.split()):
            word_index[w].append(r)
            freq[w] += 1
    links = []
    for r in recs:
        words = r.norm.split()
        if len(words) > FRAGMENT_MAX_WORDS:
            continue
        rarest = min(words, key=lambda w: freq[w])
        needle = f" {r.norm} "
        own = cluster_of[r.id]
        candidates = [
            c for c in word_index[rarest]
            if c.id != r.id and cluster_of[c.id] is not own
            and len(c.norm) > len(r.norm) and needle in f" {c.norm} "
        ]
        if not candidates:
            continue

        def rank(c: QuoteRecord) -> tuple:
            return (c.article_id != r.article_id,
                    r.person_id is None or c.person_id != r.person_id, c.order)

        best = min(candidates, key=rank)
        if best.article_id != r.article_id and (
            len(words) < 3 or (len(words) < SHORT_QUOTE_WORDS and best.person_id != r.person_id)
        ):
            continue
        links.append(Link("quote", r.id, r.text, "fragment", best.id, round(len(r.norm) / len(best.norm), 3)))
    return links
