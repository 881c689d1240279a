"""Name-shape evidence: given names and their gender, from the gender-guesser package's list.

The small model often calls an untitled full name an ORG ("Anatoly Antonov met ..."); a span
that starts with a known given name and ends with a capitalised word that heads no organisation
or place is a person. The same list gives pronoun gender for coreference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from gender_guesser.detector import Detector
from spacy.tokens import Span

from .cache import cached, source_key
from .gazetteer import rows

# A capital inside a word after three or more lower-case letters: "SpaceX", "YouTube",
# "BlackRock", "ExxonMobil". Surnames have theirs after a short prefix ("McGurk", "DeSantis",
# "LeBron") or one of these longer ones ("MacArthur", "VanHollen").
CAMEL = re.compile(r"([A-Z][a-z]{2,})[A-Z][A-Za-z]*")
SURNAME_PREFIXES = frozenset({"Mac", "Van", "Von", "Del", "Des", "Della", "Fitz", "Ben", "Abu"})
MALE = {"male", "mostly_male"}
FEMALE = {"female", "mostly_female"}


@cache
def _genders() -> dict[str, str]:
    """gender-guesser's verdict for every name it knows (lower case), from the start-up cache
    or, on first use, from its list (about half a second)."""

    def build() -> dict[str, str]:
        detector = Detector(case_sensitive=False)
        return {name: detector.get_gender(name) for name in detector.names}

    return cached("given_names", source_key(["gender-guesser"], ["names"]), build)


def _gender_of(word: str) -> str:
    return _genders().get(word.lower(), "unknown")


@cache
def head_kinds() -> dict[str, str]:
    """Words that end organisation and place names ("Foundation", "River"), with the kind of
    name they make after a country ("ORG", "PLACE", or "" when that does not tell)."""
    return {word: kind for word, kind in rows("name_heads.tsv")}


def name_heads() -> frozenset[str]:
    """Words that end organisation and place names: never surnames."""
    return frozenset(head_kinds())


@cache
def name_suffixes() -> frozenset[str]:
    """Words that end a name without being a surname or a name of their own ("Jr.", "III")."""
    return frozenset(word for (word,) in rows("name_suffixes.tsv"))


def surname_index(words: list[str]) -> int:
    """Index of the surname: the last capitalised word that is no suffix ("Marcos" in
    "Ferdinand Marcos Jr."); never a lower-case word, which would make every "of" a mention."""
    suffixes = name_suffixes()
    return next((i for i in range(len(words) - 1, 0, -1) if words[i] not in suffixes and words[i][:1].isupper()),
                len(words) - 1)


def gender(given: str) -> str | None:
    """"male", "female", or None when the word is no given name or is used for both."""
    guess = _gender_of(given)
    if guess in MALE:
        return "male"
    if guess in FEMALE:
        return "female"
    return None


def full_name_surnames(spans: Iterable[Span]) -> set[str]:
    """Last words of the person spans of two words or more: a lone word among them is that
    person's surname, whatever else it could be ("Paris" after "Valeska Paris")."""
    return {s[-1].text for s in spans if s.label_ == "PERSON" and len(s) > 1}


def company_shaped(word: str) -> bool:
    """A brand's inner capital ("SpaceX", "YouTube"), which no person's name has."""
    match = CAMEL.fullmatch(word)
    return match is not None and match.group(1) not in SURNAME_PREFIXES


def is_given_name(word: str) -> bool:
    return word.istitle() and _gender_of(word) != "unknown"


def looks_like_person(words: list[str]) -> bool:
    """"Anatoly Antonov", "John F. Sullivan": a given name, then capitalised words, the last
    of which heads no organisation or place."""
    return (
        2 <= len(words) <= 4
        and is_given_name(words[0])
        and all(w[:1].isupper() for w in words[1:])
        and words[-1] not in name_heads()
        and len(words[-1].rstrip(".")) > 1
    )
