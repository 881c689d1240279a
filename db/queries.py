"""Read queries behind the app's panes (keyset-paged; never OFFSET, never count(*) it all)."""

from __future__ import annotations

import sqlite3


class QueriesMixin:
    """Pane queries of `Corpus`; `self.conn` is the calling thread's read-only connection."""

    conn: sqlite3.Connection

    def counts(self) -> dict[str, int]:
        """Rows per main table (max(rowid) style estimates would be cheaper; exact is fine here)."""
        return {
            table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "entities", "events")
        }
