"""The SQLite schema (DESIGN §6), its version, and opening a file safely.

A plain file any SQLite tool can read. `PRAGMA user_version` is the schema version: an older
file is upgraded by `migrate.py` (the CLI does it on first use, keeping a backup), a newer one
is refused.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import fts
from .statements import statements

# 2: word-level search indexes; 3: articles by source, accentless entity keys; 4: search's
# word pairs (each word's next words, each sentence-final word's previous ones)
SCHEMA_VERSION = 4
APPLICATION_ID = 0x44495058  # "DIPX": tells a dipexplore file from any other SQLite file

TABLES = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,                 -- sha256 of the normalised text (DESIGN §4)
    title TEXT,
    date TEXT,                           -- ISO 8601, as precise as known
    source TEXT,
    url TEXT,
    external_id TEXT,                    -- the input's own id, if it had one
    origin TEXT,                         -- file (and line) it was read from
    text TEXT NOT NULL,
    sentence_count INTEGER NOT NULL,
    word_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date, id);
CREATE INDEX articles_source ON articles(source, date, id);

CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (article_id, idx)
);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,            -- canonical identity across the corpus
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('PERSON', 'ORG', 'COUNTRY', 'PLACE')),
    country TEXT,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    event_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_type_mentions ON entities(type, mention_count DESC, id);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

-- Link tables keep their rowid: sqlite-utils' insert_all(ignore=True) looks up the rowid of
-- a row it skipped, which a WITHOUT ROWID table does not have.
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    alias TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);

CREATE TABLE entity_roles (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    role TEXT NOT NULL,
    PRIMARY KEY (entity_id, role)
);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    sentence_id INTEGER NOT NULL REFERENCES sentences(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    form TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id, id);
CREATE INDEX mentions_sentence ON mentions(sentence_id);
CREATE INDEX mentions_article ON mentions(article_id, start);

-- One act, many reports: every extracted event row points at the act it reports.
CREATE TABLE acts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,                   -- type|source entity ids|target entity ids
    type TEXT NOT NULL,
    date TEXT,
    report_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX acts_key ON acts(key);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    act_id INTEGER NOT NULL REFERENCES acts(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    sentence_id INTEGER NOT NULL REFERENCES sentences(id),
    type TEXT NOT NULL,
    plover TEXT,
    cameo TEXT,
    goldstein REAL,
    date TEXT,
    place_entity_id INTEGER REFERENCES entities(id),
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    modality TEXT NOT NULL,
    negated INTEGER NOT NULL,
    label TEXT NOT NULL                  -- "United States -> Russia", for display and search
);
CREATE INDEX events_date ON events(date, id);
CREATE INDEX events_type ON events(type, date, id);
CREATE INDEX events_sentence ON events(sentence_id);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_act ON events(act_id);
CREATE INDEX events_place ON events(place_entity_id);

CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    PRIMARY KEY (event_id, role, entity_id)
);
CREATE INDEX event_actors_entity ON event_actors(entity_id, event_id);
"""


class SchemaError(Exception):
    """The file cannot be used as a dipexplore database; the message says why and what to do."""


class OutdatedSchema(SchemaError):
    """The file was made by an older dipexplore: `db.migrate.upgrade()` brings it up to date."""

    def __init__(self, path: Path | str, version: int) -> None:
        super().__init__(
            f"{path}: made by an older dipexplore (schema version {version}; this one reads "
            f"{SCHEMA_VERSION}); run `dipexplore migrate --db {path}` to upgrade it in place "
            "(a backup is kept)"
        )
        self.version = version


def create(conn: sqlite3.Connection) -> None:
    """Create every table of an empty database, in one transaction. Two processes may both find
    a new file empty (two ingests started at once): whichever takes the write lock second finds
    the tables made and leaves them."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            for statement in statements(TABLES + fts.SCHEMA):
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def check(conn: sqlite3.Connection, path: Path | str) -> int:
    """The file's schema version, after refusing anything this program cannot read.

    Returns 0 for an empty (new) database.
    """
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{path}: not a readable SQLite database ({exc})") from exc
    if tables == 0 and version == 0:
        return 0
    if app_id != APPLICATION_ID:
        raise SchemaError(f"{path}: not a dipexplore database (a SQLite file of another program)")
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"{path}: made by a newer dipexplore (schema version {version}; this one reads "
            f"{SCHEMA_VERSION}); upgrade dipexplore to open it"
        )
    if version < SCHEMA_VERSION:
        raise OutdatedSchema(path, version)
    return version
