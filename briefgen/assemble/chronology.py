"""The chronology of a year: the dated events the pack's results tell, in date order.

Each entry is a date as the source writes it (a day and month, with the year the sentence
gives, else the year of the source's date, else the year of the pack), the clause that tells
it (cut to a readable length) and the item it comes from. Only the pack's year is kept: a
result told in a 2021 review about "ngày 15/11/2020" belongs to 2020's chronology, not 2021's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from ..model import Item, Section
from ..text import YEAR, fold, iso_year_month, sentences, valid_date, year_of_day
from .rank import partners

CHRONOLOGY_MAX = 15
CLAUSE_WORDS = 24
CLAUSE_MORE = 16  # words past CLAUSE_WORDS to the end of the phrase (or of the sentence) an entry quotes
# "ngày 26/8", "26/8/2020", "sáng 13/1", "15.11.2020": a day and a month, a year perhaps. A dot
# joins a day and a month only when the year follows or a day word comes before ("ngày 1.8";
# "17.2 tỷ" is a number, not 17 February).
_DAY = re.compile(rf"(?<![\d/.\-,])(?:(?P<word>ngay|sang|chieu|toi|dem)\s+)?"
                  rf"(?:(?P<day>\d{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<month>\d{{1,2}})\s*(?P=sep)\s*(?P<year>{YEAR})"
                  rf"|(?P<day2>\d{{1,2}})\s*(?P<sep2>[/\-.])\s*(?P<month2>\d{{1,2}}))(?![\d/.\-,]\d)")


# A day that starts a period up to now ("Từ ngày 10/4 đến nay, … đã thực hiện hơn 60 chuyến
# bay"): a running total, not the day of an event ("có hiệu lực từ ngày 1/8" is one).
_SINCE = re.compile(r"(?:\bke tu|\btu|\bbat dau tu)\s*$")
_UNTIL_NOW = re.compile(r"\s*(?:den nay|toi nay|den thoi diem nay)\b")


# A clause of what came before or after the sentence's news ("… chỉ rút sau khi giàn khoan … rời
# khỏi vị trí hôm 23/10"): its day is that other event's (folded, up to the day, in one clause).
_OTHER_EVENT = re.compile(r"(?<!\w)(?:sau khi|truoc khi)(?!\w)[^,;:]*$")


def _date(folded: str, own: bool = False) -> tuple[int, int, int | None] | None:
    """Return the first (day, month, year or None) a folded sentence writes; "1-2" is a date
    only after a day word ("ngày 15-11"), a range otherwise; a day that starts a period up to
    now ("từ ngày 10/4 đến nay") dates no event; with *own*, nor does the day of a clause on
    another event ("… sau khi giàn khoan rời khỏi vị trí hôm 23/10")."""
    for match in _DAY.finditer(folded):
        if _SINCE.search(folded[max(0, match.start() - 14) : match.start()]) and \
                _UNTIL_NOW.match(folded, match.end()):
            continue
        if own and _OTHER_EVENT.search(folded[:match.start()]):
            continue
        if match.group("day"):
            return int(match.group("day")), int(match.group("month")), int(match.group("year"))
        if match.group("sep2") == "/" or match.group("word"):
            return int(match.group("day2")), int(match.group("month2")), None
    return None


def first_day(text: str, year: int) -> tuple[int, int] | None:
    """Return the (month, day) of the first day of *year* a text writes (a day without its year
    taken to be of it), or None."""
    for a, b in sentences(text) or [(0, len(text))]:
        date = _date(fold(text[a:b]))
        if date is not None and date[2] in (None, year) and valid_date(year, date[1], date[0]):
            return date[1], date[0]
    return None


# A month that opens a sentence and sets the time of what it tells, with no day: "Tháng 1-2020,
# …", "Đặc biệt vào tháng 11, …", "Đầu tháng 3/2022, …" (folded). "Trong tháng 6, …" and a month
# written later in a sentence are a period or a comparison ("tính đến hết tháng 6"), no event.
_OPENING_MONTH = re.compile(rf"^\W*(?:(?:dac biet|cung|ngay|rieng)\s*,?\s+)?(?:(?:vao|dau)\s+)?"
                            rf"thang\s+(?P<month>\d{{1,2}})(?:\s*[/-]\s*(?P<year>{YEAR})|\s+nam\s+(?P<year2>{YEAR}))?"
                            rf"\s*,")


def _month(folded: str) -> tuple[int, int | None] | None:
    """Return the (month, year or None) a folded sentence opens with (asked of a sentence that
    writes no day: :func:`_date` found none)."""
    match = _OPENING_MONTH.match(folded)
    if match is None:
        return None
    year = match.group("year") or match.group("year2")
    return int(match.group("month")), int(year) if year else None


# A day named by the source's date: "hôm nay", "sáng nay", "chiều nay", "tối nay" (folded).
_TODAY = re.compile(r"(?<!\w)(?:hom|sang|chieu|toi|trua) nay(?!\w)")


def day_note(sentence: str, published: str | None, years: tuple[int, ...]) -> str | None:
    """Return the day a sentence tells, with its year ("27/11/2023"), when the sentence leaves
    the year out ("ngày 27/11 vừa qua", "chiều 6/3") or names the day by its source's date
    ("Hôm nay, …", from a source dated to the day); None when it writes the year, names no day,
    or the year is not known (the source's date, else the passage's one year)."""
    folded = fold(sentence)
    date = _date(folded)
    if date is not None:
        day, month, written = date
        if written is not None:
            return None
        year = year_of_day(month, *iso_year_month(published)) if published else (
            years[0] if len(years) == 1 else None)
        return f"{day:02d}/{month:02d}/{year}" if year is not None and valid_date(year, month, day) else None
    if published and len(published) == 10 and _TODAY.search(folded) and not re.search(YEAR, folded):
        return f"{published[8:10]}/{published[5:7]}/{published[:4]}"
    return None


class Entry(NamedTuple):
    """One dated event: when, what (a clause of the source) and the item it comes from."""

    month: int
    day: int  # 0: the event of a month ("Tháng 1-2020, …")
    year: int
    clause: str
    item: Item
    where: str  # the part of the pack the item is in ("key_points", or its theme id)


def _clause(sentence: str) -> str:
    """Return the opening of *sentence* that an entry quotes: CLAUSE_WORDS words, on to the end of
    the phrase they stop in when it ends within CLAUSE_MORE words more (a comma, a bracket, the
    sentence's end), not in the middle of a name ("… thông qua Nghị …")."""
    words = sentence.split()
    if len(words) <= CLAUSE_WORDS + CLAUSE_MORE:
        return sentence.strip()
    end = next((i + 1 for i in range(CLAUSE_WORDS - 1, CLAUSE_WORDS + CLAUSE_MORE)
                if words[i].endswith((",", ";", ":", ".", ")"))), CLAUSE_WORDS)
    return " ".join(words[:end]).rstrip(",;:") + " …"


def entries(items: list[tuple[Item, str]], year: int) -> list[Entry]:
    """Return the dated events of *items* (each with the section it is in, key points first)
    that fall in *year*, in date order, each event once (the first telling of a date and clause;
    one entry a day for one partner), at most CHRONOLOGY_MAX of them."""
    found: dict[tuple[int, int, str], Entry] = {}
    partners_of_day: dict[tuple[int, int], set[str]] = {}  # the partners the entries of a day name
    for item, where in items:
        for a, b in sentences(item.text):
            sentence = item.text[a:b].strip()
            folded = fold(sentence)
            date = _date(folded, own=True)
            if date is None:
                opening = _month(folded)
                if opening is None:
                    continue
                date = (0, *opening)  # a month's event: before the days of its month
            day, month, written = date
            if written is None and item.published:
                written = year_of_day(month, *iso_year_month(item.published))  # the year of the source's date
            if not valid_date(written, month, day or None) or (written or year) != year:
                continue
            if written is None and year not in item.years:
                continue  # a day without its year is the item's year; the item is about another
            key = (month, day, fold(_clause(sentence))[:60])
            named = partners(sentence)
            if named & partners_of_day.get((month, day), set()):
                continue  # the same day's event with the same partner, told again (another source, another item)
            if key not in found:
                found[key] = Entry(month, day, year, _clause(sentence), item, where)
                partners_of_day.setdefault((month, day), set()).update(named)
    # Past CHRONOLOGY_MAX, the entries kept are the first told: the key points' (they come first),
    # then the results' in the pack's order; a cut by date would drop the year's last months.
    return sorted(list(found.values())[:CHRONOLOGY_MAX], key=lambda e: (e.month, e.day))


def section(sections: list[Section], year: int) -> Section:
    """Return the chronology of a year pack's *sections* (key points and results) as a
    section of items: each item's text is "DD/MM/YYYY: clause" (a month's event "MM/YYYY:
    clause"), its heading the part it points to ("key_points", or the theme id of its group of
    results)."""
    items: list[tuple[Item, str]] = []
    for top in sections:
        if top.key == "key_points":
            items += [(i, "key_points") for i in top.items]
        elif top.key == "results":
            items += [(i, group.theme or "") for group in top.sections for i in group.items]
    return Section(key="chronology", year=year, items=tuple(
        replace(e.item, text=f"{e.day:02d}/{e.month:02d}/{e.year}: {e.clause}" if e.day else
                f"{e.month:02d}/{e.year}: {e.clause}", heading=e.where)
        for e in entries(items, year)))
