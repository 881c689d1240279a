"""Command palette entries found by name: go to an entity, go to an event.

The queries run in a thread (`asyncio.to_thread`) so typing in the palette never waits on
SQLite; the app's own actions are its system commands (`DipExplore.get_system_commands`).
The palette parses markup in `Matcher.highlight` and in help texts, so names are shown as
plain `Content` and help texts hold no database text but numbers and codes.
"""

from __future__ import annotations

import asyncio
import re
from functools import partial

from textual.command import Hit, Hits, Provider
from textual.content import Content

from .history import Location
from .text import clean

LIMIT = 15


def _code(text: str | None) -> str:
    """A date or a code from the database, reduced to characters markup cannot use."""
    return re.sub(r"[^0-9A-Za-z_\-]", "", text or "")


class GotoProvider(Provider):
    async def search(self, query: str) -> Hits:
        app = self.app
        corpus = getattr(app, "corpus", None)
        query = query.strip()
        if corpus is None or len(query) < 2:
            return
        matcher = self.matcher(query)
        entities = await asyncio.to_thread(corpus.entities_page, query, None, LIMIT)
        for row in entities:
            name = clean(row.name)
            yield Hit(
                max(matcher.match(name), 0.5),
                Content(f"Go to entity: {name}"),
                partial(app.jump, Location(row.id, label=row.name)),
                help=f"{_code(row.type)} · {row.mention_count} mentions · {row.event_count} events",
            )
        events = await asyncio.to_thread(corpus.events_matching, query, LIMIT)
        for event in events:
            label = clean(f"{event.type} {event.label}")
            yield Hit(
                max(matcher.match(label), 0.4),
                Content(f"Go to event: {label}"),
                partial(app.goto_event, event),
                help=f"{_code(event.date) or 'undated'} · {_code(event.modality)}",
            )
