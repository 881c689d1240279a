"""Time to first paint, per-interaction latency and search keystroke-to-results of the explorer.

    python bench/app.py --db PATH [--repeat N]

An interaction is timed from the key event (posted to the app as the driver posts a
terminal's) until what it asked for is on screen: every worker it started has finished, no
message waits in any queue, and the screen has refreshed after that. Pilot's own waits are
not in the figures. The same harness on a key bound to nothing is shown first: the floor of
the measure. The entity filter and search are timed from their debounce firing to the
results painted (for search, each keystroke of a typed query).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import events
from textual.widget import Widget

from dipexplore.tui.app import DipExplore
from dipexplore.tui.screens.search import DEBOUNCE, SearchScreen
from dipexplore.tui.widgets.article_list import ArticleList
from dipexplore.tui.widgets.entities_pane import FILTER_DELAY, EntitiesPane
from dipexplore.tui.widgets.entity_list import EntityList
from dipexplore.tui.widgets.event_list import EventList
from dipexplore.tui.widgets.source_view import SourceView

SIZE = (160, 45)
PAUSE = 0.1  # between interactions, as between a user's keys: what Textual defers on timers (after a
# focus change, ~40 ms) is done before the next key, and not counted in its time


def idle(app: DipExplore) -> bool:
    """No message waits in any queue (the app's, a screen's, a widget's)."""
    return app._message_queue.empty() and all(node._message_queue.empty() for node in list(app._registry))


async def settle(app: DipExplore) -> None:
    """Until everything an input started is done and the screen has been refreshed since.

    Messages are drained first: a refresh callback queued behind a key could land on a
    screen that the key then closes, and never be called."""
    while True:
        await asyncio.gather(*(worker.wait() for worker in app.workers), return_exceptions=True)
        while not idle(app):
            await asyncio.sleep(0.0005)
        if not all(worker.is_finished for worker in app.workers):
            continue
        refreshed = asyncio.get_running_loop().create_future()
        app.screen.call_after_refresh(refreshed.set_result, None)
        await refreshed
        if idle(app) and all(worker.is_finished for worker in app.workers):
            return


CHARACTERS = {"slash": "/", "enter": "\r", "escape": "\x1b", "backspace": "\x7f"}


async def press(app: DipExplore, *keys: str) -> None:
    """Keys posted to the app, as the driver posts a terminal's. Not `Pilot.press`: it waits until
    the process has been idle for a while after each key, and that wait would be timed."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))


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

    filtered: list[float] = []

    def apply_filter(pane: EntitiesPane, original=EntitiesPane._apply_filter) -> None:
        filtered.append(time.perf_counter())
        original(pane)

    SearchScreen._start, SearchScreen.on_search_screen_results = start, results  # type: ignore[method-assign]
    EntitiesPane._apply_filter = apply_filter  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)

        async def timed(name: str, act: Callable[[], Awaitable[None]]) -> None:
            await asyncio.sleep(PAUSE)
            await settle(app)
            begin = time.perf_counter()
            await act()
            await settle(app)
            timings.setdefault(name, []).append(time.perf_counter() - begin)

        async def focus(widget: Widget) -> None:
            widget.focus()
            await settle(app)

        for _ in range(repeat):
            await focus(app.main.query_one(EntityList))
            await timed("(a key bound to nothing)", lambda: press(app, "f12"))
            await timed("entity j (events, mentions, source follow)", lambda: press(app, "j"))
            await timed("entity G (last page)", lambda: press(app, "G"))
            await timed("entity g", lambda: press(app, "g"))
            await timed("tab (next pane)", lambda: press(app, "tab"))
            await focus(app.main.query_one(EntityList))
            filtered.clear()  # the last run's `escape` cleared the filter through the same debounce
            await press(app, "u", "n", "i")
            while not filtered:
                await asyncio.sleep(0.001)
            await settle(app)
            timings.setdefault("filter 'uni' (from its debounce firing)", []).append(
                time.perf_counter() - filtered.pop())
            await press(app, "escape")
            await asyncio.sleep(FILTER_DELAY + 0.05)
            await settle(app)
            await focus(app.main.query_one(ArticleList))
            await timed("articles j (source shows the article)", lambda: press(app, "j"))
            await timed("articles s (sort by source)", lambda: press(app, "s"))
            await press(app, "s")
            app.action_all_events()
            await focus(app.main.query_one(EventList))
            await timed("events j (source follows)", lambda: press(app, "j"))
            await timed("events s (re-sort all events)", lambda: press(app, "s"))
            await timed("events G (last page)", lambda: press(app, "G"))
            await press(app, "slash")
            await settle(app)
            for key in "antonov":
                await press(app, key)
                await asyncio.sleep(DEBOUNCE + 0.1)
                await settle(app)
            await timed("search enter (go to the hit)", lambda: press(app, "enter"))
            await timed("n (next hit)", lambda: press(app, "n"))
            await timed("timeline", lambda: press(app, "t"))
            await press(app, "escape")
            await settle(app)
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
          " (not in the figures above)")


if __name__ == "__main__":
    main()
