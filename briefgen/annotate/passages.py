"""Passage annotation: what kind of statement a passage is (result, task, context), the
years it is about, its themes, figures and people.

Kind and themes come from the passage's own words (and its inner heading); years need the
document's reviewed and tasks years, which the corpus step settles, so they are computed
last (:func:`passage_years`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Metadata, Passage, Taxonomy
from ..text import sentences
from . import figures as _figures
from . import people as _people
from .cues import cue_pattern
from .themes import scores
from .years import year_mentions

# A theme is assigned to a passage from this score (one strong phrase).
PASSAGE_THEME_MIN = 1.0

# The cue words of a passage's kind (data/cues.toml [passage]: lower case, with tones, as
# "cần" is not "cản").
_TASK_STRONG = re.compile(rf"(?<!\w){cue_pattern('passage', 'task_strong')}(?!\w)")
_TASK_WORDS = re.compile(rf"(?<!\w){cue_pattern('passage', 'task')}(?!\w)")
_RESULT_WORDS = re.compile(rf"(?<!\w){cue_pattern('passage', 'result')}(?!\w)")
# A list item that starts with a verb of doing ("Thúc đẩy …", "Xây dựng …", "Thứ ba, tăng cường …").
_IMPERATIVE_START = re.compile(rf"^(?:(?:thứ \w+|\d+[.)]|[-–•+*])\s*,?\s*)?{cue_pattern('passage', 'imperative')}\b")
_TASK_HEADING = re.compile(rf"(?<!\w){cue_pattern('passage', 'task_heading')}(?!\w)")
_RESULT_HEADING = re.compile(rf"(?<!\w){cue_pattern('passage', 'result_heading')}(?!\w)")
# Who attended and who chaired: context, unless a result or task is also stated.
_CONTEXT_WORDS = re.compile(rf"(?<!\w){cue_pattern('passage', 'context')}(?!\w)")

_UNDATED = ("target", "reference", "range")


@dataclass(frozen=True)
class Annotation:
    """What annotation adds to a passage."""

    kind: str
    themes: tuple[tuple[str, float], ...]
    figures: tuple[_figures.Figure, ...]
    people: tuple[_people.Person, ...]


def classify(text: str, heading: str | None, previous: str | None) -> str:
    """Return "task", "result" or "context" for a passage (given the kind of the one before)."""
    low = text.lower()
    strong = len(_TASK_STRONG.findall(low))
    task = 2.0 * strong + 0.75 * len(_TASK_WORDS.findall(low)) + 0.5 * low.count("tiếp tục")
    result = 1.0 * len(_RESULT_WORDS.findall(low)) + 0.5 * low.count("đã")
    for mention in year_mentions(text):
        if mention.kind in ("year", "date", "plain"):
            if mention.task:
                task += 1.5
            else:
                result += 1.0
    if heading:
        head = heading.lower()
        if _TASK_HEADING.search(head) and not _RESULT_HEADING.search(head):
            task += 3
        elif _RESULT_HEADING.search(head):
            result += 3
    lead = low[:100]
    if _TASK_STRONG.search(lead) or _TASK_WORDS.search(lead):
        task += 2  # opens as a task: "Về trọng tâm công tác trong năm 2021, …"
    starts_like_item = bool(_IMPERATIVE_START.match(low))
    if starts_like_item and previous == "task":
        task += 2.5  # the next item of a task list
    first = next((low[a:b] for a, b in sentences(low)), low)
    if _CONTEXT_WORDS.search(first) and not strong and not (starts_like_item and previous == "task"):
        return "context"  # who chaired, who attended, what the meeting was for
    if task >= 2 and task >= result:
        return "task"
    if result >= 1 and result >= task / 2:
        return "result"
    if task >= 2:
        return "task"
    if _CONTEXT_WORDS.search(low) or not result:
        return "context"
    return "result"


def annotate(passages: tuple[Passage, ...], taxonomy: Taxonomy) -> tuple[Passage, ...]:
    """Return the passages with kind, themes, figures and people filled in (years come later)."""
    result: list[Passage] = []
    previous: str | None = None
    for passage in passages:
        kind = classify(passage.text, passage.heading, previous)
        theme_scores = scores(passage.text, taxonomy)
        if passage.heading:
            for theme_id, value in scores(passage.heading, taxonomy).items():
                theme_scores[theme_id] = round(theme_scores.get(theme_id, 0.0) + 0.5 * value, 3)
        themes = tuple(sorted(theme_scores.items(), key=lambda kv: (-kv[1], kv[0])))
        result.append(replace(passage, kind=kind, themes=themes, figures=tuple(_figures.extract(passage.text)),
                              people=tuple(_people.extract(passage.text))))
        previous = kind
    return tuple(result)


def heading_year(heading: str | None) -> int | None:
    """Return the one year an inner heading names ("Một số nhiệm vụ năm 2019"), if it names one."""
    if not heading:
        return None
    years = {m.year for m in year_mentions(heading) if m.kind not in _UNDATED}
    return years.pop() if len(years) == 1 else None


def passage_years(passage: Passage, meta: Metadata) -> tuple[int, ...]:
    """Return the years a passage is about.

    The years written in it (not a term "nhiệm kỳ 2020-2021", a target "đến năm 2030" or a
    legal reference); in a task, only the years its tasks are set for, and a year inside a
    name ("Chủ tịch ASEAN 2020") does not move a task out of its list's year. Failing that,
    the year of its inner heading, then the document's tasks year for a task and its
    reviewed year for anything else.
    """
    mentions = [m for m in year_mentions(passage.text) if m.kind not in _UNDATED]
    if passage.kind == "task":
        task_years = {m.year for m in mentions if m.task and m.kind != "name"}
        if task_years:
            return tuple(sorted(task_years))
        mentions = [m for m in mentions if m.kind != "name" and m.task]
    years = {m.year for m in mentions}
    if years:
        return tuple(sorted(years))
    year = heading_year(passage.heading)
    if year is not None:
        return (year,)
    fallback = meta.year_tasks if passage.kind == "task" else meta.year_reviewed
    if fallback is None and passage.kind == "task" and meta.year_reviewed is not None:
        fallback = meta.year_reviewed + 1
    return (fallback,) if fallback is not None else ()




def source_people(passages: tuple[Passage, ...], title: str | None, captions: list[str]
                  ) -> tuple[_people.Person, ...]:
    """Return everyone a source names (title, body, photo captions), each once, with the
    fullest title written next to the name."""
    found: dict[str, _people.Person] = {}
    in_title = _people.extract(title) if title else []
    in_body = [person for p in passages for person in p.people]  # extracted with the passages already
    in_captions = [person for text in captions for person in _people.extract(text)]
    for person in (*in_title, *in_body, *in_captions):
        key = _people.person_key(person.name)
        seen = found.get(key)
        if seen is None or len(person.title or "") > len(seen.title or ""):
            found[key] = person
    keys = list(found)
    return tuple(found[k] for k in keys if " " in k or not any(o != k and o.endswith(" " + k) for o in keys))


def figure_year(figure: _figures.Figure, passage: Passage) -> int | None:
    """Return the year a figure belongs to: the one year its sentence names, else the
    passage's year (the first of several)."""
    years = {m.year for m in year_mentions(figure.sentence) if m.kind not in _UNDATED}
    if len(years) == 1:
        return years.pop()
    return passage.years[0] if passage.years else None
