"""The web UI in headless Chromium against a live `quotegraph serve`: what a journalist would do.

Each test takes a screenshot and checks it is a real picture of a sane size; set QG_SCREENSHOTS to
a folder to keep them.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from serve_helpers import XSS_QUOTE, XSS_SPEAKER

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def check_screenshot(page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    assert 1000 <= width <= 2000 and 300 <= height <= 20000, (width, height)
    assert 8_000 < len(data) < 20_000_000, f"{path} is {len(data)} bytes: blank or broken page?"


def test_search_then_speaker_page_with_chart(page, server, shots):
    page.goto(server + "/")
    page.fill("input[name=q]", "harbour reopen")
    page.click("form.search button")
    page.wait_for_url("**/?q=harbour*")
    first = page.locator(".hit").first
    assert "The harbour will reopen" in first.inner_text()
    assert "Ingrid Vale" in first.locator(".who").inner_text()
    assert "2 occurrences" in first.inner_text()
    links = first.locator("ul.occurrence-links a")
    assert [links.nth(k).inner_text() for k in range(links.count())] == ["Coast Post, 2024-01-15",
                                                                         "Daily Tide, 2024-01-16"]
    check_screenshot(page, shots / "search.png")

    first.locator("a.who").click()
    page.wait_for_url("**/speakers/ingrid-vale")
    assert page.locator("h1").inner_text() == "Ingrid Vale"
    assert "port authority" in page.locator("dd.titles").inner_text()
    assert page.locator("dd.quote-count").inner_text().startswith(("3 ", "4 ", "5 "))
    bars = page.locator("svg#timeline .bar rect")
    assert bars.count() >= 3, "Jan, Feb (empty) and Mar 2024"
    assert all(bars.nth(k).bounding_box()["height"] >= 1 for k in range(bars.count()))
    page.locator("svg#timeline .bar").first.hover()
    assert "2024-01" in page.locator("#chart-note").inner_text()
    assert page.locator(".top-quotes li").count() >= 3
    check_screenshot(page, shots / "speaker.png")
    assert not page.js_errors


def test_article_page_highlights_quotes_cues_and_mentions(page, server, shots):
    page.goto(server + "/articles/central-bank-rates")
    quotes = page.locator("#article-text .quote")
    assert quotes.count() >= 3
    colours = {quotes.nth(k).evaluate("e => getComputedStyle(e).backgroundColor") for k in range(quotes.count())}
    assert len(colours) >= 2, "two speakers, two colours"
    assert page.locator("#article-text .cue").count() >= 1
    mention = page.locator("#article-text .mention").first
    assert mention.inner_text().strip()
    quotes.first.hover()
    box = page.locator("#evidence")
    box.wait_for(state="visible")
    evidence = box.inner_text()
    assert "Speaker" in evidence and "Resolved by" in evidence and "Confidence" in evidence
    check_screenshot(page, shots / "article.png")
    assert not page.js_errors


def test_quote_page_shows_occurrences_and_highlights_variant_words(page, server, shots):
    page.goto(server + "/?q=harbour+reopen")
    page.locator(".hit blockquote a").first.click()
    page.wait_for_url("**/quotes/**")
    assert page.locator("table.occurrences tbody tr").count() == 2
    assert page.locator(".first-seen").inner_text() == "2024-01-15"
    changed = page.locator(".variant-text mark, .variant-text del")
    assert changed.count() == 1 and changed.first.inner_text().strip() == "all"
    check_screenshot(page, shots / "quote.png")


def test_paste_box_attributes_the_seed_article(page, server, shots, seed_article):
    page.goto(server + "/paste")
    page.fill("textarea[name=text]", seed_article["text"])
    page.click("form.paste button")
    page.wait_for_selector("table.attributions")
    rows = page.locator("table.attributions tbody tr")
    by_mention = {rows.nth(k).locator("td.mention").inner_text().lower(): rows.nth(k).locator("td.speaker").inner_text()
                  for k in range(rows.count())}
    assert "Blinken" in by_mention.get("the secretary of state", ""), by_mention
    assert page.locator("#article-text .quote").count() == rows.count() or rows.count() > 0
    check_screenshot(page, shots / "paste.png")
    assert not page.js_errors


def test_markup_in_article_text_stays_text(page, server, shots):
    page.goto(server + "/articles/xss-article")
    text = page.locator("#article-text").inner_text()
    assert XSS_QUOTE in text and XSS_SPEAKER in text
    page.locator("#article-text .quote").first.hover()
    page.goto(server + "/?q=click+script")
    assert XSS_QUOTE in page.locator(".hit").first.inner_text()
    page.goto(server + "/speakers?q=mallory")
    page.locator("table.people-table a").first.click()
    page.wait_for_url("**/speakers/**")
    heading = page.locator("h1").inner_text()  # the linker tidies the name; it stays text
    assert heading.startswith("<img src=x onerror=") and heading.endswith("Mallory")
    for path in ("/articles/xss-article", "/?q=click", "/?outlet=" + "%3Cb%3E"):
        page.goto(server + path)
        assert page.evaluate("window.__xss") is None, f"markup ran on {path}"
        assert page.locator("#article-text img, .hit img, main script:not(#evidence-data), main b").count() == 0
        for href in page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))"):
            assert not (href or "").lower().startswith("javascript:"), href
    page.goto(server + "/articles/xss-article")
    check_screenshot(page, shots / "xss.png")
    assert not page.js_errors
    assert all(u.startswith(server + "/") for u in page.urls), "only our own server: no CDN, no injected src"
