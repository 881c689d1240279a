"""`Corpus`: the read side of a database file, for the app, the CLI and analysts' scripts."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from .connection import open_read_only
from .queries import QueriesMixin
from .search import SearchMixin


class Corpus(QueriesMixin, SearchMixin):
    """A dipexplore database opened for reading (`mode=ro`), one connection per thread.

    Thread workers of the app each get their own connection, as Datasette does.
    """

    def __init__(self, path: Path | str, read_only: bool = True) -> None:
        if not read_only:
            raise ValueError("Corpus reads; write through `dipexplore ingest` (db.ingest.Writer)")
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.conn  # open now, so a bad file fails here with a clear SchemaError

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_read_only(self.path)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
