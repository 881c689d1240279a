"""Regenerate screenshots/*.svg from a real corpus: the seed article's record (with the seed's
events) plus the 14 real extraction records of tests/data/records.jsonl.

    python screenshots/make_screenshots.py [--db PATH]

With --db, the screenshots are taken on that database instead (e.g. the demo database).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ (for the seed record with its events)

from dipexplore.db.ingest import Writer, ingest  # noqa: E402
from dipexplore.extract.readers import read_paths  # noqa: E402
from dipexplore.tui.app import DipExplore  # noqa: E402
from tests.test_app import RECORDS, go_to_entity, seed_record, settle  # noqa: E402

SIZE = (150, 42)


def build(path: Path) -> Path:
    with Writer(path) as writer:
        writer.add(seed_record())
    ingest(read_paths([str(RECORDS)]), path)
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
