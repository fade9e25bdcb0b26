"""Speaker names in many articles to people: one entity for "Tony Blair", "Mr Blair", "Blair".

Each article names its speakers (`Speaker`: fullest name, aliases, titles); linking joins those
per-article records into people across the corpus. The rules, in order:

1. A name is split into leading titles ("Prime Minister", "Mr") and the name proper; the surname's
   spelling skeleton (accents folded, doubled letters collapsed, -y/-iy/-yy/-i endings merged) puts
   Zelensky, Zelenskyy and Zelenskiy in one block.
2. Full names in a block join when their given names agree (equal, an initial, or a close spelling:
   Volodymyr/Volodimir) and their contexts do not conflict. Two records conflict when both carry
   titles with no word in common, share no co-quoted speaker, and are not from the same outlet
   within a year: that is how a homonym in an unrelated article stays apart.
3. A surname alone ("Blair", "Mr Blair") goes to the full-name person of its block that its context
   (titles, co-quoted speakers, outlet, date) supports best; with no evidence it goes to a person
   only when that person dominates the block (3 to 1), otherwise it stays a person of its own.
4. Organisations join on their folded name, without "the".

Everything is a pure function of the records, processed in their `seq` order, so relinking the same
store always gives the same people and the same ids.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date

from rapidfuzz import fuzz

# Leading titles, longest first when matched. Kept as a list of word sequences so that
# "Prime Minister" peels off before "Minister" would.
TITLES = sorted(
    [
        (t,)
        for t in (
            "mr mrs ms miss mx dr doctor prof professor sir dame lord lady baroness baron rev reverend"
            " father rabbi imam sheikh president vice-president prime minister deputy chancellor"
            " secretary senator sen rep representative congressman congresswoman governor gov mayor"
            " general gen colonel col captain capt major lieutenant lt admiral commander judge justice"
            " king queen prince princess pope cardinal bishop archbishop chairman chairwoman chair"
            " ambassador councillor commissioner speaker leader coach manager inspector sergeant"
            " superintendent detective officer spokesman spokeswoman spokesperson chief executive"
            " foreign home health defence defense education culture trade transport shadow labour"
            " conservative tory liberal democrat republican democratic former late new acting"
            " interim first lady state mp mep the minister's"
        ).split()
    ]
    + [
        ("prime", "minister"),
        ("chief", "executive"),
        ("foreign", "secretary"),
        ("home", "secretary"),
        ("vice", "president"),
        ("first", "minister"),
        ("attorney", "general"),
        ("secretary", "of", "state"),
    ],
    key=len,
    reverse=True,
)
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "mp", "mep", "qc", "kc", "obe", "mbe", "cbe", "phd"}
PARTICLES = {"de", "del", "della", "van", "von", "der", "den", "al", "el", "bin", "ben", "le", "la",
             "du", "di", "da", "dos", "das", "mac", "st"}
# Title words that say nothing about which person is meant.
GENERIC_TITLE_WORDS = {"mr", "mrs", "ms", "miss", "mx", "dr", "the", "of", "former", "late", "new",
                       "acting", "interim", "sir", "dame", "lord", "lady", "state", "minister's"}
HOMONYM_DAYS = 365
DOMINANCE = 3.0
GIVEN_NAME_SIMILARITY = 85


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    """One speaker as one article names it, with the context linking may use."""

    key: tuple[str, int]
    name: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    n_quotes: int = 0
    outlet: str | None = None
    date: str | None = None
    seq: int = 0
    cospeakers: frozenset[str] = frozenset()


@dataclass(slots=True)
class Person:
    """A linked person (or organisation): its id, display name, and what the articles call it."""

    id: str
    name: str
    kind: str
    members: list[tuple[str, int]] = field(default_factory=list)
    aliases: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)


@dataclass(slots=True)
class _Group:
    surname: str
    given: list[str] = field(default_factory=list)
    full_names: Counter = field(default_factory=Counter)
    records: list[SpeakerRecord] = field(default_factory=list)
    title_words: Counter = field(default_factory=Counter)
    cospeakers: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)
    dates: list[Date] = field(default_factory=list)

    def add(self, rec: SpeakerRecord, given: list[str], display: str | None) -> None:
        if len(given) > len(self.given):
            self.given = given
        if display:
            self.full_names[display] += 1
        self.records.append(rec)
        self.title_words.update(_title_words(rec))
        self.cospeakers.update(rec.cospeakers)
        if rec.outlet:
            self.outlets[rec.outlet] += 1
        d = _parse_date(rec.date)
        if d:
            self.dates.append(d)


def fold(text: str) -> str:
    """Lower case, accents removed, only letters, digits and single spaces left."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s-]", " ", text).replace("_", " ").split())


def surname_key(surname: str) -> str:
    """A spelling skeleton: Zelensky, Zelenskyy, Zelenskiy and Zelenskij give the same key."""
    s = fold(surname).replace(" ", "").replace("-", "")
    s = re.sub(r"(.)\1+", r"\1", s)
    return re.sub(r"(iy|ij|yi|y|i)$", "i", s)


def split_name(raw: str) -> tuple[list[str], list[str]]:
    """Leading titles and the name's own words: "Prime Minister Tony Blair" -> titles, [Tony, Blair]."""
    raw = re.sub(r"['’]s$", "", raw.strip())
    words = [w for w in re.split(r"\s+", re.sub(r"[,()\"“”]", " ", raw)) if w]
    titles: list[str] = []
    i = 0
    while i < len(words) - 1:
        low = tuple(w.casefold().rstrip(".") for w in words[i:])
        match = next((t for t in TITLES if low[: len(t)] == t and len(t) < len(low)), None)
        if match is None:
            break
        titles.append(" ".join(words[i : i + len(match)]))
        i += len(match)
    words = words[i:]
    while len(words) > 1 and words[-1].casefold().rstrip(".") in SUFFIXES:
        words = words[:-1]
    return titles, words


def link_speakers(records: Iterable[SpeakerRecord]) -> tuple[list[Person], dict[tuple[str, int], str]]:
    """People from per-article speaker records, and each record's person id."""
    records = sorted(records, key=lambda r: (r.seq, r.key))
    orgs: dict[tuple[str, str], list[SpeakerRecord]] = {}  # bodies, and groups quoted together, by name
    blocks: dict[str, list[_Group]] = {}
    surname_only: list[tuple[SpeakerRecord, str, str]] = []
    for rec in records:
        if rec.kind != "person":
            orgs.setdefault((rec.kind, re.sub(r"^the ", "", fold(rec.name))), []).append(rec)
            continue
        _, words = split_name(_fullest(rec))
        if not words:
            continue
        surname = _surname(words)
        key = surname_key(surname)
        given = words[: len(words) - len(surname.split())]
        if not given:
            surname_only.append((rec, key, surname))
            continue
        _place_full_name(blocks.setdefault(key, []), rec, [fold(g) for g in given], " ".join(words))

    for rec, key, surname in surname_only:
        groups = blocks.setdefault(key, [])
        target = _choose_for_surname(groups, rec)
        if target is None:
            target = next((g for g in groups if not g.given), None)
            if target is None:
                target = _Group(surname=key)
                groups.append(target)
        target.add(rec, [], None if target.given else surname)

    people: list[Person] = []
    for key in sorted(orgs):
        recs = orgs[key]
        people.append(_person(recs, Counter(r.name for r in recs), key[0]))
    for key in sorted(blocks):
        for g in blocks[key]:
            people.append(_person(g.records, g.full_names, "person"))
    people.sort(key=lambda p: (min(_seq_of(p, records)), p.name))
    assignment: dict[tuple[str, int], str] = {}
    used: Counter = Counter()
    for p in people:
        base = _slug(p.name) or "unnamed"
        used[base] += 1
        p.id = base if used[base] == 1 else f"{base}-{used[base]}"
        for m in p.members:
            assignment[m] = p.id
    return people, assignment


def _seq_of(p: Person, records: Sequence[SpeakerRecord]) -> list[int]:
    members = set(p.members)
    return [r.seq for r in records if r.key in members] or [0]


def _fullest(rec: SpeakerRecord) -> str:
    """The record's name, or a longer alias naming the same surname (the extractor keeps both)."""
    best = rec.name
    best_len = len(split_name(best)[1])
    for alias in rec.aliases:
        words = split_name(alias)[1]
        if len(words) > best_len and words and surname_key(_surname(words)) == surname_key(
            _surname(split_name(best)[1] or [best])
        ):
            best, best_len = alias, len(words)
    return best


def _surname(words: list[str]) -> str:
    if len(words) >= 3 and words[-2].casefold() in PARTICLES:
        return " ".join(words[-2:])
    return words[-1]


def _place_full_name(groups: list[_Group], rec: SpeakerRecord, given: list[str], display: str) -> None:
    best, best_score = None, -math.inf
    for g in groups:
        if not g.given or not _given_compatible(g.given, given) or _conflicts(g, rec):
            continue
        score = _context_score(g, rec) + math.log1p(len(g.records)) / 10
        if score > best_score:
            best, best_score = g, score
    if best is None:
        best = _Group(surname=display)
        groups.append(best)
    best.add(rec, given, display)


def _given_compatible(a: list[str], b: list[str]) -> bool:
    x, y = a[0], b[0]
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return len(x) >= 4 and len(y) >= 4 and fuzz.ratio(x, y) >= GIVEN_NAME_SIMILARITY


def _title_words(rec: SpeakerRecord) -> set[str]:
    words = set()
    for t in (*rec.titles, *(t for a in (rec.name, *rec.aliases) for t in split_name(a)[0])):
        words.update(w for w in fold(t).replace("-", " ").split() if w not in GENERIC_TITLE_WORDS)
    return words


def _conflicts(g: _Group, rec: SpeakerRecord) -> bool:
    """True when context says a same-named record is someone else (see the module's rule 2)."""
    mine = _title_words(rec)
    if not mine or not g.title_words or mine & set(g.title_words):
        return False
    if rec.cospeakers & set(g.cospeakers):
        return False
    if rec.outlet and rec.outlet in g.outlets:
        d = _parse_date(rec.date)
        if d is None or not g.dates or min(abs((d - x).days) for x in g.dates) <= HOMONYM_DAYS:
            return False
    return True


def _context_score(g: _Group, rec: SpeakerRecord) -> float:
    score = 2.0 * len(_title_words(rec) & set(g.title_words))
    score += min(3, len(rec.cospeakers & set(g.cospeakers)))
    if rec.outlet and rec.outlet in g.outlets:
        score += 0.5
    d = _parse_date(rec.date)
    if d and g.dates and min(abs((d - x).days) for x in g.dates) <= 30:
        score += 0.5
    return score


def _choose_for_surname(groups: list[_Group], rec: SpeakerRecord) -> _Group | None:
    named = [g for g in groups if g.given and not _conflicts(g, rec)]
    if not named:
        return None
    if len(named) == 1:
        return named[0]
    scored = sorted(named, key=lambda g: (_evidence(g, rec), len(g.records)), reverse=True)
    first, second = scored[0], scored[1]
    if _evidence(first, rec) > _evidence(second, rec):
        return first
    if len(first.records) >= DOMINANCE * len(second.records):
        return first
    return None


def _evidence(g: _Group, rec: SpeakerRecord) -> float:
    """Context that tells one candidate from another: titles and co-quoted speakers only."""
    return 2.0 * len(_title_words(rec) & set(g.title_words)) + min(
        3, len(rec.cospeakers & set(g.cospeakers))
    )


def _person(recs: list[SpeakerRecord], full_names: Counter, kind: str) -> Person:
    if full_names:
        name = max(full_names.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
    else:
        name = recs[0].name
    p = Person(id="", name=name, kind=kind, members=[r.key for r in recs])
    for r in recs:
        titles, _ = split_name(r.name)
        for alias in {r.name, *r.aliases}:
            p.aliases[alias] += 1
            titles += split_name(alias)[0]
        for t in {*r.titles, *titles}:
            p.titles[t] += 1
    return p


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _parse_date(value: str | None) -> Date | None:
    if not value or len(value) < 10:
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def cospeaker_keys(names: Iterable[str]) -> frozenset[str]:
    """Surname keys of an article's speakers: the co-occurrence context of each of them."""
    keys = set()
    for n in names:
        words = split_name(n)[1]
        if words:
            keys.add(surname_key(_surname(words)))
    return frozenset(keys)
