"""doc.ents -> the article's canonical entities and their mentions (DESIGN §4)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from ..sentences import Sentences
from . import acronyms, affiliations, coref, leaders, offices, parties, persons
from .boundaries import modifier_stem
from .caps import caps_mask
from .context import actor_contexts, in_place_context, is_destination
from .headlines import add_headline_mentions
from .names import head_kinds
from .gazetteer import Entry, Gazetteer, gazetteer, rows
from .registry import Registry
from .title_names import complete_from_title, serve_publisher
from .org_ids import RULE_ORG, parse_rule_org_id

# Grammatical roles in which a capital stands for its state ("Moscow demanded", "Moscow's move").
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def resolve(doc: Doc, sentences: Sentences, *, date: str | None = None,
            title: str | None = None, principal: tuple[str, str] | None = None) -> tuple[list[dict], list[dict]]:
    """The §4 `entities` and `mentions` of one processed article. `date` (the article's ISO
    date, optional) picks who held an office then: "Premier Li" in 2015 is Li Keqiang; `title`
    (optional) completes people the text names by one word ("MS. JEAN-PIERRE:"); `principal`
    (optional: the official the title says a government's page is of, and that government's
    state) gives that person the state."""
    gaz = gazetteer()
    registry = Registry(doc.text, sentences)
    caps = caps_mask(doc)
    people = persons.People(registry, [e for e in doc.ents if e.label_ == "PERSON"])
    for ent in doc.ents:
        if modifier_stem(doc, ent.start):
            continue  # "pro-Beijing": the gazetteer rulers match the stem
        if ent.label_ == "PERSON" or (people.named(ent.text) and _may_be_surname(gaz, ent)):
            people.add(ent)  # a known surname the model mislabelled: "Antonov" as ORG
        else:
            _add_named(registry, gaz, ent)
    people.scan(doc, caps)
    add_headline_mentions(registry, doc, caps)
    acronyms.link(registry, doc)
    affiliations.attach(registry, doc)
    complete_from_title(registry, title)
    year = _year(date)
    named = frozenset(e["country"] for e in registry.entities.values() if e["type"] != "PERSON" and e["country"])
    for entity in registry.entities.values():
        if entity["type"] == "PERSON":
            leaders.attach(entity, year, named)
    offices.attach(registry)
    parties.attach(registry, doc)
    _attach_bare_bodies(registry, gaz)
    coref.add_references(registry, doc, year)
    entities, mentions = registry.records()
    serve_publisher(entities, principal)
    return entities, mentions


def _may_be_surname(gaz: Gazetteer, ent: Span) -> bool:
    """A span the article's people may claim as a surname: the model's own guess, or a town the
    gazetteer did not match strongly, not in a place's position ("Paris said" after "Valeska
    Paris", "Mendez said" after "Tony Mendez"; but "in Paris")."""
    return not ent.ent_id_ or (ent.text not in gaz.strong and ent.ent_id_.startswith("PLACE:")
                               and len(ent) == 1 and not in_place_context(ent.doc, ent.start))


def _year(date: str | None) -> int | None:
    """The year of an ISO date ("2024-10-06" -> 2024), or None."""
    return int(date[:4]) if date and date[:4].isdigit() else None


def _country(registry: Registry, gaz: Gazetteer, iso3: str) -> dict:
    entry = gaz.entries.get(f"COUNTRY:{iso3}")
    return registry.entity(f"COUNTRY:{iso3}", entry.name if entry else iso3, "COUNTRY", iso3)


def _acts(ent: Span) -> bool:
    """True when a place name is an actor: subject or possessor ("Moscow demanded"), object
    of a verb aimed at actors ("accused Washington of"), or partner in "talks with Beijing"."""
    token: Token = ent.root
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ in ACTOR_DEPS:
        return True
    contexts = actor_contexts()
    if token.dep_ == "dobj":
        return token.head.lemma_ in contexts["object"]
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "with" and (
        head.head.lemma_ in contexts["with"] or head.head.lower_ in contexts["with"])


def _add_named(registry: Registry, gaz: Gazetteer, ent: Span) -> None:
    """Mention for a non-person span: gazetteer entries, rule organisations, model spans."""
    key = ent.ent_id_
    start, end = ent.start_char, ent.end_char
    if key.startswith(RULE_ORG):
        _add_rule_org(registry, gaz, ent)
        return
    entry = gaz.entries.get(key) if key else None
    if entry is None and ent.label_ in PLACE_LABELS:
        entry = gaz.lookup(ent.text)
        if entry is not None and entry.type == "ORG":
            # A body's name where a place stands is its seat: "UNITED NATIONS 1996-08-22".
            place = registry.entity(f"PLACE:{entry.name}", entry.name, "PLACE", None)
            registry.mention(place, start, end, "name" if ent.text == entry.name else "alias")
            return
    if entry is not None:
        _add_entry(registry, gaz, entry, ent)
    elif ent.label_ == "ORG":
        registry.mention(registry.entity(f"ORG:{ent.text}", ent.text, "ORG", None), start, end, "name")
    elif ent.label_ in PLACE_LABELS:
        registry.mention(registry.entity(f"PLACE:{ent.text}", ent.text, "PLACE", None), start, end, "name")


def _add_rule_org(registry: Registry, gaz: Gazetteer, ent: Span) -> None:
    """A ministry or mission; its leading demonym is also a mention of the country, and a
    mission's name runs on over its place ("Russian Consulate in San Francisco")."""
    country, name = parse_rule_org_id(ent.ent_id_)
    start, end = ent.start_char, ent.end_char
    if registry.text.startswith(name, start):
        end = start + len(name)
    registry.mention(registry.entity(f"ORG:{name}", name, "ORG", country), start, end, "name")
    for n in (2, 1):
        entry = gaz.lookup(ent[:n].text) if n < len(ent) else None
        if entry is not None and entry.type == "DEMONYM":
            registry.mention(_country(registry, gaz, entry.country), start, ent[n - 1].idx + len(ent[n - 1]), "demonym")
            return


def _add_entry(registry: Registry, gaz: Gazetteer, entry: Entry, ent: Span) -> None:
    """A gazetteer name's mention. A capital acting stands for its state, but never in capitals:
    "BELGRADE 1996-12-06" is a dateline and a headline's parse means nothing."""
    start, end = ent.start_char, ent.end_char
    form = "name" if ent.text == entry.name else "alias"
    if entry.type == "DEMONYM":
        registry.mention(_country(registry, gaz, entry.country), start, end, "demonym")
    elif entry.type == "COUNTRY":
        registry.mention(_country(registry, gaz, entry.country), start, end, form)
        if is_destination(ent.doc, ent.start, ent.end):
            registry.destinations.add(start)
    elif entry.capital_of and not ent.text.isupper() and _acts(ent):
        registry.mention(_country(registry, gaz, entry.capital_of), start, end, "capital")
    else:
        entity = registry.entity(f"{entry.type}:{entry.name}", entry.name, entry.type, entry.country)
        registry.mention(entity, start, end, form)


def _attach_bare_bodies(registry: Registry, gaz: Gazetteer) -> None:
    """"The Foreign Ministry", "the Assembly" join the article's one body of that name with a
    country ("Russian Foreign Ministry", "UN General Assembly") if there is exactly one, else
    the gazetteer's one body of that name under an organisation the article names ("this
    Assembly" in a UN speech that never says "General Assembly"); with none or several the bare
    name stays country-less (never a guess)."""
    for key, bare in list(registry.entities.items()):
        if bare["type"] != "ORG" or bare["country"] is not None or head_kinds().get(bare["name"].split()[-1]) != "ORG":
            continue
        qualified = [e for e in registry.entities.values()
                     if e is not bare and e["type"] == "ORG" and e["country"]
                     and e["name"].endswith(" " + bare["name"])]
        if not qualified:
            bodies = _parent_bodies(registry, gaz, bare["name"])
            qualified = [registry.entity(e.key, e.name, e.type, e.country) for e in bodies] if len(bodies) == 1 else []
        if len(qualified) == 1:
            for mention in registry.mentions:
                if mention["entity"] is bare:
                    mention["entity"] = qualified[0]
                    mention["form"] = "alias"
            del registry.entities[key]


def _parent_bodies(registry: Registry, gaz: Gazetteer, bare: str) -> list[Entry]:
    """The gazetteer's bodies named "<a form of an organisation the article names> ... <bare>"
    ("UN General Assembly" when the article names the United Nations), at most two."""
    parents = {e["name"] for e in registry.entities.values() if e["type"] == "ORG" and e["country"]}
    prefixes = tuple(f"{form} " for name in parents for form in _organisation_forms().get(name, ()))
    if not prefixes:
        return []
    return [entry for entry in gaz.entries.values() if entry.type == "ORG" and entry.country
            and entry.name.endswith(" " + bare) and entry.name.startswith(prefixes)][:2]


@cache
def _organisation_forms() -> dict[str, tuple[str, ...]]:
    """Every name the rulers match for each gazetteer organisation, by its canonical name."""
    gaz = gazetteer()
    forms: dict[str, list[str]] = {}
    for table in (gaz.strong, gaz.weak):
        for form, key in table.items():
            if key.startswith("ORG:"):
                forms.setdefault(gaz.entries[key].name, []).append(form)
    return {name: tuple(names) for name, names in forms.items()}
