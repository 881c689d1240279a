"""Sentence records (DESIGN §4) and the offset -> sentence lookup every layer needs."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from spacy.tokens import Doc, Span


class Sentences:
    """The sentences of one article, trimmed of surrounding whitespace, with their offsets."""

    def __init__(self, doc: Doc) -> None:
        self.records: list[dict] = []
        self.spans: list[Span] = []
        for sent in doc.sents:
            text = sent.text
            stripped = text.strip()
            if not stripped:
                continue
            start = sent.start_char + (len(text) - len(text.lstrip()))
            end = start + len(stripped)
            self.records.append({"index": len(self.records), "start": start, "end": end, "text": stripped})
            self.spans.append(sent)
        self._starts = [r["start"] for r in self.records]

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.records)

    def index_at(self, offset: int) -> int:
        """Index of the sentence containing character `offset` (the nearest before it)."""
        return max(bisect_right(self._starts, offset) - 1, 0)
