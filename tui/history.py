"""Back/forward through the items the user jumped to, as a browser does (after Frogmouth)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Something the app can show again: the entity followed, the sentence shown, and whether
    the events pane lists that sentence's article's events (`e`) rather than the entity's."""

    entity_id: int | None = None
    article_id: str | None = None
    start: int = 0
    end: int = 0
    marks: tuple[tuple[int, int], ...] = ()  # spans in the sentence to stress (trigger, search words)
    label: str = ""
    article_events: bool = False


class History:
    """A list of locations and a cursor; a new jump drops the forward part."""

    def __init__(self, limit: int = 500) -> None:
        self._stack: list[Location] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._stack[self._index] if self._stack else None

    def push(self, location: Location) -> None:
        if location == self.current:
            return
        del self._stack[self._index + 1 :]
        self._stack.append(location)
        if len(self._stack) > self._limit:
            del self._stack[0]
        self._index = len(self._stack) - 1

    def back(self) -> Location | None:
        """The previous location (and move there), or None at the start."""
        if self._index <= 0:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Location | None:
        if self._index >= len(self._stack) - 1:
            return None
        self._index += 1
        return self.current
