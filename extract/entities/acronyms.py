"""Acronyms an article defines in parentheses are aliases of the name before them.

"The Islamic Revolutionary Guard Corps (IRGC) said ... the IRGC would respond": the later
"IRGC" is the same organisation, with its country, not a new nameless one. The acronym must
abbreviate the name (its capitals in order, from the first), so "(AP)" after a name is no alias.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .registry import Registry
from .tokens import positions

DEFINED = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Za-z0-9&-]{1,9})[ \t]*\)")  # "(IRGC)", tokenized "( MENA )"
DEFINERS = {"ORG", "PLACE"}
NAME_FORMS = {"name", "alias"}


def _abbreviates(acronym: str, name: str) -> bool:
    """"IRGC" for "Islamic Revolutionary Guard Corps": the acronym's capitals are the name's,
    in order, starting with the first."""
    letters = [c for c in acronym if c.isupper()]
    capitals = iter(c for c in name if c.isupper())
    return len(letters) >= 2 and letters[0] == name[:1] and all(c in capitals for c in letters)


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
