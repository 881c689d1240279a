"""Search (issue 6): typo-tolerant, kind-labelled, linked to sentences, safe with any text.

Two small real databases: the seed article plus a few Wikinews articles through the real
ingest, and the seed article's own extraction record with events written in by hand (so event
search does not depend on the event extractor's progress).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from dipexplore.db import Corpus, Hit, fts, search
from dipexplore.db.ingest import Writer, ingest
from dipexplore.extract import extract
from dipexplore.extract.readers import read_paths
from dipexplore.tui.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
# Chirac (Frédéric, Valéry), Paris police, Cuba (Nicolás Maduro). Many other pairs of articles
# fail to ingest today: sqlite-utils 4.2 raises on an ignored single alias insert (WITHOUT ROWID).
WIKINEWS_LINES = (118, 128, 151)


@pytest.fixture(scope="module")
def news_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search")
    lines = (SHARED / "corpus" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()
    articles = folder / "wikinews.jsonl"
    articles.write_text("".join(lines[i] + "\n" for i in WIKINEWS_LINES), encoding="utf-8")
    path = folder / "news.db"
    report = ingest(read_paths([str(SHARED / "corpus" / "seed.txt"), str(articles)]), path, workers=1)
    assert report.added == 1 + len(WIKINEWS_LINES) and not report.failed
    return path


@pytest.fixture(scope="module")
def news(news_db: Path) -> Corpus:
    with Corpus(news_db) as corpus:
        yield corpus


def _event(record: dict, event_id: str, kind: str, cameo: str, source: str | list[str],
           target: str | list[str], trigger: str) -> dict:
    """A §4 event on the first occurrence of `trigger` in the record's article."""
    start = record["article"]["text"].index(trigger)
    sentence = next(s["index"] for s in record["sentences"] if s["start"] <= start < s["end"])
    sources, targets = ([a] if isinstance(a, str) else a for a in (source, target))
    return {"id": event_id, "type": kind, "plover": "SANCTION", "cameo": cameo,
            "source": sources, "target": targets, "place": None, "date": "2017",
            "sentence": sentence, "modality": "asserted", "negated": False,
            "trigger": {"start": start, "end": start + len(trigger), "text": trigger}}


def _seed_with_events(path: Path, events: list[tuple]) -> Path:
    """The seed article's real record in a new database at `path`, its extracted events
    replaced by known ones (`_event` arguments after the record)."""
    record = extract((SHARED / "corpus" / "seed.txt").read_text(encoding="utf-8"))
    record["entities"] += [
        {"id": "xr", "name": "Russia", "type": "COUNTRY", "country": "RUS", "aliases": [], "roles": []},
        {"id": "xu", "name": "United States", "type": "COUNTRY", "country": "USA", "aliases": [], "roles": []},
    ]
    record["events"] = [_event(record, *event) for event in events]
    return _stored(path, record)


def _stored(path: Path, record: dict) -> Path:
    """A new database at `path` holding `record`, its vocabulary counted."""
    with Writer(path) as writer:
        assert writer.add(record)
        fts.refresh_vocab(writer.conn)
    return path


@pytest.fixture(scope="module")
def events_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _seed_with_events(tmp_path_factory.mktemp("events") / "events.db", [
        ("v1", "CLOSE_MISSION", "161", "xu", "xr", "ordered the closure"),
        ("v2", "EXPEL_DIPLOMATS", "166", "xr", "xu", "expelling"),
        ("v3", "EXPEL_DIPLOMATS", "166", "xu", "xr", "expelling"),
    ])


@pytest.fixture(scope="module")
def events(events_db: Path) -> Corpus:
    with Corpus(events_db) as corpus:
        yield corpus


def _article_text(corpus: Corpus, article_id: str) -> str:
    return corpus.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


# 1. Typo-tolerant, any order, case and accents ignored


def test_misspelt_name_finds_the_person_first(news: Corpus) -> None:
    hits = news.search("antonv")
    assert hits[0].kind == "entity" and "Antonov" in hits[0].label
    assert any(h.kind == "sentence" and "Antonov" in h.sentence for h in hits)


def test_misspelt_place_finds_its_sentence(news: Corpus) -> None:
    hits = news.search("st petersberg")
    assert "St. Petersburg" in hits[0].sentence
    assert any(h.kind == "entity" and h.label == "St. Petersburg" for h in hits)


def test_misspelt_closure_finds_the_closure_event_and_its_sentence(events: Corpus) -> None:
    hits = events.search("consulat closure")
    assert hits[0].kind == "event" and hits[0].label.startswith("CLOSE_MISSION")
    assert "ordered the closure of the Russian Consulate" in hits[0].sentence


def test_closure_sentence_found_without_events(news: Corpus) -> None:
    hits = news.search("consulat closure")
    assert any("closure of the Russian Consulate" in h.sentence for h in hits[:3])


def test_russia_expel_ranks_expulsions_by_russia_first(events: Corpus) -> None:
    hits = [h for h in events.search("russia expel") if h.kind == "event"]
    assert [h.label.split(":")[0] for h in hits[:2]] == ["EXPEL_DIPLOMATS"] * 2
    assert hits[0].label.startswith("EXPEL_DIPLOMATS: Russia -> United States")
    assert hits[0].score > hits[1].score


def test_an_act_of_two_doers_ranks_for_each(tmp_path: Path) -> None:
    """"Both nations expelled each other's diplomats" is an expulsion by Russia as much as by
    the United States: "russia expel" finds it as well as "united states expel"."""
    path = _seed_with_events(tmp_path / "reciprocal.db", [
        ("v1", "EXPEL_DIPLOMATS", "166", ["xr", "xu"], ["xu", "xr"], "expelling"),
        ("v2", "CLOSE_MISSION", "161", "xu", "xr", "ordered the closure"),
    ])
    with Corpus(path) as corpus:
        for query in ("russia expel", "united states expel"):
            top = corpus.search(query, kinds=["event"])[0]
            assert top.label.startswith("EXPEL_DIPLOMATS: Russia & United States") and top.score >= 95, query


@pytest.mark.parametrize("query", ["petersburg st", "PETERSBURG ST.", "St. Pétersburg"])
def test_word_order_case_and_accents_do_not_matter(news: Corpus, query: str) -> None:
    def top(q: str) -> set[tuple[str, int]]:
        return {(h.kind, h.id) for h in news.search(q)[:3]}

    assert top(query) == top("st petersburg")


def test_accented_text_found_without_accents(news: Corpus) -> None:
    hits = news.search("frederic salat")
    assert hits and "Frédéric Salat-Baroux" in hits[0].sentence


def test_half_typed_word_completes(news: Corpus) -> None:
    assert any("Pompeo" in h.sentence for h in news.search("pomp"))


@pytest.mark.parametrize("query", ["russia expel", "consulat closure", "antonv", "st petersberg",
                                   "diplomats expeled", "flights cuba", "ussian", "consulate russian",
                                   "closure zq russian"])
def test_sentences_rank_as_a_partial_ratio_scan_of_every_sentence(news: Corpus, monkeypatch, query: str) -> None:
    """The issue's relevance measure on a small scale: with candidates capped well below the
    number of sentences, the sentence hits score what the best of a brute-force scan score.
    ("ussian" is only ever inside a word; "consulate russian" only a word apart, reversed;
    "closure zq russian" has a word no sentence holds between two that are there.)"""
    monkeypatch.setitem(search.CANDIDATES, "sentence", 10)
    needle = search.plain(query)
    texts = [search.plain(t) for (t,) in news.conn.execute("SELECT text FROM sentences")]
    assert len(texts) > 50
    brute = sorted((fuzz.partial_ratio(needle, t) for t in texts if len(t) >= len(needle)), reverse=True)
    ours = [h.score for h in news.search(query, limit=5, kinds={"sentence"})]
    assert ours == [round(s, 1) for s in brute if s >= search.MIN_SCORE][:5]


def _sentences_db(path: Path, sentences: list[str]) -> Path:
    """A database of one article holding `sentences`, nothing extracted from them."""
    text = " ".join(sentences)
    starts = [text.index(s) for s in sentences]
    record = {"article": {"id": f"sentences-{len(text)}", "title": "Sentences", "date": "2024-01-01",
                          "source": "test", "url": None, "text": text},
              "sentences": [{"index": i, "start": start, "end": start + len(s), "text": s}
                            for i, (start, s) in enumerate(zip(starts, sentences))],
              "entities": [], "mentions": [], "events": []}
    return _stored(path, record)


@pytest.fixture(scope="module")
def neighbours(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Sentences that brute force ranks for "russia expel" and "st petersberg" but that hold
    neither query's words side by side, after a dozen that hold one query word."""
    sentences = [f"Officials in Russia signed deal number {i} on fisheries." for i in range(12)]
    sentences += ["The St Petersburg forum opened.", "Sanctions on Russia, especially its banks, were tightened.",
                  "The envoy came here last September.", "Delegates from Reuters and other agencies attended."]
    with Corpus(_sentences_db(tmp_path_factory.mktemp("neighbours") / "n.db", sentences)) as corpus:
        yield corpus


@pytest.mark.parametrize(("query", "found"), [("russia expel", "Russia, especially"),
                                               ("st petersberg", "last September")])
def test_sentences_aligning_across_words_or_off_the_end_are_found_by_word_pairs(
        neighbours: Corpus, monkeypatch, query: str, found: str) -> None:
    """partial_ratio ranks "[Russia, espe]cially" for "russia expel" and "la[st September]" for
    "st petersberg" (the query runs off the sentence's end): the second pass finds them from
    the words that follow "russia" and the sentences ending in "september"."""
    monkeypatch.setitem(search.CANDIDATES, "sentence", 10)
    needle = search.plain(query)
    texts = [t for (t,) in neighbours.conn.execute("SELECT text FROM sentences")]
    brute = sorted((fuzz.partial_ratio(needle, search.plain(t)) for t in texts), reverse=True)[:2]
    hits = neighbours.search(query, limit=2, kinds={"sentence"})
    assert [h.score for h in hits] == [round(score, 1) for score in brute]
    assert any(found in h.sentence for h in hits)
    monkeypatch.setattr(search, "NEIGHBOURS_BELOW", 0.0)  # no second pass: missed
    assert not any(found in h.sentence for h in neighbours.search(query, limit=2, kinds={"sentence"}))


def test_sentence_lookups_go_from_whole_phrases_to_single_words(news: Corpus) -> None:
    q = search.Query.parse('Russia "expel*', news.prepare_search())
    lookups = q.sentence_lookups
    assert lookups[0] == '"russia"* + "expel"*'  # as typed, each word a prefix (quotes dropped)
    assert '"russ"* + "exp"*' in lookups  # cut: "Russian exports" aligns well too
    assert 'NEAR("russia"* "expel"*, 2)' in lookups  # a word apart: "Russia is expelling"
    anywhere = lookups.index(q.all_words())  # then both words anywhere, then single words
    assert all(" + " in e or "NEAR(" in e for e in lookups[:anywhere])
    assert lookups.index('^ "russia"*') > anywhere  # at the start: partial_ratio's stretch may be short


def test_the_words_either_side_of_an_unknown_one_are_looked_up_apart(news: Corpus) -> None:
    q = search.Query.parse("closure zq russian", news.prepare_search())
    assert 'NEAR("closure"* "russian"*, 2)' in q.sentence_lookups


def test_shapes_are_estimated_as_partial_ratio_would_score_their_rows() -> None:
    needle = search.plain("trade tarifs china")
    near = search._Shape(("tariffs", "china"), (False, False), near=True)
    single = search._Shape(("tariffs",), (False,))
    assert near.estimate(needle) > single.estimate(needle)
    assert near.estimate(needle) <= fuzz.partial_ratio(needle, "they lifted tariffs on china today")
    initial = search._Shape(("antonov",), (False,), initial=True)
    assert initial.estimate("antonv") > search._Shape(("antonov",), (False,)).estimate("antonv")


def test_lookups_too_dear_for_the_deadline_are_left_out() -> None:
    vocabulary = search.Vocabulary({"sanctions": 2_535, "against": 8_069, "i": 172_617})
    lookups = search.Query.parse("sanctions against i", vocabulary).sentence_lookups
    assert '"sanctions" + "against" + "i"' in lookups  # a phrase skips through the postings of "i"
    assert 'NEAR("sanctions" "against" "i", 2)' not in lookups  # NEAR would read them all


def test_a_known_word_is_not_respelt_as_a_rarer_one() -> None:
    docs = {"iran": 4_000, "imran": 12, "tarifs": 2, "tariffs": 1_500}
    assert search._spellings("iran", (("iran", 100.0), ("imran", 88.9)), docs) == ["iran"]
    assert search._spellings("tarifs", (("tarifs", 100.0), ("tariffs", 92.3)), docs) == ["tarifs", "tariffs"]


def test_vocabulary_finds_words_holding_a_query_word_or_most_of_it() -> None:
    vocabulary = search.Vocabulary({"sputnik": 3, "putnam": 9, "input": 5, "scranton": 2,
                                    "antonov": 4, "canton": 1, "anton": 7})
    assert vocabulary.containing("putn") == ("sputnik",)  # "putnam": the prefix lookup finds it
    assert set(vocabulary.containing("antonv")) == {"anton", "antonov", "scranton", "canton"}
    assert vocabulary.containing("ant") == ()  # too short to say anything


def test_sentence_hits_highlight_the_best_aligned_words(news: Corpus) -> None:
    hit = news.search("nicolas madur", kinds={"sentence"})[0]
    assert [hit.sentence[s:e] for s, e in hit.highlights] == ["Nicolás", "Maduro"]


def test_aligned_words_are_found_in_text_that_folds_longer() -> None:
    """"…" folds to "..." (offsets in folded text would not map back): the words are found in
    the text as ranking compares it, character for character."""
    line = (SHARED / "corpus" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()[259]
    sentence = next(p for p in json.loads(line)["text"].splitlines() if "[…] God bless" in p)
    q = search.Query.parse("god bles chadwick", search.Vocabulary({"god": 1, "bless": 1, "chadwick": 1}))
    assert [sentence[s:e] for s, e in search._aligned_words(q, sentence)] == ["God", "bless", "Chadwick"]


# 2. Results: kinds, ranking, sentence, offsets, matched parts, article title and date


def test_hits_link_to_their_sentence_in_the_article(news: Corpus) -> None:
    hits = news.search("russia", limit=30)
    assert {h.kind for h in hits} >= {"entity", "sentence"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for hit in hits:
        assert isinstance(hit, Hit) and hit.kind in {"entity", "event", "sentence"}
        assert _article_text(news, hit.article_id)[hit.start : hit.end] == hit.sentence
        assert hit.highlights
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.sentence)
        json.dumps(hit.as_dict())


def test_highlights_cover_the_matched_words(news: Corpus) -> None:
    hit = news.search("consulat closure")[0]
    marked = {fts.fold(hit.sentence[start:end]) for start, end in hit.highlights}
    assert {"consulate", "closure"} <= marked


def test_entity_hit_shows_its_first_mention(news: Corpus) -> None:
    hit = next(h for h in news.search("antonov") if h.kind == "entity")
    first = news.conn.execute(
        "SELECT sentence_id FROM mentions WHERE entity_id = ? ORDER BY id LIMIT 1", (hit.id,)
    ).fetchone()[0]
    assert hit.sentence_id == first
    assert any("Antonov" in hit.sentence[s:e] for s, e in hit.highlights)


def test_event_hit_highlights_its_trigger(events: Corpus) -> None:
    hit = events.search("consulat closure")[0]
    assert any(hit.sentence[s:e] == "ordered the closure" for s, e in hit.highlights)


def test_sentences_shown_by_an_event_are_not_repeated(events: Corpus) -> None:
    hits = events.search("consulat closure")
    shown = [h.sentence_id for h in hits if h.kind in ("event", "sentence")]
    assert len(shown) == len(set(shown))


def test_hits_carry_article_title_and_date(news: Corpus) -> None:
    hit = news.search("nicolas maduro")[0]
    assert hit.title == "US announces restrictions on flying to Cuba" and hit.date == "2019-10-27"


def test_kinds_select_what_is_searched(events: Corpus) -> None:
    assert {h.kind for h in events.search("consulat closure", kinds={"sentence"})} == {"sentence"}
    assert {h.kind for h in events.search("consulat closure", kinds={"event", "entity"})} <= {"event", "entity"}


def test_limit(news: Corpus) -> None:
    assert len(news.search("the", limit=3)) == 3
    assert news.search("russia", limit=0) == []


# 3. Fast and cancellable (the figures at scale: bench/search.py)


def test_interrupt_stops_searches_started_before_it(news: Corpus) -> None:
    deadline = search._Deadline(news)
    assert deadline() == 0
    news.interrupt()
    assert deadline() == 1
    assert search._Deadline(news)() == 0


def test_search_over_its_time_budget_returns_what_it_has(news: Corpus, monkeypatch) -> None:
    monkeypatch.setattr(search, "TIME_BUDGET_S", -1.0)
    assert isinstance(news.search("russia"), list)


def test_threads_search_concurrently(news: Corpus) -> None:
    expected = news.search("moscow")
    results: list[list[Hit]] = []
    threads = [threading.Thread(target=lambda: results.append(news.search("moscow"))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


# 4. Safe with any text

HOSTILE = [
    "", "   ", '"', '""', "'", "*", "antonov*", "NEAR(", "NEAR(russia moscow, 2)", "AND", "OR",
    "NOT", "russia AND", "-", "-russia", ":", "text:russia", "^", "^russia", "(", ")", "((",
    "{text}: russia", "🙂", "🇷🇺 russia 🙂", "\x00", "\u202e", "russia" * 2000, "a " * 5000,
    "x" * 10_000, "рoссия", "السفير", "大使",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_query_text_is_safe(news: Corpus, query: str) -> None:
    assert all(isinstance(h, Hit) for h in news.search(query))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_random_query_text_never_raises(news: Corpus, query: str) -> None:
    assert isinstance(news.search(query), list)


def test_query_with_no_words_finds_nothing(news: Corpus) -> None:
    assert news.search("  \t ") == [] and news.search("🙂 ^ *") == []


# 5. The Python API and the command line give the same hits


def test_cli_json_matches_the_python_api(news_db: Path, news: Corpus, capsys) -> None:
    assert main(["search", "st petersberg", "--db", str(news_db), "--json", "--limit", "5"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps([h.as_dict() for h in news.search("st petersberg", limit=5)]))
    assert {"kind", "id", "label", "score", "article_id", "sentence", "start", "end",
            "highlights", "title", "date"} <= set(printed[0])


def test_cli_text_output(news_db: Path, capsys) -> None:
    assert main(["search", "antonv", "--db", str(news_db)]) == 0
    assert "Anatoly Antonov" in capsys.readouterr().out


# Index upkeep: triggers, bulk loads, the vocabulary


def test_new_rows_are_searchable_before_the_vocabulary_is_refreshed(news_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with sqlite3.connect(news_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with Writer(copy) as writer:
        writer.conn.execute("INSERT INTO entities(key, name, type) VALUES ('PERSON:zzyzx', 'Zzyzx Envoy', 'PERSON')")
        writer.conn.execute("INSERT INTO mentions(entity_id, article_id, sentence_id, start, \"end\", text, form) "
                            "SELECT (SELECT id FROM entities WHERE name = 'Zzyzx Envoy'), article_id, sentence_id, "
                            "start, \"end\", text, form FROM mentions LIMIT 1")
    with Corpus(copy) as corpus:
        assert corpus.search("zzyzx")[0].label == "Zzyzx Envoy"
        assert corpus.search("zzyzz")[0].label == "Zzyzx Envoy"  # typo, from unrefreshed rows


def test_bulk_load_indexes_once_and_counts_the_vocabulary(tmp_path: Path) -> None:
    record = extract("Ambassador Quillfeather met the minister in Vilnius. They discussed trade.")
    record["entities"] = record["mentions"] = record["events"] = []
    path = tmp_path / "bulk.db"
    with Writer(path) as writer:
        with fts.bulk_load(writer.conn):
            writer.add(record)
            assert writer.conn.execute("SELECT count(*) FROM sentences_fts_idx").fetchone()[0] == 0
        conn = writer.conn
        conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
        assert conn.execute("SELECT docs FROM search_vocab WHERE term = 'quillfeather'").fetchone() == (1,)
        assert fts.refresh_vocab(conn) == 0  # nothing new since
        assert conn.execute("SELECT words FROM search_followers WHERE term = 'quillfeather'").fetchone() == ("met",)
        (first,) = conn.execute("SELECT min(id) FROM sentences").fetchone()
        assert conn.execute("SELECT words FROM search_endings WHERE term = 'vilnius'").fetchone() == (f"in:{first}",)
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'sentences_fts_insert'").fetchone()
    with Corpus(path) as corpus:
        assert "Quillfeather" in corpus.search("quilfeather")[0].sentence
