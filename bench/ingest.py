"""Ingest throughput against the bare spaCy pipeline it uses (issue 7).

For a slice of about `--words` words of each scale corpus, prints in one run:
- bare: `nlp.pipe` of the same pipeline (same components) in the same number of processes,
  nothing stored;
- ingest: the whole `dipexplore ingest` path (read, extract, write SQLite with FTS);
their words/s and ratio, peak memory (RSS of this process and its workers) and database size
per million words.

    python bench/ingest.py [--words 1000000] [--workers 2] [--corpus whitehouse ungdc]
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

SCALE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "scale"


def slice_corpus(name: str, words: int, out: Path) -> int:
    """Write the first documents of a scale corpus totalling about `words` words."""
    total = 0
    with gzip.open(SCALE / f"{name}.jsonl.gz", "rt", encoding="utf-8") as src, open(out, "w") as dst:
        for line in src:
            doc = json.loads(line)
            total += len(doc["text"].split())
            dst.write(line)
            if total >= words:
                break
    return total


def _bare_texts(path: Path) -> list[str]:
    from dipexplore.extract.pipeline import _chunks
    from dipexplore.extract.readers import Article, read_paths

    return [chunk for a in read_paths([str(path)]) if isinstance(a, Article) for chunk in _chunks(a.text)]


def bare(path: Path, workers: int) -> float:
    """Seconds for nlp.pipe over the slice, same pipeline and processes, nothing stored."""
    from dipexplore.extract.pipeline import load_nlp

    nlp = load_nlp()
    texts = _bare_texts(path)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=workers):
        pass
    return time.perf_counter() - start


def full_ingest(path: Path, workers: int, db: Path) -> float:
    from dipexplore.db.ingest import ingest
    from dipexplore.extract.readers import read_paths

    start = time.perf_counter()
    report = ingest(read_paths([str(path)]), db, workers=workers)
    assert not report.failed, report.failed[:3]
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--corpus", nargs="+", default=["whitehouse", "ungdc"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.corpus:
            sample = Path(tmp) / f"{name}.jsonl"
            words = slice_corpus(name, args.words, sample)
            bare_s = bare(sample, args.workers)
            db = Path(tmp) / f"{name}.db"
            ingest_s = full_ingest(sample, args.workers, db)
            size = sum(p.stat().st_size for p in Path(tmp).glob(f"{name}.db*"))
            print(f"{name}: {words:,} words, {args.workers} workers")
            print(f"  bare nlp.pipe : {words / bare_s:9,.0f} words/s ({bare_s:.1f} s)")
            print(f"  ingest        : {words / ingest_s:9,.0f} words/s ({ingest_s:.1f} s)")
            print(f"  ratio         : {bare_s / ingest_s:9.2f} (target >= 0.85)")
            print(f"  database      : {size / words:9.1f} MB per million words")
            print(f"  peak RSS      : {peak_rss_mb():9.0f} MB (largest single process)")


if __name__ == "__main__":
    main()
