"""Ingest: what is stored is what `extract` prints; re-ingest adds nothing; failures roll back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from dipexplore.db import Corpus, SchemaError
from dipexplore.db.connection import open_writable
from dipexplore.db.ingest import Writer, ingest
from dipexplore.db.schema import SCHEMA_VERSION
from dipexplore.extract.readers import read_paths

from .conftest import CORPUS, RECORDS

TABLES = ("articles", "sentences", "entities", "mentions", "events", "event_actors", "acts")


def table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def first_records(n: int) -> list[dict]:
    with open(RECORDS, encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(n), fh)]


@pytest.fixture(scope="module")
def wikinews_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five real Wikinews articles plus the seed, as files the CLI would be given."""
    folder = tmp_path_factory.mktemp("input")
    with open(CORPUS / "wikinews.jsonl", encoding="utf-8") as fh:
        (folder / "news.jsonl").write_text("".join(line for _, line in zip(range(5), fh)))
    (folder / "seed.txt").write_text((CORPUS / "seed.txt").read_text())
    return folder


def test_ingest_is_idempotent(tmp_path: Path, wikinews_slice: Path) -> None:
    db = tmp_path / "news.db"
    first = ingest(read_paths([str(wikinews_slice)]), db)
    assert (first.added, first.skipped, first.failed) == (6, 0, [])
    before = table_counts(db)
    assert before["sentences"] > 50 and before["mentions"] > 50
    second = ingest(read_paths([str(wikinews_slice)]), db, workers=2)
    assert (second.added, second.skipped) == (0, 6)
    assert table_counts(db) == before


def test_stored_rows_match_the_extracted_record(tmp_path: Path) -> None:
    db = tmp_path / "seed.db"
    [record] = first_records(1)
    with Writer(db) as writer:
        assert writer.add(record) is True
    with Corpus(db) as corpus:
        conn = corpus.conn
        text = conn.execute("SELECT text FROM articles WHERE id = ?", (record["article"]["id"],)).fetchone()[0]
        assert text == record["article"]["text"]
        stored = conn.execute('SELECT idx, start, "end", text FROM sentences ORDER BY idx').fetchall()
        assert [tuple(r) for r in stored] == [(s["index"], s["start"], s["end"], s["text"]) for s in record["sentences"]]
        for start, end, mention_text in conn.execute('SELECT start, "end", text FROM mentions'):
            assert text[start:end] == mention_text
        assert conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == len(record["mentions"])


def test_entities_are_canonical_across_articles(tmp_path: Path) -> None:
    db = tmp_path / "two.db"
    with Writer(db) as writer:
        for record in first_records(3):
            writer.add(record)
    with sqlite3.connect(db) as conn:
        keys = [k for (k,) in conn.execute("SELECT key FROM entities")]
        assert len(keys) == len(set(keys))
        total = conn.execute("SELECT sum(mention_count) FROM entities").fetchone()[0]
        assert total == conn.execute("SELECT count(*) FROM mentions").fetchone()[0]


def test_a_failing_article_rolls_back_completely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "rollback.db"
    good, bad = first_records(2)
    with Writer(db) as writer:
        writer.add(good)
    before = table_counts(db)

    def explode(*args: object) -> None:
        raise RuntimeError("disk on fire")

    with Writer(db) as writer:
        monkeypatch.setattr(writer, "_count_mentions", explode)  # after sentences and mentions
        with pytest.raises(RuntimeError):
            writer.add(bad)
        assert not writer.has_article(bad["article"]["id"])
    assert table_counts(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_events_and_acts_link_reports_of_one_act(tmp_path: Path) -> None:
    [record] = first_records(1)
    text = record["article"]["text"]
    usa = next(e for e in record["entities"] if e["type"] == "COUNTRY" and "United States" in e["name"])
    rus = next(e for e in record["entities"] if e["name"] == "Russia")
    trigger = "ordered the closure"
    start = text.index(trigger)
    sentence = next(s["index"] for s in record["sentences"] if s["start"] <= start < s["end"])
    event = {"id": "v1", "type": "CLOSE_MISSION", "plover": "SANCTION", "cameo": "161",
             "source": [usa["id"]], "target": [rus["id"]], "place": None, "date": "2017",
             "sentence": sentence, "trigger": {"start": start, "end": start + len(trigger), "text": trigger},
             "modality": "asserted", "negated": False}
    record["events"] = [event, {**event, "id": "v2", "date": "2017-09"}, {**event, "id": "v3", "date": "2018"}]
    db = tmp_path / "events.db"
    with Writer(db) as writer:
        writer.add(record)
    with sqlite3.connect(db) as conn:
        acts = conn.execute("SELECT type, date, report_count FROM acts ORDER BY id").fetchall()
        assert acts == [("CLOSE_MISSION", "2017-09", 2), ("CLOSE_MISSION", "2018", 1)]
        assert conn.execute("SELECT goldstein, label FROM events WHERE id = 1").fetchone() == (
            -4.0, f"{usa['name']} -> {rus['name']}")
        roles = conn.execute("SELECT role, count(*) FROM event_actors GROUP BY role").fetchall()
        assert roles == [("source", 3), ("target", 3)]


def test_schema_version_and_wal(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    open_writable(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (lambda p: None, "no such database"),
        (lambda p: sqlite3.connect(p).close(), "empty database"),
        (lambda p: p.write_bytes(b"garbage " * 100), "not a readable SQLite database"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)"), "not a dipexplore database"),
    ],
)
def test_unusable_files_are_refused_clearly(tmp_path: Path, prepare, message: str) -> None:
    db = tmp_path / "x.db"
    prepare(db)
    with pytest.raises(SchemaError, match=message):
        Corpus(db)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    open_writable(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaError, match="newer dipexplore"):
        Corpus(db)
    with pytest.raises(SchemaError, match="newer dipexplore"):
        open_writable(db)


def test_records_made_elsewhere_load_without_nlp_and_equal_a_direct_ingest(
    tmp_path: Path, wikinews_slice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The distributed path: `dipexplore extract` output ingested later gives the same database."""
    from dipexplore.tui.cli import main

    assert main(["extract", str(wikinews_slice / "news.jsonl")]) == 0
    records = tmp_path / "records.jsonl"
    records.write_text(capsys.readouterr().out)
    via_records, direct = tmp_path / "via_records.db", tmp_path / "direct.db"
    assert ingest(read_paths([str(records)]), via_records).added == 5
    assert ingest(read_paths([str(wikinews_slice / "news.jsonl")]), direct).added == 5
    assert table_counts(via_records) == table_counts(direct)
    query = "SELECT e.key, m.start, m.text FROM mentions m JOIN entities e ON e.id = m.entity_id ORDER BY 1, 2"
    with sqlite3.connect(via_records) as a, sqlite3.connect(direct) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_tampered_records_are_refused_with_file_and_line(tmp_path: Path) -> None:
    good, other = first_records(2)
    other["mentions"][0]["start"] += 1  # the quoted text no longer matches the offsets
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(other) + "\n")
    report = ingest(read_paths([str(path)]), tmp_path / "t.db")
    assert report.added == 1
    [failure] = report.failed
    assert failure.origin == f"{path}:2" and "invalid extraction record" in failure.reason


def test_aliases_and_roles_seen_again_merge_without_error(tmp_path: Path) -> None:
    """A second article repeating an entity's alias and role (an ignored insert) is fine."""
    [record] = first_records(1)
    person = next(e for e in record["entities"] if e["type"] == "PERSON")
    person["aliases"], person["roles"] = ["Antonov", "A. Antonov"], ["ambassador"]
    twin = json.loads(json.dumps(record))
    twin["article"]["text"] += " Antonov left."
    from dipexplore.extract.text import article_id

    twin["article"]["id"] = article_id(twin["article"]["text"])
    with Writer(tmp_path / "twice.db") as writer:
        assert writer.add(record) and writer.add(twin)
        aliases = writer.conn.execute(
            "SELECT alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE e.name = ?",
            (person["name"],)).fetchall()
        roles = writer.conn.execute("SELECT count(*) FROM entity_roles").fetchone()[0]
    assert sorted(a for (a,) in aliases) == sorted(person["aliases"]) and roles == 1
