"""Wire datelines: the place that opens a story ("BONN 1996-08-22", "AL-AIN , United Arab
Emirates 1996-12-06", "MOSCOW, Aug 22 (Reuters) -").

The small model reads an all-caps city before a date as a person or part of the date ("LIMA
1996-12-20" as one PERSON), and the city is often too small for the gazetteer's matched names.
The dateline's shape says it is a place whatever the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

ISO_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")
# A line opening in capitals, up to the "(" or "," that may close a dateline's place.
LINE_MARK = re.compile(r"(?m)^[^\S\n]*[A-Z][A-Z.'\- ]*?([(,])")
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
          "january", "february", "march", "april", "june", "july", "august", "september",
          "october", "november", "december"}
MAX_PLACE_WORDS = 4  # "RIO DE JANEIRO", "ST. PETERSBURG"
SENTENCE_ENDS = {".", "!", "?", ":", '"'}


def _is_date(doc: Doc, text: str, i: int) -> bool:
    """Token i opens an ISO date (the tokenizer splits "1996-08-22" at its hyphens). `text`
    is `doc.text`, which spaCy rebuilds from the tokens on every access."""
    return ISO_DATE.match(text, doc[i].idx) is not None


def _candidates(doc: Doc, text: str) -> list[int]:
    """Tokens that may close a dateline's place, found in the text (scanning every token is slow):
    the first token of every ISO date and the marks of lines opening in capitals."""
    starts = [m.start() for m in ISO_DATE.finditer(text)] + [m.start(1) for m in LINE_MARK.finditer(text)]
    tokens = (doc.char_span(start, start + 1, alignment_mode="expand") for start in starts)
    return sorted({span.start for span in tokens if span is not None})


def _shouted(doc: Doc, i: int) -> bool:
    """An all-caps word of a place name, or a hyphen inside one ("AL-AIN")."""
    tok = doc[i]
    if tok.text == "-":
        return i > 0 and not doc[i - 1].whitespace_ and not tok.whitespace_
    letters = tok.text.replace(".", "").replace("'", "")
    return letters.isalpha() and tok.text.isupper()


def _bounded(doc: Doc, i: int) -> bool:
    """Token i starts a line, a text or a sentence: nothing before it can be the place name."""
    if i == 0:
        return True
    before = doc[i - 1]
    return before.is_space or "\n" in before.whitespace_ or before.text in SENTENCE_ENDS \
        or not _shouted(doc, i - 1)


def _run_before(doc: Doc, end: int) -> tuple[int, bool]:
    """Start of the run of shouted words ending at `end`, and whether the run is bounded (a
    headline in capitals may run straight into the dateline when lines are joined)."""
    start, words = end, 0
    while start > 0 and _shouted(doc, start - 1) and words < MAX_PLACE_WORDS:
        start -= 1
        words += doc[start].text != "-"
    return start, _bounded(doc, start)


def _place_end(doc: Doc, text: str, i: int) -> int | None:
    """End of the place name that token i (a date, "(" or ",") closes in a dateline, or None."""
    tok = doc[i]
    if _is_date(doc, text, i):
        j = i
        if j > 0 and not _shouted(doc, j - 1):  # "AL-AIN , United Arab Emirates 1996-12-06"
            while j > 0 and doc[j - 1].is_title and i - j < MAX_PLACE_WORDS:
                j -= 1
            j = j - 1 if j > 0 and doc[j - 1].text == "," else i
        return j if j > 0 and _shouted(doc, j - 1) else None
    if tok.text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")" and doc[i + 1].is_title:
        return i  # "WASHINGTON (Reuters) -"
    if tok.text == "," and i + 1 < len(doc) and doc[i + 1].lower_.rstrip(".") in MONTHS:
        return i  # "MOSCOW, Aug 22"
    return None


def dateline_places(doc: Doc, known: Callable[[str], object]) -> list[tuple[int, int]]:
    """(start, end) token spans of dateline places. A run of capitals not bounded on the left
    is cut to its longest tail that `known` (a gazetteer lookup) finds, else to its last word."""
    spans: list[tuple[int, int]] = []
    text = doc.text
    for i in _candidates(doc, text):
        tok = doc[i]
        end = _place_end(doc, text, i)
        if end is None or not _shouted(doc, end - 1):
            continue
        start, bounded = _run_before(doc, end)
        if tok.text in {"(", ","} and not (start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_):
            continue  # "(Reuters)" and ", Aug" only make a dateline at the start of a line
        if not bounded:
            start = next((s for s in range(start, end - 1) if known(doc[s:end].text)), end - 1)
        if doc[start].text == "-":
            start += 1
        spans.append((start, end))
    return spans
