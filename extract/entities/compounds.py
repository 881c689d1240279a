"""Names built on a country: "Israel Radio", "Indonesian Navy", "Taiwan Strait", "Bank of Japan".

The gazetteer ruler runs before the statistical NER so that countries are never swallowed
("U.S.-Russia" as one ORG); the price is that names containing a country are cut in two
("Israel" + "Radio", "Comic Corps of" + "Canada"). A country or demonym followed by
capitalised words ending in an organisation or place head word, or an organisation span
ending in "of" followed by a country or place, is one name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .names import head_kinds
from .org_ids import rule_org_id

MAX_TAIL_WORDS = 3  # "Iraqi News Agency", "Chinese Communist Party Central Committee"
COUNTRY_KEYS = ("COUNTRY:", "DEMONYM:")
PLACE_KEYS = ("COUNTRY:", "PLACE:")


def _country(span: Span) -> str | None:
    return span.ent_id_.split(":", 1)[1] if span.ent_id_.startswith(COUNTRY_KEYS) else None


def _headed(doc: Doc, start: int, owner: dict[int, Span]) -> tuple[int, str] | None:
    """End and kind of the longest run of capitalised words from `start` that ends in a head
    word ("Israel Radio"). The run crosses no gazetteer name ("Russia Moscow") but may end with
    a headed organisation of the gazetteer ("Russian" + "Security Council")."""
    best = None
    kinds = head_kinds()
    for end in range(start + 1, min(len(doc), start + MAX_TAIL_WORDS) + 1):
        tok = doc[end - 1]
        known = owner.get(end - 1)
        if known is not None and known.ent_id_:
            if known.start == start and known.ent_id_.startswith("ORG:") and kinds.get(known[-1].text) == "ORG":
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


def compound_names(doc: Doc, kept: list[Span]) -> list[Span]:
    """The compound names found around the gazetteer's countries, as ORG (rule organisation id
    with the country) or GPE spans."""
    owner = {i: span for span in kept for i in range(span.start, span.end)}
    spans: list[Span] = []
    for span in kept:
        country = _country(span)
        if country and span.end < len(doc):
            headed = _headed(doc, span.end, owner)
            if headed is not None:
                end, kind = headed
                spans.append(_named(doc, span.start, end, kind, country))
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
