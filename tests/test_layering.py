"""Dependencies point one way: tui -> db -> extract (DESIGN §2)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("dipexplore.extract.pipeline", ("sqlite3", "sqlite_utils", "textual", "dipexplore.db", "dipexplore.tui")),
        ("dipexplore.extract", ("sqlite3", "sqlite_utils", "textual", "dipexplore.db", "dipexplore.tui")),
        ("dipexplore.db", ("textual", "dipexplore.tui")),
        ("dipexplore.db.ingest", ("textual", "dipexplore.tui")),
    ],
)
def test_lower_layers_do_not_load_higher_ones(module: str, forbidden: tuple[str, ...]) -> None:
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout.split())
    assert module in loaded
    assert not [name for name in forbidden if name in loaded]
