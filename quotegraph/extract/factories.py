"""Every spaCy factory quotegraph registers; a name in a pipeline config leads here."""

from spacy.language import Language

from quotegraph.extract.component import QuoteExtractor


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
