"""Passage annotation: what kind of statement a passage is (result, task, context), the
years it is about, its themes, figures and people.

Kind and themes come from the passage's own words (and its inner heading); years need the
document's reviewed and tasks years, which the corpus step settles, so they are computed
last (:func:`passage_years`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..model import Metadata, Passage, Taxonomy
from ..text import YEAR, day_months, fold, iso_year_month, relative_years, sentences, year_of_day
from . import figures as _figures
from . import people as _people
from .cues import cue_pattern
from .themes import scores
from .years import year_mentions

# A theme is assigned to a passage from this score (one strong phrase).
PASSAGE_THEME_MIN = 1.0

# The cue classes of a statement's kind (data/cues.toml [passage]: lower case, with tones, as
# "cần" is not "cản"). The strong classes mark a sentence's aspect or modality; the first one a
# sentence holds decides it (see cues.toml).
def _cue(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){cue_pattern('passage', name)}(?!\w)")


_STRONG = {name: _cue(name) for name in ("perfective", "statement", "directive", "modal", "future")}
_STRONG_KIND = {"perfective": "result", "statement": "result", "directive": "task", "modal": "task", "future": "task"}
_COMPOUNDS = _cue("compounds")
_OBLIGATION = _cue("obligation")
_COMPLETION = _cue("completion")
_PLAN = _cue("plan")
_ATTENDANCE = _cue("attendance")
_TASK_HEADING = _cue("task_heading")
_RESULT_HEADING = _cue("result_heading")
# The head of a sentence: a leading list marker and time adverbial ("Năm 2020,", "Trong năm
# qua,", "Sáng 15/12,") are skipped to reach its subject.
_MARKER = r"(?:(?:thứ \w+|một là|hai là|ba là|\d+[.)]|[-–•+*])\s*,?\s*)?"
_ADVERBIAL = r"(?:(?:trong |vào |từ |cuối |đầu |giữa )?(?:năm|tháng|ngày|sáng|chiều|tối|trưa|đêm)\b[^,]{0,30},\s*)?"
_IMPERATIVE_START = re.compile(rf"^{_MARKER}{cue_pattern('passage', 'imperative')}(?!\w)")
_SITUATION_HEAD = re.compile(rf"^{_MARKER}{_ADVERBIAL}(?:mặc dù |dù )?{cue_pattern('passage', 'situation')}(?!\w)")
_STANDING_HEAD = re.compile(rf"^{_MARKER}(?:[^,]{{0,30}}, )?{cue_pattern('passage', 'standing')}(?!\w)")
_EDITORIAL_HEAD = re.compile(rf"^[(\[]?{cue_pattern('passage', 'editorial')}(?!\w)")
# A copular sentence ("X là …"): what something is, a definition or a standing fact.
_COPULA = re.compile(r"^[^,;:]{2,70}?(?<!\w)là(?!\w)")
# A sentence that opens on the day of an event ("Ngày 21/1,", "Sáng 15-12, tại …") reports it,
# unless the day is to come ("ngày 25-7 tới").
_EVENT_DAY = re.compile(r"^(?:ngày|sáng|chiều|tối|trưa|đêm|hôm)\s+(?:nay\s*)?\(?\d{1,2}\s*[/.\-]\s*\d{1,2}"
                        r"(?:\s*[/.\-]\s*\d{4})?\)?(?!\s*tới)")

_UNDATED = ("target", "reference", "range")


@dataclass(frozen=True)
class Annotation:
    """What annotation adds to a passage."""

    kind: str
    themes: tuple[tuple[str, float], ...]
    figures: tuple[_figures.Figure, ...]
    people: tuple[_people.Person, ...]


def sentence_kind(sentence: str) -> str | None:
    """Return "result", "task" or "context" for one sentence, or None when it says nothing of
    its own kind.

    In order: an editor's or interviewer's words, a question, a sentence whose subject is the
    world situation, a standing fact or the time before, and a copular sentence are context;
    a sentence naming who attends (with nothing done before) is context; an instruction that
    opens with its verb is a task; otherwise the first marker of aspect or modality decides
    ("đã", reported speech -> result; directing, modal, future -> task); failing one, the day
    of an event it opens on, then the first verb of completion or noun of plans.
    """
    low = sentence.strip().lower().lstrip("\"“‘'«( ")
    low = _COMPOUNDS.sub(lambda m: "_" * len(m.group()), low)
    if not low:
        return None
    if _EDITORIAL_HEAD.match(low) or low.rstrip("\"”’»)] ").endswith("?"):
        return "context"
    if _SITUATION_HEAD.match(low) or _STANDING_HEAD.match(low):
        return "context"
    if _IMPERATIVE_START.match(low):
        return "task"
    first: tuple[int, str, str] | None = None
    for name, pattern in _STRONG.items():
        match = pattern.search(low)
        if match and (first is None or match.start() < first[0]):
            first = (match.start(), _STRONG_KIND[name], name)
    attendance = _ATTENDANCE.search(low)
    if attendance and (first is None or first[0] > attendance.start() or first[1] == "task"
                       or _STRONG["perfective"].match(low, first[0])):
        return "context"
    copula = _COPULA.match(low)
    if copula and (first is None or copula.end() < first[0]) and not _COMPLETION.search(low):
        return "context"  # what something is; "… là năm thành công" still reports a result
    if first is not None and first[2] == "statement":
        # Reported speech is a result, a statement that was made, unless what it reports is
        # an obligation, or it opens on a plan ("… nhấn mạnh, ngành ngoại giao cần …",
        # "… nhấn mạnh: nhiệm vụ bao trùm là …"): then it spells out a task.
        content = _STRONG["modal"].search(low, first[0])
        frame = _STRONG["statement"].match(low, first[0])
        plan = _PLAN.match(low, frame.end() + 1 if frame else first[0]) or \
            _PLAN.match(low, frame.end() + 2 if frame else first[0])
        return "task" if (content and _OBLIGATION.match(content.group())) or plan else "result"
    if first is not None:
        return first[1]
    if _EVENT_DAY.match(low):
        return "result"
    done, plan = _COMPLETION.search(low), _PLAN.search(low)
    if done and (plan is None or done.start() <= plan.start()):
        return "result"
    if plan:
        return "task"
    return None


def classify(text: str, heading: str | None, previous: str | None) -> str:
    """Return "task", "result" or "context" for a passage (given the kind of the one before).

    Each sentence is read on its own (:func:`sentence_kind`); the passage takes the kind most of
    its sentences that say anything have, the lead one breaking a tie (on the passage key of the
    devset this is a little better than the lead sentence alone: 0.70 against 0.69). The next
    item of a task list (it opens with a verb of doing) is a task; a passage whose sentences say
    nothing takes the kind its inner heading names, else it is context.
    """
    kinds = [sentence_kind(text[a:b]) for a, b in sentences(text)]
    said = [k for k in kinds if k is not None]
    low = text.lower()
    if previous == "task" and _IMPERATIVE_START.match(low.lstrip("\"“‘'«( ")):
        return "task"  # the next item of a task list
    if said:
        votes = Counter(said)  # the lead sentence breaks a tie
        return max(votes, key=lambda kind: (votes[kind], kind == said[0]))
    if heading:
        head = heading.lower()
        if _TASK_HEADING.search(head) and not _RESULT_HEADING.search(head):
            return "task"
        if _RESULT_HEADING.search(head):
            return "result"
    return "context"


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


# A year written as the base of a comparison ("so với năm 2019", "so với cùng kỳ năm 2019") is
# not a year the passage is about.
_COMPARED = re.compile(rf"\bso voi (?:cung ky |muc |nam |ca nam )*({YEAR})\b")


def written_years(text: str) -> set[int]:
    """Return the years a sentence writes as its own (a date, "năm 2022", "tháng 3/2022"),
    not a term, a target, a legal reference, a name's year or the base of a comparison."""
    mentions = [m for m in year_mentions(text) if m.kind not in _UNDATED and m.kind != "name"]
    compared = Counter(int(y) for y in _COMPARED.findall(fold(text)))
    counts = Counter(m.year for m in mentions)
    return {m.year for m in mentions if counts[m.year] > compared.get(m.year, 0)}


def _own_years(text: str, kind: str, meta: Metadata) -> set[int]:
    """Return the years a passage's own words give it: the years written in it (see
    :func:`passage_years`), else, sentence by sentence, the days written with no year (the
    year of the source's date) and the relative years ("năm nay", "năm qua", "năm tới")."""
    mentions = [m for m in year_mentions(text) if m.kind not in _UNDATED]
    compared = Counter(int(y) for y in _COMPARED.findall(fold(text)))
    counts = Counter(m.year for m in mentions)
    mentions = [m for m in mentions if counts[m.year] > compared.get(m.year, 0)]
    if kind == "task":
        task_years = {m.year for m in mentions if m.task and m.kind != "name"}
        if task_years:
            return task_years
        mentions = [m for m in mentions if m.kind != "name" and m.task]
    years = {m.year for m in mentions}
    if years:
        return years
    published = iso_year_month(meta.published) if meta.published else None
    now = published[0] if published else meta.year_reviewed
    reviewed = meta.year_reviewed if meta.year_reviewed is not None else now
    for a, b in sentences(text):
        folded = fold(text[a:b])
        for relative in relative_years(folded):
            base = now if relative.base == "now" else reviewed
            if base is not None and (kind == "task" or relative.offset <= 0):
                years.add(base + relative.offset)
        for day in day_months(folded):
            # In a review written early in the year after the one it reviews, the day written
            # is the day of the review itself (its conference): the passage is about the year
            # reviewed.
            if published is not None and day.month is not None and reviewed != published[0] - 1:
                years.add(year_of_day(day.month, published[0], published[1]))
            elif reviewed is not None:
                years.add(reviewed)
    return years


def passage_years(passage: Passage, meta: Metadata) -> tuple[int, ...]:
    """Return the years a passage is about, from its own evidence first.

    The years written in it (not a term "nhiệm kỳ 2020-2021", a target "đến năm 2030", a legal
    reference or the base of a comparison "so với năm 2019"); in a task, only the years its
    tasks are set for, and a year inside a name ("Chủ tịch ASEAN 2020") does not move a task
    out of its list's year. With no year written: the days it writes without a year (the year of the
    source's date) and the years it names relative to the source ("năm nay", "năm qua", "năm
    tới" for a task). Failing those, the year of its inner heading; then, as the fallback, the
    source's year (its tasks year for a task, its reviewed year for anything else). Giving a
    context passage with no year of its own no year at all was measured on the passage key and
    is worse (0.69 against 0.75): most such passages are the setting of the source's event.
    """
    years = _own_years(passage.text, passage.kind, meta)
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
