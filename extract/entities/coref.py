"""Pronouns and nominals ("he", "the ambassador") linked to a person only when unambiguous."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from . import names
from .gazetteer import gazetteer
from .registry import Registry

PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def add_references(registry: Registry, doc: Doc) -> None:
    """A pronoun joins the one person of its gender (or of unknown gender) mentioned earlier in
    its paragraph (none if two or more could fit); "the <role>" joins the one person of the article holding that role."""
    gaz = gazetteer()
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(doc.text)]
    people = sorted(
        (m for m in registry.mentions if m["entity"]["type"] == "PERSON"), key=lambda m: m["start"]
    )
    if not people:
        return
    for tok in doc:
        if tok.lower_ in PRONOUNS:
            paragraph_start = ([0, *breaks])[bisect_right(breaks, tok.idx)]
            earlier = {id(m["entity"]): m["entity"] for m in people
                       if paragraph_start <= m["start"] < tok.idx
                       and _gender(m["entity"]) in {None, PRONOUNS[tok.lower_]}}
            if len(earlier) == 1:
                registry.mention(next(iter(earlier.values())), tok.idx, tok.idx + len(tok), "pronoun")
        elif tok.lower_ == "the" and tok.i + 1 < len(doc):
            _nominal(registry, doc, tok.i, gaz.titles, people)


def _gender(person: dict) -> str | None:
    """A person's gender from their given name; None for a lone surname or an unknown name."""
    words = person["name"].split()
    return names.gender(words[0]) if len(words) > 1 else None


def _nominal(registry: Registry, doc: Doc, i: int, titles: dict[str, str], people: list[dict]) -> None:
    for n in (3, 2, 1):
        end = i + 1 + n
        if end > len(doc):
            continue
        role = titles.get(" ".join(t.lower_ for t in doc[i + 1 : end]))
        if role is None:
            continue
        if end < len(doc) and doc[end].pos_ == "PROPN":
            return  # a title before a name: "the ambassador Anatoly Antonov"
        start_char = doc[i].idx
        holders = {id(m["entity"]): m["entity"] for m in people
                   if role in m["entity"]["roles"] and m["start"] < start_char}
        if len(holders) == 1 and registry.free(start_char, doc[end - 1].idx + len(doc[end - 1])):
            registry.mention(next(iter(holders.values())), start_char,
                             doc[end - 1].idx + len(doc[end - 1]), "nominal")
        return
