"""Untrusted text made safe to show (DESIGN §8: markup injection, control characters).

Everything from the database reaches the screen through `safe()`: a `rich.text.Text` is never
parsed as markup, and control characters are replaced one for one so that article offsets
still point at the same characters.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"
Titles = tuple[Text, Text]  # a pane's border title and subtitle


def clean(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control character as U+FFFD (same length: offsets stay valid)."""
    pattern = _CONTROL if keep_newlines else _CONTROL_OR_NEWLINE
    return pattern.sub(lambda m: " " if m.group() in "\t\n\r" else REPLACEMENT, text)


def brief(text: str, limit: int = 240) -> str:
    """`text` cleaned and cut for a notification: a toast wraps, and a 100k-character
    sentence would fill the screen."""
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def safe(text: object, style: str | Style = "") -> Text:
    """A one-line `Text` of untrusted `text`, shown literally."""
    return Text(clean("" if text is None else str(text)), style=style, no_wrap=True, overflow="ellipsis")


def short_source(source: str | None) -> str:
    """A URL source as its host ("en.wikinews.org"), anything else as it is."""
    if not source:
        return ""
    parts = urlsplit(source)
    return parts.netloc.removeprefix("www.") if parts.scheme in ("http", "https") and parts.netloc else source


TYPE_STYLES = {"PERSON": "bold cyan", "ORG": "bold magenta", "COUNTRY": "bold yellow", "PLACE": "bold green"}


def goldstein_style(score: float | None) -> str:
    """Green for cooperation, red for conflict (Goldstein scale, DESIGN §5)."""
    if score is None or score == 0:
        return "dim"
    return "green" if score > 0 else "red"


def to_strip(text: Text, width: int, base: Style, console: Console) -> Strip:
    """One line of `text`, cut or padded to `width` cells, over the widget's `base` style.

    No `Strip.crop_extend`: on a strip of the right width already it caches the strip in
    itself, a cycle that only a full garbage collection frees."""
    text.truncate(width, overflow="ellipsis", pad=True)
    segments = [segment for segment in text.render(console) if segment.text != "\n"]
    return Strip(Segment.apply_style(segments, base), width)
