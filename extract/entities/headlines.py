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
    name the article already has in ordinary case."""
    shouted: dict[str, dict] = {}
    for mention in registry.mentions:
        text = registry.text[mention["start"] : mention["end"]]
        if mention["form"] in NAME_FORMS and not text.isupper():
            shouted.setdefault(text.upper(), mention["entity"])
    i = 0
    while i < len(doc):
        n = _match_length(doc, i, caps, shouted, registry) if caps[i] else 0
        if n:
            span = doc[i : i + n]
            registry.mention(shouted[span.text], span.start_char, span.end_char, "alias")
        i += n or 1


def _match_length(doc: Doc, i: int, caps: list[bool], shouted: dict[str, dict], registry: Registry) -> int:
    for n in range(min(MAX_NAME_TOKENS, len(doc) - i), 0, -1):
        span = doc[i : i + n]
        if all(caps[i : i + n]) and span.text in shouted and registry.free(span.start_char, span.end_char):
            return n
    return 0
