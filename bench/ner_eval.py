"""Entity recognition quality and speed: dipexplore vs raw en_core_web_sm, same text, same run.

    /work/venv/bin/python bench/ner_eval.py [--shared PATH] [--no-speed]

1. GUM Wikinews (../shared/gold/ner_gum_wikinews): named person/organization/place mentions
   read from the CoNLL-U `Entity=` column, compared CoNLL-style as PER/ORG/LOC, exact spans.
   Gold: a mention is named when it has a Wikification identity or a proper-noun head; it is
   trimmed CoNLL-style (leading determiners, prepositions, punctuation and titles such as
   "President"; trailing "'s" and punctuation); of nested person/organization/place mentions
   the outermost wins (CoNLL has no nesting), except that a coordination ("Morocco and Iran")
   gives way to its members. Still approximate: GUM's extents are not CoNLL's.
   Ours: mentions of form name/alias/capital; PERSON->PER, ORG->ORG, COUNTRY|PLACE->LOC.
   Demonym, pronoun and nominal mentions are left out (CoNLL tags demonyms MISC, and does
   not tag pronouns).
   Raw spaCy: PERSON->PER, ORG->ORG, GPE|LOC|FAC->LOC; NORP is left out (CoNLL MISC).
   Caveat: GUM types countries acting as agents as organization, where CoNLL (and we) say LOC,
   so the ORG/LOC rows understate both systems; the untyped-span row does not depend on it.
2. The seed article against ../shared/gold/seed_expected.json (entities, types, countries,
   aliases, roles).
3. Words per second of the pipeline with and without dipexplore's components.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import spacy

from dipexplore.extract.entities import resolve
from dipexplore.extract.pipeline import MODEL, load_nlp
from dipexplore.extract.sentences import Sentences

GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
OUR_TYPES = {"PERSON": "PER", "ORG": "ORG", "COUNTRY": "LOC", "PLACE": "LOC"}
RAW_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SCORED_FORMS = {"name", "alias", "capital"}
LEADING_UPOS = {"DET", "ADP", "PUNCT", "PRON", "CCONJ", "ADJ", "NOUN"}
TRAILING_UPOS = {"PART", "PUNCT", "ADP", "CCONJ", "NOUN", "ADJ"}
TITLES = {"president", "ambassador", "general", "minister", "prime", "foreign", "secretary", "senator",
          "governor", "king", "queen", "prince", "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"}
OPEN = re.compile(r"\(([^()]+)(\))?")
CLOSE = re.compile(r"(?<![(\w-])(\d+)\)")

Span = tuple[int, int, str]  # start char, end char, CoNLL type


@dataclass
class GoldDoc:
    name: str
    text: str
    spans: set[Span] = field(default_factory=set)


def _entity_events(misc: str) -> tuple[list[tuple[str, str, str, str, bool]], list[str]]:
    """Openings (id, type, minspan, identity, closes here) and closings of one MISC cell."""
    value = next((p[7:] for p in misc.split("|") if p.startswith("Entity=")), "")
    opens = []
    for match in OPEN.finditer(value):
        parts = match.group(1).split("-")
        opens.append((parts[0], parts[1], parts[5] if len(parts) > 5 else "",
                      "-".join(parts[7:]), bool(match.group(2))))
    closes = CLOSE.findall(OPEN.sub("", value))
    return opens, closes


def read_gum(path: Path) -> GoldDoc:
    """One CoNLL-U document: its text (paragraphs separated by blank lines) and gold spans."""
    pieces: list[str] = []
    offset = 0
    tokens: list[tuple[int, int, str]] = []  # start, end, upos
    words: list[str] = []
    open_mentions: dict[str, list[tuple[int, str, str, str]]] = {}
    mentions: list[tuple[int, int, str, str, str]] = []  # first, last token, type, minspan, id
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar") and pieces:
            pieces.append("\n\n")
            offset += 2
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        index = len(tokens)
        tokens.append((offset, offset + len(cols[1]), cols[3]))
        pieces.append(cols[1])
        words.append(cols[1])
        offset += len(cols[1])
        if "SpaceAfter=No" not in cols[9]:
            pieces.append(" ")
            offset += 1
        opens, closes = _entity_events(cols[9])
        for eid, etype, minspan, identity, closed in opens:
            if closed:
                mentions.append((index, index, etype, minspan, identity))
            else:
                open_mentions.setdefault(eid, []).append((index, etype, minspan, identity))
        for eid in closes:
            if open_mentions.get(eid):
                first, etype, minspan, identity = open_mentions[eid].pop()
                mentions.append((first, index, etype, minspan, identity))
    doc = GoldDoc(path.stem, "".join(pieces))
    kept: list[tuple[int, int, str]] = []
    for first, last, etype, minspan, identity in mentions:
        if etype not in GUM_TYPES:
            continue
        heads = [first + int(h) - 1 for h in minspan.split(",") if h.isdigit()]
        if not identity and not any(tokens[h][2] == "PROPN" for h in heads if h <= last):
            continue
        while first <= last and (tokens[first][2] in LEADING_UPOS or words[first].lower() in TITLES):
            first += 1
        while last >= first and tokens[last][2] in TRAILING_UPOS:
            last -= 1
        if first <= last:
            kept.append((first, last, GUM_TYPES[etype]))

    def inside(f: int, l: int) -> list[tuple[int, int, str]]:
        return [k for k in kept if f <= k[0] and k[1] <= l and k[:2] != (f, l)]

    for first, last, ctype in kept:
        coordination = inside(first, last) and any(tokens[i][2] == "CCONJ" for i in range(first, last + 1))
        outer = [k for k in kept if (first, last) in [x[:2] for x in inside(k[0], k[1])]]
        if coordination or any(not any(tokens[i][2] == "CCONJ" for i in range(f, l + 1)) for f, l, _ in outer):
            continue
        doc.spans.add((tokens[first][0], tokens[last][1], ctype))
    return doc


def ours(nlp, text: str) -> tuple[set[Span], list[dict]]:
    doc = nlp(text)
    entities, mentions = resolve(doc, Sentences(doc))
    types = {e["id"]: OUR_TYPES[e["type"]] for e in entities}
    spans = {(m["start"], m["end"], types[m["entity"]]) for m in mentions if m["form"] in SCORED_FORMS}
    return spans, entities


def raw(nlp, text: str) -> set[Span]:
    return {(e.start_char, e.end_char, RAW_TYPES[e.label_]) for e in nlp(text).ents if e.label_ in RAW_TYPES}


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: list[set[Span]], pred: list[set[Span]]) -> dict[str, tuple[float, float, float]]:
    counts: Counter = Counter()
    for g, p in zip(gold, pred):
        for kind in ("PER", "ORG", "LOC"):
            gk, pk = {s for s in g if s[2] == kind}, {s for s in p if s[2] == kind}
            counts[kind, "tp"] += len(gk & pk)
            counts[kind, "pred"] += len(pk)
            counts[kind, "gold"] += len(gk)
        counts["ALL", "tp"] += len(g & p)
        counts["ALL", "pred"] += len(p)
        counts["ALL", "gold"] += len(g)
        untyped_g, untyped_p = {s[:2] for s in g}, {s[:2] for s in p}
        counts["span", "tp"] += len(untyped_g & untyped_p)
        counts["span", "pred"] += len(untyped_p)
        counts["span", "gold"] += len(untyped_g)
    kinds = ("PER", "ORG", "LOC", "ALL", "span")
    return {k: prf(counts[k, "tp"], counts[k, "pred"], counts[k, "gold"]) for k in kinds}


def print_table(title: str, rows: dict[str, dict[str, tuple[float, float, float]]]) -> None:
    print(f"\n{title}")
    print(f"{'':10}" + "".join(f"{name:>24}" for name in rows))
    print(f"{'':10}" + "".join(f"{'P     R     F1':>24}" for _ in rows))
    for kind in next(iter(rows.values())):
        label = "untyped" if kind == "span" else kind
        cells = "".join(f"{'%.3f %.3f %.3f' % rows[name][kind]:>24}" for name in rows)
        print(f"{label:10}{cells}")


def _clean_alias(alias: str) -> str:
    return re.sub(r"\s*\(.*\)$", "", alias).removeprefix("the ").strip()


def seed_report(shared: Path, nlp, bare) -> None:
    text = (shared / "corpus" / "seed.txt").read_text(encoding="utf-8")
    expected = json.loads((shared / "gold" / "seed_expected.json").read_text(encoding="utf-8"))
    _, entities = ours(nlp, text)
    found = {(e["name"], e["type"]): e for e in entities}
    want = {(e["name"], e["type"]) for e in expected["entities"]}
    raw_types = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "COUNTRY", "LOC": "PLACE", "FAC": "PLACE"}
    raw_found = {(e.text, raw_types[e.label_]) for e in bare(text).ents if e.label_ in raw_types}
    print("\nSeed article vs seed_expected.json (entities as (name, type))")
    for label, got in (("ours", set(found)), ("raw spaCy", raw_found)):
        p, r, f = prf(len(got & want), len(got), len(want))
        print(f"  {label:10} P {p:.3f} R {r:.3f} F1 {f:.3f}  missing {sorted(want - got)}  extra {sorted(got - want)}")
    agree = Counter()
    for exp in expected["entities"]:
        got = found.get((exp["name"], exp["type"]))
        if got is None:
            continue
        agree["country"] += got["country"] == exp["country"]
        aliases = {_clean_alias(a) for a in exp["aliases"]} - {exp["name"]}
        agree["aliases"] += {_clean_alias(a) for a in got["aliases"]} == aliases
        agree["roles"] += sorted(got["roles"]) == sorted(exp.get("roles", []))
    n = len(expected["entities"])
    print(f"  ours: country right {agree['country']}/{n}, aliases exact {agree['aliases']}/{n}, "
          f"roles exact {agree['roles']}/{n}")


def speed_report(texts: list[str], nlp, bare) -> None:
    """Words/s on the same texts: bare pipeline vs ours (components + resolve)."""
    words = sum(len(t.split()) for t in texts)
    timings = {}
    for label, run in (
        ("bare en_core_web_sm", lambda: list(bare.pipe(texts))),
        ("with dipexplore entities", lambda: [resolve(d, Sentences(d)) for d in nlp.pipe(texts)]),
    ):
        run()  # warm up
        began = time.perf_counter()
        run()
        timings[label] = words / (time.perf_counter() - began)
    print(f"\nSpeed on {len(texts)} GUM documents ({words:,} words)")
    for label, wps in timings.items():
        print(f"  {label:26} {wps:8,.0f} words/s")
    ratio = timings["with dipexplore entities"] / timings["bare en_core_web_sm"]
    print(f"  ratio {ratio:.2f} (target >= 0.85 for the whole ingest)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    nlp, bare = load_nlp(), spacy.load(MODEL)
    docs = [read_gum(p) for p in sorted((args.shared / "gold" / "ner_gum_wikinews" / "conllu").glob("*.conllu"))]
    gold = [d.spans for d in docs]
    rows = {"raw en_core_web_sm": score(gold, [raw(bare, d.text) for d in docs]),
            "dipexplore": score(gold, [ours(nlp, d.text)[0] for d in docs])}
    print_table(f"GUM Wikinews, {len(docs)} docs, {sum(map(len, gold))} gold named mentions, exact spans", rows)
    news = [d for d in docs if "_news_" in d.name]
    rows = {"raw en_core_web_sm": score([d.spans for d in news], [raw(bare, d.text) for d in news]),
            "dipexplore": score([d.spans for d in news], [ours(nlp, d.text)[0] for d in news])}
    print_table(f"GUM news only ({len(news)} docs)", rows)
    seed_report(args.shared, nlp, bare)
    if not args.no_speed:
        speed_report([d.text for d in docs], nlp, bare)


if __name__ == "__main__":
    main()
