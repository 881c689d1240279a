"""All-caps headlines: the names the story gives in its body, found again in its headline.

The statistical NER's guesses inside a shouted headline are dropped (caps.py), and only the
gazetteer's big names are matched there; but a wire headline mostly repeats the body's names
("NETANYAHU SAYS HEBRON DEAL NEAR" over a story about Hebron), so the body says what they are.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .registry import Registry

NAME_FORMS = {"name", "alias"}
MAX_NAME_TOKENS = 4


def add_headline_mentions(registry: Registry, doc: Doc, caps: list[bool]) -> None:
    """A mention, as an alias, for every free all-caps stretch of a headline that spells a
    name the article has outside its headlines: in ordinary case, or an acronym ("MRTA REBELS
    FREE HOSTAGES" over "MRTA leader Nestor Cerpa"), but no word that is also a pronoun ("US")."""
    shouted: dict[str, dict] = {}
    for mention in registry.mentions:
        text = registry.text[mention["start"] : mention["end"]]
        if mention["form"] in NAME_FORMS and not caps[_token_at(doc, mention["start"])] \
                and not doc.vocab[text.lower()].is_stop:
            shouted.setdefault(text.upper(), mention["entity"])
    i = 0
    while i < len(doc):
        n = _match_length(doc, i, caps, shouted, registry) if caps[i] else 0
        if n:
            span = doc[i : i + n]
            registry.mention(shouted[span.text], span.start_char, span.end_char, "alias")
        i += n or 1


def _token_at(doc: Doc, char: int) -> int:
    """Index of the token that starts at (or covers) character `char`."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _match_length(doc: Doc, i: int, caps: list[bool], shouted: dict[str, dict], registry: Registry) -> int:
    for n in range(min(MAX_NAME_TOKENS, len(doc) - i), 0, -1):
        span = doc[i : i + n]
        if all(caps[i : i + n]) and span.text in shouted and registry.free(span.start_char, span.end_char):
            return n
    return 0
