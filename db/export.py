"""Whole-table exports (`dipexplore export`), streamed row by row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # corpus.py imports the pane queries, which reuse these exports
    from .corpus import Corpus

EXPORTS: dict[str, str] = {
    "events": """
        SELECT e.id, e.act_id, e.type, e.plover, e.cameo, e.goldstein, e.date, e.modality,
               e.negated, e.label,
               (SELECT group_concat(n.name, '; ') FROM event_actors a JOIN entities n ON n.id = a.entity_id
                 WHERE a.event_id = e.id AND a.role = 'source') AS source,
               (SELECT group_concat(coalesce(n.country, ''), '; ') FROM event_actors a JOIN entities n ON n.id = a.entity_id
                 WHERE a.event_id = e.id AND a.role = 'source') AS source_country,
               (SELECT group_concat(n.name, '; ') FROM event_actors a JOIN entities n ON n.id = a.entity_id
                 WHERE a.event_id = e.id AND a.role = 'target') AS target,
               (SELECT group_concat(coalesce(n.country, ''), '; ') FROM event_actors a JOIN entities n ON n.id = a.entity_id
                 WHERE a.event_id = e.id AND a.role = 'target') AS target_country,
               p.name AS place, e.trigger_text AS "trigger", e.article_id, a.title AS article_title,
               a.source AS article_source, s.start AS sentence_start, s."end" AS sentence_end,
               s.text AS sentence
        FROM events e JOIN sentences s ON s.id = e.sentence_id JOIN articles a ON a.id = e.article_id
        LEFT JOIN entities p ON p.id = e.place_entity_id
        ORDER BY e.id""",
    "entities": """
        SELECT e.id, e.name, e.type, e.country, e.mention_count, e.article_count, e.event_count,
               (SELECT group_concat(alias, '; ') FROM entity_aliases WHERE entity_id = e.id) AS aliases,
               (SELECT group_concat(role, '; ') FROM entity_roles WHERE entity_id = e.id) AS roles
        FROM entities e ORDER BY e.id""",
    "mentions": """
        SELECT m.id, m.entity_id, n.name AS entity, m.article_id, m.start, m."end", m.text, m.form,
               s.idx AS sentence_index
        FROM mentions m JOIN entities n ON n.id = m.entity_id JOIN sentences s ON s.id = m.sentence_id
        ORDER BY m.id""",
    "sentences": """
        SELECT s.id, s.article_id, s.idx AS "index", s.start, s."end", s.text
        FROM sentences s ORDER BY s.id""",
}


def export_rows(corpus: Corpus, table: str) -> tuple[list[str], Iterator[tuple]]:
    """Column names and a row iterator for one exportable table."""
    cursor = corpus.conn.execute(EXPORTS[table])
    return [d[0] for d in cursor.description], (tuple(row) for row in cursor)
