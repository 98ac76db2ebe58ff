"""Years in a text: the years it writes and what kind of mention each is (a date, "năm 2019",
a name, a range, a target, a reference), whether each is a year of results or of tasks, the
years institutional calendars give ("Kỳ họp thứ 6, Quốc hội khóa XIV"), and the years a
document reviews and sets tasks for (:func:`decide_years`).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ..model import Certainty
from ..text import YEAR, fold
from .cues import cue_pattern

# Clause cues (data/cues.toml [year], folded). A year after a task cue, in the same clause, is a
# year of tasks, unless a result cue follows the task cue ("kết quả thực hiện nhiệm vụ năm 2020").
_TASK_CUE = re.compile(rf"\b{cue_pattern('year', 'task')}\b")
_RESULT_CUE = re.compile(rf"\b{cue_pattern('year', 'result')}\b")
_AFTER_TASK = re.compile(rf"^\s*{cue_pattern('year', 'task_after')}\b")
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\"“”]")

_DOC_NUMBER = re.compile(rf"\d+\s*/\s*({YEAR})\s*/\s*[a-z]")
_DMY = re.compile(rf"(?<![\d/.])\d{{1,2}}\s*([/.\-])\s*\d{{1,2}}\s*\1\s*({YEAR})(?!\d)")
_MONTH_YEAR = re.compile(rf"(?<![\d/.,])(?:0?[1-9]|1[0-2])\s*[/\-]\s*({YEAR})(?!\d)")
# Document numbers and dates write a separator just before the year; a text with none skips
# the three patterns above (most passages: each is a scan of the whole text).
_SEPARATED_YEAR = re.compile(r"[/.\-]\s*(?:19|20)\d\d")
# These two open with the year's first digits and only then look back at what precedes
# them, so the regex engine jumps from candidate to candidate instead of trying the
# look-behind at every character (about four times faster, same matches).
_RANGE = re.compile(r"((?:19|20)(?<![\d/.,]\d\d)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_YEAR = re.compile(r"((?:19|20)(?<![\d.,/]\d\d)\d{2})(?![\d]|[.,]\d)")
_TARGET_BEFORE = re.compile(r"(?:den nam|toi nam|den|sau nam|tam nhin(?: [a-z ]{0,40})?|vao nam \d{4} toi)\s*$")
_SPAN_DASH = re.compile(r"\s*[-–]\s*")
_TERM_BEFORE = re.compile(r"(?:nhiem ky|khoa|giai doan|thoi ky)\s*$")
# A year naming a legal instrument ("Công ước Luật biển 1982", "UNCLOS 1982") dates no event.
_INSTRUMENT_BEFORE = re.compile(
    r"\b(?:cong uoc|(?<!phap )luat|hiep uoc|hien chuong(?! trinh)|unclos|hien phap|nghi dinh|thong tu)\b[^,;.]{0,50}$"
)

# A year after "kể từ", "từ", "sau khi", "trước đó" is background to what the text reports.
_BACKGROUND_BEFORE = re.compile(r"(?:\bke tu\s+(?:(?:nam|thang \d{1,2}(?: nam)?)\s+)?|\btu nam\s+|\bsau khi\s+|"
                                r"\btruoc do,?\s+(?:nam\s+|vao nam\s+)?)$")
# The date of a cited document ("Chỉ thị số 32 ngày 18/2/2018", "Nghị quyết 18-NQ/TW ngày …")
# dates the document, not an event the text reports.
_DOCUMENT_BEFORE = re.compile(
    r"(?:chi thi|nghi quyet|ket luan|quyet dinh|cong dien|thong bao|van ban|nghi dinh|thong tu|cong van|luat|"
    r"hiep dinh|tuyen bo chung|so)\b[^,;.()]{0,30}?\bngay\s*$")
# The date a cited report was published ("theo Báo cáo … của WB công bố trong tháng 5/2021")
# dates the report, not what it reports.
_PUBLISHED_BEFORE = re.compile(r"(?<!tiep )\btheo\b(?!\s+doi\b)[^.;:]{0,120}?"
                               r"\b(?:cong bo|phat hanh|xuat ban|dang tai)\s+"
                               r"(?:(?:trong|vao|ngay|hom|nam)\s+)?(?:thang\s+)?$")
# A sentence that says what was done ("đã", "vừa") reports; a year in a sentence without
# one, one after the year reviewed, is the year of what is to come.
_PAST = re.compile(rf"\b{cue_pattern('year', 'past')}\b")

WEIGHTS = {"year": 1.0, "date": 1.0, "plain": 0.75, "name": 0.5, "range": 0.25, "background": 0.25,
           "target": 0.0, "reference": 0.0}


@dataclass(frozen=True)
class YearMention:
    """A four-digit year written in the text, what kind of mention it is, and its clause."""

    year: int
    kind: str  # year | date | plain | name | range | background | target | reference
    task: bool
    where: str  # title | heading | text
    past: bool = False  # its sentence says what was done ("đã", "vừa")


_WORD_REACH = 200  # characters before a year searched for the word before it
_TASK_WINDOW = 90  # characters of its clause before a year that are read for task cues


def _is_task(folded: str, start: int, end: int) -> bool:
    window = max(0, start - _TASK_WINDOW)
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(folded, window, start)), default=window)
    # Only the words just after the year are read: the clause's end is looked for nearby, so
    # a paragraph without punctuation is not scanned to its end for every year in it.
    reach = min(len(folded), end + _TASK_WINDOW)
    right_match = _CLAUSE_BREAK.search(folded, end, reach)
    right = right_match.start() if right_match else reach
    before = folded[left:start]
    task_matches = list(_TASK_CUE.finditer(before))
    if task_matches:
        last_task = task_matches[-1].start()
        return not any(m.start() > last_task for m in _RESULT_CUE.finditer(before))
    return bool(_AFTER_TASK.match(folded[end:right]))


@lru_cache(maxsize=2048)
def year_mentions(text: str, where: str = "text") -> tuple[YearMention, ...]:
    """Return the years written in *text* (dates, "năm 2019", "APEC 2017", ranges, targets).

    Document numbers ("30/2020/NĐ-CP") are not year mentions. A passage is read for years by
    several steps (kind, years, the document's own years), so recent results are remembered.
    """
    folded = fold(text)
    if len(folded) != len(text):  # keep offsets aligned with the original for name checks
        text = folded
    # The characters already read as part of a mention, one byte each: checking a span costs
    # its length, not the number of mentions before it (a long paragraph has thousands).
    taken = bytearray(len(folded))
    found: list[tuple[int, int, int, str]] = []

    def take(start: int, end: int) -> bool:
        if taken.find(1, start, end) != -1:
            return False
        taken[start:end] = b"\x01" * (end - start)
        return True

    separated = _SEPARATED_YEAR.search(folded) is not None
    for match in _DOC_NUMBER.finditer(folded) if separated else ():
        take(match.start(), match.end())
    last_date_end = -1
    for match in _DMY.finditer(folded) if separated else ():
        if take(match.start(), match.end()):
            cited = _DOCUMENT_BEFORE.search(folded, max(0, match.start() - 60), match.start()) or \
                _PUBLISHED_BEFORE.search(folded, max(0, match.start() - 160), match.start())
            if last_date_end >= 0 and _SPAN_DASH.fullmatch(folded, last_date_end, match.start()) \
                    and found and found[-1][0] != int(match.group(2)):
                # "(2/9/1945-2/9/2020)": a span from a date of another year; its start is background
                found[-1] = (*found[-1][:3], "background")
            found.append((int(match.group(2)), match.start(2), match.end(2), "reference" if cited else "date"))
            last_date_end = match.end()
    for match in _RANGE.finditer(folded):
        if take(match.start(), match.end()):
            before = folded[max(0, match.start() - 30) : match.start()]
            kind = "range" if not _TARGET_BEFORE.search(before) else "target"
            found.append((int(match.group(1)), match.start(1), match.end(1), kind))
            found.append((int(match.group(2)), match.start(2), match.end(2), kind))
    for match in _MONTH_YEAR.finditer(folded) if separated else ():
        if take(match.start(), match.end()):
            cited = _PUBLISHED_BEFORE.search(folded, max(0, match.start() - 160), match.start())
            found.append((int(match.group(1)), match.start(1), match.end(1), "reference" if cited else "date"))
    for match in _YEAR.finditer(folded):
        if take(match.start(), match.end()):
            kind = _lone_year_kind(text, folded, match.start())
            found.append((int(match.group(1)), match.start(1), match.end(1), kind))
    undated = ("range", "target", "reference", "background")
    return tuple(YearMention(year, kind, kind not in undated and _is_task(folded, start, end), where,
                             _is_past(folded, start, end))
                 for year, start, end, kind in sorted(found, key=lambda f: f[1]))


def _lone_year_kind(text: str, folded: str, start: int) -> str:
    """Return the kind of a year written alone, at *start*, from the words before it: a target
    ("đến năm 2030"), a term, background ("kể từ năm 2015"), a year ("năm 2019"), a legal
    reference ("UNCLOS 1982"), part of a name ("APEC 2017") or a plain mention."""
    before = folded[max(0, start - 40) : start]
    word_end = start
    while word_end and text[word_end - 1].isspace():
        word_end -= 1
    # The previous word is looked for among the characters just before (a text without
    # spaces must not be searched back to its start for every year in it).
    word_start = text.rfind(" ", max(0, word_end - _WORD_REACH), word_end) + 1 or max(0, word_end - _WORD_REACH)
    previous_word = text[word_start:word_end].strip("()[]\"'“”")
    if _TARGET_BEFORE.search(before):
        return "target"
    if _TERM_BEFORE.search(before):
        return "range"
    if _BACKGROUND_BEFORE.search(before):
        return "background"
    if _INSTRUMENT_BEFORE.search(folded[max(0, start - 60) : start]):
        return "reference"  # "Công ước Luật biển năm 1982" too
    if before.endswith(("nam ", "nam")):
        return "year"
    if previous_word[:1].isupper() or previous_word.isupper():
        return "name"
    return "plain"


def _is_past(folded: str, start: int, end: int) -> bool:
    """Return True when the sentence around a year (read at most 300 characters each way,
    so a text without full stops costs the same per year) says what was done."""
    reach = max(0, start - 300)
    left = max(folded.rfind(". ", reach, start), folded.rfind("\n", reach, start), reach)
    stop = min(len(folded), end + 300)
    right = folded.find(". ", end, stop)
    return bool(_PAST.search(folded, left, right if right >= 0 else stop))


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
_ORDINAL_WORDS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
_SESSION = re.compile(r"ky hop (?:thu )?(\d{1,2}|nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)\s*,?\s*(?:cua\s+)?"
                      r"quoc hoi\s+(?:khoa\s+)?([ivxl]{1,6}|\d{1,2})\b")
# The General Assembly's sessions are written "khóa họp thứ 80 Đại hội đồng Liên hợp quốc",
# "Đại hội đồng Liên hợp quốc lần thứ 74", "Đại hội đồng lần thứ 72 Liên Hiệp Quốc" or
# "Đại hội đồng LHQ khóa 77": the ordinal is a year once the United Nations is named beside it.
_UN = r"(?:lien (?:hop|hiep) quoc|lhq)"
_UN_ORDINAL = r"(?:khoa hop|khoa|lan)\s+(?:lan\s+)?(?:thu\s+)?(\d{2,3})(?!\d)"
_UNGA = re.compile(rf"khoa hop (?:lan )?(?:thu )?(\d{{2,3}})\s*(?:cua\s+)?dai hoi dong\s+{_UN}"
                   rf"|dai hoi dong\s+{_UN}\s*(?:\(\s*\w+\s*\)\s*)?{_UN_ORDINAL}"
                   rf"|dai hoi dong\s+{_UN_ORDINAL}\s*(?:cua\s+)?{_UN}")
# "kỷ niệm 78 năm Quốc khánh", "50 năm Ngày thành lập ASEAN": an anniversary of a founding the
# calendar knows is a year (data/calendars.toml [anniversaries]).
_ANNIVERSARY = re.compile(r"\b(?:ky niem|le ky niem)\s+(?:lan thu\s+)?(\d{1,3})\s+nam\s+(?:ngay\s+)?"
                          r"((?:[a-z0-9/]+\s*){1,8})")


def numeral_value(text: str) -> int:
    """Return the value of a number written in digits or in Roman numerals, lower case ("xiv")."""
    if text.isdigit():
        return int(text)
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@cache
def _calendars() -> dict[str, Any]:
    return tomllib.loads(resources.files("briefgen.data").joinpath("calendars.toml").read_text("utf-8"))


def calendar_mentions(text: str, where: str = "text") -> tuple[YearMention, ...]:
    """Return the years that ordinals of institutional series give ("Kỳ họp thứ 6, Quốc hội
    khóa XIV" is 2018; "khóa họp thứ 76 Đại hội đồng Liên hợp quốc" is 2021)."""
    folded = fold(text)
    calendars = _calendars()
    terms = {int(k): v for k, v in calendars["national_assembly"]["terms"].items()}
    found = []
    for match in _SESSION.finditer(folded):
        start = terms.get(numeral_value(match.group(2)))
        session = _ORDINAL_WORDS.get(match.group(1)) or int(match.group(1))
        if start is not None and 1 <= session <= 12:
            found.append(YearMention(start + (session - 1) // 2, "year", False, where, True))
    for match in _UNGA.finditer(folded):
        session = int(next(g for g in match.groups() if g))
        found.append(YearMention(calendars["general_assembly"]["first_year"] + session, "year",
                                 _is_task(folded, match.start(), match.end()), where, True))
    foundings = calendars["anniversaries"]["founded"]
    for match in _ANNIVERSARY.finditer(folded):
        named = match.group(2)
        # The founding named first after the count (the longest name of those that start there).
        starts = [(named.find(name), -len(name), year) for name, year in foundings.items()
                  if re.match(rf"{re.escape(name)}\b", named)]
        if starts:
            found.append(YearMention(min(starts)[2] + int(match.group(1)), "year",
                                     _is_task(folded, match.start(), match.end()), where,
                                     _is_past(folded, match.start(), match.end())))
    return tuple(found)


@dataclass(frozen=True)
class YearDecision:
    """The years a document reviews and sets tasks for, with how sure briefgen is."""

    reviewed: int | None
    reviewed_certainty: Certainty
    tasks: int | None
    tasks_certainty: Certainty
    mentioned: tuple[int, ...]
    reviewed_from: str | None = None


def decide_years(mentions: list[YearMention], page_year: int | None, page_month: int | None) -> YearDecision:
    """Return the reviewed and tasked years from the year mentions of a document.

    A result year followed by a task year one later ("kết quả năm 2018, nhiệm vụ năm 2019")
    settles both. Otherwise a stated page date wins (a January page may review the year
    before), then the year most mentioned; a year later than the page is never reviewed.
    """
    result, task, unmarked = _weigh(mentions)
    mentioned = tuple(sorted({m.year for m in mentions}))
    latest = page_year if page_year is not None else max(mentioned, default=None)
    year = _results_then_tasks(result, task, unmarked, page_year, latest)
    if year is not None:
        return YearDecision(year, "stated", year + 1, "stated", mentioned,
                            f"the text: results of {year}, what is to be done in {year + 1}")
    reviewed, certainty, source = _reviewed_year(mentions, result, task, page_year, page_month, latest)
    tasks: int | None = None
    tasks_certainty: Certainty = "unknown"
    if reviewed is not None:
        later = [(w, y) for y, w in task.items() if y > reviewed and w >= 1 and y <= reviewed + 1]
        if later:
            tasks, tasks_certainty = max(later)[1], "stated"
    return YearDecision(reviewed, certainty, tasks, tasks_certainty, mentioned, source)


_Weights = dict[int, float]


def _weigh(mentions: list[YearMention]) -> tuple[_Weights, _Weights, _Weights]:
    """Return the weight of each year as a year of results, as a year of tasks, and as neither
    (no task cue and no "đã" in its sentence), a headline counting twice."""
    result: _Weights = defaultdict(float)
    task: _Weights = defaultdict(float)
    unmarked: _Weights = defaultdict(float)
    for m in mentions:
        weight = WEIGHTS[m.kind] * {"title": 2.0, "heading": 1.5}.get(m.where, 1.0)
        (task if m.task else result)[m.year] += weight
        if not m.task and not m.past:
            unmarked[m.year] += weight
    return result, task, unmarked


def _allowed(year: int, latest: int | None) -> bool:
    """Return True for a year that may be the one reviewed: not after the page (or the latest year)."""
    return latest is None or year <= latest


def _results_then_tasks(result: _Weights, task: _Weights, unmarked: _Weights, page_year: int | None,
                        latest: int | None) -> int | None:
    """Return the year Y whose results the text reports before the tasks of Y+1, or None."""
    # A review year must be reported more than the year after it (a forward-looking piece on
    # next year's summit that recalls last year's is about next year).
    pairs = [(result[y] + task[y + 1], y) for y in list(result) if _allowed(y, latest)
             and result[y] >= 1 and task.get(y + 1, 0) >= 1 and result[y] >= result.get(y + 1, 0)
             and (page_year is None or y + 1 <= page_year + 1)]
    if not pairs and page_year is None:
        # A review of year Y that speaks of Y+1 only in sentences that say nothing was done
        # yet ("trong năm 2022, Ban … tiếp tục nỗ lực thực hiện …") sets Y+1's tasks.
        pairs = [(result[y], y) for y in list(result) if result[y] - unmarked.get(y, 0) >= 1
                 and unmarked.get(y + 1, 0) >= 0.75 and result.get(y + 1, 0) - unmarked.get(y + 1, 0) < 0.75
                 and not any(z > y + 1 for z in result)]
    return max(pairs)[1] if pairs else None


def _reviewed_year(mentions: list[YearMention], result: _Weights, task: _Weights, page_year: int | None,
                   page_month: int | None, latest: int | None) -> tuple[int | None, Certainty, str | None]:
    """Return the year reviewed when no result-then-task pair settles it, how sure, and from what:
    the page's year (or the year before, for an early page on it), else the year most mentioned."""
    if page_year is not None:
        if page_month is not None and page_month <= 3 and result.get(page_year - 1, 0) >= 1 and \
                result.get(page_year - 1, 0) >= result.get(page_year, 0):
            reviewed, source = page_year - 1, "the page date (a January-March page reviewing the year before)"
        else:
            reviewed, source = page_year, "the page date"
        return reviewed, "stated" if result.get(reviewed, 0) >= 1 else "inferred", source
    scored = [(result[y] + 0.5 * task[y], y) for y in set(result) | set(task) if _allowed(y, latest)]
    # One plain mention is enough when nothing else competes (a visit "năm 2017").
    scored = [s for s in scored if s[0] >= (1 if len(scored) > 1 else 0.5)]
    if not scored:
        return None, "unknown", None
    reviewed = max(scored)[1]
    titled = any(m.year == reviewed and m.where == "title" for m in mentions)
    return reviewed, "stated", "the headline" if titled else "the text"


# An event that carries out a document ("quán triệt, triển khai Nghị quyết số 12 ngày 3/6/2021",
# "sơ kết 5 năm thực hiện Nghị quyết … ngày …") comes after the document, N years after it when
# it marks N years of it.
_CARRY_OUT = re.compile(r"\b(?:quan triet|trien khai|thuc hien|so ket|tong ket|ky niem)\b")
_YEARS_OF = re.compile(r"\b(\d{1,2})\s+nam\s+(?:thuc hien|trien khai|ban hanh|thi hanh)\s*$")
_DOCUMENT_DATE = re.compile(
    rf"\b(?:chi thi|nghi quyet|ket luan|quyet dinh|nghi dinh|luat|hiep dinh|van ban|cong van)\b[^,;.()]{{0,30}}?"
    rf"\bngay\s*(\d{{1,2}})\s*([/.\-])\s*(\d{{1,2}})\s*\2\s*({YEAR})(?!\d)")


def carried_out_year(paragraph: str, day: int, month: int) -> int | None:
    """Return the year of an event dated *day*/*month* without a year in *paragraph* that carries
    out documents the paragraph dates: the first such day after the latest of them (N years
    after, for an event that marks N years of a document), or None when the paragraph dates none."""
    folded = fold(paragraph)
    cue = _CARRY_OUT.search(folded)
    if cue is None:
        return None
    latest: tuple[int, int, int] | None = None
    for match in _DOCUMENT_DATE.finditer(folded, cue.start()):
        d, m, y = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if not (1 <= d <= 31 and 1 <= m <= 12):
            continue
        span = _YEARS_OF.search(folded, max(0, match.start() - 40), match.start())
        y += int(span.group(1)) if span else 0
        if latest is None or (y, m, d) > latest:
            latest = (y, m, d)
    if latest is None:
        return None
    return first_after(latest, day, month)


def first_after(date: tuple[int, int, int], day: int, month: int) -> int:
    """Return the year of the first *day*/*month* after *date* (year, month, day)."""
    return date[0] if (month, day) > (date[1], date[2]) else date[0] + 1


# A document of the Party or the State named by its kind and number ("Chỉ thị 25-CT/TW",
# "Chỉ thị 25/CT-TTg", "Nghị quyết số 22-NQ/TW", "Kết luận 57"), folded: the kind and the number
# name it.
_NUMBERED_DOCUMENT = re.compile(r"\b(chi thi|nghi quyet|ket luan|quyet dinh|nghi dinh)\s+(?:so\s+)?(\d{1,4})"
                                r"(?:\s*[-/]\s*[a-z]{2,4}(?:\s*[-/]\s*[a-z]{2,4})?)?(?![\w/-])")
# Its date, written right after it ("… số 25 ngày 8/8/2018", "… 25-CT/TW, ngày 08/8/2018").
_DATE_AFTER = re.compile(rf"\s*,?\s*(?:cua [^,;.()]{{0,30}}?\s*)?ngay\s*(\d{{1,2}})\s*([/.\-])\s*(\d{{1,2}})"
                         rf"\s*\2\s*({YEAR})(?!\d)")


def dated_documents(text: str) -> dict[tuple[str, str], tuple[int, int, int]]:
    """Return the numbered documents a text writes with their date ("Chỉ thị số 25 ngày
    8/8/2018" -> ("chi thi", "25"): (2018, 8, 8)); a document written with two dates is left out."""
    found: dict[tuple[str, str], set[tuple[int, int, int]]] = {}
    folded = fold(text)
    for match in _NUMBERED_DOCUMENT.finditer(folded):
        date = _DATE_AFTER.match(folded, match.end())
        if date is None:
            continue
        d, m, y = int(date.group(1)), int(date.group(3)), int(date.group(4))
        if 1 <= d <= 31 and 1 <= m <= 12:
            found.setdefault((match.group(1), match.group(2)), set()).add((y, m, d))
    return {key: dates.pop() for key, dates in found.items() if len(dates) == 1}


def carried_out_documents(paragraph: str) -> list[tuple[tuple[str, str], int]]:
    """Return the numbered documents a paragraph's event carries out without writing their date
    ("sơ kết 5 năm thực hiện Chỉ thị 25-CT/TW"), each with the years the event marks (0 when none)."""
    folded = fold(paragraph)
    cue = _CARRY_OUT.search(folded)
    if cue is None:
        return []
    found = []
    for match in _NUMBERED_DOCUMENT.finditer(folded, cue.start()):
        if _DATE_AFTER.match(folded, match.end()):
            continue
        span = _YEARS_OF.search(folded, max(0, match.start() - 40), match.start())
        found.append(((match.group(1), match.group(2)), int(span.group(1)) if span else 0))
    return found
