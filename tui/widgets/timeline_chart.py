"""Events per month as a diverging bar chart: conflict to the left, cooperation to the right.

The Goldstein score of each event (DESIGN §5) says which side it counts on; the balance
column is the month's mean score, from -10 (war) to +10 (integration).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dipexplore.db.queries import Month

from ..text import goldstein_style

HALF = 24  # cells per side


def _bar(count: int, scale: float, char: str = "█") -> str:
    cells = count * scale
    return char * int(cells) + ("▌" if cells - int(cells) >= 0.5 else "")


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
    for month in months:
        scored = month.cooperation + month.conflict
        mean = month.goldstein / scored if scored else 0.0
        lines.append(f"{month.period:<8} ", "bold" if len(month.period) == 7 else "bold italic")
        lines.append(f"{_bar(month.conflict, scale):>{HALF}}", "red")
        lines.append(" │ ", "dim")
        lines.append(f"{_bar(month.cooperation, scale):<{HALF}}", "green")
        lines.append(f" {month.events:>4}  ")
        lines.append(f"{mean:+5.1f}\n", goldstein_style(mean))
    lines.append("\nyears without a month are shown on their own line (in italics)", "dim italic")
    return lines


class TimelineChart(Static):
    def show(self, months: list[Month]) -> None:
        self.update(chart(months))
