"""Write tests/data/samples-gold.jsonl: gold quotes for the sample articles in quotegraph/samples/.

Offsets are never typed by hand: each article is read through `quotegraph.read.iter_articles`
(so `text` is exactly what the pipeline sees, HTML included) and every annotated substring is
located in it. A substring that occurs more than once must carry its occurrence index, so an
edit to a sample that makes an annotation ambiguous stops this script instead of shifting a span.

Conventions follow ../shared/data/seed.jsonl: direct content without its quote marks (a quote
split by its cue, or running over paragraphs, has one span per quoted stretch); indirect content
without the complementiser "that"; the source as written at the cue, a whole noun phrase
("Bank Governor Maria Lopez", "the minister") with its appositive ("Claire Dubois, France's
... minister"), as in PolNeAR; the cue is the verb alone ("told", not "told reporters"; "said", not "said in a
statement") or "according to", as in PolNeAR; the speaker is the fullest name in the article,
an organisation's name when it speaks, or None for an unnamed person. A quote without cue or
source (a paragraph that only continues the previous speaker) has both None.

Usage: .venv/bin/python scripts/make_samples_gold.py
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from quotegraph.model import Article, QuoteKind
from quotegraph.read import iter_articles

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "quotegraph" / "samples"
GOLD = ROOT / "tests" / "data" / "samples-gold.jsonl"

# A substring, or a substring and which occurrence of it (0-based, whole words only).
Find = str | tuple[str, int]


@dataclass(frozen=True, slots=True)
class Gold:
    """One annotated quote, as substrings of the article rather than offsets."""

    kind: QuoteKind
    content: tuple[Find, ...]
    source: Find | None
    cue: Find | None
    speaker: str | None


def q(
    kind: QuoteKind,
    content: Find | list[Find],
    source: Find | None,
    cue: Find | None,
    speaker: str | None,
) -> Gold:
    """Shorthand for the table below; a list of contents is one quote in several spans."""
    spans = tuple(content) if isinstance(content, list) else (content,)
    return Gold(kind, spans, source, cue, speaker)


ANNOTATIONS: dict[str, list[Gold]] = {
    "city-council-budget": [
        q("mixed", "Reckless", ("Mayor", 0), "Slams", "Helen Carter"),
        q("mixed", 'the plan was "a disgrace"', ("Carter", 1), ("said", 0), "Helen Carter"),
        q(
            "mixed",
            "residents in the poorest wards would pay the price for what she called a "
            '"short-sighted raid on services"',
            ("Carter", 1),
            "warned",
            "Helen Carter",
        ),
        q(
            "direct",
            [
                "We will act,",
                "but not yet. We want to see the full figures before we decide whether to use "
                "the mayoral veto.",
            ],
            ("she", 1),
            ("said", 1),
            "Helen Carter",
        ),
        q(
            "indirect",
            "the cuts were painful but unavoidable after two years of falling property-tax "
            "receipts",
            ("Okafor", 1),
            ("said", 2),
            "David Okafor",
        ),
        q(
            "direct",
            [
                "Nobody on this side of the chamber enjoys closing a library,",
                "But I don't remember a deficit like this since the '90s, and we can't keep "
                "borrowing to paper over it.",
            ],
            ("Okafor", 2),
            "told",
            "David Okafor",
        ),
        q(
            "direct",
            "Residents deserve better than this, and they will get it,",
            "the mayor",
            ("said", 3),
            "Helen Carter",
        ),
    ],
    "central-bank-rates": [
        q(
            "mixed",
            "inflation was moving “in the right direction”",
            "Bank Governor Maria Lopez",
            ("said", 0),
            "Maria Lopez",
        ),
        q(
            "indirect",
            "the job was not yet done",
            "Bank Governor Maria Lopez",
            "warned",
            "Maria Lopez",
        ),
        q(
            "direct",
            "Price growth has slowed for five months in a row, and wages are no longer running "
            "away from us,",
            ("Lopez", 1),
            "told",
            "Maria Lopez",
        ),
        q(
            "direct",
            "If we cut now and have to reverse course in the spring, we lose the one thing a "
            "central bank cannot buy back,",
            "the governor",
            "added",
            "Maria Lopez",
        ),
        q(
            "direct",
            "That thing is credibility. It took this institution twenty years to earn it, and I "
            "do not intend to spend it on one good quarter.",
            None,
            None,
            "Maria Lopez",
        ),
        q(
            "mixed",
            "a cut was “overdue by at least six months”",
            "Tomas Berg, chief executive of the Norland Exporters’ Association",
            ("said", 1),
            "Tomas Berg",
        ),
        q("indirect", "firms were shelving investment", "Tomas Berg, chief executive of the Norland Exporters’ Association", ("said", 1), "Tomas Berg"),
        q(
            "direct",
            [
                "Every month the bank waits, another factory decides to put off buying new "
                "machines. Those are decisions that do not get reversed when rates finally come "
                "down.",
                "We are not asking for a gamble. We are asking the bank to look at the same "
                "numbers everyone else can see.",
            ],
            ("Berg", 1),
            ("said", 2),
            "Tomas Berg",
        ),
        q(
            "indirect",
            "Markets had priced in roughly a one-in-three chance of a cut",
            "Halden Securities",
            "according to",
            "Halden Securities",
        ),
        q(
            "mixed",
            "the committee would “look at every option” when it meets",
            ("Lopez", 2),
            ("said", 3),
            "Maria Lopez",
        ),
    ],
    "football-press-conference": [
        q(
            "indirect",
            "his side were still in the race for promotion despite Saturday’s 2-0 derby defeat "
            "at Millbrook Town",
            "Kingsport Rovers manager Steve Hartley",
            "insisted",
            "Steve Hartley",
        ),
        q(
            "direct",
            [
                "We’re not daft, we know what the table says,",
                "But I’ve been in this game long enough to know that nine games is a lifetime.",
            ],
            ("Hartley", 2),
            "told",
            "Steve Hartley",
        ),
        q(
            "indirect",
            "the defeat had hurt him personally",
            ("Hartley", 3),
            ("said", 0),
            "Steve Hartley",
        ),
        q(
            "direct",
            "I won’t pretend otherwise. Derby days are the ones the supporters remember, and we "
            "let them down,",
            ("he", 1),
            ("said", 1),
            "Steve Hartley",
        ),
        q(
            "mixed",
            "the referee had made ‘a brave call, let’s put it that way’",
            ("He", 0),
            ("said", 2),
            "Steve Hartley",
        ),
        q(
            "indirect",
            "captain Lewis Brandt would miss the next month with a hamstring injury picked up "
            "in the first half",
            "The manager",
            "confirmed",
            "Steve Hartley",
        ),
        q(
            "direct",
            "Lewis is the heartbeat of this team and you don’t replace that overnight,",
            ("Hartley", 4),
            ("said", 3),
            "Steve Hartley",
        ),
        q(
            "direct",
            [
                "They called this the “biggest game in the city for a decade” all week,",
                "Well, now they know who the biggest club in the city is.",
            ],
            ("he", 2),
            ("said", 4),
            "Gary Nolan",
        ),
    ],
    "climate-summit": [
        q(
            "mixed",
            "wealthy nations had to stop “hiding behind procedure” and put money on the table",
            "Claire Dubois, France’s ecological transition minister",
            ("said", 0),
            "Claire Dubois",
        ),
        q(
            "direct",
            "Nous ne signerons pas un texte vide",
            "the minister",
            ("said", 1),
            "Claire Dubois",
        ),
        q(
            "mixed",
            "Europe “will not sign an empty text”",
            "the minister",
            "adding",
            "Claire Dubois",
        ),
        q(
            "direct",
            "Wir können das nicht allein bezahlen",
            ("Weber", 1),
            ("said", 2),
            "Jonas Weber",
        ),
        q(
            "indirect",
            "Berlin could not carry the fund alone",
            ("Weber", 1),
            "telling",
            "Jonas Weber",
        ),
        q(
            "indirect",
            "at least $100 billion a year would be needed by 2030",
            "Amina Diallo",
            "According to",
            "Amina Diallo",
        ),
        q(
            "direct",
            [
                "We are the ones drowning, and we are being asked to wait for a better moment,",
                "There is no better moment.",
            ],
            ("Diallo", 1),
            ("said", 3),
            "Amina Diallo",
        ),
        q(
            "indirect",
            "Washington supported the fund in principle but wanted large emerging economies to "
            "contribute",
            "Mark Ellison, the US climate envoy",
            "told",
            "Mark Ellison",
        ),
        q(
            "direct",
            "The polluters of the last century cannot hand their bill to the developing "
            "countries of this one,",
            "a Chinese negotiator",
            ("said", 4),
            None,
        ),
        q(
            "mixed",
            "he remained “cautiously hopeful” of a deal by Friday",
            "Rui Costa, the Portuguese environment minister",
            ("said", 5),
            "Rui Costa",
        ),
    ],
    "product-recall": [
        q(
            "indirect",
            "Brightway Appliances is recalling more than 200,000 kettles sold in the UK and "
            "Ireland after reports that the base can overheat and melt",
            ("the company", 0),
            ("said", 0),
            "Brightway Appliances",
        ),
        q(
            "direct",
            [
                "Customer safety is our first priority and we are sorry for the worry this will "
                "cause,",
                "Anyone who owns one of these kettles should unplug it and stop using it "
                "straight away.",
            ],
            ("the company", 1),
            ("said", 1),
            "Brightway Appliances",
        ),
        q(
            "indirect",
            "engineers had traced the fault to a batch of thermostats from one supplier",
            "Priya Nair, Brightway's chief executive",
            "wrote",
            "Priya Nair",
        ),
        q(
            "direct",
            "We have stopped using that supplier and we have checked every other component in "
            "the range,",
            "she",
            ("said", 2),
            "Priya Nair",
        ),
        q(
            "indirect",
            "it had received 38 reports of kettles overheating, including four that caused "
            "minor burns",
            "The Office for Product Safety and Standards",
            ("said", 3),
            "Office for Product Safety and Standards",
        ),
        q(
            "indirect",
            "No one has been seriously hurt",
            "the regulator",
            "according to",
            "Office for Product Safety and Standards",
        ),
        q(
            "mixed",
            'the recall was "the right call, but a late one"',
            "Tom Reilly, of the charity Consumer Voice",
            ("said", 4),
            "Tom Reilly",
        ),
        q(
            "indirect",
            "Customers can arrange a free collection and a full refund through the Brightway "
            "website",
            ("the company", 2),
            ("said", 5),
            "Brightway Appliances",
        ),
    ],
    "nurses-strike": [
        q(
            "indirect",
            "Of the 1,140 members of the Allied Nurses Union who voted, 87 per cent backed the "
            "strike",
            ("the union", 0),
            ("said", 0),
            "Allied Nurses Union",
        ),
        q(
            "direct",
            [
                "Nobody goes into nursing to go on strike,",
                "But we are caring for twelve patients at a time on wards built for eight, and "
                "something has to give.",
            ],
            "Grace Mensah, the union's branch secretary",
            ("said", 1),
            "Grace Mensah",
        ),
        q(
            "indirect",
            "the union had offered to call off the action if managers agreed to an independent "
            "review of staffing",
            "She",
            "told",
            "Grace Mensah",
        ),
        q(
            "mixed",
            'she had watched nurses "run from bed to bed all night"',
            "Joan Whitfield, 74",
            ("said", 2),
            "Joan Whitfield",
        ),
        q(
            "mixed",
            'it was "disappointed" by the vote',
            "A spokesperson for the hospital trust",
            ("said", 3),
            None,
        ),
        q(
            "direct",
            "We have recruited 140 nurses this year and we will keep talking to the union,",
            "the spokesperson",
            ("said", 4),
            None,
        ),
        q(
            "mixed",
            'the strike was "a symptom, not the disease"',
            "Daniel Frost, the MP for Riverside",
            ("said", 5),
            "Daniel Frost",
        ),
    ],
}


def locate(text: str, find: Find) -> tuple[int, int]:
    """Offsets of `find` in `text`, matching whole words at its word-character edges."""
    needle, index = (find, None) if isinstance(find, str) else find
    start = r"\b" if re.match(r"\w", needle) else ""
    end = r"\b" if re.search(r"\w$", needle) else ""
    hits = [m.span() for m in re.finditer(start + re.escape(needle) + end, text)]
    if index is None and len(hits) != 1:
        raise ValueError(f"{needle!r} occurs {len(hits)} times; give its occurrence index")
    if index is not None and index >= len(hits):
        raise ValueError(f"{needle!r} occurs {len(hits)} times; index {index} is out of range")
    return hits[index or 0]


def role(text: str, finds: tuple[Find, ...]) -> dict:
    """The offsets and text of one role, in the gold format (several spans joined by a space)."""
    spans = [locate(text, find) for find in finds]
    return {"spans": [list(s) for s in spans], "text": " ".join(text[s:e] for s, e in spans)}


def gold_record(article: Article, annotations: list[Gold]) -> dict:
    quotes = []
    for gold in annotations:
        quote: dict = {"kind": gold.kind}
        for name, finds in (
            ("content", gold.content),
            ("source", (gold.source,) if gold.source else ()),
            ("cue", (gold.cue,) if gold.cue else ()),
        ):
            found = role(article.text, finds) if finds else None
            quote[name] = found["spans"] if found else None
            quote[f"{name}_text"] = found["text"] if found else None
        quote["speaker"] = gold.speaker
        quotes.append(quote)
    quotes.sort(key=lambda quote: quote["content"][0][0])
    return {
        "id": article.id,
        "source": "samples",
        "title": article.title,
        "date": article.date,
        "outlet": article.outlet,
        "text": article.text,
        "quotes": quotes,
        "annotation": {"scheme": "quotegraph", "speaker_names": True},
    }


def main() -> None:
    articles = {}
    for item in iter_articles([str(SAMPLES)]):
        if not isinstance(item, Article):
            raise SystemExit(f"cannot read sample {item.source}: {item.reason}")
        articles[item.id] = item
    if set(articles) != set(ANNOTATIONS):
        raise SystemExit(f"samples {sorted(articles)} and annotations {sorted(ANNOTATIONS)} differ")
    lines = [
        json.dumps(gold_record(articles[id_], ANNOTATIONS[id_]), ensure_ascii=False)
        for id_ in sorted(articles)
    ]
    GOLD.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} articles, {sum(map(len, ANNOTATIONS.values()))} quotes to {GOLD}")


if __name__ == "__main__":
    main()
