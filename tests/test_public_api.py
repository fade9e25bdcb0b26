"""The public API as a user imports it."""

import importlib

import quotegraph


def test_extract_is_the_function_even_after_importing_pipeline_modules(nlp):
    importlib.import_module("quotegraph.extract.factories")
    importlib.import_module("quotegraph.extract.quotes")
    result = quotegraph.extract('"We seek no conflict," Antony Blinken said.', article_id="a1", nlp=nlp)
    [quote] = result.quotes
    assert quote.id == "a1:q1"
    assert quote.speaker.name == "Antony Blinken"
    assert result.speakers[0].name == "Antony Blinken"


def test_extract_articles_keeps_order_and_ids(nlp):
    articles = [quotegraph.Article(id=f"a{k}", text=f'"Point number {k} stands," the mayor said.') for k in range(5)]
    assert [r.id for r in quotegraph.extract_articles(articles, nlp=nlp, batch_size=2)] == [a.id for a in articles]


def test_long_article_is_processed_in_parts_with_offsets_into_the_whole_text(nlp):
    paragraph = '"We will not give up on this town," Mayor Helen Carter said on Monday.\n\n'
    text = paragraph * 4000  # about 290,000 characters: more than one Doc
    result = quotegraph.extract(text, nlp=nlp)
    assert len(result.quotes) == 4000
    for q in result.quotes:
        (s, e), = q.spans
        assert text[s:e] == "We will not give up on this town,"
        ms, me = q.speaker.mention.span
        assert text[ms:me] == "Mayor Helen Carter"


def test_speaker_named_outside_the_tagger_and_a_country_as_speaker(nlp):
    [person] = quotegraph.extract('"We will win the vote," Ingrid Vale said.', nlp=nlp).quotes
    assert person.speaker.name == "Ingrid Vale"
    [country] = quotegraph.extract('"We will respond in kind," Russia said on Monday.', nlp=nlp).quotes
    assert country.speaker.name == "Russia"


def test_attribution_scope_adds_beliefs_from_the_shipped_model():
    from quotegraph.pipeline import load_nlp

    text = (
        "Senator Jane Holt believes the tax plan will fail in the House. "
        'Her office said the vote was "a distraction" from the budget.'
    )
    result = quotegraph.extract(text, nlp=load_nlp(scope="attribution"))
    assert result.quotes, "the attribution scope found nothing"
    for q in result.quotes:
        for s, e in q.spans:
            assert 0 <= s < e <= len(text)
    assert any("tax plan will fail" in q.text for q in result.quotes)


def test_a_name_that_is_also_a_role_word_and_a_naming_verb(nlp):
    text = "BoE governor Mervyn King warned on Monday that inflation would rise next year."
    [quote] = quotegraph.extract(text, nlp=nlp).quotes
    assert quote.speaker.name == "Mervyn King"
    # "dubbed" gives a name, it reports no speech: no indirect quote from its clause
    text = 'The site the founders dubbed "Jerry\'s Guide to the World Wide Web" was launched in 1994.'
    assert all(q.kind != "indirect" for q in quotegraph.extract(text, nlp=nlp).quotes)
