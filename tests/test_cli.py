"""The `dipexplore` command line, through its entry point and as an installed script."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dipexplore.extract.record import validate_record
from dipexplore.tui.cli import main

from .conftest import CORPUS, RECORDS


def test_extract_prints_a_valid_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(CORPUS / "seed.txt")]) == 0
    record = json.loads(capsys.readouterr().out)
    validate_record(record)
    assert record["article"]["source"] == "MENAFN"
    assert len(record["sentences"]) >= 12


def test_extract_jsonl_prints_one_document_per_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps({"text": "Russia expelled two diplomats."}) + "\n{bad\n"
                    + json.dumps({"text": "France recalled its ambassador."}) + "\n")
    assert main(["extract", str(path)]) == 1  # the bad line is reported, the others printed
    out, err = capsys.readouterr()
    assert [json.loads(line)["article"]["text"] for line in out.splitlines()] == [
        "Russia expelled two diplomats.", "France recalled its ambassador."]
    assert f"{path}:2" in err


def test_ingest_summary_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.db"
    assert main(["ingest", str(RECORDS), "--db", str(db), "--workers", "1"]) == 0
    assert "14 added, 0 skipped" in capsys.readouterr().err
    assert main(["ingest", str(RECORDS), str(tmp_path / "missing.txt"), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "0 added, 14 skipped (already present), 1 failed" in err and "missing.txt" in err


def test_export_csv_and_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str], records_db: Path) -> None:
    assert main(["export", "entities", "--db", str(records_db)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {"name", "type", "country", "mention_count", "aliases"} <= rows[0].keys()
    assert main(["export", "sentences", "--db", str(records_db), "--format", "jsonl"]) == 0
    sentences = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sentences and all(s["end"] > s["start"] for s in sentences)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ingest"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["export", "nonsense"])
    assert exc.value.code == 2


def test_missing_database_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "events", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err.strip()
    assert "no such database" in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_installed_console_script(tmp_path: Path) -> None:
    script = shutil.which("dipexplore", path=str(Path(sys.executable).parent))
    assert script, "the dipexplore console script is installed beside the interpreter"
    done = subprocess.run([script, "extract", "-"], input="Title: T\n\nRussia recalled its envoy.",
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["article"]["title"] == "T"


def test_first_start_builds_the_demo_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """`dipexplore` with no database builds it from the bundled corpus, then opens the app."""
    import dipexplore.tui.app as app_module
    import dipexplore.tui.demo as demo

    opened: list[Path] = []
    monkeypatch.setattr(app_module, "run_app", opened.append)
    monkeypatch.setattr(demo, "DEMO_FILES", ("seed.txt",))  # the bundled seed only: fast
    db = tmp_path / "data" / "demo.db"
    monkeypatch.setenv("DIPEXPLORE_DB", str(db))
    assert main([]) == 0
    assert opened == [db] and db.exists()
    assert "building" in capsys.readouterr().err.lower()
    from dipexplore.db import Corpus

    with Corpus(db) as corpus:
        assert corpus.counts().articles == 1


def test_bundled_demo_corpus_is_complete() -> None:
    from contextlib import ExitStack

    from dipexplore.tui.demo import demo_paths

    with ExitStack() as stack:
        paths = demo_paths(stack)
        seed, demo = (Path(p) for p in paths)
        assert seed.read_text() == (CORPUS / "seed.txt").read_text()
        assert sum(1 for _ in open(demo)) == 542
