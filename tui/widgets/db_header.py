"""The header line: which database is open and how much is in it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from dipexplore.db.queries import Counts

from ..text import safe


class DbHeader(Static):
    DEFAULT_CSS = """
    DbHeader { dock: top; height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def show(self, path: Path | None, counts: Counts | None = None, note: str = "") -> None:
        """The file name, then the counts once a worker has them (or a note instead)."""
        line = Text.assemble(("dipexplore", "bold"), "  ")
        if path is not None:
            line.append_text(safe(path.name, "bold"))
        if counts is not None:
            line.append(
                f"  ·  {counts.articles:,} articles  ·  {counts.entities:,} entities  ·  {counts.events:,} events",
                "dim",
            )
        if note:
            line.append_text(safe(f"  ·  {note}", "italic"))
        self.update(line)
