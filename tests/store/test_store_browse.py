"""Store queries the web UI reads: paged search, browse, people search, top quotes, timeline, article."""

from __future__ import annotations

from store_helpers import ingest_pairs, make_article

from quotegraph.model import Speaker

PAIRS = [
    make_article("b1", [("The harbour will reopen in spring", "Anna Berg"),
                        ("Fishing quotas must be cut now", "Lars Holm")],
                 speakers=[Speaker("Anna Berg", aliases=("Berg",), titles=("Harbour master",)),
                           Speaker("Lars Holm")],
                 date="2021-03-01", outlet="Coast Post"),
    make_article("b2", [("The harbour will reopen in the spring", "Anna Berg")],
                 date="2021-03-04", outlet="Daily Tide"),
    make_article("b3", [("Ferries will run every hour from the harbour", "Anna Berg")],
                 date="2021-05-10", outlet="Coast Post"),
    make_article("b4", [("Nobody asked the harbour workers", None)], outlet="Coast Post"),
]


def test_search_pages_do_not_overlap(store):
    ingest_pairs(store, PAIRS)
    every = store.search("harbour", limit=10)
    assert len(every) == 3, "the two copies of the reopening quote are one cluster"
    pages = [store.search("harbour", limit=1, offset=k) for k in range(4)]
    assert [p[0].cluster_id for p in pages[:3]] == [h.cluster_id for h in every]
    assert pages[3] == []


def test_browse_lists_clusters_newest_first_under_filters(store):
    ingest_pairs(store, PAIRS)
    hits = store.browse(limit=10)
    assert [h.article_id for h in hits] == ["b3", "b1", "b1", "b4"], "undated last, clusters once"
    assert [h.article_id for h in store.browse(outlet="coast post", since="2021-05-01")] == ["b3"]
    assert {h.text for h in store.browse(speaker="Berg")} == {
        "Ferries will run every hour from the harbour", "The harbour will reopen in spring"}
    assert store.browse(speaker="nobody at all") == []
    assert len(store.browse(limit=2, offset=2)) == 2


def test_find_people_by_part_of_name_or_alias(store):
    ingest_pairs(store, PAIRS)
    assert [p.name for p in store.find_people("")] == ["Anna Berg", "Lars Holm"]
    assert [p.name for p in store.find_people("ann")] == ["Anna Berg"]
    assert [p.name for p in store.find_people("holm")] == ["Lars Holm"]
    assert store.find_people("100%_") == []
    assert [p.name for p in store.find_people("", limit=1, offset=1)] == ["Lars Holm"]


def test_top_quotes_and_timeline_of_a_person(store):
    ingest_pairs(store, PAIRS)
    pid = store.find_people("anna")[0].id
    top = store.top_quotes(pid)
    assert top[0]["n_occurrences"] == 2 and top[0]["text"].startswith("The harbour will reopen")
    assert store.timeline(pid) == [{"day": "2021-03-01", "n": 1}, {"day": "2021-03-04", "n": 1},
                                   {"day": "2021-05-10", "n": 1}]


def test_article_with_offsets_and_links(store):
    ingest_pairs(store, PAIRS)
    art = store.article("b1")
    assert art["outlet"] == "Coast Post" and art["text"].startswith('"The harbour')
    q = art["quotes"][0]
    assert q["spans"] == [[0, len(q["text"])]], "offsets as extracted (the helper puts them at 0)"
    assert q["speaker"]["resolution"] == "name" and q["person_name"] == "Anna Berg" and q["cluster_id"]
    assert art["speakers"][0]["titles"] == ["Harbour master"] and art["speakers"][0]["person_id"]
    assert store.article("missing") is None


def test_occurrences_of_clusters_in_first_seen_order(store):
    ingest_pairs(store, PAIRS)
    cid = store.search("reopen")[0].cluster_id
    found = store.occurrences_of([cid, cid, "no-such-cluster"])
    assert [o["article_id"] for o in found[cid]] == ["b1", "b2"]
    assert found[cid][1] == {"article_id": "b2", "title": None, "outlet": "Daily Tide", "date": "2021-03-04"}
    assert store.occurrences_of([]) == {}
