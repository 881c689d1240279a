"""Pronouns and nominals ("he", "the ambassador", "the embassy") linked to an entity only when
unambiguous.

Plural references ("they", "the two countries") are left to the events layer, which resolves
them to both states from the parse: a §4 mention names one entity, and a mention of only one
of the two would hide the other.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from . import names, offices
from .boundaries import MAX_TITLE_WORDS
from .gazetteer import Gazetteer, gazetteer
from .registry import Registry
from .tokens import lower_positions

PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
REFERRING = frozenset({"the", *PRONOUNS})  # the only words that start a reference
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Nouns that refer back to a body named before: "the embassy", "the foreign ministry".
BODIES = {"embassy", "consulate", "mission", "ministry", "department", "agency", "commission", "council"}
MAX_KIND_WORDS = 2  # "the foreign ministry", "the state department"
SENTENCES_BACK = 3
OWNED = {"of", "'s", "’s"}  # "the President of Kenya", "the President's": another office or a possessor  # a body named further back is no clear antecedent


def add_references(registry: Registry, doc: Doc, year: int | None = None) -> None:
    """A pronoun joins the one person of its gender (or of unknown gender) mentioned earlier in
    its paragraph (none if two or more could fit); "the <role>" joins the one person of the
    article holding that role, else the office's holder in `year` where the office's country is
    clear (offices.py); "the embassy" the one embassy named just before."""
    gaz = gazetteer()
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(registry.text)]  # the doc's text, built once
    people = sorted(
        (m for m in registry.mentions if m["entity"]["type"] == "PERSON"), key=lambda m: m["start"]
    )
    starts = [m["start"] for m in people]
    bodies = sorted((m for m in registry.mentions if m["entity"]["type"] == "ORG"), key=lambda m: m["start"])
    for i in lower_positions(doc, REFERRING):
        tok = doc[i]
        if tok.lower_ == "the" and bodies:
            _body(registry, doc, i, bodies)
        if tok.lower_ == "the" and i + 1 < len(doc):
            _nominal(registry, doc, i, gaz, people, year)
        elif tok.lower_ in PRONOUNS and people:
            paragraph_start = ([0, *breaks])[bisect_right(breaks, tok.idx)]
            before = people[bisect_left(starts, paragraph_start) : bisect_left(starts, tok.idx)]
            speaker = _speaker(registry.text, before, tok.idx)
            earlier = {id(m["entity"]): m["entity"] for m in before
                       if _gender(m["entity"]) in {None, PRONOUNS[tok.lower_]} and not _speaks(registry.text, m)
                       and m["entity"] is not speaker}
            if len(earlier) == 1:
                registry.mention(next(iter(earlier.values())), tok.idx, tok.idx + len(tok), "pronoun")


def _speaker(text: str, before: list[dict], at: int) -> dict | None:
    """Whose words character `at` is in: the person whose label ("MS. JEAN-PIERRE:") opens
    its line. "She" in her own answer is someone else, though she was addressed by name in
    the question before ("Q Hi, Karine.")."""
    for mention in reversed(before):
        if "\n" in text[mention["end"] : at]:
            return None
        if _speaks(text, mention):
            return mention["entity"]
    return None


def _speaks(text: str, mention: dict) -> bool:
    """The mention introduces its own words ("MS. JEAN-PIERRE: ...", "Janet Petro: “..."), in
    which "he" or "she" is someone else."""
    return text.startswith(":", mention["end"])


def _body(registry: Registry, doc: Doc, i: int, bodies: list[dict]) -> None:
    """"the embassy", "the foreign ministry" (lower case, no name or place after it) joins the
    one organisation named in the last few sentences whose name has all its words ("Russian
    Embassy", "Chinese Foreign Ministry"); none if two could fit or only one further back."""
    for n in range(1, MAX_KIND_WORDS + 2):
        end = i + 1 + n
        if end > len(doc) or not doc[end - 1].is_lower:
            return
        if doc[end - 1].lower_ not in BODIES:
            continue
        if end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].lower_ in {"in", "of", "to"}):
            return  # "the embassy in Moscow", "the ministry of defence": a name of its own
        start_char, end_char = doc[i].idx, doc[end - 1].idx + len(doc[end - 1])
        words = [t.lower_ for t in doc[i + 1 : end]]
        first = registry.sentences.index_at(start_char) - SENTENCES_BACK
        fitting = {id(m["entity"]): m["entity"] for m in bodies
                   if m["start"] < start_char and registry.sentences.index_at(m["start"]) >= first
                   and _has_words(m["entity"]["name"], words)}
        if len(fitting) == 1 and registry.free(start_char, end_char):
            registry.mention(next(iter(fitting.values())), start_char, end_char, "nominal")
        return


def _has_words(name: str, words: list[str]) -> bool:
    """The name has these words in this order, side by side ("Russian Foreign Ministry")."""
    names = name.casefold().split()
    return any(names[k : k + len(words)] == words for k in range(len(names) - len(words) + 1))


def _gender(person: dict) -> str | None:
    """A person's gender from their given name; None for a lone surname or an unknown name."""
    words = person["name"].split()
    return names.gender(words[0]) if len(words) > 1 else None


def _nominal(registry: Registry, doc: Doc, i: int, gaz: Gazetteer, people: list[dict],
             year: int | None) -> None:
    if doc[i + 1].lower_ not in gaz.title_prefixes:
        return  # most "the"s: no title starts with the next word
    titles = gaz.titles
    for n in range(MAX_TITLE_WORDS, 0, -1):
        end = i + 1 + n
        if end > len(doc):
            continue
        role = titles.get(" ".join(t.lower_ for t in doc[i + 1 : end]))
        if role is None:
            continue
        if end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].lower_ in OWNED):
            return  # a title before a name, or someone else's: "the ambassador Anatoly Antonov", "the President of Kenya"
        start_char, end_char = doc[i].idx, doc[end - 1].idx + len(doc[end - 1])
        holders = {id(m["entity"]): m["entity"] for m in people
                   if role in m["entity"]["roles"] and m["start"] < start_char}
        if not registry.free(start_char, end_char):
            return
        if len(holders) == 1:
            registry.mention(next(iter(holders.values())), start_char, end_char, "nominal")
        elif not holders and doc[i + 1].is_title:  # "the Vice President": formal usage only
            entity = offices.unnamed_holder(registry, role, doc[i + 1 : end].text, year)
            if entity is not None:
                registry.mention(entity, start_char, end_char, "nominal")
        return
