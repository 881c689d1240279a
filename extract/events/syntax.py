"""Dependency-parse helpers shared by the argument rules: who is the subject, the object,
the "by" agent, the "with" partner of a trigger, whatever its voice or part of speech."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECTS = {"nsubj", "csubj"}
OBJECT_CONTROL = {"dobj", "obj"}
NOMINAL_POS = {"NOUN", "PROPN"}


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, *preps: str) -> list[Token]:
    """Objects of the prepositions `preps` attached to `token` ("talks with X" -> X)."""
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            found.extend(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
    return found


def is_infinitive(token: Token) -> bool:
    """A bare "to" infinitive ("summoned the ambassador to protest")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def particle(token: Token, word: str) -> bool:
    return any(c.lower_ == word and c.dep_ in ("prep", "prt", "agent", "dative") for c in token.children)


def clause_head(token: Token) -> Token:
    """The verb whose clause a nominal or adjectival trigger belongs to (itself for verbs)."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head != token and seen < 8:
        token = token.head
        seen += 1
    return token


def subject_of(verb: Token, depth: int = 0) -> list[Token]:
    """Subject heads of a verb, inherited through coordination, control and relative clauses."""
    if depth > 4:
        return []
    found = children(verb, *SUBJECTS)
    if found:
        return found
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    if verb.dep_ in ("xcomp", "pcomp", "advcl") and head != verb:
        controller = head.head if verb.dep_ == "pcomp" else head
        objects = children(controller, *OBJECT_CONTROL)
        if verb.dep_ != "advcl" and objects:
            return objects
        return subject_of(controller, depth + 1)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in NOMINAL_POS | {"PRON"}:
        return [head]
    return []


def agent_of(verb: Token) -> list[Token]:
    """Who did it: the "by" agent of a passive, otherwise the subject."""
    if is_passive(verb):
        return prep_objects(verb, "by")
    return subject_of(verb)


def patient_of(verb: Token) -> list[Token]:
    """What it was done to: the passive subject, else the direct object."""
    if is_passive(verb):
        return children(verb, "nsubjpass")
    return children(verb, "dobj", "obj", "oprd") or children(verb, "attr")


def expand(token: Token) -> Iterator[Token]:
    """A phrase head and the heads coordinated with it ("Russia and China")."""
    yield token
    for conj in token.conjuncts:
        if conj.i > token.i and conj.pos_ in NOMINAL_POS | {"PRON"}:
            yield conj


def argument_tokens(trigger: Token, skip_subject: bool = True) -> Iterator[Token]:
    """Tokens of the trigger's own arguments (not its subject, not other clauses), for the
    lexicon's class requirements."""
    stop = {"advcl", "ccomp", "conj", "cc", "punct", "relcl", "parataxis"}
    if skip_subject:
        stop |= SUBJECTS
    todo = [c for c in trigger.children if c.dep_ not in stop]
    if trigger.dep_ == "amod":
        todo.append(trigger.head)
    depth = {t.i: 1 for t in todo}
    while todo:
        token = todo.pop()
        yield token
        if depth[token.i] < 4:
            for c in token.children:
                if c.dep_ not in stop and c.i not in depth:
                    depth[c.i] = depth[token.i] + 1
                    todo.append(c)
