"""Countries of national offices the text names without one: "the Vice President", "National
Security Advisor Jake Sullivan", "the Secretary of State".

White House readouts and news say "the Vice President" or "Principal Deputy National Security
Advisor Jon Finer" and never "American"; event coding needs the state. The country is taken only
when the article leaves no doubt: the same office held by a person of one country elsewhere in
the article ("U.S. Secretary of State Antony Blinken ... the Secretary of State"), else the
article's one government (every country it names, and every person or body with a country, is
that one). With two governments in play and no such office named, nothing is guessed. An
unnamed office holder is the person the leaders table has in that office in the article's year,
else the office itself ("Vice President (United States)").
"""

from __future__ import annotations

from functools import cache

from . import leaders
from .gazetteer import gazetteer, rows
from .registry import Registry

NO_GOVERNMENT = {None, "IGO"}


@cache
def national_offices() -> frozenset[str]:
    return frozenset(role for (role,) in rows("national_offices.tsv"))


def office_country(registry: Registry, role: str, exclude: dict | None = None) -> str | None:
    """The one country the article gives an office, or its one government (see module doc)."""
    if role not in national_offices():
        return None
    entities = [e for e in registry.entities.values() if e is not exclude]
    holders = {e["country"] for e in entities if e["type"] == "PERSON" and role in e["roles"]} - NO_GOVERNMENT
    if holders:
        return holders.pop() if len(holders) == 1 else None
    return article_government(registry, exclude)


def article_government(registry: Registry, exclude: dict | None = None) -> str | None:
    """The article's one government: the one country of every country it names and every
    person or body with a country, else None. A country named only where someone goes is
    none, even when its own people carry it ("King Charles paid a state visit to France, where
    President Macron welcomed him": Charles is no Frenchman)."""
    visited = {e["country"] for e in registry.entities.values() if _only_destination(registry, e)}
    governments = {e["country"] for e in registry.entities.values()
                   if e is not exclude and e["type"] != "PLACE"} - visited
    governments -= NO_GOVERNMENT
    return governments.pop() if len(governments) == 1 else None


def _only_destination(registry: Registry, entity: dict) -> bool:
    """A country the article names only as where someone goes ("King Charles paid a state
    visit to France"): no government of the article's offices."""
    starts = [m["start"] for m in registry.mentions if m["entity"] is entity]
    return entity["type"] == "COUNTRY" and bool(starts) and all(s in registry.destinations for s in starts)


@cache
def office_states() -> dict[str, str]:
    """Offices only one state names so (data/office_states.tsv): role -> ISO alpha-3."""
    return dict(rows("office_states.tsv"))


def attach(registry: Registry) -> None:
    """Titled people whose title gave a role but no country: the office's country, else the
    one state whose office it is when the article names that state (a readout's "NSC
    Coordinator Brett McGurk" beside the officials of the Gulf states he met)."""
    named = {e["country"] for e in registry.entities.values() if e["type"] != "PERSON"}
    for entity in list(registry.entities.values()):
        if entity["type"] == "PERSON" and entity["country"] is None:
            countries = {office_country(registry, role, entity) for role in entity["roles"]} - NO_GOVERNMENT
            if not countries:
                countries = {office_states().get(role) for role in entity["roles"]} & named - NO_GOVERNMENT
            if len(countries) == 1:
                entity["country"] = countries.pop()


def unnamed_holder(registry: Registry, role: str, title: str, year: int | None) -> dict | None:
    """The entity "the <title>" stands for when the article names no holder: the table's
    holder of the office that year (the article's own mention of that person if any), else
    the office under its title as written; None when the office's country is in doubt."""
    country = office_country(registry, role)
    if country is None:
        return None
    name = leaders.holder(country, role, year)
    if name is None:
        entry = gazetteer().entries.get(f"COUNTRY:{country}")
        name = f"{title} ({entry.name if entry else country})"
    entity = next((e for e in registry.entities.values() if e["type"] == "PERSON" and e["name"] == name), None)
    entity = entity or registry.entity(f"PERSON:{name}", name, "PERSON", country)
    if role not in entity["roles"]:
        entity["roles"].append(role)
    return entity
