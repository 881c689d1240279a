"""How an act is stated: the governing verbs above a trigger ("demanded the closure",
"agreed to meet", "accused X of"), auxiliaries ("will"), and negation ("did not")."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import governors

FUTURE_AUX = {"will", "shall", "would", "'ll", "wo", "could", "may", "might"}
COMPLEMENT_PREPS = {"for", "of", "to", "on", "in"}


def governor(token: Token) -> Token | None:
    """The verb governing a trigger as its complement: the verb of an xcomp ("agreed to
    meet"), of an object ("held talks"), of a "for"/"of" complement ("called for the
    expulsion", "accused X of"); coordinated nouns share their first conjunct's governor."""
    node = token.head if token.dep_ == "amod" else token
    for _ in range(4):
        head = node.head
        if node.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN"):
            node = head
            continue
        if node.dep_ in ("xcomp", "dobj", "obj", "nsubjpass", "attr", "oprd"):
            return head if head != node else None
        if node.dep_ in ("pobj", "pcomp") and head.lower_ in COMPLEMENT_PREPS:
            return head.head if head.head != head else None
        return None
    return None


def governor_chain(token: Token) -> list[Token]:
    """Governing verbs from the nearest up, while each is a known governor lemma."""
    chain: list[Token] = []
    node = governor(token)
    table = governors()
    while node is not None and node.lemma_ in table and node not in chain and len(chain) < 4:
        chain.append(node)
        node = governor(node)
    return chain


def _own_modality(verb: Token) -> str:
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return "intended"
    if any(c.dep_ == "aux" and c.lower_ == "going" for c in verb.children):
        return "intended"
    return "asserted"


def modality_of(trigger: Token, chain: list[Token]) -> tuple[str, bool]:
    """(modality, negated) from the governing chain, then the trigger's own auxiliaries."""
    negated = False
    modality = "asserted"
    for verb in [trigger, *chain]:
        negated = negated or any(c.dep_ == "neg" for c in verb.children)
    for verb in chain:
        stated = governors()[verb.lemma_]
        if stated == "negated":
            negated = True
        elif stated != "asserted" and modality == "asserted":
            modality = stated
    if modality == "asserted":
        modality = _own_modality(chain[-1] if chain else trigger)
    return modality, negated
