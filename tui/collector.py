"""Full garbage collections between keys, not in the middle of them.

Every line Textual draws is a `Strip` whose caches refer back to it, so drawing makes cyclic
garbage that only the collector frees. On CPython's schedule the full collection came every
second or two of use, and it came where the allocations are, inside an interaction: on the
White House database it paused that key for 40-160 ms, walking every object alive (the DOM,
the styles and the search vocabulary are ~90k of them).

`IdleCollector` makes the automatic full collection ten times rarer (a backstop that bounds
memory under a key held down) and runs it itself once no input has come for `QUIET` seconds;
the young generations keep CPython's schedule (a few ms each). Once the app has started, the
first quiet moment freezes what is alive: full collections skip it, and it is still freed
when unreferenced.

The price: under input that never pauses for `QUIET` seconds (the app bench's rhythm), the
backstop comes after ~10 s with ten times the garbage and pauses that key for 250-430 ms.
CPython's own schedule (tried: `BACKSTOP = 1`) spread 100-160 ms pauses over several keys
instead; medians were alike.
"""

from __future__ import annotations

import gc
from time import monotonic

QUIET = 0.5  # seconds without input after which a full collection may run
SWEEP = 1.0  # seconds between checks
BACKSTOP = 10  # the automatic full collection comes this many times less often


class IdleCollector:
    """Moves full collections to quiet moments; `stop` restores the interpreter's settings (tests
    run many apps in one process)."""

    def __init__(self) -> None:
        self._thresholds = gc.get_threshold()
        self._input = monotonic()
        self._unfrozen = False  # the app has loaded what it keeps (again, after a reopen)
        self._frozen = False

    def start(self) -> None:
        young, middle, full = self._thresholds
        gc.set_threshold(young, middle, full * BACKSTOP)

    def touch(self) -> None:
        """Input came: the user is waiting for something."""
        self._input = monotonic()

    def started(self) -> None:
        """What the app keeps for the session is loaded: the next quiet moment freezes it."""
        self._unfrozen = True

    def sweep(self) -> None:
        """Once the app has started (before, the quiet is the app's own work: opening, the
        first paint) and when the user is idle: collect, and freeze what the app has just
        loaded; then a full collection whenever younger ones have promoted objects."""
        if monotonic() - self._input < QUIET:
            return
        if self._unfrozen:
            gc.collect()
            gc.freeze()
            self._unfrozen, self._frozen = False, True
        elif self._frozen and gc.get_count()[2]:
            gc.collect()

    def stop(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        gc.set_threshold(*self._thresholds)
