"""Dependency-parse helpers shared by the argument rules: who is the subject, the object,
the "by" agent, the "with" partner of a trigger, whatever its voice or part of speech."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .lexicon import in_class

SUBJECTS = {"nsubj", "csubj"}
OBJECT_CONTROL = {"dobj", "obj"}
NOMINAL_POS = {"NOUN", "PROPN"}
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
# Links that leave a name phrase: its prepositions, clauses and coordinated phrases.
PHRASE_EXITS = {"prep", "pobj", "relcl", "acl", "advcl", "ccomp", "conj"}


def is_passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying its patient ("the Canadians
    detained by China")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _passive_participle(verb)


def _passive_participle(verb: Token) -> bool:
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in NOMINAL_POS


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, *preps: str) -> list[Token]:
    """Objects of the prepositions `preps` attached to `token` ("talks with X" -> X)."""
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            found.extend(_clause_subject(c) for c in prep.children if c.dep_ in ("pobj", "pcomp"))
    return found


def _clause_subject(complement: Token) -> Token:
    """A clause the parser made of the object and a purpose infinitive ("spoke with Bennett
    to reaffirm") stands for its subject, the object."""
    subjects = children(complement, "nsubj") if complement.pos_ == "VERB" and is_infinitive(complement) else []
    return subjects[0] if subjects else complement


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
        if head.dep_ == "xcomp" and verb.tag_ in FINITE_TAGS and head.tag_ == "VB":
            head = head.head  # "urged X to reconsider and spoke with Y": the parser's
            # coordination with the infinitive is the finite verb's with "urged"
        return subject_of(head, depth + 1)
    if verb.dep_ in ("xcomp", "pcomp", "advcl") and head != verb:
        controller = head.head if verb.dep_ == "pcomp" else head
        return _controlled_object(controller, verb) or _extraposed_doer(controller) or subject_of(controller, depth + 1)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in NOMINAL_POS | {"PRON"}:
        owners = children(head, "poss") if verb.dep_ == "acl" and is_infinitive(verb) else []
        return owners or [head]  # "Russia's ability to use": Russia uses
    if verb.dep_ in ("acomp", "attr"):  # "was forceful in blaming Iran", "have been leaders in condemning"
        return subject_of(head, depth + 1)
    return []


def _controlled_object(controller: Token, verb: Token) -> list[Token]:
    """Who does what a control verb asks: "congratulated X on signing", "urged X to stop",
    "called on X to agree", "appealed to X to"; but "used the system to fund"."""
    if verb.dep_ == "pcomp":
        return children(controller, *OBJECT_CONTROL)
    if not in_class(controller, "OBJECT_CONTROL"):
        return []
    if verb.dep_ == "advcl":  # a purpose ("called X to congratulate him") unless "called on X to"
        return prep_objects(controller, "on", "to") if is_infinitive(verb) else []
    return children(controller, *OBJECT_CONTROL) or prep_objects(controller, "on", "to")


def _extraposed_doer(verb: Token) -> list[Token]:
    """"It would be remiss of me not to call for", "it is time for Iran to comply": under
    an expletive "it" the doer of the infinitive is the predicate's "of"/"for" object."""
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children):
        return []
    return [o for p in [verb, *children(verb, "acomp", "attr")] for o in prep_objects(p, "of", "for")]


def agent_of(verb: Token) -> list[Token]:
    """Who did it: the "by" agent of a passive, otherwise the subject; for a participle
    predicated of an object, who put it in that state ("ordered the consulate closed")."""
    if small_clause(verb):
        return prep_objects(verb, "by") or agent_of(verb.head)
    if is_passive(verb):  # "condemned in a joint statement by Egypt": the statement's author
        return prep_objects(verb, "by") or [a for o in prep_objects(verb, "in") for a in prep_objects(o, "by")]
    return subject_of(verb)


def small_clause(verb: Token) -> bool:
    """"The United States ordered the consulate closed", "the consulate was ordered closed by
    the State Department": a participle predicated of the governing verb's object."""
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("ccomp", "xcomp", "oprd") and in_class(verb.head, "ORDERING")


def authors(noun: Token) -> list[Token]:
    """Who said or did what a noun names: "Spain's position", "the statement by Biden",
    "the position expressed by the President", "the memoranda between Turkey and Libya",
    "the leadership he has shown" (a reaction's addressee)."""
    found: list[Token] = []
    # "memoranda of understanding between": an "of" complement without article is name-like
    named = [o for o in prep_objects(noun, "of") if not children(o, "det", "poss")]
    for word in [noun, *named]:
        participles = [c for c in word.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        # a relative clause whose object is the noun itself: its subject did it
        doers = [s for c in word.children if c.dep_ == "relcl" and not children(c, "dobj", "obj")
                 for s in children(c, "nsubj") if s.tag_ not in ("WDT", "WP")]
        found += [*children(word, "poss"), *prep_objects(word, "by", "between"), *doers]
        found += [a for p in participles for a in prep_objects(p, "by")]
    return found


def patient_of(verb: Token) -> list[Token]:
    """What it was done to: the passive subject, else the direct object."""
    if _passive_participle(verb):
        return [verb.head]
    if small_clause(verb):  # the object the governing verb puts in the participle's state
        return children(verb, "nsubj") or patient_of(verb.head)
    if is_passive(verb):  # "Turkey is under sanctions and was condemned": the shared subject
        return children(verb, "nsubjpass") or (subject_of(verb) if verb.dep_ == "conj" else [])
    return children(verb, "dobj", "obj", "oprd") or children(verb, "attr")


def listed_objects(verb: Token) -> list[Token]:
    """Nouns the parser hung on the verb as its conjuncts continue its object list ("spoke
    with: Kallas of Estonia; Karins of Latvia; Simonyte of Lithuania"), with the list items
    it made appositions of them. Only a verb with a direct object has such a list ("Jong was
    arrested, but the Police Agency..." is a second clause's subject)."""
    if not children(verb, "dobj", "obj"):
        return []
    heads = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in NOMINAL_POS]
    return [t for h in heads for t in (h, *children(h, "appos"))]


def expand(token: Token) -> Iterator[Token]:
    """A phrase head and the heads coordinated with it ("Russia and China"), also where the
    parser hung the coordination inside the phrase ("US President Donald Trump and Turkish
    President Erdogan" with "and" under "Trump"), but not inside its modifiers' clauses or
    prepositions ("the closure of X and Y" is one closure)."""
    yield token
    for conj in token.conjuncts:  # "Greek, Cypriot and French counterparts" too
        if conj.i > token.i and (conj.pos_ in NOMINAL_POS | {"PRON"} or conj.pos_ == token.pos_ == "ADJ"):
            yield conj
    for inner in token.subtree:
        if inner.dep_ == "conj" and inner.pos_ in NOMINAL_POS and inner.head != token and _within(inner.head, token):
            yield inner.head
            yield inner


def _within(inner: Token, phrase: Token) -> bool:
    """`inner` hangs off `phrase` through name parts only (compounds, appositions)."""
    node = inner
    while node != phrase:
        if node.dep_ in PHRASE_EXITS or node.head == node:
            return False
        node = node.head
    return True


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


def nongrata_clause(verb: Token) -> list[Token]:
    """"declared two diplomats persona non grata": the parser may make the fixed phrase a
    clause of its own, the envoys its subject and a passive's "by" agent hung under it."""
    return [c for c in verb.children if c.dep_ in ("ccomp", "oprd", "xcomp")
            and any(in_class(t, "NONGRATA") for t in c.subtree)]
