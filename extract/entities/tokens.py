"""Token positions found from the Doc's attribute arrays rather than by iterating tokens.

Iterating a Doc builds a Python `Token` per word, the single biggest cost of our per-token
scans; `Doc.to_array` reads the same attributes in C. Word-level tests are answered once per
distinct word of the Doc (a text is mostly repeats), then spread back over its tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc


def positions(doc: Doc, test: Callable[[str], bool], attr: int = ORTH) -> list[int]:
    """Indices, in order, of the tokens whose `attr` string (text by default) passes `test`."""
    if not len(doc):
        return []
    values = doc.to_array(attr)
    distinct, inverse = np.unique(values, return_inverse=True)
    strings = doc.vocab.strings
    passed = np.fromiter((test(strings[int(v)]) for v in distinct), dtype=bool, count=len(distinct))
    return np.flatnonzero(passed[inverse.reshape(-1)]).tolist()


def lower_positions(doc: Doc, words: Collection[str]) -> list[int]:
    """Indices, in order, of the tokens whose lower-case form is one of `words`."""
    return positions(doc, words.__contains__, LOWER)
