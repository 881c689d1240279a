"""Where a model span should start and end: whole words, never a piece of one.

News tokenizers (CoNLL's among them) keep hyphenated words whole; spaCy splits them at the
hyphen and the small model often stops there ("Wong Yeung" of "Wong Yeung-tat", "Ikhbariya"
of "al-Ikhbariya"). A name that is only the stem of a modifier ("pro-Beijing", "anti-NATO")
names nothing, and a word of a title ("State" in "Secretary of State") is no organisation.
A place the model runs into the name after it ("Senator from Vermont Bernie Sanders", "Mayor of
Koszalin Piotr Jedlinski") is a place and a person, and a country it runs into its possessive and
what follows ("Jordan’s King Abdullah II") is a country and a name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .gazetteer import Gazetteer
from .names import is_given_name, looks_like_person

# Lower-case pieces that start a name before a hyphen: "al-Assad", "el-Sisi", "bin-Laden".
NAME_PARTICLES = {"al", "el", "ad", "as", "ash", "at", "az", "bin", "ibn", "abu", "abd", "ben"}
# Lower-case words that make a name a modifier after a hyphen: "Warhol-like", "Moscow-backed".
COMPOUND_TAILS = {"like", "style", "era", "led", "backed", "based", "born", "type", "linked", "run",
                  "owned", "controlled", "sponsored", "inspired", "esque", "friendly", "free",
                  "related", "made", "bound", "allied", "leaning", "oriented", "centred", "centered"}
MAX_TITLE_WORDS = 5  # "Principal Deputy National Security Advisor"
# Lower-case words inside a person's name before its last part: "Kengo wa Dondo", "Hans van
# Mierlo", "Osama bin Laden"; "d'" glued to it: "Giscard d'Estaing".
SURNAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "ben", "de", "du", "da", "di", "dos", "das", "del", "della",
                     "van", "von", "der", "den", "ter", "wa"}  # no English word ("at", "as")
SURNAME_PREFIXES = ("d'", "d’")
POSSESSIVES = {"'s", "’s"}


def _glued(doc: Doc, i: int) -> bool:
    """Token i is a hyphen inside a word: no space on either side."""
    return doc[i].text in {"-", "–"} and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def modifier_stem(doc: Doc, start: int) -> bool:
    """True when the name at `start` is glued to a lower-case prefix that is no name particle:
    "pro-Beijing", "anti-NATO", "ex-Soviet" name nothing."""
    return start >= 2 and _glued(doc, start - 1) and doc[start - 2].is_lower \
        and doc[start - 2].lower_ not in NAME_PARTICLES


def word_extent(doc: Doc, start: int, end: int, person: bool) -> tuple[int, int] | None:
    """The span grown to whole hyphenated words, or None when it is the stem of a modifier
    ("pro-Beijing"). A person's name runs on over any piece ("Yeung-tat"), other names over
    capitalised pieces only ("Guinea-Bissau", not "Moscow-based"), never over a modifier's tail
    ("Warhol-like")."""
    while start >= 2 and _glued(doc, start - 1) and doc[start - 2].is_alpha:
        if modifier_stem(doc, start):
            return None
        start -= 2
    while end + 1 < len(doc) and _glued(doc, end) and doc[end + 1].is_alpha \
            and (doc[end + 1].text[:1].isupper() or person and doc[end + 1].lower_ not in COMPOUND_TAILS):
        end += 2
    return start, end


def inside_title(doc: Doc, start: int, end: int, gaz: Gazetteer) -> bool:
    """True when tokens start..end lie within a title ("State" in "Secretary of State",
    "Secretary" in "Secretary-General"), as written or spaced word by word."""
    titles = gaz.titles
    for first in range(max(0, end - MAX_TITLE_WORDS), start + 1):
        if doc[first].lower_ not in gaz.title_prefixes:
            continue  # both spellings start with this word: no title does
        for last in range(end, min(len(doc), first + MAX_TITLE_WORDS) + 1):
            if doc[first:last].text.lower() in titles or " ".join(t.lower_ for t in doc[first:last]) in titles:
                return True
    return False


def place_then_person(ent: Span, gaz: Gazetteer) -> list[Span]:
    """A model span that opens with a known place, no given name ("Florence Mary Smith" is one
    woman), and goes on with a person's full name ("Vermont Bernie Sanders"), cut into the place
    and the person; any other span as it is."""
    if len(ent) < 3 or is_given_name(ent[0].text):
        return [ent]
    for cut in range(ent.start + 1, min(ent.end - 1, ent.start + 3)):
        entry = gaz.lookup(ent.doc[ent.start : cut].text)
        if entry is not None and entry.type in {"COUNTRY", "PLACE"} \
                and looks_like_person([t.text for t in ent.doc[cut : ent.end]]):
            return [Span(ent.doc, ent.start, cut, label="GPE", span_id=entry.key),
                    Span(ent.doc, cut, ent.end, label="PERSON")]
    return [ent]


def possessor_apart(ent: Span, gaz: Gazetteer) -> list[Span]:
    """A model span that opens with a country and its possessive ("Jordan’s King Abdullah II" as
    one organisation), cut into the country and the name after it, a person when a title leads
    it; any other span as it is."""
    doc = ent.doc
    cut = next((t.i for t in ent[1:-1] if t.text in POSSESSIVES), None)
    entry = gaz.lookup(doc[ent.start : cut].text) if cut is not None else None
    if entry is None or entry.type != "COUNTRY":
        return [ent]
    label = "PERSON" if _title_led(doc, cut + 1, ent.end, gaz) else ent.label_
    return [Span(doc, ent.start, cut, label="GPE", span_id=entry.key), Span(doc, cut + 1, ent.end, label=label)]


def _title_led(doc: Doc, start: int, end: int, gaz: Gazetteer) -> bool:
    """Tokens start..end open with a title and go on with more words ("King Abdullah II")."""
    words = [t.lower_ for t in doc[start : min(end - 1, start + MAX_TITLE_WORDS)]]
    return any(" ".join(words[:n]) in gaz.titles for n in range(1, len(words) + 1))


def particle_surname_end(doc: Doc, end: int) -> int:
    """End of a person's name the model stopped before its particle and last part ("Kengo" +
    "wa Dondo", "Valery Giscard" + "d'Estaing"), or `end`."""
    if end < len(doc) and doc[end].lower_.startswith(SURNAME_PREFIXES) and doc[end].text[2:3].isupper():
        return end + 1
    if end + 1 < len(doc) and doc[end].lower_ in SURNAME_PARTICLES and doc[end].is_lower \
            and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
        return end + 2
    return end
