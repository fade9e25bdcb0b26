"""Words that make up names and roles: honorifics, role nouns, genders.

Kept as data, separate from the resolution logic, so the lists can grow without touching it.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

HONORIFICS = {
    "mr": "male", "mister": "male", "sir": "male", "lord": "male", "mrs": "female", "ms": "female",
    "miss": "female", "lady": "female", "dame": "female", "madam": "female", "dr": None, "prof": None,
    "professor": None, "rev": None, "reverend": None, "mx": None, "st": None, "baroness": "female",
    "baron": "male", "sen": None, "rep": None, "gov": None, "gen": None, "col": None, "lt": None,
    "capt": None, "sgt": None, "pres": None, "judge": None, "justice": None, "supt": None, "insp": None,
    "det": None, "cllr": None, "maj": None, "cdr": None, "cmdr": None,
}

# Honorifics that are also titles: "Sen. Ted Cruz" makes "the senator" resolvable.
TITLE_ABBREVIATIONS = {"sen": "Senator", "gov": "Governor", "rep": "Representative", "gen": "General",
                       "col": "Colonel", "lt": "Lieutenant", "capt": "Captain", "sgt": "Sergeant",
                       "pres": "President", "prof": "Professor", "professor": "Professor", "judge": "Judge",
                       "supt": "Superintendent", "insp": "Inspector", "det": "Detective", "cllr": "Councillor",
                       "maj": "Major", "cdr": "Commander", "cmdr": "Commander"}
# Generational suffixes, not surnames: "Joseph R. Biden Jr." is Mr. Biden.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Letters after a name are honours and offices, not part of it: "Ben Emmerson QC" is Ben Emmerson.
POST_NOMINALS = frozenset({"qc", "kc", "mp", "mep", "msp", "obe", "cbe", "mbe", "kbe", "dbe", "phd", "md", "esq"})
# Nouns that name a role a person holds; a title phrase must contain one of them.
ROLE_NOUNS = frozenset(
    """
    president vice-president premier minister secretary chancellor governor mayor senator congressman
    congresswoman congressperson representative lawmaker legislator mp mep mla msp councillor councilor dj
    spokesman spokeswoman spokesperson chairman chairwoman chairperson chair director chief executive ceo
    cfo coo cto founder co-founder owner boss head leader king queen prince princess emperor pope
    cardinal bishop archbishop priest rabbi imam general commander admiral colonel major captain
    lieutenant sergeant marshal ambassador envoy diplomat consul judge justice attorney prosecutor
    lawyer solicitor barrister sheriff constable commissioner inspector superintendent officer
    official manager coach striker midfielder defender goalkeeper player captain referee economist
    analyst strategist professor lecturer researcher scientist doctor surgeon nurse adviser advisor
    aide deputy speaker candidate nominee challenger incumbent secretary-general chief-of-staff
    treasurer comptroller auditor regulator governor-general president-elect campaigner activist
    organiser organizer negotiator mediator author writer novelist journalist editor reporter
    columnist presenter host actor actress singer musician artist director producer chef
    governor-elect superintendent pastor spokesperson tsar czar vicar dean principal headteacher
    headmaster headmistress provost rector chancellor-elect taoiseach chairman-elect mogul tycoon
    investor banker trader partner correspondent commentator pundit expert executive star champion
    skipper winger forward batsman bowler athlete golfer boxer rider driver frontman veteran
    debutant newcomer youngster teenager rookie winner finalist runner-up holder
    wing flanker fly-half scrum-half full-back hooker openside playmaker keeper centre-back left-back
    right-back centre-half
    scot welshman welshwoman englishman englishwoman irishman irishwoman frenchman frenchwoman
    dutchman spaniard businessman businesswoman billionaire entrepreneur politician frontrunner
    front-runner contender hopeful wife husband widow widower mother father son daughter
    dealer broker source insider witness resident international medallist medalist sprinter runner
    swimmer cyclist skier olympian
    guitarist bassist drummer keyboardist pianist violinist vocalist rapper songwriter composer conductor
    comedian comic dancer director-general filmmaker film-maker playwright poet designer photographer
    backbencher frontbencher peer pm
    user attendant blogger consumer homeowner tenant motorist commuter traveller
    donor supporter fan voter critic shopper customer victim survivor parent teacher student pupil worker
    employee farmer patient passenger viewer listener reader member
    """.split()
)
# Roles that judge, defend or serve the people a story is about: "the judge" is not its defendant.
THIRD_PARTY_ROLES = frozenset("""judge magistrate coroner barrister lawyer solicitor prosecutor attorney referee
    umpire""".split())
# A role word in a mention may name a kind of the title the article gave: "the minister" for the
# Trade and Industry Secretary, "the boss" for the managing director.
ROLE_KINDS = {
    "minister": {"secretary", "chancellor", "premier", "minister"},
    "boss": {"manager", "chief", "director", "chairman", "chairwoman", "executive", "ceo", "head", "owner", "leader"},
    "executive": {"chief", "ceo", "director", "executive"},
    "official": {"secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "director", "commissioner"},
    "player": {"striker", "midfielder", "defender", "goalkeeper", "captain", "winger", "forward", "skipper", "star"},
    "gop": {"republican"},
    "pm": {"prime"},
    "premier": {"prime", "premier"},
    "star": {"striker", "midfielder", "defender", "goalkeeper", "captain", "winger", "forward", "skipper", "player",
             "actor", "actress", "singer", "musician"},
}

# Words that may stand inside a title phrase beside a role noun ("Foreign Secretary", "Prime Minister").
ROLE_MODIFIERS = frozenset(
    """
    prime vice deputy former ex acting interim chief senior junior shadow first foreign home finance
    defence defense state general executive assistant associate managing principal permanent special
    national international federal regional local city county state-level supreme high lord attorney
    majority minority house senate party labour labor conservative liberal democratic republican
    opposition health education justice interior energy environment trade culture transport treasury
    economy economic business sports sport team club company group board police fire army navy
    of for the
    """.split()
)

GENDERED_ROLES = {
    "spokesman": "male", "chairman": "male", "congressman": "male", "king": "male", "prince": "male",
    "emperor": "male", "actor": "male", "headmaster": "male", "spokeswoman": "female",
    "chairwoman": "female", "congresswoman": "female", "queen": "female", "princess": "female",
    "actress": "female", "headmistress": "female",
    "businessman": "male", "businesswoman": "female", "wife": "female", "husband": "male", "widow": "female",
    "widower": "male", "mother": "female", "father": "male", "son": "male", "daughter": "female",
    "welshman": "male", "englishman": "male", "irishman": "male", "frenchman": "male", "dutchman": "male",
    "welshwoman": "female", "englishwoman": "female", "irishwoman": "female", "frenchwoman": "female",
}

PRONOUN_GENDER = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
DASHES = frozenset({"-", "–", "—", "--"})
ORG_NOUNS = frozenset(
    """
    ministry department government agency office company firm group council committee commission
    bank party union association federation board authority police army military embassy court
    campaign organisation organization institute foundation charity club team league
    administration white-house kremlin regulator service newspaper
    network channel station broadcaster paper magazine website study report survey poll
    statement giant firm maker carmaker retailer airline insurer lender operator chain watchdog body
    bookmaker bookie supermarket brewer publisher label studio developer manufacturer city fund drugmaker
    alliance coalition weekly journal tabloid publication think-tank thinktank tank bourse site
    """.split()
)
# Bodies of a kind: "the union" is a body whose name says union (or workers), never the last
# company that spoke; with no such body named it is an unnamed one.
TYPED_ORG_NOUNS = {
    "government": {"government", "administration", "executive", "cabinet"},
    "administration": {"administration"},
    "campaign": {"campaign"},
    "union": {"union", "workers", "federation", "association", "guild", "brotherhood"},
    "court": {"court", "tribunal"},
    "police": {"police", "constabulary", "nypd", "lapd"},
    "army": {"army", "military", "forces", "pentagon"},
    "military": {"army", "military", "forces", "pentagon"},
    "embassy": {"embassy"},
    "ministry": {"ministry"},
    "department": {"department"},
    "council": {"council"},
    "committee": {"committee"},
    "commission": {"commission"},
    "office": {"office"},
    "city": {"city"},
}
# Words after a company's name that make another body of it: "Google News", "Barclays Capital",
# "Lycos Europe", "Macrovision Entertainment Technologies Group"; other words just complete the
# name ("Merrill Lynch", "Baoshan Iron and Steel").
DIVISION_WORDS = frozenset(
    """news capital maps music office store play pay mobile online video tv books search cloud card
    europe uk america asia africa australia india china japan foundation institute trust fund
    entertainment division unit media directory studios pictures records games software labs auto""".split()
)
# Names of one party: the fullest form an article gives wins ("Conservatives" over "Tories").
PARTY_NAMES = {"tories": "conservatives", "tory": "conservatives", "conservative": "conservatives",
               "conservative party": "conservatives", "lib dems": "liberal democrats", "lib dem": "liberal democrats",
               "libdems": "liberal democrats", "labour": "labour party"}
# Bodies named after a person: "the Obama administration", "Donald Trump's campaign".
PERSONAL_BODIES = frozenset({"administration", "campaign"})
# Bodies named after a place: "the city of Phoenix".
PLACE_BODIES = frozenset({"city", "county", "state", "town"})
# Documents that speak for their authors: "a report by the Fraser of Allander Institute says".
REPORT_NOUNS = frozenset({"report", "study", "survey", "poll", "research", "review", "analysis", "lawsuit", "suit",
                          "letter", "complaint", "submission", "filing", "memo", "ad", "advert", "book",
                          "poster", "leaflet", "manifesto", "document", "dossier", "release", "findings", "minutes", "estimate",
                          "statement", "figures", "accounts", "ruling", "judgment", "judgement", "verdict"})

RELATIVE = frozenset({"who", "that", "which", "whom"})


def hyphenated(doc: Doc, i: int, *, title: bool = False) -> tuple[int, int]:
    """The first and last token of the word that hyphens join around token `i` with no space
    ("co-chairman", "fly-half", "Magnenat-Thalman"); with `title`, only capitalised pieces join."""
    start = end = i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_ \
            and (not title or doc[start - 2].is_title):
        start -= 2
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_ and not doc[end + 1].whitespace_ \
            and (not title or doc[end + 2].is_title):
        end += 2
    return start, end


def head_word(tok: Token) -> str:
    """A head noun with the words hyphenated to it when they make a role: "fly-half" (but "co-chairman" is a chairman)."""
    doc = tok.doc
    start, end = hyphenated(doc, tok.i)  # "co-chairman", parsed with "co" as the head
    word = clean_word(doc[start : end + 1].text)
    return word if word in ROLE_NOUNS or word in ORG_NOUNS else clean_word(doc[end].text)


def clean_word(word: str) -> str:
    """Lower case, without dots or a possessive ending, for comparing name and title words."""
    word = word.lower().strip(".")
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(first: str, *, strict: bool = False) -> str | None:
    """'male', 'female' or None, from a first name; only confident guesses count, and with
    `strict` only names never given to the other gender."""
    if len(first) < 2 or not first[0].isalpha():
        return None
    guess = _detector().get_gender(first)
    if strict:
        return guess if guess in ("male", "female") else None
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(guess)
