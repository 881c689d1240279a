"""Pilot tests of the explorer: panes, linking, history, search, help, palette, copy, export,
error states and hostile text. Databases are real files written through `db.ingest.Writer`."""

from __future__ import annotations

import asyncio
import gc
import json
import sqlite3
import time
from pathlib import Path

import pytest
from textual.app import App
from textual.content import Content
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets._toast import Toast

from dipexplore.db import Corpus
from dipexplore.db.ingest import Writer
from dipexplore.db.queries import Month
from dipexplore.tui import collector, frames
from dipexplore.tui.app import DipExplore
from dipexplore.tui.screens.actors import ActorMenu
from dipexplore.tui.screens.help import HelpScreen, binding_rows
from dipexplore.tui.screens.main import MainScreen
from dipexplore.tui.screens.search import SearchScreen
from dipexplore.tui.screens.timeline import TimelineScreen
from dipexplore.tui.text import short_source
from dipexplore.tui.workers import QueryFailed, retire
from dipexplore.tui.widgets import lazy_list
from dipexplore.tui.widgets.article_list import ArticleList
from dipexplore.tui.widgets.entity_list import EntityList
from dipexplore.tui.widgets.event_list import EventList
from dipexplore.tui.widgets.mention_list import MentionList
from dipexplore.tui.widgets.source_view import SourceView
from dipexplore.tui.widgets.timeline_chart import chart, with_gaps

RECORDS = Path(__file__).resolve().parent / "data" / "records.jsonl"
SIZE = (160, 45)
pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

HOSTILE = "[Reuters] The [bold]minister[/bold] met [/foo] envoys \x1b[31mred\x1b[0m [sic] [1]."


def _event(record: dict, vid: str, etype: str, cameo: str | None, plover: str | None, source: list[str],
           target: list[str], sentence: int, trigger: str, date: str | None, modality: str = "asserted",
           place: str | None = None) -> dict:
    s = record["sentences"][sentence]
    start = record["article"]["text"].index(trigger, s["start"])
    return {"id": vid, "type": etype, "plover": plover, "cameo": cameo, "source": source, "target": target,
            "place": place, "date": date, "sentence": sentence,
            "trigger": {"start": start, "end": start + len(trigger), "text": trigger},
            "modality": modality, "negated": False}


def seed_record() -> dict:
    """The seed article's real record with the seed's events added (offsets from its text)."""
    record = json.loads(RECORDS.read_text(encoding="utf-8").splitlines()[0])
    record["events"] = [
        _event(record, "v1", "END_MISSION", None, None, ["e2"], [], 0, "concluded his term", None),
        _event(record, "v2", "APPOINT_ENVOY", "050", "SUPPORT", ["e3"], ["e2"], 5, "appointed", "2017-08"),
        _event(record, "v3", "CLOSE_MISSION", "161", "SANCTION", ["e9"], ["e3"], 9, "ordered the closure",
               "2017", place="e13"),
        _event(record, "v4", "CLOSE_MISSION", "161", "REQUEST", ["e5"], ["e9"], 10, "demanded the closure",
               "2017", modality="demanded"),
        _event(record, "v5", "SUSPEND_MISSION", "161", "SANCTION", ["e9"], ["e3"], 11,
               "suspended the operations", "2020"),
    ]
    return record


def hostile_record() -> dict:
    text = HOSTILE + " Second sentence."
    end = len(HOSTILE)
    return {
        "article": {"id": "f" * 64, "title": "[Reuters] [/foo] title", "date": "2024-01-02",
                    "source": "[bold]wire[/bold]", "url": None, "text": text},
        "sentences": [{"index": 0, "start": 0, "end": end, "text": HOSTILE},
                      {"index": 1, "start": end + 1, "end": len(text), "text": "Second sentence."}],
        "entities": [{"id": "e1", "name": "[/foo] Council", "type": "ORG", "country": None,
                      "aliases": [], "roles": []}],
        "mentions": [{"entity": "e1", "sentence": 0, "start": 1, "end": 8, "text": "Reuters", "form": "name"}],
        "events": [],
    }


@pytest.fixture(scope="module")
def events_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("events") / "events.db"
    with Writer(path) as writer:
        writer.add(seed_record())
        writer.add(hostile_record())
    return path


async def settle(pilot) -> None:
    """Let workers finish and their messages land, including the workers those start (opening
    a database reads the lists, whose first rows start a follow), however loaded the machine."""
    for _ in range(10):
        # A superseded exclusive worker ends cancelled; a failed one fails the test at exit.
        await asyncio.gather(*(worker.wait() for worker in pilot.app.workers), return_exceptions=True)
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            await pilot.pause()
            if all(worker.is_finished for worker in pilot.app.workers):
                return


async def go_to_entity(pilot, name: str) -> None:
    """Filter the entities pane to `name` and open the first match."""
    app = pilot.app
    app.query_one("#entity-filter").value = ""
    app.query_one(EntityList).focus()
    await pilot.press(*name.lower())
    await pilot.pause(0.3)
    await settle(pilot)
    await pilot.press("enter")  # filter -> list
    await settle(pilot)
    await pilot.press("enter")  # open the entity
    await settle(pilot)


async def test_opens_with_counts_and_panes(records_db: Path) -> None:
    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        header = str(app.query_one("DbHeader").render())
        assert "14 articles" in header and "entities" in header
        entities = app.query_one(EntityList)
        assert entities.has_focus and len(entities.rows) > 50
        assert len(app.query_one("#articles").rows) == 14
        mentions = app.query_one(MentionList).rows  # the highlighted entity's mentions
        assert mentions and app.query_one(EventList).entity_id == entities.rows[0].id
        # The first screen is useful: the entity's first event (or mention) is in the source.
        events = app.query_one(EventList).rows
        first = events[0] if events else mentions[0]
        assert app.query_one(SourceView).selection.start == first.sentence_start


@pytest.mark.parametrize("width", [70, 97, 131])
async def test_source_wraps_by_words(events_db: Path, width: int) -> None:
    """Every visible line of the source ends at a word's end, none is cut with an ellipsis,
    also when a long article follows a short one (its scrollbar appears after the layout)."""
    app = DipExplore(events_db)
    async with app.run_test(size=(width, 60)) as pilot:
        await settle(pilot)
        await go_to_entity(pilot, "[/foo")
        await go_to_entity(pilot, "Anatoly")
        source = app.query_one(SourceView)
        words = set(source.article.text.split())
        lines = ["".join(s.text for s in source.render_line(y)).rstrip() for y in range(source.size.height)]
        body = [line for line in lines[SourceView.HEADER_LINES:] if line]
        assert len(body) > 10 and not any(line.endswith("…") for line in lines)
        assert {word for line in body for word in line.split()} <= words


async def test_filter_as_you_type(records_db: Path) -> None:
    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "u", "s")
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.query_one("#entity-filter").value == "rus"
        names = [row.name for row in app.query_one(EntityList).rows]
        assert names and all("rus" in name.lower() for name in names)


async def test_antonov_events_within_three_keys(events_db: Path) -> None:
    """Issue 5's done-means: from "Anatoly Antonov" highlighted in the entities pane, each of
    his events in the seed is at most three keystrokes away, and shows its own sentence."""
    app = DipExplore(events_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"anatoly", "enter")  # finding him: the filter, then back to the list
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.query_one(EntityList).row.name == "Anatoly Antonov"
        assert app.query_one(EventList).entity_id == app.query_one(EntityList).row.id  # followed already
        events, source = app.query_one(EventList), app.query_one(SourceView)
        reached: dict[str, str] = {}
        for key in ("enter", "j"):  # open him (his first event shows), then his next event
            await pilot.press(key)
            await settle(pilot)
            row = events.row
            assert events.has_focus and source.article.id == row.article_id
            assert source.sentence == source.article.text[row.sentence_start : row.sentence_end]
            reached[row.type] = source.sentence
        assert set(reached) == {"APPOINT_ENVOY", "END_MISSION"} == {row.type for row in events.rows}
        assert all("Antonov" in sentence for sentence in reached.values()) and len(set(reached.values())) == 2


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article through the real pipeline (reader, extraction, ingest), as a user adds it."""
    from dipexplore.db.ingest import ingest
    from dipexplore.extract.readers import read_paths

    from .conftest import CORPUS

    path = tmp_path_factory.mktemp("seed") / "seed.db"
    assert ingest(read_paths([str(CORPUS / "seed.txt")]), path).added == 1
    return path


async def test_every_seed_event_from_antonov_through_his_article(seed_db: Path) -> None:
    """Issue 5's done-means for all the seed's events, on what the real extractor finds: from
    "Anatoly Antonov" highlighted, `enter` opens him and `e` lists the events of the article in
    the source pane (titled so, in text order); `j` walks them, each showing its own sentence
    with its trigger stressed; `backspace` goes back to his own events. In the entity list `e`
    is a letter of the filter."""
    with sqlite3.connect(seed_db) as conn:
        expected = {row[0] for row in conn.execute("SELECT id FROM events")}
    app = DipExplore(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"anatoly", "enter")
        await pilot.pause(0.3)
        await settle(pilot)
        antonov = app.query_one(EntityList).row
        assert antonov.name == "Anatoly Antonov" and 0 < antonov.event_count < len(expected)
        events, source = app.query_one(EventList), app.query_one(SourceView)
        assert source.article is not None and "Antonov" in source.sentence  # his first event, previewed
        await pilot.press("enter", "e")  # two keystrokes to the list: each event is then j presses away
        await settle(pilot)
        assert events.has_focus and events.article_id == source.article.id
        assert str(events.border_title) == "Events · in " + (source.article.title or "(untitled)")
        assert str(events.border_subtitle) == "in text order"
        walked: dict[int, str] = {}
        for step in range(len(expected)):
            if step:
                await pilot.press("j")
                await settle(pilot)
            row = events.row
            assert source.selection.marks == ((row.trigger_start, row.trigger_end),)
            assert source.sentence == source.article.text[row.sentence_start : row.sentence_end]
            walked[row.id] = source.sentence
        assert set(walked) == expected
        assert [row.trigger_start for row in events.rows] == sorted(row.trigger_start for row in events.rows)
        assert len(set(walked.values())) > 2  # different sentences, not one shown again
        await pilot.press("backspace")
        await settle(pilot)
        assert events.article_id is None and events.entity_id == antonov.id
        assert {row.id for row in events.rows} < expected and len(events.rows) == antonov.event_count
        app.query_one(EntityList).focus()
        await pilot.press("e", "g", "y")
        await pilot.pause(0.3)
        assert app.query_one("#entity-filter").value == "anatolyegy" and events.article_id is None


def _walk(page, reverse: bool, limit: int = 2) -> list:
    rows, after = [], None
    while len(batch := page(after, limit, reverse)) == limit:
        rows += batch
        after = batch[-1]
    return rows + batch


@pytest.mark.parametrize("pane", ["entities", "filtered", "short filter", "articles", "articles by source", "mentions",
                                  "events date", "events -date", "events type"])
def test_reverse_pages_mirror_forward_pages(records_db: Path, events_db: Path, pane: str) -> None:
    """Keyset pages walked backwards from the end give the same rows (NULL dates included)."""
    with Corpus(records_db) as corpus, Corpus(events_db) as seed:
        pages = {
            "entities": lambda after, limit, reverse: corpus.entities_page("", after, limit, reverse),
            "filtered": lambda after, limit, reverse: corpus.entities_page("uni", after, limit, reverse),
            "short filter": lambda after, limit, reverse: corpus.entities_page("an", after, limit, reverse),
            "articles": lambda after, limit, reverse: corpus.articles_page(after, limit, reverse),
            "articles by source": lambda after, limit, reverse: corpus.articles_page(after, limit, reverse,
                                                                                     sort="source"),
            "mentions": lambda after, limit, reverse: corpus.mentions_page(
                corpus.entities_page()[0].id, after, limit, reverse),
        }
        for sort in ("date", "-date", "type"):
            pages[f"events {sort}"] = lambda after, limit, reverse, sort=sort: seed.events_page(
                None, sort, after, 2, reverse=reverse)
        forward = _walk(pages[pane], False)
        assert len(forward) > 3 and _walk(pages[pane], True) == forward[::-1]


@pytest.mark.parametrize("text", ["anatoly", "ANATOLY antonov", "Anatóly", '"anatoly*', "anat", "nt"])
def test_entity_filter(events_db: Path, text: str) -> None:
    """Words of 3+ letters: word-prefix lookups in entities_fts (FTS syntax in the filter is
    just text); shorter or partial words: LIKE anywhere in names and aliases."""
    with Corpus(events_db) as corpus:
        names = {row.name for row in corpus.entities_page(text)}
    assert "Anatoly Antonov" in names


def record_entity_reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every page the entity list reads from now on, as its `reverse` argument (True: backwards)."""
    reads: list[bool] = []
    fetch = EntityList.fetch
    monkeypatch.setattr(EntityList, "fetch", lambda self, *args: reads.append(args[-1]) or fetch(self, *args))
    return reads


def test_entity_filter_takes_fts_syntax_as_text(events_db: Path) -> None:
    with Corpus(events_db) as corpus:
        assert corpus.entities_page('anatoly" OR NEAR(* -') == []


async def test_end_of_list_reads_the_last_page_directly(records_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`G` reads the last page first and then the pages above it that the view shows (no
    walk from the top); scrolling back up loads earlier pages; `g` is back at the first row."""
    monkeypatch.setattr(lazy_list, "PAGE", 10)
    monkeypatch.setattr(lazy_list, "PREFETCH", 3)
    with Corpus(records_db) as corpus:
        every = _walk(lambda after, limit, reverse: corpus.entities_page("", after, limit, reverse), False, 50)
    reads = record_entity_reads(monkeypatch)
    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entities = app.query_one(EntityList)
        reads.clear()
        await pilot.press("G")
        await settle(pilot)
        assert entities.row == every[-1] and reads and all(reads)  # backwards only, from the end
        await pilot.press(*"k" * 25)
        await settle(pilot)
        assert entities.row == every[-26] and entities.rows == every[-len(entities.rows):]
        await pilot.press("g")
        await settle(pilot)
        assert entities.row == every[0]


async def test_end_and_top_read_one_page_each(records_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the view away from the window's edges, `G` reads the last page and `g` the first,
    nothing more (a new page's view was placed before its cursor, and read a page beyond it)."""
    monkeypatch.setattr(lazy_list, "PAGE", 30)
    monkeypatch.setattr(lazy_list, "PREFETCH", 3)
    reads = record_entity_reads(monkeypatch)
    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entities = app.query_one(EntityList)
        assert not entities._done and entities.scrollable_content_region.height < 30 - 3
        reads.clear()
        await pilot.press("G")
        await settle(pilot)
        assert reads == [True]
        reads.clear()
        await pilot.press("g")
        await settle(pilot)
        assert reads == [False]


@pytest.mark.parametrize("keys", ["Gg", "gG"])
async def test_a_new_entity_page_lands_with_its_panes(records_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                      keys: str) -> None:
    """`g` (`G`) away from the loaded window reads the entity list's first (last) page again;
    the page is drawn in the frame that draws its cursor entity's mentions, not a frame before
    with the last entity's still there."""
    monkeypatch.setattr(lazy_list, "PAGE", 10)
    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entities, mentions = app.query_one(EntityList), app.query_one(MentionList)
        await pilot.press(keys[0])
        await settle(pilot)
        before = entities.row
        drawn: list[tuple[object, list]] = []
        refresh = MainScreen._compositor_refresh

        def spy(screen: MainScreen) -> None:
            drawn.append((entities.row, mentions.rows))  # the first page, then with the next
            refresh(screen)

        monkeypatch.setattr(MainScreen, "_compositor_refresh", spy)
        await pilot.press(keys[1])
        await settle(pilot)
        after = entities.row
        assert after != before and mentions.entity_id == after.id and mentions.rows
        assert any(row == after for row, _ in drawn)
        assert all(shown[:1] == mentions.rows[:1] for row, shown in drawn if row == after)


async def test_a_layout_repaints_no_other_pane_s_scrollbar(records_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scrollbar going (the mentions pane's, from an entity with more mentions than it
    shows to one with fewer) lays out the screen; the other panes' scrollbars are not
    repainted for it (they were, in one more frame after the layout's)."""
    app = DipExplore(records_db)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        mentions, articles = app.query_one(MentionList), app.query_one(ArticleList)
        assert mentions.show_vertical_scrollbar and articles.show_vertical_scrollbar
        repainted: list[Widget] = []
        refresh = ScrollBar.refresh

        def spy(self: ScrollBar, *args, **kwargs) -> ScrollBar:
            repainted.append(self.parent)
            return refresh(self, *args, **kwargs)

        monkeypatch.setattr(ScrollBar, "refresh", spy)
        await pilot.press("j")
        await settle(pilot)
        assert not mentions.show_vertical_scrollbar
        assert articles not in repainted and app.query_one(EntityList) not in repainted


async def test_articles_by_date_and_by_source(records_db: Path) -> None:
    """`s` in the articles list: newest first, then grouped under each site or publisher."""
    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        articles.focus()
        dates = [row.date or "" for row in articles.rows]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("s")
        await settle(pilot)
        sources = [row.source or "" for row in articles.rows]
        assert len(sources) == 14 and sources == sorted(sources)
        headings = [item.title for item in articles._items if isinstance(item, lazy_list.Group)]
        assert headings == list(dict.fromkeys(short_source(source) for source in sources))
        assert "bidenwhitehouse.archives.gov" in shown(articles)  # a heading, not one URL per row
        assert Content.from_markup(articles.border_subtitle).plain == "by source"
        await pilot.press("j")
        await settle(pilot)
        assert app.query_one(SourceView).article.id == articles.row.id == articles.rows[1].id


def test_timeline_shows_empty_months() -> None:
    """Months without events are rows of zero; a long quiet spell is one line with its length;
    a year-only row stays before its year's months."""
    months = [Month("2016-11", 2, 1, 1, 1.0), Month("2017", 1, 0, 1, -5.0), Month("2017-02", 3, 2, 0, 6.0),
              Month("2019-06", 1, 0, 1, -9.0)]
    rows = [row if isinstance(row, int) else row.period for row in with_gaps(months)]
    assert rows == ["2016-11", "2016-12", "2017", "2017-01", "2017-02", 27, "2019-06"]
    lines = chart(months).plain.splitlines()
    assert any(line.startswith("2017-01") and line.rstrip().endswith("·") for line in lines)
    assert any("27 months without events" in line for line in lines)


async def test_sort_events(events_db: Path) -> None:
    app = DipExplore(events_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        events = app.query_one(EventList)
        app.action_all_events()
        events.focus()
        await settle(pilot)
        assert events.rows[0].date == "2020" and events.rows[-1].date is None  # newest first, undated last
        await pilot.press("s")
        await settle(pilot)
        assert [r.type for r in events.rows] == sorted(r.type for r in events.rows)
        await pilot.press("s")
        await settle(pilot)
        assert [r.date for r in events.rows] == sorted((r.date for r in events.rows), key=lambda d: d or "")


async def test_actor_jump_and_history(events_db: Path) -> None:
    app = DipExplore(events_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to_entity(pilot, "Anatoly")
        events = app.query_one(EventList)
        antonov = events.entity_id
        assert events.row.type == "APPOINT_ENVOY"  # newest first: the appointment, Russia -> Antonov
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorMenu)
        names = [actor.name for actor in app.screen.actors]
        await pilot.press(*["j"] * names.index("Russia"), "enter")
        await settle(pilot)
        assert app.entity is not None and app.entity.name == "Russia"
        assert app.query_one(SourceView).sentence.startswith("Antonov was appointed")
        await pilot.press("backspace")
        await settle(pilot)
        assert app.query_one(EventList).entity_id == antonov
        await pilot.press("alt+right")
        await settle(pilot)
        assert app.entity.name == "Russia"


async def test_search_to_source(events_db: Path) -> None:
    """The real engine: a typo finds Antonov; enter shows his sentence with the matched word
    marked; n and N step through the hits' sentences."""
    app = DipExplore(events_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"antonv")
        await pilot.pause(0.3)
        await settle(pilot)
        hits = app.screen.hits
        assert hits and "Antonov" in hits[0].label
        await pilot.press("enter")
        await settle(pilot)
        source = app.query_one(SourceView)
        first = source.selection
        assert source.sentence == hits[0].sentence and "Antonov" in source.sentence
        assert first.marks and all(source.article.text[s:e] == "Antonov" for s, e in first.marks)
        if hits[0].kind == "entity":
            assert app.query_one(EventList).has_focus and app.entity.id == hits[0].id
        await pilot.press("n")
        await settle(pilot)
        second = next(h for h in hits if h.sentence_id != hits[0].sentence_id)
        assert source.sentence == second.sentence and source.selection.marks
        await pilot.press("N")
        await settle(pilot)
        assert source.selection == first


class FakeClock:
    """Time that passes only when told or slept through, for timers."""

    def __init__(self) -> None:
        self.now = 100.0

    def get_time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


async def test_frames_come_when_due_and_no_more_often(records_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A screen draws a frame as soon as it is asked for, if a frame period has passed
    since the last one (Textual's timer skipped ahead to the grid point after next), and
    never two within a period."""
    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.main._update_timer, frames.FrameTimer)
        await pilot.press("question_mark")  # every screen of the app draws so
        assert isinstance(app.screen, HelpScreen) and isinstance(app.screen._update_timer, frames.FrameTimer)
    clock = FakeClock()
    monkeypatch.setattr(frames, "_time", clock)
    async with App().run_test() as pilot:  # its screen's own timer is Textual's: not on this clock
        drawn: list[float] = []

        def frame() -> None:
            timer.pause()  # as `Screen._on_timer_update`: until something more is to be drawn
            drawn.append(clock.now)

        timer = frames.start_frames(pilot.app.screen, frame, 0.1)
        for after in (0.0, 0.05, 0.5, 0.13):  # seconds after the last frame that one is asked for
            clock.now += after
            timer.resume()
            await pilot.pause(0.02)
        assert [round(at - 100, 3) for at in drawn] == [0.0, 0.1, 0.6, 0.73]


async def test_full_collections_run_between_keys(records_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once started, the first calm moment (no input for a while, the app settled at several
    checks in a row) freezes what the app keeps, after a young collection; later ones run a
    full collection once younger ones have promoted enough; never while the user types or the
    app is at work. The interpreter's settings are restored at exit (tests run many apps in one
    process)."""
    thresholds = gc.get_threshold()
    collections: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2, f=gc.collect: collections.append(generation) or f(generation))
    monkeypatch.setattr(collector, "QUIET", 3600)  # the app's own sweeps find no quiet: the test sweeps
    quiet = lambda: time.monotonic() + 3600  # noqa: E731

    def calm(app: DipExplore, settled: bool = True) -> None:
        for _ in range(collector.CALM):
            app.collector.sweep(lambda: settled)

    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert gc.get_threshold() == (*thresholds[:2], thresholds[2] * collector.STARTING)
        assert app._settled()
        app.collector.touch()
        calm(app)
        assert collections == [] and gc.get_freeze_count() == 0  # not while the user is typing
        monkeypatch.setattr(collector, "monotonic", quiet)
        calm(app, settled=False)
        assert collections == []  # nor while the app is at work
        calm(app)
        assert collections == [1] and gc.get_freeze_count() > 0
        assert gc.get_threshold() == (*thresholds[:2], thresholds[2] * collector.BACKSTOP)
        gc.collect()  # nothing promoted since
        calm(app)
        assert collections == [1, 2]
        for _ in range(collector.PROMOTED):
            gc.collect(1)
        calm(app)
        assert collections[-1] == 2 and collections.count(2) == 2
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds
    assert not app._settled()  # closed, without a screen: a sweep then crashed the app


async def test_a_worker_of_a_closed_database_reads_nothing(records_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker whose thread starts after its database was retired (another one opened, the
    app quitting) must not query it: its connection may be closing, and sqlite segfaults."""
    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        read: list[Corpus] = []
        monkeypatch.setattr(Corpus, "prepare_search", lambda self: read.append(self))
        retire(app.corpus)
        app._prepare_search(app.corpus)
        await settle(pilot)
        assert read == [] and not app._notifications


async def test_search_is_prepared_and_interrupted(events_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The vocabulary loads at startup (the first keystroke is fast); each keystroke searches
    at once (no debounce) after stopping the search still running."""
    calls: list[str] = []
    monkeypatch.setattr(Corpus, "prepare_search", lambda self, f=Corpus.prepare_search: calls.append("prepare") or f(self))
    monkeypatch.setattr(Corpus, "interrupt", lambda self, f=Corpus.interrupt: calls.append("interrupt") or f(self))
    app = DipExplore(events_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert calls == ["prepare"]
        await pilot.press("slash", *"russia")
        await pilot.pause(0.3)
        await pilot.press(*" exp")
        await pilot.pause(0.3)
        await settle(pilot)
        assert calls.count("interrupt") == len("russia exp")
        assert app.screen.hits and app.screen.query_one("#search-results").hits == app.screen.hits


@pytest.mark.parametrize("key", ["question_mark", "slash", "t", "ctrl+p"])
async def test_late_answers_while_a_screen_is_on_top(events_db: Path, key: str) -> None:
    """Workers answer while the help, search, timeline or palette covers the panes: the
    answers still reach the panes (a crash on /tmp/wn.db: `NoMatches: EventList`)."""
    app = DipExplore(events_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to_entity(pilot, "Anatoly")
        await pilot.press(key)
        screen = app.screen
        assert screen is not app.main
        app.action_all_events()  # events, mentions and the entity are read again...
        app.open_database(events_db)  # ...and the whole database
        app.post_message(QueryFailed(sqlite3.OperationalError("database is locked"), "reading"))
        await settle(pilot)
        assert app.screen is screen
        assert app.main.query_one(EventList).rows and app.main.query_one(EntityList).rows
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main


async def test_a_bug_is_one_line_not_a_traceback(events_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("[bold]boom")

    monkeypatch.setattr(DipExplore, "action_timeline", broken)
    app = DipExplore(events_db)
    with pytest.raises(RuntimeError):  # Pilot re-raises what the app caught
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("t")
            await pilot.pause()
    shown = " ".join(capsys.readouterr().err.split())
    assert shown.startswith("dipexplore stopped on an internal error (RuntimeError: [bold]boom); details in")
    assert "Traceback" not in shown and "errors.log" in shown


async def test_help_from_bindings(records_db: Path) -> None:
    app = DipExplore(records_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        descriptions = {description for _, description in binding_rows(DipExplore)}
        assert {"Search", "Back", "Copy", "Timeline", "Help", "Next match"} <= descriptions
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_copy_sentence_with_citation(events_db: Path) -> None:
    app = DipExplore(events_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")  # nothing selected yet: a hint, no crash
        await go_to_entity(pilot, "Anatoly")
        await pilot.press("y")
        assert app.clipboard.startswith("\u201c") and "MENAFN" in app.clipboard


async def test_timeline_of_pair(events_db: Path) -> None:
    app = DipExplore(events_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to_entity(pilot, "russia")
        await pilot.press("m")
        await go_to_entity(pilot, "u.s.")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen) and app.screen.other is not None
        chart = app.screen.query_one("#timeline").render()
        assert "2017" in str(chart) and "2020" in str(chart)
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)


async def test_palette_export(events_db: Path, tmp_path: Path) -> None:
    app = DipExplore(events_db)
    target = tmp_path / "out.json"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to_entity(pilot, "Anatoly")
        await pilot.press("ctrl+p")
        await pilot.press(*"export events (json")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input")
        prompt.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert {row["type"] for row in rows} == {"APPOINT_ENVOY", "END_MISSION"}


async def test_palette_goto_entity(events_db: Path) -> None:
    app = DipExplore(events_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"san francisco")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.entity is not None and app.entity.name == "San Francisco"
        assert [row.type for row in app.query_one(EventList).rows] == ["CLOSE_MISSION"]  # as place


@pytest.mark.parametrize("problem", ["missing", "empty", "newer", "corrupt", "foreign"])
async def test_unusable_database_shows_message(problem: str, tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    if problem == "empty":
        path.write_bytes(b"")
    elif problem == "corrupt":
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    elif problem in ("newer", "foreign"):
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        if problem == "newer":
            conn.execute("PRAGMA application_id = 1145655384")
            conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
    app = DipExplore(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.query_one("#message").display and not app.query_one("#main").display
        message = str(app.query_one("#message").render())
        assert "Cannot open" in message and str(path.name) in message
        await pilot.press("slash", "j", "y", "t", "question_mark")  # keys do nothing harmful
        await settle(pilot)


MINISTRY = "[bold]Evil[/bold] \x1b]8;;http://x\x07Ministry\x1b]8;;\x07"
RURITANIA = "\u202e[link=http://x]Ruritania[/link]"
LONG_NAME = "[i]" + "Longname " * 1500
HOSTILE_CHARACTERS = "\x1b\x07\u202e"


def hostile_everywhere_record() -> dict:
    """Markup, OSC/ANSI escapes, a bidi override and very long lines in every field the app
    shows: title, source, entity names, the text."""
    first = "[Reuters] Ruritania expelled two [/foo] diplomats of the Ministry \x1b[31min 2021\x1b[0m."
    second = "\u202egnirts " + "Longname " * 1500 + "met Ruritania's envoy."
    text = f"{first} {second}"
    at = lambda word, sentence=0: text.index(word, 0 if sentence == 0 else len(first) + 1)  # noqa: E731

    def mention(entity: str, word: str, sentence: int) -> dict:
        start = at(word, sentence)
        return {"entity": entity, "sentence": sentence, "start": start, "end": start + len(word), "text": word,
                "form": "name"}

    def event(vid: str, etype: str, source: str, target: str, sentence: int, trigger: str, date: str) -> dict:
        start = at(trigger, sentence)
        return {"id": vid, "type": etype, "plover": None, "cameo": None, "source": [source], "target": [target],
                "place": None, "date": date, "sentence": sentence,
                "trigger": {"start": start, "end": start + len(trigger), "text": trigger},
                "modality": "asserted", "negated": False}

    return {
        "article": {"id": "e" * 64, "title": "[Reuters] [/foo] \x1b[31mtitle\x1b[0m " + "very long title " * 600,
                    "date": "2021-05-01", "source": "[bold]wire[/bold] \x1b[2J", "url": None, "text": text},
        "sentences": [{"index": 0, "start": 0, "end": len(first), "text": first},
                      {"index": 1, "start": len(first) + 1, "end": len(text), "text": second}],
        "entities": [{"id": "e1", "name": RURITANIA, "type": "COUNTRY", "country": None, "aliases": [], "roles": []},
                     {"id": "e2", "name": MINISTRY, "type": "ORG", "country": None, "aliases": [], "roles": []},
                     {"id": "e3", "name": LONG_NAME, "type": "PERSON", "country": None, "aliases": [], "roles": []}],
        "mentions": [mention("e1", "Ruritania", 0), mention("e2", "Ministry", 0), mention("e3", "Longname", 1),
                     mention("e1", "Ruritania", 1)],
        "events": [event("v1", "EXPEL_DIPLOMATS", "e1", "e2", 0, "expelled", "2021-01"),
                   event("v2", "MEET", "e3", "e1", 1, "met", "2021-03")],
    }


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with Writer(path) as writer:
        writer.add(hostile_everywhere_record())
    return path


def shown(widget) -> str:
    """What a line-API widget (a pane, an option list) draws, line by line."""
    return "\n".join("".join(s.text for s in widget.render_line(y)) for y in range(widget.size.height))


def toasts(app: DipExplore) -> str:
    return "\n".join(str(toast.render()) for toast in app.screen.query(Toast))


async def test_hostile_text_renders_literally_everywhere(hostile_db: Path) -> None:
    """Issue 8 point 4: panes and their titles, the actor menu, search results, palette
    entries, notifications and the timeline show untrusted text as written (markup
    unparsed, escapes and bidi overrides inert), and long lines are cut to the pane."""
    app = DipExplore(hostile_db)
    seen: dict[str, str] = {}
    async with app.run_test(size=(240, 50), notifications=True) as pilot:  # wide: names show whole
        await settle(pilot)
        seen["entities"] = shown(app.query_one(EntityList))
        seen["articles"] = shown(app.query_one(ArticleList))
        assert "[link=http://x]Ruritania[/link]" in seen["entities"] and "[bold]Evil[/bold]" in seen["entities"]
        assert "[Reuters] [/foo] \ufffd[31mtitle" in seen["articles"] and "[i]Longname" in seen["entities"]

        await go_to_entity(pilot, "ruritania")
        events = app.query_one(EventList)
        assert {row.type for row in events.rows} == {"EXPEL_DIPLOMATS", "MEET"}
        seen["events"] = shown(events)
        seen["events title"] = Content.from_markup(events.border_title).plain  # the getter gives markup
        seen["mentions"] = shown(app.query_one(MentionList))
        seen["source"] = shown(app.query_one(SourceView))
        assert "[link=http://x]Ruritania[/link]" in seen["events title"]
        assert "-> [bold]Evil" in seen["events"] and "[/foo] diplomats" in seen["mentions"]
        assert "[Reuters] Ruritania expelled two [/foo] diplomats" in seen["source"]
        assert "[bold]wire[/bold]" in seen["source"]  # the article's source, under its title

        await pilot.press("j")  # the expulsion (newest first: after the meeting)
        await settle(pilot)
        assert events.row.type == "EXPEL_DIPLOMATS"
        await pilot.press("enter")  # the event's actors
        await settle(pilot)
        assert isinstance(app.screen, ActorMenu)
        seen["actor menu"] = shown(app.screen.query_one(OptionList))
        assert "[bold]Evil[/bold]" in seen["actor menu"]
        await pilot.press("escape")

        await pilot.press("m")  # mark Ruritania: a notification names it
        await pilot.pause(0.1)
        seen["mark notification"] = toasts(app)
        assert "Marked \ufffd[link=http://x]Ruritania[/link]" in seen["mark notification"]
        await go_to_entity(pilot, "evil")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        seen["timeline title"] = str(app.screen.query_one("#timeline-title").render())
        assert "[bold]Evil[/bold]" in seen["timeline title"] and "[link=http://x]" in seen["timeline title"]
        await pilot.press("escape")

        await pilot.press("y")  # copy: the notification quotes the sentence
        await pilot.pause()
        seen["copy notification"] = toasts(app)
        assert "[/foo] diplomats" in seen["copy notification"]

        await pilot.press("slash", *"expelled diplomats")
        await pilot.pause(0.3)
        await settle(pilot)
        seen["search results"] = shown(app.screen.query_one("#search-results"))
        assert "[/foo] diplomats" in seen["search results"]
        await pilot.press("escape")

        await pilot.press("ctrl+p", *"longname")
        await pilot.pause(0.5)
        seen["palette"] = shown(app.screen.query_one(OptionList))
        assert "Go to entity: [i]Longname" in seen["palette"]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")  # its sentence is a 13k-character line: the toast quotes the start
        await pilot.pause()
        copied = list(app._notifications)[-1].message
        assert copied.startswith("\u201c\ufffdgnirts Longname") and len(copied) <= 240
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
    for place, text in seen.items():
        assert not any(c in text for c in HOSTILE_CHARACTERS), place


async def test_refresh_shows_what_an_ingest_added_while_open(tmp_path: Path) -> None:
    """Issue 8: the app keeps reading while another process writes (WAL), and ctrl+r shows it."""
    path = tmp_path / "growing.db"
    with Writer(path) as writer:
        writer.add(seed_record())
    app = DipExplore(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1 articles" in str(app.query_one("DbHeader").render())
        with Writer(path) as writer:  # an ingest beside the open app
            writer.add(hostile_record())
        await pilot.press("j")
        await settle(pilot)
        assert "1 articles" in str(app.query_one("DbHeader").render())
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "2 articles" in str(app.query_one("DbHeader").render())
        assert len(app.query_one("#articles").rows) == 2


async def test_hostile_file_through_the_real_ingest_renders_inertly(tmp_path: Path) -> None:
    """Issue 8: OSC/ANSI escapes, bidi overrides, markup and a 100k-character line, ingested
    from a file as a user would, show literally in the article list, source and timeline."""
    from dipexplore.db.ingest import ingest
    from dipexplore.extract.readers import read_paths

    long_line = "Diplomats from France met envoys from Germany in Paris. " * 1800
    hostile = (f"Title: \u202e[bold]Evil[/bold] \x1b]8;;http://x\x07link\x1b]8;;\x07\n\n"
               f"[Reuters] Russia expelled two [/foo] diplomats \x1b[31min 2021\x1b[0m. \u202egnirts\n"
               f"{long_line}")
    path = tmp_path / "hostile.txt"
    path.write_text(hostile)
    db = tmp_path / "hostile.db"
    assert ingest(read_paths([str(path)]), db).added == 1
    app = DipExplore(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one("#articles")
        articles.focus()
        await pilot.press("enter")
        await settle(pilot)
        source = app.query_one(SourceView)
        shown = "".join("".join(s.text for s in source.render_line(y)) for y in range(source.size.height))
        listed = "".join("".join(s.text for s in articles.render_line(y)) for y in range(3))
        assert "[Reuters] Russia expelled two [/foo] diplomats" in shown
        assert "[bold]Evil[/bold]" in shown + listed
        for rendered in (shown, listed):
            assert not any(c in rendered for c in "\x1b\x07\u202e")
        await go_to_entity(pilot, "France")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
