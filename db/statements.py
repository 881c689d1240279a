"""Splitting SQL scripts into statements (the schema and the migrations read them)."""

from __future__ import annotations

import sqlite3


def statements(script: str) -> list[str]:
    """The SQL statements of a script, whole (triggers contain semicolons of their own), without
    the comment lines before them."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            code = [text for text in pending.splitlines() if not text.lstrip().startswith("--")]
            if statement := "\n".join(code).strip():
                found.append(statement)
            pending = ""
    return found
