"""The cue words of data/cues.toml."""

from __future__ import annotations

import re

from briefgen.annotate.cues import cue_pattern, cue_words


def test_every_cue_list_is_words_and_builds_a_pattern() -> None:
    for table, lists in cue_words().items():
        for name, words in lists.items():
            assert words, f"[{table}] {name} is empty"
            pattern = re.compile(rf"\b{cue_pattern(table, name)}\b")
            for word in words:
                assert pattern.fullmatch(word.replace("{year}", "2019")), (table, name, word)


def test_year_placeholder_matches_a_year() -> None:
    review = re.compile(cue_pattern("document", "review"))
    assert review.search("trong nam 2018") and not review.search("trong nam nay")


def test_a_folded_cue_on_the_year_is_not_the_country_name() -> None:
    import re

    from briefgen.annotate.cues import cue_pattern
    from briefgen.text import fold

    review = re.compile(rf"\b{cue_pattern('document', 'review')}\b")
    assert review.search(fold("Ngoại giao trong năm qua có nhiều dấu ấn"))
    assert not review.search(fold("Ngoại giao Việt Nam qua các thời kỳ lịch sử"))
