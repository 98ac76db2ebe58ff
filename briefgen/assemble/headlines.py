"""Which sentences are a year's headlines: the key points of a pack.

A sentence scores for what happened (novelty: signed, set up, raised, for the first time),
for the kind of event a year is remembered by (a partnership, a state visit, a seat, an
agreement), for a review's own enumeration of its results, for naming things (proper names,
acronyms, figures) and for being told by several sources; it loses for praise of the whole
field, a meeting's procedure, anniversaries, standing facts, advisories and answers to a
reporter, and the news of one day. The cue classes are in ``data/headlines.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from ..model import Passage
from ..text import fold, sentences

NOVELTY, EVENT, ENUMERATION = 2.0, 1.0, 1.0
NAMES = 0.4  # per proper name or acronym, at most three
DEMOTE = {"praise": 1.0, "procedure": 2.0, "anniversary": 3.0, "standing": 2.0, "advisory": 3.0, "day_news": 1.5}
SUPPORT = 0.75  # per other source telling it, at most three
_ACRONYM = re.compile(r"\b[A-ZĐ]{2,}[0-9]*\b")
_NAME = re.compile(r"(?<=\s)[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)+")


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    raw = tomllib.loads(resources.files("briefgen.data").joinpath("headlines.toml").read_text("utf-8"))
    found = {}
    for table in ("headline", "demote"):
        for name, phrases in raw[table].items():
            alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
            found[name] = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return found


def sentence_score(sentence: str, figures: int = 0) -> float:
    """Return how much a sentence reads as one of the year's headlines (higher is more)."""
    cues = _cues()
    folded = fold(sentence)
    score = 0.0
    happened = bool(cues["novelty"].search(folded))
    score += NOVELTY * happened
    score += EVENT * min(len(cues["event"].findall(folded)), 2)
    score += ENUMERATION * bool(cues["enumeration"].search(folded))
    names = len(_ACRONYM.findall(sentence)) + len(_NAME.findall(sentence))
    score += NAMES * min(names + figures, 3)
    for name, penalty in DEMOTE.items():
        hits = len(cues[name].findall(folded))
        if name == "praise":
            # Praise lists fields; one word of praise beside a concrete event is a description.
            score -= penalty * max(0, min(hits, 4) - (1 if happened or names else 0))
        elif hits:
            score -= penalty
    return score


def best_sentence(passage: Passage) -> tuple[tuple[int, int], float]:
    """Return the span of the passage's sentence that best reads as a headline, and its score
    (a sentence of fewer than eight words never: it is a fragment or a dateline)."""
    spans = sentences(passage.text) or [(0, len(passage.text))]
    best: tuple[tuple[int, int], float] | None = None
    for a, b in spans:
        text = passage.text[a:b]
        if len(text.split()) < 8:
            continue
        figures = sum(1 for f in passage.figures if a <= f.start < b)
        value = sentence_score(text, figures)
        if best is None or value > best[1]:
            best = ((a, b), value)
    return best if best is not None else (spans[0], -1.0)


def group_score(passage: Passage, duplicates: list[Passage], base: float) -> float:
    """Return a merged group's score as a key point: its best sentence, its passage's own
    weight (*base*: themes, figures, a stated result) and how many sources tell it."""
    sources = {p.source_id for p in duplicates} - {passage.source_id}
    return best_sentence(passage)[1] + 0.5 * base + SUPPORT * min(len(sources), 3)


def headline_span(passage: Passage) -> tuple[int, int]:
    """Return the offsets of the passage's sentence that a key point quotes."""
    return best_sentence(passage)[0]
