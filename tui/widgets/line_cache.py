"""A cache of drawn lines that frees them the moment they are dropped.

Textual's `LRUCache` links its entries in a ring of lists: a cleared cache is a cycle, its
strips and all, that only a full garbage collection frees (and a list clears its cache at each
new query). Here the order lives in an `OrderedDict` (linked in C, not in Python objects), so
eviction and `clear` free the strips by reference counting, between keys.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

from textual.strip import Strip

KeyT = TypeVar("KeyT", bound=Hashable)


class LineCache(Generic[KeyT]):
    """The `size` most recently used strips."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._strips: OrderedDict[KeyT, Strip] = OrderedDict()

    def get(self, key: KeyT) -> Strip | None:
        strip = self._strips.get(key)
        if strip is not None:
            self._strips.move_to_end(key)
        return strip

    def __setitem__(self, key: KeyT, strip: Strip) -> None:
        self._strips[key] = strip
        self._strips.move_to_end(key)
        if len(self._strips) > self._size:
            self._strips.popitem(last=False)

    def clear(self) -> None:
        self._strips.clear()
