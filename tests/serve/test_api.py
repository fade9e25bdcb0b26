"""The JSON API on both store backends: search, paging, filters, clusters, speakers, articles, errors."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from serve_helpers import TOKEN, XSS_QUOTE, XSS_SPEAKER
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from quotegraph.serve import Settings, create_app

SCHEMA = json.loads(resources.files("quotegraph").joinpath("quote.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def clients():
    made = {}
    yield made
    for c in made.values():
        c.__exit__(None, None, None)


@pytest.fixture
def client(store_db, clients):
    """An in-process client of the app over the filled store (one per backend)."""
    if store_db not in clients:
        c = TestClient(create_app(Settings(db=store_db, token=TOKEN)), raise_server_exceptions=False)
        c.__enter__()
        clients[store_db] = c
    return clients[store_db]


def test_search_finds_quote_with_speaker_outlet_and_occurrences(client):
    body = client.get("/api/quotes", params={"q": "harbour reopen ferries"}).json()
    hit = body["items"][0]
    assert hit["speaker"] == "Ingrid Vale" and hit["person_id"] == "ingrid-vale"
    assert hit["n_occurrences"] == 2, "the Coast Post quote and its Daily Tide variant are one cluster"
    assert (hit["outlet"], hit["date"]) == ("Coast Post", "2024-01-15")
    assert [(o["article_id"], o["outlet"]) for o in hit["occurrences"]] == [
        ("harbour-reopens", "Coast Post"), ("harbour-ferries", "Daily Tide")]
    assert body["page"] == 1 and body["has_more"] is False


def test_filters_and_paging(client):
    assert {h["outlet"] for h in client.get("/api/quotes", params={"outlet": "coast post"}).json()["items"]} == {
        "Coast Post"}
    got = client.get("/api/quotes", params={"speaker": "Vale", "since": "2024-03-01", "until": "2024-03-31"}).json()
    assert [h["article_id"] for h in got["items"]] == ["harbour-busy"]
    first = client.get("/api/quotes", params={"per_page": 5}).json()
    second = client.get("/api/quotes", params={"per_page": 5, "page": 2}).json()
    assert first["has_more"] and len(first["items"]) == 5
    assert not {h["cluster_id"] for h in first["items"]} & {h["cluster_id"] for h in second["items"]}
    dates = [h["date"] for h in first["items"]]
    assert dates[0] == "2024-03-10" and dates == sorted(dates, reverse=True), "newest first"
    assert client.get("/api/quotes", params={"q": "zzzqqq"}).json()["items"] == []


def test_quote_cluster_with_variant_and_first_seen(client):
    cid = client.get("/api/quotes", params={"q": "harbour reopen ferries"}).json()["items"][0]["cluster_id"]
    cluster = client.get(f"/api/quotes/{cid}").json()
    assert cluster["first_seen"] == "2024-01-15"
    assert [o["outlet"] for o in cluster["occurrences"]] == ["Coast Post", "Daily Tide"]
    (variant,) = cluster["variants"]
    assert variant["article_id"] in ("harbour-reopens", "harbour-ferries")
    assert [d for d in variant["diff"] if "all" in (d["canonical"], d["variant"])], "the one differing word"
    # A member quote's id finds its cluster too ('#' encoded in the path).
    assert client.get("/api/quotes/harbour-ferries%230").json()["id"] == cid


def test_speakers_list_and_detail(client):
    people = client.get("/api/speakers", params={"q": "vale"}).json()["items"]
    assert [p["id"] for p in people] == ["ingrid-vale"]
    vale = client.get("/api/speakers/ingrid-vale").json()
    assert vale["n_quotes"] >= 3 and vale["n_articles"] == 3
    assert "port authority's director" in vale["titles"]
    assert [d["day"] for d in vale["timeline"]] == ["2024-01-15", "2024-01-16", "2024-03-04"]
    assert vale["top_quotes"][0]["n_occurrences"] == 2
    page2 = client.get("/api/speakers", params={"per_page": 3, "page": 2}).json()
    assert len(page2["items"]) == 3 and page2["page"] == 2


def test_article_has_text_offsets_and_evidence(client):
    art = client.get("/api/articles/harbour-reopens").json()
    # The lead's "officials said" comes first, with no name; Vale's quote is the one with evidence.
    assert art["quotes"][0]["speaker"]["name"] is None
    q = next(q for q in art["quotes"] if q["speaker"]["name"] == "Ingrid Vale")
    a, b = q["spans"][0]
    assert art["text"][a:b] == q["text"]
    m = q["speaker"]["mention"]
    assert art["text"][m["span"][0]:m["span"][1]] == m["text"] == "Ingrid Vale, the port authority's director"
    assert q["speaker"]["resolution"] and 0 < q["confidence"] <= 1 and q["person_id"] == "ingrid-vale"
    assert art["text"][q["cue"]["span"][0]:q["cue"]["span"][1]] == "said"


def test_markup_comes_back_as_data(client):
    art = client.get("/api/articles/xss-article").json()
    assert art["quotes"][0]["text"] == XSS_QUOTE and art["quotes"][0]["speaker"]["name"] == XSS_SPEAKER


@pytest.mark.parametrize("path, status, words", [
    ("/api/quotes/no-such-quote", 404, "no quote with id"),
    ("/api/speakers/nobody", 404, "no speaker with id"),
    ("/api/articles/missing", 404, "no article with id"),
    ("/api/quotes?since=March", 422, "since"),
    ("/api/quotes?page=0", 422, "page"),
    ("/api/quotes?page=abc", 422, "page"),
    ("/api/quotes?per_page=1000", 422, "per_page"),
    ("/api/quotes?since=2024-05-01&until=2024-01-01", 422, "after until"),
    ("/api/quotes?q=%00", 422, "control characters"),
    ("/api/quotes?speaker=%00x", 422, "control characters"),
    ("/api/speakers/a%00b", 404, "no speaker"),
    ("/api/quotes?q=...", 422, "at least one word"),
])
def test_errors_are_json_with_a_message(client, path, status, words):
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert words in r.json()["error"] and r.json()["status"] == status


def test_pages_answer_on_both_backends(client):
    for path in ("/", "/?q=harbour", "/speakers", "/speakers/ingrid-vale", "/articles/harbour-reopens",
                 "/quotes/harbour-ferries%230", "/paste"):
        r = client.get(path)
        assert r.status_code == 200 and "text/html" in r.headers["content-type"], path
    r = client.get("/speakers/nobody", headers={"accept": "text/html"})
    assert r.status_code == 404 and "no speaker with id" in r.text and "<html" in r.text


def test_extract_text_and_html_match_the_schema_and_store_nothing(client):
    before = client.get("/api/quotes", params={"per_page": 100}).json()
    text = '"We will build the bridge by June," said Mayor Ana Silva on Monday.'
    out = client.post("/api/extract", json={"text": text, "id": "mine"}).json()
    jsonschema.validate(out, SCHEMA)
    assert out["quotes"][0]["speaker"]["name"] == "Ana Silva" and out["id"] == "mine"
    html = f"<html><head><title>Bridge</title></head><body><article><p>{text}</p>" \
           "<p>Work starts in the spring, the council said in a statement.</p></article></body></html>"
    out = client.post("/api/extract", json={"html": html}).json()
    jsonschema.validate(out, SCHEMA)
    assert any(q["speaker"]["name"] == "Ana Silva" for q in out["quotes"])
    assert client.get("/api/quotes", params={"per_page": 100}).json() == before


@pytest.mark.parametrize("body, words", [
    ({}, "exactly one"), ({"text": "a", "html": "<p>a</p>"}, "exactly one"), ({"text": "  "}, "empty"),
    ({"html": "<html></html>"}, "no article text"), ({"text": 5}, "text"),
])
def test_extract_bad_input_is_422(client, body, words):
    r = client.post("/api/extract", json=body)
    assert r.status_code == 422 and words in r.json()["error"]


def test_body_over_two_megabytes_is_413(client):
    r = client.post("/api/extract", json={"text": "x" * (2 * 1024 * 1024 + 10)})
    assert r.status_code == 413 and "limit" in r.json()["error"]

    def chunks():  # no Content-Length: the limit holds while the body streams
        for _ in range(5):
            yield b"y" * (600 * 1024)

    r = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_writing_needs_the_token(client, store_db):
    article = {"id": "bridge-news", "text": '"The bridge opens in June," said Ana Silva, the mayor.',
               "date": "2024-04-01", "outlet": "Town Crier"}
    assert client.post("/api/articles", json=article).status_code == 401
    assert client.post("/api/articles", json=article, headers={"authorization": "Bearer wrong"}).status_code == 401
    with TestClient(create_app(Settings(db=store_db))) as read_only:
        r = read_only.post("/api/articles", json=article, headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403 and "read-only" in r.json()["error"]
    assert client.get("/api/articles/bridge-news").status_code == 404


def test_openapi_schema_is_valid_and_describes_extract(client):
    doc = client.get("/openapi.json").json()
    validate(doc)
    ok = doc["paths"]["/api/extract"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/ArticleQuotes"}
    assert {"/api/quotes", "/api/quotes/{quote_id}", "/api/speakers", "/api/speakers/{person_id}",
            "/api/articles/{article_id}", "/api/extract"} <= set(doc["paths"])


def test_writing_with_the_token_adds_and_links_an_article(tmp_path):
    with TestClient(create_app(Settings(db=str(tmp_path / "w.db"), token=TOKEN))) as c:
        article = {"id": "bridge-news", "text": '"The bridge opens in June," said Ana Silva, the mayor.',
                   "date": "2024-04-01", "outlet": "Town Crier"}
        r = c.post("/api/articles", json=article, headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201 and r.json()["added"] == 1
        hit = c.get("/api/quotes", params={"q": "bridge"}).json()["items"][0]
        assert hit["speaker"] == "Ana Silva" and hit["outlet"] == "Town Crier"


def test_pages_carry_a_content_security_policy_and_no_cdn_docs(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "http" not in r.text.replace("http-equiv", "")
    assert client.get("/docs").status_code == 404, "FastAPI's docs page loads a CDN"
