"""Fuzzy search over entities, events and sentences (DESIGN §7), fast enough per keystroke.

One query, four bounded steps, so a keystroke costs a few milliseconds on a million sentences:
1. fold the query and keep its first words (`MAX_QUERY_CHARS`, `MAX_WORDS`);
2. give each word alternatives from the in-memory `Vocabulary`: itself, its most frequent
   completions (it may be half typed) and close spellings (it may be misspelt);
3. look candidates up in the FTS5 tables, likeliest best first, keeping at most a few hundred,
   under a time limit that `interrupt()` can also trip;
4. rank the candidates with rapidfuzz against the query and link the best to their sentences.

Sentences are ranked by `fuzz.partial_ratio` of the query against the sentence, both folded
(`plain()`): the best alignment of the query's characters with any stretch of the sentence.
Whole-word lookups miss most of what that rewards ("russia expel" aligns well with "Russia
expected", "trade tarifs china" with "tariffs on China", "putn" with "Sputnik"), so sentence
candidates come from `_Shape`s: every run of consecutive query words as typed (each word a
prefix), cut shorter and as corrected, side by side, a word or two apart, and at the start of a
sentence; a single word also as the words that hold it. Each shape is given the score a
sentence holding it and nothing else of the query would get, and the shapes are looked up in
that order until there are enough candidates: the first found are those likeliest to rank best.

When fewer than 20 sentences match the query well, partial_ratio's next best are stretches
across a word boundary ("russia expel" aligns with "[Russia espe]cially") or running off the
end of a sentence ("st petersberg" with "la[st September]"), holding no query word. A second
pass names them from the stored word pairs (`fts.PAIR_TABLES`): a query word and each word
that follows it in some sentence, looked up as a phrase; the sentence-final words most like
the query and each word before them there, with the ids of their sentences. Each pair is
estimated as a shape is (`_pair_estimates`), and only those that could beat the 20th best are
read.

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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property, lru_cache, partial
from itertools import accumulate, islice, product

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Levenshtein

from . import fts

MAX_QUERY_CHARS = 200
MAX_WORDS = 6
CANDIDATES = {"entity": 100, "event": 100, "sentence": 300}
MIN_PREFIX = 3  # letters a word keeps when cut for a prefix lookup
MAX_SPELLINGS = 4  # combinations of corrected words looked up per run of query words
CUTS = (2, 4)  # trailing letters cut from each word of a run (see `_forms`)
GAP = 2  # words a run's words may stand apart ("tariffs on china" for "tarifs china")
CONTAINERS = 4  # words holding a query word inside ("sputnik" for "putn") looked up for it
CONTAINER_SCAN = 400  # vocabulary words read per fragment (a common fragment says little)
FILL = "\x00"  # the unknown rest of a sentence when estimating a shape: matches no query text
# A prefix held by more rows than this is looked up as a whole word: FTS5 merges the postings
# of every word a prefix stands for before matching, which grows with their total.
PREFIX_ROWS_CAP = 40_000
# What a lookup costs, in rows read per word and weighed by how it is read: FTS5 merges the
# postings of every word a prefix stands for, reads a whole word's positions for NEAR, and
# skips through them for a phrase (about 50, 25 and 10 ns a row on the benchmark's machine).
# None of it can be interrupted by the deadline, so a query's lookups are held to a budget.
ROW_COST = {"prefix": 1.0, "near": 0.5, "phrase": 0.2}
SHAPE_COST_CAP = 60_000  # a dearer shape is left out (a few ms, for few rows)
COST_BUDGET = 150_000  # per query, over all its sentence lookups
TIME_BUDGET_S = 0.015  # per search; what the FTS lookups have found by then is ranked
NEIGHBOUR_TIME_S = 0.004  # more for the second pass of a sentence search, however long the first took
VOCAB_MEMORY_CAP = 300_000  # most frequent words kept in memory
UNCOVERED_ROWS_CAP = 50_000  # rows not yet in search_vocab, counted at load
MIN_SCORE = 60.0  # below this a hit matched too little of the query to be worth showing
KIND_ORDER = {"entity": 0, "event": 1, "sentence": 2}  # ties: the more specific item first
# Below this 20th best sentence score the top 20 holds sentences matching the query only
# across word boundaries: the second pass looks for more of them (`_neighbour_ids`).
NEIGHBOURS_BELOW = 90.0
NEIGHBOURS_FROM = 5  # query characters: a shorter query matches a stretch of most sentences
NEIGHBOURS_UPTO = 3  # query words: two words of a sentence rarely align with more
NEIGHBOUR_WORDS = 3  # spellings of a query word whose followers are read
FOLLOWERS_CAP = 4000  # a word followed by more distinct words says little (the, of, and)
FINAL_WORDS = 40  # sentence-final words like the query's end whose previous words are read
NEIGHBOURS = 32  # follower pairs estimated best, looked up best first within `NEIGHBOUR_BUDGET`
ENDING_ROWS = 100  # sentences read for the sentence-final pairs estimated best
NEIGHBOUR_BUDGET = 40_000  # per search (see `ROW_COST`): a pair with a common word is dear


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

    def __init__(self, docs: dict[str, int], final_words: Collection[str] = ()) -> None:
        self.docs = docs
        self.final_words = list(final_words)  # the words sentences end with
        self.sorted = sorted(docs)
        self._rows_before = array("q", accumulate((docs[t] for t in self.sorted), initial=0))
        self._by_letter: dict[tuple[int, str], list[str]] = {}
        for term in docs:
            for position in (0, 1):
                if len(term) > position:
                    self._by_letter.setdefault((position, term[position]), []).append(term)
        # The sorted words in one string, to find those holding a fragment at C speed.
        self._joined = "\n".join(self.sorted)
        self._offsets = array("q", accumulate((len(t) + 1 for t in self.sorted), initial=0))
        self.alternatives = lru_cache(maxsize=4096)(self._alternatives)
        # Cached too: a word being typed is completed at each keystroke, and without its last letter.
        self.completions = lru_cache(maxsize=4096)(self._completions)
        self.containing = lru_cache(maxsize=4096)(self._containing)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Vocabulary:
        """The stored vocabulary plus the words of rows written since it was last refreshed."""
        docs = dict(conn.execute(
            "SELECT term, docs FROM search_vocab ORDER BY docs DESC LIMIT ?", (VOCAB_MEMORY_CAP,)
        ).fetchall())
        counts = fts.new_words(conn, max_rows=UNCOVERED_ROWS_CAP, pairs=False).counts
        for term, n in counts.items():
            docs[term] = docs.get(term, 0) + n
        return cls(docs, [term for (term,) in conn.execute("SELECT term FROM search_endings")])

    def final_words_like(self, needle: str) -> list[str]:
        """The `FINAL_WORDS` sentence-final words most like the query (`fuzz.ratio`): those a
        stretch at the end of a sentence may align with."""
        found = process.extract(needle, self.final_words, scorer=fuzz.ratio, limit=FINAL_WORDS)
        return [term for term, _, _ in found]

    def _alternatives(self, word: str) -> tuple[tuple[str, float], ...]:
        """(term, similarity to `word` out of 100) to look up for one query word."""
        found = {word: 100.0}
        for term in self.completions(word):
            found.setdefault(term, 95.0)
        # A typo in a word being typed is most often its last letter: complete without it.
        retyped = self.completions(word[:-1]) if len(word) >= 4 else ()
        for term in (*retyped, *self.corrections(word)):
            found.setdefault(term, fuzz.ratio(word, term))
        return tuple(found.items())

    def _completions(self, prefix: str, k: int = 4) -> tuple[str, ...]:
        """The `k` most frequent words starting with `prefix` (it may be half typed)."""
        lo, hi = self._starting_with(prefix)
        return tuple(heapq.nlargest(k, islice(self.sorted, lo, hi), key=self.docs.__getitem__))

    def rows_starting(self, prefix: str) -> int:
        """How many rows hold a word starting with `prefix`, at most (their counts added up):
        what an FTS5 prefix lookup of it costs."""
        lo, hi = self._starting_with(prefix)
        return self._rows_before[hi] - self._rows_before[lo]

    def _starting_with(self, prefix: str) -> tuple[int, int]:
        """The slice of `sorted` holding the words that start with `prefix`."""
        lo = bisect_left(self.sorted, prefix)
        return lo, bisect_left(self.sorted, prefix + "\U0010ffff", lo)

    def _containing(self, word: str) -> tuple[str, ...]:
        """The most frequent words holding `word` inside or, from 5 letters, all of it but its
        first or last letter ("sputnik" for "putn", "scranton" for "antonv"): `partial_ratio`
        scores them as high as the word itself. Words starting with `word` are left out: its
        prefix lookup finds them."""
        if len(word) < 4:
            return ()
        fragments = [word, word[:-1], word[1:]] if len(word) >= 5 else [word]
        found = {t for f in fragments for t in self._holding(f) if not t.startswith(word)}
        return tuple(heapq.nlargest(CONTAINERS, sorted(found), key=self.docs.__getitem__))

    def _holding(self, fragment: str) -> Iterator[str]:
        """Words holding `fragment`, in alphabetical order, at most `CONTAINER_SCAN`."""
        at = self._joined.find(fragment)
        for _ in range(CONTAINER_SCAN):
            if at < 0:
                return
            index = bisect_right(self._offsets, at) - 1
            yield self.sorted[index]
            at = self._joined.find(fragment, self._offsets[index + 1])

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
    sentence_lookups: tuple[str, ...]  # FTS5 expressions, likeliest best sentences first

    @classmethod
    def parse(cls, raw: str, vocabulary: Vocabulary) -> Query:
        raw = raw[:MAX_QUERY_CHARS]
        query_words = tuple(dict.fromkeys(fts.words(raw)))[:MAX_WORDS]
        alternatives = tuple(vocabulary.alternatives(w) for w in query_words)
        q = cls(" ".join(query_words), plain(raw), alternatives, ())
        shapes = _shapes(query_words, alternatives, vocabulary)
        return replace(q, sentence_lookups=_plan(shapes, q, vocabulary))

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
class _Shape:
    """Words a sentence may hold, one FTS5 phrase: side by side, up to `GAP` words apart
    (`near`, any order) or side by side at the start (`initial`: `partial_ratio` lets a stretch
    stop at either end of the sentence). `prefixes`: which words stand for any they start."""

    words: tuple[str, ...]
    prefixes: tuple[bool, ...]
    near: bool = False
    initial: bool = False

    def estimate(self, needle: str) -> float:
        """`partial_ratio` of the query against a sentence holding the shape and nothing else
        like the query: about the least its rows score."""
        rest = FILL * len(needle)
        text = (f" {FILL * 2} " if self.near else " ").join(self.words) + " " + rest
        return fuzz.partial_ratio(needle, text if self.initial else rest + " " + text)

    def expression(self) -> str:
        """The shape as FTS5 syntax: every word is a vocabulary word or folded letters and digits
        from the query, quoted (`_quote`), never raw user text."""
        terms = [_quote(w) + ("*" if p else "") for w, p in zip(self.words, self.prefixes)]
        if self.near:
            return f"NEAR({' '.join(terms)}, {GAP})"
        return ("^ " if self.initial else "") + " + ".join(terms)


def _shapes(
    query_words: tuple[str, ...], alternatives: tuple[tuple[tuple[str, float], ...], ...],
    vocabulary: Vocabulary,
) -> Iterator[_Shape]:
    """Every shape a good sentence may hold: each run of consecutive query words as typed and in
    its likeliest other spellings (`_forms`), side by side and, for runs of two words or more,
    apart; the words either side of a third, apart; runs of one or two words also cut shorter,
    side by side (longer runs cut rarely match, and a cut run apart would merge its prefixes
    again for little); the first word also at the start (a longer run is found anywhere
    anyway); each word also as the words holding it."""
    spellings = [_spellings(w, a, vocabulary.docs) for w, a in zip(query_words, alternatives)]
    for i in range(len(query_words)):
        for j in range(i + 1, len(query_words) + 1):
            run = query_words[i:j]
            for words, prefixes in _forms(run, spellings[i:j]):
                yield _Shape(words, prefixes)
                if j - i > 1:
                    yield _Shape(words, prefixes, near=True)
            if j - i == 3:  # "trade with china" for "trade tarifs china"
                yield _Shape(run[::2], (True, True), near=True)
            for cut in (0, *CUTS) if j - i <= 2 else ():
                yield _Shape(_cut(run, cut), (True,) * len(run))
                if i == 0 and j == 1:
                    yield _Shape(_cut(run, cut), (True,), initial=True)
        for term in vocabulary.containing(query_words[i]):
            yield _Shape((term,), (False,))


def _forms(run: tuple[str, ...], spellings: list[list[str]]) -> Iterator[tuple[tuple[str, ...], tuple[bool, ...]]]:
    """(words, which are prefixes) for a run of query words: as typed and in its likeliest other
    spellings, the last word a prefix (it may be half typed). In a run of one or two words as
    typed, each word is a prefix ("russia expel" for "Russian expelled"); in a longer run that
    would merge too many prefixes for the few rows it adds."""
    last = (False,) * (len(run) - 1) + (True,)
    yield run, (True,) * len(run) if len(run) <= 2 else last
    for words in islice(product(*spellings), 1, 1 + MAX_SPELLINGS):
        yield words, last


def _cut(query_words: tuple[str, ...], letters: int) -> tuple[str, ...]:
    """Each word without its last `letters` letters, down to `MIN_PREFIX` letters."""
    return tuple(w[: max(MIN_PREFIX, len(w) - letters)] for w in query_words)


def _spellings(word: str, alternatives: tuple[tuple[str, float], ...], docs: dict[str, int]) -> list[str]:
    """The word and its likeliest other spellings, those more frequent than the word itself (a
    known word is rarely a misspelling of a rarer one: "iran" is not "imran"); its completions
    and cuts are left out, as the word is looked up as a prefix and cut anyway."""
    typed = docs.get(word, 0)
    others = [(s, t) for t, s in alternatives
              if not (t.startswith(word) or word.startswith(t)) and docs.get(t, 0) > typed]
    return [word, *(t for _, t in sorted(others, reverse=True)[:2])]


def _follower_shapes(
    q: Query, vocabulary: Vocabulary, conn: sqlite3.Connection, floor: float
) -> list[_Shape]:
    """The `NEIGHBOURS` pairs of a query word (as typed, completed or respelt) and a word that
    follows it in some sentence, best estimated, above `floor`."""
    forms = [term for word, alternatives in zip(q.text.split()[:-1], q.alternatives)
             for term in _known_forms(word, alternatives, vocabulary)]
    lists = {term: text.split() for term, text in _pairs(conn, "search_followers", forms).items()}
    pairs = [(term, following) for term, followers in lists.items() if len(followers) <= FOLLOWERS_CAP
             for following in followers]
    best = _pair_estimates(q.plain, pairs, floor, final=False)
    return [_Shape(pairs[i], (False, False)) for i in islice(best, NEIGHBOURS)]


def _ending_ids(q: Query, vocabulary: Vocabulary, conn: sqlite3.Connection, floor: float) -> list[int]:
    """Up to `ENDING_ROWS` sentences ending with a word like the query and the word before it,
    the pairs best estimated first, above `floor`."""
    rows = _pairs(conn, "search_endings", vocabulary.final_words_like(q.plain))
    groups = {(before, final): ids for final, text in rows.items()
              for before, ids in fts.ending_groups(text).items()}
    pairs = list(groups)
    best = _pair_estimates(q.plain, pairs, floor, final=True)
    return list(islice((i for index in best for i in fts.ending_ids(groups[pairs[index]])), ENDING_ROWS))


def _pair_estimates(needle: str, pairs: list[tuple[str, str]], floor: float, final: bool) -> Iterator[int]:
    """Indexes of the pairs estimated above `floor`, best first: as `_Shape.estimate` would
    estimate the two words side by side, or at the very end of a sentence if `final`
    (`partial_ratio` lets the query run off it), at C speed."""
    rest = FILL * len(needle)
    texts = [f"{rest} {a} {b}" + ("" if final else f" {rest}") for a, b in pairs]
    found = process.extract(needle, texts, scorer=fuzz.partial_ratio, limit=None, score_cutoff=floor)
    return (i for _, score, i in found if score > floor)


def _known_forms(word: str, alternatives: tuple[tuple[str, float], ...], vocabulary: Vocabulary) -> list[str]:
    """A query word as typed, completed and respelt: the `NEIGHBOUR_WORDS` known ones likeliest
    meant ("russia", "russian")."""
    likeliest = sorted(alternatives, key=lambda a: (-a[1], -vocabulary.docs.get(a[0], 0)))
    return [term for term, _ in likeliest if term in vocabulary.docs][:NEIGHBOUR_WORDS]


def _pairs(conn: sqlite3.Connection, table: str, terms: list[str]) -> dict[str, str]:
    """The words stored with each of `terms` in one of `fts.PAIR_TABLES`, as stored."""
    sql = f"SELECT term, words FROM {table} WHERE term IN ({','.join('?' * len(terms))})"
    return dict(conn.execute(sql, terms))


def _plan(shapes: Iterable[_Shape], q: Query, vocabulary: Vocabulary) -> tuple[str, ...]:
    """FTS5 expressions for the sentence lookups, in order: shapes of several words, likeliest
    to score best first (they match few rows, nearly all good); then rows holding every word
    anywhere; then single words, likeliest first. Left out: shapes that cannot match (a word no
    known word starts), runs of frequent words only ("of the": slow to match, and they match
    anything), and shapes too dear to look up (`ROW_COST`)."""
    ranked = _ranked(shapes, q, vocabulary)
    if len(q.alternatives) > 1:
        ranked.append((True, -math.inf, 0.0, q.all_words()))
    return _within_budget(ranked)


def _ranked(shapes: Iterable[_Shape], q: Query, vocabulary: Vocabulary) -> list[tuple[bool, float, float, str]]:
    """(single word, -estimate, cost, expression) of each shape that can match and is cheap
    enough to look up (see `_plan`)."""
    ranked: list[tuple[bool, float, float, str]] = []
    for shape in dict.fromkeys(shapes):
        rows = [vocabulary.rows_starting(w) if p else vocabulary.docs.get(w, 0)
                for w, p in zip(shape.words, shape.prefixes)]
        single = len(rows) == 1
        if all(rows) and (single or min(rows) <= PREFIX_ROWS_CAP):
            shape = replace(shape, prefixes=tuple(
                p and _cheap_prefix(w, n) for w, p, n in zip(shape.words, shape.prefixes, rows)))
            cost = _cost(shape, rows)
            if cost <= SHAPE_COST_CAP:
                ranked.append((single, -shape.estimate(q.plain), cost, shape.expression()))
    return ranked


def _within_budget(ranked: list[tuple[bool, float, float, str]], budget: float = COST_BUDGET) -> tuple[str, ...]:
    """The expressions in order, as many as `budget` allows."""
    kept: dict[str, None] = {}
    spent = 0.0
    for *_, cost, expression in sorted(ranked):
        if spent + cost <= budget:
            spent += cost
            kept[expression] = None
    return tuple(kept)


def _cost(shape: _Shape, rows: list[int]) -> float:
    """What looking a shape up costs (see `ROW_COST`)."""
    whole = ROW_COST["near" if shape.near else "phrase"]
    return sum(n * (ROW_COST["prefix"] if p else whole) for n, p in zip(rows, shape.prefixes))


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


@dataclass(frozen=True)
class _Found:
    """A ranked item, made into a `Hit` only if it is shown: highlighting the sentence (and,
    for an entity, finding its first mention) costs more than ranking."""

    score: float
    kind: str
    id: int
    sentence_id: int | None  # None for an entity: its sentence is found when shown
    make: Callable[[], Hit | None]


class _Deadline:
    """Progress handler: stops a query past the time budget or after `interrupt()`."""

    def __init__(self, owner: SearchMixin) -> None:
        self.owner = owner
        self.generation = owner._generation()
        self.until = time.monotonic() + TIME_BUDGET_S

    def __call__(self) -> int:
        return int(time.monotonic() > self.until or self.owner._generation() != self.generation)

    def extend(self, seconds: float) -> None:
        """Allow at least `seconds` more, whatever is left of the budget."""
        self.until = max(self.until, time.monotonic()) + seconds


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
        found = [f for kind in KIND_ORDER if kind in kinds
                 for f in finders[kind](parsed, limit, deadline) if f.score >= MIN_SCORE]
        found.sort(key=lambda f: (-f.score, KIND_ORDER[f.kind], f.id))
        shown_by_events = {f.sentence_id for f in found if f.kind == "event"}
        kept = (f for f in found if f.kind != "sentence" or f.sentence_id not in shown_by_events)
        hits = (f.make() for f in kept)
        return self._with_articles(list(islice((h for h in hits if h is not None), limit)))

    def _candidates(
        self, sql: str, index: str, expressions: list[str], wanted: int, deadline: _Deadline
    ) -> list[sqlite3.Row]:
        """Rows of `sql` for up to `wanted` rows of the FTS5 table `index` matching the
        expressions tier by tier (`sql` takes their ids as `{ids}`)."""
        return self._rows(sql, self._matching(index, expressions, wanted, deadline))

    def _rows(self, sql: str, ids: list[int]) -> list[sqlite3.Row]:
        """Rows of `sql` for the given ids (`sql` takes them as `{ids}`)."""
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

    def _entity_hits(self, q: Query, limit: int, deadline: _Deadline) -> list[_Found]:
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
            score = round(min(100.0, (closeness + coverage) / 2 + popularity), 1)
            scored.append(_Found(score, "entity", row["id"], None, partial(self._entity_hit, q, score, row)))
        return scored

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

    def _event_hits(self, q: Query, limit: int, deadline: _Deadline) -> list[_Found]:
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
            # Who did what to whom, in that order, for each doer: "russia expel" ranks Russia's
            # expulsions first, also when Russia is one of several ("Russia & United States").
            summaries = [f"{doer} {verb} {target}" for doer in dict.fromkeys([source, *source.split(" & ")])
                         for verb in (kind, row["trigger_text"])]
            label = f"{row['type']}: {row['label']}" + (f" ({row['event_date']})" if row["event_date"] else "")
            trigger = (row["trigger_start"] - row["start"], row["trigger_end"] - row["start"])
            score = round(q.score([*summaries, row["text"]]), 1)
            make = partial(_hit, "event", row["id"], label, score, row, q, [trigger], row["sentence_id"])
            hits.append(_Found(score, "event", row["id"], row["sentence_id"], make))
        return hits

    def _sentence_hits(self, q: Query, limit: int, deadline: _Deadline) -> list[_Found]:
        """The best sentences the lookups find; if the `limit`th scores under `NEIGHBOURS_BELOW`,
        also those a neighbour pair says could beat it (`_neighbour_ids`)."""
        sql = """SELECT id, article_id, start, "end", text FROM sentences WHERE id IN ({ids})"""
        wanted = max(CANDIDATES["sentence"], limit)
        rows = self._candidates(sql, "sentences_fts", list(q.sentence_lookups), wanted, deadline)
        scored = heapq.nsmallest(limit, _aligned(q, rows))
        floor = -scored[-1][0] if len(scored) == limit else MIN_SCORE
        if _needs_neighbours(q, floor):
            seen = {row["id"] for row in rows}
            found = [i for i in self._neighbour_ids(q, floor, wanted, deadline) if i not in seen]
            scored = heapq.nsmallest(limit, [*scored, *_aligned(q, self._rows(sql, found))])
        return [_Found(round(-score, 1), "sentence", row["id"], row["id"], partial(_sentence_hit, q, -score, row))
                for score, _, row in scored]

    def _neighbour_ids(self, q: Query, floor: float, wanted: int, deadline: _Deadline) -> list[int]:
        """The second pass (see the module docstring): sentences holding a query word and a
        word after it, then sentences ending like the query, that may score over `floor`."""
        vocabulary = self.prepare_search()
        deadline.extend(NEIGHBOUR_TIME_S)
        shapes = _follower_shapes(q, vocabulary, self.conn, floor)
        lookups = _within_budget(_ranked(shapes, q, vocabulary), NEIGHBOUR_BUDGET)
        found = [*self._matching("sentences_fts", list(lookups), wanted, deadline),
                 *_ending_ids(q, vocabulary, self.conn, floor)]
        return list(dict.fromkeys(found))

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


def _needs_neighbours(q: Query, floor: float) -> bool:
    """Whether the second pass may find sentences scoring over `floor` (`NEIGHBOURS_BELOW`,
    `NEIGHBOURS_FROM`, `NEIGHBOURS_UPTO`)."""
    return floor < NEIGHBOURS_BELOW and NEIGHBOURS_FROM <= len(q.plain) and len(q.alternatives) <= NEIGHBOURS_UPTO


def _aligned(q: Query, rows: list[sqlite3.Row]) -> Iterator[tuple[float, int, sqlite3.Row]]:
    """(-score, id, row) of sentence rows, to rank them best first."""
    return ((-q.alignment(row["text"]), row["id"], row) for row in rows)


def _sentence_hit(q: Query, score: float, row: sqlite3.Row) -> Hit:
    """A sentence hit, highlighting the words the query aligned with as ranking saw them."""
    return _hit("sentence", row["id"], "", score, row, q, _aligned_words(q, row["text"]))


def _aligned_words(q: Query, text: str) -> list[tuple[int, int]]:
    """Spans of the words of `text` mostly within the stretch the query aligns best with, as
    ranking saw it; none when accents are left and folding them changes the text's length
    (offsets would not map back)."""
    haystack = _lowered(text)
    if haystack is None:
        folded = fts.fold(text)
        if len(folded) != len(text):
            return []
        haystack = _NOT_ALNUM.sub(" ", folded)
    if len(haystack) < len(q.plain):
        return []
    window = fuzz.partial_ratio_alignment(q.plain, haystack)
    # Only the words the window touches: in `haystack` every character between words is a space.
    start = haystack.rfind(" ", 0, window.dest_start) + 1
    end = haystack.find(" ", window.dest_end)
    end = len(haystack) if end < 0 else end
    return [(m.start(), m.end()) for m in fts.WORD.finditer(text, start, end)
            if 2 * (min(m.end(), window.dest_end) - max(m.start(), window.dest_start)) > m.end() - m.start()]


def _lowered(text: str) -> str | None:
    """`text` as ranking compares it (`plain`) but character for character, nothing trimmed, so
    that offsets in it are offsets in `text`; None if letters outside ASCII are left (folding
    their accents may change the length). The fast way to the words a hit highlights: most
    sentences only lose curly quotes and dashes, which `fts.fold` would decompose one by one."""
    lowered = utils.default_process(f"a{text}a")[1:-1]  # letters either end: nothing trimmed
    return lowered if lowered.isascii() and len(lowered) == len(text) else None


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
    lowered = _lowered(text)
    spans = spans + [(m.start(), m.end()) for m in fts.WORD.finditer(text)
                     if (lowered[m.start() : m.end()] if lowered else fts.fold(m.group())) in terms]
    return Hit(
        kind=kind, id=item_id, label=label, score=round(score, 1), article_id=row["article_id"],
        sentence=text, start=row["start"], end=row["end"],
        sentence_id=sentence_id if sentence_id is not None else row["id"],
        highlights=tuple(sorted(set(spans))),
    )
