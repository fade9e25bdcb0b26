"""Find the quotations of a parsed article: direct, mixed and indirect, with cue and source.

Direct quotes come from paired quote marks (`marks.py`); the parse is used only around them, to
find the cue that attaches each one: after it (`"...," Zelensky said`, `"...," said Zelensky`),
before it (`Zelensky said: "..."`), or between its halves (`"...," he said, "..."`). Reported
speech comes from the parse: a cue verb with a clausal complement, or "according to". A quote
whose marks fall inside such a complement makes it `mixed`. A quote with no cue at all is kept
when it reads as speech (a sentence of its own), and takes the speaker of the quote before it
when the layout says so; a short quoted phrase with no cue is a scare quote, not a quote.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from quotegraph.attribute.names import DASHES, HONORIFICS, RELATIVE, ROLE_NOUNS, clean_word, head_word, hyphenated
from quotegraph.extract.cues import NAMING, CueLexicon
from quotegraph.extract.marks import SENTENCE_ENDS, Quoted, find_quotes, split_paragraphs

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
MENTION_RIGHT = frozenset({"prep", "pobj", "compound", "amod", "nummod", "case", "poss"})
NOMINAL_POS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "ADV", "PUNCT", "ADP", "AUX", "PART", "CCONJ", "NUM"})
# Past forms that are only ever verbs, whatever the tagger says (`," the 23-year-old wrote.`).
PAST_CUES = frozenset({"said", "wrote", "added", "told", "insisted", "explained", "warned", "admitted", "declared"})
CAUSATIVES = frozenset({"prompt", "lead", "force", "cause", "compel", "spur", "push", "drive", "provoke", "inspire"})
INHERITS_SUBJECT = frozenset({"advcl", "conj", "xcomp", "ccomp", "acl"})
CLAUSE_DEPS = frozenset({"ccomp"})
STATEMENT_NOUNS = frozenset({"statement", "interview", "letter", "post", "tweet", "email", "speech", "note", "message", "briefing", "report", "memo", "blog", "column", "op-ed", "release"})
WINDOW = 25
MAX_CUE_TAIL = 10  # words from a cue after its quote to the speaker's name: "said Tory shadow ... Caroline Spelman"
BYLINE_DASHES = DASHES | {"―"}
# Confidence in a quote's attribution, by how its cue was found; tuned on the seed and samples.
ATTACHED, SPLIT, INTRODUCED, FRAGMENT, INHERITED, ORPHAN = 0.95, 0.95, 0.9, 0.75, 0.75, 0.4
MIN_SPEECH_WORDS = 4  # a quote with no cue shorter than this is a term or a title, not speech


@dataclass(slots=True)
class Found:
    """One quotation as found in the Doc, before its speaker is resolved."""

    kind: str
    spans: list[tuple[int, int]]
    cue: Span | None
    source: Span | None
    confidence: float
    paragraph: int
    inherit: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]


class QuoteFinder:
    """All quotations of one Doc. A class because the passes share token maps of the Doc."""

    def __init__(self, doc: Doc, lexicon: CueLexicon, *, complementizer: bool = False):
        self.doc = doc
        self.lex = lexicon
        self.complementizer = complementizer
        self.text = doc.text  # Doc.text joins every token: read it once
        self.quoted: list[Quoted] = find_quotes(self.text)
        self.starts = [t.idx for t in doc]
        paragraphs = split_paragraphs(self.text)
        self.para_starts = [s for s, _ in paragraphs] or [0]
        self.in_quote = [-1] * len(doc)
        for n, q in enumerate(self.quoted):
            lo, hi = self.token_at(min(q.marks[0], q.start)), self.token_at(max(q.end, q.marks[-1]))
            for i in range(lo, hi + 1):
                if self.doc[i].idx < max(q.end, q.marks[-1] + 1):
                    self.in_quote[i] = n
        self.used_cues: set[int] = set()
        self.headlines: dict[int, bool] = {}

    # Maps ---------------------------------------------------------------------------------------

    @cached_property
    def surnames(self) -> frozenset[str]:
        """Last words of the full names the tagger found: "May wrote", with May read as a month,
        is Brian May's cue."""
        return frozenset(e[-1].text for e in self.doc.ents if e.label_ == "PERSON" and len(e) > 1)

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def paragraph(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1

    def boundary(self, tok: Token) -> bool:
        return tok.text in SENTENCE_ENDS or "\n" in tok.text

    def tail(self, n: int) -> list[Token]:
        """Tokens after quote n up to the end of its sentence, the next quote or paragraph."""
        q = self.quoted[n]
        i = self.token_at(q.marks[-1] if q.closed else q.end - 1) + 1
        while i < len(self.doc) and self.in_quote[i] == n:
            i += 1
        out = []
        while i < len(self.doc) and len(out) < WINDOW:
            tok = self.doc[i]
            if self.in_quote[i] != -1 or "\n" in tok.text:
                break
            out.append(tok)
            if tok.text in SENTENCE_ENDS:
                break
            i += 1
        return out

    def head(self, n: int) -> list[Token]:
        """Tokens before quote n back to the start of its sentence, an earlier quote or paragraph."""
        i = self.token_at(self.quoted[n].marks[0]) - 1
        out: list[Token] = []
        while i >= 0 and len(out) < WINDOW:
            tok = self.doc[i]
            if self.in_quote[i] != -1 or self.boundary(tok):
                break
            out.append(tok)
            i -= 1
        return out[::-1]

    # Cues and sources ---------------------------------------------------------------------------

    def speech_verb(self, tokens: list[Token]) -> Token | None:
        for tok in tokens:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                return tok
            if tok.i in self.used_cues or tok.dep_ == "amod" and tok.i < tok.head.i:
                continue  # used, or an adjective: "The proposed question is:"
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.lex.direct or tok.lower_ in PAST_CUES:
                return tok
        return None

    def cue_span(self, verb: Token) -> Span:
        if verb.lower_ == "according":
            return self.doc[verb.i : verb.i + 2]
        end = verb.i + 1
        for child in verb.rights:
            if child.dep_ == "prt" and child.i == end:
                end += 1
        return self.doc[verb.i : end]

    def subject(self, verb: Token, depth: int = 0) -> Token | None:
        """The source of a cue verb: its subject, the noun after it, or its governor's subject."""
        if verb.lower_ == "according":
            to = next((c for c in verb.children if c.lower_ == "to"), None)
            if to is None and verb.i + 1 < len(self.doc):
                to = self.doc[verb.i + 1]
            return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        for cue in (verb, verb.head):
            # "The paper quoted Mr Clarke (as) telling activists that ...": the quoted one speaks.
            if cue.lemma_ == "quote" and cue.pos_ == "VERB":
                quoted = next((c for c in cue.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON", "NOUN")), None)
                if quoted is not None and self.in_quote[quoted.i] == -1:
                    return quoted
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is None and any(c.dep_ == "auxpass" for c in verb.children):
            # "were labelled a "big misjudgement" by the Conservatives": the agent hung on the object
            agent = next((g for c in verb.children if c.dep_ in ("oprd", "dobj") for p in c.children
                          if p.lower_ == "by" and p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"), None)
        if agent is not None and self.in_quote[agent.i] == -1:
            return agent  # "this argument was dismissed as "ridiculous" by Justice David Souter"
        # A subject across a paragraph break is the parse joining a headline to the lead; of several
        # (a parse broken by a hyphen: "Arsenal vice-chairman David Dein has said"), the person.
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS and (c.dep_ != "csubj" or _named_clause(c))
                    and self.in_quote[c.i] == -1 and self.paragraph(c.idx) == self.paragraph(verb.idx)]
        if subjects:
            # "Mr Bez - himself a former executive at rival Porsche - said": the name before the aside.
            aside = next((t for t in subjects[0].subtree if t.lower_ in ("himself", "herself") and t.i >= 2
                          and self.doc[t.i - 1].text in DASHES and self.doc[t.i - 2].pos_ == "PROPN"), None)
            if aside is not None:
                return self.doc[aside.i - 2]
            # "..., in particular the UK, France and Spain, said the report": after its content, an
            # inverted cue's subject follows it.
            after = [c for c in subjects if c.i > verb.i]
            if after and len(subjects) > 1 and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
                return after[0]
            return subjects[0] if subjects[0].pos_ in ("PROPN", "PRON") else next(
                (c for c in subjects if c.ent_type_ == "PERSON"), subjects[0])
        for child in verb.rights:  # "said Zelensky", "added the minister", even as its object after the quote
            if (child.pos_ in ("PROPN", "NOUN", "PRON") and (child.dep_ in ("attr", "npadvmod", "dep", "appos", "oprd")
                    or child.dep_ == "dobj" and self.inverted(verb) and head_word(child) in ROLE_NOUNS)
                    and self.in_quote[child.i] == -1 and child.ent_type_ not in ("DATE", "TIME")):
                if child.lower_ not in ("it", "this", "that", "reporters", "journalists"):
                    return child
        if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN") and self.in_quote[verb.head.i] == -1:
            return verb.head  # "officials speaking on Monday said that ...": the noun the participle modifies
        before = self.doc[verb.i - 1] if verb.i else verb
        if (before.ent_type_ == "PERSON" or before.is_title and before.text in self.surnames) \
                and self.in_quote[before.i] == -1 and verb.dep_ != "conj":
            # A name right before a cue the parse gave no subject: "footage of Hillary Clinton asking",
            # "Others targeted include ..., Lib Dem's elections chief Lord Rennard said"; of several
            # ("Obama and Clinton call them"), the first, whose mention holds them all.
            start = before.i
            while start > 0 and self.doc[start].ent_iob_ == "I":
                start -= 1
            while start > 0 and self.doc[start - 1].lower_ in ("and", "or", "&") and before.dep_ == "conj":
                before = before.head
                start = before.left_edge.i
            return before
        # "The pressure prompted the prime minister to say ...", "He accused the party of claiming
        # ...", "the newspaper quoted Geoff Dixon as saying": the object speaks, and a passive's
        # subject ("Geoff Dixon was quoted by the newspaper as saying"); but in "urged his supporters
        # to ask" the urging is the claim, and its subject the source, and in "hit back by saying"
        # the subject speaks.
        quoted_as = verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_.lower() == "quote"
        controller = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in CAUSATIVES else \
            verb.head.head if verb.dep_ == "pcomp" and (verb.head.lower_ in ("of", "for") or quoted_as) else None
        if controller is not None:
            objects = ("dobj", "nsubjpass") if quoted_as else ("dobj",)
            obj = next((c for c in controller.children if c.dep_ in objects and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
            if obj is not None and self.in_quote[obj.i] == -1:
                return obj
        governor = None
        if depth < 2 and verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
            governor = verb.head.head  # "the secretary hit back by saying ..."
        elif depth < 2 and verb.dep_ in INHERITS_SUBJECT and verb.head.i != verb.i:
            # "The president said ..., saying ...": the nearest governing cue verb speaks.
            governor = next((a for a in verb.ancestors if a.pos_ == "VERB" and self.lex.clause_precision(a.lemma_.lower())),
                            verb.head if verb.head.pos_ in ("VERB", "AUX") else None)
        if governor is None and depth < 2 and verb.dep_ == "ROOT" and verb.sent.start > 0 \
                and self.doc[verb.sent.start].dep_ == "cc" and self.doc[verb.sent.start].head.i == verb.i:
            # `Ms Jowell insisted: "..." And continued: "..."`: the speaker of the sentence before.
            previous = self.doc[verb.sent.start - 1].sent.root
            governor = previous if self.lex.is_speech_form(previous.lemma_) else None
        found = self.subject(governor, depth + 1) if governor is not None else None
        return found if found is not None or depth else self.name_before(verb)

    def mention(self, head: Token | None) -> Span | None:
        if head is None:
            return None
        left = min((t.i for t in head.lefts if t.dep_ not in ("punct", "cc", "prep")), default=head.i)
        left = min(left, self.doc[left].left_edge.i) if left != head.i else head.i
        # "Robbie Savage - but managing director Karen Brady has called it": the parse may hang
        # another name on the subject; the mention starts after a dash or conjunction, though not
        # one inside a name ("The Health and Safety Executive").
        # (not "and" between two modifiers: "The clothing and home furnishing retailer", "The
        # chemicals-and-crops firm")
        left = next((t.i + 1 for t in reversed(self.doc[left : head.i])
                     if t.dep_ == "cc" and t.ent_iob_ != "I" and not (t.lower_ == "and" and t.head.dep_ in ("compound", "amod", "nmod"))
                     or t.text in DASHES and t.whitespace_), left)
        # "In a speech to the Foreign Policy Centre Mr Straw said": an honorific starts a name.
        left = next((t.i for t in reversed(self.doc[left + 1 : head.i]) if t.is_title and clean_word(t.text) in HONORIFICS), left)
        right = hyphenated(self.doc, head.i)[1]  # "The Tory co-chairman", parsed as "co" and "chairman"
        for child in head.rights:
            # "hunt master, Captain Ian Farquhar", not "Mr Bez - himself" nor a relative clause read as one
            if child.dep_ == "appos" and child.pos_ != "PRON" and child.left_edge.lower_ not in RELATIVE:
                right = _phrase_end(child)
            elif child.dep_ in MENTION_RIGHT or child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
                right = child.right_edge.i  # a conjunct too: "The Conservatives and Lib Dems"
            elif child.text != "," and child.dep_ != "cc":
                break
        if self.doc[right].ent_iob_ in ("B", "I"):  # to the end of a name: "Ernst & Young", not "Zelensky Blasts"
            while right + 1 < len(self.doc) and self.doc[right + 1].ent_iob_ == "I" and not self.lex.is_speech_form(self.doc[right + 1].text):
                right += 1
        while right > head.i and self.doc[right].is_punct:
            right -= 1
        par = self.para_starts[self.paragraph(head.idx)]
        while left < head.i and (self.doc[left].is_punct or self.in_quote[left] != -1 or self.doc[left].idx < par):
            left += 1
        return self.doc[left : right + 1]

    # Passes -------------------------------------------------------------------------------------

    def find(self) -> list[Found]:
        if not self.doc.has_annotation("DEP"):
            # A pipeline with no parser: no cue or source can be looked for (and spaCy must not be
            # asked for children it has not set), so only what the marks delimit, when it reads as speech.
            return [self.make_direct(n, None, None, ORPHAN) for n in range(len(self.quoted)) if self.reads_as_speech(n, [])]
        found: list[Found] = []
        attached: dict[int, Found] = {}
        for n in range(len(self.quoted)):
            if n in attached:
                continue
            item = self.attach_direct(n, attached)
            if item is not None:
                found.append(item)
        found.extend(self.reported(attached))
        free = [n for n in range(len(self.quoted)) if n not in attached]
        found.extend(self.unattached(free))
        found.sort(key=lambda f: f.start)
        return self.outermost(found)

    def outermost(self, found: list[Found]) -> list[Found]:
        """Drop reported speech nested in another's content (`said he hoped that ...`): one claim."""
        reported = [f for f in found if f.kind != "direct" and f.cue is not None]
        return [
            f for f in found
            if f.kind == "direct" or f.cue is None or not any(
                g is not f and g.start <= min(f.start, f.cue.start_char) and max(f.spans[-1][1], f.cue.end_char) <= g.spans[-1][1]
                for g in reported
            )
        ]

    def attach_direct(self, n: int, attached: dict[int, Found]) -> Found | None:
        """A quote with its cue right after it, before it, or between its two halves."""
        tail = self.tail(n)
        intro = self.introduction(n, self.head(n))
        verb = self.speech_verb(tail[:12])
        if verb is not None and self.ends_clause(n, tail) and self.cue_before_subject(tail, verb) \
                and not self.opens_sentence(n, verb, introduced=intro is not None):
            source = self.subject(verb)
            if source is None or source.i in {t.i for t in tail} or verb.lower_ == "according":
                fallback = self.leading_phrase(tail, verb) or self.trailing_name(verb)
                if intro is not None and source is not None and source.pos_ == "PRON" \
                        and (named := self.subject(intro[0])) is not None and named.pos_ != "PRON":
                    # `David Laws said: "...," he said.`: the second cue repeats the first, which names him
                    verb, source = intro[0], named
                item = self.make_direct(n, verb, source, ATTACHED, fallback=fallback)
                self.maybe_merge_next(n, tail, item, attached)
                attached[n] = item
                return item
        byline = self.dash_byline(n, tail)
        if byline is not None:  # `"Donald Trump scares me." ― Krystal Correa`
            dash, name = byline
            item = self.make_direct(n, None, None, ATTACHED, fallback=name)
            item.cue = dash
            attached[n] = item
            return item
        if intro is not None:
            verb, confidence = intro
            item = self.make_direct(n, verb, self.subject(verb), confidence, fallback=self.trailing_name(verb))
            attached[n] = item
            return item
        return None

    def ends_clause(self, n: int, tail: list[Token]) -> bool:
        """The quote closes a clause (`"...," he said`), as opposed to `"Weak" NATO` mid-phrase."""
        q = self.quoted[n]
        last = self.text[q.start : q.end].rstrip("'’”\"»›")[-1:]  # past a nested quote's mark: `‘miracles,’”`
        return not tail or tail[0].is_punct or (last != "" and last in ",.!?…;:—–-")

    def opens_sentence(self, n: int, verb: Token, *, introduced: bool) -> bool:
        """`"... policy." The network said it would ...`: after a quote that ends its sentence, a cue
        with its own content, object or infinitive ("Williams though blamed her defeat on ..."), after a
        phrase ("On Monday Tony Blair insisted ...") or before a colon starts a sentence of its own."""
        q = self.quoted[n]
        if self.text[q.end - 1] not in ".!?":
            return False
        # `"... documented." Jan Shaw said: "..."`: a cue ending in a colon introduces the next
        # quote; and a quote its own colon introduced (`It added: "...." According to ...`) keeps that cue.
        if introduced or next((t.text for t in self.doc[verb.i + 1 : verb.i + 4] if t.is_punct), None) == ":":
            return True
        own = ("ccomp", "dobj", "xcomp") if verb.lemma_ != "tell" else ("ccomp",)  # "told reporters" is no content
        # A preposition in the subject is no phrase before it: `?" the Labour MP for Birkenhead asked`.
        subject = {t.i for c in verb.children if c.dep_ in SUBJECTS for t in c.subtree}
        return any(c.dep_ in own and self.in_quote[c.i] == -1 and c.i > verb.i for c in verb.children) or any(
            t.pos_ == "ADP" and self.in_quote[t.i] == -1 and t.i not in subject for t in self.doc[self.token_at(q.end) : verb.i]
        )

    def cue_before_subject(self, tail: list[Token], verb: Token) -> bool:
        # A capitalised word the tagger took for a verb is part of a name: "Tulsa police Chief ...".
        return all(t.pos_ in NOMINAL_POS or (t.ent_type_ and t.is_title) for t in tail if t.i < verb.i)

    def dash_byline(self, n: int, tail: list[Token]) -> tuple[Span, Span] | None:
        """A dash and then only a name to the end of the paragraph: the quote's speaker, with the
        dash as its cue, as in vox pops and epigraphs (`"..." ― Krystal Correa`)."""
        q = self.quoted[n]
        if not tail or not q.closed:
            return None
        gap = self.text[q.marks[-1] + 1 : tail[0].idx + (len(tail[0].text) if tail[0].text in BYLINE_DASHES else 0)].strip()
        if gap not in BYLINE_DASHES:
            return None
        words = [t for t in tail if not (t.is_punct or t.is_space)]
        if not words or len(words) > 6 or not all(t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN" and t.is_title for t in words):
            return None
        end = tail[-1].i + 1
        if end < len(self.doc) and "\n" not in self.doc[end].text and not self.doc[end].is_quote and tail[-1].text not in SENTENCE_ENDS:
            return None  # the paragraph goes on: not a byline
        dash = self.token_at(self.text.index(gap, q.marks[-1] + 1))
        return self.doc[dash : dash + 1], self.doc[words[0].i : words[-1].i + 1]

    def trailing_name(self, verb: Token) -> Span | None:
        """`"...," said Jurgen den Hartog` when the parse took "den" for a verb: the name after the cue."""
        doc, nxt = self.doc, verb.i + 1
        if nxt >= len(doc):
            return None
        if doc[nxt].ent_type_ in ("PERSON", "ORG"):  # "I" when the tagger took "Said" into the name
            end = _name_end(doc, nxt)
        else:  # `Said Ellis: "..."`, the name untagged
            end = nxt
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_:
                end += 1
        if end == nxt:  # `said Tory MP Jane Smith.`: a role, then the name that ends the clause
            name = next((t for t in doc[nxt : nxt + MAX_CUE_TAIL] if t.ent_type_ == "PERSON" and t.ent_iob_ == "B"), None)
            # Right after its quote, the cue's words describe the speaker whatever the parse says
            # ("said Tory shadow local government secretary Caroline Spelman").
            inverted = self.inverted(verb)
            if name is not None and not any(t.is_punct or t.pos_ in ("VERB", "AUX") and not inverted for t in doc[nxt : name.i]):
                after = _name_end(doc, name.i)
                end = after if after == len(doc) or doc[after].is_punct else nxt
        return doc[nxt:end] if end > nxt else None

    def inverted(self, verb: Token) -> bool:
        """Whether the cue comes right after its quote (`"...," said ...`), its speaker after it."""
        doc = self.doc
        return verb.i > 1 and (doc[verb.i - 1].is_quote or doc[verb.i - 1].text == "," and doc[verb.i - 2].is_quote)

    def name_before(self, verb: Token) -> Token | None:
        """The last name before a cue in its sentence, set off by a comma, when the parse gave the
        cue no subject: "Ieuan Wyn Jones, leader of the Plaid Cymru group, said: ...". A body's
        name will do, but not one after a preposition ("Maeve Sherlock, chief executive of the
        Refugee Council, said", with Maeve Sherlock tagged as a body)."""
        found = None
        for tok in reversed(self.doc[: verb.i - 1]):
            if self.boundary(tok):  # the sentence start, parsed or not
                break
            if found is not None and tok.lower_ == "who" and tok.i >= 2 and self.doc[tok.i - 1].text == "," \
                    and self.doc[tok.i - 2].pos_ == "PROPN":
                return self.doc[tok.i - 2]  # the name was in a relative clause: "Tindall, who joined Gloucester, told"
            if found is None and self.doc[tok.i + 1].text == "," and self.in_quote[tok.i] == -1 and (
                    tok.ent_type_ == "PERSON" or tok.ent_type_ == "ORG" and tok.dep_ != "pobj" and tok.head.pos_ != "ADP"):
                found = tok
        return found

    def leading_phrase(self, tail: list[Token], verb: Token) -> Span | None:
        """`"...," Tulsa police Chief Chuck Jordan said` when the parse hung the name elsewhere: the
        noun phrase that opens the tail, up to a comma or the cue."""
        words = []
        for tok in tail:
            if tok.i >= verb.i or (tok.is_punct and tok.tag_ != "HYPH" and words):
                break
            if not tok.is_punct:
                words.append(tok)
        # "the 23-year-old" ends in an adjective
        while words and words[-1].pos_ not in ("PROPN", "NOUN", "PRON") and not (words[-1].lower_ == "old" and words[-1].nbor(-1).tag_ == "HYPH"):
            words.pop()
        if not words or any(t.pos_ in ("ADP", "AUX", "CCONJ", "ADV") for t in words):
            return None
        return self.doc[words[0].i : words[-1].i + 1]

    def introduction(self, n: int, head: list[Token]) -> tuple[Token, float] | None:
        """`Zelensky said: "..."`, `He told reporters, "..."`, or a paragraph ending `... said:`."""
        if head:
            last = head[-1]
            if last.text in (":", ","):
                verb = self.speech_verb([t for t in head if t.pos_ in ("VERB", "AUX")][::-1])
                if verb is not None:
                    return verb, INTRODUCED
            elif (last.lemma_.lower() in self.lex.direct and last.lemma_.lower() not in NAMING
                  and last.pos_ == "VERB" and self.subject(last) is not None):
                # `He said "..."`, but not `so-called "..."` nor `dubbed "Jerry's Guide"` (a name)
                return last, INTRODUCED
            return None
        q = self.quoted[n]
        par = self.paragraph(q.marks[0])
        if par == 0 or self.text[self.para_starts[par] : q.marks[0]].strip():
            return None
        i = self.token_at(self.para_starts[par]) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i < 0 or self.doc[i].text != ":" or self.in_quote[i] != -1:
            return None
        window = []
        while i >= 0 and len(window) < WINDOW and not self.boundary(self.doc[i]) and self.in_quote[i] == -1:
            window.append(self.doc[i])
            i -= 1
        verb = self.speech_verb([t for t in window if t.pos_ in ("VERB", "AUX")])
        return (verb, INTRODUCED) if verb is not None else None

    def make_direct(self, n: int, verb: Token | None, source: Token | None, confidence: float, fallback: Span | None = None) -> Found:
        """`fallback` is the mention when the parse gave the cue no subject."""
        q = self.quoted[n]
        if verb is not None:
            self.used_cues.add(verb.i)
        return Found(
            kind="direct", spans=list(q.spans), cue=self.cue_span(verb) if verb is not None else None,
            source=self.mention(source) if source is not None else fallback, confidence=confidence if q.closed else confidence * 0.9,
            paragraph=self.paragraph(q.start),
        )

    def maybe_merge_next(self, n: int, tail: list[Token], item: Found, attached: dict[int, Found]) -> None:
        """`"We seek no conflict," he said, "but ..."`: one quote in two spans."""
        nxt = n + 1
        if nxt >= len(self.quoted) or not tail or tail[-1].text not in (",", ":", "—", "–", *SENTENCE_ENDS):
            return
        gap = self.text[tail[-1].idx + 1 : self.quoted[nxt].marks[0]]
        if gap.strip() or self.paragraph(self.quoted[nxt].start) != item.paragraph:
            return
        if tail[-1].text in SENTENCE_ENDS and self.speech_verb(self.tail(nxt)[:12]) is not None:
            return  # `"...," he said. "...," she replied.`: two speakers
        item.spans.extend(self.quoted[nxt].spans)
        item.confidence = SPLIT
        attached[nxt] = item

    def reported(self, attached: dict[int, Found]) -> list[Found]:
        """Indirect and mixed speech: cue verbs with a clausal complement, and "according to"."""
        out = []
        for tok in self.doc:
            if self.in_quote[tok.i] != -1 or tok.i in self.used_cues:
                continue
            if self.is_headline(tok.idx):
                continue
            if tok.lower_ == "according":
                items = [self.according_to(tok, attached)]
            elif tok.pos_ == "VERB" and (self.lex.clause_precision(tok.lemma_.lower()) or self.lex.arguments):
                items = self.clause_of(tok, attached)
            else:
                continue
            items = [item for item in items if item is not None]
            if items:
                self.used_cues.add(tok.i)
                out.extend(items)
        return out

    def clause_of(self, verb: Token, attached: dict[int, Found]) -> list[Found | None]:
        """Reported content of a cue verb: its complement clause, or the clause it interrupts,
        or (attribution scope) whichever argument PolNeAR train shows to hold content."""
        lemma = verb.lemma_.lower()
        precision = self.lex.clause_precision(lemma)
        clause = (
            next((c for c in verb.children if c.dep_ in CLAUSE_DEPS), None)
            or self.statement_clause(verb)
            or self.misparsed_clause(verb)
        )
        par = self.paragraph(verb.idx)
        inverted = self.inverted_speaker(verb, clause)
        if precision and clause is not None:
            groups = self.content_groups(clause, verb)
            if inverted is not None:  # "For instance, said Mr Makower, credit cards are rare"
                named = set(range(inverted.left_edge.i, inverted.i + 2))
                groups = [[t for t in group if t.i not in named] for group in groups]
        elif precision and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            # "The museum, Mr. Bush said, celebrated ...": the cue interrupts its content.
            inner = {t.i for t in verb.subtree}
            groups = [[t for t in verb.head.subtree if t.i not in inner and self.paragraph(t.idx) == par]]
        elif precision >= 0.7 and (tokens := self.that_clause_after(verb)):
            groups = [tokens]
        else:
            tokens, precision = self.argument_tokens(verb)
            groups = [tokens]
        source = inverted or self.subject(verb)
        if source is None and precision < 0.5:
            return []
        if source is not None and (source.lower_ in ("it", "this") and source.dep_ == "nsubjpass" or source.dep_ == "expl"):
            return []
        items = []
        for tokens in groups:
            tokens = self.trim(tokens)
            if len([t for t in tokens if t.is_alpha]) >= 2:
                items.append(self.content_item(tokens, verb, source, 0.55 + 0.4 * precision, attached))
        return items

    def inverted_speaker(self, verb: Token, clause: Token | None) -> Token | None:
        """The name set off right after a cue that opens its content: "said Mr Makower, credit
        cards are rare", which the parser reads as the clause's subject."""
        if clause is None:
            return None
        subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        if subject is None or subject.ent_type_ != "PERSON" or subject.left_edge.i != verb.i + 1:
            return None
        after = subject.i + 1
        return subject if after < len(self.doc) and self.doc[after].text == "," else None

    def misparsed_clause(self, verb: Token) -> Token | None:
        """`said after the convention he would not ...`: a complement the parser took for an adverbial.

        Only for verbs that nearly always report speech, and only a clause with its own subject
        and no subordinator ("because", "if", "as"), which a true adverbial clause would have.
        """
        if self.lex.clause_precision(verb.lemma_.lower()) < 0.85:
            return None
        for child in verb.rights:
            if child.dep_ == "advcl" and any(c.dep_ in SUBJECTS for c in child.children) and not any(c.dep_ == "mark" for c in child.children):
                return child
        return None

    def that_clause_after(self, verb: Token) -> list[Token]:
        """`told reporters outside the hospital that ...` when the parse lost the clause: the
        words after a "that" a few tokens on, to the end of the sentence."""
        end = min(len(self.doc), verb.i + 8)
        that = next((t for t in self.doc[verb.i + 1 : end] if t.lower_ == "that" and self.in_quote[t.i] == -1), None)
        if that is None or any(self.boundary(t) or t.pos_ == "VERB" for t in self.doc[verb.i + 1 : that.i]):
            return []
        tokens = []
        for t in self.doc[that.i + (0 if self.complementizer else 1) :]:
            if self.boundary(t) and self.in_quote[t.i] == -1:
                break
            tokens.append(t)
        return tokens if any(t.dep_ in SUBJECTS for t in tokens) else []

    def statement_clause(self, verb: Token) -> Token | None:
        """`wrote in a statement that ...`: the parser hangs the clause on the noun."""
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in STATEMENT_NOUNS):
                for clause in noun.children:
                    if clause.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                        return clause
        return None

    def argument_tokens(self, verb: Token) -> tuple[list[Token], float]:
        """The argument PolNeAR would mark as content (attribution scope): the most reliable one."""
        best, best_precision = None, 0.0
        for child in verb.children:
            precision = self.lex.argument_precision(verb.lemma_.lower(), child.dep_)
            if precision > best_precision and self.in_quote[child.i] == -1:
                best, best_precision = child, precision
        if best is not None and best.dep_ == "prep":
            best = next((c for c in best.children if c.dep_ in ("pobj", "pcomp")), None)
        if best is None:
            return [], 0.0
        par = self.paragraph(verb.idx)
        return [t for t in best.subtree if self.paragraph(t.idx) == par], best_precision

    def according_to(self, tok: Token, attached: dict[int, Found]) -> Found | None:
        source = self.subject(tok)
        if source is None:
            return None
        governor = tok.head if tok.head.i != tok.i else None
        if governor is None:
            return None
        phrase = set(range(tok.i, source.right_edge.i + 1))
        tokens = [t for t in governor.subtree if t.i not in phrase and self.paragraph(t.idx) == self.paragraph(tok.idx)]
        tokens = self.trim(tokens)
        if len([t for t in tokens if t.is_alpha]) < 3:
            return None
        return self.content_item(tokens, tok, source, 0.85, attached)

    def content_groups(self, clause: Token, verb: Token) -> list[list[Token]]:
        """The complement clause, one group per "that"-clause (`said that A and that B` is two
        quotes), without a nested "..., saying ..." of the same speaker."""
        par = self.paragraph(verb.idx)
        cut = len(self.doc)
        for t in clause.subtree:
            if t.i != clause.i and t.dep_ in ("advcl", "conj") and t.tag_ == "VBG" and self.lex.clause_precision(t.lemma_.lower()) and not any(c.dep_ in SUBJECTS for c in t.children):
                cut = min(cut, t.left_edge.i)
        heads = [clause] + [c for c in clause.children if c.dep_ == "conj" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        groups = []
        for k, head in enumerate(heads):
            others = {t.i for h in heads[k + 1 :] for t in h.subtree}
            tokens = [t for t in head.subtree if t.i < cut and t.i not in others and self.paragraph(t.idx) == par]
            if not self.complementizer and tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ == "that":
                tokens = tokens[1:]
            groups.append(self.trim(tokens))
        return groups

    def trim(self, tokens: list[Token]) -> list[Token]:
        while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ in ("and", "but")) and self.in_quote[tokens[0].i] == -1:
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in ("and", "but")) and self.in_quote[tokens[-1].i] == -1:
            tokens = tokens[:-1]
        return tokens

    def content_item(self, tokens: list[Token], verb: Token, source: Token | None, confidence: float, attached: dict[int, Found]) -> Found | None:
        # One span per run of tokens: content interrupted by its cue ("A, he said, B") has two.
        runs: list[list[Token]] = []
        for t in tokens:
            if runs and t.i == runs[-1][-1].i + 1:
                runs[-1].append(t)
            else:
                runs.append([t])
        spans = [(r[0].idx, r[-1].idx + len(r[-1].text)) for r in map(self.trim, runs) if r]
        inside = sorted({self.in_quote[t.i] for t in tokens if self.in_quote[t.i] != -1})
        for n in inside:  # a quoted fragment is never cut: the content takes all of it
            q = self.quoted[n]
            lo, hi = q.start, q.marks[-1] + 1 if q.closed else q.end
            spans = [(min(s, lo), max(e, hi)) if s < hi and lo < e else (s, e) for s, e in spans]
        start, end = spans[0][0], spans[-1][1]
        if inside:
            covered = sum(e - s for n in inside for s, e in self.quoted[n].spans)
            lone = len(inside) == 1 and inside[0] not in attached
            if lone and covered >= 0.8 * len(self.text[start:end].strip(" \"'“”‘’«».,")):
                # The complement is the quote itself: a direct quote with its cue before it.
                n = inside[0]
                item = self.make_direct(n, verb, source, INTRODUCED)
                attached[n] = item
                return item
            if any(n in attached for n in inside):
                return None
        for n in inside:
            attached[n] = None  # absorbed into this mixed quote
        return Found(
            kind="mixed" if inside else "indirect", spans=spans, cue=self.cue_span(verb),
            source=self.mention(source), confidence=confidence, paragraph=self.paragraph(start),
        )

    def unattached(self, free: list[int]) -> list[Found]:
        """Quotes with no cue of their own: speech fragments, floating quote paragraphs, or neither."""
        out = []
        for n in free:
            head = self.head(n)
            if head and head[-1].lower_ in ("so-called", "called") and len(head) > 1 and head[-2].lower_ in ("so", "-"):
                continue  # so-called "efficiency savings": the writer's distance, nobody's words
            fragment = self.fragment_cue(n, head)
            if fragment is not None:
                verb, source = fragment
                item = self.make_direct(n, verb, source, FRAGMENT)
                item.kind = "mixed"
                out.append(item)
            elif self.reads_as_speech(n, head):
                item = self.make_direct(n, None, None, ORPHAN)
                item.inherit = True
                out.append(item)
        return out

    def fragment_cue(self, n: int, head: list[Token]) -> tuple[Token, Token] | None:
        """A quoted phrase in the object of a speech verb: `called the plan "a disgrace"`."""
        q = self.quoted[n]
        tok = self.doc[self.token_at(q.start)]
        par = self.paragraph(q.start)
        headline = self.headline_cue(n, head)
        if headline is not None:
            return headline
        for ancestor in tok.ancestors:
            if self.in_quote[ancestor.i] != -1:
                continue
            if self.paragraph(ancestor.idx) != par:
                return None
            if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in self.lex.direct and ancestor.i not in self.used_cues:
                source = self.subject(ancestor)
                return (ancestor, source) if source is not None else None
            if ancestor.pos_ == "VERB":
                return None
        return None

    def is_headline(self, char: int) -> bool:
        """Whether `char` lies in a title-case line (a headline), where parses are unreliable."""
        par = self.paragraph(char)
        if par not in self.headlines:
            start = self.para_starts[par]
            end = self.text.find("\n", start)
            line = self.text[start : end if end != -1 else len(self.text)]
            words = [w for w in line.split() if w[0].isalpha()]
            unended = line.rstrip()[-1:] not in ".:!?\"”’'"
            title_case = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
            self.headlines[par] = unended and (title_case or (par == 0 and len(words) <= 20))
        return self.headlines[par]

    def headline_cue(self, n: int, head: list[Token]) -> tuple[Token, Token] | None:
        """`Zelensky Blasts 'Weak' NATO`: in a title-case line the tagger takes the verb for a name."""
        if not self.is_headline(self.quoted[n].start):
            return None
        for k in range(len(head) - 1, 0, -1):
            verb = head[k]
            if verb.is_title and self.lex.is_speech_form(verb.text):
                name = head[:k]
                cut = max((j + 1 for j, t in enumerate(name) if t.text in ("'s", "’s", ":")), default=0)
                name = name[cut:]
                if name and all(t.is_title or t.is_upper for t in name):
                    return verb, name[-1]
        return None

    def reads_as_speech(self, n: int, head: list[Token]) -> bool:
        q = self.quoted[n]
        text = " ".join(self.text[s:e] for s, e in q.spans)
        if len(text.split()) < MIN_SPEECH_WORDS:
            return False
        return all(t.is_punct for t in head)


def _named_clause(tok: Token) -> bool:
    """Whether a clause is a name the parser read as one: "Stop Stansted Expansion said"."""
    words = list(tok.subtree)
    return words[0].ent_iob_ == "B" and all(t.ent_iob_ == "I" for t in words[1:]) \
        and (words[-1].i + 1 == len(tok.doc) or tok.doc[words[-1].i + 1].ent_iob_ != "I")


def _name_end(doc: Doc, i: int) -> int:
    """The index after the named entity that token `i` starts or continues."""
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _phrase_end(tok: Token) -> int:
    """The last token of `tok`'s phrase without its relative clauses ("a lawyer, who ...") or a
    further apposition the parse hung on it ("analysts IDC, a fifth of all drives")."""
    clauses = {d.i for c in tok.subtree if c.dep_ in ("relcl", "acl", "appos") and c.i != tok.i for d in c.subtree}
    return max(t.i for t in tok.subtree if t.i not in clauses)
