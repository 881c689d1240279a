"""Upgrading a database made by an older dipexplore in place, after a backup.

Each migration takes a file from one schema version to the next inside one transaction, so a
failure (or a kill) leaves the file as it was; the backup is a second safety net, made with
SQLite's online backup so it is consistent even while the WAL holds recent writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

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


# MIGRATIONS[v] takes a file from schema version v to v + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2}


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
