"""Writing records: every article is stored whole or not at all; re-ingesting adds nothing."""

from __future__ import annotations

import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from dipexplore.extract.entities import canonical_key
from dipexplore.extract.ontology import goldstein
from dipexplore.extract.pipeline import process_parallel, too_long
from dipexplore.extract.readers import Article, Item, ReadError, Record

from . import fts
from .connection import open_writable


@dataclass
class IngestReport:
    """What one ingest did, for the summary line and the exit status."""

    added: int = 0
    skipped: int = 0
    failed: list[ReadError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Writer:
    """The single writer of a database file.

    Articles are written in batches: one transaction holds every article stored within
    `batch_seconds`, each article inside its own savepoint. Big transactions are what make
    SQLite and the FTS5 indexes fast (one index segment per batch, not per article), and the
    savepoint keeps an article whole: a failure or Ctrl+C in the middle of one rolls back that
    article only, and a kill loses at most the uncommitted batch, which a rerun redoes. The
    first article is committed on its own, so that readers (the app refreshing beside an
    ingest) see progress at once.
    """

    def __init__(self, path: Path | str, *, batch_seconds: float = 1.0) -> None:
        self.conn = open_writable(path)
        self.db = sqlite_utils.Database(self.conn)
        self.batch_seconds = batch_seconds
        self._batch_started = 0.0
        self._committed_once = False

    def close(self) -> None:
        """Commit the open batch, then close."""
        try:
            self.commit()
        finally:
            self.conn.close()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def commit(self) -> None:
        """Make the articles stored so far durable and let other writers in."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
            self._committed_once = True

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def add(self, record: dict, *, origin: str | None = None, external_id: str | None = None) -> bool:
        """Store one §4 record whole; False (and no change) if the article is present."""
        if not self.conn.in_transaction:
            # IMMEDIATE takes the write lock up front, so a second ingest waits (busy
            # timeout) instead of failing when it upgrades a stale read snapshot.
            self.conn.execute("BEGIN IMMEDIATE")
            self._batch_started = time.monotonic()
        self.conn.execute("SAVEPOINT article")
        try:
            added = not self.has_article(record["article"]["id"])
            if added:
                self._write(record, origin, external_id)
        except BaseException:  # Ctrl+C included: nothing of this article stays
            self.conn.execute("ROLLBACK TO article")
            self.conn.execute("RELEASE article")
            raise
        self.conn.execute("RELEASE article")
        if not self._committed_once or time.monotonic() - self._batch_started >= self.batch_seconds:
            self.commit()
        return added

    def _write(self, record: dict, origin: str | None, external_id: str | None) -> None:
        article = record["article"]
        article_id = article["id"]
        self.db["articles"].insert(
            {
                **article,
                "external_id": external_id,
                "origin": origin,
                "sentence_count": len(record["sentences"]),
                "word_count": len(article["text"].split()),
                "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            }
        )
        first_sentence = self._next_id("sentences")
        sentence_ids = [first_sentence + s["index"] for s in record["sentences"]]
        self.db["sentences"].insert_all(
            {"id": sid, "article_id": article_id, "idx": s["index"], "start": s["start"],
             "end": s["end"], "text": s["text"]}
            for sid, s in zip(sentence_ids, record["sentences"])
        )
        entity_ids = {e["id"]: self._entity_id(e, article_id) for e in record["entities"]}
        self.db["mentions"].insert_all(
            {"entity_id": entity_ids[m["entity"]], "article_id": article_id,
             "sentence_id": sentence_ids[m["sentence"]], "start": m["start"], "end": m["end"],
             "text": m["text"], "form": m["form"]}
            for m in record["mentions"]
        )
        self._count_mentions(record, entity_ids)
        for event in record["events"]:
            self._write_event(event, article_id, sentence_ids, entity_ids, record["entities"])

    def _next_id(self, table: str) -> int:
        return self.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]

    def _entity_id(self, entity: dict, article_id: str) -> int:
        """The canonical row of an entity, created on first sight; aliases and roles merge."""
        key = canonical_key(entity, article_id)
        row = self.conn.execute("SELECT id, country FROM entities WHERE key = ?", (key,)).fetchone()
        if row is None:
            entity_id = self.db["entities"].insert(
                {"key": key, "name": entity["name"], "type": entity["type"], "country": entity.get("country")}
            ).last_pk
        else:
            entity_id = row[0]
            if row[1] is None and entity.get("country"):
                self.conn.execute("UPDATE entities SET country = ? WHERE id = ?", (entity["country"], entity_id))
        aliases = {a for a in entity.get("aliases", []) if a != entity["name"]}
        self.db["entity_aliases"].insert_all(
            ({"entity_id": entity_id, "alias": a} for a in sorted(aliases)), ignore=True
        )
        self.db["entity_roles"].insert_all(
            ({"entity_id": entity_id, "role": r} for r in sorted(set(entity.get("roles", [])))), ignore=True
        )
        return entity_id

    def _count_mentions(self, record: dict, entity_ids: dict[str, int]) -> None:
        counts: dict[int, int] = {}
        for mention in record["mentions"]:
            entity_id = entity_ids[mention["entity"]]
            counts[entity_id] = counts.get(entity_id, 0) + 1
        self.conn.executemany(
            "UPDATE entities SET mention_count = mention_count + ?, article_count = article_count + 1 WHERE id = ?",
            [(n, entity_id) for entity_id, n in counts.items()],
        )

    def _write_event(
        self,
        event: dict,
        article_id: str,
        sentence_ids: list[int],
        entity_ids: dict[str, int],
        entities: list[dict],
    ) -> None:
        names = {e["id"]: e["name"] for e in entities}
        sources = sorted({entity_ids[e] for e in event["source"]})
        targets = sorted({entity_ids[e] for e in event["target"]})
        label = " -> ".join(
            part for part in (
                " & ".join(names[e] for e in event["source"]),
                " & ".join(names[e] for e in event["target"]),
            ) if part
        )
        event_id = self.db["events"].insert(
            {
                "act_id": self._act_id(event["type"], sources, targets, event["date"]),
                "article_id": article_id,
                "sentence_id": sentence_ids[event["sentence"]],
                "type": event["type"],
                "plover": event["plover"],
                "cameo": event["cameo"],
                "goldstein": goldstein(event["cameo"]),
                "date": event["date"],
                "place_entity_id": entity_ids.get(event["place"]) if event.get("place") else None,
                "trigger_start": event["trigger"]["start"],
                "trigger_end": event["trigger"]["end"],
                "trigger_text": event["trigger"]["text"],
                "modality": event["modality"],
                "negated": int(bool(event["negated"])),
                "label": label,
            }
        ).last_pk
        actors = [(event_id, e, "source") for e in sources] + [(event_id, e, "target") for e in targets]
        self.db["event_actors"].insert_all(
            ({"event_id": ev, "entity_id": en, "role": role} for ev, en, role in actors), ignore=True
        )
        self.conn.executemany(
            "UPDATE entities SET event_count = event_count + 1 WHERE id = ?",
            [(e,) for e in sorted(set(sources) | set(targets))],
        )

    def _act_id(self, event_type: str, sources: list[int], targets: list[int], date: str | None) -> int:
        """The act this report describes: same type, same actors, compatible date.

        Dates are compatible when one is a prefix of the other ("2017" and "2017-08"). Acts
        without any actor are never merged: there is nothing to tell them apart.
        """
        key = f"{event_type}|{','.join(map(str, sources))}|{','.join(map(str, targets))}"
        if sources or targets:
            for act_id, act_date in self.conn.execute(
                "SELECT id, date FROM acts WHERE key = ? ORDER BY id", (key,)
            ):
                if _compatible(act_date, date):
                    more_precise = date if len(date or "") > len(act_date or "") else act_date
                    self.conn.execute(
                        "UPDATE acts SET report_count = report_count + 1, date = ? WHERE id = ?",
                        (more_precise, act_id),
                    )
                    return act_id
        return self.db["acts"].insert(
            {"key": key, "type": event_type, "date": date, "report_count": 1}
        ).last_pk


def _compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.startswith(b) or b.startswith(a)


def ingest(
    items: Iterable[Item],
    db_path: Path | str,
    *,
    workers: int = 1,
    on_item: Callable[[], None] | None = None,
) -> IngestReport:
    """Extract and store every new article; duplicates are skipped before any NLP runs.

    Extraction records (`Record` items) are stored as they are. `on_item` is called once per
    input item (added, skipped or failed), for progress bars.
    """
    report = IngestReport()
    tick = on_item or (lambda: None)
    with Writer(db_path) as writer:
        queued: deque[Article] = deque()
        seen: set[str] = set()

        def store(record: dict, origin: str, external_id: str | None) -> None:
            try:
                added = writer.add(record, origin=origin, external_id=external_id)
            except sqlite3.IntegrityError as exc:
                report.failed.append(ReadError(origin, f"not stored ({exc})"))
            else:
                report.added += added
                report.skipped += not added
            tick()

        def new_articles() -> Iterator[Article]:
            """Articles that need NLP; everything else is settled here, in input order."""
            for item in items:
                if isinstance(item, ReadError):
                    report.failed.append(item)
                elif isinstance(item, Record):
                    store(item.record, item.origin, None)
                    continue
                elif error := too_long(item):
                    report.failed.append(error)
                elif item.id in seen or writer.has_article(item.id):
                    report.skipped += 1
                else:
                    report.warnings.extend(f"{item.origin}: {w}" for w in item.warnings)
                    seen.add(item.id)
                    queued.append(item)
                    yield item
                    continue
                tick()

        try:
            for result in process_parallel(new_articles(), workers):
                article = queued.popleft()
                if isinstance(result, ReadError):
                    report.failed.append(result)
                    tick()
                else:
                    store(result, article.origin, article.external_id)
        finally:  # after Ctrl+C too: keep the whole articles stored so far, and let typo
            writer.commit()  # correction know their words
            fts.refresh_vocab(writer.conn)
    return report
