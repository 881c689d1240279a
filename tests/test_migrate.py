"""In-place upgrades of databases made by older versions (issue #8 point 5).

The fixtures are real files made by older versions:
- `data/schema_v1.db`: `dipexplore ingest seed.txt` as of commit dbd83ce^ (WITHOUT ROWID link
  tables, no place index, search indexes of that time);
- `data/schema_v2.db`: two real articles (wikinews.jsonl line 46, demo_diplomacy.jsonl line
  245) ingested as of commit 0621b81^, whose keys kept accents: "Recep Tayyip Erdoğan" and
  "Recep Tayyip Erdogan" are two entities there;
- `data/schema_v3.db`: the same two articles ingested as of commit 2bfcc5e (no word pair lists
  for search).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from dipexplore.db import Corpus, SchemaError, fts
from dipexplore.db import migrate
from dipexplore.db.connection import open_writable
from dipexplore.db.schema import SCHEMA_VERSION
from dipexplore.tui.cli import main

DATA = Path(__file__).parent / "data"
KEPT = ("articles", "sentences", "mentions", "events", "acts")  # rows no migration may lose


@pytest.fixture(params=[1, 2, 3])
def old_db(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    shutil.copy(DATA / f"schema_v{request.param}.db", path)
    return path


def counts(path: Path, tables: tuple[str, ...] = KEPT) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


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
    before, old_version = counts(old_db), version(old_db)
    assert main(["search", "erdogn", "--db", str(old_db), "--json"]) == 0
    out, err = capsys.readouterr()
    assert f"from schema version {old_version} to {SCHEMA_VERSION}" in err

    backup = old_db.with_name(f"old.db.v{old_version}.bak")
    assert version(backup) == old_version
    assert counts(backup) == before
    assert counts(old_db) == before
    with sqlite3.connect(old_db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

    fresh = tmp_path / "fresh.db"
    open_writable(fresh).close()
    assert layout(old_db) == layout(fresh)


def test_an_upgraded_file_takes_new_articles_and_finds_old_and_new(old_db: Path, tmp_path: Path, capsys) -> None:
    with sqlite3.connect(old_db) as conn:
        (top_name,) = conn.execute("SELECT name FROM entities ORDER BY mention_count DESC LIMIT 1").fetchone()
    assert main(["migrate", "--db", str(old_db)]) == 0
    article = tmp_path / "new.txt"
    article.write_text("Title: Talks\n\nNorway and Iceland held talks in Reykjavik on fisheries.\n")
    assert main(["ingest", str(article), "--db", str(old_db), "--workers", "1"]) == 0
    with Corpus(old_db) as corpus:
        assert any("Reykjavik" in hit.sentence for hit in corpus.search("reykjavk", limit=5))
        assert any(hit.kind == "entity" and hit.label == top_name for hit in corpus.search(top_name, limit=5))
    assert main(["migrate", "--db", str(old_db)]) == 0
    assert "is up to date" in capsys.readouterr().err


def test_accent_variants_of_one_name_become_one_entity(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    shutil.copy(DATA / "schema_v2.db", path)
    query = "SELECT id, name, mention_count, article_count, event_count FROM entities WHERE key LIKE 'PERSON:recep%'"
    with sqlite3.connect(path) as conn:
        variants = conn.execute(query).fetchall()
        assert len(variants) == 2
        actors = conn.execute("SELECT count(DISTINCT event_id) FROM event_actors WHERE entity_id IN (?, ?)",
                              (variants[0][0], variants[1][0])).fetchone()[0]
    migrate.upgrade(path)
    with sqlite3.connect(path) as conn:
        (merged,) = conn.execute(query).fetchall()
        assert merged[:2] == variants[0][:2]  # the first seen keeps its id and spelling
        assert merged[2] == variants[0][2] + variants[1][2]
        assert merged[3] == 2 and merged[4] == actors
        aliases = {a for (a,) in conn.execute("SELECT alias FROM entity_aliases WHERE entity_id = ?", (merged[0],))}
        assert variants[1][1] in aliases and variants[0][1] not in aliases
        assert conn.execute("SELECT count(*) FROM mentions WHERE entity_id = ?", (variants[1][0],)).fetchone()[0] == 0
    with Corpus(path) as corpus:
        (hit,) = [h for h in corpus.search("erdogan", limit=10) if h.kind == "entity" and "Recep" in h.label]
        assert hit.id == merged[0]


def test_a_failed_migration_leaves_the_file_as_it_was(old_db: Path, monkeypatch) -> None:
    before, old_version = counts(old_db), version(old_db)

    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM mentions")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(migrate.MIGRATIONS, old_version, half_done)
    with pytest.raises(SchemaError, match="unchanged"):
        migrate.upgrade(old_db)
    assert counts(old_db) == before and version(old_db) == old_version
    assert not list(old_db.parent.glob("*.bak"))


def test_a_newer_file_is_refused_not_migrated(old_db: Path, capsys) -> None:
    with sqlite3.connect(old_db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    assert main(["migrate", "--db", str(old_db)]) == 1
    assert "newer dipexplore" in capsys.readouterr().err


@pytest.mark.parametrize("step", [100_000, 7])  # one step, and many (memory stays flat)
def test_word_pairs_are_listed_for_every_sentence_already_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    monkeypatch.setattr(fts, "REFRESH_ROWS", step)
    path = tmp_path / "v3.db"
    shutil.copy(DATA / "schema_v3.db", path)
    with sqlite3.connect(path) as conn:
        vocab = conn.execute("SELECT term, docs FROM search_vocab ORDER BY term").fetchall()
        expected = fts.NewWords()
        for sentence_id, text in conn.execute("SELECT id, text FROM sentences"):
            expected.add_pairs(fts.words(text), sentence_id)
    migrate.upgrade(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT term, docs FROM search_vocab ORDER BY term").fetchall() == vocab
        followers = {t: set(words.split()) for t, words in conn.execute("SELECT * FROM search_followers")}
        endings = {t: {before: set(fts.ending_ids(ids)) for before, ids in fts.ending_groups(words).items()}
                   for t, words in conn.execute("SELECT * FROM search_endings")}
    assert followers == expected.followers and endings == expected.endings
    assert sum(len(ids) for e in endings.values() for ids in e.values()) == counts(path, ("sentences",))["sentences"]


def _search_lists(conn: sqlite3.Connection) -> list[list[tuple]]:
    return [conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("search_vocab", "search_vocab_covered", *fts.PAIR_TABLES)]


def test_the_vocabulary_counted_in_small_steps_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`refresh_vocab` reads new rows a step at a time (memory stays flat on a big ingest):
    counting everything again in steps of 7 rows gives the tables one step gave."""
    path = tmp_path / "v3.db"
    shutil.copy(DATA / "schema_v3.db", path)
    migrate.upgrade(path)
    with sqlite3.connect(path, isolation_level=None) as conn:
        whole = _search_lists(conn)
        for table in ("search_vocab", "search_vocab_covered", *fts.PAIR_TABLES):
            conn.execute(f"DELETE FROM {table}")
        monkeypatch.setattr(fts, "REFRESH_ROWS", 7)
        assert fts.refresh_vocab(conn) == sum(counts(path, ("sentences", "entities")).values()) + len(
            conn.execute("SELECT id FROM events_search").fetchall())
        assert _search_lists(conn) == whole
