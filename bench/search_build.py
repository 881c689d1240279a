"""Build the search benchmark's database: at least a million real sentences (issue 6).

How: the first `nlp_docs` White House pages go through the real ingest (spaCy, entities,
events), so the database has entities and events to find. Every later document (White House,
then UN General Debate speeches) is stored through the same `Writer` as a record with only
sentences, cut by a cheap regex splitter instead of NLP, until `sentences` is reached. During
that second part the sentence FTS trigger is off and the index is built once at the end
(`fts.bulk_load`), then the search vocabulary and its word pair lists are counted.
A database of an older schema is brought up to date with `dipexplore migrate --db PATH`
(version 3 to 4 adds the pair lists: 31 s for the million-sentence database).

    python bench/search_build.py PATH [--sentences 1000000] [--nlp-docs 150]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from dipexplore.db import fts
from dipexplore.db.ingest import Writer, ingest
from dipexplore.extract.readers import Article, make_article, read_paths

SCALE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "scale"
CORPORA = ("whitehouse", "ungdc")
# A sentence ends at . ! or ? (with closing quotes or brackets) before white space, or at a
# line break. Crude ("St. Petersburg" is cut in two) but real text, and fast.
_SENTENCE = re.compile(r"\S.*?(?:[.!?][\"'”’)\]]*(?=\s)|(?=\n)|\Z)")


def documents() -> Iterator[dict]:
    """Every scale document, White House pages first."""
    for name in CORPORA:
        with gzip.open(SCALE / f"{name}.jsonl.gz", "rt", encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)


def sentence_record(article: Article) -> dict:
    """A §4 record holding only the article and its regex-split sentences."""
    sentences = [
        {"index": i, "start": m.start(), "end": m.end(), "text": m.group()}
        for i, m in enumerate(_SENTENCE.finditer(article.text))
    ]
    return {
        "article": {"id": article.id, "title": article.title, "date": article.date,
                    "source": article.source, "url": article.url, "text": article.text},
        "sentences": sentences, "entities": [], "mentions": [], "events": [],
    }


def build(path: Path, sentences: int, nlp_docs: int) -> None:
    """Create the database at `path` (which must not exist yet)."""
    docs = documents()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        nlp_slice = Path(tmp) / "slice.jsonl"
        nlp_slice.write_text("".join(json.dumps(d) + "\n" for d in islice(docs, nlp_docs)))
        report = ingest(read_paths([str(nlp_slice)]), path, workers=1)
    print(f"NLP slice: {report.added} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with Writer(path) as writer:
        total = writer.conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        with fts.bulk_load(writer.conn):
            for doc in docs:
                article = make_article(doc["text"], f"{doc['source']}", title=doc.get("title"),
                                       date=doc.get("date"), source=doc.get("source"))
                if not isinstance(article, Article):
                    continue
                record = sentence_record(article)
                if writer.add(record, origin=article.origin, external_id=doc.get("id")):
                    total += len(record["sentences"])
                if total >= sentences:
                    break
            print(f"loaded {total:,} sentences in {time.perf_counter() - started:.0f} s; "
                  "indexing", file=sys.stderr)
        writer.commit()  # the writer's last batch, with the index built by `bulk_load`
        writer.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--sentences", type=int, default=1_000_000)
    parser.add_argument("--nlp-docs", type=int, default=150)
    args = parser.parse_args()
    if args.path.exists():
        parser.error(f"{args.path} exists")
    build(args.path, args.sentences, args.nlp_docs)


if __name__ == "__main__":
    main()
