"""Names built on a country: "Israel Radio", "Indonesian Navy", "Taiwan Strait", "Bank of Japan".

The gazetteer ruler runs before the statistical NER so that countries are never swallowed
("U.S.-Russia" as one ORG); the price is that names containing a country are cut in two
("Israel" + "Radio", "Comic Corps of" + "Canada"). A country or demonym followed by
capitalised words ending in an organisation or place head word (a town followed by words
ending in an organisation head word: "Toronto Star", "Sydney Morning Herald"), or an organisation span
ending in "of" followed by a country or place, is one name. So is an organisation of the
gazetteer followed by an office with its remit ("United Nations High Commissioner for
Refugees"), which CoNLL tags as one organisation, unless a person's name follows (then the
words are a title: "EU Commissioner for Agriculture Franz Fischler"), and a model organisation
ending in a head word with its remit ("Andy Warhol Foundation for the Visual Arts").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from .names import head_kinds
from .org_ids import rule_org_id

MAX_TAIL_WORDS = 3  # "Iraqi News Agency", "Chinese Communist Party Central Committee"
REMIT_WORDS = {"for", "of", "on"}  # "High Commissioner for Refugees", "Commission on Human Rights"
COUNTRY_KEYS = ("COUNTRY:", "DEMONYM:")
PLACE_KEYS = ("COUNTRY:", "PLACE:")


def _country(span: Span) -> str | None:
    return span.ent_id_.split(":", 1)[1] if span.ent_id_.startswith(COUNTRY_KEYS) else None


def _headed(doc: Doc, start: int, owner: dict[int, Span]) -> tuple[int, str] | None:
    """End and kind of the longest run of capitalised words from `start` that ends in a head
    word ("Israel Radio"). The run crosses no gazetteer name ("Russia Moscow") nor the rules'
    ministries, but may end with a headed organisation of the gazetteer ("Russian" + "Security
    Council", another body than the UN's)."""
    best = None
    kinds = head_kinds()
    for end in range(start + 1, min(len(doc), start + MAX_TAIL_WORDS) + 1):
        tok = doc[end - 1]
        known = owner.get(end - 1)
        if known is not None and known.id_:  # id_: a span not yet in doc.ents has no ent_id_
            if known.start == start and known.id_.startswith("ORG:") and kinds.get(known[-1].text) == "ORG":
                return known.end, "ORG"
            break
        if not tok.is_title:
            break
        if kinds.get(tok.text):
            best = end, kinds[tok.text]
    if best is not None and best[1] == "ORG":
        best = _of_complement(doc, best[0], owner), "ORG"
    return best


def _of_complement(doc: Doc, end: int, owner: dict[int, Span]) -> int:
    """An organisation's name runs on over "of"/"for" and capitalised words that are no
    gazetteer name ("U.S. Department of Agriculture"; not "Iraqi News Agency of Iraq")."""
    if end + 1 >= len(doc) or doc[end].lower_ not in {"of", "for"}:
        return end
    last = end + 1
    while last < len(doc) and last - end <= MAX_TAIL_WORDS and doc[last].is_title \
            and not (last in owner and owner[last].ent_id_):
        last += 1
    return last if last > end + 1 else end


def _remit(doc: Doc, i: int, owner: dict[int, Span]) -> int | None:
    """End of "for"/"of"/"on" [the] and capitalised words (joined by "and") at token i, with
    no gazetteer name, person or date ("on Friday") inside (the model's pieces are taken in) and no name right
    after it ("for Refugees", "for the Visual Arts")."""
    if i + 1 >= len(doc) or doc[i].lower_ not in REMIT_WORDS:
        return None
    first = end = i + 1 + (doc[i + 1].lower_ == "the")
    while end < len(doc) and end - first < 2 * MAX_TAIL_WORDS and _unnamed(owner.get(end)) \
            and doc[end].ent_type_ != "DATE" and (
            doc[end].is_title or doc[end].lower_ == "and" and end + 1 < len(doc) and doc[end + 1].is_title):
        end += 1
    if end == first or not doc[end - 1].is_title or end < len(doc) and doc[end].pos_ == "PROPN":
        return None
    return end


def _unnamed(span: Span | None) -> bool:
    """No name of its own: a free word, or a model organisation or place piece."""
    return span is None or not span.ent_id_ and span.label_ != "PERSON"


def _office_of(doc: Doc, start: int, owner: dict[int, Span]) -> int | None:
    """End of an office with its remit from `start`: capitalised words no other name owns,
    then its remit ("High Commissioner" + "for Refugees")."""
    i = start
    while i < len(doc) and i - start < MAX_TAIL_WORDS and doc[i].is_title and i not in owner:
        i += 1
    return _remit(doc, i, owner) if i > start else None


def _name_before(doc: Doc, start: int, owner: dict[int, Span]) -> int:
    """Start of the capitalised proper nouns no name owns right before `start` ("Liberal" before
    "Democratic Party", "Christian" before "Democrats"), or `start`."""
    first = start
    while first > 0 and start - first < MAX_TAIL_WORDS and _free_proper_word(doc[first - 1], owner):
        first -= 1
    return first


def _free_proper_word(token: Token, owner: dict[int, Span]) -> bool:
    """A whole capitalised proper noun ("Liberal"; not "Euro-" of "Euro- NATO") no name owns."""
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha and bool(token.whitespace_) \
        and _unnamed(owner.get(token.i)) and token.ent_type_ not in {"DATE", "TIME"}  # "On Sunday Israel Radio"


def _longer_organisation(doc: Doc, span: Span, owner: dict[int, Span]) -> Span | None:
    """A gazetteer organisation that ends a longer name ("Liberal Democratic Party of Russia",
    "Christian Democrats"): that name, with the country of its "of" complement. Not the
    gazetteer's body: "Democratic Party" alone is the American one."""
    first = _name_before(doc, span.start, owner)
    if first == span.start:
        return None
    end, country = span.end, None
    after = owner.get(span.end + 1)
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "of" and after is not None \
            and after.start == span.end + 1 and after.id_.startswith("COUNTRY:"):
        end, country = after.end, _country(after)
    return _named(doc, first, end, "ORG", country)


def compound_names(doc: Doc, kept: list[Span], named: list[Span],
                   country_of: Callable[[str], str | None]) -> list[Span]:
    """The compound names found around the gazetteer's countries and organisations, as ORG
    (rule organisation id with the country) or GPE spans. `named` are the rules' organisations
    ("Foreign Ministry"), which no compound takes in. `country_of` gives a gazetteer
    organisation's country by its key."""
    owner = {i: span for span in [*kept, *named] for i in range(span.start, span.end)}
    spans: list[Span] = []
    for span in kept:
        if span.ent_id_.startswith("ORG:"):
            longer = _longer_organisation(doc, span, owner)
            end = _office_of(doc, span.end, owner) if span.end < len(doc) else None
            if longer is not None:
                spans.append(longer)
            elif end is not None:
                spans.append(_named(doc, span.start, end, "ORG", country_of(span.ent_id_)))
        elif span.label_ == "ORG" and not span.ent_id_ and head_kinds().get(span[-1].text) == "ORG":
            end = _remit(doc, span.end, owner)  # "Andy Warhol Foundation" + "for the Visual Arts"
            if end is not None:
                spans.append(_named(doc, span.start, end, "ORG", None))
        country = _country(span)
        if country and span.end < len(doc):
            headed = _headed(doc, span.end, owner)
            if headed is not None:  # from the free proper nouns before it: "South Lebanon Army"
                end, kind = headed
                spans.append(_named(doc, _name_before(doc, span.start, owner), end, kind, country))
        elif span.ent_id_.startswith("PLACE:") and span.end < len(doc):
            headed = _headed(doc, span.end, owner)  # "Toronto Star", "Sydney Morning Herald"
            if headed is not None and headed[1] == "ORG":
                spans.append(_named(doc, span.start, headed[0], "ORG", country_of(span.ent_id_)))
        if span.ent_id_.startswith(PLACE_KEYS) and span.start >= 2 and doc[span.start - 1].lower_ == "of":
            org = owner.get(span.start - 2)
            if org is not None and org.label_ == "ORG" and not org.ent_id_:
                spans.append(_named(doc, org.start, span.end, "ORG", _country(span)))
    return spans


def _named(doc: Doc, start: int, end: int, kind: str, country: str | None) -> Span:
    text = doc[start:end].text
    if kind == "ORG":
        return Span(doc, start, end, label="ORG", span_id=rule_org_id(country, text))
    return Span(doc, start, end, label="GPE")
