"""Where a name stands in its sentence: in a place's position ("in Goma", "the Karol Bagh area")
or not."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from .boundaries import MAX_TITLE_WORDS, POSSESSIVES
from .gazetteer import rows
from .offices import national_offices

LOCATIVES = {"in", "to", "near", "outside", "from", "into", "at"}
PLACE_NOUNS = {"town", "city", "village", "port", "capital", "province", "region", "district", "island"}
# Lower-case nouns after a name that make it a place's: "the Karol Bagh area", "Ituri province".
AREA_NOUNS = {"area", "region", "district", "province", "valley", "village", "suburb", "neighbourhood",
              "neighborhood", "enclave", "county", "state"}
# Their plurals, after coordinated names: "in Guerrero and Oaxaca states".
AREA_PLURALS = {f"{noun}s" for noun in AREA_NOUNS} | {"counties"}
MAX_CONJUNCT_WORDS = 3
# Where someone goes: "a state visit to France", "crossed into Poland", "visited France".
DESTINATION_WORDS = {"to", "toward", "towards", "into"}
VISIT_VERBS = {"visit", "tour"}


@cache
def actor_contexts() -> dict[str, frozenset[str]]:
    """Lemmas by kind of position (data/actor_contexts.tsv): where a name acts."""
    table: dict[str, set[str]] = {}
    for kind, lemma in rows("actor_contexts.tsv"):
        table.setdefault(kind, set()).add(lemma)
    return {kind: frozenset(lemmas) for kind, lemmas in table.items()}


def speaks(doc: Doc, start: int, end: int) -> bool:
    """The name is the subject of a verb of saying ("Chubais told Itar-Tass", "Lebed said"):
    people and the bodies they speak for say things, places do not."""
    root = doc[start:end].root
    return root.dep_ == "nsubj" and root.head.lemma_ in actor_contexts()["speaker"]


def in_place_context(doc: Doc, i: int, follow_conj: bool = True) -> bool:
    """Token i stands where a place does: after "in"/"to"/"near"... (not as a possessor, "in
    Yeltsin's"), after "the town of", or coordinated with a place ("in Goma and Bukavu")."""
    if i > 0 and doc[i - 1].lower_ in LOCATIVES and (i + 1 == len(doc) or doc[i + 1].text not in POSSESSIVES):
        return True
    if after_place_noun(doc, i):
        return True
    head = doc[i].head
    return follow_conj and doc[i].dep_ == "conj" and (head.ent_type_ in {"GPE", "LOC"} or in_place_context(doc, head.i, False))


def after_place_noun(doc: Doc, i: int) -> bool:
    """Token i follows "the town of", "the port of": whatever the name, a place's."""
    return i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in PLACE_NOUNS


def before_area_noun(doc: Doc, end: int) -> bool:
    """The name ending at token `end` is followed by a place noun ("the Karol Bagh area",
    "Kaduna state"), or by "and" and another name with the plural ("Guerrero and Oaxaca states")."""
    if end < len(doc) and doc[end].is_lower and doc[end].lower_ in AREA_NOUNS:
        return True
    if end + 2 >= len(doc) or doc[end].lower_ != "and":
        return False
    i = end + 1
    while i < len(doc) and i - end <= MAX_CONJUNCT_WORDS and doc[i].is_title:
        i += 1
    return end + 1 < i < len(doc) and doc[i].is_lower and doc[i].lower_ in AREA_PLURALS


def is_destination(doc: Doc, start: int, end: int) -> bool:
    """The name at tokens start..end is where someone goes ("a state visit to France", "visited
    France"), not a possessor ("to France's president"): a destination is nobody's government."""
    if end < len(doc) and doc[end].text in POSSESSIVES:
        return False
    i = start - 1 if start > 1 and doc[start - 1].lower_ == "the" else start
    root = doc[start:end].root
    return i > 0 and doc[i - 1].lower_ in DESTINATION_WORDS or root.dep_ == "dobj" and root.head.lemma_ in VISIT_VERBS


def owns_office(doc: Doc, end: int, titles: dict[str, str]) -> bool:
    """The name ending at token `end` possesses a national office ("Jordan's King Abdullah",
    "Chad's president"): a state does, a lone given name never. `titles`: title -> role."""
    if end + 1 >= len(doc) or doc[end].text not in POSSESSIVES:
        return False
    words = [t.lower_ for t in doc[end + 1 : end + 1 + MAX_TITLE_WORDS]]
    return any(titles.get(" ".join(words[:n])) in national_offices() for n in range(1, len(words) + 1))
