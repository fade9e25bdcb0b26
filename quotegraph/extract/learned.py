"""PolNeAR's wider attribution scheme from a trained model, for the "attribution" scope.

Beliefs, intentions and nominal cues ("a flurry of tweets shaming ...") are too varied for
rules, so a small NER-style model trained on PolNeAR train (`scripts/polnear/`) tags CONTENT,
CONTENT2 (a further piece of a content interrupted by its cue), CUE and SOURCE spans. It reads
the base parse's tags and dependency labels on a copy of the Doc without heads, because spaCy's
NER may not cross the parser's sentence boundaries and PolNeAR contents often do; what the heads
said comes in as features, with the rules' own quotes. Its quotes come first; the rules add
those they are sure of wherever the model found nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from quotegraph.extract.cues import cue_strength
from quotegraph.extract.marks import DOUBLE
from quotegraph.extract.quotes import Found, QuoteFinder

MODEL = "models/polnear"  # one trained pipeline per seed, in seed0, seed1, ...
# A cue or source further than this from its content (in characters) belongs to another quote.
MAX_GAP = 250
# PolNeAR dev, model alone: quotes@0.3 precision 86; used as the base confidence of its quotes.
MODEL_CONFIDENCE = 0.75
# Rule quotes the model missed join its own from this confidence (cue attached or clause verb of
# high precision). PolNeAR dev, exact content F1: all rule quotes 57.4, none 58.4, these 58.3
# with more recall (quotes@0.3 F1 79.0 against 78.7).
FILL_CONFIDENCE = 0.9
# How far up the parse a token looks for the cue word it may belong to.
MAX_DEPTH = 12


@lru_cache(maxsize=1)
def load_attribution_models() -> tuple[Language, ...]:
    """The shipped pipelines (one `attribution` component each, 12 MB), the same model trained
    from different seeds: each seed alone is a coin toss of half a point of exact content F1."""
    root = resources.files("quotegraph").joinpath(MODEL)
    models = tuple(spacy.load(d) for d in sorted(root.iterdir(), key=lambda d: d.name) if d.name.startswith("seed"))
    moves = {tuple(map(pipe.moves.get_class_name, range(pipe.moves.n_moves))) for pipe in (m.get_pipe("attribution") for m in models)}
    if len(moves) != 1:
        raise RuntimeError(f"the attribution models in {root} do not share one set of labels")
    return models


def tag_attribution(models: tuple[Language, ...], doc: Doc) -> Doc:
    """`doc` tagged by the seeds together: spaCy's greedy transition parse, each step taken on the
    sum of the seeds' scores, which is steadier than any one seed."""
    pipes = [m.get_pipe("attribution") for m in models]
    first = pipes[0]
    states = first.moves.init_batch([doc])
    if len(doc):
        steps = [pipe.model.predict([doc]) for pipe in pipes]
        todo = [state for state in states if not state.is_final()]
        while todo:
            scores = sum(step.predict(todo) for step in steps)
            todo = first.transition_states(todo, numpy.ascontiguousarray(scores, dtype="float32"))
        for step in steps:
            step.clear_memory()
    first.set_annotations([doc], states)
    return doc


def parsed_copy(doc: Doc, vocab=None, rules: Iterable[tuple[str, int, int]] = ()) -> Doc:
    """The same tokens, tags and dependency labels, without heads, sentences or entities.

    The heads are gone, so two features carry what the parse says about attribution: LEMMA is each
    token's place under the nearest cue word (`branches`), MORPH the rules' reading (`rule_tags`).
    """
    copy = Doc(vocab or doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    for new, old, branch, tag in zip(copy, doc, branches(doc), rule_tags(doc, rules)):
        new.tag = old.tag
        new.dep = old.dep
        new.lemma_ = branch
        new.set_morph(f"R={tag}")
    return copy


def branches(doc: Doc) -> list[str]:
    """Per token: "Q<strength>" for a cue word, else the branch of the nearest cue ancestor.

    A branch is the dependency label of the cue's child on the path, its side of the cue, and
    whether the token is that child's subtree's left (L) or right (R) edge: content boundaries
    mostly follow those edges.
    """
    strength = cue_strength()
    cue = [strength.get(f"{t.lemma_.lower()}/{t.pos_}", 0) for t in doc]
    out = []
    for tok in doc:
        if cue[tok.i]:
            out.append(f"Q{cue[tok.i]}")
            continue
        child, head, feature = tok, tok.head, "-"
        for _ in range(MAX_DEPTH):
            if head.i == child.i:
                break
            if cue[head.i]:
                edge = ("L" if tok.i == child.left_edge.i else "") + ("R" if tok.i == child.right_edge.i else "")
                side = "<" if child.i < head.i else ">"
                feature = f"{child.dep_}{side}{edge or 'I'}{cue[head.i]}"
                break
            child, head = head, head.head
        out.append(feature)
    return out


def rule_tags(doc: Doc, rules: Iterable[tuple[str, int, int]]) -> list[str]:
    """Per token: the role the rules gave it (content by kind with B/I/L, Q cue, S source), or O."""
    tags = ["O"] * len(doc)
    for label, start, end in rules:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        for tok in span:
            position = "B" if tok.i == span.start else "L" if tok.i == span.end - 1 else "I"
            tags[tok.i] = label + position if label.startswith("C") else label
    return tags


def rule_spans(found: Iterable[Found]) -> list[tuple[str, int, int]]:
    """The rules' quotes as (role, start, end) character spans, the input of `rule_tags`."""
    out = []
    for f in found:
        out += [("C" + f.kind[0], s, e) for s, e in f.spans]
        out += [(role, span.start_char, span.end_char) for role, span in (("Q", f.cue), ("S", f.source)) if span is not None]
    return out


def learned_quotes(doc: Doc, finder: QuoteFinder, rules: list[Found]) -> list[Found]:
    """The model's quotes in `doc`, each with its nearest cue and that cue's nearest source.

    The rules' own quotes are among its input features.
    """
    models = load_attribution_models()
    copy = parsed_copy(doc, models[0].vocab, rule_spans(rules))
    spans = [(e.label_, e.start, e.end) for e in tag_attribution(models, copy).ents]
    sentence = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sentence[i] = n
    groups: list[list[Span]] = []
    for label, start, end in spans:
        if label == "CONTENT" or (label == "CONTENT2" and not groups):
            groups.append([doc[start:end]])
        elif label == "CONTENT2":
            groups[-1].append(doc[start:end])
    groups = _join_split(groups, rules)
    cues = [doc[s:e] for label, s, e in spans if label == "CUE"]
    sources = [doc[s:e] for label, s, e in spans if label == "SOURCE"]

    def nearest(candidates: list[Span], region: list[Span]) -> Span | None:
        """Same sentence first, then fewest characters away; none beyond MAX_GAP."""
        sentences = {sentence[s.start] for s in region} | {sentence[s.end - 1] for s in region}
        best = None
        for c in candidates:
            gap = min(max(0, max(c.start_char, r.start_char) - min(c.end_char, r.end_char)) for r in region)
            key = (sentence[c.start] not in sentences, gap)
            if gap <= MAX_GAP and (best is None or key < best[0]):
                best = (key, c)
        return best[1] if best else None

    out = []
    for group in groups:
        cue = nearest(cues, group)
        source = nearest(sources, [cue] if cue is not None else group)
        text = " ".join(s.text for s in group)
        out.append(Found(
            kind=_kind(text), spans=[(s.start_char, s.end_char) for s in group], cue=cue, source=source,
            confidence=MODEL_CONFIDENCE, paragraph=finder.paragraph(group[0].start_char),
        ))
    return out


def _join_split(groups: list[list[Span]], rules: list[Found]) -> list[list[Span]]:
    """Model contents that are pieces of one split rule quote ("A," he said, "B") become one."""
    for rule in rules:
        if len(rule.spans) < 2:
            continue
        pieces = [k for k, group in enumerate(groups)
                  if any(s.start_char < e and b < s.end_char for s in group for b, e in rule.spans)]
        if len(pieces) >= 2:
            joined = [span for k in pieces for span in groups[k]]
            groups = [g for k, g in enumerate(groups) if k not in pieces[1:]]
            groups[pieces[0]] = sorted(joined, key=lambda span: span.start)
    return groups


def _kind(text: str) -> str:
    body = text.strip().rstrip(".,;:").strip()
    if len(body) > 1 and body[0] in DOUBLE | {"‘", "`"} and body[-1] in DOUBLE | {"’", "'"}:
        return "direct"
    return "mixed" if any(m in text for m in DOUBLE) or "''" in text else "indirect"


def merge(model: list[Found], rules: list[Found]) -> list[Found]:
    """The model's quotes, and each sure rule quote that shares no character with any of them."""
    taken = [span for f in model for span in f.spans]
    extra = [
        f for f in rules
        if f.confidence >= FILL_CONFIDENCE and not any(s < e2 and s2 < e for s, e in f.spans for s2, e2 in taken)
    ]
    return sorted(model + extra, key=lambda f: f.start)
