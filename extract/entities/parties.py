"""Countries of party names that many countries share: "Labour", "Democratic Party", "Communist Party".

The gazetteer lists such names without a country (a "Democratic Party" is American in one
article and Albanian in the next), so the text decides: a leader with a country right after the
name ("Labour leader Shimon Peres") or owning it ("Berisha's Democratic Party"), else the
article's one government or the country most of its country mentions name; with none, no
country is guessed. A demonym or "of" complement
before this step has already made the name a country's own ("Albanian Democratic Party").
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from .affiliations import MAX_DESCRIPTION, POSSESSIVES, role_words
from .gazetteer import gazetteer
from .offices import NO_GOVERNMENT, article_government
from .registry import Registry


def attach(registry: Registry, doc: Doc) -> None:
    """Give each shared party name without a country its leader's or the article's country."""
    people = {}
    for mention in registry.mentions:
        if mention["entity"]["type"] == "PERSON" and mention["entity"]["country"]:
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            if span is not None:
                people[span.start] = people[span.end - 1] = mention["entity"]["country"]
    for entity in list(registry.entities.values()):
        if not _shared_name(entity):
            continue
        spans = [doc.char_span(m["start"], m["end"], alignment_mode="expand")
                 for m in registry.mentions if m["entity"] is entity]
        leaders = {c for span in spans if span is not None and (c := _leader_country(doc, span.start, span.end, people))}
        entity["country"] = leaders.pop() if len(leaders) == 1 else _article_country(registry, entity)


def _article_country(registry: Registry, party: dict) -> str | None:
    """The article's one government, else the country of most of its mentions of countries,
    people and bodies (a Wikinews story on Westminster that also names the EU is British)."""
    country = article_government(registry, party)
    if country is not None:
        return country
    named = Counter(m["entity"]["country"] for m in registry.mentions
                    if m["entity"]["type"] != "PLACE" and m["entity"]["country"] not in NO_GOVERNMENT)
    if not named:
        return None
    top, count = named.most_common(1)[0]
    return top if 2 * count > sum(named.values()) else None


def _shared_name(entity: dict) -> bool:
    """A party name of the gazetteer listed without a country, not yet given one."""
    entry = gazetteer().entries.get(f"ORG:{entity['name']}")
    return entity["type"] == "ORG" and entity["country"] is None and entry is not None and not entry.country


def _leader_country(doc: Doc, start: int, end: int, people: dict[int, str]) -> str | None:
    """The country of a person owning the name ("Berisha's") or led by it after role words
    ("Labour leader Shimon Peres"); `people`: first and last token of people with a country."""
    if start >= 2 and doc[start - 1].text in POSSESSIVES and start - 2 in people:
        return people[start - 2]
    i = end
    while i < len(doc) and i - end < MAX_DESCRIPTION and doc[i].lower_ in role_words():
        i += 1
    return people.get(i) if i > end else None
