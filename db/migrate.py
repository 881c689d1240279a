"""Upgrading a database made by an older dipexplore in place, after a backup.

Each migration takes a file from one schema version to the next inside one transaction, so a
failure (or a kill) leaves the file as it was; the backup is a second safety net, made with
SQLite's online backup so it is consistent even while the WAL holds recent writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from dipexplore.extract.entities.fold import strip_accents

from . import fts, schema
from .statements import statements


def _definition(name: str) -> str:
    """The current `CREATE TABLE` statement of a table of `schema.TABLES`."""
    prefix = f"CREATE TABLE {name} ("
    return next(s for s in statements(schema.TABLES) if s.startswith(prefix))


def _recreate_table(conn: sqlite3.Connection, name: str) -> None:
    """Give a table its current definition, keeping its rows (SQLite cannot ALTER a table
    into or out of WITHOUT ROWID, so it is rebuilt as SQLite's documentation describes)."""
    columns = ", ".join(f'"{row[1]}"' for row in conn.execute(f"PRAGMA table_info({name})"))
    conn.execute(_definition(name).replace(f"CREATE TABLE {name} (", f"CREATE TABLE _new_{name} (", 1))
    conn.execute(f"INSERT INTO _new_{name} ({columns}) SELECT {columns} FROM {name}")
    conn.execute(f"DROP TABLE {name}")
    conn.execute(f"ALTER TABLE _new_{name} RENAME TO {name}")


def _create_missing_indexes(conn: sqlite3.Connection) -> None:
    for statement in statements(schema.TABLES):
        if statement.startswith("CREATE INDEX "):
            conn.execute(statement.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Version 2: link tables keep their rowid; events are indexed by place; the search
    indexes are word-level with a vocabulary (version 1 files had trigram or early indexes)."""
    fts.drop(conn)
    for table in ("entity_aliases", "entity_roles", "event_actors"):
        _recreate_table(conn, table)
    _create_missing_indexes(conn)
    fts.rebuild(conn)


def _accentless_key(key: str) -> str:
    """An entity key of version 2 as `canonical_key` now makes it: the name part (between
    "TYPE:" and "|" or "@") is compared without accents ("PERSON:erdoğan" -> "PERSON:erdogan")."""
    kind, _, rest = key.partition(":")
    cut = min((i for i in (rest.find("|"), rest.find("@")) if i >= 0), default=len(rest))
    return f"{kind}:{strip_accents(rest[:cut])}{rest[cut:]}"


def _merge_entity(conn: sqlite3.Connection, keep: int, drop: int) -> None:
    """Fold entity `drop` into `keep`: its mentions, roles in events, aliases (its name too)
    and roles move over, counts are recounted, and the row goes."""
    conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (keep, drop))
    conn.execute("UPDATE events SET place_entity_id = ? WHERE place_entity_id = ?", (keep, drop))
    conn.execute("UPDATE OR IGNORE event_actors SET entity_id = ? WHERE entity_id = ?", (keep, drop))
    conn.execute(
        "INSERT OR IGNORE INTO entity_aliases(entity_id, alias) SELECT ?, alias FROM entity_aliases "
        "WHERE entity_id = ? UNION SELECT ?, name FROM entities WHERE id = ?", (keep, drop, keep, drop))
    conn.execute("INSERT OR IGNORE INTO entity_roles(entity_id, role) SELECT ?, role FROM entity_roles "
                 "WHERE entity_id = ?", (keep, drop))
    for table in ("event_actors", "entity_aliases", "entity_roles"):
        conn.execute(f"DELETE FROM {table} WHERE entity_id = ?", (drop,))
    conn.execute("DELETE FROM entity_aliases WHERE entity_id = ? AND alias = (SELECT name FROM entities WHERE id = ?)",
                 (keep, keep))
    conn.execute("DELETE FROM entities WHERE id = ?", (drop,))
    conn.execute(
        """UPDATE entities SET
               mention_count = (SELECT count(*) FROM mentions WHERE entity_id = :id),
               article_count = (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = :id),
               event_count = (SELECT count(DISTINCT event_id) FROM event_actors WHERE entity_id = :id)
           WHERE id = :id""", {"id": keep})


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Version 3: articles are indexed by source (the articles list's other order), and
    entity identities ignore accents, so "Erdoğan" and "Erdogan" rows become one entity
    (the one seen first keeps its id and name)."""
    _create_missing_indexes(conn)
    groups: dict[str, list[tuple[int, str]]] = {}
    for entity_id, key in conn.execute("SELECT id, key FROM entities ORDER BY id"):
        groups.setdefault(_accentless_key(key), []).append((entity_id, key))
    for new_key, ((keep, key), *others) in groups.items():
        for other, _ in others:  # first, so that no other row holds the new key
            _merge_entity(conn, keep, other)
        if new_key != key:
            conn.execute("UPDATE entities SET key = ? WHERE id = ?", (new_key, keep))


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Version 4: search keeps each word's next words and each sentence-final word's previous
    ones (`fts.PAIR_TABLES`), so sentences can rank as partial_ratio ranks them."""
    fts.add_pair_tables(conn)


# MIGRATIONS[v] takes a file from schema version v to v + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def backup_path(path: Path, version: int) -> Path:
    """A free file name beside the database for its copy before the upgrade."""
    candidate = path.with_name(f"{path.name}.v{version}.bak")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.v{version}.{number}.bak")
    return candidate


def upgrade(path: Path | str) -> tuple[int, Path] | None:
    """Migrate an older database in place. Returns (old version, backup file), or None when
    there was nothing to do. Refuses (`SchemaError`) what cannot be migrated."""
    path = Path(path)
    if not path.exists():
        return None
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        try:
            schema.check(conn, path)
            return None
        except schema.OutdatedSchema as outdated:
            version = outdated.version
        backup = backup_path(path, version)
        copy = sqlite3.connect(backup)
        try:
            conn.backup(copy)
        finally:
            copy.close()
        conn.execute("PRAGMA foreign_keys = OFF")  # tables are rebuilt under their references
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step in range(version, schema.SCHEMA_VERSION):
                MIGRATIONS[step](conn)
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise schema.SchemaError(f"{path}: migration left {len(problems)} broken references; unchanged")
            conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        except BaseException:
            conn.execute("ROLLBACK")
            backup.unlink()  # the file is as it was: its copy would only confuse
            raise
        conn.execute("COMMIT")
        return version, backup
    except sqlite3.Error as exc:
        raise schema.SchemaError(f"{path}: cannot upgrade ({exc}); the file is unchanged") from exc
    finally:
        conn.close()
