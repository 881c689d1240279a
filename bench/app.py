"""Time to first paint and per-interaction latency of the explorer, driven by Pilot.

    python bench/app.py --db PATH [--repeat N]

An interaction is timed from the key press until every worker it started has finished and
the screen has refreshed: what a user waits for. Prints the median and the worst of each.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from dipexplore.tui.app import DipExplore
from dipexplore.tui.widgets.entity_list import EntityList
from dipexplore.tui.widgets.event_list import EventList

SIZE = (160, 45)


async def settle(pilot) -> None:
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def first_paint(db: Path) -> float:
    """Seconds until the entities pane shows its first page."""
    start = time.perf_counter()
    app = DipExplore(db)
    async with app.run_test(size=SIZE) as pilot:
        while not app.query_one(EntityList).rows:
            await pilot.pause(0.005)
        return time.perf_counter() - start


async def interactions(db: Path, repeat: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    app = DipExplore(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        async def timed(name: str, act: Callable[[], Awaitable[None]]) -> None:
            start = time.perf_counter()
            await act()
            await settle(pilot)
            timings.setdefault(name, []).append(time.perf_counter() - start)

        for _ in range(repeat):
            app.query_one(EntityList).focus()
            await timed("entity j (events+mentions follow)", lambda: pilot.press("j"))
            await timed("entity G (read every page)", lambda: pilot.press("G"))
            await timed("entity g", lambda: pilot.press("g"))
            await timed("filter 'uni' (debounced)", lambda: pilot.press("u", "n", "i") or pilot.pause(0.2))
            app.query_one("#entity-filter").value = ""
            await pilot.pause(0.2)
            await settle(pilot)
            app.action_all_events()
            await settle(pilot)
            app.query_one(EventList).focus()
            await timed("events j (source follows)", lambda: pilot.press("j"))
            await timed("events s (re-sort all events)", lambda: pilot.press("s"))
            await timed("events G (all events)", lambda: pilot.press("G"))
            await timed("search 'antonov'", lambda: pilot.press("slash", *"antonov") or pilot.pause(0.2))
            await timed("search enter", lambda: pilot.press("enter"))
            await timed("timeline", lambda: pilot.press("t"))
            await pilot.press("escape")
            await timed("back", lambda: pilot.press("backspace"))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paints = [asyncio.run(first_paint(args.db)) for _ in range(args.repeat)]
    print(f"{'first paint':40} median {statistics.median(paints) * 1000:7.0f} ms  worst {max(paints) * 1000:7.0f} ms")
    for name, values in asyncio.run(interactions(args.db, args.repeat)).items():
        print(f"{name:40} median {statistics.median(values) * 1000:7.0f} ms  worst {max(values) * 1000:7.0f} ms")
    print("(debounced steps include their 0.2 s pause)")


if __name__ == "__main__":
    main()
