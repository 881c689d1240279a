"""Opening database files: read-only for readers, WAL and a busy timeout for the writer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import schema

BUSY_TIMEOUT_MS = 10_000


def open_read_only(path: Path | str) -> sqlite3.Connection:
    """A `mode=ro` connection to an existing dipexplore database, or `SchemaError`."""
    path = Path(path)
    if not path.exists():
        raise schema.SchemaError(f"{path}: no such database (build one with `dipexplore ingest`)")
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as exc:
        raise schema.SchemaError(f"{path}: cannot open ({exc})") from exc
    try:
        if schema.check(conn, path) == 0:
            raise schema.SchemaError(f"{path}: empty database (add articles with `dipexplore ingest`)")
    except schema.SchemaError:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn


def open_writable(path: Path | str) -> sqlite3.Connection:
    """A read-write connection in WAL mode, creating the schema in a new file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None)  # explicit BEGIN/COMMIT only
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = schema.check(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise schema.SchemaError(f"{path}: cannot open for writing ({exc})") from exc
    if version == 0:
        schema.create(conn)
    return conn
