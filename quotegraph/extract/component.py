"""The `quotegraph` pipeline component: find quotations, then resolve their speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from quotegraph.attribute.coref import EVIDENCE, Entity, Registry
from quotegraph.extract.cues import load_lexicon
from quotegraph.extract.extensions import set_extensions
from quotegraph.extract.learned import learned_quotes, merge
from quotegraph.extract.quotes import INHERITED, Found, QuoteFinder
from quotegraph.model import Attribution, Cue, Mention, Quote, Speaker

# A floating quote paragraph inherits its speaker only from a quote this close before it.
INHERIT_PARAGRAPHS = 1


class QuoteExtractor:
    """Callable on a Doc; settings are fixed at construction, as spaCy components expect."""

    def __init__(self, *, scope: str = "speech", complementizer: bool = False):
        self.lexicon = load_lexicon(scope)
        self.complementizer = complementizer
        self.learned = scope == "attribution"  # PolNeAR's scheme: the trained model leads
        set_extensions()

    def __call__(self, doc: Doc) -> Doc:
        finder = QuoteFinder(doc, self.lexicon, complementizer=self.complementizer)
        found = finder.find()
        parsed = doc.has_annotation("DEP")  # without a parser: quotes, but no cue or speaker to resolve
        if self.learned and parsed:
            found = merge(learned_quotes(doc, finder, found), found)
        registry = Registry(doc, verb_like=self.lexicon.is_speech_form, quoted=reported(doc, finder, found)) if parsed else None
        resolved, speakers = [], {}
        # One mention is one speaker, whichever of its quotes asks: "He said Mr Blair had spoken
        # with "such sincerity", adding: "He went beyond ..."" is not Mr Blair in either.
        reports: dict[tuple[int, int], list] = {}
        for item in found:
            if item.source is not None and item.kind != "direct":
                reports.setdefault((item.source.start, item.source.end), []).extend(item.spans)
        memo: dict[tuple[int, int], tuple] = {}
        last: tuple[Found, Entity | None] | None = None
        for item in found:
            entity, method, confidence = self.resolve(item, registry, last, reports, memo) if registry else (None, None, 1.0)
            resolved.append((item, entity, method, confidence))
            if entity is not None:
                speakers[id(entity)] = entity
            last = (item, entity)
        # Names are read only now: an entity may have learned its full name from a later mention.
        quotes = []
        text = doc.text
        for k, (item, entity, method, confidence) in enumerate(resolved, start=1):
            quote = Quote(
                id=f"q{k}",
                kind=item.kind,
                text=" ".join(text[s:e] for s, e in item.spans),
                spans=tuple(item.spans),
                cue=Cue(item.cue.text, (item.cue.start_char, item.cue.end_char)) if item.cue is not None else None,
                speaker=Attribution(
                    name=entity.name if entity else None,
                    mention=Mention(item.source.text, (item.source.start_char, item.source.end_char)) if item.source is not None else None,
                    resolution=method,
                ),
                confidence=max(0.0, min(1.0, item.confidence * confidence)),
            )
            quotes.append(quote)
        doc._.quotes = quotes
        doc._.speakers = [
            Speaker(name=e.name, kind=e.kind, aliases=tuple(e.aliases), titles=tuple(e.titles),
                    mentions=tuple(sorted(set(e.mentions))))
            for e in speakers.values()
        ]
        return doc

    @staticmethod
    def resolve(item: Found, registry: Registry, last: tuple[Found, Entity | None] | None,
                reports: dict[tuple[int, int], list], memo: dict[tuple[int, int], tuple]):
        """The speaker of one quote: its own mention, else the quote before it when close.
        `reports` holds each mention's reported contents; `memo` each mention's speaker, once found."""
        if item.source is not None:
            key = (item.source.start, item.source.end)
            if key not in memo:
                res = registry.resolve(item.source, item.source.root.i, reports.get(key, ()))
                memo[key] = (res.entity, res.method, res.confidence) if res.entity is not None else (None, None, 0.6)
            return memo[key]
        if not item.inherit:
            return None, None, 1.0
        # `Mauresmo spent five weeks at number one. "Since then, I feel ..."`: a quote after a
        # sentence of story in its paragraph is the words of that sentence's subject.
        subject = registry.narrator(item.start)
        if subject is not None:
            item.confidence = INHERITED
            return subject, "focus", EVIDENCE["focus"]
        if last is not None and last[1] is not None and item.paragraph - last[0].paragraph <= INHERIT_PARAGRAPHS:
            item.confidence = INHERITED
            return last[1], "previous-quote", EVIDENCE["previous-quote"]
        return None, None, 1.0


def reported(doc: Doc, finder: QuoteFinder, found: list[Found]) -> list[bool]:
    """Per token, whether it is someone's words: inside quote marks or a reported content.
    "Mr Blair has failed to tackle these problems, he claimed": Mr Blair is no subject of the story."""
    out = [n != -1 for n in finder.in_quote]
    for item in found:
        for start, end in item.spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                out[span.start : span.end] = [True] * len(span)
    return out
