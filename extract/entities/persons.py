"""People: one entity per full name, surnames as aliases, roles and countries from titles."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from . import leaders
from .boundaries import MAX_TITLE_WORDS
from .fold import strip_accents
from .gazetteer import Gazetteer, gazetteer
from .names import surname_index
from .registry import Registry
from .tokens import positions

# Words that may sit between a country and a title: "Russia's former ambassador".
MODIFIERS = {"former", "then", "acting", "outgoing", "new", "current", "incoming", "interim",
             "top", "chief", "senior", "veteran", "ex", "the", "a", "an"}
POSSESSIVES = {"'s", "’s"}
MAX_NAME_TOKENS = 4
MAX_REMIT_WORDS = 6  # "for the Middle East and North Africa"
REMIT_JOINERS = {"and", "of"}
# Nouns after a leader's surname that make them the head of a government: "the Biden administration".
GOVERNMENT_NOUNS = {"administration", "government", "regime", "cabinet"}


def _remit_start(doc: Doc, end: int) -> int:
    """Where a title's remit before token `end` starts: "for", an optional "the" and
    capitalised words, no person's, maybe joined by "and"/"of" ("for the Middle East and North
    Africa"); `end` itself when there is none."""
    i = end
    while i > 0 and end - i < MAX_REMIT_WORDS and doc[i - 1].ent_type_ != "PERSON" \
            and (doc[i - 1].is_title or doc[i - 1].lower_ in REMIT_JOINERS and i < end):
        i -= 1
    if i == end or not doc[i].is_title:
        return end
    if i and doc[i - 1].lower_ == "the":
        i -= 1
    return i - 1 if i and doc[i - 1].lower_ == "for" else end


def _surname(span: Span) -> str:
    """What a full name is shortened to later: a known leader's surname when the text uses it
    ("Xi" for Xi Jinping, "Moon" for Moon Jae-in), else the last word that is no suffix."""
    known = leaders.surname(span.text)
    if known and known in span.text:
        return known
    return span[surname_index([t.text for t in span])].text


class People:
    """The article's people. Full names are created up front so that a surname mentioned
    before or after its full name ("Antonov") joins that person, never a new one."""

    def __init__(self, registry: Registry, spans: list[Span]) -> None:
        self.registry = registry
        self.gaz: Gazetteer = gazetteer()
        # Full name or unambiguous surname, accents stripped ("Erdogan" = "Erdoğan") -> entity.
        self.names: dict[str, dict | None] = {}
        surnames: dict[str, set[int]] = {}
        for span in spans:
            if len(span) > 1:
                entity = registry.entity(f"PERSON:{span.text}", span.text, "PERSON", None)
                self.names[strip_accents(span.text)] = entity
                surnames.setdefault(strip_accents(_surname(span)), set()).add(id(entity))
        by_id = {id(e): e for e in self.names.values() if e}
        for surname, owners in surnames.items():
            if surname not in self.names:
                self.names[surname] = by_id[next(iter(owners))] if len(owners) == 1 else None

    def known(self, text: str) -> dict | None:
        """The person a full name or surname denotes, also in capitals ("MR. KIRBY:")."""
        key = strip_accents(text)
        return self.names.get(key) or (self.names.get(key.title()) if key.isupper() else None)

    def named(self, text: str) -> bool:
        """A full name or surname of the article's people, even one two of them share ("Mendez"
        of Tony and Jonna Mendez: a person, though not which)."""
        return strip_accents(text) in self.names

    def add(self, span: Span) -> None:
        """A mention for a PERSON span (or a mislabelled span that is a known surname)."""
        entity = self.known(span.text)
        if entity is None:
            entity = self.registry.entity(f"PERSON:{span.text}", span.text, "PERSON", None)
        form = "name" if span.text == entity["name"] else "alias"
        self.registry.mention(entity, span.start_char, span.end_char, form)
        self._attach_role(span, entity)

    def scan(self, doc: Doc, caps: list[bool]) -> None:
        """Mentions for known names the NER missed, including all-caps headlines ("LEBED")."""
        lookup = dict(self.names)  # None: a surname two people share, a person though not which
        lookup.update({k.upper(): e for k, e in lookup.items()})
        # Cheap gate before building spans: the first word of some name ("Moon" of "Moon Jae-in").
        first_words = {re.split(r"[\s-]", key, maxsplit=1)[0] for key in lookup}
        free = 0  # the first token not inside a name found
        for i in positions(doc, lambda text: strip_accents(text) in first_words):
            if i < free:
                continue
            for n in range(min(MAX_NAME_TOKENS, len(doc) - i), 0, -1):
                span = doc[i : i + n]
                key = strip_accents(span.text)
                if key in lookup and (caps[i] or not span.text.isupper()) and not span[0].ent_type_ \
                        and self.registry.free(span.start_char, span.end_char):
                    entity = lookup[key] or self.registry.entity(f"PERSON:{span.text}", span.text, "PERSON", None)
                    self.registry.mention(entity, span.start_char, span.end_char,
                                          "alias" if lookup[key] else "name")
                    free = i + n
                    break

    def _title_before(self, doc: Doc, end: int) -> tuple[int, str | None]:
        """The title before token `end` and where it starts, over a remit between them
        ("NSC Coordinator for the Middle East Brett McGurk", "Envoy for Syria Geir Pedersen")."""
        end = _remit_start(doc, end)
        for n in range(min(MAX_TITLE_WORDS, end), 0, -1):
            role = self._role(doc[end - n : end])
            if role:
                return end - n, role
        return end, None

    def _title_after(self, doc: Doc, start: int) -> str | None:
        for n in range(min(MAX_TITLE_WORDS, len(doc) - start), 0, -1):
            role = self._role(doc[start : start + n])
            if role:
                return role
        return None

    def _role(self, words: Span) -> str | None:
        """The role of a title spaced word by word or as written ("Secretary-General", which
        the tokenizer splits at its hyphen)."""
        titles = self.gaz.titles
        return titles.get(" ".join(t.lower_ for t in words)) or titles.get(words.text.lower())

    def _country_before(self, doc: Doc, i: int) -> str | None:
        """Country named just before token i: "Russian", "U.S.", "Russia's"."""
        while i > 0 and doc[i - 1].lower_ in MODIFIERS:
            i -= 1
        if i >= 2 and doc[i - 1].text in POSSESSIVES:
            i -= 1
        if i == 0:
            return None
        key = doc[i - 1].ent_id_
        return key.split(":", 1)[1] if key.startswith(("COUNTRY:", "DEMONYM:")) else None

    def _attach_role(self, span: Span, entity: dict) -> None:
        """Role and country from "Russian Foreign Minister X" or "X, Russia's former ambassador"."""
        doc = span.doc
        title_start, role = self._title_before(doc, span.start)
        country = self._country_before(doc, title_start) if role else None
        if role is None and span.end + 1 < len(doc) and doc[span.end].text == ",":
            i = span.end + 1
            while i < len(doc) and doc[i].lower_ in MODIFIERS:
                i += 1
            j = i
            while j < len(doc) and (doc[j].ent_id_.startswith(("COUNTRY:", "DEMONYM:"))
                                    or doc[j].text in POSSESSIVES or doc[j].lower_ in MODIFIERS):
                j += 1
            role = self._title_after(doc, j)
            country = self._country_before(doc, j) if role and j > i else None
        if role is None and len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in GOVERNMENT_NOUNS:
            role = leaders.head_role(span.text)
        if role and role not in entity["roles"]:
            entity["roles"].append(role)
        if country and entity["country"] is None:
            entity["country"] = country
