"""Search: diacritics ignored, whole phrases first, BM25 within, year filter."""

from __future__ import annotations

from .conftest import Cli


def test_citizen_protection_query_ranks_the_10378_passage_first(seeded: Cli) -> None:
    result = seeded.json("search", "bao ho cong dan")
    assert result["query"] == "bao ho cong dan"
    first = result["hits"][0]
    assert first["source_id"].startswith("004") and "10.378 công dân" in first["text"]
    assert first["match"] == "phrase"
    for key in ("source_id", "passage", "heading", "start", "end", "score", "text"):
        assert key in first


def test_whole_phrase_outranks_scattered_syllables(seeded: Cli) -> None:
    hits = seeded.json("search", "doi ngoai da phuong", "--limit", "50")["hits"]
    phrase_sources = {h["source_id"][:3] for h in hits if h["match"] == "phrase"}
    assert phrase_sources == {"000", "001", "003", "004"}
    first_002 = min(i for i, h in enumerate(hits) if h["source_id"].startswith("002"))
    last_phrase = max(i for i, h in enumerate(hits) if h["match"] == "phrase")
    assert first_002 > last_phrase
    assert "song phương và đa phương" in hits[first_002]["text"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_default_search_shows_every_source_holding_the_phrase(seeded: Cli) -> None:
    hits = seeded.json("search", "doi ngoai da phuong")["hits"]
    assert {h["source_id"][:3] for h in hits if h["match"] == "phrase"} == {"000", "001", "003", "004"}


def test_search_with_diacritics_and_d_bar_gives_the_same_hits(seeded: Cli) -> None:
    plain = seeded.json("search", "doi ngoai da phuong")["hits"]
    marked = seeded.json("search", "Đối ngoại ĐA PHƯƠNG")["hits"]
    assert [(h["source_id"], h["passage"]) for h in plain] == [(h["source_id"], h["passage"]) for h in marked]


def test_year_filter(seeded: Cli) -> None:
    hits = seeded.json("search", "nhiem vu", "--year", "2019", "--limit", "50")["hits"]
    assert hits
    assert {h["source_id"][:3] for h in hits} <= {"000", "004"}
    assert any(h["heading"] == "Một số nhiệm vụ năm 2019" for h in hits)
    assert seeded.json("search", "nhiem vu", "--year", "1990")["hits"] == []


def test_query_with_search_syntax_is_taken_literally(seeded: Cli) -> None:
    for query in ['"bảo hộ', "AND OR NOT", "công dân*", "(a) OR b:", "   "]:
        seeded.run("search", query)
