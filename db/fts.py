"""Full-text indexes for search (DESIGN §7), the vocabulary typo correction works from, and
the text folding both sides share.

Word-level `unicode61` indexes, not `trigram`: word postings make exact term and phrase
lookups cheap, and an index over a million sentences about a third of the size a trigram one
needs. Partial and misspelt words are handled before the lookup instead: the search module
expands and corrects each query word against `search_vocab` (every indexed word with the
number of rows holding it), then looks the corrected words up exactly.

`search_followers` holds, per word, the distinct words that follow it in a sentence, and
`search_endings`, per sentence-final word, the sentences ending with it and the word before it
there: `partial_ratio` rewards stretches that run across a word boundary ("russia expel"
scores "[Russia espe]cially") or off the end of a sentence ("st petersberg" scores
"la[st September]"), which no lookup of the query's own words finds; these lists let search
name such neighbours (an end has no FTS5 anchor, hence the sentence ids). One row per word,
its list in one string: a row per pair would cost over three times the space. The lists only
propose candidates, each ranked on its own text, so what they keep of deleted rows is harmless.

Triggers keep the FTS tables in step with the data row by row. `search_vocab` and the pair
lists cannot be kept by a trigger (SQL cannot tokenise), so `refresh_vocab()` adds the words
of rows written since its last run; ingest calls it at the end of a run. `bulk_load()` is for
big loads: it drops the per-row sentence trigger and rebuilds the index once at the end.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from .statements import statements

TOKENIZER = "unicode61 remove_diacritics 2"

# The sentence trigger, apart so that `bulk_load()` can drop and restore it.
SENTENCE_INSERT_TRIGGER = """
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
"""

SCHEMA = f"""
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='id', tokenize='{TOKENIZER}'
);
{SENTENCE_INSERT_TRIGGER}
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- Entities: few, so the index keeps its own copy; aliases are appended as they arrive.
CREATE VIRTUAL TABLE entities_fts USING fts5(name, aliases, tokenize='{TOKENIZER}');
CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities BEGIN
    INSERT INTO entities_fts(rowid, name, aliases) VALUES (new.id, new.name, '');
END;
CREATE TRIGGER entities_fts_rename AFTER UPDATE OF name ON entities BEGIN
    UPDATE entities_fts SET name = new.name WHERE rowid = new.id;
END;
CREATE TRIGGER entities_fts_delete AFTER DELETE ON entities BEGIN
    DELETE FROM entities_fts WHERE rowid = old.id;
END;
CREATE TRIGGER entity_aliases_fts_insert AFTER INSERT ON entity_aliases BEGIN
    UPDATE entities_fts SET aliases = aliases || ' ' || new.alias WHERE rowid = new.entity_id;
END;
CREATE TRIGGER entity_aliases_fts_delete AFTER DELETE ON entity_aliases BEGIN
    UPDATE entities_fts SET aliases = coalesce(
        (SELECT group_concat(alias, ' ') FROM entity_aliases WHERE entity_id = old.entity_id), ''
    ) WHERE rowid = old.entity_id;
END;

-- Events: type words, actors, trigger, place and the sentence, read through a view so the
-- sentence text is stored once.
CREATE VIEW events_search(id, kind, actors, trigger, place, sentence) AS
    SELECT e.id, replace(lower(e.type), '_', ' '), e.label, e.trigger_text,
           coalesce((SELECT name FROM entities WHERE id = e.place_entity_id), ''), s.text
    FROM events e JOIN sentences s ON s.id = e.sentence_id;
CREATE VIRTUAL TABLE events_fts USING fts5(
    kind, actors, trigger, place, sentence,
    content='events_search', content_rowid='id', tokenize='{TOKENIZER}'
);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, kind, actors, trigger, place, sentence)
        SELECT id, kind, actors, trigger, place, sentence FROM events_search WHERE id = new.id;
END;
CREATE TRIGGER events_fts_delete BEFORE DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, kind, actors, trigger, place, sentence)
        SELECT 'delete', id, kind, actors, trigger, place, sentence FROM events_search
        WHERE id = old.id;
END;

-- Every indexed word and how many rows hold it; `covered` is how far each source was read.
CREATE TABLE search_vocab (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX search_vocab_docs ON search_vocab(docs DESC, term);
CREATE TABLE search_followers (
    term TEXT PRIMARY KEY,
    words TEXT NOT NULL                  -- distinct next words in sentences, space-separated
) WITHOUT ROWID;
CREATE TABLE search_endings (
    term TEXT PRIMARY KEY,               -- a sentence's last word
    words TEXT NOT NULL                  -- "word:id,id ...": each word before it, the sentences
) WITHOUT ROWID;
CREATE TABLE search_vocab_covered (
    source TEXT PRIMARY KEY,
    last_id INTEGER NOT NULL
) WITHOUT ROWID;
"""

# Where the vocabulary comes from: rows of each source after the last id already counted.
_VOCAB_SOURCES = {
    "sentences": "SELECT id, text FROM sentences WHERE id > ? ORDER BY id",
    "entities": """SELECT id, name || ' ' || coalesce((SELECT group_concat(alias, ' ')
                   FROM entity_aliases WHERE entity_id = entities.id), '')
                   FROM entities WHERE id > ? ORDER BY id""",
    "events": "SELECT id, kind || ' ' || actors FROM events_search WHERE id > ? ORDER BY id",
}
WORD = re.compile(r"[^\W_]+")


class _Combining(dict):
    """`str.translate` table deleting combining marks, filled in as characters are met (a
    translate at C speed instead of a Python test per character)."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_COMBINING = _Combining()


def fold(text: str) -> str:
    """Lower case without accents, as the index tokenizer sees text (`Pétersbourg` ->
    `petersbourg`). `lower()`, not `casefold()`: the tokenizer keeps `ß`."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    return text.lower()


def words(text: str) -> list[str]:
    """The folded words of a text, split where `unicode61` splits."""
    return WORD.findall(fold(text))


@dataclass
class NewWords:
    """What rows not yet in the vocabulary add to it: rows holding each word, each word's
    followers, each sentence-final word's words before it with their sentences, and the last
    id read per source."""

    counts: Counter[str] = field(default_factory=Counter)
    followers: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    endings: defaultdict[str, defaultdict[str, set[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    covered: dict[str, int] = field(default_factory=dict)
    rows: int = 0  # rows read, over all sources

    def add_pairs(self, tokens: list[str], sentence_id: int) -> None:
        """A sentence's adjacent words, and its last word with the one before it and its id."""
        for word, following in zip(tokens, tokens[1:]):
            self.followers[word].add(following)
        if len(tokens) > 1:
            self.endings[tokens[-1]][tokens[-2]].add(sentence_id)


PAIR_TABLES = ("search_followers", "search_endings")
REFRESH_ROWS = 100_000  # rows per source counted in one step of `refresh_vocab`


def ending_groups(text: str) -> dict[str, str]:
    """A `search_endings` row's words: each word before the sentence-final one, with the ids
    of its sentences as stored ("12,345"; `ending_ids` reads them, only when needed)."""
    return dict(token.partition(":")[::2] for token in text.split())


def ending_ids(group: str) -> list[int]:
    """The sentence ids of one `ending_groups` entry."""
    return [int(i) for i in group.split(",")]


def new_words(conn: sqlite3.Connection, max_rows: int | None = None, pairs: bool = True) -> NewWords:
    """The words of the rows not yet in `search_vocab`. `max_rows` bounds the work per source
    (newest rows are skipped); `pairs=False` leaves the pair lists out (they cost more)."""
    found = NewWords()
    for source, sql in _VOCAB_SOURCES.items():
        row = conn.execute(
            "SELECT last_id FROM search_vocab_covered WHERE source = ?", (source,)
        ).fetchone()
        found.covered[source] = row[0] if row else 0
        rows = conn.execute(sql, (found.covered[source],))
        for row_id, text in rows if max_rows is None else islice(rows, max_rows):
            tokens = words(text)
            found.counts.update(set(tokens))
            if pairs and source == "sentences":
                found.add_pairs(tokens, row_id)
            found.covered[source] = row_id
            found.rows += 1
    return found


def refresh_vocab(conn: sqlite3.Connection) -> int:
    """Add the words of rows written since the last refresh to `search_vocab` and the pair
    lists, `REFRESH_ROWS` rows per source at a time, so that memory stays flat however many
    are new; returns how many rows were read. Runs inside the caller's transaction, or its
    own."""
    read = 0
    with _transaction(conn):
        while (found := new_words(conn, max_rows=REFRESH_ROWS)).rows:
            conn.executemany(
                "INSERT INTO search_vocab(term, docs) VALUES (?, ?) "
                "ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs",
                found.counts.items(),
            )
            _merge_pairs(conn, found)
            conn.executemany(
                "INSERT OR REPLACE INTO search_vocab_covered(source, last_id) VALUES (?, ?)",
                found.covered.items(),
            )
            read += found.rows
    return read


def _merge_pairs(conn: sqlite3.Connection, found: NewWords) -> None:
    """Add the new pairs to the lists of `PAIR_TABLES`."""
    _merge(conn, "search_followers", found.followers, _followers_text)
    _merge(conn, "search_endings", found.endings, _endings_text)


def _merge(conn: sqlite3.Connection, table: str, new: dict, text: Callable[[str, object], str],
           chunk: int = 500) -> None:
    """Rewrite the rows of `table` for the terms of `new`: `text` merges a row's stored words
    with the new ones."""
    terms = list(new)
    for start in range(0, len(terms), chunk):
        batch = terms[start : start + chunk]
        old = dict(conn.execute(
            f"SELECT term, words FROM {table} WHERE term IN ({','.join('?' * len(batch))})", batch))
        conn.executemany(f"INSERT OR REPLACE INTO {table}(term, words) VALUES (?, ?)",
                         ((t, text(old.get(t, ""), new[t])) for t in batch))


def _followers_text(old: str, new: set[str]) -> str:
    """Followers, each once, sorted."""
    return " ".join(sorted(new.union(old.split())))


def _endings_text(old: str, new: dict[str, set[int]]) -> str:
    """Words before a sentence-final word, sorted, each with the ids of its sentences."""
    ids = {before: set(ending_ids(group)) for before, group in ending_groups(old).items()}
    for before, sentence_ids in new.items():
        ids.setdefault(before, set()).update(sentence_ids)
    return " ".join(f"{before}:{','.join(map(str, sorted(ids[before])))}" for before in sorted(ids))


def add_pair_tables(conn: sqlite3.Connection) -> None:
    """Create the pair lists in a file made before them, filled from the sentences its
    vocabulary already counted (the next refresh adds later ones). Adding pairs twice is
    harmless: a list keeps each word once."""
    for statement in statements(SCHEMA):
        if any(f"CREATE TABLE {table} " in statement for table in PAIR_TABLES):
            conn.execute(statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1))
    row = conn.execute("SELECT last_id FROM search_vocab_covered WHERE source = 'sentences'").fetchone()
    counted, after = row[0] if row else 0, 0
    while (found := _sentence_pairs(conn, after, counted)).rows:
        _merge_pairs(conn, found)
        after = found.covered["sentences"]


def _sentence_pairs(conn: sqlite3.Connection, after: int, upto: int) -> NewWords:
    """The pairs of the next `REFRESH_ROWS` sentences with ids in (`after`, `upto`]."""
    found = NewWords()
    for sentence_id, text in conn.execute(
        "SELECT id, text FROM sentences WHERE id > ? AND id <= ? ORDER BY id LIMIT ?", (after, upto, REFRESH_ROWS)
    ):
        found.add_pairs(words(text), sentence_id)
        found.covered["sentences"] = sentence_id
        found.rows += 1
    return found


@contextmanager
def bulk_load(conn: sqlite3.Connection) -> Iterator[None]:
    """Load many sentences without indexing them row by row: the sentence trigger is dropped
    for the duration, then the index is rebuilt and merged once, and the vocabulary and pair
    lists counted, in the writer's open batch transaction if there is one (the writer commits
    it), else in one of its own. `conn` is in autocommit mode between transactions (the
    writer's is)."""
    conn.execute("DROP TRIGGER IF EXISTS sentences_fts_insert")
    try:
        yield
    finally:
        with _transaction(conn):
            conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')")
            conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('optimize')")
            conn.execute(SENTENCE_INSERT_TRIGGER)
            refresh_vocab(conn)


_OBJECT = re.compile(r"CREATE (?:VIRTUAL )?(TABLE|TRIGGER|VIEW|INDEX) (\w+)")


def drop(conn: sqlite3.Connection) -> None:
    """Drop every search object: all triggers (only the search indexes have any), and the
    tables and views of the current search schema, where an older file has them."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    for statement in reversed(statements(SCHEMA)):
        kind, name = _OBJECT.match(statement).groups()
        if kind != "TRIGGER":
            conn.execute(f"DROP {kind} IF EXISTS {name}")


def rebuild(conn: sqlite3.Connection) -> None:
    """Create the current search indexes and fill them from the data."""
    for statement in statements(SCHEMA):
        conn.execute(statement)
    conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
    conn.execute(
        "INSERT INTO entities_fts(rowid, name, aliases) SELECT id, name, coalesce((SELECT "
        "group_concat(alias, ' ') FROM entity_aliases WHERE entity_id = entities.id), '') FROM entities"
    )
    refresh_vocab(conn)


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction on an autocommit (`isolation_level=None`) connection, or the one
    already open on it (its owner commits or rolls it back)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
