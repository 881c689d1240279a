"""Accent folding: "Erdoğan" and "Erdogan" are one name, in an article and across the database.

News spells foreign names with and without diacritics, even within one story; identities are
compared on the folded form, while the text keeps its own spelling.
"""

from __future__ import annotations

import unicodedata

# Letters NFKD does not decompose into a base letter plus an accent.
LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
                         "ß": "ss", "’": "'"})


def strip_accents(text: str) -> str:
    """The text without diacritics, case kept ("Erdoğan" -> "Erdogan"); ASCII returns at once."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case, accents and spacing ignored: the form identities are compared on."""
    return " ".join(strip_accents(text).casefold().split())
