"""Regenerate `records.jsonl`: extraction records of a few real articles, for app tests.

App and snapshot tests load these records (no NLP at test time), so the screens they check do
not shift every time the extractor improves. Rerun after extractor changes, then update the
snapshots: `python tests/data/regenerate.py && python -m pytest --snapshot-update tests/`.
"""

from __future__ import annotations

import json
from pathlib import Path

from dipexplore.extract.pipeline import process
from dipexplore.extract.readers import Article, read_paths

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared" / "corpus"
PER_GENRE = {"news": 4, "official statement": 8, "speech (UN General Debate)": 1}


def sample() -> list[Article]:
    """The seed plus the shortest documents of each genre of the demo corpus."""
    genres = {}
    with open(SHARED / "demo_diplomacy.jsonl", encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            doc = json.loads(line)
            genres.setdefault(doc["genre"], []).append((len(doc["text"]), number))
    wanted = {n for genre, docs in genres.items() for _, n in sorted(docs)[: PER_GENRE.get(genre, 0)]}
    articles = [a for a in read_paths([str(SHARED / "demo_diplomacy.jsonl")])
                if int(a.origin.rsplit(":", 1)[1]) in wanted]
    return [*read_paths([str(SHARED / "seed.txt")]), *articles]


def main() -> None:
    with open(HERE / "records.jsonl", "w", encoding="utf-8") as out:
        for record in process(sample()):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
