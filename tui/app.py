"""The Textual app (replaced by the explorer issue)."""

from __future__ import annotations

from pathlib import Path


def run_app(db_path: Path) -> None:
    raise SystemExit("the explorer lands with the app issue")
