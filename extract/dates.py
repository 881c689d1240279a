"""Dates: normalise what readers find to ISO 8601, as precise as the input allows."""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as date_parser

_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")


def normalise_date(value: str | None) -> str | None:
    """`'Sunday, October 6, 2024'` -> `'2024-10-06'`; `'August 2017'` -> `'2017-08'`.

    Returns None for anything that is not recognisably a date rather than guessing.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if _YEAR.match(value):
        return value
    if m := _YEAR_MONTH.match(value):
        month = int(m.group(2))
        return f"{m.group(1)}-{month:02d}" if 1 <= month <= 12 else None
    if m := _MONTH_YEAR.match(value):
        try:
            month = datetime.strptime(m.group(1)[:3], "%b").month
        except ValueError:
            return None
        return f"{m.group(2)}-{month:02d}"
    try:
        parsed = date_parser.parse(value, default=datetime(1, 1, 1), fuzzy=False)
    except (ValueError, OverflowError):
        return None
    if parsed.year == 1:
        return None
    return parsed.date().isoformat()
