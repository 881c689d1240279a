"""Which trigger tokens are events: the first lexicon reading whose requirements hold, with
nominal triggers kept only when a verb or a possessor makes them an act, wrapping verbs
("demanded", "agreed to") giving way to the act they govern, and generic uses (no
political actor) dropped."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .actors import ActorIndex
from .frames import Roles, assign_roles, read_syntax
from .lexicon import Requirement, TriggerRow, in_class, trigger_candidates
from .modality import governor_chain
from .syntax import argument_tokens, is_infinitive, is_passive, particle

LOCATED_TYPES = {"PROTEST", "MOBILIZE", "MILITARY_ACTION"}
# "denied the accusations", "rejected the criticism": the response is the act, not the claim.
RESPONSES = {"DENY", "REJECT"}
CLAIMS = {"ACCUSE", "CRITICIZE", "THREATEN"}


@dataclass
class Detection:
    trigger: Token
    row: TriggerRow
    chain: list[Token]
    roles: Roles


def _holds(req: Requirement, trigger: Token, chain: list[Token], index: ActorIndex) -> bool:
    if req.kind == "class":
        return any(in_class(t, req.value) for t in argument_tokens(trigger, skip_subject=False))
    if req.kind == "prep":
        return particle(trigger, req.value)
    if req.kind == "finite":
        return not is_infinitive(trigger)
    if req.kind == "xcomp":
        return any(c.dep_ == "xcomp" for c in trigger.children) or particle(trigger, "to")
    ids = index.resolve(read_syntax(trigger, chain).patient)
    if req.value in ("person", "country"):
        return any(index.type(e) == req.value.upper() for e in ids)
    return bool(ids)


def _is_act(trigger: Token, chain: list[Token], index: ActorIndex) -> bool:
    """A nominal is an act when governed ("held talks") or owned ("Russia's expulsion")."""
    if trigger.dep_ == "compound" or trigger.i in index.by_token:
        return False
    if trigger.pos_ == "VERB" or chain:
        return True
    return bool(index.resolve(read_syntax(trigger, chain).agent))


def _political(detection: Detection, index: ActorIndex) -> bool:
    """At least one actor is a state, or a person or organisation with a country (a city as
    the doer is a sports team: "Liverpool attacked"); acts of crowds need a located place."""
    roles = detection.roles
    actors = [*roles.source, *roles.target]
    if detection.row.type in LOCATED_TYPES and roles.place and not actors:
        return bool(index.country(roles.place))
    if detection.row.frame == "term" and not roles.target:
        return False
    if not roles.source and not (detection.row.type in LOCATED_TYPES or _passive(detection)):
        return False  # an active act needs its doer: "officers traveled to Canada" is no visit
    return any(index.type(e) != "PLACE" and (index.country(e) or index.type(e) == "COUNTRY") for e in actors)


def _passive(detection: Detection) -> bool:
    """Passive or nominal acts may leave the doer unsaid ("two diplomats were expelled")."""
    verb = detection.trigger if detection.trigger.pos_ == "VERB" else (detection.chain or [None])[-1]
    return verb is None or is_passive(verb)


def _reading(trigger: Token, rows: tuple[TriggerRow, ...], chain: list[Token], index: ActorIndex) -> TriggerRow | None:
    for row in rows:
        if all(_holds(req, trigger, chain, index) for req in row.requires):
            return row
    return None


def detect(doc: Doc, index: ActorIndex) -> list[Detection]:
    found: list[Detection] = []
    for trigger, rows in trigger_candidates(doc):
        chain = governor_chain(trigger)
        if not _is_act(trigger, chain, index):
            continue
        row = _reading(trigger, rows, chain, index)
        if row is None or (trigger.dep_ == "amod" and row.frame != "mission"):
            continue  # "alleged plots" is no accusation; "shuttered properties" is a closure
        found.append(Detection(trigger, row, chain, assign_roles(trigger, row, chain, index)))
    by_token = {d.trigger.i: d for d in found}
    answered = {
        d.trigger.i for d in found
        if d.row.type in CLAIMS and any(by_token.get(t.i) and by_token[t.i].row.type in RESPONSES for t in d.chain)
    }
    wrappers = {t.i for d in found if d.trigger.i not in answered for t in d.chain}
    # "provided aid": the verb and its object name one act; keep the governed nominal.
    restated = {t.i for d in found for t in d.chain if t.i in by_token and by_token[t.i].row.type == d.row.type}
    return [
        d for d in found
        if d.trigger.i not in answered | restated
        and not (d.row.wraps and d.trigger.i in wrappers)
        and _political(d, index)
    ]
