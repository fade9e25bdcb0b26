"""The Store interface on both backends: ingest, idempotence, linking, search, export, escaping."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pyarrow.parquet as pq
import pytest
from store_helpers import VERSION, CannedExtractor, dump_store, ingest_pairs, make_article

from quotegraph.errors import QuotegraphError
from quotegraph.model import ArticleQuotes, Speaker
from quotegraph.read import ReadFailure
from quotegraph.store import open_store

BLAIR = [
    make_article("a1", [("We will not waver in the fight against terror", "Tony Blair")],
                 speakers=[Speaker("Tony Blair", aliases=("Mr Blair",), titles=("Prime Minister",))],
                 date="2005-01-10"),
    make_article("a2", [("The economy is strong and getting stronger every year", "Mr Blair"),
                        ("Labour has failed the country on every count", "Michael Howard")],
                 date="2005-01-12"),
    make_article("a3", [("I have no intention of stepping down now", "Blair")], date="2005-02-01"),
    make_article("a4", [("Education remains our first priority for the next term", "Prime Minister Tony Blair")],
                 date="2005-02-03"),
]


def test_ingest_stores_articles_quotes_and_speakers(store):
    report = ingest_pairs(store, BLAIR)
    assert (report.read, report.added, report.skipped) == (4, 4, 0)
    assert store.stats()["articles"] == 4
    assert store.stats()["quotes"] == 5
    assert store.get_meta("dirty") == "0"


def test_ingest_is_idempotent_by_id_and_by_text(store):
    ingest_pairs(store, BLAIR)
    before = store.stats()
    extractor = CannedExtractor(BLAIR)
    report = store.ingest([a for a, _ in BLAIR], extract=extractor, extractor_version=VERSION)
    assert report.skipped == 4 and report.added == 0
    assert extractor.seen == [], "stored articles must not be extracted again"
    # The same text under another id (a repeated article) is a duplicate, not new quotes.
    a1, aq1 = BLAIR[0]
    copy = type(a1)(id="a1-copy", text="  " + a1.text.upper() + "\n", outlet="Mirror", url="https://m.test/1")
    report = store.ingest([copy], extract=CannedExtractor([(copy, aq1)]), extractor_version=VERSION)
    assert report.duplicates == 1 and report.added == 0
    assert store.stats()["quotes"] == before["quotes"]
    # ...and its id is remembered, so the next run skips it before extraction.
    report = store.ingest([copy], extract=CannedExtractor([]), extractor_version=VERSION)
    assert report.skipped == 1


def test_same_text_twice_in_one_batch_is_stored_once(store):
    a1, aq1 = BLAIR[0]
    twin = type(a1)(id="a1-twin", text=a1.text)
    report = store.ingest([a1, twin], extract=CannedExtractor([(a1, aq1), (twin, replace(aq1, id=twin.id))]),
                          extractor_version=VERSION)
    assert (report.added, report.duplicates) == (1, 1)
    assert store.stats()["quotes"] == 1


def test_reprocess_reextracts_and_records_the_version(store, store_url):
    ingest_pairs(store, BLAIR)
    a1, _ = BLAIR[0]
    new = ArticleQuotes(id="a1", quotes=make_article("a1", [("A new reading", "Tony Blair")])[1].quotes)
    report = store.ingest([a1], extract=CannedExtractor([(a1, new)]), extractor_version="v2", reprocess=True)
    assert report.reprocessed == 1
    row = store._one("SELECT extractor_version FROM articles WHERE id = ?", ("a1",))
    assert row["extractor_version"] == "v2"
    texts = [r["text"] for r in store._all("SELECT text FROM quotes WHERE article_id = ?", ("a1",))]
    assert texts == ["A new reading"]
    assert store.search("new reading")[0].text == "A new reading"
    assert not store.search("waver terror")


def test_extraction_errors_and_unreadable_inputs_are_reported(store):
    a1, _ = BLAIR[0]
    failed = ArticleQuotes(id="a1", error="pipeline crashed: ValueError")
    report = store.ingest([ReadFailure("broken.html", "no main text"), a1],
                          extract=CannedExtractor([(a1, failed)]), extractor_version=VERSION)
    assert report.errors == 1
    assert report.failures == (("broken.html", "no main text"),)
    row = store._one("SELECT status, error FROM articles WHERE id = ?", ("a1",))
    assert row == {"status": "error", "error": "pipeline crashed: ValueError"}


def test_speakers_link_across_articles_with_aliases_and_titles(store):
    ingest_pairs(store, BLAIR)
    people = store.speakers(top=10)
    assert [p.name for p in people] == ["Tony Blair", "Michael Howard"]
    blair = people[0]
    assert blair.n_quotes == 4 and blair.n_articles == 4
    assert {"Tony Blair", "Mr Blair", "Blair", "Prime Minister Tony Blair"} <= set(blair.aliases)
    assert "Prime Minister" in blair.titles
    assert (blair.first_seen, blair.last_seen) == ("2005-01-10", "2005-02-03")


def test_spelling_variants_merge(store):
    pairs = [
        make_article("z1", [("We need the no-fly zone now", "Volodymyr Zelensky")], date="2022-03-05"),
        make_article("z2", [("Ukraine will not surrender its land", "Volodymyr Zelenskyy")], date="2022-03-06",
                     outlet="Other"),
        make_article("z3", [("Give us the planes and we will win", "Zelenskiy")], date="2022-03-07"),
    ]
    ingest_pairs(store, pairs)
    people = store.speakers()
    assert len(people) == 1 and people[0].n_quotes == 3
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelenskiy"} <= set(people[0].aliases)


def test_a_group_quoted_together_links_as_one_speaker_apart_from_its_members(store):
    group = "Conservatives and Liberal Democrats"
    pairs = [
        make_article("g1", [("The plan is a gimmick", group)], speakers=[Speaker(name=group, kind="group")]),
        make_article("g2", [("Taxes will rise", group), ("We will cut taxes", "Conservatives")],
                     speakers=[Speaker(name=group, kind="group"), Speaker(name="Conservatives", kind="organisation")]),
    ]
    ingest_pairs(store, pairs)
    people = {p.name: (p.kind, p.n_quotes) for p in store.speakers()}
    assert people == {group: ("group", 2), "Conservatives": ("organisation", 1)}


def test_homonyms_in_unrelated_articles_stay_apart(store):
    pairs = [
        make_article("h1", [("The bill will pass the Commons next week", "John Smith")],
                     speakers=[Speaker("John Smith", titles=("Labour MP",))], date="2005-03-01",
                     outlet="Guardian"),
        make_article("h2", [("Our defence has to be tighter in the red zone", "John Smith")],
                     speakers=[Speaker("John Smith", titles=("quarterback coach",))], date="2019-10-01",
                     outlet="ESPN"),
        make_article("h3", [("The vote will be close but we will win it", "John Smith")],
                     speakers=[Speaker("John Smith", titles=("Labour MP",))], date="2005-03-20",
                     outlet="Times"),
    ]
    ingest_pairs(store, pairs)
    people = {p.id: p for p in store.speakers()}
    assert sorted(people) == ["john-smith", "john-smith-2"]
    assert people["john-smith"].n_quotes == 2 and "Labour MP" in people["john-smith"].titles
    assert people["john-smith-2"].titles == ("quarterback coach",)


def test_same_quote_in_many_articles_is_one_cluster(store):
    text = "There is no question of the government backing down on this"
    pairs = [
        make_article("c2", [(text, "Gordon Brown")], date="2005-02-02", outlet="Times"),
        make_article("c1", [(text, "Gordon Brown")], date="2005-02-01", outlet="BBC News"),
        make_article("c3", [(text.replace("backing", "backing"), "Brown")], date="2005-02-05", outlet="Sun"),
    ]
    ingest_pairs(store, pairs)
    hit = store.search("question government backing down")[0]
    assert hit.n_occurrences == 3
    cluster = store.quote(hit.cluster_id)
    assert cluster.first_seen == "2005-02-01" and cluster.first_article_id == "c1"
    assert [o.article_id for o in cluster.occurrences] == ["c1", "c2", "c3"]
    assert cluster.speaker == "Gordon Brown"
    assert store.quote("c3#0").id == cluster.id


def test_variants_cluster_with_their_differences(store):
    full = "We will not raise income tax. We will not raise the basic rate of VAT either."
    pairs = [
        make_article("v1", [(full, "Gordon Brown")], date="2005-01-01"),
        make_article("v2", [(full, "Gordon Brown")], date="2005-01-02"),
        make_article("v3", [(full.replace("income tax", "income taxes"), "Gordon Brown")], date="2005-01-03"),
        make_article("v4", [("We will not raise the basic rate of VAT either", "Gordon Brown")], date="2005-01-04"),
    ]
    ingest_pairs(store, pairs)
    cluster = store.quote("v1#0")
    assert len(cluster.occurrences) == 4
    assert cluster.text == full
    diffs = {o.article_id: o.diff for o in cluster.variants}
    assert diffs["v3"] == ({"op": "replace", "canonical": "tax", "variant": "taxes"},)
    assert diffs["v4"][0]["op"] == "delete" and diffs["v4"][0]["canonical"] == "we will not raise income tax"


def test_fragments_link_to_the_longer_quote_and_headlines_trace_to_the_body(store):
    long = "the Americans gave Israel a green light to attack and that is unacceptable"
    pairs = [
        make_article("f1", [(long, "Jack Straw")], date="2005-01-01"),
        make_article("f2", [("a green light", "Jack Straw")], date="2005-01-02"),
        make_article("f3", [("I will not quit, it would be weak to go now", "Tony Blair")],
                     title="Blair: quitting would be 'weak'", date="2005-01-03"),
    ]
    ingest_pairs(store, pairs)
    cluster = store.quote("f1#0")
    assert [f["quote_id"] for f in cluster.fragments] == ["f2#0"]
    assert store.quote("f2#0").part_of[0]["target_quote_id"] == "f1#0"
    body = store.quote("f3#0")
    assert body.headlines == ({"article_id": "f3", "text": "weak", "title": "Blair: quitting would be 'weak'"},)


def test_search_ranks_and_filters(store):
    pairs = BLAIR + [
        make_article("s1", [("Terror laws must respect our liberties", "Charles Kennedy")],
                     date="2005-03-01", outlet="Guardian"),
    ]
    ingest_pairs(store, pairs)
    hits = store.search("terror")
    assert {h.article_id for h in hits} == {"a1", "s1"}
    assert store.search("fight terror")[0].article_id == "a1"
    assert [h.article_id for h in store.search("terror", speaker="Kennedy")] == ["s1"]
    assert [h.article_id for h in store.search("terror", speaker="Mr Blair")] == ["a1"]
    assert [h.article_id for h in store.search("terror", since="2005-02-01")] == ["s1"]
    assert [h.article_id for h in store.search("terror", until="2005-01-10")] == ["a1"]
    assert [h.article_id for h in store.search("terror", outlet="guardian")] == ["s1"]
    assert store.search("terror", speaker="Nobody Atall") == []
    # words not all in one quote: fall back to any word, still ranked
    assert store.search("waver liberties")
    with pytest.raises(QuotegraphError, match="nothing to search"):
        store.search("  ?! ")


HOSTILE = [
    "<script>alert('x')</script> is what they \"said\"",
    "Robert'); DROP TABLE quotes; -- said the hacker",
    "100% of it; SELECT * FROM people WHERE 1=1 OR name LIKE '%_' ?",
    'NEAR("a" "b") AND NOT text:* ^ "unclosed',
]


def test_hostile_text_is_stored_and_returned_verbatim(store):
    pairs = [make_article(f"x{i}", [(t, "Eve O'Hacker")]) for i, t in enumerate(HOSTILE)]
    ingest_pairs(store, pairs)
    stored = sorted(r["text"] for r in store._all("SELECT text FROM quotes"))
    assert stored == sorted(HOSTILE)
    assert store.search("script alert")[0].text == HOSTILE[0]
    assert store.search("DROP TABLE quotes")[0].text == HOSTILE[1]
    for query in HOSTILE + ["'", '"', "*", "a OR", "NEAR(", "%", "_"]:
        try:
            store.search(query)
        except QuotegraphError:
            pass  # a query with no words is refused with a message, never a SQL error
    assert store.search("hacker", speaker="O'Hacker")[0].speaker == "Eve O'Hacker"
    assert store.speakers()[0].name == "Eve O'Hacker"
    assert store.stats()["quotes"] == len(HOSTILE)


def test_export_formats(store):
    ingest_pairs(store, BLAIR + [make_article("dup", [BLAIR[0][1].quotes[0].text and
                                                       ("We will not waver in the fight against terror",
                                                        "Tony Blair")], date="2005-03-01")])
    out = io.StringIO()
    assert store.export("jsonl", out) == 6
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[0]["quote_id"] == "a1#0" and rows[0]["person_name"] == "Tony Blair"

    out = io.StringIO()
    store.export("csv", out, level="clusters")
    clusters = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(clusters) == 5

    out = io.StringIO()
    store.export("quotebank", out)
    qb = [json.loads(line) for line in out.getvalue().splitlines()]
    assert set(qb[0]) == {"quoteID", "quotation", "speaker", "probas", "date", "numOccurrences", "urls"}
    waver = next(r for r in qb if r["quotation"].startswith("We will not waver"))
    assert waver["numOccurrences"] == 2 and waver["speaker"] == "Tony Blair"
    assert waver["date"] == "2005-01-10" and len(waver["urls"]) == 2
    assert waver["probas"] == [["Tony Blair", "1.0000"]]

    buf = io.BytesIO()
    assert store.export("parquet", buf) == 6
    table = pq.read_table(io.BytesIO(buf.getvalue()))
    assert table.num_rows == 6 and "text" in table.column_names
    with pytest.raises(ValueError, match="unknown export format"):
        store.export("xml", io.StringIO())


def test_a_failed_batch_leaves_no_partial_article(store, store_url):
    a1, aq1 = BLAIR[0]
    a2, _ = BLAIR[1]
    bad = ArticleQuotes(id="a2", quotes=(aq1.quotes[0], aq1.quotes[0]))  # duplicate quote id: boom?
    with pytest.raises(Exception):
        store.add([(a1, aq1), (a2, bad), (a2, None)], extractor_version=VERSION)
    store.close()
    assert dump_store(store_url)["articles"] == []


def test_link_is_deterministic_and_reopen_keeps_everything(store, store_url):
    ingest_pairs(store, BLAIR)
    first = dump_store(store_url)
    store.link()
    assert dump_store(store_url) == first
    again = open_store(store_url)
    assert again.stats() == store.stats()
    again.close()
