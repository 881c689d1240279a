"""Detections -> the §4 `events` records: modality, PLOVER/CAMEO, date and trigger span."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..ontology import EVENT_TYPES, plover_for
from ..sentences import Sentences
from .actors import ActorIndex
from .detect import Detection
from .modality import modality_of
from .syntax import clause_head
from .timing import answers_previous, event_date

LIGHT_VERB_GAP = 4


def _trigger_span(doc: Doc, trigger: Token, chain: list[Token]) -> dict:
    """The trigger word, or the light verb through it ("ordered the closure"). Read from the
    span, not `doc.text`, which spaCy rebuilds from the tokens on every access."""
    first = chain[0] if chain and 0 < trigger.i - chain[0].i <= LIGHT_VERB_GAP else trigger
    span = doc[first.i : trigger.i + 1]
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


def _clause_verb(detection: Detection) -> Token:
    """The verb whose tense and date phrases an act shares."""
    if detection.trigger.dep_ == "amod":
        return clause_head(detection.chain[-1] if detection.chain else detection.trigger.head)
    if detection.trigger.pos_ == "VERB":
        return detection.trigger
    return clause_head(detection.chain[-1] if detection.chain else detection.trigger)


def _answered_date(events: list[dict], sentence: int, verb: Token) -> str | None:
    """The date of the act a retaliation answers: the previous sentence's dated event."""
    if not answers_previous(verb.sent):
        return None
    return next((e["date"] for e in reversed(events) if e["sentence"] == sentence - 1 and e["date"]), None)


def event_records(
    doc: Doc, sentences: Sentences, index: ActorIndex, detections: list[Detection], article_date: str | None
) -> list[dict]:
    events: list[dict] = []
    for detection in sorted(detections, key=lambda d: d.trigger.i):
        roles = detection.roles
        etype = detection.row.type
        sentence = sentences.index_at(detection.trigger.idx)
        modality, negated = modality_of(detection.trigger, detection.chain)
        if etype == "THREATEN" and modality == "intended":
            modality = "threatened"  # "vowed to retaliate": an intended retaliation is a threat
        verb = _clause_verb(detection)
        event = {
            "id": f"v{len(events) + 1}",
            "type": etype,
            "plover": plover_for(etype, modality),
            "cameo": EVENT_TYPES[etype].cameo,
            "source": roles.source,
            "target": roles.target,
            "place": roles.place,
            "date": _answered_date(events, sentence, verb) or event_date(verb, verb.sent, article_date),
            "sentence": sentence,
            "trigger": _trigger_span(doc, detection.trigger, detection.chain),
            "modality": modality,
            "negated": negated,
        }
        events.append(event)
    return events
