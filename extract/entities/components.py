"""spaCy components that extend `en_core_web_sm` with dipexplore's gazetteer and rules.

Pipeline order (why): the strong gazetteer ruler runs before the statistical NER, so the model
predicts around countries, demonyms and organisations instead of swallowing them
("U.S.-Russia" as one ORG); the rule component then cleans the model's output (all-caps
headlines, determiners, titles) and adds rule-based spans; the weak ruler fills the gaps left
with cities and names that are also common words, never overriding the model.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex

from .gazetteer import Entry, gazetteer
from .rules import EntityRules

# spaCy labels for gazetteer entry types, so doc.ents stays conventional for other readers.
LABELS = {"COUNTRY": "GPE", "PLACE": "GPE", "ORG": "ORG", "DEMONYM": "NORP"}
# "U.S.-Russia": split a hyphen after an abbreviation's full stop, before a capital.
DYAD_INFIX = r"(?<=[A-Z]\.)[-–](?=[A-Z])"


def _add_patterns(nlp: Language, ruler: str, table: dict[str, str], entries: dict[str, Entry]) -> None:
    """Phrase patterns for `table`, tokenized only: the EntityRuler would run every earlier
    pipe (tagger, parser, even the NER) over thousands of names, seconds at start-up, though
    ORTH matching needs nothing but the tokenizer."""
    patterns = [{"label": LABELS[entries[key].type], "pattern": name, "id": key} for name, key in table.items()]
    with nlp.select_pipes(enable=[ruler]):
        nlp.get_pipe(ruler).add_patterns(patterns)


@Language.factory("dipexplore_entity_rules")
def _make_entity_rules(nlp: Language, name: str) -> EntityRules:
    return EntityRules(nlp.vocab, gazetteer(), _word_index(nlp))


def _word_index(nlp: Language) -> dict[str, frozenset[str]]:
    """English words by part of speech ("adj", "noun", "verb", "adv"; lower case) from the
    model's own lemmatizer tables (WordNet's index), or none."""
    if "lemmatizer" not in nlp.pipe_names or not nlp.get_pipe("lemmatizer").lookups.has_table("lemma_index"):
        return {}
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {pos: frozenset(table.get(pos, [])) for pos in ("adj", "noun", "verb", "adv")}


def add_components(nlp: Language) -> None:
    """Tokenizer infix, strong ruler before `ner`, rules and weak ruler after it."""
    gaz = gazetteer()
    infixes = [*nlp.Defaults.infixes, DYAD_INFIX]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe(
        "entity_ruler", name="dipexplore_gazetteer", before="ner",
        config={"phrase_matcher_attr": "ORTH", "validate": False},
    )
    _add_patterns(nlp, "dipexplore_gazetteer", gaz.strong, gaz.entries)
    nlp.add_pipe("dipexplore_entity_rules", after="ner")
    nlp.add_pipe(
        "entity_ruler", name="dipexplore_places", after="dipexplore_entity_rules",
        config={"phrase_matcher_attr": "ORTH", "validate": False, "overwrite_ents": False},
    )
    _add_patterns(nlp, "dipexplore_places", gaz.weak, gaz.entries)
