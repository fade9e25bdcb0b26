"""Cue words: which verbs introduce speech, and how far each can be trusted.

The counts come from PolNeAR's training split (`scripts/learn_cues.py` writes `data/cues.json`):
for each lemma, how often it heads a gold cue among all its occurrences, and among those with
a clausal complement. Those ratios are the precision of a cue; a small hand list adds what
news uses but PolNeAR lacks (headline verbs such as "blasts" and "slams").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Inflections a headline verb may carry ("Warns", "Slammed", "Denies"), with the stem endings they
# replace; only these, so that "Hailey" is no form of "hail".
INFLECTIONS = (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e")))
IRREGULAR_PAST = {"said": "say", "told": "tell", "wrote": "write", "spoke": "speak"}
# Verbs of thought, perception and evidence: PolNeAR annotates them, but they report no speech.
# Only the "attribution" scope (PolNeAR's own) keeps them. ("hop" is how the tagger lemmatises "hoped".)
NON_SPEECH = frozenset(
    """
    think believe know hope want fear expect feel see seem appear show find suggest mean understand
    wish guess doubt assume realize realise learn hear read worry decide plan indicate reveal
    remember forget imagine consider agree need like love hate prefer try intend aim seek hop
    """.split()
)
# Verbs that attribute a quoted fragment in news, and headline verbs PolNeAR lacks.
EXTRA_SPEECH = frozenset(
    """
    say tell add blast slam hit lash slate brand dub label call describe term hail praise criticise
    criticize attack accuse warn decry condemn denounce mock deride dismiss reject vow pledge promise
    insist claim argue admit deny confirm announce declare state tweet write post quip joke boast
    complain lament concede acknowledge stress urge demand ask reply respond retort explain note
    observe recall continue predict suggest caution allege testify report comment remark
    """.split()
)
# Verbs of thought or manner that, right beside a quote, say how it was spoken: `"...," 19-year-old
# Simpson revealed`, `he sighed`. Direct quotes only: their clauses are mostly no speech ("figures reveal").
DIRECT_ONLY = frozenset(
    """
    reveal confess exclaim muse enthuse reflect whisper sigh laugh smile gush protest
    concur fume scoff snap shrug beam grin rage plead recount mutter murmur cry sob underline
    """.split()
)
# Verbs that give a name, not words: what they quote is a title, or a fragment at most, and
# their clauses are no reported speech.
NAMING = frozenset({"call", "dub", "label", "brand", "term", "name", "title", "nickname"})
SCOPES = ("speech", "attribution")
# A lemma becomes a cue of indirect speech when at least this share of its clausal uses are
# gold cues in PolNeAR train; calibrated on polnear-dev together with MIN_CUES, not alone.
MIN_CLAUSE_PRECISION = 0.35
MIN_CUES = 5
# In the attribution scope, an argument (object, infinitive, prepositional object) of a cue is
# content when PolNeAR train shows it so at least this often; calibrated on polnear-dev.
MIN_ARGUMENT_PRECISION = 0.2
ARGUMENT_DEPS = ("ccomp", "xcomp", "dobj", "prep")


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cue verbs for one scope, with a precision for each."""

    clause: dict[str, float]  # lemma -> precision when it takes a clause (indirect speech)
    direct: frozenset[str]  # lemmas that may attach a direct quote or a quoted fragment
    arguments: dict[tuple[str, str], float]  # (lemma, dep) -> precision of that argument as content

    def argument_precision(self, lemma: str, dep: str) -> float:
        return self.arguments.get((lemma, dep), 0.0)

    def clause_precision(self, lemma: str) -> float:
        return self.clause.get(lemma, 0.0)

    def is_speech_form(self, word: str) -> bool:
        """Whether a word is an inflected speech verb, for title-case headlines the tagger misreads."""
        w = word.lower()
        stems = {w, IRREGULAR_PAST.get(w, w)}
        for ending, replacements in INFLECTIONS:
            if w.endswith(ending):
                stem = w[: -len(ending)]
                stems.update(stem + r for r in replacements)
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    stems.add(stem[:-1])  # "Slammed", "Hitting"
        return any(stem in self.direct for stem in stems if stem)


@lru_cache(maxsize=1)
def _cue_counts() -> dict[str, dict[str, int]]:
    """data/cues.json, read once for both scopes' lexicons and `cue_strength`."""
    return json.loads(resources.files("quotegraph.extract").joinpath("data/cues.json").read_text("utf-8"))


@lru_cache(maxsize=2)
def load_lexicon(scope: str = "speech") -> CueLexicon:
    if scope not in SCOPES:
        raise ValueError(f"unknown cue scope {scope!r}; choose one of {', '.join(SCOPES)}")
    table = _cue_counts()
    clause: dict[str, float] = {}
    direct = set(EXTRA_SPEECH)
    for key, counts in table.items():
        lemma, pos = key.rsplit("/", 1)
        if pos != "VERB" or (scope == "speech" and lemma in NON_SPEECH):
            continue
        total, cues = counts.get("clause_total", 0), counts.get("clause_cue", 0)
        floor = MIN_CLAUSE_PRECISION if scope == "speech" else MIN_ARGUMENT_PRECISION
        if cues >= MIN_CUES and total and cues / total >= floor:
            clause[lemma] = cues / total
        if counts.get("cue", 0) >= MIN_CUES and counts["cue"] / counts["total"] >= 0.3:
            direct.add(lemma)
    arguments: dict[tuple[str, str], float] = {}
    for key, counts in table.items():
        lemma, pos = key.rsplit("/", 1)
        for dep in ARGUMENT_DEPS if scope == "attribution" and pos == "VERB" else ():
            hits, total = counts.get(f"{dep}_cue", 0), counts.get(f"{dep}_total", 0)
            if hits >= MIN_CUES and hits / total >= MIN_ARGUMENT_PRECISION:
                arguments[(lemma, dep)] = hits / total
    for lemma in EXTRA_SPEECH - NAMING:
        clause.setdefault(lemma, 0.6)
    if scope == "speech":
        direct = (direct - NON_SPEECH) | DIRECT_ONLY
    return CueLexicon(clause=clause, direct=frozenset(direct), arguments=arguments)


@lru_cache(maxsize=1)
def cue_strength() -> dict[str, int]:
    """"lemma/POS" -> 1..3, how often PolNeAR train tags that word as a cue (any part of speech).

    A coarse feature for the attribution model: nouns ("accusation") and verbs of thought count
    too, which the rule lexicons leave out.
    """
    table = _cue_counts()
    strength = {}
    for key, counts in table.items():
        cues, total = counts.get("cue", 0), counts.get("total", 0)
        if cues >= MIN_CUES and total:
            share = cues / total
            strength[key] = 3 if share >= 0.6 else 2 if share >= 0.3 else 1 if share >= 0.05 else 0
    return {k: v for k, v in strength.items() if v}
