"""One-word people completed from the article's title: "Press Gaggle by Principal Deputy Press
Secretary Karine Jean-Pierre" over a transcript that says only "MS. JEAN-PIERRE:" and "Q Karine,".

The title is the article's own first naming of its principal; a given name followed by a
capitalised word there is a full name, and a person the text names by either word alone is that
person (both merge into one entity, which the leaders table can then know). On a government's
own page the title also says whose official its principal is (`serve_publisher`).
"""

from __future__ import annotations

from functools import cache

from .gazetteer import gazetteer
from .names import is_given_name
from .registry import Registry

POSSESSIVE_ENDS = ("'s", "’s")


@cache
def _title_words() -> frozenset[str]:
    """Every word of every title of the gazetteer ("press", "secretary", "president")."""
    return frozenset(word for title in gazetteer().titles for word in title.split())


def _full_names(title: str) -> dict[str, str]:
    """Casefolded given name and surname -> the full name, for each given name + capitalised
    word right after an office ("Advisor Jake Sullivan’s Call" -> jake, sullivan -> "Jake
    Sullivan"); not "Tropical Storm Humberto", "Sultan Qaboos", "Puerto Rico Supreme Court"."""
    words = [w.strip(",;:()\"“”") for w in title.split()]
    words = [next((w[: -len(end)] for end in POSSESSIVE_ENDS if w.endswith(end)), w) for w in words]
    offices = _title_words()
    names: dict[str, str] = {}
    for office, given, family in zip(words, words[1:], words[2:]):
        if office.casefold() in offices and given.casefold() not in offices and is_given_name(given) \
                and family[:1].isupper() and family[1:2].islower():
            full = f"{given} {family}"
            for word in (given, family):
                names[word.casefold()] = full if names.get(word.casefold(), full) == full else ""
    return {word: full for word, full in names.items() if full}


def complete_from_title(registry: Registry, title: str | None) -> None:
    """Rename one-word PERSON entities the title names in full, merging those that meet."""
    names = _full_names(title) if title else {}
    if not names:
        return
    merged: dict[str, dict] = {}
    for key, entity in list(registry.entities.items()):
        full = names.get(entity["name"].casefold()) if entity["type"] == "PERSON" and " " not in entity["name"] else None
        if full is None:
            continue
        target = merged.setdefault(full, next((e for e in registry.entities.values() if e["name"] == full), entity))
        if target is entity:
            entity["name"] = full
            continue
        for mention in registry.mentions:
            if mention["entity"] is entity:
                mention["entity"] = target
        del registry.entities[key]


def serve_publisher(entities: list[dict], principal: tuple[str, str] | None) -> None:
    """The official a government page is of serves that government: "Readout of Principal
    Deputy National Security Advisor Jon Finer's Meeting with Maldives Minister ..." on the
    White House's site makes Jon Finer American, whom the text alone leaves without a country
    or gives the one other state it names. Only people the title names, by full name or alias."""
    if principal is None:
        return
    name, state = principal
    for entity in entities:
        names = [entity["name"], *entity.get("aliases", [])]
        if entity["type"] == "PERSON" and any(name == n or name.endswith(" " + n) for n in names):
            entity["country"] = state
