"""From phrases to the entity layer's entities: the token -> entity index built from mention
spans, plus what the entity layer cannot know (pronouns near a trigger, "both nations",
the host country of an envoy's posting)."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from .lexicon import in_class
from .syntax import expand, prep_objects

MODIFIERS = ("poss", "compound", "amod", "nmod", "npadvmod")
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
THING_PRONOUNS = {"it", "its", "they", "them", "their"}
PAIR_WORDS = {"both", "two"}


class ActorIndex:
    """The article's entities as seen from the parse."""

    def __init__(self, doc: Doc, entities: list[dict], mentions: list[dict]) -> None:
        self.doc = doc
        self.entities = {e["id"]: e for e in entities}
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
        """Entity ids for the phrases headed by `heads`, coordinated heads included."""
        found: list[str] = []
        for head in heads:
            for token in expand(head):
                for entity_id in self._phrase(token, 0):
                    if entity_id not in found:
                        found.append(entity_id)
        return found

    def _phrase(self, token: Token, depth: int) -> list[str]:
        """The entity a noun phrase stands for: its own mention, else its country-bearing
        modifiers ("Russian diplomats", "Russia's trade mission"), else an "of"/"from"
        complement ("the embassy of Russia"), else a pronoun's antecedent."""
        own = self.by_token.get(token.i)
        if own and self.country(own):
            return [own]
        if token.lower_ in PERSON_PRONOUNS | THING_PRONOUNS and own is None:
            antecedent = self.antecedent(token)
            return [antecedent] if antecedent else []
        fallback = [own] if own else []
        if depth < 2:
            related = [c for c in token.children if c.dep_ in MODIFIERS or c.dep_ == "appos"]
            for child in [*related, *prep_objects(token, "of", "from")]:
                if own is not None and self.by_token.get(child.i) == own:
                    continue
                ids = list(dict.fromkeys(e for c in expand(child) for e in self._phrase(c, depth + 1)))
                if ids and self.country(ids[0]):
                    return ids  # "Prime Minister Pham Minh Chinh of Vietnam": the country
                fallback = fallback or ids
        return fallback

    def before(self, token: Token, sentences_back: int) -> list[str]:
        """Entity ids mentioned before `token`, nearest first, within a few sentences."""
        limit_sent = token.sent
        for _ in range(sentences_back):
            if limit_sent.start == 0:
                break
            limit_sent = self.doc[limit_sent.start - 1].sent
        end = bisect_left(self._positions, token.i)
        return [e for i, e in reversed(self.ordered[:end]) if i >= limit_sent.start]

    def antecedent(self, pronoun: Token) -> str | None:
        """Nearest earlier entity of a fitting type (he -> a person; it, they -> a state)."""
        wanted = {"PERSON"} if pronoun.lower_ in PERSON_PRONOUNS else {"COUNTRY", "ORG"}
        for entity_id in self.before(pronoun, 2):
            if self.type(entity_id) in wanted:
                return entity_id
        return None

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
        for i, e in self.ordered:
            if e != entity_id:
                continue
            token = self.doc[i]
            near = [c for c in token.children if c.dep_ in ("appos", "compound")]
            if token.dep_ == "appos":
                near.append(token.head)
            host = self.host_of([w for w in near if in_class(w, "ENVOY")])
            if host:
                return host
        return []

    def place(self, heads: list[Token]) -> str | None:
        """First head standing for a place (or a country as a location)."""
        for entity_id in self.resolve(heads):
            if self.type(entity_id) in ("PLACE", "COUNTRY"):
                return entity_id
        return None
