"""Time to first paint, per-interaction latency and search keystroke-to-results of the explorer.

    python bench/app.py --db PATH [--repeat N] [--only paint,interactions,search,launch]

An interaction is timed from the key event (posted to the app as the driver posts a
terminal's) until what it asked for is on screen: every worker it started has finished, no
message waits in any queue, and the screen has refreshed after that. Pilot's own waits are
not in the figures. The same harness on a key bound to nothing is shown first: the floor of
the measure. The entity filter is timed from its debounce firing to its results painted.
Each interaction also shows the CPU time of the app's thread (handlers, layout, painting; not
the workers' queries): on a loaded machine wall times scatter, that figure far less, so
compare a change on it, runs alternated. Garbage collections are timed too (`gc.callbacks`; a
collection stops every thread): each generation's pauses, and those that fell inside an
interaction. The app runs its full collections between keys, which no figure here includes
(the bench posts its next key once a collection is over): a key a user types during one waits
for it, so their pauses are the figure to read for that.

Search (`--only search`): the issue's queries typed into the search box a key at a time, a
typist's pause apart, each keystroke timed from its key event to its results painted (the
results of the whole text typed so far). Launch (`--only launch`): from starting a Python
process to the app on screen with its search ready (vocabulary loaded), imports included.

Each wait (an interaction, the first paint, a search) gives up after `--timeout` seconds
(default 10): the bench then reports what stalled, and the app's error if it crashed,
prints the figures it has and exits with status 1, instead of waiting forever.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import events
from textual.widget import Widget

from dipexplore.tui.app import DipExplore
from dipexplore.tui.screens.search import SearchScreen
from dipexplore.tui.widgets.article_list import ArticleList
from dipexplore.tui.widgets.entities_pane import FILTER_DELAY, EntitiesPane
from dipexplore.tui.widgets.entity_list import EntityList
from dipexplore.tui.widgets.event_list import EventList
from dipexplore.tui.widgets.source_view import SourceView

SIZE = (160, 45)
QUERIES = ("antonv", "st petersberg", "consulat closure", "russia expel", "climate chnage", "sanctions against iran")
TYPING = 0.12  # seconds between the keys of a typed query: a quick typist
PAUSE = 0.1  # between interactions, as between a user's keys: what Textual defers on timers (after a
# focus change, ~40 ms) is done before the next key, and not counted in its time


TIMEOUT = 10.0  # seconds any one wait may take (`--timeout`)


class Stalled(Exception):
    """An interaction did not finish within TIMEOUT: the app crashed or hangs."""


def failure(app: DipExplore, what: str) -> Stalled:
    error = getattr(app, "_exception", None)
    why = f"the app crashed: {type(error).__name__}: {error}" if error is not None else (
        "the app has stopped" if not app.is_running else "the app hangs")
    return Stalled(f"{what}: not done after {TIMEOUT:g} s ({why})")


async def within(app: DipExplore, what: str, wait: Awaitable[object]) -> None:
    """`wait`, or `Stalled` after TIMEOUT."""
    try:
        await asyncio.wait_for(wait, TIMEOUT)
    except TimeoutError:
        raise failure(app, what) from None


async def until(app: DipExplore, what: str, condition: Callable[[], object]) -> None:
    """Poll `condition` until it is true, or `Stalled` after TIMEOUT."""
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.002)
    await within(app, what, poll())


def idle(app: DipExplore) -> bool:
    """No message waits in any queue (the app's, a screen's, a widget's)."""
    return app._message_queue.empty() and all(node._message_queue.empty() for node in list(app._registry))


async def refreshed(app: DipExplore) -> None:
    """Until the screen has refreshed (painted what was asked for before)."""
    done = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(done.set_result, None)
    await done


async def settle(app: DipExplore, what: str = "settling") -> None:
    """Until everything an input started is done and the screen has been refreshed since
    (`Stalled` after TIMEOUT)."""
    await within(app, what, _settle(app))


async def _settle(app: DipExplore) -> None:
    """Messages are drained first: a refresh callback queued behind a key could land on a
    screen that the key then closes, and never be called."""
    while True:
        await asyncio.gather(*(worker.wait() for worker in app.workers), return_exceptions=True)
        while not idle(app):
            await asyncio.sleep(0.0005)
        if not all(worker.is_finished for worker in app.workers):
            continue
        await refreshed(app)
        if idle(app) and all(worker.is_finished for worker in app.workers):
            return


CHARACTERS = {"slash": "/", "enter": "\r", "escape": "\x1b", "backspace": "\x7f"}


async def press(app: DipExplore, *keys: str) -> None:
    """Keys posted to the app, as the driver posts a terminal's. Not `Pilot.press`: it waits until
    the process has been idle for a while after each key, and that wait would be timed."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))


class Pauses:
    """The garbage collector's pauses, timed with `gc.callbacks`: (generation, start, seconds,
    CPU seconds of the thread that collected)."""

    def __init__(self) -> None:
        self.log: list[tuple[int, float, float, float]] = []
        self._start = self._start_cpu = 0.0

    def __enter__(self) -> Pauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start, self._start_cpu = time.perf_counter(), time.thread_time()
        else:
            self.log.append((info["generation"], self._start, time.perf_counter() - self._start,
                             time.thread_time() - self._start_cpu))


async def first_paint(db: Path) -> float:
    """Seconds until the entities pane and the source pane show their first content, painted.
    Not waited for: the search vocabulary, loaded in the background (in the launch figure)."""
    start = time.perf_counter()
    app = DipExplore(db)
    async with app.run_test(size=SIZE):
        await until(app, "first paint", lambda: app.main.query_one(EntityList).rows
                    and app.main.query_one(SourceView).article)
        await within(app, "first paint", refreshed(app))
        return time.perf_counter() - start


async def interactions(db: Path, repeat: int, timings: dict[str, list[float]], cpu: dict[str, list[float]],
                       pauses: Pauses, inside: list[tuple[str, float, float]]) -> None:
    """Fills `timings` (name -> seconds), `cpu` (name -> seconds of the app thread's CPU) and
    `inside` (each interaction's name, begin and end), so that the figures measured before a stall
    are kept; `pauses` times the collections meanwhile."""
    app = DipExplore(db)

    filtered: list[float] = []

    def apply_filter(pane: EntitiesPane, original=EntitiesPane._apply_filter) -> None:
        filtered.append(time.perf_counter())
        original(pane)

    EntitiesPane._apply_filter = apply_filter  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)

        async def timed(name: str, act: Callable[[], Awaitable[None]]) -> None:
            await asyncio.sleep(PAUSE)
            await settle(app)
            begin, begin_cpu = time.perf_counter(), time.thread_time()
            await act()
            await settle(app, name)
            end = time.perf_counter()
            timings.setdefault(name, []).append(end - begin)
            cpu.setdefault(name, []).append(time.thread_time() - begin_cpu)
            inside.append((name, begin, end))

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
            await until(app, "filter 'uni'", lambda: filtered)
            await settle(app, "filter 'uni'")
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
            await press(app, *"antonov")
            await asyncio.sleep(0.3)
            await settle(app)
            await timed("search enter (go to the hit)", lambda: press(app, "enter"))
            await timed("n (next hit)", lambda: press(app, "n"))
            await timed("timeline", lambda: press(app, "t"))
            await press(app, "escape")
            await settle(app)
            await timed("back", lambda: press(app, "backspace"))
            app.found = None


async def searching(db: Path, repeat: int) -> list[float]:
    """Seconds from each keystroke in the search box to its results painted."""
    app = DipExplore(db)
    typed: dict[str, float] = {}  # the query each key made -> when the key was sent
    latencies: list[float] = []

    def results(screen: SearchScreen, message: SearchScreen.Results,
                original=SearchScreen.on_search_screen_results) -> None:
        original(screen, message)
        if (sent := typed.pop(message.query, None)) is not None:
            screen.call_after_refresh(lambda: latencies.append(time.perf_counter() - sent))

    SearchScreen.on_search_screen_results = results  # type: ignore[method-assign]
    async with app.run_test(size=SIZE):
        await settle(app)
        await asyncio.sleep(0.5)
        await settle(app)
        for _ in range(repeat):
            for query in QUERIES:
                await press(app, "slash")
                await settle(app)
                for length in range(1, len(query) + 1):
                    typed.clear()  # a key whose results were overtaken by the next key's is not timed
                    typed[query[:length].strip()] = time.perf_counter()
                    await press(app, query[length - 1])
                    await asyncio.sleep(TYPING)
                await settle(app)
                await press(app, "escape")
                await settle(app)
                app.found = None
    return latencies


LAUNCH = """
import asyncio, sys, time
from pathlib import Path
from dipexplore.tui.app import DipExplore
from dipexplore.tui.widgets.entity_list import EntityList
from dipexplore.tui.widgets.source_view import SourceView

async def main():
    app = DipExplore(Path(sys.argv[1]))
    async with app.run_test(size=(160, 45)):
        def ready():
            return (app.corpus is not None and "_vocabulary" in app.corpus.__dict__
                    and app.main.query_one(EntityList).rows and app.main.query_one(SourceView).article)
        while not ready():
            await asyncio.sleep(0.002)
        painted = asyncio.get_running_loop().create_future()
        app.screen.call_after_refresh(painted.set_result, None)
        await painted
        print(time.time())

asyncio.run(main())
"""


def launch(db: Path) -> float:
    """Seconds from starting Python to the app painted with its search ready."""
    start = time.time()
    try:
        # Imports are in this figure: the wait allowed is longer than an interaction's.
        done = subprocess.run([sys.executable, "-c", LAUNCH, str(db)], capture_output=True, text=True, check=True,
                              timeout=3 * TIMEOUT)
    except subprocess.TimeoutExpired:
        raise Stalled(f"launch: not on screen after {3 * TIMEOUT:g} s (the app hangs)") from None
    except subprocess.CalledProcessError as error:
        last = (error.stderr or "").strip().splitlines()[-1:] or [f"exit status {error.returncode}"]
        raise Stalled(f"launch: the app crashed: {last[0]}") from None
    return float(done.stdout.split()[-1]) - start


def report(name: str, values: list[float], p95: bool = False, cpu: list[float] | None = None) -> None:
    values = sorted(values)
    extra = f"  p95 {values[min(len(values) - 1, int(0.95 * len(values)))] * 1000:6.0f} ms" if p95 else ""
    print(f"{name:44} median {statistics.median(values) * 1000:6.0f} ms{extra}  worst {values[-1] * 1000:6.0f} ms"
          + (f"  ({len(values)})" if p95 else "")
          + (f"  app thread CPU median {statistics.median(cpu) * 1000:5.1f} ms, worst {max(cpu) * 1000:5.1f} ms"
             if cpu else ""))


def report_pauses(pauses: Pauses, inside: list[tuple[str, float, float]]) -> None:
    """Each generation's collections: how many, how long, and those inside an interaction
    (for full collections, which: the interactions' names)."""
    for generation in (0, 1, 2):
        log = [(start, seconds, cpu) for g, start, seconds, cpu in pauses.log if g == generation]
        if not log:
            continue
        within = [(name, seconds) for start, seconds, _ in log for name, begin, end in inside if begin <= start < end]
        durations = sorted(seconds for _, seconds, _ in log)
        cpu = sorted(cpu for _, _, cpu in log)
        print(f"gc generation {generation}: {len(log):5} pauses, median {statistics.median(durations) * 1000:5.1f} ms,"
              f" worst {durations[-1] * 1000:6.1f} ms (CPU median {statistics.median(cpu) * 1000:5.1f},"
              f" worst {cpu[-1] * 1000:6.1f}); inside an interaction {len(within):4}"
              + (f", worst {max(seconds for _, seconds in within) * 1000:6.1f} ms" if within else ""))
        if generation == 2:
            for name, seconds in within:
                print(f"    {seconds * 1000:6.1f} ms in {name}")


def main() -> None:
    global TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds any one wait may take")
    parser.add_argument("--only", default="paint,interactions,search,launch",
                        help="comma-separated: paint, interactions, search, launch")
    args = parser.parse_args()
    TIMEOUT = args.timeout
    only = set(args.only.split(","))
    try:
        run(args, only)
    except Exception as error:
        # Leaving `run_test` after a stall re-raises the app's own error, if it crashed.
        cause: BaseException | None = error
        while cause is not None and not isinstance(cause, Stalled):
            cause = cause.__context__
        if cause is None:
            raise
        print(f"FAILED: {cause}", file=sys.stderr)
        sys.exit(1)


def run(args: argparse.Namespace, only: set[str]) -> None:
    if "launch" in only:
        report("launch -> searchable (new process)", [launch(args.db) for _ in range(args.repeat)])
    if "paint" in only:
        report("first paint", [asyncio.run(first_paint(args.db)) for _ in range(args.repeat)])
    if "interactions" in only:
        timings: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}
        inside: list[tuple[str, float, float]] = []
        try:
            with Pauses() as pauses:
                asyncio.run(interactions(args.db, args.repeat, timings, cpu, pauses, inside))
        finally:
            for name, values in timings.items():
                report(name, values, cpu=cpu.get(name))
            print(f"{'(filter debounce, not in its figure)':44} {FILTER_DELAY * 1000:.0f} ms")
            report_pauses(pauses, inside)
    if "search" in only:
        report("search: keystroke -> results painted", asyncio.run(searching(args.db, max(1, args.repeat // 2))),
               p95=True)


if __name__ == "__main__":
    main()
