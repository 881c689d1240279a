"""Events per month as a diverging bar chart: conflict to the left, cooperation to the right.

The Goldstein score of each event (DESIGN §5) says which side it counts on; the balance
column is the month's mean score, from -10 (war) to +10 (integration). Months without
events are rows of zero, so that a quiet spell reads as one; a run of more than `LONG_GAP`
of them is one line that says how long it is.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.widgets import Static

from dipexplore.db.queries import Month

from ..text import goldstein_style

HALF = 24  # cells per side
LONG_GAP = 12  # empty months shown one by one; longer runs are a single line
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _bar(count: int, scale: float, char: str = "█") -> str:
    cells = count * scale
    return char * int(cells) + ("▌" if cells - int(cells) >= 0.5 else "")


def _index(period: str) -> int | None:
    """Months since year 0 of a `YYYY-MM` period; None for a year or anything else."""
    match = _MONTH.fullmatch(period)
    return int(match[1]) * 12 + int(match[2]) - 1 if match else None


def with_gaps(months: list[Month]) -> list[Month | int]:
    """`months` (in period order) with the empty months between them: a zero row each, or
    the number of them for a long run. A year-only row stays before its year's months."""
    rows: list[Month | int] = []
    last: int | None = None
    for month in months:
        index = _index(month.period)
        if index is not None and last is not None and index - last > 1:
            missing = index - last - 1
            if missing > LONG_GAP:
                rows.append(missing)
            else:
                rows.extend(Month(f"{i // 12:04d}-{i % 12 + 1:02d}", 0, 0, 0, 0.0) for i in range(last + 1, index))
        if index is not None:
            last = index
        rows.append(month)
    return _years_first(rows)


def _years_first(rows: list[Month | int]) -> list[Month | int]:
    """Move each year-only row before the first month of its year (zero rows included)."""
    years = [row for row in rows if isinstance(row, Month) and _index(row.period) is None]
    ordered: list[Month | int] = []
    for row in rows:
        if isinstance(row, Month) and _index(row.period) is None:
            continue
        while years and isinstance(row, Month) and row.period >= years[0].period:
            ordered.append(years.pop(0))
        ordered.append(row)
    return ordered + years


def chart(months: list[Month]) -> Text:
    """The chart as text, one line per month (or year, where only the year is known)."""
    if not months:
        return Text("No dated events.", style="dim italic")
    peak = max(max(m.cooperation, m.conflict) for m in months) or 1
    scale = HALF / peak
    total = sum(m.events for m in months)
    scored = sum(m.cooperation + m.conflict for m in months)
    balance = sum(m.goldstein for m in months) / scored if scored else 0.0
    lines = Text.assemble(
        (f"{total} events", "bold"), "  ·  ",
        (f"{sum(m.cooperation for m in months)} cooperation", "green"), "  ·  ",
        (f"{sum(m.conflict for m in months)} conflict", "red"), "  ·  balance ",
        (f"{balance:+.1f}", goldstein_style(balance)), "\n\n",
        (f"{'':8} {'conflict':>{HALF}} │ {'cooperation':<{HALF}} {'n':>4}  balance\n", "dim"),
    )
    for row in with_gaps(months):
        if isinstance(row, int):
            lines.append(f"{'':8} {'':>{HALF}} ┆ {f'{row} months without events':<{HALF}}\n", "dim italic")
            continue
        scored = row.cooperation + row.conflict
        lines.append(f"{row.period:<8} ", ("bold" if row.events else "dim") + ("" if _index(row.period) is not None else " italic"))
        lines.append(f"{_bar(row.conflict, scale):>{HALF}}", "red")
        lines.append(" │ ", "dim")
        lines.append(f"{_bar(row.cooperation, scale):<{HALF}}", "green")
        lines.append(f" {row.events:>4}  " if row.events else f" {'·':>4}  ", "" if row.events else "dim")
        lines.append(f"{row.goldstein / scored:+5.1f}\n" if scored else "\n",
                     goldstein_style(row.goldstein / scored if scored else 0))
    lines.append("\nbalance: mean Goldstein score (-10 conflict … +10 cooperation)"
                 " · italics: dated by the year only", "dim italic")
    return lines


class TimelineChart(Static):
    def show(self, months: list[Month]) -> None:
        self.update(chart(months))
