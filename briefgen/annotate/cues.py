"""Cue words, read once from the packaged data: the phrases of page furniture
(``data/boilerplate.toml``, for cleaning) and the lists of ``data/cues.toml`` (what makes a
statement a task, a result or context, a year a year of tasks, a document a review) as
regular expressions."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..text import YEAR

# ---------------------------------------------------------------------------------------
# Page furniture (data/boilerplate.toml)


@dataclass(frozen=True)
class Cues:
    """The cue phrases of data/boilerplate.toml, folded."""

    ui_lines: frozenset[str]
    ui_phrases: tuple[str, ...]
    fragments: tuple[str, ...]
    social: frozenset[str]
    related_headers: frozenset[str]
    counter_headers: frozenset[str]
    credit_prefixes: tuple[str, ...]
    caption_credits: tuple[str, ...]
    mastheads: tuple[str, ...]
    date_labels: tuple[str, ...]
    not_names: frozenset[str]
    official_titles: tuple[str, ...]
    name_prefixes: frozenset[str]
    link_prefixes: tuple[str, ...]
    tag_prefixes: tuple[str, ...]
    box_prompts: tuple[str, ...]


@cache
def load_cues() -> Cues:
    """Return the packaged boilerplate cues."""
    raw = tomllib.loads(resources.files("briefgen.data").joinpath("boilerplate.toml").read_text("utf-8"))
    return Cues(
        ui_lines=frozenset(raw["ui_lines"]),
        ui_phrases=tuple(raw["ui_phrases"]),
        fragments=tuple(raw["fragments"]),
        social=frozenset(raw["social"]),
        related_headers=frozenset(raw["related_headers"]),
        counter_headers=frozenset(raw["counter_headers"]),
        credit_prefixes=tuple(sorted(raw["credit_prefixes"], key=len, reverse=True)),
        caption_credits=tuple(raw["caption_credits"]),
        mastheads=tuple(raw["mastheads"]),
        date_labels=tuple(sorted(raw["date_labels"], key=len, reverse=True)),
        not_names=frozenset(raw["not_names"]),
        official_titles=tuple(raw["official_titles"]),
        name_prefixes=frozenset(raw["name_prefixes"]),
        link_prefixes=tuple(raw["link_prefixes"]),
        tag_prefixes=tuple(raw["tag_prefixes"]),
        box_prompts=tuple(raw["box_prompts"]),
    )


# ---------------------------------------------------------------------------------------
# Statements (data/cues.toml)

_ENTRY = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*|[^\W\d_]+(?: [^\W\d_]+)* \{year\}")


@cache
def cue_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """Return the lists of data/cues.toml by table and name ("year" -> "task" -> words)."""
    raw = tomllib.loads(resources.files("briefgen.data").joinpath("cues.toml").read_text("utf-8"))
    return {table: {name: tuple(words) for name, words in lists.items()} for table, lists in raw.items()}


def cue_pattern(table: str, name: str) -> str:
    """Return one list of data/cues.toml as a regular expression group that matches any of its
    words or phrases, in the order written ("{year}" matches a four-digit year)."""
    words = cue_words()[table][name]
    for word in words:
        if not _ENTRY.fullmatch(word):
            raise ValueError(f"data/cues.toml [{table}] {name}: {word!r} is not words and spaces")
    return "(?:" + "|".join(folded_year_word(re.escape(word).replace(re.escape("{year}"), YEAR))
                            for word in words) + ")"


def folded_year_word(pattern: str) -> str:
    """Return a folded phrase's pattern that, opening on "nam" (the folded "năm", year), does not
    match the folded country name: "Việt Nam qua …" is not "năm qua", "Việt Nam ngày càng …"
    is not "năm ngày"."""
    return r"(?<!viet )" + pattern if pattern.startswith("nam") else pattern
