"""Sports result and standings lines in wire style: the names on them are teams.

"Arsenal 2 Coventry 0", "Bayern Munich 2 Hamburg 1", "Manchester United 3 2 1 0 6 2 7": CoNLL
tags a club as an organisation and a national team as its country (LOC); the model reads town
clubs as places and "Manchester United 2" as a person. A line made only of names each followed
by a score (two names and two scores, or one name and a row of figures) is such a line.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .gazetteer import Gazetteer
from .tokens import positions

NAME_JOINERS = {".", "-", "&", "'", "of", "de"}
MIN_STANDINGS_FIGURES = 3


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the text's lines."""
    lines, start = [], 0
    for i in positions(doc, _line_break):
        lines.append((start, i))
        start = i + 1
    lines.append((start, len(doc)))
    return [(s, e) for s, e in lines if e > s]


def _line_break(text: str) -> bool:
    """A whitespace token that breaks the line."""
    return text.isspace() and "\n" in text


def _runs(doc: Doc, start: int, end: int) -> list[tuple[int, int, int]] | None:
    """(name start, name end, figures) for each name and the figures after it, or None when
    the line is anything else."""
    runs, i = [], start
    while i < end:
        name_start = i
        while i < end and not doc[i].like_num and (doc[i].is_title or doc[i].is_upper or doc[i].text in NAME_JOINERS):
            i += 1
        figures = i
        while i < end and doc[i].like_num and doc[i].is_digit:
            i += 1
        if i == name_start or figures == name_start or i == figures or not doc[name_start].is_alpha:
            return None
        runs.append((name_start, figures, i - figures))
    return runs


def team_spans(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Teams on result and standings lines: a country or region the strong gazetteer knows is
    itself (a national team: "England", "Poland"), any other name an organisation (a club, even
    one named after its town: "Hamburg")."""
    spans = []
    for start, end in _lines(doc):
        if not doc[start].is_alpha or not doc[end - 1].is_digit:
            continue  # cheap gate: a name first, a figure last
        runs = _runs(doc, start, end)
        if not runs or not (len(runs) == 2 or len(runs) == 1 and runs[0][2] >= MIN_STANDINGS_FIGURES):
            continue
        for name_start, name_end, _figures in runs:
            key = gaz.strong.get(doc[name_start:name_end].text)
            if key is not None and gaz.entries[key].type in {"COUNTRY", "PLACE"}:
                spans.append(Span(doc, name_start, name_end, label="GPE", span_id=key))
            else:
                spans.append(Span(doc, name_start, name_end, label="ORG"))
    return spans
