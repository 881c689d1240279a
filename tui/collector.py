"""Full garbage collections between keys, each of them small.

Textual's compositor caches every line it cuts into one piece in the line itself
(`Strip.divide` keeps `[self]`, textual/strip.py), so each line drawn becomes a cycle that only
a full collection frees, and it dies old: when its line is drawn again. On CPython's schedule
a full collection came every second or two of use, where the allocations are, inside an
interaction, and walked every object alive (~90k once the app has started: the modules, the
DOM, the styles, the lines on screen).

`IdleCollector` runs full collections itself, between keys: when the app has been settled (no
worker, no message waiting) for `CALM` checks in a row, so that what settled it is painted,
and no input has come for `QUIET` seconds. The first such moment once the app has started
freezes what is alive, after a young collection only (a full one walked everything, ~90k
objects: 40-130 ms): later full collections walk only what was made since (the lines on screen
and their garbage: ~30k objects on the White House database, 15-40 ms). What was frozen and is
or later becomes cyclic garbage (start-up's old garbage, ~3k objects; the lines on screen then)
stays until the app exits.

Under input that never pauses (a key held down) the automatic full collection remains, made
`BACKSTOP` times rarer: 2 keeps each below ~40 ms there (10 let ~7 s of garbage pile up: 130 ms).
Until the freeze it is `STARTING` times rarer: start-up (the first pages, the search vocabulary)
makes many young collections, and with 2 a full one came then, walking everything (45-115 ms).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from time import monotonic

QUIET = 0.05  # seconds without input after which a full collection may run
SWEEP = 0.025  # seconds between checks
CALM = 3  # checks in a row that must find the app settled
PROMOTED = 4  # younger collections since the last full one that make a full one worth its walk
BACKSTOP = 2  # the automatic full collection comes this many times less often
STARTING = 10  # ... and this many times until the app has started


class IdleCollector:
    """Moves full collections between keys; `stop` restores the interpreter's settings (tests
    run many apps in one process)."""

    def __init__(self) -> None:
        self._thresholds = gc.get_threshold()
        self._input = monotonic()
        self._unfrozen = False  # the app has loaded what it keeps (again, after a reopen)
        self._frozen = False
        self._calm = 0  # checks in a row that found a collection to run and the app settled

    def start(self) -> None:
        self._rarer(STARTING)

    def _rarer(self, times: int) -> None:
        """The automatic full collection `times` less often than the interpreter's default."""
        young, middle, full = self._thresholds
        gc.set_threshold(young, middle, full * times)

    def touch(self) -> None:
        """Input came: the user is waiting for something."""
        self._input = monotonic()

    def started(self) -> None:
        """What the app keeps for the session is loaded: the next calm moment freezes it."""
        self._unfrozen = True

    def sweep(self, settled: Callable[[], bool]) -> None:
        """Every `SWEEP` seconds. There is work once the app has started (before, the quiet is
        the app's own work: opening, the first paint): freezing what it has loaded, then a full
        collection whenever younger ones have promoted enough. It runs if this check and the
        `CALM - 1` before found the app `settled` and no input came for `QUIET` seconds."""
        work = self._unfrozen or (self._frozen and gc.get_count()[2] >= PROMOTED)
        calm = work and monotonic() - self._input >= QUIET and settled()
        self._calm = self._calm + 1 if calm else 0
        if self._calm < CALM:
            return
        self._calm = 0
        if self._unfrozen:
            gc.collect(1)
            gc.freeze()
            self._unfrozen, self._frozen = False, True
            self._rarer(BACKSTOP)
        else:
            gc.collect()

    def stop(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        gc.set_threshold(*self._thresholds)
