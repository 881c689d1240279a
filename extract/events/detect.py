"""Which trigger tokens are events: the first lexicon reading whose requirements hold, with
nominal triggers kept only when a verb or a possessor makes them an act, wrapping verbs
("demanded", "agreed to") giving way to the act they govern, and generic uses (no
political actor) dropped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .actors import FIRST_PERSON, FIRST_PERSON_POSSESSIVES, ActorIndex
from .frames import PLACE_PREPS, SYMMETRIC_FRAMES, Roles, assign_roles, read_syntax
from .lexicon import Requirement, TriggerRow, in_class, trigger_candidates
from .modality import governor, governor_chain
from .syntax import (
    argument_tokens, authors, children, clause_head, is_infinitive, is_passive, nongrata_clause, particle, patient_of,
    prep_objects, small_clause,
)

LOCATED_TYPES = {"PROTEST", "MOBILIZE", "MILITARY_ACTION"}
# "denied the accusations", "rejected the criticism", "lifted sanctions": the response is the
# act, not the claim or measure it answers; "agreed to cooperate" is the intent to cooperate
# itself (CAMEO 030), not a cooperation.
CLAIMS = {"ACCUSE", "CRITICIZE", "THREATEN"}
ANSWERS = {"DENY": CLAIMS, "REJECT": CLAIMS, "EASE_SANCTIONS": {"SANCTION"}, "AGREE": {"COOPERATE"}}
MILITARY_PREPS = ("on", "against", "at", "into")
CONTACTS = {"MEET", "CALL", "HOST"}
OWN_TARGET_PREPS = ("on", "against")
ADDRESSED = {"PRAISE", "AID"}
BILATERAL = {"AGREE", "COOPERATE"}
# Acts DESIGN §5 defines between states: one state acting on its own people or groups
# ("the PKK, banned by Turkey", candidates lauding each other) is domestic politics, and a
# journey within one's own country ("Trump traveled to Texas") is no visit.
INTERSTATE = {"PRAISE", "SANCTION", "EASE_SANCTIONS", "VISIT"}
# Words said to or of someone: with the sayer unsaid and a first person as the one addressed,
# the first person is everyone, not a state a state acts on ("we are asked to forget them").
VERBAL = {"URGE", "DEMAND", "THREATEN", "PRAISE", "CRITICIZE", "ACCUSE"}


@dataclass
class Detection:
    trigger: Token
    row: TriggerRow
    chain: list[Token]
    roles: Roles


def _object_is(value: str, trigger: Token, chain: list[Token], index: ActorIndex) -> bool:
    """`obj:actor`, `obj:person`, `obj:country`, `obj:foreign` (an actor not the doer's own):
    what the trigger's object stands for;
    `obj:author`: a named actor, or what one said or did ("the position expressed by Biden")."""
    heads = read_syntax(trigger, chain).patient
    if value == "author":
        return any(index.named(h) for h in heads) or bool(index.resolve([a for h in heads for a in authors(h)]))
    if value == "foreign":  # "ordered British diplomats to leave", not "its diplomats" (an evacuation)
        own = any(c.dep_ == "poss" and c.pos_ == "PRON" for h in heads for c in h.children)
        return not own and bool(index.resolve(heads))
    if value in ("person", "country"):  # the object itself, not its possessor ("Kuwait's role",
        # also where the parser made the possessor the object: "welcome Anastasiades's efforts")
        named = [e for h in heads if (e := index.named(h)) and not children(h, "case")]  # "Kishida of Japan"
        return any(index.type(e) == value.upper() for e in named)
    return bool(index.resolve(heads))


def _military_target(value: str, trigger: Token, chain: list[Token], index: ActorIndex) -> bool:
    """`target:territory` (a state or a place: "attacked Kharkiv") or `target:group` (people
    or things of a country named by a common noun: "attack American diplomats"); a named
    person or a policy is a verbal target ("attacked the investigation", "attacked Biden")."""
    heads = read_syntax(trigger, chain).patient + prep_objects(trigger, *MILITARY_PREPS)
    if value == "territory":  # a place itself, or a place noun of one ("the city of Kharkiv")
        heads = [h for h in heads if h.i in index.by_token or in_class(h, "TERRITORY")]
        return any(index.type(e) in ("COUNTRY", "PLACE") for e in index.resolve(heads))
    return any(h.pos_ == "NOUN" and any(index.country(e) for e in index.resolve([h])) for h in heads)


def _purpose(trigger: Token) -> bool:
    """A purpose infinitive: "called Zelenskyy to discuss the war"."""
    return any(c.dep_ in ("advcl", "xcomp") and is_infinitive(c) for c in trigger.children)


def _parties(trigger: Token, chain: list[Token], index: ActorIndex) -> bool:
    """Two or more actors as the subject: "Japan and Korea discussed", "the two leaders"."""
    agent = read_syntax(trigger, chain).agent
    return len(index.resolve(agent)) >= 2 or any(index.pair_for(h) for h in agent)


def _class_argument(value: str, trigger: Token) -> bool:
    """A word of the class among the trigger's nominal arguments. The subject counts only
    when the object, if any, is the subject's own work: "the embassy suspended operations",
    not "the Aviation Office suspended Mahan's permit"."""
    objects = children(trigger, "dobj", "obj")
    with_subject = not objects or any(in_class(o, "OPERATIONS") for o in objects)
    misparsed = [t for c in nongrata_clause(trigger) for t in c.subtree]
    misparsed += patient_of(trigger) if small_clause(trigger) else []  # "was ordered closed"
    return any(
        in_class(a, value) and a.pos_ not in ("VERB", "AUX")
        for a in [*argument_tokens(trigger, skip_subject=not with_subject), *misparsed]
    )


def _doing(prep: str, trigger: Token) -> bool:
    """An act as the complement: "committed to provide", "committed to coordinating with",
    not "committed to the United Nations" (loyalty, no intent to act)."""
    return any(c.dep_ == "xcomp" for c in trigger.children) or any(
        o.pos_ in ("VERB", "AUX") for o in prep_objects(trigger, prep))


CHECKS: dict[str, Callable[[str, Token, list[Token], ActorIndex], bool]] = {
    "class": lambda v, t, c, i: _class_argument(v, t),
    "prep": lambda v, t, c, i: particle(t, v),
    "finite": lambda v, t, c, i: not is_infinitive(t),
    "xcomp": lambda v, t, c, i: any(a.dep_ == "xcomp" for a in t.children) or particle(t, "to"),
    "comp": lambda v, t, c, i: any(a.dep_ == "xcomp" and in_class(a, v) for a in t.children),
    "obj": _object_is,
    "target": _military_target,
    "purpose": lambda v, t, c, i: _purpose(t),
    "active": lambda v, t, c, i: not is_passive(t),
    "place": lambda v, t, c, i: i.place(prep_objects(t, *PLACE_PREPS)) is not None,
    "plural": lambda v, t, c, i: t.tag_ in ("NNS", "NNPS"),
    "gov": lambda v, t, c, i: bool(c) and in_class(c[0], v),
    "actor": lambda v, t, c, i: bool(i.resolve_through(prep_objects(t, v))),
    "agent": lambda v, t, c, i: any(i.type(e) == v.upper() for e in i.resolve(read_syntax(t, c).agent)),
    "parties": lambda v, t, c, i: _parties(t, c, i),
    "noobj": lambda v, t, c, i: not children(t, "dobj", "obj"),
    "doing": lambda v, t, c, i: _doing(v, t),
}


def _holds(req: Requirement, trigger: Token, chain: list[Token], index: ActorIndex) -> bool:
    return CHECKS[req.kind](req.value, trigger, chain, index)


def _names_a_remit(trigger: Token) -> bool:
    """A nominal inside an office's title names its remit, not an act: "the special envoy
    for Ukraine negotiations", "Minister of Trade and Cooperation"."""
    node = trigger
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    return node.dep_ == "pobj" and node.head.dep_ == "prep" and in_class(node.head.head, "OFFICE")


def _is_act(trigger: Token, chain: list[Token], index: ActorIndex) -> bool:
    """A nominal is an act when governed ("held talks") or owned ("Russia's expulsion")."""
    if trigger.dep_ == "compound" or trigger.i in index.by_token:
        return False
    if trigger.pos_ == "NOUN" and _names_a_remit(trigger):
        return False
    if trigger.pos_ == "VERB" or trigger.dep_ == "acomp" or chain:
        return True
    syntax = read_syntax(trigger, chain)
    # "the trilateral meeting of Cyprus, Greece and Israel": its parties make it an act, and
    # so does a target it names ("an attack on an Iraqi air base")
    return (
        bool(index.resolve(syntax.agent))
        or len(index.resolve(syntax.patient + syntax.partner)) >= 2
        or any(index.country(e) for e in index.resolve(prep_objects(trigger, *OWN_TARGET_PREPS)))
    )


def _political(detection: Detection, index: ActorIndex) -> bool:
    """At least one actor is a state, or a person or organisation with a country (a city as
    the doer is a sports team: "Liverpool attacked"); acts of crowds need a located place."""
    roles = detection.roles
    actors = [*roles.source, *roles.target]
    if detection.row.type == "MILITARY_ACTION" and _natural_force(detection):
        return False  # "an earthquake that struck southern Philippines"
    if detection.row.type in LOCATED_TYPES and roles.place and not actors:
        return bool(index.country(roles.place))
    if detection.row.frame == "term" and not roles.target:
        return False
    if detection.row.type in CONTACTS and not (_international(actors, index) or _plural_subject(detection)
                                                or _foreign_leaders(detection, index)):
        return False  # a meeting, call or hosting between states: not "since we last met here",
        # nor a president meeting his own prime minister or hosting his party's leaders
    if detection.row.type in ADDRESSED and not (roles.target and any(index.country(e) for e in roles.source)):
        return False  # praise and aid are by a state's someone for someone: not "I applaud the
        # fact that...", nor "laboratories supported by a budget", nor a candidate lauding another,
        # nor "Iran offered its assistance in the investigation"
    if detection.row.type in BILATERAL and not roles.target and len(roles.source) < 2:
        return False  # an agreement or a cooperation has a counterpart: not "my country is
        # committed to peace", nor "a unified Viet Nam's pledge to cooperate closely"
    if detection.row.type in INTERSTATE and _domestic(roles, index):
        return False
    if not roles.target and _habitual(detection):
        return False
    if not roles.source and detection.row.type in VERBAL and _first_person_undergoes(detection):
        return False
    unsaid_doer_ok = detection.row.type in LOCATED_TYPES or _passive(detection)
    if not roles.source and (_bare_mention(detection) or not unsaid_doer_ok):
        return False  # an active act needs its doer: "officers traveled to Canada" is no visit
    return any(index.type(e) != "PLACE" and (index.country(e) or index.type(e) == "COUNTRY") for e in actors)


def _first_person_undergoes(detection: Detection) -> bool:
    """The act is done to a first person or what it owns: "we can be asked to live according
    to the values of the Charter", "our development gains are threatened by the scale of
    humanitarian crises", "we are greatly encouraged by the commitment"."""
    return any(
        t.lower_ in FIRST_PERSON or any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON_POSSESSIVES for c in t.children)
        for t in read_syntax(detection.trigger, detection.chain).patient
    )


def _natural_force(detection: Detection) -> bool:
    """The doer is a natural force ("a powerful earthquake struck", "the storm that hit"),
    also as the noun a relative clause hangs on, or the noun that one's phrase is in ("an
    earthquake with magnitude 6.3 that struck")."""
    trigger = detection.trigger
    doers = read_syntax(trigger, detection.chain).agent
    noun = trigger.head if trigger.dep_ == "relcl" else None
    while noun is not None:
        doers.append(noun)
        noun = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
    return any(in_class(d, "DISASTER") for d in doers)


def _domestic(roles: Roles, index: ActorIndex) -> bool:
    """Doers and targets are of one and the same country; an unsaid doer is the state of
    the place ("the PKK, banned in Turkey")."""
    doers = roles.source or ([roles.place] if roles.place else [])
    sources, targets = ({index.country(e) for e in ids} - {None} for ids in (doers, roles.target))
    return len(sources) == 1 and sources == targets


def _foreign_leaders(detection: Detection, index: ActorIndex) -> bool:
    """"Biden spoke today with Transatlantic leaders", "with European ministers": a state's
    someone with a plural party of leaders whose modifier names their group; not "leaders of
    the region", whose country the text may yet say."""
    partners = read_syntax(detection.trigger, detection.chain).partner
    return any(index.country(e) for e in detection.roles.source) and any(
        p.tag_ == "NNS" and in_class(p, "RECIPROCAL") and p.i not in index.by_token
        and any(c.dep_ in ("amod", "compound") for c in p.children)
        for p in partners
    )


def _international(actors: list[str], index: ActorIndex) -> bool:
    return len({index.country(e) for e in actors} - {None}) >= 2


def _plural_subject(detection: Detection) -> bool:
    """"The leaders met", "AU ministers met": the parties are the plural subject itself."""
    verb = detection.trigger if detection.trigger.pos_ == "VERB" else (detection.chain or [detection.trigger])[-1]
    return any(s.tag_ in ("NNS", "NNPS") for s in children(verb, "nsubj"))


def _bare_mention(detection: Detection) -> bool:
    """A noun no verb governs and no doer owns names a state of affairs ("our sanctions on
    Russia are unprecedented", "aggression against Ukraine"), not an act the sentence states."""
    return detection.trigger.pos_ == "NOUN" and not detection.chain


def _habitual(detection: Detection) -> bool:
    """A plural act noun no verb governs, aimed at no one, names a record or a policy ("in the
    face of the DPRK's nuclear and missile threats", "Tsvangirai's allegations of fraud"), not
    one act the sentence reports; strikes and protests are a series of acts ("fled following
    Turkish airstrikes")."""
    return _bare_mention(detection) and detection.trigger.tag_ == "NNS" and detection.row.type not in LOCATED_TYPES


def _passive(detection: Detection) -> bool:
    """Passive or nominal acts may leave the doer unsaid ("two diplomats were expelled")."""
    verb = detection.trigger if detection.trigger.pos_ == "VERB" else (detection.chain or [None])[-1]
    return verb is None or is_passive(verb)


def _restates_head(detection: Detection, by_token: dict[int, Detection]) -> bool:
    """"met in Cairo to discuss", "the airstrike that killed Soleimani", "met X on March 30,
    where they discussed": a purpose or a relative clause restates the act of the same type
    it hangs on, or that of the clause it hangs in; so does an act noun as the subject of
    one ("Israeli air strikes killed 20 people")."""
    trigger = detection.trigger
    linked = trigger.dep_ in ("relcl", "acl") or trigger.dep_ in ("advcl", "xcomp") and is_infinitive(trigger) \
        or trigger.dep_ == "advcl" and trigger.tag_ == "VBG" \
        or trigger.dep_ in ("nsubj", "nsubjpass") and trigger.pos_ == "NOUN"  # "struck ..., killing seven"
    heads = {trigger.head.i, clause_head(trigger.head).i}
    return linked and any(i in by_token and by_token[i].row.type == detection.row.type for i in heads)


def _coordinated_objects(found: list[Detection], by_token: dict[int, Detection]) -> set[int]:
    """"provide support and assistance to Ukraine": nouns of one type coordinated under one
    verb name one act; the first conjunct stays and takes a target only a later one has."""
    merged: set[int] = set()
    for detection in found:
        trigger = detection.trigger
        first = by_token.get(trigger.head.i) if trigger.dep_ == "conj" and trigger.pos_ == "NOUN" else None
        if first is None or first.row.type != detection.row.type or first.chain[:1] != detection.chain[:1]:
            continue
        merged.add(trigger.i)
        first.roles.target = first.roles.target or detection.roles.target
    return merged


def _answered(detection: Detection, by_token: dict[int, Detection]) -> bool:
    """The claim or measure is what a response governing it answers: "denied the
    accusations", "lifted sanctions on Venezuela" (no sanction of its own)."""
    link = governor(detection.trigger)
    above = [*detection.chain, *([link[0]] if link else [])]
    return any(t.i in by_token and detection.row.type in ANSWERS.get(by_token[t.i].row.type, ()) for t in above)


def _topic(detection: Detection, by_token: dict[int, Detection]) -> bool:
    """"They discussed U.S.-Canada cooperation": an act named as what talks are about is
    talked about, not done."""
    link = governor(detection.trigger)
    return detection.trigger.pos_ == "NOUN" and link is not None and link[0].i in by_token \
        and by_token[link[0].i].row.frame == "talk"


def _hypothetical(trigger: Token, chain: list[Token]) -> bool:
    """A condition or an opinion, not an act: "if Russia invades Ukraine", "should Russia
    invade", "some might think that both sides need to meet"."""
    verb = chain[-1] if chain else trigger
    return _believed(clause_head(verb)) or any(
        c.dep_ == "mark" and in_class(c, "CONDITIONAL")
        or c.dep_ == "aux" and in_class(c, "CONDITIONAL") and any(s.i > c.i for s in children(verb, "nsubj"))
        for c in verb.children
    )


def _believed(verb: Token) -> bool:
    """The clause is the content of a belief ("think that", "believe that")."""
    for _ in range(4):
        if verb.dep_ not in ("ccomp", "conj", "xcomp") or verb.head == verb:
            return False
        link = verb.dep_
        verb = verb.head
        if link == "ccomp" and in_class(verb, "NONFACTUAL"):
            return True
    return False


def _addressed_calls(by_token: dict[int, Detection]) -> set[int]:
    """"We call on the Assembly to denounce ...": an appeal with an addressee is the speaker's
    act on it (URGE), and stays beside the act it demands; without one ("urged restraint",
    "called for the lifting of") the demanded act alone is coded."""
    return {i for i, d in by_token.items() if d.row.type == "URGE" and d.roles.target}


def _reading(trigger: Token, rows: tuple[TriggerRow, ...], chain: list[Token], index: ActorIndex) -> TriggerRow | None:
    for row in rows:
        if all(_holds(req, trigger, chain, index) for req in row.requires):
            return row
    return None


def detect(doc: Doc, index: ActorIndex) -> list[Detection]:
    found: list[Detection] = []
    for trigger, rows in trigger_candidates(doc):
        chain = governor_chain(trigger)
        if not _is_act(trigger, chain, index) or _hypothetical(trigger, chain):
            continue
        row = _reading(trigger, rows, chain, index)
        if row is None or (trigger.dep_ == "amod" and row.frame != "mission"):
            continue  # "alleged plots" is no accusation; "shuttered properties" is a closure
        found.append(Detection(trigger, row, chain, assign_roles(trigger, row, chain, index)))
    by_token = {d.trigger.i: d for d in found}
    answered = {d.trigger.i for d in found if _answered(d, by_token) or _topic(d, by_token)}
    calls = _addressed_calls(by_token)
    wrappers = {t.i for d in found if d.trigger.i not in answered for t in d.chain} - calls
    for d in found:  # the act demanded is the speaker's demand, not the addressee's deed
        if d.chain and d.chain[0].i in calls:
            d.roles.source = by_token[d.chain[0].i].roles.source
            d.roles.target = [t for t in d.roles.target if t not in d.roles.source]
    # "provided aid": the verb and its object name one act; keep the governed nominal.
    restated = {t.i for d in found for t in d.chain if t.i in by_token and by_token[t.i].row.type == d.row.type}
    # "pledged to supply weapons": the head gave way to its complement, which then stays
    kept_heads = {i: d for i, d in by_token.items() if i not in restated}
    restated |= {d.trigger.i for d in found if _restates_head(d, kept_heads)}
    restated |= _coordinated_objects(found, by_token)
    return [
        d for d in found
        if d.trigger.i not in answered | restated
        and not (d.row.wraps and d.trigger.i in wrappers)
        and _political(d, index)
    ]
