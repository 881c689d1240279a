"""Shared fixtures: the real corpus beside the checkout and small real databases."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from dipexplore.db.ingest import ingest
from dipexplore.extract.readers import read_paths

# The start-up cache of built gazetteers goes to a scratch directory, not the user's.
os.environ.setdefault("DIPEXPLORE_CACHE", tempfile.mkdtemp(prefix="dipexplore-cache-"))

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
RECORDS = Path(__file__).resolve().parent / "data" / "records.jsonl"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (CORPUS / "seed.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def records_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of real articles loaded from stored extraction records (no NLP): stable
    content for app and snapshot tests. Treat it as read-only; copy it to modify."""
    path = tmp_path_factory.mktemp("records") / "records.db"
    report = ingest(read_paths([str(RECORDS)]), path)
    assert report.added > 10 and not report.failed
    return path
