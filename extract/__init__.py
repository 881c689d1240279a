"""dipexplore.extract: article text in, DESIGN §4 records out. Pure: no SQLite, no Textual."""

from __future__ import annotations

from .readers import Article, ReadError, make_article, read_paths

__all__ = ["Article", "ReadError", "extract", "make_article", "read_paths"]


def extract(
    text: str,
    *,
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
    country: str | None = None,
) -> dict:
    """The §4 record of one article given as text (the Python face of `dipexplore extract`).
    `country` (ISO alpha-3) is the speaking country of a first-person text such as a speech."""
    from .pipeline import extract_item

    item = make_article(text, "<text>", title=title, date=date, source=source, url=url, country=country)
    result = extract_item(item)
    if isinstance(result, ReadError):
        raise ValueError(result.reason)
    return result
