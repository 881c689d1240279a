"""Countries of people and organisations from the words around them, where no title did.

Event coding rolls actors up to states, so "Qassem Soleimani, head of Iran's Quds Force", "the
US deputy national security adviser Jon Finer", "Pham Minh Chinh of Vietnam", "Russia's Sergei
Lavrov" and "Iran's Revolutionary Guards" must carry their country. The country is taken from
an entity with one that the text attaches to the name: a possessor or demonym just before it
(across descriptive words such as "deputy national security adviser"), an "of" complement just
after it, or an apposition ("X, advisor to the President of Spain,"). A country after "to" or
"in" is a posting or a place, not an affiliation ("ambassador to Russia", "a diplomat in Kyiv").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from .gazetteer import gazetteer, rows
from .registry import Registry

AFFILIATED = ("ORG", "PERSON")  # organisations first: "Iran's Quds Force commander X" needs the force's
POSSESSIVES = {"'s", "’s"}
DETERMINERS = {"the", "a", "an"}
NOT_AFFILIATION = {"to", "in", "at", "on", "with", "against", "toward", "towards", "into", "near"}
REMIT_WORDS = {"for", "to"}  # "Envoy for Syria X", "Ambassador to Russia X": a posting, not the person's state
APPOSITION_ENDS = {",", ";", ".", ":", "(", ")", "—", "–"}
MAX_APPOSITION = 10  # tokens
MAX_DESCRIPTION = 5  # tokens between a possessor and the name: "US deputy national security adviser"
NAME_FORMS = {"name", "alias"}


@cache
def role_words() -> frozenset[str]:
    """Words that describe a person by office or service: every word of a title, and more."""
    words = {word for title in gazetteer().titles for word in title.split()}
    return frozenset(words | {word for (word,) in rows("affiliation_nouns.tsv")})


def attach(registry: Registry, doc: Doc) -> None:
    """Give entities of AFFILIATED types that have no country the one their context states."""
    owners: dict[int, dict] = {}
    for mention in sorted(registry.mentions, key=lambda m: m["end"] - m["start"], reverse=True):
        span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
        for token in span or ():
            owners.setdefault(token.i, mention)
    for etype in AFFILIATED:
        for mention in list(registry.mentions):
            entity = mention["entity"]
            if entity["type"] != etype or entity["country"] is not None or mention["form"] not in NAME_FORMS:
                continue
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            if span is not None:
                entity["country"] = _stated(span, owners, etype == "PERSON")


def _country_of(mention: dict | None, kinds: tuple[str, ...] = ("COUNTRY", "ORG")) -> str | None:
    """The country an affiliating mention gives: a country, demonym or capital, or a body of a state."""
    if mention is None or mention["entity"]["type"] not in kinds:
        return None
    return mention["entity"]["country"]


def _stated(span: Span, owners: dict[int, dict], person: bool) -> str | None:
    return _before(span, owners, person) or _of_after(span, owners) or (_apposition(span, owners) if person else None)


def _before(span: Span, owners: dict[int, dict], person: bool) -> str | None:
    """"Russia's Sergei Lavrov", "Iranian Revolutionary Guards", "Kremlin spokesman Dmitry
    Peskov", "the US deputy national security adviser Jon Finer": a person may stand behind
    words of service, the last of which is a role word (then a person's possessor gives the
    country too: "Putin's spokesman Dmitry Peskov"); an organisation right behind."""
    doc, i = span.doc, span.start
    words = role_words()
    described = 0
    while person and i > 0 and described < MAX_DESCRIPTION and doc[i - 1].i not in owners \
            and doc[i - 1].is_alpha and doc[i - 1].pos_ in ("NOUN", "PROPN", "ADJ") \
            and (doc[i - 1].lower_ in words or described):
        i -= 1
        described += 1
    if i >= 2 and doc[i - 1].text in POSSESSIVES:
        i -= 1
    kinds = ("COUNTRY", "ORG", "PERSON") if described else ("COUNTRY", "ORG")
    mention = owners.get(i - 1) if i > 0 else None
    return None if _remit(doc, mention) else _country_of(mention, kinds)


def _remit(doc: Doc, mention: dict | None) -> bool:
    """The mention is a title's remit or posting, no affiliation: "Special Envoy for Syria
    Geir Pedersen" is no Syrian, "Ambassador to Russia John Sullivan" no Russian."""
    if mention is None:
        return False
    first = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
    i = first.start if first is not None else 0
    if i and doc[i - 1].lower_ == "the":
        i -= 1
    return i > 0 and doc[i - 1].lower_ in REMIT_WORDS


def _of_after(span: Span, owners: dict[int, dict]) -> str | None:
    """"Prime Minister Pham Minh Chinh of Vietnam", "the Revolutionary Guards of Iran"."""
    doc, i = span.doc, span.end
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    i += 1 + (doc[i + 1].lower_ == "the")
    mention = owners.get(i) if i < len(doc) else None
    return _country_of(mention) if mention is not None and doc[i].idx == mention["start"] else None


def _apposition(span: Span, owners: dict[int, dict]) -> str | None:
    """"X, head of Iran's Quds Force,", "X, advisor to the President of Spain,", "X, the US
    deputy national security adviser,": a verbless phrase after a comma with a role word,
    whose first country-bearing name not in a posting's or place's position is the person's."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None
    window = []
    for token in doc[span.end + 1 : span.end + 1 + MAX_APPOSITION]:
        if token.text in APPOSITION_ENDS or token.is_space:
            break
        if token.pos_ in ("VERB", "AUX", "PRON") or token.tag_ in ("WDT", "WP", "WP$"):
            return None  # a clause, not an apposition: "X, who met Russian officials"
        window.append(token)
    if not window or window[0].pos_ in ("ADP", "CCONJ", "SCONJ"):
        return None  # the sentence going on: "with Prime Minister Netanyahu, with President El-Sisi of Egypt"
    if not any(t.lower_ in role_words() and t.i not in owners for t in window):
        return None
    for token in window:
        mention = owners.get(token.i)
        if mention is None or token.idx != mention["start"]:
            continue
        before = doc[token.i - 1]
        if before.lower_ in DETERMINERS and token.i >= 2:
            before = doc[token.i - 2]
        if before.lower_ in NOT_AFFILIATION:
            continue
        country = _country_of(mention)
        if country:
            return country
    return None
