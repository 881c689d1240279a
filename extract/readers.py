"""Readers: files of every supported kind -> `Article`s, or `ReadError`s naming file and line.

Pure: no database, no terminal. A reader never raises for bad input; it yields a `ReadError`
so that one broken file never stops a batch.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .dates import normalise_date
from .record import RecordError, validate_record
from .text import article_id, normalise_text

SUFFIXES = (".txt", ".jsonl", ".html", ".htm", ".txt.gz", ".jsonl.gz")
_HEADER = re.compile(r"^(title|date|source|url)\s*:\s*(.*)$", re.IGNORECASE)
_AGENCY_TAG = re.compile(r"^\(([A-Z][A-Za-z0-9.&' -]{0,38}[A-Za-z0-9.])\)\s+")
_BINARY_SNIFF = 8192
# A government's own site speaks for its state. On these hosts a page titled "Statement from
# President Joe Biden on ..." or "Statement by NSC Spokesperson ..." is the US government's
# voice, so its "I" and "we" are the United States (readouts, remarks and joint statements
# quote or join others), and the official a readout or statement is of ("Readout of Principal
# Deputy National Security Advisor Jon Finer's Meeting with ...") serves that state.
_STATE_HOSTS = ((re.compile(r"(^|\.)whitehouse\.gov$|^\w+whitehouse\.archives\.gov$"), "USA"),)
_STATEMENT_TITLE = re.compile(r"^Statements? (from|by|of) ")
# "UN General Debate 2018 (session 73): statement by Iran, Islamic Republic of": a statement
# by a state, which is who "we" and "my Government" are in it
_STATE_STATEMENT_TITLE = re.compile(r"\bstatement by (?:the )?(?P<state>[^:]+?)\s*$", re.IGNORECASE)
_PRINCIPAL_TITLE = re.compile(
    r"^(?:Readout (?:of|from)|Statements? (?:from|by|of)) (?:the )?(?P<name>.+?)(?:’s|'s)?"
    r" (?:Call|Calls|Meeting|Meetings|Trip|Travel|Visit|Conversation|on|with|to|at|in|and)\b"
)


@dataclass(frozen=True)
class Article:
    """One document ready for extraction; `text` is already normalised."""

    text: str
    origin: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    external_id: str | None = None
    # The country speaking (ISO alpha-3) when the corpus says so, as the UN General Debate
    # corpus does per speech, or the title and host do (a White House statement, a "statement
    # by" a state): it is who "I" and "we" are in the text.
    country: str | None = None
    # The official the title says the page is of, with the state the publisher speaks for:
    # ("Principal Deputy National Security Advisor Jon Finer", "USA").
    principal: tuple[str, str] | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return article_id(self.text)


@dataclass(frozen=True)
class Record:
    """An extraction record (the output of `dipexplore extract`) read back from JSONL: it is
    stored as it is, without running the NLP again."""

    record: dict
    origin: str

    @property
    def id(self) -> str:
        return self.record["article"]["id"]


@dataclass(frozen=True)
class ReadError:
    """Why one input (a file, or a line of one) could not become an article."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


Item = Article | Record | ReadError


def make_article(
    text: str,
    origin: str,
    *,
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
    external_id: str | None = None,
    country: str | None = None,
    warnings: Iterable[str] = (),
) -> Item:
    """Normalise fields; an article with no text left is an error, not an empty record."""
    text = normalise_text(text)
    if not text:
        return ReadError(origin, "no text")
    if source is None and (m := _AGENCY_TAG.match(text)):
        source = m.group(1)
    return Article(
        text=text,
        origin=origin,
        title=_clean(title),
        date=normalise_date(date) if date else None,
        source=_clean(source),
        url=_clean(url),
        external_id=_clean(external_id),
        country=_iso3(country) or _statement_state(title, url or source) or _stating_state(title),
        principal=_principal(title, url or source),
        warnings=tuple(warnings),
    )


def _publisher_state(address: str | None) -> str | None:
    """The state whose government's site the address (the corpus's url, or a source that is
    one) is on, else None."""
    host = urlsplit(address).hostname or "" if address else ""
    return next((code for pattern, code in _STATE_HOSTS if pattern.search(host)), None)


def _statement_state(title: str | None, address: str | None) -> str | None:
    """The state whose own statement the article is, from its title and address."""
    return _publisher_state(address) if title and _STATEMENT_TITLE.match(normalise_text(title)) else None


def _stating_state(title: str | None) -> str | None:
    """The state a title says the statement is by, when it names one and nothing else."""
    match = _STATE_STATEMENT_TITLE.search(normalise_text(title)) if title else None
    return _country_code(match.group("state")) if match else None


def _country_code(name: str) -> str | None:
    """ISO alpha-3 of a country's name, common ("Russia") or official, as the UN lists them
    ("Iran, Islamic Republic of", "Bolivia (Plurinational State of)"), else None."""
    import pycountry

    from .entities.gazetteer import gazetteer

    for form in dict.fromkeys([name, re.sub(r"\s*\(.*\)$", "", name), name.split(",")[0]]):
        entry = gazetteer().lookup(form)
        if entry is not None and entry.type == "COUNTRY":
            return entry.country
        try:
            return pycountry.countries.lookup(form).alpha_3
        except LookupError:
            continue
    return None


def _principal(title: str | None, address: str | None) -> tuple[str, str] | None:
    """The publisher's official a readout or statement is of, with the publisher's state."""
    state = _publisher_state(address)
    match = _PRINCIPAL_TITLE.match(normalise_text(title)) if title and state else None
    return (match.group("name"), state) if match else None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    value = normalise_text(str(value))
    return value or None


def _iso3(value: object) -> str | None:
    """An ISO alpha-3 code as given by the corpus, or None for anything that is not one."""
    if isinstance(value, str) and len(value) == 3 and value.isascii() and value.isalpha():
        return value.upper()
    return None


def _decode(data: bytes, origin: str) -> tuple[str | None, list[str], ReadError | None]:
    """UTF-8 text, or an error for binary data. Invalid UTF-8 is decoded with U+FFFD and
    reported as a warning rather than refused: scraped text is often slightly broken."""
    if b"\x00" in data[:_BINARY_SNIFF]:
        return None, [], ReadError(origin, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), [], None
    except UnicodeDecodeError as exc:
        warning = f"invalid UTF-8 at byte {exc.start}; undecodable bytes replaced with U+FFFD"
        return data.decode("utf-8", errors="replace"), [warning], None


def parse_txt(raw: str, origin: str, warnings: Iterable[str] = ()) -> Item:
    """A text article with optional `Title:`/`Date:`/`Source:`/`URL:` header lines."""
    meta: dict[str, str] = {}
    lines = raw.lstrip("\ufeff").splitlines(keepends=True)
    body_start = 0
    for i, line in enumerate(lines):
        if m := _HEADER.match(line.strip()):
            meta[m.group(1).lower()] = m.group(2).strip()
            body_start = i + 1
        elif not line.strip() and meta:
            body_start = i + 1
            break
        else:
            break
    body = "".join(lines[body_start:])
    return make_article(
        body,
        origin,
        title=meta.get("title"),
        date=meta.get("date"),
        source=meta.get("source"),
        url=meta.get("url"),
        warnings=warnings,
    )


def parse_jsonl_line(line: str, origin: str) -> Item | None:
    """One JSONL record; blank lines are skipped (None)."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(origin, f"not valid JSON ({exc.msg})")
    if not isinstance(record, dict):
        return ReadError(origin, "a JSON object is required")
    if isinstance(record.get("article"), dict) and "sentences" in record:
        try:
            validate_record(record)
        except RecordError as exc:
            return ReadError(origin, f"invalid extraction record: {exc}")
        return Record(record, origin)
    text = record.get("text")
    if not isinstance(text, str):
        return ReadError(origin, "missing the required string field 'text'")
    date = record.get("date")
    return make_article(
        text,
        origin,
        title=record.get("title"),
        date=date if isinstance(date, str) else None,
        source=record.get("source"),
        url=record.get("url"),
        external_id=record.get("id"),
        country=record.get("country_iso3", record.get("country")),
    )


def parse_html(raw: str, origin: str, warnings: Iterable[str] = ()) -> Item:
    """Main text and metadata of an HTML page, via trafilatura (boilerplate removed)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(raw, with_metadata=True, favor_recall=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return ReadError(origin, f"could not parse HTML ({type(exc).__name__})")
    if doc is None or not getattr(doc, "text", None):
        return ReadError(origin, "no main text found in HTML")
    return make_article(
        doc.text,
        origin,
        title=doc.title,
        date=doc.date,
        source=doc.sitename,
        url=doc.url,
        warnings=warnings,
    )


def _open_bytes(path: Path) -> bytes:
    if path.name.endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


def _iter_jsonl(stream: io.TextIOBase, name: str) -> Iterator[Item]:
    for number, line in enumerate(stream, start=1):
        item = parse_jsonl_line(line, f"{name}:{number}")
        if item is not None:
            yield item


def read_file(path: Path) -> Iterator[Item]:
    """Articles of one file, chosen by suffix. JSONL is streamed line by line."""
    name = str(path)
    lower = path.name.lower()
    try:
        if lower.endswith((".jsonl", ".jsonl.gz")):
            opener = gzip.open if lower.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
                yield from _iter_jsonl(fh, name)
            return
        data = _open_bytes(path)
    except (OSError, EOFError) as exc:
        yield ReadError(name, f"cannot read file ({exc.strerror or exc})")
        return
    text, warnings, error = _decode(data, name)
    if error:
        yield error
    elif lower.endswith((".html", ".htm")):
        yield parse_html(text, name, warnings)
    else:
        yield parse_txt(text, name, warnings)


def read_stdin(stream: io.TextIOBase | None = None) -> Iterator[Item]:
    """`-`: JSONL if the input starts with `{`, HTML if with `<`, else one text article."""
    stream = stream or sys.stdin
    raw = stream.read()
    head = raw.lstrip()[:1]
    if head == "{":
        yield from _iter_jsonl(io.StringIO(raw), "<stdin>")
    elif head == "<":
        yield parse_html(raw, "<stdin>")
    else:
        yield parse_txt(raw, "<stdin>")


def _supported_files(directory: Path) -> list[Path]:
    """Supported files below a directory, in path order, skipping hidden files and folders."""
    return sorted(
        file for file in directory.rglob("*")
        if file.name.lower().endswith(SUFFIXES)
        and not any(part.startswith(".") for part in file.relative_to(directory).parts)
        and file.is_file()
    )


def read_paths(paths: Iterable[str]) -> Iterator[Item]:
    """Every article under the given paths: files, directories (recursive, sorted), `-`."""
    for raw_path in paths:
        if raw_path == "-":
            yield from read_stdin()
            continue
        path = Path(raw_path)
        if path.is_dir():
            for file in _supported_files(path):
                yield from read_file(file)
        elif path.exists():
            if not path.name.lower().endswith(SUFFIXES):
                yield ReadError(str(path), f"unsupported file type (expected {', '.join(SUFFIXES)})")
            else:
                yield from read_file(path)
        else:
            yield ReadError(str(path), "no such file or directory")


def count_items(paths: Iterable[str]) -> int | None:
    """How many items `read_paths` will yield, cheaply (lines of JSONL), for progress bars.
    None when it cannot be known without reading the input (stdin)."""
    total = 0
    for raw_path in paths:
        if raw_path == "-":
            return None
        path = Path(raw_path)
        for file in _supported_files(path) if path.is_dir() else [path]:
            lower = file.name.lower()
            if lower.endswith((".jsonl", ".jsonl.gz")):
                opener = gzip.open if lower.endswith(".gz") else open
                try:
                    with opener(file, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except (OSError, EOFError):
                    total += 1
            else:
                total += 1
    return total
