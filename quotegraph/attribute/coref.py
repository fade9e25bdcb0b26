"""In-document speaker resolution: names, surnames, titles, pronouns and organisations.

No coreference model can be had offline, and a general one would still not know that "the
secretary of state" is the Antony Blinken introduced as "Secretary of State Antony Blinken".
News attribution is narrow enough for rules: people enter under their full name with their
role beside it, and are then called by surname, role or pronoun. So we build one registry of
the article's people and bodies, with every title the article gives them, and resolve each
speaker mention against it, preferring the most recent compatible entity (salience).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from quotegraph.attribute.names import (
    DASHES,
    GENDERED_ROLES,
    HONORIFICS,
    DIVISION_WORDS,
    ORG_NOUNS,
    PARTY_NAMES,
    PERSONAL_BODIES,
    PLACE_BODIES,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    ROLE_KINDS,
    ROLE_MODIFIERS,
    NAME_SUFFIXES,
    POST_NOMINALS,
    ROLE_NOUNS,
    THIRD_PARTY_ROLES,
    TITLE_ABBREVIATIONS,
    TYPED_ORG_NOUNS,
    RELATIVE,
    REPORT_NOUNS,
    clean_word,
    first_name_gender,
    head_word,
    hyphenated,
)

PERSON = "PERSON"
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
# Confidence in a link, by the evidence used; tuned on the seed article and our samples.
EVIDENCE = {"name": 0.97, "surname": 0.93, "title": 0.85, "pronoun": 0.8, "organisation": 0.85,
            "relative": 0.9, "previous-quote": 0.75, "focus": 0.6}
# A role the article gave nobody ("the 34-year-old said") is the person in focus: the last
# subject this few tokens back, or in a lead, the next person named this few tokens on.
FOCUS_TOKENS = 150
CATAPHORA_TOKENS = 60
LEAD_PARAGRAPHS = 2  # the headline and the lead, which may name its speaker only after
PARAGRAPH_BREAK = re.compile(r"\n+")
AGE = re.compile(r"\b\d+-year-old\b")
AGED = re.compile(r"\b\d+-year-old\s+$")
# Without a parser, a "sentence" for reading the pronoun after a one-word name.
SENTENCE_TOKENS = 30
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# Role nouns that as often name a company ("the UK's biggest coal producer"): no focus guess.
CORPORATE_ROLES = frozenset({"producer", "owner", "partner", "investor", "trader", "host", "regulator", "maker"})
# Words that complete a body's first word into its full name: "Birmingham City", "Yukos Oil Co".
BODY_SUFFIXES = frozenset("""inc ltd plc llc corp corporation co company group holdings international city united fc
    rovers athletic county oil energy airlines airways motors""".split())
# A word of a name: letters, maybe an initial's dot, maybe joined by an apostrophe (O'Connor).
NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*\.?")
NAME_PARTICLES = frozenset("van von de der den ter ten da das dos du bin ibn al el le la del di".split())
POSSESSIVE = re.compile(r"['’]s\b")
INNER_POSSESSIVE = re.compile(r"['’]s\b(?=\s)")
# Words that make a body's name say what kind of body it is: "the company" is none of these.
INSTITUTIONS = frozenset(TYPED_ORG_NOUNS) | {"agency", "authority", "institute", "association", "federation",
                                            "foundation", "charity", "party", "league", "club", "team", "board", "service"}
# ... though some kinds of body are named as such institutions: "the think-tank" may be an
# institute, "the watchdog" an office or a commission.
PUBLIC_BODIES = frozenset({"office", "commission", "authority", "agency", "council", "board", "committee", "association", "federation", "institute"})
INSTITUTION_KINDS = {
    **dict.fromkeys(("think-tank", "thinktank", "tank"), frozenset({"institute", "foundation"})),
    **dict.fromkeys(("watchdog", "regulator", "body", "organisation", "organization"), PUBLIC_BODIES),
}
PEERS = frozenset({"lord", "lady", "baron", "baroness"})
PAST = frozenset({"former", "ex"})
RANKS = frozenset({"shadow", "deputy", "vice", "assistant", "junior"}) | PAST  # another office than the one they qualify
LAWSUITS = frozenset({"lawsuit", "suit"})
PAIRS = frozenset({"pair", "couple", "duo", "trio", "both"})  # several people named before
GROUP_SIZES = {"pair": 2, "couple": 2, "duo": 2, "both": 2, "two": 2, "trio": 3, "three": 3, "four": 4}
SUB_BODIES = frozenset({"committee", "subcommittee", "commission", "panel"})  # of the body they follow
POSSESSIVE_PRONOUNS = {"its": "it", "their": "they", "our": "we"}
# Roles that are offices: "the New York state attorney general" is no description of whoever is in focus.
OFFICES = frozenset("""president vice-president premier minister secretary chancellor governor mayor senator congressman
    congresswoman representative attorney general ambassador commissioner spokesman spokeswoman spokesperson
    chairman chairwoman chief director official officer leader head""".split())
KIN = frozenset({"daughter", "son", "wife", "husband", "mother", "father", "brother", "sister", "widow", "widower"})
INDEFINITE = frozenset({"a", "an", "another", "some", "any", "many", "several", "one"})


@dataclass(slots=True)
class Entity:
    """A person or body the article names; grows as more mentions are linked to it."""

    name: str
    kind: str
    words: list[str]
    gender: str | None = None
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    title_words: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)  # token indices of mentions, for salience
    subjects: list[int] = field(default_factory=list)  # those where it is a subject or a speaker
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aged: bool = False  # given an age ("18-year-old Mirza"): a person, whatever the name

    def add_name(self, name: str, words: list[str]) -> None:
        if name not in self.aliases and name != self.name:
            self.aliases.append(name)
        if (len(words), len(name)) > (len(self.words), len(self.name)):  # "Manchester United" over "Man United"
            if self.name not in self.aliases:
                self.aliases.append(self.name)
            self.name, self.words = name, words
            if name in self.aliases:
                self.aliases.remove(name)

    @property
    def anonymous(self) -> bool:
        """An unnamed speaker ("a spokeswoman said"): kept so that "she" can refer to her."""
        return not self.name

    @property
    def doubtful(self) -> bool:
        """A "person" with no gender, no personal title and no known first name: often a body the
        tagger misread ("Yukos", "Patriot Coal")."""
        return (self.kind == "person" and not self.gender and bool(self.name) and not self.aged
                and (len(self.words) == 1 or first_name_gender(self.words[0]) is None)
                and self.title_words.isdisjoint(ROLE_NOUNS - CORPORATE_ROLES))  # "Big Brother producer Endemol"

    def add_title(self, title: str) -> None:
        if title and title.lower() not in (t.lower() for t in self.titles):
            self.titles.append(title)
            # "co-chairman" is a chairman, "Film-maker" a film-maker
            self.title_words.update(clean_word(w) for w in title.replace("-", " ").split() + title.split())


@dataclass(frozen=True, slots=True)
class Resolution:
    entity: Entity | None
    method: str | None
    confidence: float


UNRESOLVED = Resolution(None, None, 0.5)


def _is_name_token(tok: Token) -> bool:
    return bool(NAME_TOKEN.fullmatch(tok.text)) or tok.text in {"-", "'", "’"}


def name_words(span: Span) -> tuple[list[str], str | None, int]:
    """The words of a personal name in `span`, without honorifics, titles or a possessive.

    Returns the words, the gender an honorific implies, and the index of the first name token.
    """
    toks = []
    for t in span:
        if t.pos_ == "VERB" and t.is_title:
            if toks:
                break  # "Zelensky Speaks": a caption, not a name
            continue  # "Said Ellis:", the cue tagged into the name
        if not (t.is_punct and t.text not in "-") and t.text not in ("'s", "’s"):
            toks.append(t)
    gender = None
    start = 0
    while start < len(toks) - 1:
        low = toks[start].lower_.strip(".")
        if low in HONORIFICS:
            gender = gender or HONORIFICS[low]
        elif not (low in ROLE_NOUNS or low in ROLE_MODIFIERS
                  or toks[start].ent_type_ in ORG_LABELS and toks[-1].ent_type_ != toks[start].ent_type_):
            break
        start += 1
    words: list[str] = []
    for prev, t in zip([None, *toks[start:]], toks[start:]):
        if not _is_name_token(t):
            continue
        if words and prev is not None and not prev.whitespace_ and "-" in (t.text, prev.text):
            words[-1] += t.text  # "Ban Ki-moon", "Jean-Francois"
        else:
            words.append(t.text)
    # A peer's territorial designation is part of the name: "Lord Nicholls of Birkenhead".
    peer = any(t.lower_ in PEERS for t in toks[:start])
    words = [w for w in words if w[0].isupper() or w in ("-",) or w.lower() in NAME_PARTICLES or (peer and w == "of")]
    while len(words) > 1 and clean_word(words[-1]) in POST_NOMINALS:
        words.pop()
    if len(words) >= 3 and first_name_gender(words[0]) is None and first_name_gender(words[1]) is not None:
        words = words[1:]  # a nickname before the name: "Crooked Hillary Clinton"
    first = toks[start].i if start < len(toks) else span.start
    return words, gender, first


class Registry:
    """The people and bodies of one article, with their names, titles and mention positions."""

    def __init__(self, doc: Doc, verb_like=lambda word: False, quoted: Sequence[bool] = ()):
        self.doc = doc
        # Tokens inside quote marks: "what Bach wrote" in a quote makes Bach no subject of the story.
        self.quoted = quoted or [False] * len(doc)
        self.text = doc.text  # Doc.text and Doc.ents walk the whole Doc: read them once
        self.ents = _read_ents(doc, verb_like)
        self.ent_starts = [e.start for e in self.ents]
        self.token_starts = [t.idx for t in doc]
        self.entities: list[Entity] = []
        self.barred: set[int] = set()  # ids of the people named in the quote being resolved
        self.main_subjects: set[int] = set()  # subjects of a sentence's main verb, and speakers
        self.sentence = [0] * len(doc)  # each token's sentence number, for salience
        self.parsed = doc.has_annotation("DEP") or doc.has_annotation("SENT_START")
        after_lead = next(islice(PARAGRAPH_BREAK.finditer(self.text), LEAD_PARAGRAPHS - 1, None), None)
        self.lead_end = after_lead.start() if after_lead else len(self.text)
        self.headline_end = next(PARAGRAPH_BREAK.finditer(self.text), after_lead).start() if after_lead else len(self.text)
        if self.parsed:
            for k, sent in enumerate(doc.sents):
                self.sentence[sent.start : sent.end] = [k] * len(sent)
        people = []
        self.misread = {i for e in self.ents if e.label_ == PERSON and doc[e.start].ent_type_ != PERSON for i in range(e.start, e.end)}
        for ent in self.ents:
            # Title-case headlines make the tagger read verbs as names: "Brightway Recalls".
            cut = next((t.i for t in ent[1:] if t.is_title and verb_like(t.text)), ent.end)
            if cut < ent.end:
                ent = Span(doc, ent.start, cut, label=ent.label_)
            if PARTY_NAMES.get(ent.text.lower().removeprefix("the ")) is not None:
                self.add_organisation(ent)  # "the Tories", "Lib Dems", tagged as a people or a person, are a party
            elif ent.label_ == PERSON:
                people.append(ent)
            elif ent.label_ == "ORG":
                body = self.add_organisation(ent)
                if (acronym := _bracketed_acronym(ent)) is not None:
                    body.aliases.append(acronym)  # "Dresdner Kleinwort Wasserstein (DrKW)"
        # Full names, then one-word names, which may be a body's short name ("Brightway").
        people = [(ent, name_words(ent)[0]) for ent in people]
        for ent, words in people:
            if len(words) > 1:
                self.add_person(ent)
        for body in [e for e in self.entities if e.kind == "organisation" and len(e.words) == 1 and not e.aliases]:
            # "Norman Ham ... Ham made it clear": a surname tagged as a body after the full name,
            # or first in the headline ("Dawson set for new Wasps contract", then "Matt Dawson").
            person = self.match_name([body.name])
            if person is not None and person.positions and (
                    person.positions[0] < body.positions[0] or self.in_headline(body.positions[0]) and self.in_lead(person.positions[0])):
                self.absorb(person, body)
                continue
            # "Dresdner Kleinwort Wasserstein", tagged a person, is a body when called "DrKW".
            person = next((e for e in self.entities if e.kind == "person" and len(e.words) >= 3 and _is_acronym(body.name, e.name)), None)
            if person is not None:
                person.kind = "organisation"
                self.absorb(person, body)
        for ent, words in people:
            # A title makes a person, whatever body shares the name ("President Obama" after the
            # headline's "Obama Sees 'Personal Insult'").
            if len(words) <= 1 and (self.body_named(words) is None or _titled(ent)):
                self.add_person(ent)
        for tok in doc:
            # Names the tagger missed, as subjects: "Priya Nair, Brightway's chief executive, wrote".
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and tok.ent_type_ not in (PERSON, *ORG_LABELS):
                first = min((c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"
                             and c.ent_type_ not in ("DATE", "TIME")), default=tok.i)  # not "on Tuesday Mr Ebbers"
                if first < tok.i and all(t.is_title for t in doc[first : tok.i + 1]) and not tok.ent_type_:
                    span = doc[first : tok.i + 1]
                    if self.body_named([span[0].text]):  # "Brightway Appliances" after "Brightway"
                        self.add_organisation(span)
                    else:
                        self.add_person(span)
                elif (known := self.match_name([tok.text], tok.i)) is not None:
                    self.place(known, doc[tok.i : tok.i + 1])  # "Ham made it clear", untagged or mistagged
                elif tok.is_title and tok.ent_type_ in ("", "GPE", "NORP", "LOC") and any(
                        t.lower_ in ("his", "her") and t.dep_ == "poss" and not t.head.ent_type_ for t in tok.head.subtree if t.i > tok.i):
                    # "Zvonareva has lost both her games": a name whose clause says "his" or "her" is a person's
                    self.add_person(doc[tok.i : tok.i + 1])
        for tok in doc:
            if tok.lower_ in PERSONAL_BODIES and tok.pos_ == "NOUN":  # "Donald Trump's campaign"
                owner = next((c for c in tok.children if c.dep_ in ("poss", "compound") and c.ent_type_ in (PERSON, "ORG")), None)
                if owner is not None:
                    self.add_organisation(doc[owner.left_edge.i : tok.i + 1])
            elif tok.lower_ in PLACE_BODIES and tok.pos_ == "NOUN":  # "the city of Phoenix"
                of = next((c for c in tok.rights if c.lower_ == "of"), None)
                place = next((c for c in of.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"), None) if of is not None else None
                if place is not None:
                    self.add_organisation(doc[tok.i : place.i + 1])
            elif tok.lower_ in KIN and tok.pos_ == "NOUN":  # "Mr Eavis' daughter Emily"
                self.add_kin(tok)
        # Reports and polls, whose authors speak for them: "the report warned", "the poll found".
        # An author is read when asked, so that it sees the speakers resolved before it.
        self.reports = [tok.i for tok in doc if tok.lemma_.lower() in REPORT_NOUNS and tok.pos_ == "NOUN"]
        self.authors: dict[int, Entity | None] = {}
        for entity in self.entities:
            entity.positions.sort()
            entity.subjects.sort()
            if entity.kind == "person" and not entity.gender:
                self.settle_gender(entity, self.parsed)

    # Building -----------------------------------------------------------------------------------

    def add_person(self, span: Span) -> Entity | None:
        doc = span.doc
        before = clean_word(doc[span.start - 1].text) if span.start else ""
        aged = bool(AGED.search(self.text, max(0, span.start_char - 16), span.start_char))
        if (before in PEERS or span[0].lower_ in PEERS) and span.end + 1 < len(doc) and doc[span.end].lower_ == "of" \
                and doc[span.end + 1].is_title and doc[span.end + 1].pos_ == "PROPN":
            span = doc[span.start - (before in PEERS) : span.end + 2]  # "Lord Nicholls" + "of Birkenhead"
        words, gender, first = name_words(span)
        words = [w for w in words if w != "-"]
        if not words or len(words) > 5:
            return None
        name = " ".join(words)
        if len(words) == 1 and clean_word(name) in ROLE_NOUNS and (before == "the" or aged):
            return None  # "The 22-year-old Scot" is a description, not a name
        gender = gender or HONORIFICS.get(before)  # "Lord Falconer" with "Lord" outside the tagged name
        entity = self.match_name(words, span.start, gender)
        if entity is not None and len(words) == 1 and _titled(span) and min(entity.positions, default=span.start) > span.start:
            entity = None  # "President Obama", long before "Michelle Obama", is not she
        if entity is None:
            entity = Entity(name=name, kind="person", words=words)
            self.entities.append(entity)
        else:
            entity.add_name(name, words)
        if entity.gender is None:
            entity.gender = gender or (first_name_gender(words[0], strict=True) if len(words) > 1 else None)
        self.place(entity, span)
        entity.aged = entity.aged or aged
        honorific = next((clean_word(t.text) for t in span.doc[max(0, first - 1) : first] if clean_word(t.text) in TITLE_ABBREVIATIONS), None)
        for title in titles_of(span, first, self.text) + ([TITLE_ABBREVIATIONS[honorific]] if honorific else []):
            entity.add_title(title)
            entity.gender = entity.gender or next(
                (GENDERED_ROLES[clean_word(w)] for w in title.split() if clean_word(w) in GENDERED_ROLES), None
            )
        return entity

    def absorb(self, entity: Entity, other: Entity) -> None:
        """`other` was `entity` under another name the tagger misread."""
        entity.positions += other.positions
        entity.subjects += other.subjects
        entity.mentions += other.mentions
        entity.aliases.append(other.name)
        self.entities.remove(other)

    def add_kin(self, kin: Token) -> None:
        """A relative named by first name takes the family name: "Mr Eavis' daughter Emily" is
        Emily Eavis, "His mother, Giselle," Giselle Pakeerah."""
        owner = next((c for c in kin.children if c.dep_ == "poss" and c.pos_ in ("PRON", "PROPN")), None)
        i = kin.i + 1 + (kin.i + 1 < len(self.doc) and self.doc[kin.i + 1].text == ",")
        if owner is None or i + 1 >= len(self.doc):
            return
        first, after = self.doc[i], self.doc[i + 1]
        if not (first.pos_ == "PROPN" and first.is_title and first_name_gender(first.text) and after.pos_ != "PROPN"):
            return
        family = self.resolve_pronoun(owner.lower_, owner.i).entity if owner.pos_ == "PRON" else self.match_name([owner.text], owner.i)
        if family is None or family.kind != "person" or len(family.words) < 2 and owner.pos_ == "PRON":
            return
        person = self.match_name([first.text], first.i) or self.add_person(self.doc[i : i + 1])
        if person is not None and len(person.words) == 1:
            person.add_name(f"{first.text} {family.words[-1]}", [first.text, family.words[-1]])

    def add_organisation(self, span: Span, whole: bool = False) -> Entity:
        """The body `span` names; `whole`, with the common nouns that end it ("Anti-Phishing Working group")."""
        # "Standard & Poor's" keeps its own possessive; "Donald Trump's campaign" is the Trump campaign.
        toks = [t for t in span if t.lower_ not in ("the", "'s", "’s") or t.i == span.end - 1 and self.owns_possessive(span)]
        while not whole and len(toks) > 1 and (toks[-1].is_lower and toks[-1].is_alpha and toks[-1].lower_ not in PERSONAL_BODIES | SUB_BODIES
                                 or VERSION.fullmatch(toks[-1].text) or toks[-1].text[:1].islower() and toks[-1].text[1:2].isupper()):
            # "the Associated Press news agency" is the Associated Press (but "Trump's campaign" a
            # campaign, "the Commons science and technology committee" a committee); "Opera 8.0"
            # and "Apple iPod" are the makers' products, spoken for by the makers.
            toks.pop()
        name = self.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else span.text
        name = INNER_POSSESSIVE.sub("", name)  # "Donald Trump's campaign" is the Donald Trump campaign
        words = [clean_word(t.text) for t in toks if t.text != "-"]
        if (formal := PARTY_NAMES.get(name.lower())) is not None:  # "the Tories": the Conservatives
            name, words = formal.title(), formal.split()
        entity = next((e for e in self.entities if e.kind == "organisation" and _same_body(e, name)), None)
        # A short name first met in the headline is the body the story then names in full ("Marsh
        # cuts 2,500 jobs", then "Marsh & McLennan"), unless a division of it ("Google News").
        entity = entity or next((e for e in self.entities if e.kind == "organisation" and len(e.words) == 1
                                 and name.lower().startswith(e.name.lower() + " ") and self.in_headline(min(e.positions))
                                 and not DIVISION_WORDS & {clean_word(w) for w in name.split()[1:]}), None)
        if entity is None:
            entity = Entity(name=name, kind="organisation", words=words)
            self.entities.append(entity)
        else:
            entity.add_name(name, words)  # "GM", then "General Motors": the fuller name wins
        self.place(entity, span)
        return entity

    def owns_possessive(self, span: Span) -> bool:
        """Whether a body's name ends in its own "'s" ("Standard & Poor's", "McDonald's"), not in
        one of the story's: "the Bank of England's rate-setting body", "Jay-Z's label" when the
        article also names Jay-Z bare."""
        last = span[-1]
        if span.label_ != "ORG" or last.tag_ != "POS" or len(span) < 2:
            return False
        bare = self.text[span[1 if span[0].lower_ == "the" else 0].idx : last.idx]
        return len(bare.split("&")[-1].split()) == 1 and re.search(re.escape(bare) + r"(?![\w'’])", self.text) is None

    def settle_gender(self, entity: Entity, parsed: bool) -> None:
        """A "person" of no known gender ("Agassi", or "Pfizer" misread) is told by the first possessive or
        personal pronoun after one of its mentions in its sentence: "its" makes it a body ("it"
        says nothing: "Falconer said it was right"); "he" gives a one-word name a gender, but not a
        longer one ("the Patriot Coal deal played to his advantage"). Without a parse (`parsed`
        false) a token window stands for the sentence. A one-word name only ever given to women
        ("Melanie") is a woman's first name: many men's first names are also surnames ("Davis")."""
        if len(entity.words) == 1 and first_name_gender(entity.words[0], strict=True) == "female":
            entity.gender = "female"
            return
        for position in entity.positions:
            end = self.doc[position].sent.end if parsed else min(len(self.doc), position + SENTENCE_TOKENS)
            for tok in self.doc[position + 1 : end]:
                low = tok.lower_
                if low == "its":
                    # but not "Dr Rowan Williams has criticised the government over its case"
                    if len(entity.words) == 1 or first_name_gender(entity.words[0]) is None:
                        entity.kind = "organisation"
                    return
                if low in PRONOUN_GENDER:
                    if len(entity.words) == 1 and not (parsed and self.other_subject_between(self.doc[position], tok)):
                        entity.gender = PRONOUN_GENDER[low]
                    return

    def other_subject_between(self, name: Token, pronoun: Token) -> bool:
        """Whether a clause with a subject of its own holds the pronoun: in "Wasp tells the story
        of a young mum, who ... leaves her daughters", her is the mum's, not Wasp's."""
        for clause in pronoun.ancestors:
            if clause.i == name.head.i:
                return False
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in (name.i, pronoun.i) for c in clause.children):
                return True
        return False

    def body_named(self, words: list[str]) -> Entity | None:
        """The organisation a one-word name stands for ("Brightway" after "Brightway Appliances")."""
        if len(words) != 1:
            return None
        return next((e for e in self.entities if e.kind == "organisation" and _same_body(e, words[0])), None)

    def author_of(self, report: Token) -> Entity | None:
        """The named body or person a report is by: "an IMF report", "a poll by Gallup"."""
        if report.i not in self.authors:
            self.authors[report.i] = self._author_of(report)
        return self.authors[report.i]

    def _author_of(self, report: Token) -> Entity | None:
        owners = [c for c in report.children if c.dep_ in ("compound", "poss")]
        owners += [g for c in report.children if c.lower_ in ("by", "from", "for") for g in c.children if g.dep_ == "pobj"]
        # "figures compiled by the Tories", "a study published by BT"
        owners += [g for c in report.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                   for g in a.children if g.dep_ == "pobj"]
        if report.dep_ == "pobj" and report.head.lower_ == "in" and report.head.head.pos_ == "VERB":
            owners += [c for c in report.head.head.children if c.dep_ == "nsubj"]  # "Oxfam says in a report"
        if report.dep_ == "dobj":  # "Oxfam published a report", "Mark Paulsmeier ... issuing a press release"
            owners += [c for c in report.head.children if c.dep_ == "nsubj"] or (
                [report.head.head] if report.head.dep_ == "acl" else [])
        for tok in owners:
            if tok.pos_ == "PRON" and tok.dep_ == "poss":  # "her lawsuit"
                return self.resolve_pronoun(tok.lower_, tok.i).entity
            if tok.pos_ == "NOUN" and clean_word(tok.text) in ORG_NOUNS and not tok.ent_type_:  # "a survey for the charity"
                return self.resolve_nominal(self.doc[tok.left_edge.i : tok.i + 1], tok.i).entity
            if tok.ent_type_ in (*ORG_LABELS, PERSON) and (named := next((e for e in self.entities if tok.i in e.positions), None)):
                return named  # whatever the tagger called it: "A book published by Philippe Sands QC"
            if tok.ent_type_ in ORG_LABELS:
                return next((e for e in self.entities if e.kind == "organisation" and _same_body(e, tok.text)), None)
            if tok.ent_type_ == PERSON:
                return self.match_name([tok.text], tok.i)
            if (tok.pos_ == "PROPN" or tok.is_upper) and (body := self.body_named([tok.text])) is not None:
                return body  # "The Bank's minutes", "an FA statement", the tagger silent, after "the Bank of England"
        return None

    def body_of(self, person: Entity | None, kind: str) -> Entity:
        """The person's campaign or administration, named by the surname ("Clinton campaign"); with
        no person, a body of that name."""
        name = f"{person.words[-1]} {kind}" if person else kind
        entity = Entity(name=name, kind="organisation", words=[clean_word(w) for w in name.split()])
        self.entities.append(entity)
        return entity

    def add_anonymous(self, mention: Span, role: str) -> Entity:
        """An unnamed speaker, so that later pronouns and "the spokesman" resolve to nobody."""
        entity = Entity(name="", kind="person", words=[], gender=GENDERED_ROLES.get(role))
        entity.add_title(role)
        self.entities.append(entity)
        self.place(entity, mention, speaker=True)
        return entity

    def place(self, entity: Entity, span: Span, speaker: bool = False) -> None:
        """Record a mention: its position for recency, and whether it is a subject for salience."""
        root = span.root
        entity.positions.append(root.i)
        # "Ingrid Vale, the director, said" and "Real Madrid director of sport Emilio Butragueno
        # praised" make the name a subject through its role; "Clinton supporters said" does not.
        holder = root
        if root.dep_ == "appos" or root.dep_ == "compound" and root.head.pos_ == "PROPN":
            holder = root.head
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.i < span.start - 1 and clean_word(root.head.head.text) in ROLE_NOUNS:
            holder = root.head.head  # but "The MP for Sittingbourne" is no Sittingbourne
        subject = holder.dep_ in ("nsubj", "nsubjpass")
        # "The report was welcomed by ... David Willetts": a passive's agent is its logical subject.
        subject = subject or (root.dep_ == "pobj" and root.head.dep_ == "agent")
        # "Emma Watson, who plays Hermione": the subject of the relative clause
        subject = subject or any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children) for c in root.children)
        # "Alison Howe, producer of TV show Later... With Jools Holland, booked": a name opening a
        # sentence the parser could not find a verb for.
        subject = subject or root.dep_ == "ROOT" and span.start == root.sent.start
        if speaker or (subject and not self.quoted[root.i]):
            entity.subjects.append(root.i)
            if speaker or _main_clause(holder.head):
                self.main_subjects.add(root.i)
        if (span.start_char, span.end_char) not in entity.mentions:
            entity.mentions.append((span.start_char, span.end_char))

    def match_name(self, words: list[str], at: int | None = None, gender: str | None = None) -> Entity | None:
        """The person whose name contains `words` (a surname, a first name, or the full name), of
        the `gender` an honorific gave ("Mr. Obama" is not Michelle Obama); of two with that
        surname, one already a subject before token `at`, then the one the story named first (its
        Ted Cruz, not Heidi Cruz; Hillary Clinton, not Bill Clinton named after her, nor Ivanka
        Trump in a story of Donald's), then the more often a subject, then the one mentioned last."""
        low = [clean_word(w) for w in words]
        best: tuple[tuple, Entity] | None = None
        for entity in self.entities:
            if entity.kind != "person" or entity.anonymous or (gender and entity.gender and entity.gender != gender):
                continue
            ent_low = [clean_word(w) for w in entity.words]
            ent_low = ent_low[:-1] if len(ent_low) > 2 and ent_low[-1] in NAME_SUFFIXES else ent_low
            ent_low = ent_low[:-2] if len(ent_low) > 2 and ent_low[-2] == "of" else ent_low  # "Nicholls of Birkenhead"
            same_last = low[-1] == ent_low[-1]
            subset = set(low) <= set(ent_low) or set(ent_low) <= set(low)
            if same_last and subset:
                rank = 2
            elif len(low) == 1 and low[0] == ent_low[0] and len(ent_low) > 1:
                rank = 1  # a first name alone: "Hillary"
            else:
                continue
            recent = max((p for p in entity.positions if p <= at), default=-1) if at is not None else 0
            said = sum(1 for p in entity.subjects if at is None or p <= at)
            key = (rank, not entity.doubtful, said > 0, -min(entity.positions, default=0), said, recent, len(ent_low))
            if best is None or key > best[0]:
                best = (key, entity)
        if best is None and len(low) == 1 and len(low[0]) >= 5 and first_name_gender(words[0]) is None:
            # The article's own misspelling: "Mr Barrioneuvo" after "Jose Barrionuevo" (but "William"
            # is no "Rowan Williams")
            near = [e for e in self.entities if e.kind == "person" and len(e.words) > 1 and _one_slip(low[0], clean_word(e.words[-1]))
                    and not (gender and e.gender and e.gender != gender)]
            return near[0] if len(near) == 1 else None
        return best[1] if best else None

    # Resolving ----------------------------------------------------------------------------------

    def resolve(self, mention: Span, at: int, content: Sequence[tuple[int, int]] = ()) -> Resolution:
        """Who `mention` (a speaker mention ending near token `at`) refers to; an unnamed one is None.

        A person named inside a reported quote's `content` (character spans), but for a possessive,
        is not taken for its speaker by a guess: in "the chancellor said Mr Baume was never at
        meetings" the chancellor is not Mr Baume. Direct quotes are not asked: a speaker may
        name himself there ("What do you have to lose by trying something new like Trump?")."""
        self.barred = {id(e) for e in self.entities
                       if any(s <= a < e_ and not _possessor(self.text, b) for a, b in e.mentions for s, e_ in content)}
        found = self._resolve(mention, at)
        if found.entity is not None and found.entity.anonymous:
            return Resolution(None, None, found.confidence)
        return found

    def _resolve(self, mention: Span, at: int, guess: bool = True) -> Resolution:
        """As `resolve`; with `guess` off, a role is only who holds that title, never the person in focus."""
        head = mention.root
        low = head.lower_
        if low in RELATIVE and head.head.dep_ == "relcl":
            antecedent = head.head.head
            before = self.doc[head.i - 1] if head.i else head
            # The noun right before it, where the parse hung the clause higher: "Culture, Media and
            # Sport Secretary Tessa Jowell who said" (on "Culture"), "the attitude ... in its submission which states".
            # A name before "who" over a thing: "labelled a misjudgement by the Conservatives who said".
            if self.is_person(before) and not self.is_person(antecedent) or low != "who" and before.pos_ in ("NOUN", "PROPN") \
                    or before.pos_ == "PROPN" and before.ent_type_ and antecedent.pos_ == "NOUN" and not self.is_person(antecedent):
                antecedent = before
            # The whole name it sits in: "the National Council for Adoption, which said".
            span = next((e for e in self.ents_in(self.doc[antecedent.left_edge.i : antecedent.right_edge.i + 1])
                         if e.start <= antecedent.i < e.end), self.doc[antecedent.left_edge.i : antecedent.i + 1])
            found = self._resolve(span, at, guess)
            return Resolution(found.entity, found.method and "relative", min(found.confidence, EVIDENCE["relative"]))
        # A pronoun is a word, not what the tagger called one ("said M&S.").
        if (head.pos_ == "PRON" and head.is_alpha and len(head) < 6) or low in PRONOUN_GENDER:
            return self.resolve_pronoun(low, at)
        if mention.start > 1 and self.doc[mention.start - 1].text in (",", *DASHES) and (
                len(mention) == 1 and clean_word(low) in POST_NOMINALS or head_word(head) in ROLE_NOUNS):
            # "Deputy High Court Judge Richard Mawrey, QC told the hearing", "Fund manager Florian
            # Hamm - Borussia Dortmund's largest investor - said": the name before, the parse's subject after
            name = next((e for e in self.ents if e.end == mention.start - 1 and e.label_ == PERSON), None)
            if name is not None:
                return self._resolve(name, at, guess)
        real = next((t.i for t in mention[1:-1] if t.lower_ == "real" and t.nbor().lower_ == "name"), None)
        if real is not None:  # "Chart-topper 50 Cent, real name Curtis Jackson": the name the article uses
            end = real
            while end > mention.start + 1 and self.doc[end - 1].is_punct:
                end -= 1
            return self._resolve(self.doc[mention.start : end], at, guess)
        # Not one name with "and" in it ("Ernst & Young"), nor one person's two roles ("The comic and
        # actor", "Nortel president and chief executive Bill Owens").
        joined = [c for c in head.conjuncts if head.i < c.i < mention.end and _nameable(head) and _nameable(c)
                  and not all(t.ent_iob_ == "I" for t in self.doc[head.i + 1 : c.i + 1])]
        if joined:
            return self.resolve_joint(mention, [head, *joined], at)
        ents = self.ents_in(mention)
        # "hunt master, Captain Ian Farquhar", or a mention the parse did not hang on the name.
        named = None if self.is_person(head) else next(
            (e for e in ents if not e.start <= head.i < e.end and self.names_speaker(e, mention)), None)
        if named is None and (head_word(head) in ROLE_NOUNS or low == "one") and not self.is_person(head):
            named = self.name_after(mention)  # "one of the so-called Guildford Four, Gerry Conlon - who ..."
        if named is None and head_word(head) in ORG_NOUNS and mention.end + 1 < len(self.doc):
            # "Anti-abortion group the Pro-Life Alliance said", the parse's subject cut at "group"
            named = next((e for e in self.ents if e.start in (mention.end, mention.end + (self.doc[mention.end].lower_ == "the"))
                          and e.label_ == "ORG"), None)
        if named is None and head.pos_ != "PROPN":  # "His mother, Giselle," with the name untagged
            # (not one after a clause: "The Oscar-nominated actor, whose films include ...: The Phantom Menace")
            appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.is_title
                          and not any(t.pos_ in ("VERB", "AUX") for t in self.doc[head.i + 1 : c.left_edge.i])), None)
            named = self.doc[appos.left_edge.i : appos.i + 1] if appos is not None else None
        if named is not None:
            return self._resolve(named, at, guess)
        if low in PAIRS or _plural_of(head, ORG_NOUNS):
            # "EADS and BAE Systems welcomed the plan ... the companies said": the group last the subject
            group = self.joint_subject(self.last_subject(at), at)
            # (only a bare "the firms", "the two firms", "the pair": "The German and Danish governments",
            # "The tobacco companies" say which themselves)
            if group.entity is None and (low in PAIRS or any(t.lower_ in ("the", "both", *GROUP_SIZES) for t in head.lefts)) \
                    and all(t.dep_ in ("det", "nummod", "predet") for t in head.lefts):
                group = self.last_group(mention, at)  # "Elan and Biogen Idec suspended sales of Tysabri. ... The companies said"
            if group.entity is not None or head.lemma_.lower() not in ORG_NOUNS:
                return group
        if _plural_of(head, ROLE_NOUNS):
            return UNRESOLVED  # "Lib Dem officials say", "Ministers have been asked": a group, nobody by name
        if head.lower_ in UNNAMED_BODIES:
            return UNRESOLVED  # "the Indian government said": no body by name, as annotators read it
        # "the king", but not "Mervyn King"; "the poll", but not "Referee Graham Poll"; "the
        # executive", but not "The Health and Safety Executive".
        if (head_word(head) in ROLE_NOUNS and not (head.ent_iob_ == "I" and head.ent_type_ in ORG_LABELS and head.lower_ == "executive")
                or (clean_word(head.text) in ORG_NOUNS and head.ent_type_ not in ORG_LABELS)
                or _partisan(head)) and not self.is_person(head) and not self.full_name_ends(head):
            return self.resolve_nominal(mention, at, guess)
        persons = [e for e in ents if e.label_ == PERSON]
        # The name ends at the head: "Kingsport Rovers manager Steve Hartley".
        run = [t for t in mention if t.i <= head.i and t.pos_ == "PROPN" and t.ent_type_ not in {"DATE", "GPE", "NORP"}]
        named_by = next((e for e in persons if e.start <= head.i < e.end), None)
        if named_by is not None:  # "Only Fools and Horses star David Jason": the name is the tagged one
            run = [t for t in run if t.i >= named_by.start]
        words, honorific, _ = name_words(self.doc[run[0].i : head.i + 1]) if run and head.pos_ == "PROPN" else ([], None, 0)
        words = [w for w in words if w != "-"]
        known = self.match_name(words, head.i, honorific) if words else None
        # A name the tagger missed: "Sharapova" as a place, "Irons" as a plural, "Napster" as a
        # noun, "May" as a month or a modal verb.
        if known is None and not words and (head.pos_ == "PROPN" or head.is_title and head.pos_ in ("NOUN", "AUX")):
            known = self.match_name([head.text], head.i)
        orgs = [e for e in ents if e.label_ in ORG_LABELS and e.start <= head.i < e.end]  # "the Tories"
        if orgs and len(orgs[0]) == 1 and clean_word(orgs[0].text) in ORG_NOUNS:
            return self.resolve_nominal(mention, at, guess)  # "The Bank", capitalised, is still "the bank"
        if orgs and known is None:
            # The fullest name the article gives the body, though the tagger saw it as a place.
            # "Tories" after "the Conservatives": the party's own name.
            formal = PARTY_NAMES.get(orgs[0].text.lower())
            fuller = [e for e in self.ents if e.label_ in ORG_LABELS and (len(e) > len(orgs[0]) or e.text.lower() == formal)
                      and e.start < orgs[0].start and _same_names(e.text, orgs[0].text)]
            for ent in fuller[:1]:
                self.add_organisation(ent)
            return Resolution(self.add_organisation(orgs[0]), "organisation", EVIDENCE["organisation"])
        body = self.body_named(words or [head.text.rstrip(".")]) if known is None else None
        party = PARTY_NAMES.get(" ".join(clean_word(w) for w in words) or head.lower_)
        if body is None and known is None and party and head.is_title:
            # "The Lib Dems" tagged as a person; "Tories attack ..." with no fuller name in the article
            body = self.body_named([party.title()]) or self.body_of(None, party.title())
        if body is not None:  # "Brightway said", tagged as a person, after "Brightway Appliances"
            self.place(body, mention, speaker=True)
            return Resolution(body, "organisation", EVIDENCE["organisation"])
        # A speaking proper name is a person unless tagged as a body or place, or when its
        # first word is a known first name whatever the tag ("Ingrid Vale" as WORK_OF_ART).
        bodies = [e for e in ents if e.label_ in ORG_LABELS and e.start <= head.i < e.end]
        named = words and (not bodies or (len(words) > 1 and first_name_gender(words[0]) is not None))
        if persons or known is not None or named:
            span = persons[-1] if persons and known is None else self.doc[run[0].i if run else head.i : head.i + 1]
            if known is None:
                words = [w for w in name_words(span)[0] if w != "-"]
            entity = known or (self.match_name(words, head.i, honorific) if words else None)
            if entity is None and words:
                entity = self.add_person(span)
            if entity is not None:
                self.place(entity, mention, speaker=True)
                if entity.kind == "person" and len(words) > len(entity.words):
                    entity.add_name(" ".join(words), words)  # "Ellery", then the speaker's "Mark "Moose" Ellery"
                full = [clean_word(w) for w in words] == [clean_word(w) for w in entity.words]
                method = "name" if full else "surname"
                return Resolution(entity, method, EVIDENCE[method])
        return self.resolve_nominal(mention, at, guess)

    def resolve_joint(self, mention: Span, members: list[Token], at: int, bodies: bool = False) -> Resolution:
        """Several speakers named together ("Mr. Grassley and Mr. Leahy said", "the Conservatives
        and Lib Dems said"): one group under all their names, or nobody in particular when one of
        them has no name in the article or only a guessed one, or, asked for `bodies`, is surely a person."""
        found: list[Resolution] = []
        for k, tok in enumerate(members):
            start = mention.start if k == 0 else tok.left_edge.i
            end = members[k + 1].left_edge.i if k + 1 < len(members) else mention.end
            while end > start + 1 and (self.doc[end - 1].dep_ in ("cc", "preconj") or self.doc[end - 1].is_punct):
                end -= 1
            res = self._resolve(self.doc[start:end], at, guess=False)
            if res.entity is None or res.entity.anonymous or res.entity.kind == "group" \
                    or bodies and res.entity.kind == "person" and not res.entity.doubtful:
                return UNRESOLVED
            if all(r.entity is not res.entity for r in found):
                found.append(res)
        if len(found) == 1:
            return found[0]
        names = [r.entity.name for r in found]
        name = f"{', '.join(names[:-1])} and {names[-1]}"
        group = next((e for e in self.entities if e.kind == "group" and e.name == name), None)
        if group is None:
            group = Entity(name=name, kind="group", words=[w for r in found for w in r.entity.words])
            self.entities.append(group)
        self.place(group, mention, speaker=True)
        return Resolution(group, "name", min(r.confidence for r in found))

    def joint_subject(self, subject: Token | None, at: int, bodies: bool = False) -> Resolution:
        """The group `subject`, the last subject before token `at`, names, if it was several names."""
        members = _conjoined(subject) if subject is not None else []
        if len(members) < 2:
            return UNRESOLVED
        end = members[-1].right_edge.i
        end = next((t.i - 1 for t in self.doc[members[-1].i : end + 1] if t.text == ","), end)
        return self.resolve_joint(self.doc[subject.left_edge.i : end + 1], members, at, bodies)

    def last_group(self, mention: Span, at: int) -> Resolution:
        """The names last coordinated before token `at`, as a subject or not, for a mention of
        several ("the two firms", "the pair"): as many as it says, bodies for bodies."""
        head = mention.root
        size = next((GROUP_SIZES[t.lower_] for t in mention if t.lower_ in GROUP_SIZES), None)
        bodies = _plural_of(head, ORG_NOUNS)
        for tok in reversed(self.doc[: mention.start]):
            if tok.dep_ == "conj" or self.quoted[tok.i]:
                continue
            members = _conjoined(tok)
            if len(members) < 2 or size and len(members) != size or bodies and any(m.ent_type_ in ("GPE", "LOC") for m in members):
                continue
            group = self.joint_subject(tok, at, bodies)
            if group.entity is not None and group.entity.kind == "group":
                return group
        return UNRESOLVED

    def full_name_ends(self, tok: Token) -> bool:
        """Whether a proper noun is the surname of someone named in full: "Referee Graham Poll"."""
        person = self.match_name([tok.text], tok.i) if tok.pos_ == "PROPN" else None
        return person is not None and len(person.words) > 1

    def is_person(self, tok: Token) -> bool:
        return tok.ent_type_ == PERSON or tok.i in self.misread

    def names_speaker(self, ent: Span, mention: Span) -> bool:
        """Whether a name in a role mention is the speaker's: "Merck's head of research Peter Kim",
        "the head, Jo Bloggs", "market analysts Chart-Track", "Ernst and Young's Sanjay Mehta", but not
        "a spokesman for Mr Prescott"."""
        if ent.label_ not in (PERSON, "ORG") or any(t.lower_ in ("'s", "’s") for t in self.doc[ent.end - 1 : ent.end + 1]):
            return False  # "Gary Johnson's doctor" is not Gary Johnson
        # The letters after a name may head it: "Frank Field MP said", "the minister, Tom McCabe MSP,".
        letters = ent.end < len(self.doc) and clean_word(self.doc[ent.end].text) in POST_NOMINALS
        root = self.doc[ent.end] if letters else ent.root
        if root.dep_ == "appos" and root.head.i == mention.root.i or letters and root.i == mention.root.i:
            return True
        before = ent.start - 1
        while before > mention.start and clean_word(self.doc[before].text) in HONORIFICS:
            before -= 1
        # Right after the role or a comma: "head of research Peter Kim", "The head of St Fintian's,
        # Richard Fogarty", but not "The star of Rain Man and Tootsie".
        # Not a body after a preposition, nor a name right after one: "The guitarist with US rock
        # band Korn" is no Korn, "The MP for Sittingbourne" no Sittingbourne.
        after_preposition = ent.root.dep_ == "pobj" and (ent.label_ == "ORG" or self.doc[ent.start - 1].dep_ == "prep")
        return ent.end + letters >= mention.end and (ent.root.dep_ != "compound" or letters) and not after_preposition \
            and before >= mention.start and (
            self.doc[before].pos_ in ("NOUN", "PROPN", "ADJ") or self.doc[before].text == "," or self.doc[before].tag_ == "POS")

    def name_after(self, mention: Span) -> Span | None:
        """The name set off by commas after a role mention the parse cut short, maybe behind a
        title: "The head of the NHTCU, Acting Detective Chief Superintendent, Mick Deats, said"."""
        doc, i = self.doc, mention.end
        if i >= len(doc) or doc[i].text != ",":
            return None
        while i < min(len(doc), mention.end + 8) and (doc[i].text == "," or (doc[i].is_title and not doc[i].ent_type_)):
            i += 1
        ent = next((e for e in self.ents_in(doc[i : i + 6]) if e.start == i and e.label_ == PERSON), None)
        # ... followed by a comma or the verb: "The chairman of the Bar Council, Guy Mansfield QC warned"
        return ent if ent is not None and ent.end < len(doc) and (doc[ent.end].text in (",", *DASHES) or doc[ent.end].pos_ == "VERB") else None

    def ents_in(self, span: Span) -> list[Span]:
        """The named entities inside `span` (Span.ents would walk the whole Doc each time)."""
        k = bisect_left(self.ent_starts, span.start)
        out = []
        while k < len(self.ents) and self.ents[k].start < span.end:
            if self.ents[k].end <= span.end:
                out.append(self.ents[k])
            k += 1
        return out

    def resolve_pronoun(self, low: str, at: int) -> Resolution:
        low = POSSESSIVE_PRONOUNS.get(low, low)  # "its submission" is the submission of "it"
        subject = self.last_subject(at)
        if low == "it":  # "it said": the body last acting as a subject
            if subject is not None and subject.pos_ == "NOUN" and (clean_word(subject.text) in ORG_NOUNS or subject.lemma_ in REPORT_NOUNS):
                # "the Venezuelan government has ... It recently said": that body, named or not;
                # "The lawsuit noted ... It stated": the lawsuit's author.
                found = self.resolve_nominal(self.doc[subject.left_edge.i : subject.i + 1], subject.i)
                if found.entity is not None or subject.lemma_ in REPORT_NOUNS or not any(c.dep_ == "appos" for c in subject.children):
                    return found
                # "Manufacturers' organisation, the EEF, said ... It also said": the body named beside it
            bodies = [e for e in self.entities if e.kind == "organisation" or e.doubtful]
            # else the body named just before, though not as a subject: "Shares in Multiplex fell after it said"
            entity = self.most_recent(bodies, at, subjects=True) or self.most_recent(
                [e for e in bodies if e.kind == "organisation"], at, within=SENTENCE_TOKENS)
            return Resolution(entity, "pronoun", EVIDENCE["pronoun"]) if entity else UNRESOLVED
        if low == "they" and (group := self.joint_subject(subject, at)).entity is not None:
            return group  # "Britney Spears and Kevin Federline ... They said"
        if low in ("they", "we"):  # "The label ... They have said": a body, if one is the last subject
            if subject is not None and subject.tag_ == "NNS" and clean_word(subject.text) not in ORG_NOUNS:
                return UNRESOLVED  # "Officials claim ... They also allege"
            last = self.most_recent(self.entities, at, subjects=True, within=CATAPHORA_TOKENS)
            if last is not None and last.kind == "organisation":
                return Resolution(last, "pronoun", EVIDENCE["pronoun"] * 0.85)
        if low in PLURAL_PRONOUNS or low in ("i", "me", "you", "one"):
            return UNRESOLVED
        gender = PRONOUN_GENDER.get(low)
        if subject is not None and subject.pos_ == "NOUN" and subject.tag_ != "NNS" and head_word(subject) in ROLE_NOUNS \
                and GENDERED_ROLES.get(head_word(subject), gender) == gender:
            # "a spokesman for the Home Office defended the proposals. He said": the spokesman,
            # named or not, rather than the last person named; but not a guess at who the role is.
            start = subject.left_edge.i
            named_since = any(start <= p < at and e.kind == "person" for e in self.entities for p in e.positions)
            role = UNRESOLVED if named_since else self._resolve(self.doc[start : subject.right_edge.i + 1], subject.i, guess=False)
            if role.entity is not None and role.entity.kind == "person":
                return role
        candidates = [e for e in self.entities if e.kind == "person" and e.gender in (gender, None) and id(e) not in self.barred]
        # Never a name that may be a body ("producer Endemol", "Patriot Coal"), though a name of
        # three words or more is a person's ("Aung San Suu Kyi"); of the others, the last subject
        # or speaker is the likeliest antecedent, a mere mention comes after.
        sure = [e for e in candidates if not e.doubtful or len(e.words) > 2]
        # With nobody surely a person, a two-word name the tagger calls one ("Lleyton Hewitt").
        entity = (self.most_recent(sure, at, subjects=True) or self.most_recent(sure, at)
                  or self.most_recent([e for e in candidates if len(e.words) > 1], at, subjects=True))
        if entity is None:
            return UNRESOLVED
        return Resolution(entity, "pronoun", EVIDENCE["pronoun"] * (1.0 if entity.gender else 0.85))

    def resolve_nominal(self, mention: Span, at: int, guess: bool = True) -> Resolution:
        """A role ("the Ukrainian president") or a body ("the ministry") named earlier."""
        determiners = [t for t in mention if t.dep_ == "det" or t.lower_ == "one"]
        indefinite = bool(determiners) and determiners[0].lower_ in INDEFINITE
        kept = [t for t in mention if not (t.is_punct or t.dep_ in ("det", "poss") or t.pos_ == "DET")]
        words = [clean_word(t.text) for t in kept]
        head = head_word(mention.root)
        if not words or head in UNNAMED_BODIES:
            return UNRESOLVED
        age = AGE.search(mention.text)
        if head in ROLE_NOUNS or head in GENDERED_ROLES or age or _partisan(mention.root):
            gender = GENDERED_ROLES.get(head)
            if age:  # "the 23-year-old", three tokens, is no title word
                words = [clean_word(t.text) for t in kept if not age.start() <= t.idx - mention.start_char < age.end()]
            people = [e for e in self.entities if e.kind == "person" and (gender is None or e.gender in (gender, None))
                      and id(e) not in self.barred]
            # "the foreign secretary" is not the shadow foreign secretary, "the prime minister" not
            # the deputy prime minister
            ranks = RANKS.difference(*(w.split("-") for w in words))

            def holders(title: list[str]) -> list[Entity]:
                return [e for e in people if title and all(_title_has(e, w) for w in title) and not e.title_words & ranks]

            candidates = holders(words)
            if not candidates and not indefinite:  # "the British producer" is "Producer Kevin Wallace"
                plain = [clean_word(t.text) for t in kept if t.ent_type_ not in ("NORP", "GPE")]
                candidates = holders(plain) if plain != words else []
            if indefinite:
                # "a government spokesman" is the one named with that role in the next sentence, or nobody;
                # a lead's "a Labour donor" is the person the story names first after it.
                entity = self.first_after(candidates, at, within=CATAPHORA_TOKENS)
                if entity is None and guess and self.in_lead(at) and head not in SPOKESPEOPLE:
                    entity = self.introduced_after(people, at)
                entity = entity or self.add_anonymous(mention, head)
                return Resolution(entity, "title", EVIDENCE["title"])
            method = "title"
            entity = self.most_recent(candidates, at) or (self.first_after(candidates, at) if guess else None)
            if entity is None:  # "the country's vice president Jose Alencar", "Mr Dawes' daughter Emily"
                # (not across the verb: "The shadow chancellor said Mr Brown's ...")
                apposed = not any(t.pos_ in ("VERB", "AUX") for t in self.doc[mention.end : mention.end + 2])
                entity = self.first_after([e for e in people if not e.anonymous and not e.doubtful], mention.end, within=2) if apposed else None
                method = "name" if entity is not None else method
            # "His spokesman" and "Gary Johnson's doctor" are someone the article need not name: no
            # guess; nor for a role that judges or serves the person in focus ("the judge"). A role
            # of a place or a body may be the person in focus ("Connecticut's tax commissioner",
            # "Amnesty International's chief").
            owned = any(t.dep_ == "poss" and (t.pos_ == "PRON" or t.ent_type_ == PERSON) for t in mention)
            if entity is None and guess and head not in ORG_NOUNS and head not in CORPORATE_ROLES and head not in THIRD_PARTY_ROLES and not owned:
                method = "focus"
                # Never the person the mention itself names ("President Castro's chief aide").
                inside = {id(self.match_name(name_words(e)[0] or [e.text], e.start)) for e in self.ents_in(mention) if e.label_ == PERSON}
                # A former holder of another title may still be in focus ("Former world champion Jonah
                # Lomu" for "the All Black"), but not of this one ("ex-Conservative chancellor Ken Clarke").
                sure = [e for e in people if not e.doubtful and id(e) not in inside
                        and not e.title_words & (ranks if head in e.title_words else ranks - PAST)]
                named = [e for e in sure if not e.anonymous]
                # The person in focus holds no other title (then the title path would have found
                # them) and is no spokesman: those are mostly unnamed, and others than the one in focus.
                # An age or a nationality is no title: "the 23-year-old" may be the pop star, "The
                # Holland international" the Middlesbrough forward, "the Gloucester fly-half" the England player.
                epithet = not words or head not in OFFICES and any(t.ent_type_ in ("NORP", "GPE", "ORG") for t in mention)
                # A title of the mention's kind rules nobody out ("Wigan chairman" for "the Warriors
                # chief"), nor one that is no office for a role that is none ("Rock star" for "the
                # Black Sabbath singer").
                # An office qualified by a common word is that office only: "the prime minister" is
                # not the Home Secretary.
                qualified = head in OFFICES and any(t.i != mention.root.i and t.pos_ in ("ADJ", "NOUN", "PROPN") and not t.ent_type_
                                                    and clean_word(t.text) in ROLE_MODIFIERS for t in mention)
                kind = {head} if qualified else {head}.union(*(group for group in ROLE_KINDS.values() if head in group))
                untitled = [e for e in sure if not e.titles or epithet or e.title_words & kind
                            or head not in OFFICES and not e.title_words & OFFICES] if head not in SPOKESPEOPLE else []
                # Else one named in its sentence, though not as a subject ("signed up for Ricky
                # Gervais' new sitcom, the comedian has told BBC News"), before one named after.
                entity = (
                    self.most_recent(untitled, at, subjects=True, within=FOCUS_TOKENS)
                    or self.most_recent([e for e in untitled if any(p < at and self.sentence[p] == self.sentence[at] for p in e.positions)], at)
                    or self.first_after(named, at, within=CATAPHORA_TOKENS)
                )
            if entity is not None:
                self.place(entity, mention, speaker=True)
                return Resolution(entity, method, EVIDENCE[method])
            if owned or head in THIRD_PARTY_ROLES or head in SPOKESPEOPLE:
                # "The judge said ... He added": someone the article does not name, not the last man named.
                return Resolution(self.add_anonymous(mention, head), "title", EVIDENCE["title"])
        if head in REPORT_NOUNS:  # "a report by the Fraser of Allander Institute", then "the report"
            authors = [e for e in self.ents_in(mention) if e.label_ in ORG_LABELS or e.label_ == PERSON]
            if authors:
                return self._resolve(authors[-1], at)
            owner = next((t for t in mention.root.children if t.dep_ == "poss" and t.pos_ == "PRON"), None)
            if owner is not None:  # "Her lawsuit said"
                return self.resolve_pronoun(owner.lower_, owner.i)
            # "A survey for the charity" names its author; "The report says": the last report's
            # author, else the body last acting as subject.
            author = self.author_of(mention.root) if mention.root.i in self.reports else None
            if author is None and (indefinite or not determiners) and self.in_lead(at):
                # A lead's "a report says" or "research suggests" is by the body the story names next.
                author = self.introduced_after(self.entities, at)
            if author is None and not indefinite:
                author = next((a for i in reversed(self.reports) if i < at and (a := self.author_of(self.doc[i])) is not None), None)
                if author is None and head in LAWSUITS:  # "Bruce Willis is suing ... The lawsuit said": the one suing
                    author = next((a for t in reversed(self.doc[:at]) if t.lemma_ == "sue" and t.pos_ == "VERB" for c in t.children
                                   if c.dep_ == "nsubj" and (a := self._resolve(self.doc[c.left_edge.i : c.i + 1], c.i, guess=False).entity)), None)
                author = author or self.most_recent([e for e in self.entities if e.kind == "organisation"], at, subjects=True, within=FOCUS_TOKENS)
            return Resolution(author, "organisation", EVIDENCE["organisation"] * 0.8) if author else UNRESOLVED
        if indefinite:
            # A lead's "a committee of MPs has said" is the committee the story names next.
            kinds = TYPED_ORG_NOUNS.get(head, {head})
            entity = self.first_after([e for e in self.entities if e.kind == "organisation" and kinds & set(e.words)],
                                      at) if head in ORG_NOUNS and self.in_lead(at) else None
            return Resolution(entity, "organisation", EVIDENCE["organisation"] * 0.8) if entity else UNRESOLVED
        if head in ORG_NOUNS:
            kinds = TYPED_ORG_NOUNS.get(head, {head})
            # "the company" is no body named as another kind ("the Office for Product Safety"),
            # may be a name the tagger took for a person ("Lycos"), and is not named inside the
            # mention ("The firm, whose Agroflora subsidiary ...").
            orgs = [e for e in self.entities if (e.kind == "organisation" or e.doubtful) and not (set(e.words) & INSTITUTIONS) - kinds - INSTITUTION_KINDS.get(head, set())
                    and not any(mention.start <= p < mention.end for p in e.positions)]
            named = [e for e in self.entities if e.kind == "organisation"
                     and (kinds & set(e.words) or "party" in kinds and e.name.lower() in PARTIES)]
            # "the Clinton campaign" is not the Trump one.
            # A place or people before a body of a kind names it ("the Venezuelan government");
            # before a company it only describes it ("the Paris-based pressure group").
            proper = {clean_word(t.text) for t in mention if not t.is_stop and (
                t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP") or t.ent_type_ and head in TYPED_ORG_NOUNS)}
            named = [e for e in named if proper <= set(e.words)]
            # "the company said": the body named by its own name, else the last one acting as
            # subject; a body of a kind ("the union") is only one named so.
            entity = None
            if head in PERSONAL_BODIES and not proper:
                # "Hillary Clinton plans ... The campaign says": the campaign of the person in focus
                person = self.most_recent([e for e in self.entities if e.kind == "person" and not e.anonymous], at,
                                          subjects=True, within=CATAPHORA_TOKENS)
                if person is not None:
                    entity = self.most_recent([e for e in named if clean_word(person.words[-1]) in e.words], at) or self.body_of(person, head)
            entity = entity or self.most_recent(named, at)
            if entity is None and proper:  # "The Trump team": a body named so, of whatever kind, or none
                entity = self.most_recent([e for e in self.entities if e.kind == "organisation" and proper <= set(e.words)], at)
            elif entity is None and head not in TYPED_ORG_NOUNS and determiners and determiners[0].lower_ == "the":
                entity = self.most_recent(orgs, at, subjects=True) or self.most_recent(orgs, at)
                # A body named once, in a paragraph before, is an aside: "Oil giant Shell last year
                # dismantled its structure ... The company said" is still the story's Unilever.
                main = max(orgs, key=lambda e: sum(p < at for p in e.positions), default=None)
                if entity is not None and main is not entity and sum(p < at for p in entity.positions) == 1 \
                        and sum(p < at for p in main.positions) >= 3 and main.subjects and "\n" in self.text[self.doc[max(entity.positions)].idx : self.doc[at].idx]:
                    entity = main
                if entity is None and self.in_lead(at):  # a lead's "the mining group", named after it
                    entity = self.first_after([e for e in orgs if e.kind == "organisation"], at)
            root = mention.root
            start = root.i
            while start > mention.start and (self.doc[start - 1].is_title or self.doc[start - 1].text == "-" and start - 1 > mention.start) \
                    and self.doc[start - 1].dep_ != "det":
                start -= 1
            if entity is None and proper and (root.pos_ == "PROPN" and root.is_title or root.i - start >= 2):
                # "The Making Decisions Alliance said", "The Anti-Phishing Working group said": a body's
                # own name, the tagger silent
                entity = self.add_organisation(self.doc[start : root.i + 1], whole=True)
            if entity is not None:
                self.place(entity, mention, speaker=True)
                return Resolution(entity, "organisation", EVIDENCE["organisation"] * (1.0 if named else 0.8))
        return UNRESOLVED

    def narrator(self, char: int) -> Entity | None:
        """The person whose words a quote with no cue starting at `char` most likely are: the
        subject of the story sentence just before it in its paragraph, if a named or pronoun person."""
        i = bisect_left(self.token_starts, char) - 1
        while i >= 0 and (self.doc[i].is_space or self.doc[i].is_quote):
            i -= 1
        if i < 0 or "\n" in self.text[self.doc[i].idx : char] or not self.parsed:
            return None
        sentence = self.doc[i].sent
        if any(self.quoted[t.i] for t in sentence):
            return None
        for tok in sentence:
            if tok.dep_ != "nsubj":
                continue
            if tok.lower_ in ("he", "she"):
                entity = self.resolve_pronoun(tok.lower_, tok.i).entity
            else:
                entity = self.match_name([tok.text], tok.i) if tok.pos_ == "PROPN" else None
            if entity is not None and entity.kind == "person" and not entity.anonymous:
                return entity
        return None

    def in_headline(self, at: int) -> bool:
        return self.doc[at].idx < self.headline_end

    def in_lead(self, at: int) -> bool:
        """Whether token `at` is in the headline or the lead paragraph."""
        return self.doc[at].idx < self.lead_end

    def last_subject(self, at: int) -> Token | None:
        """The main-clause subject nearest before token `at` outside quote marks, pronouns aside
        ("the Tories insisted they would hold ministers to account. They said": the Tories)."""
        for tok in reversed(self.doc[max(0, at - CATAPHORA_TOKENS) : at]):
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ != "PRON" and not self.quoted[tok.i] and _main_clause(tok.head):
                return tok
        return None

    def most_recent(self, candidates: list[Entity], at: int, *, subjects: bool = False, within: int | None = None) -> Entity | None:
        """The candidate mentioned last before token `at`; if asked, as a subject or speaker, and
        then, of two subjects in one sentence, the main clause's: in "Mr Howard told the Today
        programme Mr Blair had refused the change. He said ...", he is Mr Howard."""
        best, best_key = None, None
        for entity in candidates:
            pos = max((p for p in (entity.subjects if subjects else entity.positions) if p <= at), default=-1)
            if pos < 0 or (within is not None and pos <= at - within):
                continue
            key = (self.sentence[pos], pos in self.main_subjects, pos) if subjects else (pos,)
            if best_key is None or key > best_key:
                best, best_key = entity, key
        return best

    def introduced_after(self, candidates: list[Entity], at: int) -> Entity | None:
        """The first of `candidates` the article names only after token `at`, soon after."""
        return self.first_after([e for e in candidates if not e.anonymous and min(e.positions) > at], at, within=CATAPHORA_TOKENS)

    def first_after(self, candidates: list[Entity], at: int, *, within: int | None = None) -> Entity | None:
        """Cataphora, for headlines and "said the minister, Jane Doe": the next one named."""
        limit = len(self.doc) if within is None else at + within
        after = [(min(p for p in e.positions if p >= at), n, e) for n, e in enumerate(candidates) if any(at <= p <= limit for p in e.positions)]
        return min(after)[2] if after else None



def _read_ents(doc: Doc, verb_like=lambda word: False) -> list[Span]:
    """The tagger's names, with its misreadings mended: a body named like a person who is one
    ("Carly Fiorina", tagged ORG, then "Ms Fiorina") is a person; a name goes on past a hyphen
    ("Nadia Magnenat-Thalman"); a nickname in quote marks is
    part of the name ("Brian 'Head' Welch", two names to the tagger); a name with a bracketed acronym
    is a body's, whole ("Dresdner Kleinwort Wasserstein (DrKW)", "State Administration of Radio,
    Film and Television (SARFT)", where the tagger saw only "Film and Television")."""
    ents, text = doc.ents, doc.text  # each walks the whole Doc: read once
    surnames: dict[str, int] = {}  # a person's last word, and the most words a name ending in it has
    for ent in ents:
        if ent.label_ == PERSON:
            surnames[ent[-1].text] = max(len(ent), surnames.get(ent[-1].text, 0))
    addressed = {t.text for t in doc if _addressed(t)}
    out: list[Span] = []
    for ent in ents:
        if out and ent.start < out[-1].end or not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in ent) \
                or len(ent) == 1 and ent[0].lower_.endswith("s") and ent[0].lower_[:-1] in COMMON_NOUNS \
                or len(ent) == 1 and clean_word(ent[0].text) in POST_NOMINALS:
            continue  # taken into the name before, or no name: 'the "care development group"', "MPs", "Groups", "MSP"
        if REAL_NAME.search(text, max(0, ent.start_char - 16), ent.start_char):
            continue  # "Jay-Z, real name Shawn Carter": the article calls him Jay-Z
        dash = next((t.i for t in ent[1:-1] if t.text in DASHES and t.whitespace_ and doc[t.i - 1].whitespace_), None)
        if dash is not None:  # "Florian Hamm - Borussia Dortmund's largest investor": two names
            ent = Span(doc, ent.start, dash, label=ent.label_)
        if ent.label_ == "ORG" and ent.end < len(doc) and doc[ent.end].ent_iob_ == "B" and doc[ent.end].ent_type_ == "GPE" \
                and (ent.end + 1 == len(doc) or doc[ent.end + 1].ent_iob_ != "I") and ent.root.head.i == ent.end:
            ent = Span(doc, ent.start, ent.end + 1, label="ORG")  # "Amnesty International UK", the tagger's "UK" a place
        if len(ent) > 2 and ent[-2].text == "(" and ent.end < len(doc) and doc[ent.end].text == ")":
            ent = Span(doc, ent.start, ent.end - 2, label=ent.label_)  # "Institute for Fiscal Studies (IFS" + ")"
        end = hyphenated(doc, ent.end - 1, title=True)[1] + 1  # "Nadia Magnenat" + "-Thalman"
        if end > ent.end:
            ent = Span(doc, ent.start, end, label=ent.label_)
        if (person := _first_name_before(ent)) is not None:
            ent = person
        elif _person_misread(ent, surnames, addressed, verb_like):
            ent = Span(doc, ent.start, ent.end, label=PERSON)
        elif ent.label_ == PERSON and (named := _nicknamed(ent)) is not None:
            ent = named
        elif ent.label_ in (PERSON, "ORG") and (body := _with_acronym(ent)) is not None:
            ent = body
        while out and out[-1].end > ent.start:  # a name that took in the one before it
            out.pop()
        out.append(ent)
    return out


def _first_name_before(ent: Span) -> Span | None:
    """A surname tagged a body or a place, with the first name the tagger left out before it:
    "Cardinal Cormac Murphy-O'Connor", tagged "Murphy-O'Connor"."""
    doc, i = ent.doc, ent.start
    words = [t for t in ent if t.text != "-"]
    if ent.label_ not in ("ORG", "GPE", "FAC") or not 1 <= len(words) <= 2 or i == 0 or not all(t.pos_ == "PROPN" and t.is_title for t in words):
        return None
    first = doc[i - 1]
    if first.ent_type_ or not (first.pos_ == "PROPN" and first.is_title and first.head.i in range(ent.start, ent.end)):
        return None
    return Span(doc, i - 1, ent.end, label=PERSON) if first_name_gender(first.text, strict=True) else None


def _nicknamed(ent: Span) -> Span | None:
    """The whole name of a person whose nickname, in quote marks, sits before `ent`'s surname."""
    doc, i = ent.doc, ent.start
    if i >= 4 and doc[i - 1].text in QUOTE_CHARS and doc[i - 3].text in QUOTE_CHARS and doc[i - 2].is_title \
            and doc[i - 4].is_title and (doc[i - 4].ent_type_ == PERSON or first_name_gender(doc[i - 4].text)):
        return Span(doc, i - 4, ent.end, label=PERSON)
    return None


def _one_slip(a: str, b: str) -> bool:
    """Whether two different words differ by one letter added, dropped, changed or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return a[i + 1 :] == b[i + 1 :] or a[i + 1 :] == b[i:] or a[i:] == b[i + 1 :] or (
        len(a) == len(b) and a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])


def _bracketed_after(ent: Span) -> str | None:
    """The one word in brackets right after `ent`: "(RNID)"."""
    doc = ent.doc
    return doc[ent.end + 1].text if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")" else None


def _bracketed_acronym(ent: Span) -> str | None:
    """The acronym in brackets after a body's name, whose letters are its words' initials in order,
    some skipped: "Royal National Institute for Deaf People (RNID)"."""
    acronym = _bracketed_after(ent)
    if acronym is None:
        return None
    initials = iter(t.text[0].lower() for t in ent if t.text[:1].isalpha())
    letters = [c for c in acronym.lower() if c.isalpha()]
    return acronym if acronym[:1].isupper() and len(letters) >= 2 and all(c in initials for c in letters) else None


def _with_acronym(ent: Span) -> Span | None:
    """The body's name that ends `ent` and that a bracketed acronym after it abbreviates."""
    doc, acronym = ent.doc, _bracketed_after(ent)
    if acronym is None:
        return None
    for start in range(ent.start, max(-1, ent.start - MAX_NAME_TOKENS), -1):
        if start < ent.start and not (doc[start].is_title or doc[start].lower_ in NAME_JOINERS):
            return None
        if _is_acronym(acronym, doc[start : ent.end].text):
            return Span(doc, start, ent.end, label="ORG")
    return None


PARTIES = frozenset(PARTY_NAMES.values())
UNNAMED_BODIES = frozenset({"government", "governments"})
COMMON_NOUNS = ROLE_NOUNS | ORG_NOUNS  # whose plurals the tagger may call a name ("MPs", "Groups")
REAL_NAME = re.compile(r"\breal name,? (is )?$")
VERSION = re.compile(r"\d+(\.\d+)+")  # "Opera 8.0", but not "BBC Radio 1"
MAX_NAME_TOKENS = 10
QUOTE_CHARS = frozenset("'\"‘’“”")
NAME_JOINERS = frozenset({"of", "and", "for", "the", "&", ",", "on"})
ADDRESS_FORMS = frozenset({"mr", "mrs", "ms", "miss", "mister", "dr", "sir", "lord", "lady", "dame", "baroness"})


def _titled(name: Span) -> bool:
    """Whether an honorific or a capitalised role stands before the name: "Mr. Obama", "President Obama"."""
    before = name.doc[name.start - 1] if name.start else None
    return before is not None and before.is_title and (clean_word(before.text) in HONORIFICS or clean_word(before.text) in ROLE_NOUNS)


def _person_misread(ent: Span, surnames: dict[str, int], addressed: set[str], verb_like) -> bool:
    """A first name and a surname, tagged a body, a place or a building, that is a person's: the
    surname is a person's elsewhere ("Carly Fiorina", then "Ms Fiorina"), the "place" speaks ("Rio
    Ferdinand has said"), the name holds a role ("Julia Eccleshare, chair of the judging panel",
    "Kenteris' lawyer Gregory Ioannidis"), or
    letters after it make it a person's ("Guy Mansfield QC"). A name after "Mr" is a person's, and a
    first name we do not know will do when the article calls the surname so ("Sundar Katwala", then
    "Mr Katwala")."""
    honoured = len(ent) > 2 and clean_word(ent[-1].text) in POST_NOMINALS
    name = [t for t in (ent[:-1] if honoured else ent) if t.text != "-"]  # "Mr Kilroy-Silk"
    if ent.label_ not in ("ORG", "GPE", "FAC") or not 1 <= len(name) <= 3 or not all(t.pos_ == "PROPN" and t.is_title for t in name):
        return False
    if _addressed(ent[0]) and clean_word(ent[0].text) not in ROLE_NOUNS:
        return True
    if len(name) == 1:  # "Clapton, alongside BB King, also introduced ...", after "Eric Clapton"
        return ent.label_ == "GPE" and surnames.get(name[0].text, 0) > 1 and ent.root.dep_ == "nsubj"
    if name[-1].text in addressed:
        return True
    if ent.start > 0 and clean_word(ent.doc[ent.start - 1].text) in ROLE_NOUNS:
        return first_name_gender(ent[0].text) is not None  # "spokesman Glyn Davies"
    return first_name_gender(ent[0].text, strict=True) is not None and (
        honoured or name[-1].text in surnames
        or ent.label_ == "GPE" and ent.root.dep_ == "nsubj" and verb_like(ent.root.head.lemma_)
        or any(c.dep_ == "appos" and clean_word(c.text) in ROLE_NOUNS for c in ent.root.children))


def _addressed(tok: Token) -> bool:
    """Whether a capitalised word follows "Mr", "Dr" and the like: a person's name."""
    return tok.i > 0 and tok.is_title and tok.nbor(-1).is_title and clean_word(tok.nbor(-1).text) in ADDRESS_FORMS


def _main_clause(verb: Token) -> bool:
    """Whether `verb` is its sentence's main verb, or one joined to it by "and"."""
    return verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"


def _partisan(tok: Token) -> bool:
    """"The Republican said" speaks of a person; "the Tories" or "Labour" are a body."""
    return tok.ent_type_ == "NORP" and tok.tag_ == "NNP" and not tok.lower_.endswith("s") and any(
        c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _title_has(entity: Entity, word: str) -> bool:
    """Whether a mention word fits the entity's titles ("ukraine's" fits "Ukrainian President")."""
    if word in entity.title_words or word in ("of", "the") or ROLE_KINDS.get(word, set()) & entity.title_words:
        return True
    return len(word) >= 4 and any(t.startswith(word[:5]) for t in entity.title_words if len(t) >= 4)


def titles_of(name: Span, first: int, text: str) -> list[str]:
    """Titles the article gives a person at one mention: before the name, and in apposition."""
    doc = name.doc
    titles = []
    # "Ukrainian President Volodymyr Zelensky", "Secretary of State Antony Blinken"
    j = first - 1
    # Nothing across a preposition: "a spokeswoman for Hillary Clinton" is not Clinton's title.
    across_preposition = j >= 0 and doc[j].pos_ == "ADP"
    while not across_preposition and j >= 0 and not doc[j].is_sent_end and "\n" not in doc[j].text:
        tok = doc[j]
        if _person_owns(tok):
            break  # "singer Sir Elton John's partner David Furnish" is no singer
        if head_word(tok) in ROLE_NOUNS:  # "Film-maker Spike Lee", three tokens
            j = hyphenated(doc, j)[0] - 1
            continue
        low = clean_word(tok.text)
        if tok.text == "-" or low in ROLE_NOUNS or low in ROLE_MODIFIERS or tok.ent_type_ in ORG_LABELS or (
            tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ") and low not in HONORIFICS
        ):
            j -= 1
            continue
        break
    run = [t for t in doc[j + 1 : first] if clean_word(t.text) not in HONORIFICS or clean_word(t.text) in ROLE_NOUNS]
    while run and (run[0].lower_ in ("of", "the", "-") or run[0].ent_type_ in ("DATE", "TIME")):
        run = run[1:]
    if any(head_word(t) in ROLE_NOUNS for t in run):
        titles.append(text[run[0].idx : run[-1].idx + len(run[-1].text)])
    # "Frank Field MP": letters after the name that are an office
    last = doc[name.end] if name.end < len(doc) and clean_word(name[-1].text) not in POST_NOMINALS else name[-1]
    if clean_word(last.text) in POST_NOMINALS & ROLE_NOUNS and last.is_upper:
        titles.append(last.text)
    # "Jens Stoltenberg, NATO's secretary general," and "the secretary of state, Antony Blinken,"
    root = name.root
    phrases = [list(c.subtree) for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        phrases.append([t for t in root.head.subtree if t.i < name.start])
    for toks in phrases:
        toks = [t for t in toks if not t.is_punct or t.text == "-"]
        toks = toks[max((k + 1 for k, t in enumerate(toks) if _person_owns(t)), default=0):]
        while toks and toks[0].dep_ == "det":
            toks = toks[1:]
        if toks and len(toks) <= 8 and any(clean_word(t.text) in ROLE_NOUNS for t in toks):
            titles.append(text[toks[0].idx : toks[-1].idx + len(toks[-1].text)])
    return titles


def _possessor(text: str, end: int) -> bool:
    """Whether the name ending at `end` owns what follows: "Mr Blinken's", "Ricky Gervais' new sitcom"
    (the tagger may take the mark into the name)."""
    return bool(POSSESSIVE.match(text, end)) or text[end - 1 : end] in ("'", "’") or text[end : end + 1] in ("'", "’") and text[end - 1 : end] == "s"


def _plural_of(tok: Token, nouns: frozenset[str]) -> bool:
    """Whether `tok` is the plural of one of `nouns`, capitalised or not ("Ministers", lemma
    "Ministers"; "MPs", tagged a name), and no name's ("Immigration Services")."""
    alone = not tok.ent_type_ or tok.ent_iob_ == "B" and (tok.i + 1 == len(tok.doc) or tok.nbor().ent_iob_ != "I")
    return (tok.tag_ == "NNS" or tok.tag_ in ("NNPS", "NNP") and alone and tok.lower_.endswith("s")) and (tok.lemma_.lower() in nouns or tok.lower_.removesuffix("s") in nouns)


def _conjoined(tok: Token) -> list[Token]:
    """`tok` and the speakers coordinated after it, if it stands for one: "Sony, IBM and Toshiba"."""
    return [tok, *(c for c in tok.conjuncts if c.i > tok.i and _nameable(c))] if _nameable(tok) else []


def _nameable(tok: Token) -> bool:
    """Whether a conjunct stands for a speaker of its own: a name, or a noun with its determiner."""
    return tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and (any(c.dep_ == "det" for c in tok.children) or tok.lower_ in PARTY_NAMES)


def _person_owns(tok: Token) -> bool:
    """Whether `tok` is the "'s" of a person's name: what follows is no title of that person's."""
    return tok.tag_ == "POS" and tok.i > 0 and tok.doc[tok.i - 1].ent_type_ == PERSON


def _initials(name: str) -> str:
    """"GM" of General Motors, "M&S" of Marks & Spencer."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper() or w == "&")


def _same_body(entity: Entity, name: str) -> bool:
    return any(_same_names(n, name) for n in [entity.name, *entity.aliases])


def _same_names(earlier: str, later: str) -> bool:
    """Whether a body named `earlier` in the article is the one named `later`: the same name, one
    party's names ("Tories", "Conservatives"), an acronym ("GM", "General Motors"), the full name
    shortened to its first word ("Merrill Lynch", then "Merrill"; not a division or product:
    "Google News", "Barclays Capital"), or a first word completed by a legal or club suffix
    ("Birmingham", then "Birmingham City"; not "Next", then "Next Directory")."""
    a, b = earlier.lower(), later.lower()
    if a == b or PARTY_NAMES.get(a, a) == PARTY_NAMES.get(b, b):
        return True
    for short, long in ((earlier, later), (later, earlier)):
        low, high = short.lower(), long.lower()
        rest = high[len(low) + 1 :].split() if " " not in low and high.startswith(low + " ") else []
        if rest and (all(w.strip(".") in BODY_SUFFIXES for w in rest) if short is earlier
                     else not any(w.strip(".") in DIVISION_WORDS for w in rest)):
            return True
        if _is_acronym(short, long) or _clipped(short, long):
            return True
    return False


def _clipped(short: str, long: str) -> bool:
    """"the Fed" of the US Federal Reserve: the first of its two words, place acronyms aside, cut
    short (not of the Federal Open Markets Committee)."""
    words = [w for w in long.split() if not w.isupper()]
    return len(words) == 2 and words[0].isalpha() and 3 <= len(short) < len(words[0]) and " " not in short and words[0].startswith(short) and short[0].isupper()


def _is_acronym(short: str, long: str) -> bool:
    """"GM" of General Motors, "Hefce" of the Higher Education Funding Council for England, "DrKW"
    of Dresdner Kleinwort Wasserstein."""
    if not (2 <= len(short) <= 6 and " " not in short and short[0].isupper()):
        return False
    initials = _initials(long).upper()
    capitals = "".join(c for c in short if c.isupper() or c == "&")
    # An acronym in the name stays whole: "UKIP" of the UK Independence Party
    whole = "".join(w if w.isupper() and w.isalpha() else w[0] for w in long.replace("-", " ").split() if w[0].isupper() or w == "&")
    return short.upper() in (initials, whole.upper()) or len(capitals) >= 2 and capitals == initials

