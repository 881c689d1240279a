"""Source, target and place of one trigger, by the argument frame of its lexicon row."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .actors import ActorIndex
from .lexicon import TriggerRow, governors, in_class, trigger_rows
from .syntax import (
    agent_of, argument_tokens, authors, children, clause_head, is_infinitive, is_passive, listed_objects, nongrata_clause, patient_of,
    prep_objects, subject_of,
)

TARGET_PREPS = ("against", "on", "to", "toward", "towards", "at", "over", "for", "into", "from")
SYMMETRIC_FRAMES = {"symmetric", "talk"}
AIM_PREPS = ("at", "on", "against")
PLACE_PREPS = ("in", "at")
CIRCUMSTANCE_PREPS = ("in", "during", "after", "following")
MEANS_PREPS = ("by", "on", "over", "via")
DESTINATION_PREPS = ("to", "in", "into")
IMPLICIT_TARGET = {"DENY", "REJECT"}
# reactions to what someone said or did address its author: "support the position expressed by Biden"
REACTIONS = {"PRAISE", "CRITICIZE", "REJECT", "DENY"}
RECIPROCAL_OBJECTS = {"other", "another"}
REASON_PREPS = ("for", "on")
# an unsaid doer is the state an envoy was summoned to or expelled from
PASSIVE_DOER_PREPS = {"SUMMON_ENVOY": "to", "EXPEL_DIPLOMATS": "from"}
# "the Moldovan ambassador was recalled": by the envoy's own state
OWN_ENVOY_ACTS = {"RECALL_ENVOY"}
CLAIMED_ABOUT = {"ACCUSE"}
GENERIC_DETERMINERS = {"any", "all", "every"}


@dataclass
class Roles:
    source: list[str]
    target: list[str]
    place: str | None


@dataclass(frozen=True)
class Syntax:
    """The syntactic arguments of a trigger, whatever its part of speech."""

    agent: list[Token]
    patient: list[Token]
    partner: list[Token]
    anchor: list[Token]  # tokens whose prepositions may carry target or place


def read_syntax(trigger: Token, chain: list[Token]) -> Syntax:
    """Agent/patient/partner of a verb, a nominal ("Russia's expulsion of X", "talks with Y",
    "the U.S. ordered the closure of X") or an adjectival participle ("shuttered properties")."""
    if trigger.dep_ == "amod":
        outer = chain[-1] if chain else clause_head(trigger.head)
        return Syntax(agent_of(outer), [trigger.head], [], [trigger.head, outer])
    if trigger.dep_ == "acomp":  # "Japan is committed to coordinating": the copula's subject
        return Syntax(subject_of(trigger.head), [], prep_objects(trigger, "with"), [trigger])
    if trigger.pos_ == "VERB":
        # "spoke by phone with X": the partner may hang off the means
        # "striking agreements with A, B and C": or off the object naming the act
        means = prep_objects(trigger, *MEANS_PREPS)
        clause = nongrata_clause(trigger)
        # the envoys: the misparsed clause's subject, or the noun it made of them ("a Russian
        # embassy employee persona")
        patient = patient_of(trigger) or [s for c in clause for s in (children(c, "nsubj") or [c]) if s.pos_ != "VERB"]
        patient += listed_objects(trigger)
        partner = [t for h in [trigger, *means, *patient] for t in prep_objects(h, "with", "between")]
        agent = agent_of(trigger) or [a for c in clause for a in prep_objects(c, "by")]
        return Syntax(agent, patient, partner, [trigger])
    own_agent = _nominal_agent(trigger) or _nominal_agent(_kind_noun(trigger))
    anchors = [trigger, *chain, *_participles(trigger)]
    partner = [t for a in anchors for t in prep_objects(a, "with", "between")]
    if not own_agent and chain and in_class(chain[0], "RECEIVING") and trigger.dep_ == "dobj":
        # "Erdogan received a phone call from Putin", "Ukraine received aid from the US": the
        # giver acts on the receiver
        giver = prep_objects(trigger, "from") or prep_objects(chain[0], "from")
        return Syntax(giver, agent_of(chain[0]), partner, anchors)
    governing_agent = _accused(chain) or (agent_of(chain[-1]) if chain else [])
    visitor = [] if own_agent else _traveller(trigger)
    agent = own_agent or visitor or governing_agent or _circumstance_agent(trigger, partner)

    return Syntax(agent, [] if visitor else _nominal_patient(trigger), partner, anchors)


def _nominal_patient(noun: Token) -> list[Token]:
    """What a nominal act is done to: "the lifting of the sanctions", "an end to the embargo"."""
    return prep_objects(noun, "of") or (prep_objects(noun, "to") if in_class(noun, "ENDING") else [])


def _traveller(noun: Token) -> list[Token]:
    """"The visit of the Indian prime minister to Washington": the "of" of a journey that has
    a destination is who travels; "Ruto is on a state visit to China", "Blinken, on a trip to
    Kyiv, announced": the subject of the clause the journey is on."""
    if not (in_class(noun, "JOURNEY") and prep_objects(noun, "to")):
        return []
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "on" and prep.head.pos_ in ("VERB", "AUX"):
        return agent_of(prep.head)
    return prep_objects(noun, "of")


def _accused(chain: list[Token]) -> list[Token]:
    """"Russia blamed Ukraine for the attack": the one accused of an act is its alleged doer."""
    if not chain or governors()[chain[0].lemma_].modality != "alleged":
        return []
    return patient_of(chain[0])


def _nominal_agent(noun: Token | None) -> list[Token]:
    """Who a nominal act belongs to: "Russia's expulsion", "the expulsion by Russia", "the
    U.S. airstrike"."""
    if noun is None:
        return []
    owners = children(noun, "poss") + prep_objects(noun, "by") + [a for p in _participles(noun) for a in prep_objects(p, "by")]
    return owners + [c for c in children(noun, "compound", "amod", "nmod") if c.pos_ == "PROPN" or c.ent_type_]


def _participles(noun: Token) -> list[Token]:
    """"a phone call made by President Trump to Ukrainian President Zelensky", "an attack
    carried out by X on Y": the participle that says who did the act and to whom."""
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]


def _kind_noun(trigger: Token) -> Token | None:
    """The noun a nominal act specifies: "its war of aggression" -> war, "our regular drumbeat
    of sanctions" -> drumbeat. Only a noun naming an act of the same type, or a series of acts:
    "our condemnation of this expulsion" is the speaker's reaction to someone else's expulsion,
    not the speaker's expulsion."""
    prep = trigger.head
    if trigger.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN" \
            and (_act_types(prep.head) & _act_types(trigger) or _measure(prep.head)):
        return prep.head
    return None


def _measure(noun: Token) -> bool:
    """A noun that counts acts ("a package of", "a round of"): a governor through "of"."""
    rule = governors().get(noun.lemma_)
    return rule is not None and rule.links is not None and "of" in rule.links


def _circumstance_agent(trigger: Token, partner: list[Token]) -> list[Token]:
    """"In a call with Macron, Scholz discussed...", "After talks with Macron, Scholz
    announced...": an exchange with a partner framing the clause is the clause subject's."""
    head = trigger.head
    if not partner or trigger.dep_ != "pobj" or head.lower_ not in CIRCUMSTANCE_PREPS:
        return []
    return agent_of(head.head) if head.head.pos_ == "VERB" else []


def _prep_targets(index: ActorIndex, syntax: Syntax, preps: tuple[str, ...]) -> list[str]:
    return index.resolve_through([t for a in syntax.anchor for t in prep_objects(a, *preps)])


def _near_patient(index: ActorIndex, objects: list[Token], preps: tuple[str, ...]) -> list[str]:
    """Targets attached to the objects ("sanctions on Iran", "relations with Israel"), or to
    what an object measures ("a historic amount of security assistance to Ukraine")."""
    measured = [m for p in objects for m in prep_objects(p, "of")]
    return index.resolve([t for p in objects for t in prep_objects(p, *preps)]) \
        or index.resolve([t for m in measured for t in prep_objects(m, *preps)])


def _act_types(token: Token) -> set[str]:
    """The event types the lexicon lets the word name."""
    return {r.type for r in trigger_rows().get((token.lemma_, token.pos_), ())}


def _same_act(noun: Token, row: TriggerRow) -> bool:
    """The noun may name an act of the row's type ("protest" in "a note of protest")."""
    return row.type in _act_types(noun)


def _coordinated(heads: list[Token]) -> list[Token]:
    """Heads and their conjuncts: "sanctions or coercive measures imposed against Zimbabwe"
    has its target on the second conjunct."""
    return list(dict.fromkeys(t for h in heads for t in (h, *h.conjuncts)))


def _aimed_at(index: ActorIndex, heads: list[Token], aiming_only: bool = False) -> list[str]:
    """What a clause on the act or its weapons hits: "missiles targeting US troops", "rounds
    aimed at a loudspeaker in South Korea", "the airstrike that killed an Iranian general".
    A clause of aiming ("sanctions targeting Iran's financing") outranks a preposition the
    parser may have hung on the verb; other clauses come after the prepositions."""
    clauses = [c for h in heads for c in h.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
               and (not aiming_only or in_class(c, "AIMING"))]
    objects = [o for c in clauses for o in children(c, "dobj", "obj") or prep_objects(c, *AIM_PREPS)]
    return index.resolve_through(objects)


def _place(index: ActorIndex, heads: list[Token]) -> str | None:
    return index.place([t for h in heads for t in prep_objects(h, *PLACE_PREPS)])


def _reciprocal(index: ActorIndex, syntax: Syntax) -> list[str] | None:
    for head in syntax.agent:
        pair = index.pair_for(head)
        if pair:
            return pair
    return None


def _exchanged(chain: list[Token]) -> bool:
    """"North and South Korea exchanged artillery fire", "traded accusations": each side acts
    on the other."""
    return bool(chain) and chain[0].lemma_ in ("exchange", "trade")


def _each_other(syntax: Syntax) -> bool:
    return any(t.lower_ in RECIPROCAL_OBJECTS for p in syntax.patient for t in p.subtree)


def _mission_roles(trigger: Token, syntax: Syntax, index: ActorIndex, source: list[str], place: str | None) -> tuple[list[str], str | None]:
    """Target: the owner of the mission acted on (else its host place)."""
    missions = sorted((t for t in {*argument_tokens(trigger), *syntax.patient} if in_class(t, "MISSION")), key=lambda t: t.i)
    # "The U.S. Embassy in Iraq suspended operations": the mission acts for its owner.
    missions += [t for t in syntax.agent if in_class(t, "MISSION")]
    owners = (index.resolve([m]) for m in missions)
    target = next((ids for ids in owners if ids and not set(ids) & set(source)), [])
    place = next((p for p in (_place(index, [m]) for m in missions) if p), place)
    if not target and place:
        target = [place]
    return target, place


def _envoy_roles(trigger: Token, frame: str, syntax: Syntax, index: ActorIndex, source: list[str], place: str | None) -> tuple[list[str], list[str], str | None]:
    """Appointments and ends of missions: the envoy's state acts, the host is the target."""
    envoy = syntax.agent if frame == "term" else syntax.patient
    if frame == "appoint" and trigger.pos_ == "VERB" and not source:
        source = index.resolve(envoy)
    if frame == "term" and not any(index.country(e) for e in source):
        source = next((s for e in source if (s := index.envoy_state(e))), source)
    envoy_words = [t for t in argument_tokens(trigger, skip_subject=False) if in_class(t, "ENVOY")]
    target = index.host_of(envoy_words)
    for entity_id in index.resolve(envoy) if not target else []:
        target = index.posting(entity_id)
        if target:
            break
    if not target and any(in_class(t, "CREDENTIALS") for t in argument_tokens(trigger)):
        # "presented his credentials to President Trump": the host is whom they are presented to
        target = [e for e in index.resolve(prep_objects(trigger, "to")) if index.type(e) != "PLACE"]
    place = place or index.place([t for a in syntax.anchor for t in prep_objects(a, "to")])
    if frame == "term" and not place:
        place = index.place([t for c in trigger.conjuncts for t in prep_objects(c, "to")])
    return source, target, place


def _other_targets(trigger: Token, row: TriggerRow, syntax: Syntax, index: ActorIndex, source: list[str]) -> list[str]:
    """Object, partners or prepositional target of the remaining frames."""
    frame = row.frame
    if frame == "deploy":  # "Russia deployed troops to Belarus"
        return _prep_targets(index, syntax, DESTINATION_PREPS)
    if frame == "visit":
        return index.resolve(syntax.patient) or _prep_targets(index, syntax, ("to", "in"))
    if frame == "talk":  # what is discussed is a topic; only partners are parties
        return index.resolve(syntax.partner)
    target = index.resolve(syntax.patient)
    if row.type in REACTIONS and not any(index.country(e) for e in target):
        # "thanked Akiba for Japan's decision", "welcome the initiative presented by China":
        # the state whose act is reacted to, when the object names none
        reasons = [*_coordinated(syntax.patient), *prep_objects(trigger, *REASON_PREPS)]
        target = list(dict.fromkeys([*target, *index.resolve([a for p in reasons for a in authors(p)])]))
    if frame == "symmetric":
        # the other side is a partner, or the guest of the verb governing the act ("host
        # France for a meeting"), never a topic or a venue ("talks on Ukraine", "a meeting
        # at the White House").
        guests = [o for verb in syntax.anchor[1:] for o in patient_of(verb) if trigger not in o.subtree]
        return list(dict.fromkeys([*target, *index.resolve(syntax.partner), *index.resolve(guests)]))
    if set(target) <= set(source):  # "pledged his support for Israel": the owner is the doer
        objects = _coordinated(syntax.patient)
        reaction = row.type in REACTIONS
        addressees = index.resolve(syntax.partner) if reaction else []
        # a reaction is to the author of what it reacts to, not to whoever that names: "condemns
        # the drone and missile attack launched against Iraq's Kurdistan region" is not aimed at
        # Iraq; only a noun of the reaction itself carries its addressee ("a note of protest to")
        victims = [o for o in objects if not reaction or _same_act(o, row)]
        target = (
            addressees  # "lodged a protest with Washington over the arms sale to Taiwan"
            or _aimed_at(index, [trigger, *victims], aiming_only=True)
            or _prep_targets(index, syntax, TARGET_PREPS)
            or _near_patient(index, victims, (*TARGET_PREPS, "with"))
            or _aimed_at(index, [trigger, *victims])
            or target
        )
    if not target or _countries(index, target) <= _countries(index, source):
        # "China's ambassador to Australia was recalled to Beijing": home is no target
        target = index.host_of([t for t in argument_tokens(trigger) if in_class(t, "ENVOY")]) or target
    if not target and trigger.pos_ in ("VERB", "ADJ"):
        target = _complement_target(trigger, row, index)
    if not target and trigger.pos_ == "NOUN":
        target = index.resolve(_undergoer(trigger))
    if _refers_back(syntax.patient) and row.type in REACTIONS and not any(index.country(e) for e in target) \
            and any(index.country(e) for e in source):
        target = index.counterpart(trigger, source) or target  # "Moscow denounced the decision"
    return target


def _countries(index: ActorIndex, ids: list[str]) -> set[str | None]:
    return {index.country(e) for e in ids}


def _complement_target(trigger: Token, row: TriggerRow, index: ActorIndex) -> list[str]:
    """"alleged that Chinese hackers targeted...": whom a claim is about is its clause's
    subject; "threatened to retaliate against Israel", "committed to coordinating with the
    United States": the aim or partner of the complement."""
    if row.type in CLAIMED_ABOUT:
        return index.resolve([s for c in children(trigger, "ccomp") for s in subject_of(c)])
    complements = [c for c in [*children(trigger, "xcomp"), *prep_objects(trigger, "to")] if c.pos_ == "VERB"]
    # "agreed to stay in close touch with the Prime Minister": the partner of the state it keeps
    states = [o for c in complements for o in prep_objects(c, "in")]
    aims = [o for c in complements for o in prep_objects(c, *AIM_PREPS, "with")]
    return index.resolve_through(aims + [o for s in states for o in prep_objects(s, "with")])


def _undergoer(noun: Token) -> list[Token]:
    """"Mahan has been the subject of United States sanctions", "Georgia was the victim of an
    invasion": who the predicate noun says undergoes the act is the copula's subject."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or not in_class(prep.head, "UNDERGOER"):
        return []
    predicate = prep.head
    return subject_of(predicate.head) if predicate.dep_ == "attr" else []


def _refers_back(objects: list[Token]) -> bool:
    """"the decision", "this move": a definite act noun naming what was just reported."""
    return any(
        in_class(o, "MOVE") and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in o.children)
        and not any(c.dep_ in ("poss", "compound") or c.dep_ == "prep" and c.lower_ in ("of", "by") for c in o.children)
        for o in objects
    )


def _doer(trigger: Token, row: TriggerRow, syntax: Syntax, index: ActorIndex) -> list[str]:
    """The source: the agent; for an active participle modifying a non-actor ("a message on
    Twitter blaming Iran") the subject of the clause it hangs in, not for a passive one
    ("laboratories supported by a budget"); "X is committed to" commits X; "was summoned to
    the Russian Foreign Ministry", "were expelled from Bulgaria": that state."""
    source = index.resolve(syntax.agent)
    if trigger.dep_ == "acl" and not is_passive(trigger) and not _reacted_to(trigger) \
            and not any(index.country(e) for e in source):
        # "a joint statement, signed by the United States, ..., condemning": the statement's
        # authors, else the subject of the clause it hangs in
        source = index.resolve(authors(trigger.head)) or index.resolve(agent_of(clause_head(trigger.head))) or source
    if not source and row.type == "AGREE" and trigger.pos_ == "VERB" and is_passive(trigger):
        source = index.resolve(children(trigger, "nsubjpass"))
    if not source and row.type in OWN_ENVOY_ACTS and trigger.pos_ == "VERB" and is_passive(trigger):
        source = [e for e in index.resolve(children(trigger, "nsubjpass")) if index.country(e)]
    if not source and row.type in PASSIVE_DOER_PREPS and trigger.pos_ == "VERB" and is_passive(trigger):
        source = [e for e in index.resolve(prep_objects(trigger, PASSIVE_DOER_PREPS[row.type])) if index.country(e)]
    return source


def _reacted_to(trigger: Token) -> bool:
    """An infinitive on the object of a reaction is someone else's act: "we support all
    diplomatic efforts to conclude an agreement between Lebanon and Israel" (not "I take this
    opportunity to thank", "developing plans to attack")."""
    noun = trigger.head
    return is_infinitive(trigger) and noun.dep_ == "dobj" and bool(_act_types(noun.head) & REACTIONS)


def assign_roles(trigger: Token, row: TriggerRow, chain: list[Token], index: ActorIndex) -> Roles:
    syntax = read_syntax(trigger, chain)
    source = _doer(trigger, row, syntax, index)
    pair = _reciprocal(index, syntax)
    if pair:
        source = pair
    place = _place(index, syntax.anchor) or _place(index, syntax.partner + syntax.patient)
    frame = row.frame
    if frame == "mission":
        target, place = _mission_roles(trigger, syntax, index, source, place)
    elif frame in ("appoint", "term"):
        source, target, place = _envoy_roles(trigger, frame, syntax, index, source, place)
    else:
        if frame == "deploy":  # "sending Turkish soldiers to Libya": the forces' country sends them
            source = source or index.resolve(syntax.patient)
        target = _other_targets(trigger, row, syntax, index, source)
        if frame == "visit":
            place = place or next((e for e in target if index.type(e) == "PLACE"), None)
    symmetric = frame in SYMMETRIC_FRAMES
    between = index.resolve(prep_objects(trigger, "between")) if symmetric and trigger.pos_ == "NOUN" else []
    if len(between) >= 2:  # "talks between Armenia and Azerbaijan were hosted by Kazakhstan": the
        source, target = between, []  # parties, not the host
    if symmetric and not source and len(target) >= 2:
        source, target = target, []  # "talks between Israel and Hamas": every party on both sides
    mutual = bool(pair) and (_each_other(syntax) or symmetric or not target) or len(source) >= 2 and _each_other(syntax)
    if (symmetric or _exchanged(chain)) and len(source) >= 2 and set(target) <= set(source):
        mutual = True  # "India and Canada downgraded their ties": each side with the other
    if row.type == "MILITARY_ACTION" and not target and place and index.type(place) == "COUNTRY":
        target = [place]  # "Russia's war in Ukraine"
    if mutual:
        target = source[1:] + source[:1]
    elif row.type in IMPLICIT_TARGET and not target and source and not _any_act(syntax.patient):
        target = index.counterpart(trigger, source)
    else:
        target = _others(index, source, target)
    return Roles(source, target, place)


def _any_act(objects: list[Token]) -> bool:
    """"We reject any attempt to use the rostrum", "reject all forms of aggression": whatever
    act of the kind, by anyone, not the last state named before."""
    return any(c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for o in objects for c in o.children)


def _others(index: ActorIndex, source: list[str], target: list[str]) -> list[str]:
    """The target without the doers, nor the doers' own state beside another one: "thanked
    for the friendship between the United States and Kuwait" addresses Kuwait."""
    target = [e for e in target if e not in source]
    own = {index.country(e) for e in source} - {None}
    foreign = [e for e in target if index.country(e) not in own]
    return foreign if any(index.country(e) for e in foreign) else target
