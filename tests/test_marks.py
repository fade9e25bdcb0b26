"""`find_quotes` on hand-written strings: every quote-mark style, apostrophes, and broken marks."""

from __future__ import annotations

import pytest

from quotegraph.extract.marks import find_quotes


def quoted(text: str) -> list[list[str]]:
    """The content of each top-level quote, one string per span."""
    return [[text[s:e] for s, e in q.spans] for q in find_quotes(text)]


# Styles


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will stay" on Friday.', "we will stay"),
        ("He said “we will stay” on Friday.", "we will stay"),
        ("He said: 'We will stay'.", "We will stay"),
        ("He said ‘we will stay’ on Friday.", "we will stay"),
        ("Il a dit « nous resterons » hier.", "nous resterons"),
        ("Il a dit «nous resterons» hier.", "nous resterons"),
        ("Il a dit ‹nous resterons› hier.", "nous resterons"),
        ("Er sagte „Wir bleiben hier“ am Freitag.", "Wir bleiben hier"),
        ("Er sagte „Wir bleiben hier” am Freitag.", "Wir bleiben hier"),
        ("Han sa »vi blir her» i går.", "vi blir her"),
    ],
)
def test_each_mark_style_gives_one_quote_of_the_inner_words(text, expected):
    [quote] = find_quotes(text)
    assert [text[s:e] for s, e in quote.spans] == [expected]
    assert quote.closed
    # The marks themselves are recorded, and sit just outside the content.
    assert text[quote.marks[0]] in "\"“‘'«‹„»" and not text[quote.marks[0] + 1 : quote.start].strip()
    assert text[quote.marks[-1]] in "\"”’'»›“" and not text[quote.end : quote.marks[-1]].strip()


def test_reversed_guillemets_german_style():
    assert quoted("Er sagte »Wir bleiben hier« am Freitag.") == [["Wir bleiben hier"]]


def test_headline_single_quotes_around_one_word():
    text = "Trump Blasts 'Weak' NATO Allies Over Spending"
    [quote] = find_quotes(text)
    assert text[quote.start : quote.end] == "Weak"
    assert text[quote.marks[0]] == "'"


def test_marks_tell_double_from_single_quotes():
    text = "He said \"double\" and then 'single' too."
    assert [text[q.marks[0]] for q in find_quotes(text)] == ['"', "'"]


def test_empty_string_and_marks_without_words():
    assert find_quotes("") == []
    assert find_quotes('"') == []
    assert find_quotes('""') == []
    assert find_quotes('"   "') == []
    assert find_quotes('He paused: "..." and left.') == []


def test_adjacent_quotes_stay_separate():
    assert quoted('"Yes" and "no" were both said.') == [["Yes"], ["no"]]


# Split, multi-paragraph and nested quotes


def test_split_quote_gives_two_pairs_around_the_cue():
    text = '"We seek no conflict," he said, "but we will defend every inch."'
    assert quoted(text) == [["We seek no conflict,"], ["but we will defend every inch."]]


def test_quote_over_paragraphs_reopened_each_time_is_one_quote():
    text = (
        '"The first paragraph of a long statement.\n\n'
        '"The second paragraph goes on.\n\n'
        '"And the third one ends it," she said.\n\n'
        "The article then moves on."
    )
    [quote] = find_quotes(text)
    assert [text[s:e] for s, e in quote.spans] == [
        "The first paragraph of a long statement.",
        "The second paragraph goes on.",
        "And the third one ends it,",
    ]
    assert quote.closed
    assert len(quote.marks) == 4  # three openers, one closer


def test_quote_over_paragraphs_with_curly_marks():
    text = "“First paragraph.\n\n“Second and last,” he said.\n\nAfter."
    assert quoted(text) == [["First paragraph.", "Second and last,"]]


@pytest.mark.parametrize("opening, reopening, closing", [('"', '"', '"'), ("“", "“", "”")])
def test_quote_reopened_inside_its_paragraph_is_one_quote(opening, reopening, closing):
    # BBC style: a new sentence of the same quote re-opens it without closing the last one.
    text = (
        f"{opening}I feel confident. {reopening}It was an obsession, but not now.{closing} She won.\n"
        f"{opening}She got mad,{closing} said Mauresmo.\n"
        f"{opening}It was hard,{closing} said Williams."
    )
    assert quoted(text) == [
        ["I feel confident.", "It was an obsession, but not now."],
        ["She got mad,"],
        ["It was hard,"],
    ]
    assert len(find_quotes(text)[0].marks) == 3


def test_lines_are_paragraphs_when_the_text_has_no_blank_lines():
    text = '"Line one of the quote\n"line two," he said.\nA plain line.'
    assert quoted(text) == [["Line one of the quote", "line two,"]]


@pytest.mark.parametrize(
    "text, inner",
    [
        ("She said \"he told me 'no way' twice\" today.", "'no way'"),
        ("She said “he told me ‘no way’ twice” today.", "‘no way’"),
        ("«Outer ‹inner› outer»", "‹inner›"),
        ("„Äußeres ‚inneres‘ äußeres“", "‚inneres‘"),
    ],
)
def test_nested_quote_stays_inside_its_parent(text, inner):
    [quote] = find_quotes(text)
    assert len(quote.spans) == 1
    assert inner in text[quote.start : quote.end]


# Apostrophes


@pytest.mark.parametrize(
    "text",
    [
        "I don't think so.",
        "Ukraine's army held the line.",
        "It was big in the '90s and the '80s.",
        "It was big in the ’90s and the ’80s.",
        "They went to the Smiths' house.",
        "Players' wages and the fans' anger grew.",
        "It’s the Smiths’ turn, isn’t it?",
        "He loves rock 'n' roll and rock ’n’ roll.",
        "'Tis the season, and ’twas ever thus.",
        "Let 'em wait, 'cause we're late.",
    ],
)
def test_apostrophes_are_not_quotes(text):
    assert find_quotes(text) == []


def test_apostrophes_inside_a_quote_do_not_end_it():
    text = "He said, “It’s the ’90s again and Ukraine’s time.” Then he left."
    assert quoted(text) == [["It’s the ’90s again and Ukraine’s time."]]


def test_elisions_leave_real_single_quotes_paired():
    assert quoted("'Tis rock 'n' roll, he said of 'the best' band.") == [["the best"]]
    assert quoted("The word 'cause' is short.") == [["cause"]]


def test_plural_possessive_before_a_single_quoted_phrase():
    text = "The Smiths' house, she said, 'is far too big'."
    assert quoted(text) == [["is far too big"]]


# Stray and unbalanced marks


def test_stray_mark_does_not_swallow_later_paragraphs():
    text = 'He said "this one is never closed.\n\nA plain paragraph.\n\nThen "a real quote" here.'
    assert quoted(text) == [["a real quote"]]


def test_many_stray_marks_leave_only_the_balanced_quote():
    text = 'One "stray.\n\nTwo “stray.\n\nThree «stray.\n\nFour "real one" here.'
    assert quoted(text) == [["real one"]]


def test_quote_paragraph_that_lost_its_closing_mark_stops_at_its_paragraph():
    text = '"A quote paragraph whose closing mark was lost.\n\nA plain paragraph after it.'
    [quote] = find_quotes(text)
    assert not quote.closed
    assert quote.end <= text.index("\n")


def test_closing_mark_alone_opens_nothing():
    text = "He left” and then he came back.\n\nLater “a quote” here."
    assert quoted(text) == [["a quote"]]


# Doubled marks (``NYT style'' and ''doubled'')


@pytest.mark.parametrize("text", ["He said ``like this'' and left.", "He said ''like this'' and left."])
def test_doubled_marks_as_in_nyt_text(text):
    [quote] = find_quotes(text)
    assert text[quote.start : quote.end] == "like this"
    assert text[quote.marks[0] : quote.marks[0] + 2] in ("``", "''")


def test_doubled_marks_keep_offsets_into_the_original_text():
    text = "``First part,'' he said, ``second part.''"
    assert quoted(text) == [["First part,"], ["second part."]]
