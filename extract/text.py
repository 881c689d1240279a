"""Text normalisation and article identity.

Every offset dipexplore stores points into the *normalised* text, so normalisation happens
once, in the readers, before anything else sees the text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# C0 and C1 control characters except tab and newline; they carry terminal escape sequences
# and have no business in prose. Removing them (rather than escaping) keeps offsets simple.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no control characters or BOMs, no surrounding whitespace."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")  # byte-order marks, wherever a concatenation left them
    return _CONTROL.sub("", text).strip()


def article_id(text: str) -> str:
    """sha256 of the normalised text with whitespace runs collapsed (the dedup key)."""
    key = _SPACES.sub(" ", normalise_text(text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: control, escape and bidi-override characters shown
    as `\\x..` escapes instead of acting on the terminal."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
