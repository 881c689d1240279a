"""The trigger lexicon and word classes, loaded from the data tables in `data/`.

Keeping the vocabulary in tables (not in code) lets an analyst add a trigger or a word class
without touching the argument rules.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..ontology import EVENT_TYPES

FRAMES = ("agent", "symmetric", "talk", "mission", "visit", "appoint", "term", "self", "deploy")
REQUIREMENTS = ("class", "prep", "finite", "xcomp", "obj", "target", "purpose", "active", "place", "plural", "gov", "actor", "parties", "noobj", "agent", "doing", "comp")


@dataclass(frozen=True)
class Requirement:
    """One condition of a lexicon row: `class:ENVOY`, `prep:with`, `obj:actor`."""

    kind: str
    value: str


@dataclass(frozen=True)
class TriggerRow:
    lemma: str
    pos: str
    type: str
    frame: str
    requires: tuple[Requirement, ...]
    wraps: str | None


def _rows(name: str) -> Iterator[list[str]]:
    """Data rows of a tab-separated table, skipping comments and the header."""
    table = resources.files("dipexplore.extract.events.data").joinpath(name)
    with table.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if row and not row[0].startswith("#") and row[0] != "lemma":
                yield row


def _requirements(cell: str) -> tuple[Requirement, ...]:
    if cell == "-":
        return ()
    return tuple(Requirement(*part.split(":", 1)) for part in cell.split(","))


@cache
def word_classes() -> dict[str, frozenset[str]]:
    """Class name -> lemmas (ENVOY, MISSION, RELATIONS...)."""
    return {name: frozenset(w.strip() for w in words.split(",")) for name, words in _rows("classes.tsv")}


@dataclass(frozen=True)
class Governor:
    """A word that governs an act: the modality it gives (`asserted` for light verbs) and
    the relations it governs through (None: any)."""

    modality: str
    links: frozenset[str] | None


@cache
def governors() -> dict[str, Governor]:
    """Lemma -> how it governs the act below it ("demanded the closure", "plans to attack")."""
    return {
        lemma: Governor(modality, None if links == "-" else frozenset(links.split(",")))
        for lemma, modality, links in _rows("governors.tsv")
    }


@cache
def trigger_rows() -> dict[tuple[str, str], tuple[TriggerRow, ...]]:
    """(lemma, pos) -> its readings in table order."""
    table: dict[tuple[str, str], list[TriggerRow]] = {}
    for cells in _rows("triggers.tsv"):
        if len(cells) != 6:
            raise ValueError(f"triggers.tsv: row {cells!r} needs 6 tab-separated columns")
        lemma, pos, etype, frame, requires, wraps = cells
        if etype not in EVENT_TYPES or frame not in FRAMES:
            raise ValueError(f"triggers.tsv: bad type or frame in row {lemma!r} {pos}")
        row = TriggerRow(lemma, pos, etype, frame, _requirements(requires), None if wraps == "-" else wraps)
        if any(r.kind not in REQUIREMENTS for r in row.requires):
            raise ValueError(f"triggers.tsv: unknown requirement in row {lemma!r} {pos}")
        table.setdefault((lemma, pos), []).append(row)
    return {key: tuple(rows) for key, rows in table.items()}


def in_class(token: Token, name: str) -> bool:
    return token.lemma_.lower() in word_classes()[name] or token.lower_ in word_classes()[name]


@cache
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    by_pos: dict[str, list[str]] = {}
    for lemma, pos in trigger_rows():
        by_pos.setdefault(pos, []).append(lemma)
    for pos, lemmas in by_pos.items():
        matcher.add(pos, [[{"LEMMA": {"IN": lemmas}, "POS": pos}]])
    return matcher


def prepare(vocab: Vocab) -> None:
    """Build the matcher at pipeline load so the first article does not pay for it."""
    _matcher(vocab)


def trigger_candidates(doc: Doc) -> Iterator[tuple[Token, tuple[TriggerRow, ...]]]:
    """Tokens whose lemma and part of speech are in the lexicon, with their readings."""
    rows = trigger_rows()
    for match_id, start, _end in _matcher(doc.vocab)(doc):
        token = doc[start]
        yield token, rows[(token.lemma_, doc.vocab.strings[match_id])]
