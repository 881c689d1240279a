"""Places the small model leaves untagged although their head word says place ("pilgrims at
Mecca's Grand Mosque"): proper nouns before a capitalised head word of data/name_heads.tsv of
kind PLACE. CoNLL annotators tag such names (LOC) whether or not the model knows them.
Organisation heads are left to the rules that know their structure ("the Thai Commerce
Ministry" is a demonym and a ministry of Thailand, not one name).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .names import head_kinds
from .tokens import positions

MAX_NAME_WORDS = 4  # "Sultan Qaboos Grand Mosque"


def untagged_places(doc: Doc, owner: dict[int, Span], caps: list[bool]) -> list[Span]:
    """Runs of free proper nouns ending in a place head word, with at least one word before the
    head (a bare "Mosque" names nothing) and none after it."""
    kinds = head_kinds()
    spans = []
    for i in positions(doc, lambda word: kinds.get(word) == "PLACE"):
        if not (i and _free_proper(doc[i], owner, caps)) or _joined_on(doc, i):
            continue
        start = _name_start(doc, i, owner, caps)
        if start < i:
            spans.append(Span(doc, start, i + 1, label="GPE"))
    return spans


def _name_start(doc: Doc, head: int, owner: dict[int, Span], caps: list[bool]) -> int:
    """First token of the run of free proper nouns (hyphen-joined ones too: "Al-Aqsa") before
    the head."""
    start = head
    while start > 0 and head + 1 - start < MAX_NAME_WORDS:
        if _free_proper(doc[start - 1], owner, caps):
            start -= 1
        elif doc[start - 1].text == "-" and start > 1 and _free_proper(doc[start - 2], owner, caps):
            start -= 2
        else:
            break
    return start


def _joined_on(doc: Doc, i: int) -> bool:
    """The head word goes on in a hyphenated compound ("Intrepid Sea-Air-Space Museum"): it
    ends no name there."""
    return i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_


def _free_proper(token: Token, owner: dict[int, Span], caps: list[bool]) -> bool:
    """A capitalised proper noun no span owns, outside a headline in capitals."""
    return token.pos_ == "PROPN" and token.i not in owner and not caps[token.i] and token.text[:1].isupper()
