"""Cue words, read once from the packaged data: the lists of ``data/cues.toml`` (what makes a
statement a task, a result or context, a year a year of tasks, a document a review) as
regular expressions."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from ..text import YEAR

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
    return "(?:" + "|".join(re.escape(word).replace(re.escape("{year}"), YEAR) for word in words) + ")"
