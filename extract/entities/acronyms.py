"""Acronyms an article defines in parentheses: they delimit the name before them and are its aliases.

"The Kurdistan Democratic Party (KDP)": the acronym's letters are the initials of the name's
capitalised words, so the name is exactly those words, one organisation, whatever pieces the
model or the gazetteer made of it ("Kurdistan" a place, "Democratic Party" the American one).
"The Islamic Revolutionary Guard Corps (IRGC) said ... the IRGC would respond": the later
"IRGC" is the same organisation, with its country, not a new nameless one. The acronym must
abbreviate the name (its capitals in order, from the first), so "(AP)" after a name is no alias.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .names import head_kinds
from .registry import Registry
from .tokens import positions

DEFINED = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Za-z0-9&-]{1,9})[ \t]*\)")  # "(IRGC)", tokenized "( MENA )"
DEFINERS = {"ORG", "PLACE"}
# Lower-case words inside a name that its acronym skips: "Patriotic Union of Kurdistan (PUK)".
JOINERS = {"of", "and", "for", "the", "in", "on", "de", "du", "des", "la", "&"}
NAME_FORMS = {"name", "alias"}


def _abbreviates(acronym: str, name: str) -> bool:
    """"IRGC" for "Islamic Revolutionary Guard Corps": the acronym's capitals are the name's,
    in order, starting with the first."""
    letters = [c for c in acronym if c.isupper()]
    capitals = iter(c for c in name if c.isupper())
    return len(letters) >= 2 and letters[0] == name[:1] and all(c in capitals for c in letters)


def defined_names(doc: Doc) -> list[Span]:
    """Spans of the names that the acronyms in parentheses spell, as organisations (or places,
    when a place word heads them): "Social Democratic and Labour Party (SDLP)"."""
    spans = []
    for match in DEFINED.finditer(doc.text):
        opening = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        bracket = next((t.i for t in opening if t.text == "("), None) if opening is not None else None
        start = _spelled_start(doc, bracket, match.group(1)) if bracket else None
        if start is not None:
            label = "GPE" if head_kinds().get(doc[bracket - 1].text) == "PLACE" else "ORG"
            spans.append(Span(doc, start, bracket, label=label))
    return spans


def _spelled_start(doc: Doc, end: int, acronym: str) -> int | None:
    """Start of the words before token `end` whose initials spell the acronym, read backwards
    over joiners and hyphenated parts ("Co-operation"); None when they do not spell it."""
    letters = [c for c in acronym if c.isupper()]
    i = end
    while letters and i > 0:
        token = doc[i - 1]
        if token.is_space or "\n" in token.whitespace_:
            return None
        if token.text == "-" or i >= 2 and doc[i - 2].text == "-":
            pass  # the hyphen and the word part after it: "Co-operation" is one word
        elif token.text[:1].isupper():
            if token.text[0] != letters[-1]:
                return None
            letters.pop()
        elif token.lower_ not in JOINERS:
            return None
        i -= 1
    return i if not letters and end - i >= 2 and doc[i].text[:1].isupper() else None


def _definitions(registry: Registry) -> dict[str, dict]:
    """Acronym -> the entity whose name mention it follows in parentheses (first definition wins)."""
    defined: dict[str, dict] = {}
    for mention in registry.mentions:
        if mention["entity"]["type"] not in DEFINERS or mention["form"] not in NAME_FORMS:
            continue
        match = DEFINED.match(registry.text, mention["end"])
        if match and _abbreviates(match.group(1), registry.text[mention["start"] : mention["end"]]):
            defined.setdefault(match.group(1), mention["entity"])
    return defined


def link(registry: Registry, doc: Doc) -> None:
    """Mentions of a defined acronym join the defined entity; free occurrences become mentions.
    Only an entity the acronym alone named is taken over (a gazetteer's "UN" stays the UN)."""
    defined = _definitions(registry)
    if not defined:
        return
    for mention in registry.mentions:
        target = defined.get(registry.text[mention["start"] : mention["end"]])
        if target is not None and mention["entity"] is not target and mention["entity"]["name"] in defined:
            mention["entity"], mention["form"] = target, "alias"
    for token in (doc[i] for i in positions(doc, defined.__contains__)):
        if registry.free(token.idx, token.idx + len(token)):
            registry.mention(defined[token.text], token.idx, token.idx + len(token), "alias")
    used = {id(m["entity"]) for m in registry.mentions}
    for key in [k for k, e in registry.entities.items() if id(e) not in used]:
        del registry.entities[key]
