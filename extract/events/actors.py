"""From phrases to the entity layer's entities: the token -> entity index built from mention
spans, plus what the entity layer cannot know (pronouns near a trigger, "both nations",
the host country of an envoy's posting)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .lexicon import in_class
from .syntax import children, clause_head, expand, is_infinitive, prep_objects, subject_of

MODIFIERS = ("poss", "compound", "amod", "nmod", "npadvmod")
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
OBJECT_PRONOUNS = {"him", "her"}
THING_PRONOUNS = {"it", "its"}
GROUP_PRONOUNS = {"they", "them", "their"}
FIRST_PERSON = {"we", "us", "i", "me"}
FIRST_PERSON_POSSESSIVES = {"our", "my"}
PAIR_WORDS = {"both", "two"}
QUOTES = {'"', "“", "”", "``", "''"}
TITLE_HEADS = {"president", "king", "queen", "chancellor", "premier"}
TITLE_SENTENCES_BACK = 5
RELATIVE_TAGS = {"WDT", "WP"}
THROUGH_PREPS = ("to", "from", "against", "in")
EMBASSY_SENTENCES_BACK = 5
THEY_SENTENCES_BACK = 5  # "X spoke with Y. ... They agreed": a readout's parties
PHRASE_DEPTH = 3  # "Soleimani, head of Iran's Quds Force": appos -> of -> possessor


class ActorIndex:
    """The article's entities as seen from the parse."""

    def __init__(self, doc: Doc, entities: list[dict], mentions: list[dict], speaker: str | None = None) -> None:
        self.doc = doc
        self.entities = {e["id"]: e for e in entities}
        self.speaker = speaker
        self.added: list[dict] = []  # the speaker's country when the article never names it
        self._pending: set[int] = set()
        self._affiliations: dict[str, str | None] = {}
        self.by_token: dict[int, str] = {}
        self.ordered: list[tuple[int, str]] = []  # (token index, entity id) in text order
        # Longest mentions first, so a nested name wins its own tokens: "San Francisco"
        # inside "the Russian Consulate in San Francisco" stays the city.
        for mention in sorted(mentions, key=lambda m: m["start"] - m["end"]):
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            if span is None or mention["entity"] not in self.entities:
                continue
            for token in span:
                self.by_token[token.i] = mention["entity"]
            self.ordered.append((span.root.i, mention["entity"]))
        self.ordered.sort()
        self._positions = [i for i, _ in self.ordered]
        self.country_entity: dict[str, str] = {}
        for entity in entities:
            if entity["type"] == "COUNTRY" and entity.get("country"):
                self.country_entity.setdefault(entity["country"], entity["id"])

    def country(self, entity_id: str) -> str | None:
        return self.entities[entity_id].get("country")

    def type(self, entity_id: str) -> str:
        return self.entities[entity_id]["type"]

    def resolve(self, heads: list[Token]) -> list[str]:
        """Entity ids for the phrases headed by `heads`, coordinated heads included; a
        country already represented by one of its people or bodies is not repeated."""
        found: list[str] = []
        for head in heads:
            for token in expand(head):
                for entity_id in self._phrase(token, 0):
                    if entity_id not in found:
                        found.append(entity_id)
        return [e for e in found if not self._represented(e, found)]

    def named(self, token: Token) -> str | None:
        """The entity a token itself names, a relative pronoun its noun's ("Cyprus, which")."""
        if token.tag_ in RELATIVE_TAGS and token.head.dep_ == "relcl":
            token = token.head.head
        return self.by_token.get(token.i)

    def resolve_through(self, heads: list[Token]) -> list[str]:
        """The phrases' entities, else those of their destination or origin: "restrictions
        on flights to Cuba", "sanctions on imports from Iran"."""
        return self.resolve(heads) or self.resolve([t for h in heads for t in prep_objects(h, *THROUGH_PREPS)])

    def _represented(self, entity_id: str, found: list[str]) -> bool:
        code = self.country(entity_id)
        return self.type(entity_id) == "COUNTRY" and any(
            o != entity_id and self.country(o) == code for o in found
        )

    def _phrase(self, token: Token, depth: int) -> list[str]:
        """The entity a noun phrase stands for: its own mention, else its country-bearing
        modifiers ("Russian diplomats", "Russia's trade mission"), else an "of"/"from"
        complement ("the embassy of Russia"), else what a pronoun clearly refers to."""
        own = self.by_token.get(token.i)
        if own and self.country(own):
            return [own]
        if own is None and token.pos_ == "PRON":
            return self._pronoun(token)
        if own is None and self._speaking_self(token):
            return self._speaker_ids()
        if own is None and self._bare_embassy(token):
            return self._embassy_before(token)
        if own is None and (title := _bare_title(token)) and not any(c.i in self.by_token for c in token.children):
            titled = self._titled_before(token, title)
            if titled:
                return titled
        if own is not None:
            stated = self._affiliation(own)  # "Coveney" after "Foreign Minister Coveney of Ireland"
            if stated:
                return [own, stated]
        fallback = [own] if own else []
        if depth < PHRASE_DEPTH:
            for child in self._related(token):
                if own is not None and self.by_token.get(child.i) == own:
                    continue
                ids = list(dict.fromkeys(e for c in expand(child) for e in self._phrase(c, depth + 1)))
                if ids and self.country(ids[0]):
                    return ids  # "Prime Minister Pham Minh Chinh of Vietnam": the country
                fallback = fallback or ids
        return fallback

    @staticmethod
    def _related(token: Token) -> list[Token]:
        """Modifiers and complements that may carry a phrase's country. The possessor of a
        relational noun is the other party ("Russia's allies", "our partners")."""
        # "His Highness" is a title, not a reference
        skip = ("poss",) if in_class(token, "RELATIONAL") or in_class(token, "HONORIFIC") else ()
        related = [c for c in token.children if (c.dep_ in MODIFIERS or c.dep_ == "appos") and c.dep_ not in skip]
        if in_class(token, "SPOKESPERSON"):  # "the spokesperson for the German government"
            related += prep_objects(token, "for")
        if in_class(token, "ADVISER"):  # "Chief Diplomatic Advisor to the President of Spain"
            related += prep_objects(token, "to")
        examples = [o for o in prep_objects(token, "as") if any(c.lower_ == "such" for c in o.head.children)]
        examples += prep_objects(token, "including") if in_class(token, "RECIPROCAL") else []  # "leaders including Zarif"
        return [*related, *prep_objects(token, "of", "from"), *examples]  # "allies such as Germany"

    def _affiliation(self, entity_id: str) -> str | None:
        """The country the article states for a person or body the entity layer left without
        one, from the words around any of its mentions; once per entity."""
        if entity_id not in self._affiliations:
            self._affiliations[entity_id] = None  # also guards the recursion below
            for i, e in self.ordered:
                if e != entity_id or self.type(e) == "PLACE":
                    continue
                found = [x for c in self._related(self.doc[i]) if self.by_token.get(c.i) != e
                         for x in self._phrase(c, PHRASE_DEPTH - 1) if self.country(x)]
                if found:
                    self._affiliations[entity_id] = found[0]
                    break
        return self._affiliations[entity_id]

    def _pronoun(self, pronoun: Token) -> list[str]:
        """Only clear references: the speaker for "we", a relative pronoun's noun, and the
        syntactic antecedents of `antecedent`. The entity layer's coreference (he, she) has
        already been taken as the pronoun's own mention."""
        word = pronoun.lower_
        if word in FIRST_PERSON | FIRST_PERSON_POSSESSIVES:
            return self._quoted_speaker(pronoun) or self._speaker_ids()
        if pronoun.tag_ in RELATIVE_TAGS and pronoun.head.dep_ == "relcl":
            return self.resolve([pronoun.head.head])  # "Cyprus, which Turkey does not recognize"
        if word in THING_PRONOUNS | GROUP_PRONOUNS | PERSON_PRONOUNS and pronoun.i not in self._pending:
            self._pending.add(pronoun.i)  # a pronoun whose antecedent is itself a pronoun
            try:
                return self.antecedent(pronoun)
            finally:
                self._pending.discard(pronoun.i)
        return []

    def _quoted_speaker(self, pronoun: Token) -> list[str]:
        """"We reject these accusations," Peskov said: a first person inside a quote is whom
        the quote is attributed to, the subject of the verb the quoted clause complements."""
        if not _inside_quote(pronoun):
            return []
        verb = clause_head(pronoun.head if pronoun.dep_ == "poss" else pronoun)
        for _ in range(4):
            # 'X responded via Twitter: "I reject..."': the parser may make the reporting
            # clause before the quote a complement of the quoted verb
            reporting = [c for c in children(verb, "ccomp") if c.i < pronoun.i and not _inside_quote(c)]
            if verb.dep_ == "ccomp" and verb.head.pos_ == "VERB" or reporting:
                ids = self.resolve(subject_of(reporting[0] if reporting else verb.head))
                return ids if any(self.country(e) for e in ids) else []
            if verb.head == verb or verb.dep_ not in ("conj", "xcomp", "advcl"):
                return []
            verb = verb.head
        return []

    def _speaking_self(self, token: Token) -> bool:
        """"my Government", "our country", "my delegation": the speaker's state."""
        return in_class(token, "SELF") and any(
            c.dep_ == "poss" and c.lower_ in FIRST_PERSON_POSSESSIVES for c in token.children
        )

    @staticmethod
    def _bare_embassy(token: Token) -> bool:
        """"the embassy" with no modifier naming whose: a reference back, not a name."""
        return (
            in_class(token, "EMBASSY")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(c.dep_ in (*MODIFIERS, "prep", "appos") for c in token.children)
        )

    def _embassy_before(self, token: Token) -> list[str]:
        """"...wrote to the US Embassy in London. The embassy declined": a bare definite
        embassy is the nearest one named before it with its country, a few sentences back."""
        start = token.sent.start
        for _ in range(EMBASSY_SENTENCES_BACK):
            start = self.doc[start - 1].sent.start if start > 0 else start
        for earlier in reversed(self.doc[start : token.i]):
            if in_class(earlier, "EMBASSY") and not self._bare_embassy(earlier):
                ids = [e for e in self._phrase(earlier, 0) if self.country(e)]
                if ids:
                    return ids
        return []

    def _titled_before(self, token: Token, title: str) -> list[str]:
        """"...spoke with Prime Minister Al-Kadhimi of Iraq. The President commended the Prime
        Minister's leadership": a bare definite title is the one person of that role named a
        few sentences before, or, of several, the one last named as a main-clause subject (a
        readout's running subject)."""
        holders = [(i, e) for i, e in self._before_in(token, TITLE_SENTENCES_BACK)
                   if self.type(e) == "PERSON" and self.country(e)
                   and any(_titled(r, title) for r in self.entities[e].get("roles", []))]
        if len({e for _, e in holders}) == 1:
            return [holders[0][1]]
        subjects = [e for i, e in holders
                    if self.doc[i].dep_ in ("nsubj", "nsubjpass") and _main_clause(self.doc[i].head)]
        return subjects[:1]

    def _before_in(self, token: Token, sentences_back: int) -> list[tuple[int, str]]:
        """(token index, entity id) of the mentions before `token`, nearest first."""
        first = token.sent
        for _ in range(sentences_back):
            first = self.doc[first.start - 1].sent if first.start > 0 else first
        end = bisect_left(self._positions, token.i)
        return [(i, e) for i, e in reversed(self.ordered[:end]) if i >= first.start]

    def _speaker_ids(self) -> list[str]:
        """The speaker's COUNTRY entity, added to the article's entities if never named."""
        if self.speaker is None:
            return []
        if self.speaker not in self.country_entity:
            number = len(self.entities) + 1
            while f"e{number}" in self.entities:
                number += 1
            entity = {"id": f"e{number}", "name": country_name(self.speaker),
                      "type": "COUNTRY", "country": self.speaker, "aliases": [], "roles": []}
            self.entities[entity["id"]] = entity
            self.country_entity[self.speaker] = entity["id"]
            self.added.append(entity)
        return [self.country_entity[self.speaker]]

    def before(self, token: Token, sentences_back: int) -> list[str]:
        """Entity ids mentioned before `token`, nearest first, within a few sentences."""
        limit_sent = token.sent
        for _ in range(sentences_back):
            if limit_sent.start == 0:
                break
            limit_sent = self.doc[limit_sent.start - 1].sent
        end = bisect_left(self._positions, token.i)
        return [e for i, e in reversed(self.ordered[:end]) if i >= limit_sent.start]

    def antecedent(self, pronoun: Token) -> list[str]:
        """What a third-person pronoun refers to where the syntax leaves no doubt: the
        subject of its own clause for a possessive ("China recalled its ambassador"), the
        subject of the reporting verb for the subject of a reported clause ("Germany said it
        had expelled..."), and for "they" a plural subject just before ("Sullivan and Coveney
        met... They agreed"). Nearest-name guesses are wrong too often to count."""
        candidates = (self._clause_subject(pronoun), self._reporter(pronoun), self._controller_object(pronoun),
                      self._previous_subject(pronoun))
        for candidate in candidates:
            ids = self._agreeing(pronoun, candidate)
            if ids:
                return ids
        if pronoun.lower_ in OBJECT_PRONOUNS and pronoun.dep_ in ("dobj", "pobj", "dative"):
            return self._other_person_before(pronoun)
        if pronoun.lower_ == "its":
            return self._only_state_before(pronoun)
        if pronoun.lower_ in GROUP_PRONOUNS and pronoun.dep_ in ("nsubj", "nsubjpass"):
            return self._plural_subject_before(pronoun)
        return []

    def _agreeing(self, pronoun: Token, candidate: list[Token]) -> list[str]:
        """The candidate's entities if it can be the pronoun's antecedent: a third person of
        its kind (he: a person; it: a state or body) and number (they: a plural phrase or
        several actors, "I was glad to hear they..." is no antecedent)."""
        if not candidate or any(t.pos_ == "PRON" and t.lower_ in FIRST_PERSON for t in candidate):
            return []
        ids = self.resolve(candidate) or next(filter(None, map(self.pair_for, candidate)), [])
        if pronoun.lower_ in PERSON_PRONOUNS:
            wanted = {"PERSON"}
        elif pronoun.lower_ in THING_PRONOUNS:
            wanted = {"COUNTRY", "ORG", "PLACE"}
        else:
            plural = len(candidate) > 1 or any(t.tag_ in ("NNS", "NNPS") or t.conjuncts for t in candidate)
            wanted = {"PERSON", "COUNTRY", "ORG", "PLACE"} if plural or len(ids) > 1 else set()
        return ids if ids and all(self.type(e) in wanted for e in ids) else []

    def _other_person_before(self, pronoun: Token) -> list[str]:
        """"labeled Soleimani a terrorist and levied sanctions against him": an object "him"
        is not its own clause's subject, so it is the one other person named before it in
        its sentence, if there is exactly one."""
        subjects = {e for t in subject_of(clause_head(pronoun)) for e in self.resolve([t])}
        people = {e for i, e in self.ordered if pronoun.sent.start <= i < pronoun.i
                  and self.type(e) == "PERSON" and e not in subjects}
        return list(people) if len(people) == 1 else []

    def _only_state_before(self, pronoun: Token) -> list[str]:
        """"...curtail Russia's abuse of the system to finance its war": "its" is the one
        state (or a body of it) named before it in its sentence, if there is exactly one."""
        states = [e for i, e in self.ordered if pronoun.sent.start <= i < pronoun.i
                  and self.type(e) in ("COUNTRY", "ORG") and self.country(e)]
        return states[-1:] if len({self.country(e) for e in states}) == 1 else []

    def _clause_subject(self, pronoun: Token) -> list[Token]:
        """The subject of the clause a possessive sits in, unless it is its own phrase."""
        if pronoun.dep_ != "poss":
            return []
        verb = clause_head(pronoun)
        subjects = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else []
        return [s for s in subjects if pronoun not in s.subtree]

    @staticmethod
    def _controller_object(pronoun: Token) -> list[Token]:
        """"called Erdogan to congratulate him": the object of a purpose infinitive, never
        its own subject, is the object of the verb the infinitive serves."""
        verb = pronoun.head
        if pronoun.dep_ != "dobj" or verb.dep_ != "advcl" or not is_infinitive(verb):
            return []
        return children(verb.head, "dobj", "oprd")

    def _previous_subject(self, pronoun: Token) -> list[Token]:
        """"President Biden spoke with X. He congratulated...": a person pronoun subject of
        a sentence's main verb continues the previous sentence's main subject (a readout's
        running subject); only a person, by `_agreeing`."""
        sent = pronoun.sent
        if pronoun.lower_ not in PERSON_PRONOUNS or pronoun.dep_ != "nsubj" or pronoun.head != sent.root or sent.start == 0:
            return []
        return children(self.doc[sent.start - 1].sent.root, "nsubj")

    def _reporter(self, pronoun: Token) -> list[Token]:
        """"Germany said it had expelled", "Iran admitted its forces had shot down": the
        subject of the verb a clause complements."""
        subject = pronoun.head if pronoun.dep_ == "poss" else pronoun
        if subject.dep_ not in ("nsubj", "nsubjpass") or subject.head.dep_ != "ccomp":
            return []
        return subject_of(subject.head.head)

    def _plural_subject_before(self, pronoun: Token) -> list[str]:
        """The nearest earlier subject, within a few sentences, that names two or more actors
        itself or with its verb's "with" partners ("Biden spoke with Trudeau... They agreed");
        a plural main-clause subject naming no such pair in between makes the reference
        unclear, a singular one cannot be "they" and is passed over."""
        sent = pronoun.sent
        for _ in range(THEY_SENTENCES_BACK):
            sent = self.doc[sent.start - 1].sent if sent.start > 0 else sent
        for token in reversed(self.doc[sent.start : pronoun.i]):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON" or not _main_clause(token.head):
                continue
            ids = list(dict.fromkeys(self.resolve([token]) + self.resolve(prep_objects(token.head, "with"))))
            pair = self.pair_for(token)
            if pair or len({self.country(e) for e in ids} - {None}) >= 2:
                return pair or ids
            if token.tag_ in ("NNS", "NNPS") or token.conjuncts:
                return []
        return []

    def pair_for(self, token: Token) -> list[str] | None:
        """The two states a plural phrase ("both nations", "the two countries") refers back
        to: the two countries most recently mentioned together in one sentence."""
        if not in_class(token, "RECIPROCAL") or token.tag_ not in ("NNS", "NNPS"):
            return None
        if not any(c.lower_ in PAIR_WORDS for c in token.children):
            return None
        sent: Span = token.sent
        while True:
            ids = [e for i, e in self.ordered if sent.start <= i < min(sent.end, token.i)]
            countries = list(dict.fromkeys(c for c in map(self.country, ids) if c))
            if len(countries) >= 2:
                return [self._country_id(code, ids) for code in countries[:2]]
            if sent.start == 0:
                return None
            sent = self.doc[sent.start - 1].sent

    def _country_id(self, code: str, ids: list[str]) -> str:
        """The COUNTRY entity for an ISO code, else the first entity of that country."""
        return self.country_entity.get(code) or next(e for e in ids if self.country(e) == code)

    def counterpart(self, token: Token, exclude: list[str]) -> list[str]:
        """The other party of an act whose target is implicit ("denied these claims"): the
        nearest earlier state other than the source's, in this or the previous sentence."""
        own = {self.country(e) for e in exclude}
        for entity_id in self.before(token, 1):
            code = self.country(entity_id)
            if code and code not in own and code != "IGO":
                return [self._country_id(code, [entity_id])]
        return []

    def host_of(self, envoy_words: list[Token]) -> list[str]:
        """The country an envoy is posted to: "ambassador to the United States"."""
        for word in envoy_words:
            ids = self.resolve(prep_objects(word, "to", "in"))
            if ids:
                return ids
        return []

    def posting(self, entity_id: str) -> list[str]:
        """Host of a person's posting stated anywhere in the article ("Antonov, Russia's
        ambassador to the United States")."""
        for words in self._envoy_words(entity_id):
            host = self.host_of(words)
            if host:
                return host
        return []

    def envoy_state(self, entity_id: str) -> list[str]:
        """The state an envoy without a country of their own serves, from the words around
        their name ("Xiao Qian, who has served as China's ambassador to Australia")."""
        for words in self._envoy_words(entity_id):
            states = [e for e in self.resolve(words) if self.country(e) and e != entity_id]
            if states:
                return states[:1]
        return []

    def _envoy_words(self, entity_id: str) -> Iterator[list[Token]]:
        """Per mention of the entity, the envoy nouns describing it: appositions, compounds,
        the noun it is in apposition to, and "as" complements of a relative clause on it."""
        for i, e in self.ordered:
            if e != entity_id:
                continue
            token = self.doc[i]
            near = [c for c in token.children if c.dep_ in ("appos", "compound")]
            if token.dep_ == "appos":
                near.append(token.head)
            near += [o for c in token.children if c.dep_ == "relcl" for o in prep_objects(c, "as")]
            yield [w for w in near if in_class(w, "ENVOY")]

    def place(self, heads: list[Token]) -> str | None:
        """First head standing for a place (or a country as a location)."""
        for entity_id in self.resolve(heads):
            if self.type(entity_id) in ("PLACE", "COUNTRY"):
                return entity_id
        return None


def _bare_title(token: Token) -> str | None:
    """"the Prime Minister", "The President": a title with the definite article and no name,
    as the roles of the entity layer spell it (lower case)."""
    if not in_class(token, "OFFICE") and token.lower_ not in TITLE_HEADS:
        return None
    # "The Vice President and Prime Minister": a coordinated title shares the article
    determined = token.head if token.dep_ == "conj" and _bare_title(token.head) else token
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in determined.children):
        return None
    if any(c.dep_ not in ("det", "compound", "case", "punct", "cc", "conj") for c in token.children):
        return None  # "the Libyan ambassador to Greece" says whose
    words = [c for c in token.children if c.dep_ == "compound"]
    if any(w.i > token.i or w.ent_type_ == "PERSON" for w in words):
        return None
    return " ".join(t.lower_ for t in [*words, token])


def _titled(role: str, title: str) -> bool:
    """"the minister" names a foreign minister, "the Prime Minister" only a prime minister."""
    return role == title or role.endswith(" " + title) and " " not in title


def _inside_quote(token: Token) -> bool:
    """An odd number of quotation marks before the token in its sentence."""
    return sum(t.text in QUOTES for t in token.sent[: token.i - token.sent.start]) % 2 == 1


def _main_clause(verb: Token) -> bool:
    """The sentence's main verb or one coordinated with it: a readout's running subjects."""
    root = verb.sent.root
    return verb == root or verb.dep_ == "conj" and verb.head == root


def country_name(code: str) -> str:
    """The gazetteer's name of a country (the entity layer's canonical spelling)."""
    from ..entities.gazetteer import gazetteer

    entry = gazetteer().entries.get(f"COUNTRY:{code}")
    return entry.name if entry else code
