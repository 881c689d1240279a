"""Events: DESIGN §5 acts with actors, place, date, modality and negation.

Interface used by the pipeline (extract/pipeline.py):
- `add_components(nlp)` prepares the trigger matcher once at load time;
- `extract_events(doc, sentences, entities, mentions, article_date=...)` returns the §4
  `events` list of one article.

Triggers come from the lexicon table (`data/triggers.tsv`) through a spaCy `Matcher`; the
dependency parse gives each trigger its governing verbs (modality), its arguments (actors,
mapped to the entity layer's entities through their mention spans), its place and date.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..sentences import Sentences
from .actors import ActorIndex
from .detect import Detection, detect
from .record import event_records


def add_components(nlp: Language) -> None:
    """Build the trigger matcher and load the tables now rather than on the first article."""
    from .lexicon import prepare

    prepare(nlp.vocab)


def extract_events(
    doc: Doc,
    sentences: Sentences,
    entities: list[dict],
    mentions: list[dict],
    *,
    article_date: str | None,
    speaker: str | None = None,
) -> list[dict]:
    """The article's events. `speaker` (ISO alpha-3) is the country whose speech or statement
    the article is (UN General Debate, a White House statement): "I", "we", "my Government"
    are that state. When an event needs the
    speaker's country and the article never names it, its COUNTRY entity is appended to
    `entities` so every actor id refers to an entity of the record."""
    index = ActorIndex(doc, entities, mentions, speaker)
    detections: list[Detection] = detect(doc, index)
    events = event_records(doc, sentences, index, detections, article_date)
    used = {e for event in events for e in [*event["source"], *event["target"]]}
    entities.extend(e for e in index.added if e["id"] in used)
    return events
