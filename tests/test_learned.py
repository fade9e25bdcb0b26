"""The attribution model: its input features (what the parse and the rules tell it about each
token), and the seeds tagging together."""

from __future__ import annotations

import pytest

from quotegraph.extract.cues import load_lexicon
from quotegraph.extract.learned import load_attribution_models, parsed_copy, rule_spans, tag_attribution
from quotegraph.extract.quotes import QuoteFinder


@pytest.fixture(scope="module")
def features(nlp):
    text = 'Blinken said on Friday that NATO was not at war. "We seek no conflict," he told reporters.'
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "quotegraph":
            doc = proc(doc)
    rules = rule_spans(QuoteFinder(doc, load_lexicon("attribution"), complementizer=True).find())
    copy = parsed_copy(doc, rules=rules)
    return {t.text: (t.lemma_, str(t.morph)) for t in copy}, copy, doc


def test_copy_keeps_tokens_tags_and_labels_but_no_heads(features):
    _, copy, doc = features
    assert [t.text for t in copy] == [t.text for t in doc]
    assert [t.tag_ for t in copy] == [t.tag_ for t in doc]
    assert [t.dep_ for t in copy] == [t.dep_ for t in doc]
    assert all(t.head.i == t.i for t in copy) and not copy.ents


def test_branch_feature_marks_cue_words_and_the_edges_of_their_clauses(features):
    by_word, _, _ = features
    assert by_word["said"][0].startswith("Q")
    assert by_word["that"][0].startswith("ccomp>L")  # left edge of the reported clause
    assert by_word["war"][0].startswith("ccomp>R")  # its right edge
    assert by_word["NATO"][0].startswith("ccomp>I")
    assert by_word["Blinken"][0].startswith("nsubj<")


def test_rule_feature_gives_each_token_its_role_in_the_rules_quotes(features):
    by_word, _, _ = features
    assert by_word["Blinken"][1] == "R=S"
    assert by_word["said"][1] == "R=Q"
    assert by_word["that"][1] == "R=CiB" and by_word["war"][1] == "R=CiL"
    assert by_word["We"][1] == "R=CdB"
    assert by_word["reporters"][1] == "R=O"


def ents(doc):
    return [(e.label_, e.start, e.end) for e in doc.ents]


def test_one_seed_tags_as_spacy_does_and_the_seeds_tag_together(features):
    _, copy, doc = features
    models = load_attribution_models()
    assert len(models) >= 2
    alone = ents(models[0](parsed_copy(doc, models[0].vocab)))
    assert alone and ents(tag_attribution(models[:1], parsed_copy(doc, models[0].vocab))) == alone
    together = ents(tag_attribution(models, parsed_copy(doc, models[0].vocab)))
    assert {label for label, _, _ in together} >= {"CONTENT", "SOURCE", "CUE"}
    assert all(0 <= start < end <= len(doc) for _, start, end in together)
    assert not tag_attribution(models, models[0].make_doc("")).ents
