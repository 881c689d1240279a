"""Reliability: killed ingests leave whole articles only; random input never breaks the contract."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipexplore.db import schema
from dipexplore.db.ingest import Writer, ingest
from dipexplore.extract import extract
from dipexplore.extract.readers import Article, ReadError, count_items, parse_jsonl_line, parse_txt, read_paths
from dipexplore.extract.text import normalise_text
from dipexplore.extract.record import validate_record

from .conftest import CORPUS

ARTICLES = 30


def ingest_command(source: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "dipexplore.tui.cli", "--db", str(db), "ingest", str(source), "--workers", "2"]


def stored_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def start_and_wait_for_progress(command: list[str], db: Path, **popen: object) -> subprocess.Popen:
    """Start an ingest and return once it has stored its first article (real work under way)."""
    proc = subprocess.Popen(command, **popen)
    deadline = time.monotonic() + 120
    while stored_articles(db) == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    return proc


def check_whole(db: Path) -> int:
    """Integrity, foreign keys, and every stored article complete; returns the article count."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        partial = conn.execute(
            "SELECT count(*) FROM articles a WHERE a.sentence_count != "
            "(SELECT count(*) FROM sentences s WHERE s.article_id = a.id)").fetchone()[0]
        assert partial == 0
        indexed = conn.execute("SELECT count(*) FROM sentences_fts").fetchone()[0]
        assert indexed == conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


@pytest.fixture(scope="module")
def news_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "news.jsonl"
    with open(CORPUS / "wikinews.jsonl", encoding="utf-8") as fh:
        path.write_text("".join(line for _, line in zip(range(ARTICLES), fh)))
    return path


def test_sigkill_at_random_moments_loses_nothing_whole(tmp_path: Path, news_slice: Path) -> None:
    db = tmp_path / "killed.db"
    rng = random.Random(7)
    counts = []
    for _ in range(4):
        proc = start_and_wait_for_progress(ingest_command(news_slice, db), db,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.8))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        counts.append(check_whole(db))
    assert counts == sorted(counts) and 0 < counts[0] and counts[-1] <= ARTICLES
    finished = subprocess.run(ingest_command(news_slice, db), capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert check_whole(db) == ARTICLES
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    assert len(ids) == len(set(ids)) == ARTICLES


def test_ctrl_c_stops_cleanly_and_rerun_continues(tmp_path: Path, news_slice: Path) -> None:
    db = tmp_path / "interrupted.db"
    proc = start_and_wait_for_progress(ingest_command(news_slice, db), db, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err and "interrupted" in err
    assert check_whole(db) < ARTICLES
    again = subprocess.run(ingest_command(news_slice, db), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and check_whole(db) == ARTICLES


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=400))
def test_random_text_always_gives_a_consistent_record(text: str) -> None:
    try:
        record = extract(text)
    except ValueError as exc:  # nothing left after normalisation: the only refusal
        assert "no text" in str(exc)
        return
    validate_record(record)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_readers_never_raise_on_random_input(raw: str) -> None:
    parse_txt(raw, "random.txt")
    parse_jsonl_line(raw.replace("\n", " "), "random.jsonl:1")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from([".txt", ".jsonl", ".html", ".jsonl.gz"]))
def test_readers_take_random_bytes_as_an_error_or_clean_articles(tmp_path: Path, data: bytes, suffix: str) -> None:
    """Whatever bytes a file holds, reading it yields items (articles with normalised, printable
    text, or errors naming the file); it never raises."""
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    for item in read_paths([str(path)]):
        if isinstance(item, ReadError):
            assert str(item).startswith(str(path))
        else:
            assert isinstance(item, Article) and item.text == normalise_text(item.text) and item.text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["[Reuters] ", "[/foo] ", "\x1b[31m", "\u202e", "[bold]", "\x00", "(AFP) "]),
       st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_hostile_fragments_keep_offsets_consistent(fragment: str, rest: str) -> None:
    text = f"{fragment}Russia expelled two {fragment}diplomats. {rest}"
    validate_record(extract(text))


def test_two_ingests_at_once_both_complete_without_duplicates(tmp_path: Path, news_slice: Path) -> None:
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen(ingest_command(news_slice, db), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert check_whole(db) == ARTICLES
    added = sum(int(err.strip().splitlines()[-1].split()[0]) for _, err in outputs)
    assert added == ARTICLES  # each article stored by exactly one of them


def test_two_writers_finding_one_new_file_empty_make_its_schema_once(tmp_path: Path) -> None:
    """The race behind the test above, made certain: both processes checked the new file
    before either created its tables ("table articles already exists" failed the second)."""
    path = tmp_path / "new.db"
    first, second = (sqlite3.connect(path, isolation_level=None) for _ in range(2))
    assert schema.check(first, path) == schema.check(second, path) == 0
    schema.create(first)
    schema.create(second)
    assert schema.check(second, path) == schema.SCHEMA_VERSION
    with Writer(path) as writer:
        assert writer.add(extract("Russia expelled two American diplomats on Monday."))


def test_oversized_article_is_refused_and_the_rest_ingested(tmp_path: Path) -> None:

    huge = tmp_path / "huge.txt"
    huge.write_text("The ambassador met the minister. " * 1_600_000)  # ~53 MB
    small = tmp_path / "small.txt"
    small.write_text("France recalled its ambassador to Australia.")
    report = ingest(read_paths([str(huge), str(small)]), tmp_path / "db.db")
    assert report.added == 1
    [failure] = report.failed
    assert failure.origin == str(huge) and "too long" in failure.reason


def test_thousands_of_files_in_a_directory(tmp_path: Path) -> None:

    folder = tmp_path / "many"
    for i in range(3000):
        sub = folder / f"d{i % 30:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:05d}.txt").write_text(f"Article number {i}.")
    assert count_items([str(folder)]) == 3000
    texts = [a.text for a in read_paths([str(folder)])]
    assert len(texts) == 3000 and len(set(texts)) == 3000


def test_verbless_fragments_do_not_hang_the_extractor() -> None:
    """Walking up a parse from a noun-rooted fragment must stop at the root (a Token's head is
    a new object each time, so identity never ends the walk). This real fact sheet, full of
    verbless bullet points, once hung the demo build."""
    with open(CORPUS / "demo_diplomacy.jsonl", encoding="utf-8") as fh:
        doc = next(json.loads(line) for line in fh if "Ahead of Talks with Russia" in line)
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("extract hung")))
    signal.alarm(120)
    try:
        record = extract(doc["text"], title=doc["title"])
    finally:
        signal.alarm(0)
    validate_record(record)
    assert record["events"]
