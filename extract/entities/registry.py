"""The entities and mentions of one article as they are being resolved (DESIGN §4 records)."""

from __future__ import annotations

from ..sentences import Sentences
from .fold import strip_accents

ALIAS_FORMS = {"name", "alias", "demonym", "capital"}


class Registry:
    """Entities keyed by their identity within the article, and their mentions."""

    def __init__(self, text: str, sentences: Sentences) -> None:
        self.text = text
        self.sentences = sentences
        self.entities: dict[str, dict] = {}
        self.mentions: list[dict] = []
        self.covered: set[int] = set()  # character offsets already inside a mention
        self.destinations: set[int] = set()  # starts of country mentions where someone goes ("visit to France")

    def entity(self, key: str, name: str, etype: str, country: str | None) -> dict:
        """The article's entity for `key` (accents ignored: "Erdoğan" = "Erdogan"), created on
        first use."""
        key = strip_accents(key)
        entity = self.entities.get(key)
        if entity is None:
            entity = {"id": "", "name": name, "type": etype, "country": country,
                      "aliases": [], "roles": []}
            self.entities[key] = entity
        elif entity["country"] is None:
            entity["country"] = country
        return entity

    def mention(self, entity: dict, start: int, end: int, form: str) -> None:
        self.mentions.append({"entity": entity, "start": start, "end": end, "form": form})
        self.covered.update(range(start, end))

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.covered for i in range(start, end))

    def records(self) -> tuple[list[dict], list[dict]]:
        """Final §4 lists: ids in order of first mention, aliases from the mentions' texts."""
        self.mentions.sort(key=lambda m: (m["start"], m["end"]))
        ordered: list[dict] = []
        for mention in self.mentions:
            entity = mention["entity"]
            if not entity["id"]:
                entity["id"] = f"e{len(ordered) + 1}"
                ordered.append(entity)
            text = self.text[mention["start"] : mention["end"]]
            if mention["form"] == "name" and text != entity["name"]:
                mention["form"] = "alias"  # the entity took another spelling's name (leaders table)
            seen = {a.casefold() for a in entity["aliases"]} | {entity["name"].casefold()}
            if mention["form"] in ALIAS_FORMS and text.casefold() not in seen:
                entity["aliases"].append(text)
        mentions = [
            {"entity": m["entity"]["id"], "sentence": self.sentences.index_at(m["start"]),
             "start": m["start"], "end": m["end"], "text": self.text[m["start"] : m["end"]],
             "form": m["form"]}
            for m in self.mentions
        ]
        return ordered, mentions
