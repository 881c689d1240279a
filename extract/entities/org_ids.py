"""Span ids of rule-made organisations: `RULE_ORG:<iso3>:<canonical name>`, so that the
resolver gets the name and country the rule found ("Russian Foreign Ministry", RUS)."""

from __future__ import annotations

RULE_ORG = "RULE_ORG"


def rule_org_id(country: str | None, name: str) -> str:
    return f"{RULE_ORG}:{country or ''}:{name}"


def parse_rule_org_id(key: str) -> tuple[str | None, str]:
    """(country, name) of a rule-made organisation span id."""
    _, country, name = key.split(":", 2)
    return country or None, name
