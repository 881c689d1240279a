"""Time to first paint, per-interaction latency and search keystroke-to-results of the explorer.

    python bench/app.py --db PATH [--repeat N]

An interaction is timed from the key event (sent through the driver as a terminal's is)
until what it asked for is on screen: every worker it started has finished and the screen
has refreshed after that. Pilot's own waits are not in the figures. The same harness on a
key bound to nothing is shown first: the floor of the measure. Search is timed from the
debounce firing to the results painted, for each keystroke of a typed query.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from dipexplore.tui.app import DipExplore
from dipexplore.tui.screens.search import DEBOUNCE, SearchScreen
from dipexplore.tui.widgets.entities_pane import FILTER_DELAY
from dipexplore.tui.widgets.entity_list import EntityList
from dipexplore.tui.widgets.event_list import EventList
from dipexplore.tui.widgets.source_view import SourceView

SIZE = (160, 45)


async def settle(app: DipExplore) -> None:
    """Until no worker runs and the screen has been refreshed since."""
    while True:
        await asyncio.gather(*(worker.wait() for worker in app.workers), return_exceptions=True)
        refreshed = asyncio.get_running_loop().create_future()
        app.call_after_refresh(refreshed.set_result, None)
        await refreshed
        if all(worker.is_finished for worker in app.workers):
            return


async def press(app: DipExplore, *keys: str) -> None:
    """Keys through the driver, as a terminal sends them, without Pilot's waits for the screen."""
    await app._press_keys(keys)


async def first_paint(db: Path) -> float:
    """Seconds until the entities pane and the source pane show their first content."""
    start = time.perf_counter()
    app = DipExplore(db)
    async with app.run_test(size=SIZE) as pilot:
        while not (app.main.query_one(EntityList).rows and app.main.query_one(SourceView).article):
            await asyncio.sleep(0.002)
        await settle(app)
        return time.perf_counter() - start


async def interactions(db: Path, repeat: int) -> tuple[dict[str, list[float]], list[float]]:
    timings: dict[str, list[float]] = {}
    searches: list[float] = []
    app = DipExplore(db)
    started: list[float] = []

    def start(screen: SearchScreen, query: str, original=SearchScreen._start) -> None:
        started.append(time.perf_counter())
        original(screen, query)

    def results(screen: SearchScreen, message: SearchScreen.Results,
                original=SearchScreen.on_search_screen_results) -> None:
        original(screen, message)
        if started:
            t0 = started.pop()
            screen.call_after_refresh(lambda: searches.append(time.perf_counter() - t0))

    SearchScreen._start, SearchScreen.on_search_screen_results = start, results  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)

        async def timed(name: str, act: Callable[[], Awaitable[None]]) -> None:
            begin = time.perf_counter()
            await act()
            await settle(app)
            timings.setdefault(name, []).append(time.perf_counter() - begin)

        for _ in range(repeat):
            entities = app.main.query_one(EntityList)
            entities.focus()
            await timed("(a key bound to nothing)", lambda: press(app, "f12"))
            await timed("entity j (events, mentions, source follow)", lambda: press(app, "j"))
            await timed("entity G (last page)", lambda: press(app, "G"))
            await timed("entity g", lambda: press(app, "g"))
            await press(app, "u", "n", "i")
            await timed("filter 'uni' (after its debounce)", lambda: asyncio.sleep(FILTER_DELAY))
            await press(app, "escape")
            await pilot.pause(FILTER_DELAY + 0.05)
            await settle(app)
            app.action_all_events()
            app.main.query_one(EventList).focus()
            await settle(app)
            await timed("events j (source follows)", lambda: press(app, "j"))
            await timed("events s (re-sort all events)", lambda: press(app, "s"))
            await timed("events G (last page)", lambda: press(app, "G"))
            await press(app, "slash")
            for key in "antonov":
                await press(app, key)
                await asyncio.sleep(DEBOUNCE + 0.1)
                await settle(app)
            await timed("search enter (go to the hit)", lambda: press(app, "enter"))
            await timed("n (next hit)", lambda: press(app, "n"))
            await timed("timeline", lambda: press(app, "t"))
            await press(app, "escape")
            await timed("back", lambda: press(app, "backspace"))
            app.found = None
    return timings, searches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paints = [asyncio.run(first_paint(args.db)) for _ in range(args.repeat)]
    print(f"{'first paint':44} median {statistics.median(paints) * 1000:6.0f} ms  worst {max(paints) * 1000:6.0f} ms")
    timings, searches = asyncio.run(interactions(args.db, args.repeat))
    for name, values in timings.items():
        print(f"{name:44} median {statistics.median(values) * 1000:6.0f} ms  worst {max(values) * 1000:6.0f} ms")
    searches.sort()
    p95 = searches[min(len(searches) - 1, int(0.95 * len(searches)))]
    print(f"{'search: debounce fired -> results painted':44} median {statistics.median(searches) * 1000:6.0f} ms"
          f"  p95 {p95 * 1000:6.0f} ms  worst {searches[-1] * 1000:6.0f} ms  ({len(searches)} keystrokes)")
    print(f"{'debounces (typing pause before a query)':44} search {DEBOUNCE * 1000:.0f} ms, filter {FILTER_DELAY * 1000:.0f} ms"
          " (the filter row above includes its debounce)")


if __name__ == "__main__":
    main()
