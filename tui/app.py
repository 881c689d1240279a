"""The explorer: entities, events, mentions, articles and the source text, linked.

The app owns the state that links the panes (the followed entity, the jump history, the
last search) and reacts to the panes' messages; every read runs in a `db_worker` and comes
back as a typed message. Errors from any worker meet in `on_query_failed`.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import platformdirs
from rich.text import Text
from textual import events, on
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from dipexplore.db import Corpus, Hit, SchemaError
from dipexplore.db.queries import PAGE, Actor, Counts, EntityRow, EventRow, MentionRow

from .collector import SWEEP, IdleCollector
from .commands import GotoProvider
from .history import History, Location
from .screens.actors import ActorMenu
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.prompt import PathPrompt
from .screens.search import Found, SearchScreen
from .screens.timeline import TimelineScreen
from .text import brief, clean, safe, short_source
from .widgets.article_list import ArticleList
from .widgets.db_header import DbHeader
from .widgets.entities_pane import EntityFilter
from .widgets.entity_list import EntityList
from .widgets.event_list import EventList
from .widgets.following import FollowingList
from .widgets.lazy_list import LazyList
from .widgets.mention_list import MentionList
from .widgets.source_view import Selection, SourceView
from .workers import QueryFailed, db_worker, retire

ExportTable = Literal["events", "entities"]


class DatabaseOpened(Message):
    """A database opened, with what the first screen needs: its counts and the entity list's
    first page (whose first entity the other panes then follow)."""

    def __init__(self, path: Path, corpus: Corpus, counts: Counts, entities: list[EntityRow]) -> None:
        super().__init__()
        self.path = path
        self.corpus = corpus
        self.counts = counts
        self.entities = entities


@dataclass(frozen=True)
class Closing:
    """A screen to close when a follow's panes are read, and the pane to focus then: both land
    in the repaint that shows the panes."""

    screen: Screen
    focus: Widget


class Followed(Message):
    """What following an entity (or listing an article's events) shows, read in one worker so
    that it lands in one repaint: the lists' first pages, the entity's row and the source's
    article (None if it is shown already); with the entity list's new page that led to it."""

    def __init__(self, generation: int, entity: EntityRow | None, pages: list[tuple[FollowingList, LazyList.PageLoaded]],
                 selection: Selection | None, article: SourceView.ArticleLoaded | None, preview: bool,
                 closing: Closing | None = None, lead: LazyList.Leading | None = None) -> None:
        super().__init__()
        self.closing = closing
        self.lead = lead
        self.generation = generation
        self.entity = entity
        self.pages = pages
        self.selection = selection
        self.article = article
        self.preview = preview  # the selection is the first event's (not a jump's, nor a mention's)


class ActorsLoaded(Message):
    def __init__(self, event: EventRow, actors: list[Actor]) -> None:
        super().__init__()
        self.event = event
        self.actors = actors


class Started(Message):
    """What the app keeps for the session is loaded (the search vocabulary last)."""


class Notice(Message):
    """A worker finished something the user asked for (an export, an ingest)."""

    def __init__(self, text: str, reopen: bool = False) -> None:
        super().__init__()
        self.text = text
        self.reopen = reopen


def explain(error: Exception, doing: str) -> str:
    """What went wrong, in words a user can act on."""
    text = str(error)
    if isinstance(error, SchemaError):
        return text
    if isinstance(error, sqlite3.OperationalError) and "locked" in text:
        return f"{doing}: the database is locked by another program (an ingest?); try again in a moment"
    if isinstance(error, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
        return f"{doing}: the database file is damaged ({text}); rebuild it with `dipexplore ingest`"
    return f"{doing}: {text}"


def event_selection(event: EventRow) -> Selection:
    """An event's sentence, its trigger stressed."""
    return Selection(event.article_id, event.sentence_start, event.sentence_end,
                     ((event.trigger_start, event.trigger_end),))


def mention_selection(mention: MentionRow) -> Selection:
    return Selection(mention.article_id, mention.sentence_start, mention.sentence_end,
                     ((mention.start, mention.end),))


def citation(sentence: str, title: str | None, source: str | None, date: str | None) -> str:
    """A sentence ready to paste: quoted, then where it comes from."""
    where = ", ".join(part for part in (title, source, date) if part)
    return f"\u201c{sentence.strip()}\u201d \u2014 {where}" if where else f"\u201c{sentence.strip()}\u201d"


class DipExplore(App[None]):
    """Browse entities, events and the sentences they came from."""

    CSS_PATH = "app.tcss"
    TITLE = "dipexplore"
    COMMANDS = App.COMMANDS | {GotoProvider}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("n", "next_hit(1)", "Next match", show=False),
        Binding("N", "next_hit(-1)", "Previous match", show=False),
        Binding("backspace,alt+left", "back", "Back"),
        Binding("alt+right", "forward", "Forward", show=False),
        Binding("y", "copy", "Copy"),
        Binding("t", "timeline", "Timeline"),
        Binding("m", "mark", "Mark pair", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+r", "refresh", "Refresh", show=False),
        Binding("tab", "focus_next", "Next pane", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False),
    ]

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.corpus: Corpus | None = None
        self.history = History()
        self.marked: EntityRow | None = None
        self.found: Found | None = None
        self.main = MainScreen(db_path)
        self._source_pinned = False  # a jump chose the sentence: a list's first row must not replace it
        self._previewed = False  # the followed entity's first event is in the source pane
        self._following = 0  # the generation of the latest follow: older ones land nowhere
        self.collector = IdleCollector()

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(SWEEP, lambda: self.collector.sweep(self._settled))

    def _settled(self) -> bool:
        """No worker reads (a collection holds the GIL their threads need) and no message
        waits, in the app or in the screen's widgets (which restyle on their own queues).
        Not while the app has no screen: a check as it closed crashed it."""
        try:
            screen = self.screen
        except ScreenStackError:
            return False
        return all(worker.is_finished for worker in self.workers) and not any(
            node.message_queue_size for node in (self, *screen.walk_children(with_self=True)))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.touch()
        await super().on_event(event)

    def get_default_screen(self) -> MainScreen:
        return self.main

    def on_main_screen_ready(self) -> None:
        self.open_database(self.db_path)

    def _handle_exception(self, error: Exception) -> None:
        """A bug ends the session (Textual stops the failed message loop) with one line that
        says where the details are, not a screenful of traceback and local variables."""
        super()._handle_exception(error)
        log = platformdirs.user_log_path("dipexplore") / "errors.log"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as out:
                out.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
                out.write("".join(traceback.format_exception(error)))
            where = f"; details in {log}"
        except OSError:
            where = ""
        line = clean(f"dipexplore stopped on an internal error ({type(error).__name__}: {error}){where}")
        self._exit_renderables[:] = [Text(line, style="red")]

    # Opening a database.
    def open_database(self, path: Path) -> None:
        self._open(path, self.main.query_one(EntityList))

    @db_worker("open", "opening the database")
    def _open(self, path: Path, entities: EntityList) -> None:
        corpus = Corpus(path)
        try:
            counts = corpus.counts()
            rows = entities.fetch(corpus, None, PAGE, False)
        except Exception:
            corpus.close()
            raise
        self.post_message(DatabaseOpened(path, corpus, counts, rows))

    def on_database_opened(self, message: DatabaseOpened) -> None:
        if self.corpus is not None:
            retire(self.corpus)
        self.corpus, self.db_path = message.corpus, message.path
        self.history = History()
        self.marked = self.found = None
        self.main.query_one(EventList).marked = None
        self.main.query_one(DbHeader).show(message.path, message.counts)
        self.main.show_panes(True)
        self.main.query_one(ArticleList).reload(self.corpus)
        self.main.query_one(SourceView).clear()
        # The other panes start with the first entity's follow (all events if there is none):
        # one worker, one repaint. Showing the entities first makes the cursor's row the
        # followed one, so its `Highlighted` starts no second follow.
        entities = self.main.query_one(EntityList)
        entities.show_read(self.corpus, message.entities)
        first = entities.row
        self._follow(first.id if first is not None else None, first)
        entities.focus()
        self._prepare_search(self.corpus)

    @db_worker("prepare", "loading the search vocabulary")
    def _prepare_search(self, corpus: Corpus) -> None:
        """Load the search vocabulary now, so that the first keystroke in search is fast."""
        corpus.prepare_search()
        self.post_message(Started())

    def on_started(self) -> None:
        self.collector.started()

    def on_query_failed(self, message: QueryFailed) -> None:
        """The one place errors are shown: in the main area if nothing is open, else a toast."""
        text = explain(message.error, message.doing)
        if self.corpus is None:
            self.main.query_one(DbHeader).show(self.db_path, note="not opened")
            self.main.query_one("#message", Static).update(Text.assemble(
                ("Cannot open the database\n\n", "bold red"), clean(text),
                ("\n\nctrl+p: open another database or ingest files  ·  ctrl+q: quit", "dim"),
            ))
            self.main.show_panes(False)
        else:
            self.notify(brief(text), title="Error", severity="error", markup=False, timeout=8)

    # Following an entity.
    @property
    def entity(self) -> EntityRow | None:
        """The followed entity (the mentions pane's): what the timeline and `m` are about."""
        return self.main.query_one(MentionList).entity

    def _follow(self, entity_id: int | None, entity: EntityRow | None = None, show: Selection | None = None,
                article_events: bool = False, closing: Closing | None = None,
                lead: LazyList.Leading | None = None) -> None:
        """Make the events and mentions panes show an entity's rows (None: all events, no
        mentions), or with `article_events` the events pane those of `show`'s article; and the
        source pane `show`, or without it a preview (the first event, else the first mention).

        What changes is read in one worker (the entity's row too, for a jump by id) and lands
        in one repaint (`on_followed`), with `closing` (its screen closed, its pane focused)
        and `lead` (the entity list's new page whose cursor row is `entity`)."""
        corpus = self.corpus
        if corpus is None:
            self._land(closing, lead)
            return
        events, mentions = self.main.query_one(EventList), self.main.query_one(MentionList)
        lists: list[tuple[FollowingList, int]] = []
        if article_events and show is not None:
            if events.article_id != show.article_id or events.corpus is not corpus:
                article = self.main.query_one(SourceView).article
                title = article.title if article is not None and article.id == show.article_id else None
                lists.append((events, events.list_article(corpus, show.article_id, title)))
        elif events.entity_id != entity_id or events.article_id is not None or events.corpus is not corpus:
            lists.append((events, events.follow(corpus, entity_id, entity)))
        if mentions.entity_id != entity_id or mentions.corpus is not corpus:
            lists.append((mentions, mentions.follow(corpus, entity_id, entity)))
        if not lists and closing is None:
            self._land(None, lead)
            if show is not None:
                self._show(show, pinned=True)
            return
        self._source_pinned = show is not None
        self._previewed = False
        self._following += 1
        self._read_follow(corpus, self._following, entity_id, entity, lists, show, self.main.query_one(SourceView),
                          closing, lead)

    @db_worker("follow", "reading an entity")
    def _read_follow(self, corpus: Corpus, generation: int, entity_id: int | None, entity: EntityRow | None,
                     lists: list[tuple[FollowingList, int]], show: Selection | None, source: SourceView,
                     closing: Closing | None, lead: LazyList.Leading | None) -> None:
        if entity is None and entity_id is not None:
            entity = corpus.entity(entity_id)
        pages = [(pane, pane.read_page(corpus, query)) for pane, query in lists]
        selection, preview = show, False
        if selection is None:
            first = {type(pane): page.rows[0] for pane, page in pages if page.rows}
            if EventList in first:
                selection, preview = event_selection(first[EventList]), True
            elif MentionList in first:
                selection = mention_selection(first[MentionList])
        article = source.read(corpus, selection) if selection is not None else None
        self.post_message(Followed(generation, entity, pages, selection, article, preview, closing, lead))

    def on_followed(self, message: Followed) -> None:
        if message.generation != self._following or self.corpus is None:
            self._land(message.closing, message.lead)  # a newer follow has the panes
            return
        source, events = self.main.query_one(SourceView), self.main.query_one(EventList)
        loaded = message.article.article if message.article is not None else None
        with self.batch_update():
            self._land(message.closing, message.lead)
            if message.selection is not None:
                source.show(self.corpus, message.selection, message.article)
                self._previewed = message.preview
            for pane, page in message.pages:
                if pane is events and events.article_id is not None:
                    if events.article_title is None and loaded is not None:
                        events.article_title = loaded.title
                    events.show_page(page)
                    self._walk_article()
                else:
                    pane.show_followed(message.entity, page)

    def _land(self, closing: Closing | None, lead: LazyList.Leading | None) -> None:
        """What waited for a follow's panes: a screen to close, a list's new page to show."""
        if lead is not None:
            lead.lazy_list.show_page(lead.page)
        if closing is not None:
            self._close(closing)

    def _close(self, closing: Closing) -> None:
        """Close the screen (unless the user has already), focus the pane."""
        if closing.screen.is_current:
            closing.screen.dismiss()
        closing.focus.focus()

    def _walk_article(self) -> None:
        """An article's events just listed for `e` (the list has focus): the source shows
        the first, so that `j` walks on from what is on screen."""
        events = self.main.query_one(EventList)
        if events.has_focus and events.row is not None:
            self._show_event(events.row)

    # Linking the panes.
    @on(LazyList.Highlighted, "#entities")
    def _entity_highlighted(self, message: LazyList.Highlighted) -> None:
        """Follow the entity under the cursor (unless it is followed already: focus coming
        back to the list keeps an article's events listed). Key repeats need no debounce:
        reading a follow costs milliseconds, and the answers of an entity the cursor has
        left land nowhere."""
        if message.lazy_list.has_focus and message.row.id != self.main.query_one(MentionList).entity_id:
            self._follow(message.row.id, message.row)

    @on(LazyList.Leading, "#entities")
    def _entities_leading(self, message: LazyList.Leading) -> None:
        """The entity list's new first page (`g`, `G`) lands with its cursor row's panes (alone
        if the list has lost focus meanwhile: then nothing follows it)."""
        if message.lazy_list.has_focus:
            self._follow(message.row.id, message.row, lead=message)
        else:
            self._land(None, message)

    @on(LazyList.Selected, "#entities")
    def _entity_selected(self, message: LazyList.Selected) -> None:
        self.jump(Location(entity_id=message.row.id, label=message.row.name))
        self.main.query_one(EventList).focus()

    @on(LazyList.Highlighted, "#events")
    def _event_highlighted(self, message: LazyList.Highlighted) -> None:
        if self._follows(message):
            self._show_event(message.row)
            self._previewed = True

    @on(LazyList.Highlighted, "#mentions")
    def _mention_highlighted(self, message: LazyList.Highlighted) -> None:
        """A mention's sentence; the first mention is a preview only until an event is shown."""
        if self._follows(message) and not (message.initial and self._previewed):
            self._show(mention_selection(message.row))

    def _follows(self, message: LazyList.Highlighted) -> bool:
        """Whether the source pane shows a list's new row: the focused list's, or the first row
        of a list that has just loaded (a preview: the screen is useful before any key),
        unless a jump has chosen the sentence."""
        if message.initial:
            return not self._source_pinned
        return message.lazy_list.has_focus

    def _show_event(self, event: EventRow) -> None:
        self._show(event_selection(event))

    def goto_event(self, event: EventRow) -> None:
        """Show an event's sentence (from the palette), keeping the followed entity."""
        self.jump(Location(self.main.query_one(MentionList).entity_id, event.article_id, event.sentence_start,
                           event.sentence_end, ((event.trigger_start, event.trigger_end),), event.label))
        self.main.query_one(SourceView).focus()

    @on(LazyList.Selected, "#events")
    def _event_selected(self, message: LazyList.Selected) -> None:
        if self.corpus is not None:
            self._load_actors(self.corpus, message.row)

    @db_worker("actors", "reading an event's actors")
    def _load_actors(self, corpus: Corpus, event: EventRow) -> None:
        self.post_message(ActorsLoaded(event, corpus.event_actors(event.id)))

    def on_actors_loaded(self, message: ActorsLoaded) -> None:
        event = message.event
        if not message.actors:
            self.notify("This event has no actor to go to.", markup=False)
            return
        if self.screen is not self.main:
            return  # the user has moved on (a search, the help): no menu out of nowhere

        def chosen(actor: Actor | None) -> None:
            if actor is not None:
                self.jump(Location(actor.entity_id, event.article_id, event.sentence_start,
                                   event.sentence_end, ((event.trigger_start, event.trigger_end),), actor.name))

        self.push_screen(ActorMenu(safe(f"{event.type} · go to"), message.actors), chosen)

    @on(LazyList.Selected, "#mentions")
    def _mention_selected(self, message: LazyList.Selected) -> None:
        row = message.row
        self.jump(Location(self.main.query_one(MentionList).entity_id, row.article_id, row.sentence_start,
                           row.sentence_end, ((row.start, row.end),), row.text))
        self.main.query_one(SourceView).focus()

    @on(LazyList.Highlighted, "#articles")
    def _article_highlighted(self, message: LazyList.Highlighted) -> None:
        if message.lazy_list.has_focus:
            self._show(Selection(message.row.id))

    @on(LazyList.Selected, "#articles")
    def _article_selected(self, message: LazyList.Selected) -> None:
        """Open the article from its top, in the source pane."""
        self._show(Selection(message.row.id), pinned=True)
        self.main.query_one(SourceView).focus()

    def _show(self, selection: Selection, pinned: bool = False) -> None:
        self._source_pinned = pinned
        if self.corpus is not None:
            self.main.query_one(SourceView).show(self.corpus, selection)

    # History.
    def here(self) -> Location:
        """What the panes show now, as a place to come back to."""
        selection = self.main.query_one(SourceView).selection
        entity_id = self.main.query_one(MentionList).entity_id
        if selection is None:
            return Location(entity_id)
        article_events = self.main.query_one(EventList).article_id == selection.article_id
        return Location(entity_id, selection.article_id, selection.start or 0, selection.end or 0, selection.marks,
                        article_events=article_events)

    def jump(self, location: Location, closing: Closing | None = None) -> None:
        """Go somewhere new, remembering where we were."""
        self.history.push(self.here())
        self.history.push(location)
        self.goto(location, closing)

    def goto(self, location: Location, closing: Closing | None = None) -> None:
        show = None
        if location.article_id is not None:
            show = Selection(location.article_id, location.start, location.end, location.marks)
        if location.entity_id is not None:
            self.main.query_one(EntityList).select_where(lambda row: row.id == location.entity_id)
        self._follow(location.entity_id, show=show, article_events=location.article_events, closing=closing)

    def action_article_events(self) -> None:
        """List the events of the article in the source pane, in the order they occur: `j`/`k`
        walk them from the first, each showing its sentence."""
        selection = self.main.query_one(SourceView).selection
        if self.corpus is None or selection is None:
            self.notify("Show an article first: e lists the events of the article in the source pane.", timeout=3)
            return
        self.jump(Location(self.main.query_one(MentionList).entity_id, selection.article_id, selection.start or 0,
                           selection.end or 0, selection.marks, article_events=True))
        self.main.query_one(EventList).focus()

    def action_back(self) -> None:
        location = self.history.back()
        self.goto(location) if location else self.notify("Nothing further back.", timeout=2)

    def action_forward(self) -> None:
        location = self.history.forward()
        self.goto(location) if location else self.notify("Nothing further forward.", timeout=2)

    # Search.
    def action_search(self) -> None:
        if self.corpus is not None:
            query = self.found.query if self.found else ""
            self.push_screen(SearchScreen(self.corpus, query))

    def on_search_screen_chosen(self, message: SearchScreen.Chosen) -> None:
        """Go to the chosen hit; the search box stays up until the jump's panes are read."""
        found = message.found
        if found.hits:
            self.found = found
            self._go_to_hit(found.hits[found.index], closing=message.screen)
        else:
            message.screen.dismiss()

    def _go_to_hit(self, hit: Hit, closing: Screen | None = None) -> None:
        """The hit's entity (if it is one) and its sentence, the matched words marked; with
        `closing`, that screen closed in the same repaint."""
        entity_id = int(hit.id) if hit.kind == "entity" else self.main.query_one(MentionList).entity_id
        marks = tuple((hit.start + start, hit.start + end) for start, end in hit.highlights)
        pane = self.main.query_one(EventList if hit.kind == "entity" else SourceView)
        location = Location(entity_id, hit.article_id, hit.start, hit.end, marks, hit.label)
        if closing is None:
            self.jump(location)
            pane.focus()
        else:
            self.jump(location, Closing(closing, pane))

    def action_next_hit(self, step: int) -> None:
        """The next (or previous) hit in another sentence: hits sharing one are one stop."""
        found = self.found
        if found is None or not found.hits:
            self.notify("No search yet: press / to search.", timeout=3)
            return
        index, here = found.index, found.hits[found.index].sentence_id
        for _ in found.hits:
            index = (index + step) % len(found.hits)
            if found.hits[index].sentence_id != here:
                break
        self.found = Found(found.query, found.hits, index)
        self.notify(f"Match {index + 1} of {len(found.hits)}", timeout=1.5)
        self._go_to_hit(found.hits[index])

    # Copy, timeline, help.
    def action_copy(self) -> None:
        source = self.main.query_one(SourceView)
        sentence, article = source.sentence, source.article
        if sentence is None or article is None:
            self.notify("Select an event or a mention first: its sentence is what y copies.", timeout=3)
            return
        text = citation(sentence, article.title, short_source(article.source), article.date)
        self.copy_to_clipboard(text)
        self.notify(brief(text), title="Copied", markup=False, timeout=4)

    def action_mark(self) -> None:
        """Remember the followed entity as one side of a pair for the timeline."""
        self.marked = self.entity
        self.main.query_one(EventList).mark(self.marked)
        if self.entity is not None:
            self.notify(f"Marked {brief(self.entity.name, 80)}: t on another entity shows the pair.",
                        markup=False, timeout=3)

    def action_timeline(self) -> None:
        if self.corpus is None or self.entity is None:
            self.notify("Select an entity first: the timeline shows its events per month.", timeout=3)
            return
        other = self.marked if self.marked and self.marked.id != self.entity.id else None
        self.push_screen(TimelineScreen(self.corpus, self.entity, other))

    def action_help(self) -> None:
        self.push_screen(HelpScreen([
            ("Everywhere", DipExplore), ("Lists", LazyList), ("Events", EventList),
            ("Entity filter", EntityFilter), ("Source", SourceView), ("Search", SearchScreen),
            ("Timeline", TimelineScreen),
        ]))

    def action_all_events(self) -> None:
        self._follow(None)

    # Export and ingest.
    def action_export(self, table: ExportTable, fmt: Literal["csv", "json"]) -> None:
        if self.corpus is None:
            return
        corpus, events = self.corpus, self.main.query_one(EventList)
        entity_id, article_id = events.entity_id, events.article_id
        text = self.main.query_one(EntityList).filter_text
        default = f"dipexplore-{table}.{fmt}"

        def chosen(path: str | None) -> None:
            if path:
                self._export(corpus, table, fmt, Path(path).expanduser(), entity_id, text, article_id)

        self.push_screen(PathPrompt(Text(f"Export {table} shown ({fmt.upper()}) to"), default), chosen)

    @db_worker("export", "exporting")
    def _export(self, corpus: Corpus, table: ExportTable, fmt: str, path: Path,
                entity_id: int | None, text: str, article_id: str | None) -> None:
        columns, rows = corpus.export_view(table, entity_id=entity_id, text=text, article_id=article_id)
        count = 0
        with path.open("w", encoding="utf-8", newline="") as out:
            if fmt == "csv":
                writer = csv.writer(out)
                writer.writerow(columns)
                for row in rows:
                    writer.writerow(row)
                    count += 1
            else:
                out.write("[")
                for row in rows:
                    out.write(",\n" if count else "\n")
                    out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False))
                    count += 1
                out.write("\n]\n")
        self.post_message(Notice(f"Exported {count:,} {table} to {path}"))

    def action_refresh(self) -> None:
        """Reopen the file: shows what an ingest running beside the app has added (WAL lets it
        write while we read)."""
        self.open_database(self.db_path)

    def action_open_database(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self.open_database(Path(path).expanduser())

        self.push_screen(PathPrompt(Text("Open database"), str(self.db_path)), chosen)

    def action_ingest(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self.notify(f"Ingesting {brief(path)}…", markup=False)
                self._ingest(self.db_path, path)

        self.push_screen(PathPrompt(safe(f"Ingest into {self.db_path.name} (file or directory)")), chosen)

    @db_worker("ingest", "ingesting")
    def _ingest(self, db_path: Path, path: str) -> None:
        """`dipexplore ingest` in a child process: the app keeps its read-only connection."""
        done = subprocess.run(
            [sys.executable, "-m", "dipexplore.tui.cli", "--db", str(db_path), "ingest", path],
            capture_output=True, text=True, check=False,
        )
        lines = (done.stderr or done.stdout).strip().splitlines()
        self.post_message(Notice(lines[-1] if lines else f"ingest exited with {done.returncode}", reopen=True))

    def on_notice(self, message: Notice) -> None:
        self.notify(brief(message.text), markup=False, timeout=6)
        if message.reopen:
            self.open_database(self.db_path)

    # The command palette.
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands = [
            ("Search", "Fuzzy search entities, events and sentences (/)", self.action_search),
            ("Timeline", "Events per month of the selected entity or marked pair (t)", self.action_timeline),
            ("Mark entity for a pair timeline", "Then t on another entity (m)", self.action_mark),
            ("Show all events", "The events pane stops following an entity", self.action_all_events),
            ("Back", "Previous place in the jump history (backspace)", self.action_back),
            ("Forward", "Next place in the jump history (alt+right)", self.action_forward),
            ("Copy sentence with citation", "The highlighted sentence (y)", self.action_copy),
            ("Refresh", "Reload the database, with what an ingest added meanwhile (ctrl+r)", self.action_refresh),
            ("Open database", "Open another dipexplore database file", self.action_open_database),
            ("Ingest file", "Add articles (.txt, .jsonl, .html, a directory) to this database",
             self.action_ingest),
        ]
        for table in ("events", "entities"):
            for fmt in ("csv", "json"):
                commands.append((f"Export {table} ({fmt.upper()})", f"The {table} the pane shows, to a file",
                                 lambda t=table, f=fmt: self.action_export(t, f)))
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)

    def on_unmount(self) -> None:
        self.collector.stop()
        if self.corpus is not None:
            retire(self.corpus)


def run_app(db_path: Path) -> None:
    """Open the explorer on `db_path` (called by `dipexplore [--db PATH]`)."""
    DipExplore(db_path).run()
