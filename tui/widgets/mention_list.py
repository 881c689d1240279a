"""The Mentions pane's list: where the selected entity is named, each with its sentence."""

from __future__ import annotations

from rich.text import Text

from dipexplore.db import Corpus
from dipexplore.db.queries import MentionRow

from ..text import safe
from .lazy_list import LazyList


class MentionList(LazyList[MentionRow]):
    empty_text = "select an entity to see its mentions"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entity_id: int | None = None

    def fetch(self, corpus: Corpus, after: MentionRow | None, limit: int, reverse: bool) -> list[MentionRow]:
        if self.entity_id is None:
            return []
        return corpus.mentions_page(self.entity_id, after, limit, reverse)

    def render_row(self, row: MentionRow) -> Text:
        """The sentence from a little before the mention, the mention in bold."""
        at = row.start - row.sentence_start
        lead = max(0, at - 20)
        sentence = safe(row.sentence)
        sentence.stylize("bold reverse", at, at + row.end - row.start)
        before = "…" if lead else ""
        return Text.assemble((f"{row.article_date or '':<10} ", "dim"), before, sentence[lead:])
