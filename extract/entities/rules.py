"""The `dipexplore_entity_rules` component: corrects the statistical NER and adds rule spans.

Runs after `ner`. It drops model guesses inside all-caps headlines, trims determiners, titles
and possessives off spans (CoNLL-style exact spans), rejects "people" with no proper noun
("Tensions"), types model spans the gazetteer knows, and adds spans the model misses:
ministries ("the Russian Foreign Ministry"), missions ("the Russian Consulate") and titled
people ("Foreign Minister Primakov"). Rule-made organisations carry their canonical name and
country in the span id: `RULE_ORG:<iso3>:<name>`.
"""

from __future__ import annotations

import calendar

import numpy as np
from spacy.attrs import ENT_TYPE, POS
from spacy.matcher import Matcher
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .acronyms import defined_names
from .boundaries import (MAX_TITLE_WORDS, NAME_PARTICLES, inside_title, particle_surname_end, place_then_person,
                         possessor_apart, word_extent)
from .caps import caps_mask
from .companies import as_companies, untagged_outlets
from .compounds import compound_names
from .context import after_place_noun, before_area_noun, in_place_context, owns_office, speaks
from .coordination import people_apart, shared_heads
from .datelines import dateline_places
from .gazetteer import Entry, Gazetteer
from .headed import untagged_places
from . import leaders
from .results import team_spans
from .speakers import speaker_spans
from .tokens import positions
from .names import company_shaped, full_name_surnames, head_kinds, is_given_name, looks_like_person, name_suffixes
from .org_ids import rule_org_id

NAMED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
LEADING_JUNK = {"the", "a", "an"}
TRAILING_JUNK = {"'s", "’s", "'", "’", ".", ",", "-", "—", "–", ":", ";"}  # "at The Oval:" before a scoreboard
WEEKDAYS = frozenset(calendar.day_name)  # "Wikinews Saturday": the model runs a name into its date
PROPER_TAGS = {"NNP", "NNPS"}
MINISTRY_KINDS = [
    "foreign", "defence", "defense", "interior", "finance", "justice", "health", "trade",
    "economy", "education", "agriculture", "energy", "emergencies", "culture", "information",
    "commerce", "labour", "labor", "transport", "environment", "industry", "home",
]
MISSIONS = ["Embassy", "Consulate", "Consulate-General", "Mission", "High Commission"]
# A state's bodies that news names by the bare word after the state ("the U.S. Senate", "the
# Russian Duma"), which the model leaves untagged after a country the gazetteer matched.
STATE_BODIES = ["Senate", "Treasury", "Duma", "Cabinet", "Knesset", "Bundestag", "Sejm", "Majlis"]
COUNTRY_KEYS = ("COUNTRY:", "DEMONYM:")
OPENERS = {'"', "“", "‘", "'", ":", "—", "–", "-"}
BRACKETS = {"(", "["}
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
PARTY_HEADS = frozenset({"Party", "Front", "Movement", "League", "Congress", "Alliance", "Bloc"})
MAX_PARTY_WORDS = 4  # "Inkatha Freedom Party", "Liberal Democratic Party"
MAX_LEADER_TOKENS = 6  # "Mohammed bin Salman Al Saud"
# Surname endings of Russian, Ukrainian, Polish, Balkan and Georgian names ("Zyuganov", "Izetbegovic").
SURNAME_ENDINGS = ("ov", "ev", "ova", "eva", "sky", "skiy", "ski", "enko", "vich", "ovic", "evic", "shvili", "dze")


def _name_shape_label(span: Span, label: str) -> str:
    """The model's label overruled by the span's shape: an untitled full name, or a leader's
    surname the gazetteer does not know, that the model called an organisation or place is a
    person ("Anatoly Antonov"); a name ending in an acronym is no
    person ("DAB", "Pro-Beijing DAB"), nor is a name ending in an organisation or place word
    ("Daily Telegraph"); an organisation's name ending in a place word is that place ("Al-Aqsa
    Mosque")."""
    if label in {"ORG", "GPE", "LOC", "FAC"} and (looks_like_person([t.text for t in span])
                                                 or _leader_surname_alone(span) or _party_leader(span)):
        return "PERSON"  # also a known leader's surname alone: "the best meeting he's had with Trump"
    if label == "PERSON" and (len(span) == 1 and len(span.text) > 1 and span.text.isupper()
                              or len(span[-1]) > 1 and span[-1].is_upper and span[-1].is_alpha
                              or any(company_shaped(t.text) for t in span)):
        return "ORG"  # "DAB", "Pro-Beijing DAB", "SpaceX"
    kind = head_kinds().get(span[-1].text) if label in {"PERSON", "ORG"} and len(span) > 1 else None
    if kind and label == "PERSON":
        return "ORG" if kind == "ORG" else "GPE"  # "Edmonton Sun", "Castlefrank Road"
    if kind == "PLACE":
        return "GPE"  # "the Al-Aqsa Mosque", "Wembley Stadium": a building or site, CoNLL's LOC
    if label in {"PERSON", "ORG"} and before_area_noun(span.doc, span.end):
        return "GPE"  # "the Karol Bagh area", "Ituri province": no person or body heads an area
    return label


def _party_leader(span: Span) -> bool:
    """One capitalised word (no acronym, no brand) owning a party: "Buthelezi's Inkatha
    Freedom Party", "Gorbachev's Communist Party"; parties are led by people, and the model
    takes the possessor for another organisation."""
    doc, end = span.doc, span.end
    if len(span) != 1 or not span[0].is_title or company_shaped(span.text) \
            or end + 1 >= len(doc) or doc[end].text not in {"'s", "’s"}:
        return False
    words = doc[end + 1 : end + 1 + MAX_PARTY_WORDS]
    for token in words:
        if not token.is_title:
            return False
        if token.text in PARTY_HEADS:
            return True
    return False


def _leader_surname_alone(span: Span) -> bool:
    """A one-word span that is a known leader's surname, not after "the" ("The Hague")."""
    doc = span.doc
    return len(span) == 1 and span.text.istitle() and leaders.is_surname(span.text) \
        and not (span.start and doc[span.start - 1].lower_ == "the")


def _common_noun(token: Token) -> bool:
    """A lower-case word before a name that describes the person ("magician David Gish"); short
    lower-case particles start names ("van", "de", "al")."""
    return token.is_lower and token.is_alpha and len(token) > 3 and token.pos_ in {"NOUN", "ADJ"}


def _dangling(doc: Doc, i: int) -> bool:
    """Token i is a lower-case function word that a name cannot end with: the model's "Che
    Guevara of" when a ruler had already claimed "Argentina" after it."""
    return doc[i].is_lower and doc[i].is_stop and not (i > 0 and doc[i - 1].text in {"-", "–"})


def _before_score(doc: Doc, start: int, end: int) -> int:
    """End of the span without a match score the model ran into it ("beat Chelsea 2-0")."""
    if end - start > 3 and doc[end - 1].is_digit and doc[end - 2].text in {"-", "–"} and doc[end - 3].is_digit:
        return end - 3
    return end


def _question_mark_letter(doc: Doc, i: int, end: int) -> bool:
    """Token i is the "Q" opening a line of a transcript ("Q Karine, what actions..."), which
    the model takes into the name that follows."""
    return i + 1 < end and doc[i].text == "Q" and (i == 0 or "\n" in doc[i - 1].text_with_ws)


def _complete_name(doc: Doc, start: int, end: int, titles: dict[str, str]) -> tuple[int, int]:
    """A person's span run on over words the model cut off, when the longer name is a known
    leader's ("Pham Minh" + "Chinh", "Yoon Suk" + "Yeol", "Recep" + "Tayyip Erdogan"): the
    small model often cuts three-part names short. Never back over a title: the table names
    "Pope Francis" so, but CoNLL's name is "Francis"."""
    for before, after in ((0, 3), (0, 2), (0, 1), (2, 0), (1, 0)):
        if start - before < 0 or end + after > len(doc):
            continue
        first_added = start - before if before else end
        if doc[first_added].text[:1].isupper() and not (before and doc[first_added].lower_ in titles) \
                and _leader_span(doc[start - before : end + after]):
            return start - before, end + after
    return start, end


def _missed_names(doc: Doc, owner: dict[int, Span], caps: list[bool], gaz: Gazetteer,
                  common: frozenset[str]) -> list[Span]:
    """Names the model missed entirely: known leaders' ("Recep Tayyip Erdogan warned"), their
    surnames alone ("Even Zelenskyy says"), surnames by their shape ("Zyuganov"), and a given
    name followed by proper nouns that are no English words ("the rebels of Laurent Kabila";
    not "Booker Prize", "Velvet Underground")."""
    spans: list[Span] = []
    free = 0  # the first token not inside a name found
    for i in _free_proper_nouns(doc, owner, caps):
        if i < free:
            continue
        n = _leader_at(doc, i, owner, caps) or _name_at(doc, i, owner, caps, gaz, common) \
            or _leader_surname_at(doc, i, gaz, common) or _surname_at(doc, i, gaz, common) \
            or _party_leader_at(doc, i, gaz, common)
        if n:
            spans.append(Span(doc, i, i + n, label="PERSON"))
            free = i + n
    return spans


def _free_proper_nouns(doc: Doc, owner: dict[int, Span], caps: list[bool]) -> list[int]:
    """The only tokens a missed name can start at (both tests below require them): proper
    nouns outside headlines and outside the kept spans, read off the POS array."""
    return [i for i in np.flatnonzero(doc.to_array(POS) == PROPN).tolist() if not caps[i] and i not in owner]


def _name_at(doc: Doc, i: int, owner: dict[int, Span], caps: list[bool], gaz: Gazetteer,
             common: frozenset[str]) -> int:
    """Length of an untagged name of shape given name + proper nouns at token i, or 0."""
    if caps[i] or i in owner or doc[i].pos_ != "PROPN" or not is_given_name(doc[i].text):
        return 0
    for n in (3, 2):
        span = doc[i : i + n]
        if len(span) == n and all(t.pos_ == "PROPN" and t.is_alpha and t.i not in owner for t in span) \
                and not any(gaz.lookup(t.text) or t.lower_ in common for t in span) \
                and looks_like_person([t.text for t in span]) and not before_area_noun(doc, i + n):
            return n
    return 0


def _leader_surname_at(doc: Doc, i: int, gaz: Gazetteer, common: frozenset[str]) -> int:
    """1 when free proper-noun token i is a known leader's surname and no place ("Even Zelenskyy
    says", "had with Trump"): the model misses lone surnames it has not seen. One that is also an
    English word counts only where its capital is no sentence's ("Trump", not "Trump cards")."""
    text = doc[i].text
    return int(text.istitle() and leaders.is_surname(text) and gaz.lookup(text) is None
               and (text.lower() not in common or not _capital_by_position(doc[i : i + 1])))


def _surname_shape(span: Span, common: frozenset[str]) -> bool:
    """One capitalised word, no English word, with a Slavic, Caucasian or Balkan surname ending
    ("Maskhadov", "Zyuganov", "Izetbegovic", "Shevardnadze"), which wire copy on Russia and the
    Balkans uses alone and the small model takes for an organisation or leaves untagged. Towns
    with such endings ("Rostov") are the model's places, or stand in a place's position."""
    word = span[0]
    return len(span) == 1 and word.is_title and word.is_alpha and word.lower_ not in common \
        and word.lower_.endswith(SURNAME_ENDINGS)


def _surname_at(doc: Doc, i: int, gaz: Gazetteer, common: frozenset[str]) -> int:
    """1 when free proper-noun token i is a surname by its shape, outside a place's position
    and unknown to the gazetteer ("Zyuganov attacked ..." left untagged)."""
    return int(_surname_shape(doc[i : i + 1], common) and not in_place_context(doc, i)
               and gaz.lookup(doc[i].text) is None)


def _party_leader_at(doc: Doc, i: int, gaz: Gazetteer, common: frozenset[str]) -> int:
    """1 when free proper-noun token i owns a party and is no English word nor gazetteer name
    ("Buthelezi's Inkatha Freedom Party" opening a story, which the model left untagged)."""
    return int(doc[i].lower_ not in common and gaz.lookup(doc[i].text) is None and _party_leader(doc[i : i + 1]))


def _leader_at(doc: Doc, i: int, owner: dict[int, Span], caps: list[bool]) -> int:
    """Length of the known leader's name starting at free proper-noun token i, or 0."""
    if caps[i] or i in owner or doc[i].pos_ != "PROPN" or not leaders.may_start(doc[i].text):
        return 0
    for n in range(min(MAX_LEADER_TOKENS, len(doc) - i), 1, -1):
        span = doc[i : i + n]
        if not any(t.i in owner for t in span) and _leader_span(span):
            return n
    return 0


def _leader_span(span: Span) -> bool:
    """A known leader's name on one line, not swallowing a sentence's full stop, alone or
    left on its last word ("Barack Obama." at a sentence end; "Jr." and initials keep theirs)."""
    last = span[-1]
    return not any(t.is_space for t in span) and not last.is_punct \
        and (not last.text.endswith(".") or len(last) <= 3) and leaders.is_known(span.text)


def _split_names_joined(spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """A given name and the next word, both taken for places, are one person ("Valeska" +
    "Paris"): the model splits names whose surname is a town. Strong gazetteer names stay."""
    joined: list[Span] = []
    for span in spans:
        before = joined[-1] if joined else None
        if before is not None and before.end == span.start and len(before) == len(span) == 1 \
                and before.label_ != "PERSON" and span.label_ in {"GPE", "LOC"} \
                and before.text not in gaz.strong and span.text not in gaz.strong and is_given_name(before.text):
            joined[-1] = Span(span.doc, before.start, span.end, label="PERSON")
        else:
            joined.append(span)
    return joined


def _capital_by_position(span: Span) -> bool:
    """The span's first word opens a sentence, a line or a quotation, or a bracketed sentence
    ("(Laughter.)"), which would capitalise any word; not a bibliography's inverted name
    ("Marx, Karl") nor a bracketed attribution ("(Dostoyevsky)")."""
    doc, i, end = span.doc, span.start, span.end
    if end + 1 < len(doc) and doc[end].text == "," and is_given_name(doc[end + 1].text):
        return False
    if i and doc[i - 1].text in BRACKETS:
        return end < len(doc) and doc[end].text == "."
    return doc[i].is_sent_start or i == 0 or doc[i - 1].text in OPENERS or "\n" in doc[i - 1].text_with_ws


def _one_sense(spans: list[Span], places: dict[str, Span], gaz: Gazetteer) -> list[Span]:
    """One name, one sense per article: a "person" that the article surely has as a place is
    that place ("retake Goma" after "from Goma to Bukavu", "the mayor of Fort Lee" after "in
    Fort Lee, New Jersey"), and so is a one-word "person" that is a known town ("Grozny was
    calm") but no known leader's surname ("Obama"), unless it starts with a given name or is the
    surname of a person named in full there."""
    surnames = full_name_surnames(spans)

    def place_key(span: Span) -> str | None:
        if span.label_ != "PERSON" or span.text in surnames or is_given_name(span[0].text):
            return None
        if span.text in places:
            return places[span.text].id_
        entry = gaz.lookup(span.text) if len(span) == 1 and not leaders.is_surname(span.text) else None
        return entry.key if entry is not None and entry.type in {"COUNTRY", "PLACE"} else None

    return [Span(s.doc, s.start, s.end, label="GPE", span_id=key) if (key := place_key(s)) is not None else s
            for s in spans]


def _without_stale_ids(spans: list[Span]) -> list[Span]:
    """The spans, their tokens cleared of ids the rulers gave them: spaCy keeps a token's old
    id under a new span that has none, so "Kurdistan Democratic Party" would be Kurdistan."""
    for span in spans:
        if not span.id:
            for token in span:
                token.ent_id = 0
    return spans


class EntityRules:
    """Callable spaCy component (see module docstring)."""

    def __init__(self, vocab: Vocab, gaz: Gazetteer, words: dict[str, frozenset[str]] | None = None) -> None:
        self.gaz = gaz
        words = words or {}
        self.adjectives = words.get("adj", frozenset())  # English words, lower case (WordNet's index)
        self.common = frozenset().union(*words.values())
        self.nouns = words.get("noun", frozenset())
        self.honorifics = frozenset(h.casefold().rstrip(".") for h in gaz.honorifics)  # "mr", "dr"
        self.matcher = Matcher(vocab)
        name = {"POS": "PROPN", "IS_TITLE": True, "OP": "+"}
        self.matcher.add(
            "TITLED",
            [[{"LOWER": w} for w in title.split()] + [name] for title in gaz.titles]
            + [[{"ORTH": {"IN": list(gaz.honorifics)}}, name]],
            greedy="LONGEST",
        )
        self.matcher.add(
            "MINISTRY",
            [
                [{"LOWER": {"IN": MINISTRY_KINDS}, "IS_TITLE": True}, {"ORTH": "Ministry"}],
                # a ministry's remit is no country: "Foreign Ministry of Azerbaijan" is the
                # foreign ministry, not an "Azerbaijan Ministry" of no country
                [{"ORTH": "Ministry"}, {"LOWER": "of"}, {"IS_TITLE": True, "ENT_TYPE": {"NOT_IN": ["GPE"]}, "OP": "+"}],
                # "announced by the Russian Foreign on Sunday": a truncated ministry name
                [{"ORTH": "Foreign"}, {"IS_LOWER": True}],
            ],
            greedy="LONGEST",
        )
        self.matcher.add("MISSION", [[{"ORTH": {"IN": MISSIONS}}]])
        self.matcher.add("BODY", [[{"ORTH": {"IN": STATE_BODIES}}]])

    def __call__(self, doc: Doc) -> Doc:
        caps = caps_mask(doc)
        cleaned = [(part, span) for ent in doc.ents for part in self._pieces(ent)
                   if (span := self._clean(part, caps)) is not None]
        # Sure places: the gazetteer's names, matched or confirming the model's, and persons the
        # context made places.
        places = {span.text: span for ent, span in cleaned
                  if span.label_ == "GPE" and (span.id_ or ent.label_ == "PERSON")}
        places.update(self._untagged_towns(doc, caps))
        kept = as_companies(doc, _one_sense(_split_names_joined([span for _, span in cleaned], self.gaz), places, self.gaz))
        surnames = full_name_surnames(kept)
        kept = [span for span in kept if not self._plain_words(span, surnames)]
        added, claimed = self._rule_spans(doc, kept, caps)
        named = [span for span in added if span.label_ == "ORG"]
        for span in [*compound_names(doc, kept, named, self._org_country), *shared_heads(doc, self.gaz)]:
            added.append(span)
            claimed.update(range(span.start, span.end))
        # A rule span beats the model's guess around it ("Later the Foreign Ministry"), and a
        # title before a name is no entity ("State" in "Secretary of State Warren Christopher").
        kept = [k for k in kept if k.ent_id_ or not claimed.intersection(range(k.start, k.end))]
        doc.ents = _without_stale_ids(filter_spans(added + kept))
        return doc

    def _pieces(self, ent: Span) -> list[Span]:
        """The model's span cut where it runs names together: a country's possessive ("Jordan’s
        King Abdullah II"), a place before a person, people over a conjunction."""
        return [part for owned in possessor_apart(ent, self.gaz) for piece in place_then_person(owned, self.gaz)
                for part in people_apart(piece)]

    def _plain_words(self, span: Span, surnames: set[str]) -> bool:
        """A "person" made only of English words whose capital its place explains ("(Laughter.)",
        "Sec. 12." opening a section), none a given name or a known leader's surname, nor the
        surname of someone the article names in full, and not acting ("Gorbachev proposed"):
        WordNet lists famous surnames as words, and those stand mid-sentence or act."""
        return span.label_ == "PERSON" and span.text not in surnames and _capital_by_position(span) \
            and span.root.dep_ not in ACTOR_DEPS and all(
                self._english(t) and not is_given_name(t.text) and not leaders.is_surname(t.text) for t in span)

    def _plural_noun_opening(self, span: Span) -> bool:
        """One English plural noun ("Guerrillas", "Diplomats") capitalised only by its place
        at a sentence's start, and no gazetteer name ("Democrats" is a party's)."""
        word = span[0].lower_
        return len(span) == 1 and span[0].is_title and word.endswith("s") and word[:-1] in self.nouns \
            and self.gaz.lookup(span.text) is None and _capital_by_position(span)

    def _english(self, token: Token) -> bool:
        """An English word (WordNet's index, lower case), also in the plural ("Provisions")."""
        word = token.lower_
        return word in self.common or (word.endswith("s") and word[:-1] in self.common)

    def _org_country(self, key: str) -> str | None:
        entry = self.gaz.entries.get(key)
        return entry.country if entry else None

    def _untagged_towns(self, doc: Doc, caps: list[bool]) -> dict[str, Span]:
        """One-word towns of the gazetteer that the model left untagged, which the weak ruler
        will make places ("captured Goma"), so that the model's person of the same name
        elsewhere in the article ("Zaire Rebels Take Goma") is that place."""
        weak = self.gaz.weak
        untagged = doc.to_array(ENT_TYPE) == 0
        return {doc[i].text: Span(doc, i, i + 1, label="GPE", span_id=weak[doc[i].text])
                for i in positions(doc, weak.__contains__) if untagged[i] and not caps[i]}

    def _clean(self, ent: Span, caps: list[bool]) -> Span | None:
        """The model's span corrected, or None when it should not be an entity."""
        if ent.label_ not in NAMED_LABELS and not ent.ent_id_ and head_kinds().get(ent[-1].text) == "ORG":
            ent = Span(ent.doc, ent.start, ent.end, label="ORG")  # "the Sydney Morning Herald", its event or law
        if ent.label_ not in NAMED_LABELS or ent.ent_id_:
            return ent
        if any(caps[ent.start : ent.end]):
            return None
        doc, start, end = ent.doc, ent.start, ent.end
        while start < end and (doc[start].lower_ in LEADING_JUNK or doc[start].is_space or doc[start].is_bracket
                               or _question_mark_letter(doc, start, end)):
            start += 1
        if doc[start:end].text.casefold().rstrip(".") in self.honorifics:
            return None  # the "MR" of a transcript's "MR. KIRBY:"
        # A span never runs over a line break ("Chomsky\n\n" would make "\n\n" a surname) nor
        # into brackets ("Movement for Democratic Change (MDC": the acronym is a name of its own).
        end = next((t.i for t in doc[start:end] if t.is_space or t.is_bracket), end)
        if self._time_zone(doc, start, end):
            return None
        if not any(c.isupper() for c in doc[start:end].text) or inside_title(doc, start, end, self.gaz):
            return None  # "secretary of state": no name, and no "State" organisation
        extent = word_extent(doc, start, end, ent.label_ == "PERSON")
        if extent is None:
            return None  # "pro-Beijing"
        start, end = extent
        while end - start > 3 and doc[start].is_lower and doc[start + 1].text == "-" and doc[start + 3].is_title:
            start += 3  # "pro-Beijing New People Party": the stance is no part of the name
        if ent.label_ == "PERSON" and not head_kinds().get(doc[end - 1].text):  # "Sultan Qaboos Grand Mosque"
            start += self._title_length(doc, start, end)
            while start < end and (doc[start].text in self.gaz.honorifics or self._describes_name(doc, start, end)
                                   or _common_noun(doc[start])):
                start += 1
        elif ent.label_ in {"GPE", "LOC"}:
            end = self._longer_place(doc, start, end)
        while end > start + 1 and doc[end - 1].text in WEEKDAYS:
            end -= 1
        end = _before_score(doc, start, end)
        while end > start and (doc[end - 1].text in TRAILING_JUNK or _dangling(doc, end - 1)):
            end -= 1
        if start == end or all(t.text in name_suffixes() for t in doc[start:end]):
            return None  # "Jr." after "Joseph R. Biden," is part of his name, no entity
        if doc[start:end].text in self.gaz.groups:
            return None  # "Tutsi rebels": a people, not a place
        if self._plural_noun_opening(doc[start:end]):
            return None  # "Guerrillas attacked army posts": the model's organisation
        if ent.label_ == "PERSON":
            start, end = _complete_name(doc, start, particle_surname_end(doc, end), self.gaz.titles)
        if ent.label_ == "PERSON" and not any(t.tag_ in PROPER_TAGS for t in doc[start:end]):
            return None
        if ent.label_ == "PERSON" and doc[start].is_lower and doc[start].lower_ not in NAME_PARTICLES:
            return None  # "ex-Muslim": a description; as a person its "surname" made every Muslim one
        if ent.label_ == "PERSON" and doc[start:end].text.lower() in self.gaz.titles:
            return None  # "Mr. President": a title alone names nobody
        label, key = ent.label_, ""
        entry = self.gaz.lookup(doc[start:end].text)
        # The model's organisation stays one unless the name as written is a gazetteer name, or
        # a town's in a place's position ("from Herat"): a small town spelt otherwise is no
        # evidence ("a MORI poll" is no Mori in Japan).
        if label in {"GPE", "LOC"} and self._leader_not_town(doc, start, end, entry):
            label, entry = "PERSON", None  # "Take say on Obama": the president, not Obama in Japan
        if entry is not None and (label in {"GPE", "LOC", "FAC"} or (
                label == "ORG" and entry.type != "ORG" and (self.gaz.matched(doc[start:end].text)
                                                            or end - start == 1 and in_place_context(doc, start)
                                                            or before_area_noun(doc, end)))):
            label, key = ("ORG" if entry.type == "ORG" else "GPE"), entry.key
        elif entry is None and label in {"ORG", "PERSON"} and after_place_noun(doc, start):
            label = "GPE"  # "recaptured the town of Koysanjak": a town the gazetteer does not know
        elif entry is None and label == "ORG" and _surname_shape(doc[start:end], self.common):
            label = "PERSON"  # "Maskhadov said in Walikale", the model's organisation
        elif entry is None and label in {"GPE", "LOC"} and end - start == 1 and speaks(doc, start, end):
            label = "PERSON"  # "Chubais told Itar-Tass": a place unknown to the gazetteer says nothing
        elif entry is None:
            label = "PERSON" if self._after_honorific(doc, start) else _name_shape_label(doc[start:end], label)
        elif label == "PERSON" and before_area_noun(doc, end):
            label, key = "GPE", entry.key  # "the Karol Bagh area"
        elif label == "PERSON" and end - start == 1 and in_place_context(doc, start) \
                and (doc[start].text in self.gaz.weak or not is_given_name(doc[start].text)):
            label, key = "GPE", entry.key  # "flew to Grozny": the model's person is the city
        elif label == "PERSON" and entry.type == "COUNTRY" and (doc[start:end].text not in self.gaz.weak
                                                                or owns_office(doc, end, self.gaz.titles)):
            label, key = "GPE", entry.key  # "Niger's president", "Jordan's King Abdullah": no Jordan holds an office
        return Span(doc, start, end, label=label, span_id=key)

    def _after_honorific(self, doc: Doc, start: int) -> bool:
        """The name follows an honorific: "MR. KIRBY:", as transcripts name their speakers."""
        i = start - 1 if start and doc[start - 1].text == "." else start
        return i > 0 and doc[i - 1].text.casefold().rstrip(".") in self.honorifics

    def _leader_not_town(self, doc: Doc, start: int, end: int, entry: Entry | None) -> bool:
        """A one-word town the gazetteer only knows from geonames that is a known leader's
        surname, not in a place's position ("on Obama", not "in Obama")."""
        return end - start == 1 and entry is not None and entry.type == "PLACE" \
            and doc[start].text not in self.gaz.strong and leaders.is_surname(doc[start].text) \
            and not in_place_context(doc, start)

    def _time_zone(self, doc: Doc, start: int, end: int) -> bool:
        """A time zone after a clock time ("at 1400 GMT", "10:30 BST"): no name."""
        return end - start == 1 and doc[start].text in self.gaz.time_zones and start > 0 \
            and any(c.isdigit() for c in doc[start - 1].text)

    def _describes_name(self, doc: Doc, i: int, end: int) -> bool:
        """Token i is an adjective before a given name and surname, not part of the name
        ("Nonpartisan Paul Tse" opening a sentence, which the tagger calls a proper noun), or
        a noun capitalised only by opening the sentence ("Striker Ian Rush scored twice")."""
        word = doc[i].lower_
        return i + 2 < end and not is_given_name(doc[i].text) and is_given_name(doc[i + 1].text) and (
            word in self.adjectives or word in self.nouns and _capital_by_position(doc[i : i + 1]))

    def _longer_place(self, doc: Doc, start: int, end: int) -> int:
        """End of the longest known place starting with the span ("Washington" + "D.C.")."""
        for longer in range(min(len(doc), end + 2), end, -1):
            if not any(t.is_space for t in doc[end:longer]) and doc[start:longer].text in self.gaz.weak:
                return longer
        return end

    def _title_length(self, doc: Doc, start: int, end: int) -> int:
        """Number of tokens at `start` that form a title ("Foreign Minister")."""
        if end - start < 2 or doc[start].lower_ not in self.gaz.title_prefixes:
            return 0  # no title starts with the first word (and a title is never the whole span)
        words = [t.lower_ for t in doc[start:end]]
        for n in range(min(len(words) - 1, MAX_TITLE_WORDS), 0, -1):
            if " ".join(words[:n]) in self.gaz.titles:
                return n
        return 0

    def _rule_spans(self, doc: Doc, kept: list[Span], caps: list[bool]) -> tuple[list[Span], set[int]]:
        """Rule-made spans, and the tokens they claim (a titled name claims its title too)."""
        owner: dict[int, Span] = {i: ent for ent in kept for i in range(ent.start, ent.end)}
        spans: list[Span] = []
        claimed: set[int] = set()
        for match_id, start, end in self.matcher(doc):
            if caps[start]:
                continue
            rule = doc.vocab.strings[match_id]
            if rule == "TITLED":
                span = self._titled(doc, start, end, owner)
            elif rule == "MINISTRY":
                span = self._ministry(doc, start, end, owner)
            elif rule == "BODY":
                span = self._state_body(doc, start, end, owner)
            else:
                span = self._mission(doc, start, end, owner)
            if span is not None:
                spans.append(span)
                claimed.update(range(start if rule == "TITLED" else span.start, span.end))
        for span in [*_missed_names(doc, owner, caps, self.gaz, self.common), *self._datelines(doc), *self._defined_names(doc, owner),
                     *speaker_spans(doc, frozenset(self.gaz.honorifics)),
                     *team_spans(doc, self.gaz), *untagged_outlets(doc, owner, caps),
                     *untagged_places(doc, owner, caps)]:
            spans.append(span)
            claimed.update(range(span.start, span.end))
        return spans, claimed

    def _defined_names(self, doc: Doc, owner: dict[int, Span]) -> list[Span]:
        """Names an acronym delimits ("Kurdistan Democratic Party (KDP)") that no span has as
        they are: one the model or the gazetteer already found whole keeps its type."""
        return [span for span in defined_names(doc)
                if (found := owner.get(span.start)) is None or (found.start, found.end) != (span.start, span.end)]

    def _datelines(self, doc: Doc) -> list[Span]:
        """Dateline places, identified by the gazetteer when it knows them as places ("BONN").
        An organisation's name there is where the story was filed, its seat ("UNITED NATIONS
        1996-08-22": CoNLL's LOC), so it is a place of that name, not the organisation."""
        spans = []
        for start, end in dateline_places(doc, self.gaz.lookup):
            entry = self.gaz.lookup(doc[start:end].text)
            key = entry.key if entry is not None and entry.type != "ORG" else ""
            spans.append(Span(doc, start, end, label="GPE", span_id=key))
        return spans

    def _titled(self, doc: Doc, start: int, end: int, owner: dict[int, Span]) -> Span | None:
        """The name after a title, as a PERSON, unless a gazetteer entity claims those tokens."""
        name_start = start + self._title_length(doc, start, end)
        if doc[start].text in self.gaz.honorifics:
            name_start = start + 1
        title_owner = owner.get(start)
        if title_owner is not None and title_owner.label_ != "PERSON" and title_owner.end > name_start \
                and not looks_like_person([t.text for t in doc[name_start : title_owner.end]]):
            return None  # "General Motors"; not "National Security Adviser Ajit Doval", the model's ORG
        for i in range(name_start, end):
            ent = owner.get(i)
            if ent is not None and ent.label_ == "PERSON":
                return ent  # the model found the name: still, the title is claimed
            if ent is not None and ent.ent_id_:
                return None
        if inside_title(doc, name_start, end, self.gaz):
            return None  # "Mr. President", "Ambassador Extraordinary", "Mr. Secretary-General": titles
        if head_kinds().get(doc[end - 1].text):
            return None  # "Sultan Qaboos Grand Mosque": a building named after the titled man
        if self._heading(doc, start, end, name_start):
            return None  # "General Provisions" heading a treaty's section
        return Span(doc, *_complete_name(doc, name_start, end, self.gaz.titles), label="PERSON")

    def _heading(self, doc: Doc, start: int, end: int, name_start: int) -> bool:
        """A title and English words alone on their line ("General Provisions" under "Section
        II"): a heading, no titled person."""
        alone = (start == 0 or "\n" in doc[start - 1].text_with_ws) and (end == len(doc) or "\n" in doc[end].text)
        return alone and all(self._english(t) for t in doc[name_start:end])

    def _affiliation(self, doc: Doc, start: int, owner: dict[int, Span]) -> tuple[int, str | None]:
        """Where a ministry/mission name starts and its country: "Russian Foreign Ministry"
        starts at its demonym; after "Russia's" it starts at itself but is still Russian."""
        before = owner.get(start - 1)
        if before is None or not before.ent_id_:
            if start >= 2 and doc[start - 1].lower_ in {"'s", "’s"}:
                before = owner.get(start - 2)
                if before is not None and before.ent_id_.startswith("COUNTRY:"):
                    return start, before.ent_id_.split(":", 1)[1]
            return start, None
        if before.ent_id_.startswith("DEMONYM:"):
            return before.start, before.ent_id_.split(":", 1)[1]
        return start, None

    def _ministry(self, doc: Doc, start: int, end: int, owner: dict[int, Span]) -> Span | None:
        span_start, country = self._affiliation(doc, start, owner)
        if doc[start].text == "Foreign" and doc[start + 1].text != "Ministry":
            if country is None or span_start == start:
                return None  # "Foreign investment", or "Russia's Foreign policy"
            end -= 1  # the truncated name: "the Russian Foreign on Sunday"
            kind = "Foreign"
        elif doc[start].text == "Ministry":
            kind = " ".join(t.text for t in doc[start + 2 : end]).removesuffix(" Affairs")
        else:
            kind = doc[start].text
        prefix = f"{self.gaz.adjective[country]} " if country in self.gaz.adjective else ""
        name = f"{prefix}{kind.replace('Defense', 'Defence')} Ministry"
        # The name proper starts at the ministry word: CoNLL tags "Thai" in "the Thai Commerce
        # Ministry" MISC and "Commerce Ministry" ORG; the demonym stays a mention of its country.
        # Only the truncated "Russian Foreign" keeps its demonym, or it would name nothing.
        first = span_start if kind == "Foreign" and doc[start + 1].text != "Ministry" else start
        return Span(doc, first, end, label="ORG", span_id=rule_org_id(country, name))

    def _state_body(self, doc: Doc, start: int, end: int, owner: dict[int, Span]) -> Span | None:
        """"Senate" right after a country or its demonym ("the U.S. Senate"): that state's body,
        named apart from the state as CoNLL names "Commerce Ministry" apart from "Thai"."""
        before = owner.get(start - 1)
        if start in owner or before is None or before.end != start or not before.ent_id_.startswith(COUNTRY_KEYS):
            return None
        iso3 = before.ent_id_.split(":", 1)[1]
        state = self.gaz.entries.get(f"COUNTRY:{iso3}")
        name = f"{state.name if state else iso3} {doc[start].text}"
        return Span(doc, start, end, label="ORG", span_id=rule_org_id(iso3, name))

    def _mission(self, doc: Doc, start: int, end: int, owner: dict[int, Span]) -> Span | None:
        span_start, country = self._affiliation(doc, start, owner)
        if country is None or span_start == start:
            return None  # only "<Demonym> Embassy": "Russia's Embassy" keeps "Russia" apart
        name = f"{self.gaz.adjective.get(country, '')} {doc[start].text}".strip()
        place = owner.get(end + 1)
        if end + 1 < len(doc) and doc[end].lower_ in {"in", "to"} and place is not None \
                and place.label_ in {"GPE", "LOC"} and place.start == end + 1:
            name = f"{name} {doc[end].lower_} {place.text}"
        return Span(doc, span_start, end, label="ORG", span_id=rule_org_id(country, name))
