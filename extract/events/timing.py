"""When an act happened (DESIGN §4): a date in its own clause wins, relative dates resolve
against the article date, a current act takes the article date, a historical one none."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil import parser as date_parser
from spacy.tokens import Span, Token

from ..dates import normalise_date

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
EARLIEST_YEAR = 1800
FUTURE_YEARS = 10
HISTORICAL_ADVERBS = {"previously", "formerly", "earlier", "once", "ago", "already", "historically"}


def _article_day(article_date: str | None) -> date | None:
    if not article_date or len(article_date) < 10:
        return None
    try:
        return date.fromisoformat(article_date[:10])
    except ValueError:
        return None


def resolve_date(text: str, article_date: str | None) -> str | None:
    """ISO date for a DATE phrase, relative ones resolved against the article date."""
    words = text.lower().replace(",", " ").split()
    words = [w for w in words if w not in ("on", "in", "the", "of", "during")]
    if not words:
        return None
    day = _article_day(article_date)
    if day is not None:
        if len(words) == 1 and words[0] in DAY_OFFSETS:
            return (day + timedelta(days=DAY_OFFSETS[words[0]])).isoformat()
        if words[-1] in WEEKDAYS and len(words) <= 2:
            delta = (day.weekday() - WEEKDAYS.index(words[-1])) % 7
            if words[0] == "next":
                return (day + timedelta(days=(7 - delta) % 7 or 7)).isoformat()
            if words[0] == "last" and delta == 0:
                delta = 7
            return (day - timedelta(days=delta)).isoformat()
        if words[-1] == "year" and words[0] in ("last", "this"):
            return str(day.year - (words[0] == "last"))
    explicit = normalise_date(" ".join(words))
    if explicit and not _plausible_year(int(explicit[:4]), day):
        return None  # "Resolution 2259" is a number, not a year
    if explicit or day is None:
        return explicit
    try:  # "October 6" -> the article's year
        parsed = date_parser.parse(" ".join(words), default=datetime(day.year, 1, 1), fuzzy=False)
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if any(w[:3] in _MONTHS for w in words) else None


def _plausible_year(year: int, day: date | None) -> bool:
    """An event year is not after the article (give or take a planned act) nor prehistoric."""
    latest = (day.year if day else date.today().year) + FUTURE_YEARS
    return EARLIEST_YEAR <= year <= latest


_MONTHS = {m[:3] for m in ("january february march april may june july august september october november december").split()}


def _clause_of(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def _clause_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it is coordinated with or complements (they share a date)."""
    chain = [verb]
    while verb.dep_ in ("conj", "xcomp", "pcomp") and verb.head != verb and len(chain) < 5:
        verb = _clause_of(verb.head)
        chain.append(verb)
    return chain


def answers_previous(sentence: Span) -> bool:
    """"In retaliation, ..." / "In response, ...": the act follows the previous sentence's."""
    words = [t.lower_ for t in sentence[:3]]
    return len(words) > 1 and words[0] == "in" and words[1] in ("retaliation", "response")


def is_current(verb: Token) -> bool:
    """Reported as happening now or just now, not recalled from the past."""
    if any(c.lower_ == "had" and c.dep_ == "aux" for c in verb.children):
        return False
    return not any(t.lower_ in HISTORICAL_ADVERBS for t in verb.sent)


def event_date(verb: Token, sentence: Span, article_date: str | None) -> str | None:
    dates = [e for e in sentence.ents if e.label_ == "DATE"]
    chain = _clause_chain(verb)
    for verbs in (chain[:1], chain):
        for ent in dates:
            if _clause_of(ent.root) in verbs:
                return resolve_date(ent.text, article_date)
    if dates or article_date is None:
        return None
    return article_date[:10] if is_current(verb) else None
