"""Search at scale (issue 6): per-keystroke work, relevance against brute force, memory and
the time to open a database ready to search, on at least a million real sentences.

The database is built once (see `search_build.py` for how) and reused on later runs:

    python bench/search.py [--db PATH] [--sentences 1000000] [--nlp-docs 300]

Figures printed (after the database's size and that of its sentence index and word pair lists):
- keystroke: every prefix of each query in `TYPED` searched as if typed, one char at a time
  (median, p95, p99; budget median <= 10 ms, p99 <= 25 ms), and the CPU time of the same
  searches with the load average: on a shared machine wall time includes waiting for a core;
- relevance: for each query in `JUDGED` (names, misspelt names, words cut short as typed,
  phrases, some misspelt: a fixed set, chosen before tuning), how much of the top 20 of a
  brute-force scan of every sentence our top 20 sentence hits (`search(query, 20,
  kinds={"sentence"})`, asked once the query is typed, as in the app) hold. Brute force
  scores each sentence with `fuzz.partial_ratio` of the query against it, both case- and
  accent-folded with punctuation as spaces (`search.plain`); sentences shorter than the query
  are left out (partial_ratio would look for them inside the query: "S." would score 100).
  "ids" counts the same sentences; "tie-aware" counts ours whose brute-force score reaches the
  brute-force 20th best (many sentences tie, and which of them brute force lists is
  arbitrary). Budget >= 90%, also given for the issue's own queries (`ISSUE`). "reach": how
  many sentences score at least that 20th best, the pool a tie-aware hit may come from (when it
  is barely 20, brute force's tail is whatever happens to align with the query across word
  boundaries: "la[st september]" for "st petersberg"). "score share" (not the issue's measure, for scale): the
  brute-force scores of our 20 over those of its own 20. `--misses` prints, per query, the
  stretches of the brute-force top 20 sentences ours left out that beat our worst;
- memory: resident memory the search added to this process (budget <= 100 MB);
- open: a fresh interpreter importing dipexplore.db, opening the Corpus, loading the
  vocabulary and answering a first query (budget: part of the app's 0.8 s launch).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_build import build  # noqa: E402

from dipexplore.db import Corpus  # noqa: E402
from dipexplore.db.search import plain  # noqa: E402

JUDGED = [
    # names, as typed, misspelt or cut short
    "antonv", "lavrov", "zelensky", "xi jinping", "erdogan", "netanyahoo", "putn", "st petersberg",
    # words cut short as typed
    "sanct", "nucl", "prime minister mod", "ukrain grain deal",
    # phrases, some misspelt
    "consulat closure", "russia expel", "climate chnage", "sanctions against iran",
    "north korea missile launch", "secretary of state blinken", "trade tarifs china",
    "covid vacines", "human rights council", "infrastructure bill",
]
ISSUE = ["antonv", "st petersberg", "consulat closure", "russia expel"]  # named in issue 6
TYPED = JUDGED + ["Zelenskyy", "президент", "🙂 \"AND\" NEAR("]
OPEN_SNIPPET = """
import sys, time
t = time.perf_counter()
from dipexplore.db import Corpus
corpus = Corpus(sys.argv[1])
corpus.prepare_search()
corpus.search("antonv")
print(time.perf_counter() - t)
"""


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def index_sizes(corpus: Corpus) -> dict[str, float]:
    """MB on disk of the sentence index and of search's word pair lists (SQLite's `dbstat`)."""
    return dict(corpus.conn.execute(
        "SELECT CASE WHEN name LIKE 'sentences_fts%' THEN 'sentences_fts' ELSE name END AS part, "
        "sum(pgsize) / 1048576.0 FROM dbstat WHERE name LIKE 'sentences_fts%' "
        "OR name IN ('search_followers', 'search_endings') GROUP BY part"))


def keystrokes(corpus: Corpus) -> tuple[dict[str, float], list[float]]:
    """Milliseconds per search, for every prefix of every typed query: wall clock (the budget)
    by query, and this thread's CPU time (the work itself, whatever else the machine runs)."""
    wall, cpu = {}, []
    for query in TYPED:
        for end in range(1, len(query) + 1):
            start, start_cpu = time.perf_counter(), time.thread_time()
            corpus.search(query[:end])
            wall[query[:end]] = (time.perf_counter() - start) * 1000
            cpu.append((time.thread_time() - start_cpu) * 1000)
    return wall, cpu


class Judged(NamedTuple):
    query: str
    ids: float  # share of brute force's top 20 sentences that ours are
    tie_aware: float  # share of ours scoring at least brute force's 20th best
    score_share: float  # brute-force scores of ours over brute force's own top 20 scores
    floor: float  # brute force's 20th best score
    reach: int  # sentences scoring at least `floor`
    brute_seconds: float
    misses: list[tuple[float, str]]  # brute force's top 20 left out that beat our worst: stretch


def relevance(corpus: Corpus) -> list[Judged]:
    """Our top 20 sentence hits against a brute-force scan of every sentence, per judged query."""
    ids, texts = zip(*corpus.conn.execute("SELECT id, text FROM sentences ORDER BY id"))
    plain_of = dict(zip(ids, map(plain, texts)))
    plains = list(plain_of.values())
    rows = []
    for query in JUDGED:
        start = time.perf_counter()
        needle = plain(query)
        scores = brute_scores(needle, plains)
        brute = [(plains[i], scores[i], i) for i in np.argsort(-scores, kind="stable")[:20]]
        brute_seconds = time.perf_counter() - start
        ours = [h.sentence_id for h in corpus.search(query, limit=20, kinds={"sentence"})]
        judged = [brute_score(needle, plain_of[i]) for i in ours]
        floor = brute[-1][1]
        worst = min(judged, default=0.0)
        misses = [(score, stretch(needle, text)) for text, score, index in brute
                  if ids[index] not in ours and score > worst]
        rows.append(Judged(
            query, len({ids[index] for _, _, index in brute}.intersection(ours)) / 20,
            sum(score >= floor for score in judged) / 20,
            sum(judged) / sum(score for _, score, _ in brute), floor, int((scores >= floor).sum()),
            brute_seconds, misses,
        ))
    return rows


def brute_scores(needle: str, haystacks: list[str]) -> np.ndarray:
    """`brute_score` of every plain sentence, at C speed (float64, as `brute_score` returns: a
    float32 could put a tie just under the floor)."""
    kept = [t if len(t) >= len(needle) else "" for t in haystacks]
    return process.cdist([needle], kept, scorer=fuzz.partial_ratio, processor=None, dtype=np.float64)[0]


def brute_score(needle: str, haystack: str) -> float:
    """The brute-force score of one plain sentence (0 if shorter than the query: left out)."""
    return fuzz.partial_ratio(needle, haystack) if len(haystack) >= len(needle) else 0.0


def stretch(needle: str, haystack: str, context: int = 12) -> str:
    """The part of `haystack` the query aligns with, with some context either side."""
    window = fuzz.partial_ratio_alignment(needle, haystack)
    return (haystack[max(0, window.dest_start - context) : window.dest_start] + "["
            + haystack[window.dest_start : window.dest_end] + "]"
            + haystack[window.dest_end : window.dest_end + context])


def open_seconds(db: Path) -> float:
    """Best of three fresh interpreters: import, open, load the vocabulary, first search."""
    runs = [
        float(subprocess.run([sys.executable, "-c", OPEN_SNIPPET, str(db)], check=True,
                             capture_output=True, text=True).stdout)
        for _ in range(3)
    ]
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/dipexplore-bench/search4.db"))
    parser.add_argument("--sentences", type=int, default=1_000_000)
    parser.add_argument("--nlp-docs", type=int, default=300)
    parser.add_argument("--misses", action="store_true", help="print what each query missed")
    args = parser.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build(args.db, args.sentences, args.nlp_docs)

    before = rss_mb()
    corpus = Corpus(args.db)
    counts = {table: corpus.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("articles", "sentences", "entities", "events", "search_vocab")}
    print(f"database {args.db}: {args.db.stat().st_size / 2**20:.0f} MB, "
          + ", ".join(f"{n:,} {table}" for table, n in counts.items()))
    print("search indexes: " + ", ".join(f"{name} {mb:.1f} MB" for name, mb in index_sizes(corpus).items()))
    corpus.prepare_search()
    by_query, cpu = keystrokes(corpus)
    memory = rss_mb() - before
    times = list(by_query.values())
    slowest = sorted(by_query.items(), key=lambda t: -t[1])[:5]
    print(f"keystroke: {len(times)} searches, median {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 95):.1f} ms, p99 {percentile(times, 99):.1f} ms, "
          f"max {max(times):.1f} ms (budget: median <= 10, p99 <= 25); CPU time: median "
          f"{statistics.median(cpu):.1f} ms, p99 {percentile(cpu, 99):.1f} ms "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print("  slowest: " + ", ".join(f"{q!r} {ms:.0f} ms" for q, ms in slowest))
    print(f"memory: search added {memory:.0f} MB resident (budget <= 100)")
    print(f"open: import + open + vocabulary + first search {open_seconds(args.db):.2f} s "
          "(budget: within the app's 0.8 s launch)")
    rows = relevance(corpus)
    for r in rows:
        print(f"relevance {r.query!r} (top 20 sentence hits): ids {r.ids:.0%}, tie-aware "
              f"{r.tie_aware:.0%}, score share {r.score_share:.0%} (brute force: 20th best "
              f"{r.floor:.1f}, reached by {r.reach:,}, {r.brute_seconds:.1f} s)")
        for score, text in r.misses if args.misses else ():
            print(f"  missed {score:.1f}: {text}")
    for name, chosen in (("issue's queries", [r for r in rows if r.query in ISSUE]), ("all", rows)):
        print(f"relevance mean, {name}: ids {statistics.mean(r.ids for r in chosen):.0%}, tie-aware "
              f"{statistics.mean(r.tie_aware for r in chosen):.0%} (budget >= 90%), score share "
              f"{statistics.mean(r.score_share for r in chosen):.0%}")


if __name__ == "__main__":
    main()
