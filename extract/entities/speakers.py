"""Transcript speaker labels: "MS. JEAN-PIERRE:", "MR. SULLIVAN:" opening a line.

Briefing transcripts name each turn's speaker so, in capitals, where the caps mask hides every
word from the model (three shouted words: "MS", "JEAN", "PIERRE"). An honorific, a name in
capitals and a colon at a line's start is a person whatever the name.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

NAME = r"[A-Z][A-Z'’\-]*[A-Z]"


@cache
def _label_pattern(honorifics: frozenset[str]) -> re.Pattern[str]:
    """A line opening with an honorific in capitals, up to three capitalised name words, a colon."""
    words = sorted({h.rstrip(".").upper() for h in honorifics}, key=len, reverse=True)
    return re.compile(rf"(?m)^[^\S\n]*(?:{'|'.join(map(re.escape, words))})\.?[^\S\n]+({NAME}(?:[^\S\n]+{NAME}){{0,2}}):")


def speaker_spans(doc: Doc, honorifics: frozenset[str]) -> list[Span]:
    """PERSON spans for the names of the speaker labels in the text."""
    spans = []
    for match in _label_pattern(honorifics).finditer(doc.text):
        span = doc.char_span(match.start(1), match.end(1), label="PERSON")
        if span is not None:
            spans.append(span)
    return spans
