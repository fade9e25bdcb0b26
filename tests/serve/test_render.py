"""What the pages are built from: highlight pieces, speaker colours, variant diffs, chart bars."""

from __future__ import annotations

from quotegraph.serve.render import annotate, diff_pieces, speaker_colours, timeline_bars


def _quote(spans, name, cue=None, mention=None, person=None):
    return {"spans": spans, "cue": {"text": "said", "span": cue} if cue else None,
            "speaker": {"name": name, "mention": {"text": name, "span": mention} if mention else None},
            "person_id": person, "confidence": 0.9, "kind": "direct"}


def test_annotate_covers_the_text_once_with_roles_and_colours():
    text = '"We stay," said Ann Lee. "We go," said Bo Ek. "Maybe," someone said.'

    def at(words, start=0):
        k = text.index(words, start)
        return [k, k + len(words)]

    quotes = [_quote([at("We stay,")], "Ann Lee", at("said"), at("Ann Lee")),
              _quote([at("We go,")], "Bo Ek", at("said", 20), at("Bo Ek")),
              _quote([at("Maybe,")], None, at("said", 50))]
    pieces = annotate(text, quotes)
    assert "".join(p.text for p in pieces) == text
    roles = [(p.text, p.role, p.colour) for p in pieces if p.role]
    assert ("We stay,", "quote", "sp0") in roles and ("Ann Lee", "mention", "sp0") in roles
    assert ("We go,", "quote", "sp1") in roles and ("said", "cue", "sp1") in roles
    assert ("Maybe,", "quote", "unknown") in roles


def test_mention_inside_quoted_words_stays_marked():
    text = "He said the mayor Ann Lee was right."
    pieces = annotate(text, [_quote([[8, 35]], "Ann Lee", None, [18, 25])])
    assert [(p.text, p.role) for p in pieces if p.role] == [
        ("the mayor ", "quote"), ("Ann Lee", "mention"), (" was right", "quote")]


def test_offsets_outside_the_text_are_clipped():
    assert "".join(p.text for p in annotate("short", [_quote([[2, 99]], "X")])) == "short"


def test_one_person_keeps_one_colour():
    quotes = [_quote([[0, 1]], "Ann Lee", person="ann-lee"), _quote([[2, 3]], "Lee", person="ann-lee"),
              _quote([[4, 5]], "Bo")]
    assert speaker_colours(quotes) == {"ann-lee": "sp0", "Bo": "sp1"}


def test_variant_words_are_marked_changed_added_or_cut():
    pieces = diff_pieces("We will win the vote today", "We will surely win the ballot")
    marked = {(t.strip(), c) for t, c in pieces if c}
    assert marked == {("surely", "added"), ("ballot", "changed"), ("vote today", "cut")}
    assert "".join(t for t, c in pieces if c != "cut") == "We will surely win the ballot"


def test_timeline_by_month_fills_gaps_and_puts_undated_last():
    bars = timeline_bars([{"day": "2024-01-05", "n": 2}, {"day": "2024-04-01", "n": 1}, {"day": None, "n": 3}])
    assert [(b.label, b.n) for b in bars] == [("2024-01", 2), ("2024-02", 0), ("2024-03", 0), ("2024-04", 1),
                                              ("undated", 3)]
    assert bars[-1].undated and max(b.height for b in bars) == bars[-1].height
    days = timeline_bars([{"day": "2024-01-05", "n": 1}, {"day": "2024-01-09", "n": 1}])
    assert [b.label for b in days] == ["2024-01-05", "2024-01-09"]
    assert timeline_bars([]) == []
