"""Companies, services and media the small model calls people ("Polaroid said", "posted to
Twitter", "Der Spiegel magazine").

A "person" that starts with nobody's given name, is not the surname of a person the article
names in full and is no known leader's surname ("Netanyahu's spokesman") is an organisation when the article also tags it as one, or when a noun next to
it says so ("chipmaker Intel", "Polaroid shares", "Der Spiegel magazine"; data/company_nouns.tsv).
No package lists companies; the context is the evidence, as CoNLL annotators read it. Proper
nouns the model left untagged before a media noun are an outlet too ("told Deutschlandfunk radio").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from . import leaders
from .gazetteer import rows
from .names import full_name_surnames, is_given_name
from .tokens import positions


@cache
def _nouns() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {"before": set(), "after": set()}
    for word, where in rows("company_nouns.tsv"):
        table[where].add(word)
    return {where: frozenset(words) for where, words in table.items()}


def _company_context(doc: Doc, span: Span) -> bool:
    """A company noun just before the name or just after it (a possessive in between allowed:
    "Twitter's spokesman"); "shares of X" too."""
    nouns = _nouns()
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.is_lower and before.lower_ in nouns["before"]:
        return True
    if span.start >= 2 and before.lower_ == "of" and doc[span.start - 2].lower_ in {"shares", "stake"}:
        return True
    after = span.end + (span.end < len(doc) and doc[span.end].text in {"'s", "’s"})
    return after < len(doc) and doc[after].is_lower and doc[after].lower_ in nouns["after"]


def as_companies(doc: Doc, spans: list[Span]) -> list[Span]:
    """The spans with "people" that are companies retyped ORG, everywhere in the article once
    anywhere ("Twitter's spokesman" ... "a spokesman for Twitter")."""
    surnames = full_name_surnames(spans)
    candidates = [s for s in spans if s.label_ == "PERSON" and s.text not in surnames
                  and not is_given_name(s[0].text) and not leaders.is_surname(s.text)]
    if not candidates:
        return spans
    organisations = {s.text for s in spans if s.label_ == "ORG"} | {s.text for s in candidates if _company_context(doc, s)}
    retyped = {(s.start, s.end) for s in candidates if s.text in organisations}
    return [Span(doc, s.start, s.end, label="ORG") if (s.start, s.end) in retyped else s for s in spans]


MEDIA_NOUNS = frozenset({"radio", "television", "newspaper", "magazine", "daily", "weekly", "agency", "news"})
MAX_OUTLET_WORDS = 3


def untagged_outlets(doc: Doc, owner: dict[int, Span], caps: list[bool]) -> list[Span]:
    """Runs of up to three proper nouns no span owns, right before a lower-case media noun
    ("Deutschlandfunk radio", "NTV television"), as organisations."""
    spans = []
    for i in positions(doc, MEDIA_NOUNS.__contains__):  # lower case as written
        if not (i and _free_proper(doc[i - 1], owner, caps)):
            continue
        start = i - 1
        while start > 0 and i - start < MAX_OUTLET_WORDS and _free_proper(doc[start - 1], owner, caps):
            start -= 1
        spans.append(Span(doc, start, i, label="ORG"))
    return spans


def _free_proper(token: Token, owner: dict[int, Span], caps: list[bool]) -> bool:
    return token.pos_ == "PROPN" and token.i not in owner and not caps[token.i] and token.text[:1].isupper()
