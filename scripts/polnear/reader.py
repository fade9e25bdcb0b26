"""Corpus reader for `spacy train --code reader.py`: the predicted doc keeps the base parse.

spaCy's stock Corpus re-tokenises the reference text, so the predicted docs would have no TAG/DEP
and the attribution model (which reads TAG and DEP as features) would train on blank features.
Here the predicted doc is a copy of the reference's words, tags and dependency labels, with the
features made from its heads and the rules' quotes, without entities and WITHOUT heads: spaCy's NER may not cross a sentence boundary once sentences are set,
and PolNeAR content often runs over several sentences. quotegraph predicts on such a copy too
(`quotegraph.extract.learned.parsed_copy`).
"""

from __future__ import annotations

from spacy.tokens import DocBin
from spacy.training import Example
from spacy.util import registry

from quotegraph.extract.learned import parsed_copy


@registry.readers("polnear.ParsedCorpus.v1")
def create_reader(path: str):
    def read(nlp):
        for ref in DocBin().from_disk(path).get_docs(nlp.vocab):
            yield Example(parsed_copy(ref, rules=ref.user_data.get("rules", ())), ref)

    return read
