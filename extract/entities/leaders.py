"""Actor dictionary: known office holders give a person the country and role the text leaves out.

Event coders (PETRARCH, ICEWS, Phoenix) roll events up to country dyads through their actors;
readouts say "President Biden" or "Jake Sullivan" without a country, so a curated table of
leaders over time (`data/leaders.tsv`) fills the gap. A full name (or a listed alias) matches on
its own; a lone surname matches only behind a title whose role fits ("Prime Minister Sunak").
The text always wins: a person whose affiliation the article gives differently is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .fold import fold
from .gazetteer import rows
from .names import name_suffixes, surname_index

# Punctuation inside names that spelling varies on: "Jae-in" = "Jae in", "R. Biden" = "R Biden".
PUNCTUATION = str.maketrans({"-": " ", ".": " ", ",": " "})
# Arabic articles inside names: "Nouri al-Maliki" = "Nouri Maliki"; first words are kept ("Al Gore").
PARTICLES = {"al", "el"}
# Offices that head a state or a government: whose surname names an administration.
HEAD_ROLES = frozenset({"president", "prime minister", "chancellor", "king", "emir", "supreme leader",
                        "state counsellor"})


@dataclass(frozen=True)
class Office:
    """One row of the table: a person holding one office over a span of years."""

    name: str
    country: str
    role: str
    first: int | None
    last: int | None  # None: still in office

    def held_in(self, year: int) -> bool:
        return (self.first is None or self.first <= year) and (self.last is None or year <= self.last)


@dataclass
class Leaders:
    """Offices by normalised full name or alias, and by normalised surname."""

    by_name: dict[str, list[Office]] = field(default_factory=dict)
    by_surname: dict[str, list[Office]] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)  # table name -> surname
    first_words: set[str] = field(default_factory=set)  # first words of the name keys


def name_key(text: str) -> str:
    """A name as looked up: case, accents, dots, hyphens, Arabic articles and "Jr." ignored,
    so that "Recep Tayyip Erdogan" finds "Recep Tayyip Erdoğan" and "Nuri al-Maliki" its row."""
    words = fold(text.translate(PUNCTUATION)).split()
    words = [w for i, w in enumerate(words) if not (i and w in PARTICLES)]
    while len(words) > 2 and words[-1] in _suffix_keys():  # "Abdullah II" keeps its numeral
        words.pop()
    return " ".join(words)


@cache
def _suffix_keys() -> frozenset[str]:
    return frozenset(s.casefold().rstrip(".") for s in name_suffixes())


def head_role(surname: str) -> str | None:
    """The latest office of the one head of state or government the table knows by this
    surname ("Biden" -> president), for "the Biden administration"; None when the table has
    none, or heads of two countries go by it."""
    offices = [o for o in leaders().by_surname.get(name_key(surname), []) if o.role in HEAD_ROLES]
    if len({o.country for o in offices}) != 1:
        return None
    return max(offices, key=lambda o: o.last or 9999).role


def _year(value: str) -> int | None:
    return int(value) if value.strip() else None


@cache
def leaders() -> Leaders:
    """The table, read once per process on first use (a few hundred rows, about a millisecond)."""
    table = Leaders()
    offices: dict[str, list[Office]] = {}
    aliases: dict[str, set[str]] = {}
    surnames = table.surnames
    for name, country, role, first, last, family, others in rows("leaders.tsv"):
        offices.setdefault(name, []).append(Office(name, country, role, _year(first), _year(last)))
        aliases.setdefault(name, set()).update(a for a in others.split("|") if a)
        words = name.split()
        surnames[name] = family or surnames.get(name) or words[surname_index(words)]
    for name, held in offices.items():
        forms = {name, *aliases[name]}
        for form in forms:
            table.by_name.setdefault(name_key(form), []).extend(held)
            table.first_words.add(name_key(form).split()[0])
        for family in _surname_keys(name, forms, surnames[name]):
            table.by_surname.setdefault(family, []).extend(held)
    return table


def _surname_keys(name: str, forms: set[str], family: str) -> set[str]:
    """The table's surname, and the last words of the other spellings when they only respell
    it ("Zelenskyy" for Zelensky); a surname the table gives explicitly ("Xi") is the only one."""
    keys = {name_key(family)}
    if family == name.split()[surname_index(name.split())]:
        keys.update(name_key(words[surname_index(words)]) for words in map(str.split, forms))
    return keys


def is_known(name: str) -> bool:
    """True for a full name or alias of the table ("Pham Minh Chinh")."""
    return name_key(name) in leaders().by_name


def is_surname(word: str) -> bool:
    """True for the surname of a leader of the table ("Obama", "Putin")."""
    return name_key(word) in leaders().by_surname


def may_start(word: str) -> bool:
    """Cheap test before trying longer names: can a known name start with this word?"""
    return name_key(word) in leaders().first_words


def surname(name: str) -> str | None:
    """The surname a known leader goes by after a title, as the table writes it ("Xi")."""
    offices = leaders().by_name.get(name_key(name))
    return leaders().surnames.get(offices[0].name) if offices else None


def _at(offices: list[Office], year: int | None) -> tuple[list[Office], bool]:
    """The offices held in `year` and True when there are any; else all of them and False
    (no date, or a date when the person held none of them: the name still gives the country)."""
    current = [o for o in offices if year is not None and o.held_in(year)]
    return (current, True) if current else (offices, False)


def candidates(name: str, roles: list[str], year: int | None,
               named: frozenset[str] = frozenset()) -> tuple[list[Office], bool]:
    """Offices a person's name may denote, and whether they are held at `year`: by full name
    or alias; a single word only by alias (a mononym such as "Suharto"), as a surname behind
    a title of the same role, or as a bare surname whose holder's country (or IGO) the article
    names among `named`."""
    table = leaders()
    key = name_key(name)
    if key in table.by_name:
        return _at(table.by_name[key], year)
    if " " in key:
        return [], False
    if not roles:
        offices, current = _untitled(table.by_surname.get(key, []), year)
        return (offices, current) if offices and offices[0].country in named else ([], False)
    return _at([o for o in table.by_surname.get(key, []) if o.role in roles], year)


def _untitled(offices: list[Office], year: int | None) -> tuple[list[Office], bool]:
    """Offices a bare surname denotes ("Putin said", "Yeltsin told", as wire copy names leaders
    after the first line or not at all): only when one person held them, in the article's year
    when it has one (a "Lee" of 1996 is no Lee Hsien Loong; a "Clinton" of 1996 is Bill). The
    caller also wants the holder's country named in the article: a "Khan" in a London attack
    story is no Imran Khan."""
    if year is not None:
        offices = [o for o in offices if o.held_in(year)]
    if len({o.name for o in offices}) != 1:
        return [], False
    return offices, year is not None


def attach(entity: dict, year: int | None, named: frozenset[str] = frozenset()) -> None:
    """Country (and role, when the text gives none) for a PERSON entity the table knows.

    Only when all fitting offices agree on one country: "President Bush" without a date is
    still USA, "King Abdullah" (Saudi Arabia or Jordan) stays unknown. A different country
    given by the text wins and then no role is taken from the table either. With a date at
    which the person held none of the offices, only the country is taken (a former leader).
    `named`: the countries the article names (and "IGO" for an international body), which a
    bare surname's holder must be of."""
    offices, current = candidates(entity["name"], entity["roles"], year, named)
    countries = {o.country for o in offices}
    if len(countries) != 1:
        return
    country = countries.pop()
    if entity["country"] not in (None, country):
        return
    entity["country"] = country
    names = {o.name for o in offices}
    if len(names) == 1:
        # "President Biden", "Joseph R. Biden Jr.": the table says who, so the entity takes the
        # table's name and is one person across the corpus instead of one per spelling (the
        # text's spelling stays an alias).
        entity["name"] = names.pop()
    roles = {o.role for o in offices}
    if not entity["roles"] and len(roles) == 1 and (current or year is None):
        entity["roles"].append(roles.pop())


@cache
def _by_office() -> dict[tuple[str, str], tuple[Office, ...]]:
    """Every row of the table by (country, role)."""
    table: dict[tuple[str, str], set[Office]] = {}
    for offices in leaders().by_name.values():
        for office in offices:
            table.setdefault((office.country, office.role), set()).add(office)
    return {key: tuple(held) for key, held in table.items()}


def holder(country: str, role: str, year: int | None) -> str | None:
    """Who held a country's office in `year` ("vice president" of USA in 2022: Kamala Harris),
    for a title that names nobody; None without a year, or when the table has none or two (a
    year of transition)."""
    if year is None:
        return None
    names = {o.name for o in _by_office().get((country, role), ()) if o.held_in(year)}
    return names.pop() if len(names) == 1 else None
