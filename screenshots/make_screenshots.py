"""Regenerate screenshots/*.svg from the demo database: the bundled demo corpus (the seed
article and 542 real documents) run through the real extraction, as `dipexplore` builds it on
first start (a few minutes).

    python screenshots/make_screenshots.py [--db PATH]

With --db, an existing database is used instead (e.g. a demo database built before).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ (for the seed record with its events)

from contextlib import ExitStack  # noqa: E402

from dipexplore.db.ingest import ingest  # noqa: E402
from dipexplore.extract.readers import read_paths  # noqa: E402
from dipexplore.tui.app import DipExplore  # noqa: E402
from dipexplore.tui.demo import demo_paths  # noqa: E402
from tests.test_app import go_to_entity, settle  # noqa: E402

SIZE = (150, 42)


def build(path: Path) -> Path:
    """The demo database, built from the bundled corpus as on a user's first start."""
    with ExitStack() as stack:
        ingest(read_paths(demo_paths(stack)), path, workers=2)
    return path


async def shoot(db: Path, name: str, *keys: str, entity: str | None = None) -> None:
    app = DipExplore(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if entity:
            await go_to_entity(pilot, entity)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.4)
            await settle(pilot)
        for widget in app.screen.query("Input"):
            widget.cursor_blink = False
        app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
        print(HERE / f"{name}.svg")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build(Path(tmp) / "dipexplore.db")
        await shoot(db, "main", "j", entity="Anatoly")
        await shoot(db, "search", "slash", *"antonov", "down")
        await shoot(db, "timeline", "t", entity="Russia")
        await shoot(db, "help", "f1")


if __name__ == "__main__":
    asyncio.run(main())
