"""The event ontology of DESIGN §5 (a contract) and the CAMEO codebook facts behind it."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

ENTITY_TYPES = ("PERSON", "ORG", "COUNTRY", "PLACE")
MENTION_FORMS = ("name", "alias", "demonym", "capital", "pronoun", "nominal")
MODALITIES = ("asserted", "intended", "threatened", "demanded", "alleged")


@dataclass(frozen=True)
class EventType:
    name: str
    plover: str | None
    cameo: str | None
    description: str


EVENT_TYPES: dict[str, EventType] = {
    t.name: t
    for t in (
        EventType("APPOINT_ENVOY", "SUPPORT", "050", "appoint, nominate, accredit an envoy"),
        EventType("END_MISSION", None, None, "an envoy ends a term, leaves the post"),
        EventType("RECALL_ENVOY", "SANCTION", "161", "recall or withdraw an ambassador"),
        EventType("SUMMON_ENVOY", "ACCUSE", "114", "summon a foreign envoy to protest"),
        EventType("EXPEL_DIPLOMATS", "SANCTION", "166", "expel diplomats"),
        EventType("CLOSE_MISSION", "SANCTION", "161", "close an embassy or consulate"),
        EventType("SUSPEND_MISSION", "SANCTION", "161", "suspend a mission's operations"),
        EventType("OPEN_MISSION", "SUPPORT", "050", "open or reopen an embassy or consulate"),
        EventType("BREAK_RELATIONS", "SANCTION", "161", "sever or downgrade relations"),
        EventType("RESTORE_RELATIONS", "SUPPORT", "054", "establish or restore relations"),
        EventType("VISIT", "CONSULT", "042", "travel to / visit"),
        EventType("HOST", "CONSULT", "043", "host / receive a visitor"),
        EventType("MEET", "CONSULT", "040", "meet, hold talks"),
        EventType("CALL", "CONSULT", "041", "speak by phone"),
        EventType("NEGOTIATE", "CONSULT", "046", "negotiate, mediate"),
        EventType("SIGN_AGREEMENT", "SUPPORT", "057", "sign a treaty or agreement"),
        EventType("AGREE", "AGREE", "030", "agree to, pledge"),
        EventType("PRAISE", "SUPPORT", "051", "praise, welcome, thank"),
        EventType("COOPERATE", "COOPERATE", "060", "cooperate materially"),
        EventType("AID", "AID", "070", "provide aid"),
        EventType("URGE", "REQUEST", "020", "appeal to, urge"),
        EventType("DEMAND", "REQUEST", "100", "demand"),
        EventType("ACCUSE", "ACCUSE", "112", "accuse, allege"),
        EventType("CRITICIZE", "ACCUSE", "111", "criticise, condemn"),
        EventType("DENY", "REJECT", "016", "deny accusations"),
        EventType("REJECT", "REJECT", "120", "reject a proposal, veto"),
        EventType("THREATEN", "THREATEN", "130", "threaten"),
        EventType("SANCTION", "SANCTION", "163", "impose sanctions"),
        EventType("EASE_SANCTIONS", "RETREAT", "085", "lift or ease sanctions"),
        EventType("ARREST", "COERCE", "173", "arrest, detain, charge"),
        EventType("MOBILIZE", "MOBILIZE", "150", "deploy forces, exercises"),
        EventType("MILITARY_ACTION", "ASSAULT", "190", "attack, strike, invade"),
        EventType("PROTEST", "PROTEST", "140", "demonstrations, protests"),
    )
}

# DESIGN §4: the act as stated codes by its modality before its type.
_MODALITY_PLOVER = {"intended": "AGREE", "threatened": "THREATEN", "demanded": "REQUEST"}


def plover_for(event_type: str, modality: str) -> str | None:
    """PLOVER category of an event as stated (intentions AGREE, threats THREATEN, ...)."""
    return _MODALITY_PLOVER.get(modality) or EVENT_TYPES[event_type].plover


@cache
def goldstein_scores() -> dict[str, float]:
    """CAMEO code -> Goldstein score, from the public codebook bundled with the package."""
    table = resources.files("dipexplore.extract").joinpath("data", "cameo_codes.tsv")
    with table.open(encoding="utf-8") as fh:
        return {
            row["code"]: float(row["goldstein"])
            for row in csv.DictReader(fh, delimiter="\t")
            if row.get("goldstein")
        }


def goldstein(cameo: str | None) -> float | None:
    """Goldstein score of a CAMEO code (cooperation > 0 > conflict), None if unknown."""
    return goldstein_scores().get(cameo) if cameo else None
