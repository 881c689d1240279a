"""Coordinated names: "North and South Korea" is North Korea and South Korea; "Prince Charles
and Princess Diana" is two people.

The model tags "North and" as a place and the gazetteer only matches "South Korea". The first
conjunct is a name of its own when it completes to a gazetteer place of the same kind with the
second conjunct's head ("North" + "Korea", "East" + "Germany"); the mention stays the word as
written, an alias of the full name. The model also runs one "person" over a conjunction
("Charles and Princess Diana"); each side with a proper noun is a person of its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .gazetteer import Gazetteer
from .tokens import lower_positions

CONJUNCTIONS = {"and", "or", "&"}
PLACE_TYPES = {"COUNTRY", "PLACE"}
MAX_HEAD_WORDS = 2  # a head of up to two words


def shared_heads(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Spans for first conjuncts that share the next name's head, typed and keyed by the gazetteer."""
    spans = []
    for i in lower_positions(doc, CONJUNCTIONS):
        if not 1 <= i < len(doc) - 2:
            continue
        conj, first = doc[i], doc[i - 1]
        if not first.is_title or not first.is_alpha:
            continue
        for n in range(MAX_HEAD_WORDS, 0, -1):
            head = doc[conj.i + 2 : conj.i + 2 + n]
            if len(head) < n:
                continue
            whole = gaz.lookup(doc[conj.i + 1 : head.end].text)
            part = gaz.lookup(f"{first.text} {head.text}")
            if whole is not None and part is not None and whole.type in PLACE_TYPES and part.type == whole.type \
                    and part.key != whole.key:
                spans.append(Span(doc, first.i, first.i + 1, label="GPE", span_id=part.key))
                break
    return spans


def people_apart(ent: Span) -> list[Span]:
    """A model "person" that runs over a conjunction, cut into its conjuncts when each has a
    proper noun ("Charles" and "Princess Diana"); any other span as it is."""
    if ent.label_ != "PERSON":
        return [ent]
    cut = next((t.i for t in ent if t.lower_ in CONJUNCTIONS), None)
    if cut is None:
        return [ent]
    parts = [ent.doc[ent.start : cut], ent.doc[cut + 1 : ent.end]]
    if not all(any(t.pos_ == "PROPN" for t in part) for part in parts):
        return [ent]
    return [Span(ent.doc, part.start, part.end, label="PERSON") for part in parts]
