"""In-place upgrades of databases made by older versions (issue #8 point 5).

`data/schema_v1.db` is a real version-1 file: `dipexplore ingest seed.txt` as of commit
dbd83ce^ (WITHOUT ROWID link tables, no place index, search indexes of that time).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from dipexplore.db import Corpus, SchemaError
from dipexplore.db import migrate
from dipexplore.db.connection import open_writable
from dipexplore.db.schema import SCHEMA_VERSION
from dipexplore.tui.cli import main

V1 = Path(__file__).parent / "data" / "schema_v1.db"
COUNTED = ("articles", "sentences", "entities", "entity_aliases", "entity_roles", "mentions", "events",
           "event_actors", "acts")


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    return path


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}


def layout(path: Path) -> dict[str, object]:
    """What a schema is, independent of how its SQL text was written: objects, columns,
    primary keys, rowid-ness and indexes."""
    with sqlite3.connect(path) as conn:
        objects = sorted(conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall())
        tables = [name for kind, name in objects if kind == "table"]
        return {
            "objects": objects,
            "columns": {t: conn.execute(f"PRAGMA table_info({t})").fetchall() for t in tables},
            "without_rowid": sorted(r[1] for r in conn.execute("PRAGMA table_list") if r[4]),
            "indexes": {t: sorted(r[1:3] for r in conn.execute(f"PRAGMA index_list({t})")) for t in tables},
            "version": conn.execute("PRAGMA user_version").fetchone()[0],
        }


def test_every_older_version_has_a_migration() -> None:
    assert set(migrate.MIGRATIONS) == set(range(1, SCHEMA_VERSION))


def test_the_library_refuses_an_old_file_and_says_what_to_do(old_db: Path) -> None:
    with pytest.raises(SchemaError, match="dipexplore migrate"):
        Corpus(old_db).counts()
    assert not list(old_db.parent.glob("*.bak"))


def test_first_use_upgrades_in_place_with_a_backup(old_db: Path, tmp_path: Path, capsys) -> None:
    before = counts(old_db)
    assert main(["search", "antonv", "--db", str(old_db), "--json"]) == 0
    out, err = capsys.readouterr()
    assert "Anatoly Antonov" in out
    assert f"from schema version 1 to {SCHEMA_VERSION}" in err

    backup = old_db.with_name("old.db.v1.bak")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert counts(backup) == before
    assert counts(old_db) == before
    with sqlite3.connect(old_db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

    fresh = tmp_path / "fresh.db"
    open_writable(fresh).close()
    assert layout(old_db) == layout(fresh)


def test_an_upgraded_file_takes_new_articles_and_finds_them(old_db: Path, tmp_path: Path, capsys) -> None:
    assert main(["migrate", "--db", str(old_db)]) == 0
    article = tmp_path / "new.txt"
    article.write_text("Title: Talks\n\nNorway and Iceland held talks in Reykjavik on fisheries.\n")
    assert main(["ingest", str(article), "--db", str(old_db), "--workers", "1"]) == 0
    with Corpus(old_db) as corpus:
        assert any("Reykjavik" in hit.sentence for hit in corpus.search("reykjavk", limit=5))
        assert any("Antonov" in hit.label for hit in corpus.search("antonov", limit=5))
    assert main(["migrate", "--db", str(old_db)]) == 0
    assert "is up to date" in capsys.readouterr().err


def test_a_failed_migration_leaves_the_file_as_it_was(old_db: Path, monkeypatch) -> None:
    before = counts(old_db)

    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM mentions")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(migrate.MIGRATIONS, 1, half_done)
    with pytest.raises(SchemaError, match="unchanged"):
        migrate.upgrade(old_db)
    assert counts(old_db) == before
    with sqlite3.connect(old_db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not list(old_db.parent.glob("*.bak"))


def test_a_newer_file_is_refused_not_migrated(old_db: Path, capsys) -> None:
    with sqlite3.connect(old_db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    assert main(["migrate", "--db", str(old_db)]) == 1
    assert "newer dipexplore" in capsys.readouterr().err
