"""All-caps stretches (wire headlines, datelines): the statistical NER is unreliable there."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc

MIN_SHOUTED_WORDS = 3
# Word kinds for the run scan: a word with a lower-case letter ends a run; a shouted word counts.
NEUTRAL, HAS_LOWER, SHOUTED = 0, 1, 2


@lru_cache(maxsize=1 << 16)
def _kind(text: str) -> int:
    """A word's kind, by the same tests as the token flags (is_lower, is_title, is_upper);
    cached because a text repeats its words."""
    is_lower, is_title, is_upper = text.islower(), text.istitle(), text.isupper()
    if (not is_upper) if (is_lower or is_title) else (not is_upper and text != text.upper()):
        return HAS_LOWER  # "A" is title and upper
    if len(text) > 1 and (is_upper or text != text.lower()):
        return SHOUTED
    return NEUTRAL


def caps_mask(doc: Doc) -> list[bool]:
    """True for tokens inside a run of at least three upper-case words with no lower-case
    word between them ("RUSSIA'S LEBED SAYS ..."); "NATO and the EU" is not such a run.
    Computed on arrays: one kind per distinct word, runs by cumulative sums."""
    if not len(doc):
        return []
    distinct, inverse = np.unique(doc.to_array(ORTH), return_inverse=True)
    strings = doc.vocab.strings
    kinds = np.fromiter((_kind(strings[int(v)]) for v in distinct), dtype=np.int8, count=len(distinct))
    kind = kinds[inverse.reshape(-1)]
    lower = kind == HAS_LOWER
    run = np.cumsum(lower)  # a word with a lower-case letter opens the next run
    shouted = np.bincount(run, weights=kind == SHOUTED)
    return (~lower & (shouted[run] >= MIN_SHOUTED_WORDS)).tolist()
