"""Metadata of one source: years reviewed and tasked, publication date, outlet, author, URL.

Detection works on the cleaned body only (boilerplate never dates an article). A year
that cannot be told from the text is left for :mod:`briefgen.annotate.resolve`, which looks at the
rest of the corpus; a date that cannot be stated is inferred (and marked so) or left unknown.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from ..model import Certainty, Evidence, Metadata
from ..text import (
    DAY_MONTH,
    YEAR,
    DateParts,
    date_parts,
    fold,
    format_date,
    iso_date_at_start,
    iso_year_month,
    valid_date,
)
from .bylines import PageDate
from .clean import Cleaned
from .cues import cue_pattern

# ---------------------------------------------------------------------------------------
# Years in the text

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
_TARGET_BEFORE = re.compile(r"(?:den nam|toi nam|den|tam nhin(?: [a-z ]{0,40})?|vao nam \d{4} toi)\s*$")
_TERM_BEFORE = re.compile(r"(?:nhiem ky|khoa|giai doan|thoi ky)\s*$")
# A year naming a legal instrument ("Công ước Luật biển 1982", "UNCLOS 1982") dates no event.
_INSTRUMENT_BEFORE = re.compile(
    r"(?:cong uoc|luat|hiep uoc|hien chuong|unclos|hien phap|nghi dinh|thong tu)\b[^,;.]{0,50}$"
)

# A year after "kể từ", "từ", "sau khi", "trước đó" is background to what the text reports.
_BACKGROUND_BEFORE = re.compile(r"(?:\bke tu\s+(?:(?:nam|thang \d{1,2}(?: nam)?)\s+)?|\btu nam\s+|\bsau khi\s+|"
                                r"\btruoc do,?\s+(?:nam\s+|vao nam\s+)?)$")
# The date of a cited document ("Chỉ thị số 32 ngày 18/2/2018", "Nghị quyết 18-NQ/TW ngày …")
# dates the document, not an event the text reports.
_DOCUMENT_BEFORE = re.compile(
    r"(?:chi thi|nghi quyet|ket luan|quyet dinh|cong dien|thong bao|van ban|nghi dinh|thong tu|cong van|luat|"
    r"hiep dinh|tuyen bo chung|so)\b[^,;.()]{0,30}?\bngay\s*$")
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
    for match in _DMY.finditer(folded) if separated else ():
        if take(match.start(), match.end()):
            cited = _DOCUMENT_BEFORE.search(folded, max(0, match.start() - 60), match.start())
            found.append((int(match.group(2)), match.start(2), match.end(2), "reference" if cited else "date"))
    for match in _RANGE.finditer(folded):
        if take(match.start(), match.end()):
            before = folded[max(0, match.start() - 30) : match.start()]
            kind = "range" if not _TARGET_BEFORE.search(before) else "target"
            found.append((int(match.group(1)), match.start(1), match.end(1), kind))
            found.append((int(match.group(2)), match.start(2), match.end(2), kind))
    for match in _MONTH_YEAR.finditer(folded) if separated else ():
        if take(match.start(), match.end()):
            found.append((int(match.group(1)), match.start(1), match.end(1), "date"))
    for match in _YEAR.finditer(folded):
        if not take(match.start(), match.end()):
            continue
        before = folded[max(0, match.start() - 40) : match.start()]
        word_end = match.start()
        while word_end and text[word_end - 1].isspace():
            word_end -= 1
        # The previous word is looked for among the characters just before (a text without
        # spaces must not be searched back to its start for every year in it).
        word_start = text.rfind(" ", max(0, word_end - _WORD_REACH), word_end) + 1 or max(0, word_end - _WORD_REACH)
        previous_word = text[word_start:word_end].strip("()[]\"'“”")
        if _TARGET_BEFORE.search(before):
            kind = "target"
        elif _TERM_BEFORE.search(before):
            kind = "range"
        elif _BACKGROUND_BEFORE.search(before):
            kind = "background"
        elif before.endswith(("nam ", "nam")):
            kind = "year"
        elif _INSTRUMENT_BEFORE.search(folded[max(0, match.start() - 60) : match.start()]):
            kind = "reference"
        elif previous_word[:1].isupper() or previous_word.isupper():
            kind = "name"
        else:
            kind = "plain"
        found.append((int(match.group(1)), match.start(1), match.end(1), kind))
    undated = ("range", "target", "reference", "background")
    return tuple(YearMention(year, kind, kind not in undated and _is_task(folded, start, end), where,
                             _is_past(folded, start, end))
                 for year, start, end, kind in sorted(found, key=lambda f: f[1]))


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
_UNGA = re.compile(r"khoa hop (?:thu )?(\d{2,3})\s*(?:cua\s+)?dai hoi dong (?:lien hop quoc|lhq)")


def _number(text: str) -> int:
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
        start = terms.get(_number(match.group(2)))
        session = _ORDINAL_WORDS.get(match.group(1)) or int(match.group(1))
        if start is not None and 1 <= session <= 12:
            found.append(YearMention(start + (session - 1) // 2, "year", False, where, True))
    for match in _UNGA.finditer(folded):
        found.append(YearMention(calendars["general_assembly"]["first_year"] + int(match.group(1)), "year", False,
                                 where, True))
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
    result: dict[int, float] = defaultdict(float)
    task: dict[int, float] = defaultdict(float)
    unmarked: dict[int, float] = defaultdict(float)  # neither a task cue nor "đã" in its sentence
    for m in mentions:
        weight = WEIGHTS[m.kind] * {"title": 2.0, "heading": 1.5}.get(m.where, 1.0)
        (task if m.task else result)[m.year] += weight
        if not m.task and not m.past:
            unmarked[m.year] += weight
    mentioned = tuple(sorted({m.year for m in mentions}))
    latest = page_year if page_year is not None else max(mentioned, default=None)

    def allowed(year: int) -> bool:
        return latest is None or year <= latest

    # A review year must be reported more than the year after it (a forward-looking piece on
    # next year's summit that recalls last year's is about next year).
    pairs = [(result[y] + task[y + 1], y) for y in list(result) if allowed(y)
             and result[y] >= 1 and task.get(y + 1, 0) >= 1 and result[y] >= result.get(y + 1, 0)
             and (page_year is None or y + 1 <= page_year + 1)]
    if not pairs and page_year is None:
        # A review of year Y that speaks of Y+1 only in sentences that say nothing was done
        # yet ("trong năm 2022, Ban … tiếp tục nỗ lực thực hiện …") sets Y+1's tasks.
        pairs = [(result[y], y) for y in list(result) if result[y] - unmarked.get(y, 0) >= 1
                 and unmarked.get(y + 1, 0) >= 0.75 and result.get(y + 1, 0) - unmarked.get(y + 1, 0) < 0.75
                 and not any(z > y + 1 for z in result)]
    if pairs:
        _, year = max(pairs)
        return YearDecision(year, "stated", year + 1, "stated", mentioned,
                            f"the text: results of {year}, what is to be done in {year + 1}")
    reviewed: int | None = None
    certainty: Certainty = "unknown"
    source: str | None = None
    if page_year is not None:
        if page_month is not None and page_month <= 3 and result.get(page_year - 1, 0) >= 1 and \
                result.get(page_year - 1, 0) >= result.get(page_year, 0):
            reviewed = page_year - 1
            source = "the page date (a January-March page reviewing the year before)"
        else:
            reviewed = page_year
            source = "the page date"
        certainty = "stated" if result.get(reviewed, 0) >= 1 else "inferred"
    else:
        scored = [(result[y] + 0.5 * task[y], y) for y in set(result) | set(task) if allowed(y)]
        # One plain mention is enough when nothing else competes (a visit "năm 2017").
        scored = [s for s in scored if s[0] >= (1 if len(scored) > 1 else 0.5)]
        if scored:
            reviewed = max(scored)[1]
            certainty = "stated"
            titled = any(m.year == reviewed and m.where == "title" for m in mentions)
            source = "the headline" if titled else "the text"
    tasks: int | None = None
    tasks_certainty: Certainty = "unknown"
    if reviewed is not None:
        later = [(w, y) for y, w in task.items() if y > reviewed and w >= 1 and y <= reviewed + 1]
        if later:
            tasks, tasks_certainty = max(later)[1], "stated"
    return YearDecision(reviewed, certainty, tasks, tasks_certainty, mentioned, source)


# ---------------------------------------------------------------------------------------
# Dates, outlets


_LEAD_OUTLET = re.compile(
    r"^(?:\((?P<paren>[^()]{2,40})\)|(?P<caps>[A-ZĐ][A-ZĐ0-9+]{1,9})|(?P<word>[A-ZĐ][a-zđ]{3,}(?:\.(?:vn|com|net|org)"
    r"(?:\.vn)?)?))\s*(?:[-–—]|\.(?=\s))\s*"
)
_LEAD_DATE = re.compile(
    r"^(?:(?:vao\s+)?(?:sang|chieu|toi|trua|dem|hom)\s*(?:nay|qua)?\s*(?:ngay\s*)?|ngay\s+)"
    rf"\(?{DAY_MONTH}(?:\s*[/\-.]\s*(?P<year>{YEAR}))?(?!\d)\)?\s*[,:]"
)
_TODAY_DATE = re.compile(rf"\b(?:sang|chieu|toi|trua|hom)\s+nay\s*\(\s*(?:ngay\s*)?{DAY_MONTH}\s*\)")
_URL_DATE = (
    re.compile(rf"/(?P<year>{YEAR})/(?P<month>0[1-9]|1[0-2])(?:/(?P<day>0[1-9]|[12]\d|3[01]))?/"),
    re.compile(rf"/(?P<year>{YEAR})(?P<month>0[1-9]|1[0-2])/"),
    re.compile(rf"[-/](?P<year>{YEAR})(?P<month>0[1-9]|1[0-2])(?P<day>[0-2]\d|3[01])\d{{6,}}\b"),
)


@cache
def known_hosts() -> dict[str, str]:
    """Return the packaged table of outlet names by web host."""
    raw = tomllib.loads(resources.files("briefgen.data").joinpath("outlets.toml").read_text("utf-8"))
    return dict(raw["hosts"])


def outlet_for_url(url: str | None) -> str | None:
    """Return the known outlet name of *url*'s host, or None."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    hosts = known_hosts()
    while host:
        if host in hosts:
            return hosts[host]
        host = host.partition(".")[2] if host.count(".") > 1 else ""
    return None


def lead_outlet(paragraph: str) -> str | None:
    """Return the outlet named at the head of a lead ("TTXVN - Ngày 25/1, …"), or None."""
    match = _LEAD_OUTLET.match(paragraph)
    if not match:
        return None
    return (match.group("paren") or match.group("caps") or match.group("word")).strip()


def lead_date(paragraphs: list[str]) -> DateParts | None:
    """Return the date (the year may be missing) of the dateline opening the first paragraphs."""
    for paragraph in paragraphs[:3]:
        rest = paragraph
        match = _LEAD_OUTLET.match(rest)
        if match:
            rest = rest[match.end() :]
        folded = fold(rest)
        found = _LEAD_DATE.match(folded) or _TODAY_DATE.search(folded[:300])
        if found and valid_date(*(parts := date_parts(found))):
            return parts
    return None


def url_date(url: str | None) -> DateParts | None:
    """Return the date (the day may be missing) written in a URL path (/2019/11/15/, /201711/), or None."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in _URL_DATE:
        match = pattern.search(path)
        if match:
            return date_parts(match)
    return None


# ---------------------------------------------------------------------------------------
# One document




# A document that sets tasks, one that reviews a period (data/cues.toml [document], folded).
_TASK_LANGUAGE = re.compile(rf"\b{cue_pattern('document', 'tasks')}\b")
_REVIEW_LANGUAGE = re.compile(rf"\b{cue_pattern('document', 'review')}\b")


def detect(cleaned: Cleaned, format_meta: dict[str, str] | None = None) -> Evidence:
    """Return the metadata one document gives about itself."""
    format_meta = format_meta or {}
    texts = [text for kind, text in cleaned.items if kind == "text"]
    mentions: list[YearMention] = []
    if cleaned.title:
        mentions += year_mentions(cleaned.title, "title")
    for kind, text in cleaned.items:
        mentions += year_mentions(text, "heading" if kind == "heading" else "text")
        mentions += calendar_mentions(text, "heading" if kind == "heading" else "text")

    page: PageDate | None = cleaned.page_date
    declared = iso_date_at_start(format_meta.get("date", ""))
    if page is None and declared is not None and declared.day is not None:
        page = PageDate(*declared, "page")  # a date the page's own metadata declares (HTML meta, front matter)
    published: str | None = None
    certainty: Certainty = "unknown"
    lead = lead_date(texts)
    lead_day_month: tuple[int, int] | None = None
    if page is not None and page.year is not None:
        published, certainty = format_date(page.year, page.month, page.day), "stated"
    elif lead is not None and lead.year is not None:
        published, certainty = format_date(lead.year, lead.month, lead.day), "inferred"
    elif (from_url := url_date(cleaned.url)) is not None and from_url.year is not None:
        published, certainty = format_date(from_url.year, from_url.month, from_url.day), "inferred"
    elif lead is not None and lead.day is not None and lead.month is not None:
        lead_day_month = (lead.day, lead.month)
    page_year, page_month = iso_year_month(published) if published and certainty == "stated" else (None, None)
    years = decide_years(mentions, page_year, page_month)

    outlets = dict(cleaned.outlets)
    for paragraph in texts[:3]:
        if prefix := lead_outlet(paragraph):
            outlets.setdefault("dateline", prefix)
            break
    if cleaned.url and (known := outlet_for_url(cleaned.url)):
        outlets["url"] = known
    if format_meta.get("sitename"):
        outlets.setdefault("page", format_meta["sitename"])
    outlet = None
    for how in ("byline", "masthead", "dateline", "url", "source line", "credit", "page"):
        if outlets.get(how):
            outlet = outlets[how]
            break

    meta = Metadata(
        title=cleaned.title or format_meta.get("title"),
        outlet=outlet,
        author=cleaned.author or format_meta.get("author"),
        url=cleaned.url or format_meta.get("url"),
        published=published,
        published_certainty=certainty if published else "unknown",
        year_reviewed=years.reviewed,
        year_reviewed_certainty=years.reviewed_certainty,
        year_tasks=years.tasks,
        year_tasks_certainty=years.tasks_certainty,
        years_mentioned=years.mentioned,
        year_reviewed_from=years.reviewed_from,
    )
    folded = [fold(text) for text in [cleaned.title or "", *texts]]
    has_tasks = any(_TASK_LANGUAGE.search(text) for text in folded)
    is_review = any(_REVIEW_LANGUAGE.search(text) for text in folded)
    return Evidence(meta=meta, lead_day_month=lead_day_month, has_task_language=has_tasks, is_review=is_review,
                    outlets=outlets)
