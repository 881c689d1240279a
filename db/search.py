"""Fuzzy search over entities, events and sentences (DESIGN §7), fast enough per keystroke.

One query, four bounded steps, so a keystroke costs a few milliseconds on a million sentences:
1. fold the query and keep its first words (`MAX_QUERY_CHARS`, `MAX_WORDS`);
2. give each word alternatives from the in-memory `Vocabulary`: itself, its most frequent
   completions (it may be half typed) and close spellings (it may be misspelt);
3. look the alternatives up exactly in the FTS5 tables, tier by tier (the words as a phrase,
   then anywhere), keeping at most a few hundred candidates, under a time limit that
   `interrupt()` can also trip;
4. rank the candidates with rapidfuzz against the query and link the best to their sentences.

FTS syntax is never built from user text: every term is a vocabulary word or a folded run of
letters and digits, and is quoted as an FTS5 string.
"""

from __future__ import annotations

import heapq
import math
import sqlite3
import threading
import time
from bisect import bisect_left
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import islice, product

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from . import fts

MAX_QUERY_CHARS = 200
MAX_WORDS = 6
CANDIDATES = {"entity": 100, "event": 100, "sentence": 200}
TIME_BUDGET_S = 0.05  # per search; what the FTS lookups have found by then is ranked
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
        lo = bisect_left(self.sorted, prefix)
        hi = bisect_left(self.sorted, prefix + "\U0010ffff", lo)
        return heapq.nlargest(k, islice(self.sorted, lo, hi), key=self.docs.__getitem__)

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

    text: str  # folded words joined by single spaces, what candidates are compared with
    alternatives: tuple[tuple[tuple[str, float], ...], ...]  # per word

    rarest_first: tuple[int, ...]  # word indexes, the word with the fewest rows first

    @classmethod
    def parse(cls, raw: str, vocabulary: Vocabulary) -> Query:
        query_words = list(dict.fromkeys(fts.words(raw[:MAX_QUERY_CHARS])))[:MAX_WORDS]
        alternatives = tuple(vocabulary.alternatives(w) for w in query_words)
        order = sorted(range(len(alternatives)), key=lambda i: vocabulary.frequency(alternatives[i]))
        return cls(" ".join(query_words), alternatives, tuple(order))

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

    def phrase(self, max_phrases: int = 8) -> str:
        """Rows holding the words in query order, side by side, for the likeliest alternatives."""
        likeliest = [sorted(a, key=lambda t: -t[1])[:2] for a in self.alternatives]
        phrases = islice(product(*likeliest), max_phrases)
        return " OR ".join(_quote(" ".join(term for term, _ in p)) for p in phrases)

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

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The best `limit` entities, events and sentences for `query`, best first.

        Any text is a valid query; a query with no letters or digits finds nothing.
        """
        parsed = Query.parse(query, self.prepare_search())
        if not parsed.alternatives or limit < 1:
            return []
        deadline = _Deadline(self)
        hits = (self._entity_hits(parsed, limit, deadline) + self._event_hits(parsed, limit, deadline)
                + self._sentence_hits(parsed, limit, deadline))
        hits = [h for h in hits if h.score >= MIN_SCORE]
        hits.sort(key=lambda h: (-h.score, KIND_ORDER[h.kind], h.id))
        shown_by_events = {h.sentence_id for h in hits if h.kind == "event"}
        kept = [h for h in hits if h.kind != "sentence" or h.sentence_id not in shown_by_events]
        return self._with_articles(kept[:limit])

    def _candidates(
        self, sql: str, expressions: list[str], wanted: int, deadline: _Deadline
    ) -> dict[int, sqlite3.Row]:
        """Rows of `sql` (which has `?` for a MATCH expression and a limit) tier by tier, up to
        `wanted`, keyed by id; a tier cut short by the deadline keeps what it found."""
        found: dict[int, sqlite3.Row] = {}
        self.conn.set_progress_handler(deadline, 1000)
        try:
            for expression in expressions:
                for row in self.conn.execute(sql, (expression, wanted - len(found))):
                    found.setdefault(row[0], row)
                if len(found) >= wanted:
                    break
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
        finally:
            self.conn.set_progress_handler(None, 0)
        return found

    def _entity_hits(self, q: Query, limit: int, deadline: _Deadline) -> list[Hit]:
        rows = self._candidates(
            """SELECT e.id, e.name, e.type, e.mention_count,
                      (SELECT group_concat(alias, char(31)) FROM entity_aliases
                       WHERE entity_id = e.id) AS aliases
               FROM entities e WHERE e.id IN (
                   SELECT rowid FROM entities_fts WHERE entities_fts MATCH ? LIMIT ?)""",
            [q.all_words(), q.any_word()], max(CANDIDATES["entity"], limit), deadline,
        )
        scored = []
        for row in rows.values():
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
               FROM events e JOIN sentences s ON s.id = e.sentence_id
               WHERE e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ?)""",
            [q.all_words("{kind actors trigger place} : "), q.all_words()],
            max(CANDIDATES["event"], limit), deadline,
        )
        hits = []
        for row in rows.values():
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
            """SELECT id, article_id, start, "end", text FROM sentences WHERE id IN (
                   SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT ?)""",
            list(dict.fromkeys([q.phrase(), q.all_words(), *q.each_word()])),
            max(CANDIDATES["sentence"], limit), deadline,
        )
        scored = sorted(((q.score([row["text"]]), row) for row in rows.values()), key=lambda t: -t[0])
        return [_hit("sentence", row["id"], "", score, row, q, []) for score, row in scored[:limit]]

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
