"""Every spaCy factory quotegraph registers; a name in a pipeline config leads here."""

from spacy.language import Language

from spacy.tokens import Doc

from quotegraph.extract.component import QuoteExtractor


@Language.component("quotegraph_paragraphs", assigns=["token.is_sent_start"])
def paragraph_starts(doc: Doc) -> Doc:
    """A line break starts a sentence; put before the parser, which keeps preset starts.

    Without it the parser reads a headline and the lead under it as one sentence, and the
    headline's noun becomes the subject of the lead's "says".
    """
    for before, tok in zip(doc, doc[1:]):
        if "\n" in before.text:  # spaCy makes line breaks tokens of their own
            tok.is_sent_start = True
    return doc


@Language.factory(
    "quotegraph",
    assigns=["doc._.quotes", "doc._.speakers"],
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
    default_config={"scope": "speech", "complementizer": False},
)
def make_quotegraph(nlp: Language, name: str, *, scope: str, complementizer: bool) -> QuoteExtractor:
    """Quotations with cue and resolved speaker on `doc._.quotes`, people on `doc._.speakers`.

    scope: "speech" (what people said) or "attribution" (PolNeAR's wider scheme, which also
    counts beliefs and intentions). complementizer: start reported content at "that".
    """
    return QuoteExtractor(scope=scope, complementizer=complementizer)
