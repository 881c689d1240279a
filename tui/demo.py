"""The demo corpus bundled with the package, and building the default database from it."""

from __future__ import annotations

import os
from contextlib import ExitStack
from importlib import resources
from pathlib import Path

import platformdirs

DEMO_FILES = ("seed.txt", "demo_diplomacy.jsonl")


def default_db_path() -> Path:
    """`$DIPEXPLORE_DB`, else the platform data directory (DESIGN §3)."""
    if env := os.environ.get("DIPEXPLORE_DB"):
        return Path(env)
    return platformdirs.user_data_path("dipexplore") / "dipexplore.db"


def demo_paths(stack: ExitStack) -> list[str]:
    """Filesystem paths of the bundled demo documents (valid while `stack` is open)."""
    root = resources.files("dipexplore.tui").joinpath("demo")
    return [str(stack.enter_context(resources.as_file(root.joinpath(name)))) for name in DEMO_FILES]
