"""How an act is stated: the governing verbs above a trigger ("demanded the closure",
"agreed to meet", "accused X of"), auxiliaries ("will"), and negation ("did not")."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Governor, governors
from .syntax import is_infinitive

FUTURE_AUX = {"will", "shall", "would", "'ll", "wo", "could", "may", "might"}
# "Russia must withdraw", "we should impose sanctions": an obligation stated is a demand.
DEONTIC_AUX = {"must", "should"}
COMPLEMENT_PREPS = {"for", "of", "to", "on", "in", "with"}
# links a governor takes only where its row names them: "retaliated with the expulsion of"
# is the expulsion, "agreed with the criticism" no criticism of the agreeing side
NAMED_ONLY_LINKS = {"with"}


def governor(token: Token) -> tuple[Token, str] | None:
    """The word governing a trigger as its complement, with the link: the verb of an xcomp
    ("agreed to meet"), of an object ("held talks"), of a "for"/"of" complement ("called for
    the expulsion", "accused X of"), the noun of an infinitive ("plans to attack");
    coordinated nouns and infinitives share their first conjunct's governor."""
    node = token.head if token.dep_ == "amod" else token
    for _ in range(4):
        head = node.head
        if head == node:
            return None
        if node.dep_ == "conj" and (head.pos_ in ("NOUN", "PROPN") or head.dep_ == "xcomp" and is_infinitive(head)):
            node = head  # also "called on X to denounce and reject": both are demanded
            continue
        if node.dep_ in ("xcomp", "dobj", "obj", "nsubjpass", "attr", "oprd"):
            return head, node.dep_
        if node.dep_ == "acl" and head.pos_ == "NOUN" and is_infinitive(node):
            return head, "acl"
        if node.dep_ in ("pobj", "pcomp") and head.lower_ in COMPLEMENT_PREPS and head.head != head:
            return head.head, head.lower_
        return None
    return None


def governor_chain(token: Token) -> list[Token]:
    """Governing words from the nearest up, while each is a known governor through its link."""
    chain: list[Token] = []
    found = governor(token)
    table = governors()
    while found is not None and len(chain) < 4:
        node, link = found
        rule = table.get(node.lemma_)
        if rule is None or node in chain or not _links_through(rule, link):
            break
        chain.append(node)
        found = governor(node)
    return chain


def _links_through(rule: Governor, link: str) -> bool:
    """The governor takes its complement through this link: any link for a row with none
    listed, except those it must name."""
    return link not in NAMED_ONLY_LINKS if rule.links is None else link in rule.links


def _own_modality(verb: Token) -> str:
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return "intended"
    if any(c.dep_ == "aux" and c.lower_ == "going" for c in verb.children):
        return "intended"
    if any(c.dep_ == "aux" and c.lower_ in DEONTIC_AUX for c in verb.children):
        return "demanded"
    return "asserted"


def modality_of(trigger: Token, chain: list[Token]) -> tuple[str, bool]:
    """(modality, negated) from the governing chain, then the trigger's own auxiliaries."""
    negated = False
    modality = "asserted"
    for verb in [trigger, *chain]:
        negated = negated or any(c.dep_ == "neg" for c in verb.children)
    for verb in chain:
        stated = governors()[verb.lemma_].modality
        if stated == "negated":
            negated = True
        elif stated != "asserted" and modality == "asserted":
            modality = stated
    if modality == "asserted":
        modality = _own_modality(chain[-1] if chain else trigger)
    return modality, negated
