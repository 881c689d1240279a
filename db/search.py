"""Fuzzy search over entities, events and sentences (DESIGN §7), fast enough per keystroke.

One query, four bounded steps, so a keystroke costs a few milliseconds on a million sentences:
1. fold the query and keep its first words (`MAX_QUERY_CHARS`, `MAX_WORDS`);
2. give each word alternatives from the in-memory `Vocabulary`: itself, its most frequent
   completions (it may be half typed) and close spellings (it may be misspelt);
3. look candidates up in the FTS5 tables, tier by tier, keeping at most a few hundred, under a
   time limit that `interrupt()` can also trip;
4. rank the candidates with rapidfuzz against the query and link the best to their sentences.

Sentences are ranked by `fuzz.partial_ratio` of the query against the sentence, both folded
(`plain()`): the best alignment of the query's characters with any stretch of the sentence.
Whole-word lookups miss most of what that rewards ("russia expel" aligns well with "Russia
expected", "consulat closure" with "consult closely"), so sentence candidates come first from
phrases of per-word prefixes (`"russia"* + "expel"*`): the words as typed, as corrected, then
with ever shorter prefixes until there are enough; then from the words anywhere, any order.

FTS syntax is never built from user text: every term is a vocabulary word or a folded run of
letters and digits (or a prefix of one), and is quoted as an FTS5 string.
"""

from __future__ import annotations

import heapq
import math
import re
import sqlite3
import threading
import time
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import accumulate, islice, product

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Levenshtein

from . import fts

MAX_QUERY_CHARS = 200
MAX_WORDS = 6
CANDIDATES = {"entity": 100, "event": 100, "sentence": 300}
MIN_PREFIX = 3  # letters a word keeps when cut for a prefix lookup
MAX_SPELLINGS = 4  # combinations of corrected words looked up as phrases
CUTS = (2, 4)  # trailing letters cut from each word in later tiers (see `_prefix_tiers`)
# A prefix held by more rows than this is looked up as a whole word: FTS5 merges the postings
# of every word a prefix stands for before matching, which grows with their total.
PREFIX_ROWS_CAP = 40_000
PREFIX_ROWS_BUDGET = 120_000  # per query, over all its prefix lookups
TIME_BUDGET_S = 0.015  # per search; what the FTS lookups have found by then is ranked
VOCAB_MEMORY_CAP = 300_000  # most frequent words kept in memory
UNCOVERED_ROWS_CAP = 50_000  # rows not yet in search_vocab, counted at load
MIN_SCORE = 60.0  # below this a hit matched too little of the query to be worth showing
KIND_ORDER = {"entity": 0, "event": 1, "sentence": 2}  # ties: the more specific item first


@dataclass(frozen=True)
class Hit:
    """One search result, linked to the sentence it came from (DESIGN §3 contract).

    `highlights` are (start, end) spans within `sentence` that the query matched; `start` and
    `end` are the sentence's offsets in the article text.
    """

    kind: str  # "entity" | "event" | "sentence"
    id: int | str
    label: str
    score: float
    article_id: str
    sentence: str
    start: int
    end: int
    sentence_id: int = 0
    title: str | None = None
    date: str | None = None
    highlights: tuple[tuple[int, int], ...] = field(default=())

    def as_dict(self) -> dict:
        return asdict(self)


class Vocabulary:
    """The indexed words with the number of rows holding each: completion and correction of
    query words happen here, in memory, before any FTS lookup."""

    def __init__(self, docs: dict[str, int]) -> None:
        self.docs = docs
        self.sorted = sorted(docs)
        self._rows_before = array("q", accumulate((docs[t] for t in self.sorted), initial=0))
        self._by_letter: dict[tuple[int, str], list[str]] = {}
        for term in docs:
            for position in (0, 1):
                if len(term) > position:
                    self._by_letter.setdefault((position, term[position]), []).append(term)
        self.alternatives = lru_cache(maxsize=4096)(self._alternatives)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Vocabulary:
        """The stored vocabulary plus the words of rows written since it was last refreshed."""
        docs = dict(conn.execute(
            "SELECT term, docs FROM search_vocab ORDER BY docs DESC LIMIT ?", (VOCAB_MEMORY_CAP,)
        ).fetchall())
        counts, _ = fts.new_words(conn, max_rows=UNCOVERED_ROWS_CAP)
        for term, n in counts.items():
            docs[term] = docs.get(term, 0) + n
        return cls(docs)

    def _alternatives(self, word: str) -> tuple[tuple[str, float], ...]:
        """(term, similarity to `word` out of 100) to look up for one query word."""
        found = {word: 100.0}
        for term in self.completions(word):
            found.setdefault(term, 95.0)
        # A typo in a word being typed is most often its last letter: complete without it.
        retyped = self.completions(word[:-1]) if len(word) >= 4 else []
        for term in retyped + self.corrections(word):
            found.setdefault(term, fuzz.ratio(word, term))
        return tuple(found.items())

    def frequency(self, alternatives: tuple[tuple[str, float], ...]) -> int:
        """How many rows hold any of these terms, at most (their counts added up)."""
        return sum(self.docs.get(term, 0) for term, _ in alternatives)

    def completions(self, prefix: str, k: int = 4) -> list[str]:
        """The `k` most frequent words starting with `prefix` (it may be half typed)."""
        lo, hi = self._starting_with(prefix)
        return heapq.nlargest(k, islice(self.sorted, lo, hi), key=self.docs.__getitem__)

    def rows_starting(self, prefix: str) -> int:
        """How many rows hold a word starting with `prefix`, at most (their counts added up):
        what an FTS5 prefix lookup of it costs."""
        lo, hi = self._starting_with(prefix)
        return self._rows_before[hi] - self._rows_before[lo]

    def _starting_with(self, prefix: str) -> tuple[int, int]:
        """The slice of `sorted` holding the words that start with `prefix`."""
        lo = bisect_left(self.sorted, prefix)
        return lo, bisect_left(self.sorted, prefix + "\U0010ffff", lo)

    def corrections(self, word: str, k: int = 4) -> list[str]:
        """The `k` likeliest spellings within 1 edit (2 from 6 letters) sharing the first or
        second letter with `word`: most similar (a dropped or doubled letter beats a wrong
        one), then most frequent."""
        if len(word) < 4:
            return []
        max_edits = 1 if len(word) < 6 else 2
        pool = self._by_letter.get((0, word[0]), []) + self._by_letter.get((1, word[1]), [])
        near = {term for term, _, _ in process.extract(
            word, pool, scorer=Levenshtein.distance, score_cutoff=max_edits, limit=None)}
        near.discard(word)
        return sorted(near, key=lambda t: (-fuzz.ratio(word, t), -self.docs[t]))[:k]


@dataclass(frozen=True)
class Query:
    """A query folded into words, each with its alternatives; builds the FTS expressions."""

    text: str  # folded words joined by single spaces, what entities and events are compared with
    plain: str  # the query text as sentences are compared with it (`plain()`)
    alternatives: tuple[tuple[tuple[str, float], ...], ...]  # per word
    rarest_first: tuple[int, ...]  # word indexes, the word with the fewest rows first
    prefix_phrases: tuple[str, ...]  # FTS5 expressions, likeliest sentences first

    @classmethod
    def parse(cls, raw: str, vocabulary: Vocabulary) -> Query:
        raw = raw[:MAX_QUERY_CHARS]
        query_words = tuple(dict.fromkeys(fts.words(raw)))[:MAX_WORDS]
        alternatives = tuple(vocabulary.alternatives(w) for w in query_words)
        order = sorted(range(len(alternatives)), key=lambda i: vocabulary.frequency(alternatives[i]))
        phrases = _affordable(_phrases(tier, vocabulary) for tier in _prefix_tiers(query_words, alternatives))
        return cls(" ".join(query_words), plain(raw), alternatives, tuple(order), phrases)

    @cached_property
    def terms(self) -> dict[str, float]:
        """Every alternative term with its best similarity, for scoring and highlighting."""
        terms: dict[str, float] = {}
        for alternatives in self.alternatives:
            for term, similarity in alternatives:
                terms[term] = max(similarity, terms.get(term, 0.0))
        return terms

    def all_words(self, columns: str = "") -> str:
        """Rows holding an alternative of every word (in `columns`, if given)."""
        return " AND ".join(f"{columns}({_any(a)})" for a in self.alternatives)

    def any_word(self) -> str:
        """Rows holding an alternative of any word."""
        return " OR ".join(f"({_any(a)})" for a in self.alternatives)

    def each_word(self) -> list[str]:
        """Rows holding an alternative of one word, a word at a time, the rarest first (rows
        that miss a word can still align well with the query)."""
        return [_any(self.alternatives[i]) for i in self.rarest_first]

    def coverage(self, tokens: set[str]) -> float:
        """How well the text's words cover the query's: mean best similarity per word."""
        return sum(
            max((s for term, s in a if term in tokens), default=0.0) for a in self.alternatives
        ) / len(self.alternatives)

    def score(self, texts: list[str]) -> float:
        """Alignment of the query with the best of `texts` (as `partial_ratio` sees it: the
        words side by side, in order), weighed with how well their words cover the query's."""
        folded = [fts.words(t) for t in texts]
        aligned = max(fuzz.partial_ratio(self.text, " ".join(w)) for w in folded)
        return 0.9 * aligned + 0.1 * self.coverage({t for w in folded for t in w})

    def alignment(self, text: str) -> float:
        """`partial_ratio` of the query against the `plain()` text: how well the query matches
        its best-matching stretch. A text shorter than the query is compared whole (`ratio`):
        partial_ratio would look for the text inside the query, and "S." would score 100."""
        haystack = plain(text)
        scorer = fuzz.partial_ratio if len(haystack) >= len(self.plain) else fuzz.ratio
        return scorer(self.plain, haystack)


def plain(text: str) -> str:
    """Text as sentences are ranked against the query: lower case, punctuation as spaces,
    trimmed (rapidfuzz's `default_process`), without accents (`fts.fold`, only needed, and
    slow, when letters outside ASCII are left: curly quotes and dashes are gone by then)."""
    processed = utils.default_process(text)
    return processed if processed.isascii() else utils.default_process(fts.fold(processed))


@dataclass(frozen=True)
class _Phrase:
    """Words to look up side by side, each as a prefix (or, unless `prefixes`, the last only);
    `initial`: at the start of the row."""

    words: tuple[str, ...]
    initial: bool = False
    prefixes: bool = True


def _prefix_tiers(
    query_words: tuple[str, ...], alternatives: tuple[tuple[tuple[str, float], ...], ...]
) -> Iterator[list[_Phrase]]:
    """Phrases to look up, tier by tier, those likeliest to align best with the query first: the
    words as typed, their likeliest spellings, the typed words with trailing letters cut, then
    all but the first word (the stretch may start in the word before: "s actions against iran")
    and all but the last at the start of a sentence (partial_ratio lets a stretch stop there)."""
    if not query_words:
        return
    spellings = [_spellings(w, a) for w, a in zip(query_words, alternatives)]
    yield [_Phrase(query_words)]
    yield [_Phrase(words, prefixes=False) for words in islice(product(*spellings), 1, 1 + MAX_SPELLINGS)]
    for cut in CUTS:
        yield [_Phrase(_cut(query_words, cut))]
    if len(query_words) > 1:
        for cut in (0, CUTS[0]):
            yield [_Phrase(_cut(query_words[1:], cut)), _Phrase(_cut(query_words[:-1], cut), initial=True)]


def _cut(query_words: tuple[str, ...], letters: int) -> tuple[str, ...]:
    """Each word without its last `letters` letters, down to `MIN_PREFIX` letters."""
    return tuple(w[: max(MIN_PREFIX, len(w) - letters)] for w in query_words)


def _spellings(word: str, alternatives: tuple[tuple[str, float], ...]) -> list[str]:
    """The word and its likeliest other spellings; its completions and cuts are left out, as the
    word is looked up as a prefix and cut anyway."""
    others = [(s, t) for t, s in alternatives if not (t.startswith(word) or word.startswith(t))]
    return [word, *(t for _, t in sorted(others, reverse=True)[:2])]


def _phrases(tier: list[_Phrase], vocabulary: Vocabulary) -> tuple[str, int]:
    """An FTS5 expression for rows holding any of the phrases, their words prefixes where that
    lookup stays cheap, and its cost (the rows its prefixes stand for). Left out: phrases with a
    word no known word starts (they cannot match) and phrases of frequent words only ("of" +
    "s": slow to match, and they match anything)."""
    expressions, cost = [], 0
    for phrase in tier:
        rows = [vocabulary.rows_starting(w) for w in phrase.words]
        if all(rows) and min(rows) <= PREFIX_ROWS_CAP:
            last = len(phrase.words) - 1
            prefixes = [(phrase.prefixes or i == last) and _cheap_prefix(w, n)
                        for i, (w, n) in enumerate(zip(phrase.words, rows))]
            cost += sum(n for n, prefix in zip(rows, prefixes) if prefix)
            expressions.append(("^ " if phrase.initial else "") + " + ".join(
                _quote(w) + ("*" if prefix else "") for w, prefix in zip(phrase.words, prefixes)
            ))
    return " OR ".join(expressions), cost


def _affordable(tiers: Iterable[tuple[str, int]]) -> tuple[str, ...]:
    """The distinct non-empty expressions, in order, whose costs add up to at most
    `PREFIX_ROWS_BUDGET` (a prefix merge cannot be interrupted by the deadline)."""
    kept: dict[str, None] = {}
    spent = 0
    for expression, cost in tiers:
        if expression and expression not in kept and spent + cost <= PREFIX_ROWS_BUDGET:
            kept[expression] = None
            spent += cost
    return tuple(kept)


def _cheap_prefix(word: str, rows: int) -> bool:
    """Whether looking `word` up as a prefix is cheap enough (see `PREFIX_ROWS_CAP`)."""
    return len(word) >= MIN_PREFIX and rows <= PREFIX_ROWS_CAP


_NOT_ALNUM = re.compile(r"[\W_]")


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _any(alternatives: tuple[tuple[str, float], ...]) -> str:
    return " OR ".join(_quote(term) for term, _ in alternatives)


def _norm(text: str) -> str:
    return " ".join(fts.words(text))


class _Deadline:
    """Progress handler: stops a query past the time budget or after `interrupt()`."""

    def __init__(self, owner: SearchMixin) -> None:
        self.owner = owner
        self.generation = owner._generation()
        self.until = time.monotonic() + TIME_BUDGET_S

    def __call__(self) -> int:
        return int(time.monotonic() > self.until or self.owner._generation() != self.generation)


class SearchMixin:
    """`Corpus.search`: needs a per-thread read connection, `self.conn`."""

    conn: sqlite3.Connection
    _vocabulary_lock = threading.Lock()

    def prepare_search(self) -> Vocabulary:
        """Load the vocabulary once (a worker may call this at startup to keep the first
        keystroke fast)."""
        with self._vocabulary_lock:
            vocabulary = self.__dict__.get("_vocabulary")
            if vocabulary is None:
                vocabulary = self.__dict__["_vocabulary"] = Vocabulary.load(self.conn)
        return vocabulary

    def interrupt(self) -> None:
        """Stop searches running in other threads now; they return what they have ranked."""
        self.__dict__["_interrupts"] = self._generation() + 1

    def _generation(self) -> int:
        return self.__dict__.get("_interrupts", 0)

    def search(self, query: str, limit: int = 20, kinds: Collection[str] = tuple(KIND_ORDER)) -> list[Hit]:
        """The best `limit` hits of the given kinds (entities, events, sentences) for `query`,
        best first.

        Any text is a valid query; a query with no letters or digits finds nothing.
        """
        parsed = Query.parse(query, self.prepare_search())
        if not parsed.alternatives or limit < 1:
            return []
        deadline = _Deadline(self)
        finders = {"entity": self._entity_hits, "event": self._event_hits, "sentence": self._sentence_hits}
        hits = [hit for kind in KIND_ORDER if kind in kinds for hit in finders[kind](parsed, limit, deadline)]
        hits = [h for h in hits if h.score >= MIN_SCORE]
        hits.sort(key=lambda h: (-h.score, KIND_ORDER[h.kind], h.id))
        shown_by_events = {h.sentence_id for h in hits if h.kind == "event"}
        kept = [h for h in hits if h.kind != "sentence" or h.sentence_id not in shown_by_events]
        return self._with_articles(kept[:limit])

    def _candidates(
        self, sql: str, index: str, expressions: list[str], wanted: int, deadline: _Deadline
    ) -> list[sqlite3.Row]:
        """Rows of `sql` for up to `wanted` rows of the FTS5 table `index` matching the
        expressions tier by tier (`sql` takes their ids as `{ids}`)."""
        ids = self._matching(index, expressions, wanted, deadline)
        return self.conn.execute(sql.format(ids=",".join("?" * len(ids))), ids).fetchall()

    def _matching(self, index: str, expressions: list[str], wanted: int, deadline: _Deadline) -> list[int]:
        """Ids of up to `wanted` rows of `index` matching the expressions, tier by tier. Each tier
        asks for `wanted` rows, since its first rows may be an earlier tier's (a shorter prefix
        matches what a longer one did); a tier cut short by the deadline keeps what it found."""
        found: dict[int, None] = {}
        sql = f"SELECT rowid FROM {index} WHERE {index} MATCH ? LIMIT ?"
        self.conn.set_progress_handler(deadline, 1000)
        try:
            for expression in expressions:
                for (rowid,) in self.conn.execute(sql, (expression, wanted)):
                    found[rowid] = None
                    if len(found) >= wanted:
                        return list(found)
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
        finally:
            self.conn.set_progress_handler(None, 0)
        return list(found)

    def _entity_hits(self, q: Query, limit: int, deadline: _Deadline) -> list[Hit]:
        rows = self._candidates(
            """SELECT e.id, e.name, e.type, e.mention_count,
                      (SELECT group_concat(alias, char(31)) FROM entity_aliases
                       WHERE entity_id = e.id) AS aliases
               FROM entities e WHERE e.id IN ({ids})""",
            "entities_fts", [q.all_words(), q.any_word()], max(CANDIDATES["entity"], limit), deadline,
        )
        scored = []
        for row in rows:
            names = [row["name"], *(row["aliases"] or "").split("\x1f")]
            closeness = max(fuzz.token_sort_ratio(q.text, _norm(name)) for name in names)
            popularity = min(5.0, 2 * math.log10(1 + row["mention_count"]))
            coverage = q.coverage(set(fts.words(" ".join(names))))
            scored.append((min(100.0, (closeness + coverage) / 2 + popularity), row))
        scored.sort(key=lambda t: -t[0])
        hits = (self._entity_hit(q, score, row) for score, row in scored)
        return list(islice((h for h in hits if h is not None), limit))

    def _entity_hit(self, q: Query, score: float, row: sqlite3.Row) -> Hit | None:
        """The entity with its first mention's sentence; None if it has no mention to show."""
        mention = self.conn.execute(
            """SELECT m.start AS m_start, m."end" AS m_end, s.id, s.article_id, s.start,
                      s."end", s.text
               FROM mentions m JOIN sentences s ON s.id = m.sentence_id
               WHERE m.entity_id = ? ORDER BY m.id LIMIT 1""",
            (row["id"],),
        ).fetchone()
        if mention is None:
            return None
        spans = [(mention["m_start"] - mention["start"], mention["m_end"] - mention["start"])]
        return _hit("entity", row["id"], row["name"], score, mention, q, spans)

    def _event_hits(self, q: Query, limit: int, deadline: _Deadline) -> list[Hit]:
        rows = self._candidates(
            """SELECT e.id, e.type, e.label, e.date AS event_date, e.trigger_start,
                      e.trigger_end, e.trigger_text, s.id AS sentence_id, s.article_id,
                      s.start, s."end", s.text
               FROM events e JOIN sentences s ON s.id = e.sentence_id WHERE e.id IN ({ids})""",
            "events_fts", [q.all_words("{kind actors trigger place} : "), q.all_words()],
            max(CANDIDATES["event"], limit), deadline,
        )
        hits = []
        for row in rows:
            kind = row["type"].lower().replace("_", " ")
            source, _, target = row["label"].partition(" -> ")
            # Who did what to whom, in that order: "russia expel" ranks Russia's expulsions first.
            summaries = [f"{source} {kind} {target}", f"{source} {row['trigger_text']} {target}"]
            label = f"{row['type']}: {row['label']}" + (f" ({row['event_date']})" if row["event_date"] else "")
            trigger = (row["trigger_start"] - row["start"], row["trigger_end"] - row["start"])
            score = q.score([*summaries, row["text"]])
            hits.append(_hit("event", row["id"], label, score, row, q, [trigger], row["sentence_id"]))
        return hits

    def _sentence_hits(self, q: Query, limit: int, deadline: _Deadline) -> list[Hit]:
        rows = self._candidates(
            """SELECT id, article_id, start, "end", text FROM sentences WHERE id IN ({ids})""",
            "sentences_fts", list(dict.fromkeys([*q.prefix_phrases, q.all_words(), *q.each_word()])),
            max(CANDIDATES["sentence"], limit), deadline,
        )
        scored = heapq.nsmallest(limit, ((-q.alignment(row["text"]), row["id"], row) for row in rows))
        return [_hit("sentence", row["id"], "", -score, row, q, _aligned_words(q, row["text"]))
                for score, _, row in scored]

    def _with_articles(self, hits: list[Hit]) -> list[Hit]:
        """Hits with their article's title and date (sentence hits are labelled by title)."""
        ids = sorted({h.article_id for h in hits})
        articles = {
            row["id"]: row for row in self.conn.execute(
                f"SELECT id, title, date FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
            )
        }
        return [
            replace(h, title=articles[h.article_id]["title"], date=articles[h.article_id]["date"],
                    label=h.label or articles[h.article_id]["title"] or "(untitled)")
            for h in hits
        ]


def _aligned_words(q: Query, text: str) -> list[tuple[int, int]]:
    """Spans of the words of `text` mostly within the stretch the query aligns best with, as
    ranking saw it; none when folding changes the text's length (offsets would not map back)."""
    folded = fts.fold(text)
    if len(folded) != len(text) or len(folded) < len(q.plain):
        return []
    window = fuzz.partial_ratio_alignment(q.plain, _NOT_ALNUM.sub(" ", folded))
    return [(m.start(), m.end()) for m in fts.WORD.finditer(text)
            if 2 * (min(m.end(), window.dest_end) - max(m.start(), window.dest_start)) > m.end() - m.start()]


def _hit(
    kind: str,
    item_id: int,
    label: str,
    score: float,
    row: sqlite3.Row,
    q: Query,
    spans: list[tuple[int, int]],
    sentence_id: int | None = None,
) -> Hit:
    """A hit on the sentence in `row` (id, article_id, start, end, text), highlighting the
    given spans and every word of the sentence that matched a query term."""
    text = row["text"]
    terms = q.terms
    spans = spans + [(m.start(), m.end()) for m in fts.WORD.finditer(text) if fts.fold(m.group()) in terms]
    return Hit(
        kind=kind, id=item_id, label=label, score=round(score, 1), article_id=row["article_id"],
        sentence=text, start=row["start"], end=row["end"],
        sentence_id=sentence_id if sentence_id is not None else row["id"],
        highlights=tuple(sorted(set(spans))),
    )
