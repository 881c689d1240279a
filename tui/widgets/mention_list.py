"""The Mentions pane's list: where the selected entity is named, each with its sentence."""

from __future__ import annotations

from rich.text import Text

from dipexplore.db import Corpus
from dipexplore.db.queries import MentionRow

from ..text import Titles, safe
from .following import FollowingList

SHOWN = 300  # characters of a sentence drawn: more than any pane is wide


class MentionList(FollowingList[MentionRow]):
    empty_text = "select an entity to see its mentions"

    def fetch(self, corpus: Corpus, after: MentionRow | None, limit: int, reverse: bool) -> list[MentionRow]:
        if self.entity_id is None:
            return []
        return corpus.mentions_page(self.entity_id, after, limit, reverse)

    def titles(self) -> Titles:
        entity = self.entity
        counts = f"{entity.mention_count:,} in {entity.article_count:,} articles" if entity else ""
        return Text.assemble("Mentions · ", self.subject("none")), Text(counts)

    def render_row(self, row: MentionRow) -> Text:
        """The sentence from a little before the mention, the mention in bold."""
        at = row.start - row.context_start
        lead = max(0, at - 20)
        sentence = safe(row.context[lead : lead + SHOWN])
        sentence.stylize("bold reverse", at - lead, at - lead + row.end - row.start)
        cut = "…" if row.context_start + lead > row.sentence_start else ""
        return Text.assemble((f"{row.article_date or '':<10} ", "dim"), cut, sentence)
