"""PolNeAR's wider attribution scheme from a trained model, for the "attribution" scope.

Beliefs, intentions and nominal cues ("a flurry of tweets shaming ...") are too varied for
rules, so a small NER-style model trained on PolNeAR train (`scripts/polnear/`) tags CONTENT,
CONTENT2 (a further piece of a content interrupted by its cue), CUE and SOURCE spans. It reads
the base parse's tags and dependency labels on a copy of the Doc without heads, because spaCy's
NER may not cross the parser's sentence boundaries and PolNeAR contents often do. Its quotes
come first; the rules add theirs wherever the model found nothing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from quotegraph.extract.marks import DOUBLE
from quotegraph.extract.quotes import Found, QuoteFinder

MODEL = "models/polnear"
# A cue or source further than this from its content (in characters) belongs to another quote.
MAX_GAP = 250
# PolNeAR dev, model alone: quotes@0.3 precision 87; used as the base confidence of its quotes.
MODEL_CONFIDENCE = 0.75


@lru_cache(maxsize=1)
def load_attribution_model() -> Language:
    """The trained pipeline shipped in the package (one `attribution` component, 11 MB)."""
    return spacy.load(resources.files("quotegraph").joinpath(MODEL))


def parsed_copy(doc: Doc, vocab=None) -> Doc:
    """The same tokens, tags and dependency labels, without heads, sentences or entities."""
    copy = Doc(vocab or doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    for new, old in zip(copy, doc):
        new.tag = old.tag
        new.dep = old.dep
    return copy


def learned_quotes(doc: Doc, finder: QuoteFinder) -> list[Found]:
    """The model's quotes in `doc`, each with its nearest cue and that cue's nearest source."""
    model = load_attribution_model()
    spans = [(e.label_, e.start, e.end) for e in model(parsed_copy(doc, model.vocab)).ents]
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


def _kind(text: str) -> str:
    body = text.strip().rstrip(".,;:").strip()
    if len(body) > 1 and body[0] in DOUBLE | {"‘", "`"} and body[-1] in DOUBLE | {"’", "'"}:
        return "direct"
    return "mixed" if any(m in text for m in DOUBLE) or "''" in text else "indirect"


def merge(model: list[Found], rules: list[Found]) -> list[Found]:
    """The model's quotes, and each rule quote that shares no character with any of them."""
    taken = [span for f in model for span in f.spans]
    extra = [f for f in rules if not any(s < e2 and s2 < e for s, e in f.spans for s2, e2 in taken)]
    return sorted(model + extra, key=lambda f: f.start)
