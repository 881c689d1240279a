"""Event extraction quality and cost, in one run.

1. The seed article against the analyst's coding (../shared/gold/seed_expected.json):
   recall of required events and precision at "right type, right sentence, right actor
   countries", then PLOVER / date / modality / place / negation accuracy on the matches.
2. Events per 1,000 words by type on Wikinews and on the diplomatic demo corpus (White
   House readouts, UN speeches, Wikinews): over-generation and recall gaps show here.
3. Words per second: bare spaCy vs the full extraction (`pipeline.process`), and the event
   layer's own share.

Reading mode, to judge precision and recall by eye instead of by counts:

    python bench/events_eval.py [--articles 60]
    python bench/events_eval.py --corpus demo_diplomacy --sample 40 [--misses 40] [--seed 1]

`--sample N` prints N random extracted events with their sentences; `--misses N` prints N
random sentences naming actors of two different countries where no event was found.

Hand labels, to score precision and recall at "type + sentence + actor countries":

    python bench/events_eval.py --labels labels.tsv [--errors] [--causes]

`--causes` counts the missed events by why they were missed: the right type was found with
other actor countries (`actors`); a lexicon trigger of that type was in the sentence but its
requirements failed (`requirements`) or a precision rule dropped it (`precision rule`); only
events of other types were found (`other type`); no trigger of that type at all (`lexicon`).

one event a line, tab-separated: `corpus:line  sentence  TYPE  SOURCES  TARGETS  [opt]`, countries
comma-separated ISO codes or `-` for none; `XXX?` marks a country that may or may not be given
(implicit in the text); `opt` marks an acceptable event that recall does not require. An
article with no events is listed with sentence -1 and type NONE, so what it yields counts as
spurious. `corpus` is `wikinews`, `demo_diplomacy`, or a scale file (`whitehouse`, `ungdc`, read
from `corpus/scale/`); `corpus:line:first-last` labels only paragraphs `first` to `last` (lines of
the text, inclusive, from 0) of a long document such as a UN speech, sentences counted in that
excerpt.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import spacy

from dipexplore.extract import events as event_layer
from dipexplore.extract import extract
from dipexplore.extract.events.detect import _reading
from dipexplore.extract.events.lexicon import trigger_candidates
from dipexplore.extract.events.modality import governor_chain
from dipexplore.extract.pipeline import MODEL, load_nlp, process
from dipexplore.extract.readers import parse_jsonl_line

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = ("wikinews", "demo_diplomacy")


def _countries(record: dict, ids: list[str]) -> frozenset[str]:
    by_id = {e["id"]: e for e in record["entities"]}
    return frozenset(c for c in (by_id[i].get("country") for i in ids) if c)


def _place_name(record: dict, entity_id: str | None) -> str | None:
    by_id = {e["id"]: e for e in record["entities"]}
    return by_id[entity_id]["name"] if entity_id else None


def _matches(record: dict, event: dict, gold: dict) -> bool:
    sentence = record["sentences"][event["sentence"]]["text"]
    return (
        event["type"] == gold["type"]
        and gold["sentence"] in sentence
        and _countries(record, event["source"]) == frozenset(gold["source"])
        and _countries(record, event["target"]) == frozenset(gold["target"])
    )


def _same_place(found: str | None, wanted: str | None) -> bool:
    if found is None or wanted is None:
        return found == wanted
    norm = lambda s: s.lower().replace("the ", "").replace(".", "")  # noqa: E731
    return norm(wanted) in norm(found) or norm(found) in norm(wanted)


def seed_scores() -> None:
    gold = json.loads((SHARED / "gold" / "seed_expected.json").read_text(encoding="utf-8"))
    record = extract((SHARED / "corpus" / "seed.txt").read_text(encoding="utf-8"))
    events = record["events"]
    required = [g for g in gold["events"] if g["required"]]
    matched: dict[int, dict | None] = {}
    for g in gold["events"]:  # one-to-one: two closures in one sentence are two matches
        taken = [id(m) for m in matched.values() if m]
        matched[id(g)] = next((e for e in events if id(e) not in taken and _matches(record, e, g)), None)
    hits = [g for g in required if matched[id(g)]]
    correct = [e for e in events if any(_matches(record, e, g) for g in gold["events"])]
    print(f"seed: required recall {len(hits)}/{len(required)}, precision {len(correct)}/{len(events)}")
    checks = {
        "plover": lambda e, g: e["plover"] == g["plover"],
        "date": lambda e, g: e["date"] == g["date"],
        "modality": lambda e, g: e["modality"] == g["modality"],
        "negated": lambda e, g: e["negated"] == g["negated"],
        "place": lambda e, g: _same_place(_place_name(record, e["place"]), g["place"]),
    }
    for name, check in checks.items():
        good = [g for g in hits if check(matched[id(g)], g)]
        misses = [f"{g['type']} ({g['sentence'][:40]}...)" for g in hits if g not in good]
        print(f"  {name:9} {len(good)}/{len(hits)}" + (f"  wrong: {'; '.join(misses)}" if misses else ""))
    for g in required:
        if not matched[id(g)]:
            print(f"  MISSED {g['type']}: {g['sentence']}")
    for e in events:
        if e not in correct:
            print(f"  SPURIOUS {e['type']}: {record['sentences'][e['sentence']]['text'][:90]}")


def _articles(corpus: str, limit: int) -> list:
    """`limit` documents spread evenly over the corpus, so every genre of a mixed corpus
    (demo_diplomacy: Wikinews, then White House, then UN) is represented."""
    path = SHARED / "corpus" / f"{corpus}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // limit)
    articles = []
    for number in range(0, len(lines), step)[:limit]:
        row = json.loads(lines[number])
        articles.append(_article(row, f"{path.name}:{number}"))
    return articles


def _article(row: dict, origin: str):
    """The article as ingest reads a JSONL row (the text may be an excerpt)."""
    return parse_jsonl_line(json.dumps(row), origin)


def _corpus_path(corpus: str) -> Path:
    plain = SHARED / "corpus" / f"{corpus}.jsonl"
    return plain if plain.exists() else SHARED / "corpus" / "scale" / f"{corpus}.jsonl.gz"


def _rows(corpus: str, numbers: set[int]) -> dict[int, dict]:
    """Lines `numbers` of a corpus, streamed: the scale files are too big to hold whole."""
    path = _corpus_path(corpus)
    opener = gzip.open if path.suffix == ".gz" else open
    found: dict[int, dict] = {}
    with opener(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number in numbers:
                found[number] = json.loads(line)
                if len(found) == len(numbers):
                    break
    return found


def _labelled_articles(specs: list[str]) -> list:
    """The articles `corpus:line[:first-last]` name, excerpts cut to their paragraphs."""
    parts = [spec.split(":") for spec in specs]
    wanted: dict[str, set[int]] = {}
    for corpus, line, *_ in parts:
        wanted.setdefault(corpus, set()).add(int(line))
    rows = {corpus: _rows(corpus, numbers) for corpus, numbers in wanted.items()}
    articles = []
    for spec, (corpus, line, *excerpt) in zip(specs, parts):
        row = dict(rows[corpus][int(line)])
        if excerpt:
            first, last = map(int, excerpt[0].split("-"))
            row["text"] = "\n".join(row["text"].split("\n")[first : last + 1])
        articles.append(_article(row, spec))
    return articles


@dataclass(frozen=True)
class Label:
    """One hand-coded event: countries that must be given, and those that may be."""

    sentence: int
    type: str
    source: tuple[frozenset[str], frozenset[str]]
    target: tuple[frozenset[str], frozenset[str]]
    optional: bool


def _countries_cell(cell: str) -> tuple[frozenset[str], frozenset[str]]:
    codes = [] if cell == "-" else cell.split(",")
    return frozenset(c for c in codes if not c.endswith("?")), frozenset(c[:-1] for c in codes if c.endswith("?"))


def _read_labels(path: Path) -> dict[str, list[Label]]:
    labels: dict[str, list[Label]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spec, sentence, etype, source, target, *flag = line.split("\t")
        label = Label(int(sentence), etype, _countries_cell(source), _countries_cell(target), flag == ["opt"])
        labels.setdefault(spec, []).append(label)
    return labels


def _fits(found: frozenset[str], cell: tuple[frozenset[str], frozenset[str]]) -> bool:
    required, possible = cell
    return required <= found <= required | possible


def _miss_cause(record: dict, parsed: tuple, label: Label) -> str:
    """Why `label` was missed (the categories of `--causes`), from the article's Doc and actor
    index as the event layer saw them."""
    doc, index = parsed
    found = {e["type"] for e in record["events"] if e["sentence"] == label.sentence}
    if label.type in found:
        return "actors"
    sentence = record["sentences"][label.sentence]
    typed = [
        (token, readings) for token, rows in trigger_candidates(doc)
        if sentence["start"] <= token.idx < sentence["end"]
        and (readings := tuple(r for r in rows if r.type == label.type))
    ]
    if any(_reading(token, readings, governor_chain(token), index) for token, readings in typed):
        return "precision rule"
    if typed:
        return "requirements"
    return "other type" if found else "lexicon"


def _recording_detect(parsed: list[tuple]) -> Callable:
    """The event layer's `detect`, keeping each article's Doc and actor index for `_miss_cause`."""
    original = event_layer.detect

    def recording(doc, index):
        parsed.append((doc, index))
        return original(doc, index)

    return recording


def label_scores(path: Path, errors: bool, causes: bool = False) -> None:
    """Precision and recall against hand labels (one-to-one matching in text order)."""
    labels = _read_labels(path)
    specs = list(labels)
    articles = _labelled_articles(specs)
    hits = spurious = required = 0
    parsed: list[tuple] = []
    missed: Counter[str] = Counter()
    original, event_layer.detect = event_layer.detect, _recording_detect(parsed)
    try:
        records = list(process(articles, load_nlp()))
    finally:
        event_layer.detect = original
    for spec, record, article_parse in zip(specs, records, parsed):
        wanted = labels[spec]
        used: set[int] = set()
        for event in record["events"]:
            src, tgt = _countries(record, event["source"]), _countries(record, event["target"])
            match = next((k for k, g in enumerate(wanted) if k not in used and g.sentence == event["sentence"]
                          and g.type == event["type"] and _fits(src, g.source) and _fits(tgt, g.target)), None)
            if match is None:
                spurious += 1
                if errors:
                    print(f"SPURIOUS {spec} [{event['sentence']}] {_describe(record, event)}")
                continue
            used.add(match)
            hits += not wanted[match].optional
        for k, g in enumerate(wanted):
            if g.type != "NONE" and not g.optional:
                required += 1
                cause = _miss_cause(record, article_parse, g) if k not in used else None
                missed[cause] += k not in used
                if errors and k not in used:
                    print(f"MISSED   {spec} [{g.sentence}] {g.type} {sorted(g.source[0])} -> {sorted(g.target[0])} "
                          f"({cause}): {record['sentences'][g.sentence]['text'][:120]!r}")
    precision = hits / (hits + spurious) if hits + spurious else 0.0
    recall = hits / required if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"labels: {len(specs)} articles, {required} required events: precision {precision:.2f} "
          f"({hits}/{hits + spurious}), recall {recall:.2f} ({hits}/{required}), F1 {f1:.2f}")
    if causes:
        print("missed by cause: " + ", ".join(f"{c} {n}" for c, n in missed.most_common() if c))


def _describe(record: dict, event: dict) -> str:
    by_id = {e["id"]: e for e in record["entities"]}
    name = lambda ids: ",".join(f"{by_id[i]['name']}/{by_id[i].get('country')}" for i in ids)  # noqa: E731
    return (
        f"{event['type']:17} {name(event['source'])} -> {name(event['target'])} "
        f"@{_place_name(record, event['place'])} {event['date']} {event['modality']}"
        f"{' NOT' if event['negated'] else ''} | {event['trigger']['text']!r}"
    )


def density(corpus: str, records: list[dict]) -> None:
    words = sum(len(r["article"]["text"].split()) for r in records)
    counts = Counter(e["type"] for r in records for e in r["events"])
    total = sum(counts.values())
    print(f"\n{corpus}: {len(records)} articles, {words:,} words, {total} events = {1000 * total / words:.2f} per 1,000 words")
    for etype, n in counts.most_common():
        print(f"  {etype:18} {n:4}  {1000 * n / words:.3f}/1k words")


def _timing(function: Callable, total: list[float]) -> Callable:
    """`function`, adding its run time to `total[0]` (the event layer timed inside the very
    extraction run whose speed is reported)."""

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            total[0] += time.perf_counter() - started

    return timed


def speed(articles: list) -> list[dict]:
    """Words per second of bare spaCy and of the full extraction on the same text; returns
    the records so the density report does not process the corpus twice."""
    words = sum(len(a.text.split()) for a in articles)
    texts = [a.text for a in articles]

    bare = spacy.load(MODEL)
    bare(texts[0])
    started = time.perf_counter()
    for _doc in bare.pipe(texts, batch_size=32):
        pass
    bare_seconds = time.perf_counter() - started

    nlp = load_nlp()
    list(process(articles[:1], nlp))
    event_seconds = [0.0]
    timed = _timing(event_layer.extract_events, event_seconds)
    event_layer.extract_events, original = timed, event_layer.extract_events
    try:
        started = time.perf_counter()
        records = list(process(articles, nlp))
        full_seconds = time.perf_counter() - started
    finally:
        event_layer.extract_events = original
    event_seconds = event_seconds[0]
    print(
        f"\nspeed on the same text: bare spaCy {words / bare_seconds:,.0f} words/s; full extraction "
        f"{words / full_seconds:,.0f} words/s ({bare_seconds / full_seconds:.0%} of bare); event layer alone "
        f"{words / event_seconds:,.0f} words/s ({event_seconds / bare_seconds:.1%} of the bare spaCy time)"
    )
    return records


def _actor_countries(record: dict, sentence: int) -> set[str]:
    by_id = {e["id"]: e for e in record["entities"]}
    countries = {by_id[m["entity"]].get("country") for m in record["mentions"] if m["sentence"] == sentence}
    return countries - {None, "IGO"}


def read_samples(records: list[dict], sample: int, misses: int, seed: int) -> None:
    """Random events with their sentences, and random two-country sentences without one."""
    rng = random.Random(seed)
    events = [(r, e) for r in records for e in r["events"]]
    print(f"\n== {min(sample, len(events))} random events of {len(events)}")
    for record, event in rng.sample(events, min(sample, len(events))):
        print(f"\n{_describe(record, event)}\n    {record['sentences'][event['sentence']]['text'][:300]}")
    silent = [
        (r, s) for r in records for s in r["sentences"]
        if len(_actor_countries(r, s["index"])) >= 2 and not any(e["sentence"] == s["index"] for e in r["events"])
    ]
    print(f"\n== {min(misses, len(silent))} random two-country sentences without events, of {len(silent)}")
    for record, sentence in rng.sample(silent, min(misses, len(silent))):
        print(f"\n  {sorted(_actor_countries(record, sentence['index']))} {sentence['text'][:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60, help="documents per corpus, spread evenly")
    parser.add_argument("--corpus", choices=CORPORA, help="reading mode: only this corpus, no seed or speed")
    parser.add_argument("--sample", type=int, default=0, help="print N random events with their sentences")
    parser.add_argument("--misses", type=int, default=0, help="print N random two-country sentences without events")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the samples")
    parser.add_argument("--labels", type=Path, help="score against hand labels (format above); nothing else")
    parser.add_argument("--errors", action="store_true", help="with --labels: print spurious and missed events")
    parser.add_argument("--causes", action="store_true", help="with --labels: count missed events by cause")
    args = parser.parse_args()
    if args.labels:
        label_scores(args.labels, args.errors, args.causes)
        return
    if args.corpus:
        records = list(process(_articles(args.corpus, args.articles), load_nlp()))
        density(args.corpus, records)
        read_samples(records, args.sample, args.misses, args.seed)
        return
    seed_scores()
    density("wikinews", speed(_articles("wikinews", args.articles)))
    density("demo_diplomacy", list(process(_articles("demo_diplomacy", args.articles), load_nlp())))


if __name__ == "__main__":
    main()
