"""Read queries behind the app's panes.

Every list is keyset-paged: a page is asked for with the last row already shown (`after`), so
the thousandth page costs what the first does. Never OFFSET, never count(*) a big table: the
counts come from max(rowid) (ids only grow) and from the counters ingest keeps on entities.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from . import fts
from .export import EXPORTS

EventSort = Literal["date", "-date", "type", "text"]  # text: as they occur in their article
ArticleSort = Literal["-date", "source"]
PAGE = 200
FTS_MIN_WORD = 3  # filter words at least this long are looked up in entities_fts
CONTEXT_LEAD = 40  # characters of a mention's sentence read before the mention
CONTEXT = 400  # characters of a mention's sentence read in all: sentences can be 100k-character lines


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    entities: int
    events: int


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity as its list and the pane titles show it."""

    id: int
    name: str
    type: str
    country: str | None
    mention_count: int
    article_count: int
    event_count: int


@dataclass(frozen=True, slots=True)
class Entity(EntityRow):
    """One entity with its aliases and roles."""

    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    entity_id: int
    name: str
    type: str
    role: str  # "source" | "target" | "place"


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    date: str | None
    type: str
    label: str
    place: str | None
    goldstein: float | None
    modality: str
    negated: bool
    article_id: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int


@dataclass(frozen=True, slots=True)
class MentionRow:
    """A mention with the part of its sentence around it: `context` starts at article offset
    `context_start` (the sentence's start, unless the mention is far into it)."""

    id: int
    text: str
    form: str
    article_id: str
    article_date: str | None
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    context: str
    context_start: int


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    date: str | None
    source: str | None
    title: str | None
    sentence_count: int


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class Article:
    """An article with the spans the source pane colours."""

    id: str
    title: str | None
    date: str | None
    source: str | None
    url: str | None
    text: str
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Month:
    """One bar of the timeline: events in a month (or a year, when only the year is known)."""

    period: str
    events: int
    cooperation: int
    conflict: int
    goldstein: float  # sum of the Goldstein scores of the events with one


_NULLABLE = {"date", "e.date"}  # the sort columns that can be NULL


def _after(columns: Sequence[str], values: Sequence[object], descending: bool = False) -> tuple[str, list]:
    """SQL for "the row sorts after `values`" on `columns` (all in one direction), NULLs first
    as SQLite sorts them.

    Without NULLs it is a row-value comparison, which SQLite answers by seeking the index; a
    NULL in the last row shown, or (descending) a column after the first that can hold NULLs
    (they sort last, a row value cannot say so), needs the comparison written out column by
    column.
    """
    if None not in values and not (descending and _NULLABLE.intersection(columns[1:])):
        sql = f"({', '.join(columns)}) {'<' if descending else '>'} ({', '.join('?' * len(values))})"
        return (f"({sql} OR {columns[0]} IS NULL)" if descending else sql), list(values)
    clauses: list[str] = []
    params: list[object] = []
    for i, (column, value) in enumerate(zip(columns, values)):
        equal = [f"{c} IS ?" for c in columns[:i]]
        if value is None:
            beyond, beyond_params = ("0" if descending else f"{column} IS NOT NULL"), []
        elif descending:
            beyond, beyond_params = f"({column} < ? OR {column} IS NULL)", [value]
        else:
            beyond, beyond_params = f"{column} > ?", [value]
        clauses.append("(" + " AND ".join([*equal, beyond]) + ")")
        params.extend([*values[:i], *beyond_params])
    return "(" + " OR ".join(clauses) + ")", params


_EVENT_COLUMNS = """
    e.id, e.date, e.type, e.label, p.name AS place, e.goldstein, e.modality, e.negated,
    e.article_id, s.start AS sentence_start, s."end" AS sentence_end, e.trigger_start, e.trigger_end
    FROM events e JOIN sentences s ON s.id = e.sentence_id
    LEFT JOIN entities p ON p.id = e.place_entity_id"""

_EVENT_SORTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "date": (("e.date", "e.id"), False),
    "-date": (("e.date", "e.id"), True),
    "type": (("e.type", "e.date", "e.id"), False),
    "text": (("e.trigger_start", "e.id"), False),
}

_ARTICLE_SORTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "-date": (("date", "id"), True),
    "source": (("source", "date", "id"), False),
}

_ENTITY_EVENTS = """e.id IN (SELECT event_id FROM event_actors WHERE entity_id = :entity
                            UNION SELECT id FROM events WHERE place_entity_id = :entity)"""

_PAIR_EVENTS = """e.id IN (SELECT a.event_id FROM event_actors a JOIN event_actors b
                            ON b.event_id = a.event_id AND b.role != a.role
                           WHERE a.entity_id = :entity AND b.entity_id = :other)"""


class QueriesMixin:
    """Pane queries of `Corpus`; `self.conn` is the calling thread's read-only connection."""

    conn: sqlite3.Connection

    def counts(self) -> Counts:
        """Row counts for the header: max(rowid) is O(1) on the big tables (ids only grow)."""
        one = lambda sql: self.conn.execute(sql).fetchone()[0] or 0  # noqa: E731
        return Counts(
            articles=one("SELECT count(*) FROM articles"),  # few rows per article: cheap enough
            entities=one("SELECT max(id) FROM entities"),
            events=one("SELECT max(id) FROM events"),
        )

    def entities_page(
        self, text: str = "", after: EntityRow | None = None, limit: int = PAGE, reverse: bool = False
    ) -> list[EntityRow]:
        """Entities grouped by type, most mentioned first; `text` filters names and aliases.
        With `reverse`, the rows before `after` (the last rows without it), nearest first.

        Two index seeks on entities(type, mention_count DESC, id): the rest of the last row's
        type, then the types after it.
        """
        order = "type DESC, mention_count, id DESC" if reverse else "type, mention_count DESC, id"
        if after is None:
            return self._entities("1", {}, text, order, limit)
        keys = {"type": after.type, "count": after.mention_count, "id": after.id}
        beyond = "mention_count > :count OR (mention_count = :count AND id < :id)" if reverse else \
            "mention_count < :count OR (mention_count = :count AND id > :id)"
        rows = self._entities(f"type = :type AND ({beyond})", keys, text, order, limit)
        if len(rows) < limit:
            rows += self._entities(f"type {'<' if reverse else '>'} :type", keys, text, order, limit - len(rows))
        return rows

    def _entities(self, where: str, params: dict, text: str, order: str, limit: int) -> list[EntityRow]:
        match, match_params = _entity_match(text)
        rows = self.conn.execute(
            f"""SELECT id, name, type, country, mention_count, article_count, event_count FROM entities
                 WHERE {where} AND {match} ORDER BY {order} LIMIT :limit""",
            {**params, **match_params, "limit": limit},
        )
        return [EntityRow(**dict(row)) for row in rows]

    def entity(self, entity_id: int) -> Entity | None:
        row = self.conn.execute(
            "SELECT id, name, type, country, mention_count, article_count, event_count FROM entities WHERE id = ?",
            (entity_id,),
        ).fetchone()
        if row is None:
            return None
        column = lambda sql: tuple(r[0] for r in self.conn.execute(sql, (entity_id,)))  # noqa: E731
        return Entity(
            **dict(row),
            aliases=column("SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias"),
            roles=column("SELECT role FROM entity_roles WHERE entity_id = ? ORDER BY role"),
        )

    def events_page(
        self,
        entity_id: int | None = None,
        sort: EventSort = "date",
        after: EventRow | None = None,
        limit: int = PAGE,
        other_id: int | None = None,
        reverse: bool = False,
        article_id: str | None = None,
    ) -> list[EventRow]:
        """Events of an entity (as actor or place), of a pair, of an article, or all of them, in
        `sort` order ("text", for an article's: where they occur in it). With `reverse`, the
        rows before `after` (the last rows without it), nearest first."""
        columns, descending = _EVENT_SORTS[sort]
        descending ^= reverse
        where, params = self._event_filter(entity_id, other_id, article_id)
        if after is not None:
            values = {"e.id": after.id, "e.date": after.date, "e.type": after.type,
                      "e.trigger_start": after.trigger_start}
            clause, after_params = _after(columns, [values[c] for c in columns], descending)
            where.append(_number(clause, len(after_params)))
            params.update({f"p{i}": v for i, v in enumerate(after_params)})
        direction = " DESC" if descending else ""
        order = ", ".join(c + direction for c in columns)
        # The page's ids first, from the events table alone: joined before the sort, each of
        # the United States' 7,600 events read its sentence row (32 ms a page; 8 ms so).
        sql = (f"SELECT {_EVENT_COLUMNS} WHERE e.id IN "
               f"(SELECT e.id FROM events e WHERE {' AND '.join(where)} ORDER BY {order} LIMIT :limit) "
               f"ORDER BY {order}")
        rows = self.conn.execute(sql, {**params, "limit": limit})
        return [EventRow(**{**dict(row), "negated": bool(row["negated"])}) for row in rows]

    def event(self, event_id: int) -> EventRow | None:
        row = self.conn.execute(f"SELECT {_EVENT_COLUMNS} WHERE e.id = ?", (event_id,)).fetchone()
        return EventRow(**{**dict(row), "negated": bool(row["negated"])}) if row else None

    def event_actors(self, event_id: int) -> list[Actor]:
        """Sources, targets and place of an event: where `enter` on an event can jump."""
        rows = self.conn.execute(
            """SELECT a.entity_id, n.name, n.type, a.role FROM event_actors a
                 JOIN entities n ON n.id = a.entity_id WHERE a.event_id = :id
               UNION ALL
               SELECT n.id, n.name, n.type, 'place' FROM events e
                 JOIN entities n ON n.id = e.place_entity_id WHERE e.id = :id
               ORDER BY 4 DESC, 2""",
            {"id": event_id},
        )
        return [Actor(*row) for row in rows]

    def events_matching(self, text: str, limit: int = 20) -> list[EventRow]:
        """Events whose type or actors contain `text`, for the command palette."""
        like = _like(text)
        rows = self.conn.execute(
            f"""SELECT {_EVENT_COLUMNS} WHERE e.label LIKE :like ESCAPE '\\' OR e.type LIKE :like ESCAPE '\\'
                ORDER BY e.date DESC, e.id LIMIT :limit""",
            {"like": like, "limit": limit},
        )
        return [EventRow(**{**dict(row), "negated": bool(row["negated"])}) for row in rows]

    def mentions_page(
        self, entity_id: int, after: MentionRow | None = None, limit: int = PAGE, reverse: bool = False
    ) -> list[MentionRow]:
        """Where an entity is mentioned, in ingest order, each with the part of its sentence
        around it (`CONTEXT` characters from `CONTEXT_LEAD` before it: a page of mentions in
        100k-character sentences is not megabytes). With `reverse`, the rows before `after`
        (the last rows without it), nearest first."""
        beyond, order = ("m.id < :after", "m.id DESC") if reverse else ("m.id > :after", "m.id")
        rows = self.conn.execute(
            f"""SELECT m.id, m.text, m.form, m.article_id, a.date AS article_date, m.start, m."end",
                       s.start AS sentence_start, s."end" AS sentence_end,
                       substr(s.text, max(m.start - s.start - :lead, 0) + 1, :context) AS context,
                       s.start + max(m.start - s.start - :lead, 0) AS context_start
                  FROM mentions m JOIN sentences s ON s.id = m.sentence_id
                  JOIN articles a ON a.id = m.article_id
                 WHERE m.entity_id = :entity AND {beyond if after else "1"} ORDER BY {order} LIMIT :limit""",
            {"entity": entity_id, "after": after.id if after else None, "limit": limit,
             "lead": CONTEXT_LEAD, "context": CONTEXT},
        )
        return [MentionRow(**dict(row)) for row in rows]

    def articles_page(
        self, after: ArticleRow | None = None, limit: int = PAGE, reverse: bool = False, sort: ArticleSort = "-date"
    ) -> list[ArticleRow]:
        """Articles, newest first (index articles_date) or by source (then oldest first).
        With `reverse`, the rows before `after` (the last rows without it), nearest first."""
        columns, descending = _ARTICLE_SORTS[sort]
        descending ^= reverse
        where, params = "1", []
        if after is not None:
            values = {"date": after.date, "id": after.id, "source": after.source}
            where, params = _after(columns, [values[c] for c in columns], descending)
        order = ", ".join(column + (" DESC" if descending else "") for column in columns)
        rows = self.conn.execute(
            f"""SELECT id, date, source, title, sentence_count FROM articles WHERE {where}
                ORDER BY {order} LIMIT ?""",
            (*params, limit),
        )
        return [ArticleRow(**dict(row)) for row in rows]

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            "SELECT id, title, date, source, url, text FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        spans = self.conn.execute(
            """SELECT m.start, m."end", n.type FROM mentions m JOIN entities n ON n.id = m.entity_id
                WHERE m.article_id = ? ORDER BY m.start""",
            (article_id,),
        )
        return Article(**dict(row), mentions=tuple(Span(*span) for span in spans))

    def timeline(self, entity_id: int, other_id: int | None = None) -> list[Month]:
        """Events per month of an entity, or between a pair (either direction), oldest first."""
        where, params = self._event_filter(entity_id, other_id)
        rows = self.conn.execute(
            f"""SELECT substr(e.date, 1, 7) AS period, count(*) AS events,
                       coalesce(sum(e.goldstein > 0), 0) AS cooperation, coalesce(sum(e.goldstein < 0), 0) AS conflict,
                       total(e.goldstein) AS goldstein
                  FROM events e WHERE {' AND '.join(where)} AND e.date IS NOT NULL
                 GROUP BY period ORDER BY period""",
            params,
        )
        return [Month(**dict(row)) for row in rows]

    def export_view(
        self, table: Literal["events", "entities"], entity_id: int | None = None, text: str = "",
        article_id: str | None = None,
    ) -> tuple[list[str], Iterator[tuple]]:
        """The export columns of `dipexplore export`, restricted to what a pane shows."""
        if table == "events":
            where, params = self._event_filter(entity_id, None, article_id)
        else:
            match, params = _entity_match(text, "e.")
            where = [match]
        sql = f"SELECT * FROM ({EXPORTS[table]}) WHERE id IN (SELECT e.id FROM {table} e WHERE {' AND '.join(where)})"
        cursor = self.conn.execute(sql, params)
        return [d[0] for d in cursor.description], (tuple(row) for row in cursor)

    @staticmethod
    def _event_filter(
        entity_id: int | None, other_id: int | None, article_id: str | None = None
    ) -> tuple[list[str], dict]:
        if article_id is not None:
            return ["e.article_id = :article"], {"article": article_id}
        if entity_id is None:
            return ["1"], {}
        if other_id is None:
            return [_ENTITY_EVENTS], {"entity": entity_id}
        return [_PAIR_EVENTS], {"entity": entity_id, "other": other_id}


def _number(sql: str, count: int) -> str:
    """Turn the first `count` positional `?` into :p0, :p1... so they mix with named ones."""
    for i in range(count):
        sql = sql.replace("?", f":p{i}", 1)
    return sql


def _entity_match(text: str, prefix: str = "") -> tuple[str, dict]:
    """SQL (and its parameters) for entities whose name or an alias matches the filter `text`.

    Words of 3 letters or more: a prefix query on `entities_fts` (index lookups, whatever the
    number of entities), built from quoted folded words only. Shorter words, or none: LIKE
    anywhere in the name and aliases (a scan, fine for the few characters of a new filter).
    """
    if not text:
        return "1", {}
    words = fts.words(text)
    if words and min(map(len, words)) >= FTS_MIN_WORD:
        expression = " AND ".join('"' + word.replace('"', '""') + '"*' for word in words)
        return (f"{prefix}id IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH :match)",
                {"match": expression})
    return (f"({prefix}name LIKE :like ESCAPE '\\' OR {prefix}id IN"
            " (SELECT entity_id FROM entity_aliases WHERE alias LIKE :like ESCAPE '\\'))", {"like": _like(text)})


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
