"""Readers: every input kind becomes articles or a ReadError naming file (and line)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from dipexplore.extract.readers import Article, ReadError, count_items, parse_jsonl_line, read_paths, read_stdin
from dipexplore.extract.text import article_id, normalise_text

from .conftest import CORPUS


def test_txt_with_headers(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title: Envoy recalled\nDate: Sunday, October 6, 2024\nSource: Reuters\n\nThe body.\n")
    [article] = read_paths([str(path)])
    assert isinstance(article, Article)
    assert (article.title, article.date, article.source, article.text) == (
        "Envoy recalled", "2024-10-06", "Reuters", "The body.")


def test_seed_agency_tag_becomes_source() -> None:
    [article] = read_paths([str(CORPUS / "seed.txt")])
    assert article.source == "MENAFN"
    assert article.text.startswith("(MENAFN) Anatoly Antonov")  # offsets stay in the text as read


def test_jsonl_reads_fields_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": "x1", "text": "First.", "title": "T", "date": "2019-01-04", "url": "http://u"}) + "\n"
        "\n"
        "{not json\n"
        + json.dumps({"title": "no text"}) + "\n"
        + json.dumps(["a list"]) + "\n"
    )
    items = list(read_paths([str(path)]))
    assert isinstance(items[0], Article) and items[0].external_id == "x1" and items[0].url == "http://u"
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [e.origin for e in errors] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "not valid JSON" in errors[0].reason and "'text'" in errors[1].reason


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt") as fh:
        fh.write(json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n")
    assert [a.text for a in read_paths([str(path)])] == ["One.", "Two."]
    assert count_items([str(path)]) == 2


def test_html_main_text_and_title(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>The foreign minister met his counterpart in Geneva on day {i} to discuss the treaty and the "
        "future of the embassy, officials said in a statement.</p>" for i in range(5))
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Talks in Geneva</title></head><body><nav>Home | About | Contact</nav>"
        f"<article>{paragraphs}</article><footer>Copyright 2024 Example News</footer></body></html>")
    [article] = read_paths([str(path)])
    assert isinstance(article, Article)
    assert "met his counterpart in Geneva" in article.text
    assert "Copyright" not in article.text and article.title == "Talks in Geneva"


def test_directory_is_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.")
    (tmp_path / "one.txt").write_text("One.")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    assert [a.text for a in read_paths([str(tmp_path)])] == ["Two.", "One."]  # b/two.txt < one.txt


def test_bad_files_become_errors(tmp_path: Path) -> None:
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    other = tmp_path / "doc.pdf"
    other.write_bytes(b"%PDF")
    items = list(read_paths([str(binary), str(empty), str(other), str(tmp_path / "missing.txt")]))
    assert all(isinstance(i, ReadError) for i in items)
    reasons = [i.reason for i in items]
    assert "binary" in reasons[0] and reasons[1] == "no text"
    assert "unsupported" in reasons[2] and "no such file" in reasons[3]


def test_invalid_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 talks.".encode("latin-1"))
    [article] = read_paths([str(path)])
    assert article.text == "Caf\ufffd talks." and "invalid UTF-8" in article.warnings[0]


def test_stdin_sniffs_format() -> None:
    [a] = read_stdin(io.StringIO("Title: T\n\nBody text."))
    assert (a.title, a.text) == ("T", "Body text.")
    items = list(read_stdin(io.StringIO('{"text": "A."}\n{"text": "B."}\n')))
    assert [i.text for i in items] == ["A.", "B."]


def test_normalisation_and_identity() -> None:
    raw = "\ufeffA\r\nB\x1b[31m red\x07 \u0065\u0301  "
    assert normalise_text(raw) == "A\nB[31m red \u00e9"
    assert article_id("A  B\n") == article_id("A B")
    assert article_id("A B") != article_id("A C")


def test_deeply_nested_and_broken_html(tmp_path: Path) -> None:
    nested = tmp_path / "nested.html"
    nested.write_text("<div>" * 5000 + "<p>Envoys met in Vienna to discuss the nuclear deal and its "
                      "future, diplomats said after the session ended late on Friday.</p>" + "</div>" * 10)
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><p>Unclosed <b>bold <i>and <table><tr><td>cell</p></body")
    items = list(read_paths([str(nested), str(broken)]))
    assert len(items) == 2  # one item each, article or error, never an exception
    assert all(isinstance(i, (Article, ReadError)) for i in items)
    assert all(i.origin in (str(nested), str(broken)) for i in items)


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Text.")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)  # root reads anything: simulate the denial
    [error] = read_paths([str(path)])
    assert isinstance(error, ReadError) and error.origin == str(path)
    assert "Permission denied" in error.reason


def test_a_long_article_is_processed_in_pieces_with_offsets_into_the_whole() -> None:
    """A UN speech far longer than one spaCy piece: extraction sees it whole (one record,
    sentences and mentions all pointing into its text), though spaCy ran on several pieces."""
    from dipexplore.extract.pipeline import CHUNK_CHARS, _chunks, process
    from dipexplore.extract.record import validate_record

    with gzip.open(CORPUS / "scale" / "ungdc.jsonl.gz", "rt", encoding="utf-8") as lines:
        speech = next(d for d in map(json.loads, lines) if len(d["text"]) > 3 * CHUNK_CHARS)
    article = parse_jsonl_line(json.dumps(speech), "ungdc.jsonl.gz:1")
    assert article.country == speech["country_iso3"]  # who "we" are in the speech
    pieces = _chunks(article.text)
    assert len(pieces) >= 3 and "".join(pieces) == article.text
    assert all(len(piece) <= CHUNK_CHARS for piece in pieces)

    (record,) = process([article])
    validate_record(record)
    text = record["article"]["text"]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in record["sentences"])
    late = [m for m in record["mentions"] if m["start"] > len(text) - len(pieces[-1])]
    assert late and all(text[m["start"]:m["end"]] == m["text"] for m in late)


def test_the_python_api_takes_the_speaking_country() -> None:
    """`extract(text, country=...)`: "we"/"our country" in a speech are the speaking country."""
    from dipexplore.extract import extract

    sentence = "We condemn the sanctions imposed on our country by the United States."
    record = extract(sentence, country="VEN")
    countries = {e["id"]: e["country"] for e in record["entities"]}
    assert any(countries[s] == "VEN" and "USA" in {countries[t] for t in v["target"]}
               for v in record["events"] for s in v["source"])
    assert all("VEN" not in {countries.get(s) for s in v["source"]} for v in extract(sentence)["events"])
