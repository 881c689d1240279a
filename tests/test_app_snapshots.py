"""How the main screens look (pytest-textual-snapshot). Regenerate after a deliberate change
with `pytest tests/test_app_snapshots.py --snapshot-update` and review the SVG diffs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from dipexplore.tui.app import DipExplore

from .test_app import events_db, go_to_entity, settle  # noqa: F401 (events_db is a fixture)

SIZE = (140, 40)


async def _steady(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await settle(pilot)


def test_main_screen(snap_compare, records_db: Path) -> None:
    assert snap_compare(DipExplore(records_db), terminal_size=SIZE, run_before=_steady)


def test_entity_with_events(snap_compare, events_db: Path) -> None:
    async def run_before(pilot) -> None:
        await _steady(pilot)
        await go_to_entity(pilot, "Anatoly")
        await pilot.press("j")
        await _steady(pilot)

    assert snap_compare(DipExplore(events_db), terminal_size=SIZE, run_before=run_before)


def test_timeline(snap_compare, events_db: Path) -> None:
    async def run_before(pilot) -> None:
        await _steady(pilot)
        await go_to_entity(pilot, "Russia")
        await pilot.press("t")
        await _steady(pilot)

    assert snap_compare(DipExplore(events_db), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, records_db: Path) -> None:
    async def run_before(pilot) -> None:
        await _steady(pilot)
        await pilot.press("f1")
        await _steady(pilot)

    assert snap_compare(DipExplore(records_db), terminal_size=SIZE, run_before=run_before)


def test_unusable_database(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty.db").write_bytes(b"")
    assert snap_compare(DipExplore(Path("empty.db")), terminal_size=(100, 20), run_before=_steady)
