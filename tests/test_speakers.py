"""Speaker resolution on hand-written news sentences: roles, acronyms, unnamed speakers, focus."""

from __future__ import annotations

import quotegraph


def speakers(text: str, nlp) -> dict[str, str | None]:
    """Each quote's first words -> the resolved speaker name."""
    return {" ".join(q.text.split()[:3]): q.speaker.name for q in quotegraph.extract(text, nlp=nlp).quotes}


def test_acronym_and_full_name_of_a_company_are_one_speaker(nlp):
    text = (
        "General Motors has cut its forecast for the year.\n\n"
        "GM said higher healthcare costs would hurt its performance in 2005. "
        '"Attaining earnings of $10 a share remains our goal," the company said.'
    )
    assert set(speakers(text, nlp).values()) == {"General Motors"}


def test_short_name_of_a_body_before_a_club_suffix_only(nlp):
    text = (
        "Birmingham City have rejected a bid for their captain.\n\n"
        '"He is not for sale," Birmingham said on Monday.'
    )
    assert speakers(text, nlp) == {"He is not": "Birmingham City"}
    text = (
        "Google News was blocked in China, the group said.\n\n"
        "Google said it was looking into the problem."
    )
    assert speakers(text, nlp)["it was looking"] == "Google"


def test_pronoun_after_an_unnamed_spokeswoman_stays_unknown(nlp):
    text = (
        "Google executive Susan Wojcicki said the project would take years. "
        "A spokeswoman for Oxford University said the books would include novels and poetry. "
        '"Important works will be made available to everyone," she said.'
    )
    found = speakers(text, nlp)
    assert found["Important works will"] is None
    assert found["the project would"] == "Susan Wojcicki"


def test_role_the_article_gave_in_other_words(nlp):
    text = (
        "Trade and Industry Secretary Patricia Hewitt spoke in London on Monday.\n\n"
        "The minister told delegates that career sexism was holding women back."
    )
    assert speakers(text, nlp) == {"career sexism was": "Patricia Hewitt"}


def test_judge_as_title_before_the_name(nlp):
    text = (
        "Texas Judge Letitia Clark said the firm had too little presence in the US.\n\n"
        "In her ruling, the judge said that her role was simply to decide on jurisdiction."
    )
    assert set(speakers(text, nlp).values()) == {"Letitia Clark"}


def test_our_correspondent_is_the_correspondent_named_before(nlp):
    text = (
        "All sides want to avoid a strike, said BBC labour affairs correspondent Stephen Cape.\n\n"
        "This would allow months of negotiations to follow, said our correspondent."
    )
    assert set(speakers(text, nlp).values()) == {"Stephen Cape"}


def test_age_description_is_the_person_in_focus(nlp):
    text = (
        "Andre Agassi pulled out of the Kooyong Classic with a hip injury.\n\n"
        'Agassi was serving at 5-6 down when he decided to stop. "My hip was cramping," said the 34-year-old.'
    )
    assert speakers(text, nlp) == {"My hip was": "Andre Agassi"}


def test_a_role_nobody_holds_stays_unknown_when_nobody_is_in_focus(nlp):
    text = '"We will appeal," said the defender.'
    assert speakers(text, nlp) == {"We will appeal,": None}


def test_body_as_they(nlp):
    text = (
        "The record label Sony BMG has withdrawn the video. "
        "They have said the reference to the school was unintentional."
    )
    assert speakers(text, nlp) == {"the reference to": "Sony BMG"}


def test_mention_starts_after_a_dash_and_conjunction(nlp):
    text = (
        "Birmingham have confirmed Blackburn made a bid for Robbie Savage - but managing director "
        'Karen Brady has called it "derisory".'
    )
    [quote] = [q for q in quotegraph.extract(text, nlp=nlp).quotes if "derisory" in q.text]
    assert quote.speaker.name == "Karen Brady"
    assert quote.speaker.mention.text == "managing director Karen Brady"


def test_the_quoted_person_speaks_not_the_paper_that_quoted_them(nlp):
    text = "The Evening Standard quoted Mr Clarke telling activists that he wanted Britain to offer refuge."
    [quote] = quotegraph.extract(text, nlp=nlp).quotes
    assert quote.speaker.mention.text == "Mr Clarke"
    text = "The newspaper quoted Jane Smith as saying that the plan had failed."
    assert speakers(text, nlp) == {"the plan had": "Jane Smith"}
