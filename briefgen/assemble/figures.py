"""The key-figures table's judgement: whose figure it is, which figures disagree, and which
are one measure across years (what a chart may draw).

A figure whose sentence names another country nearest before it (and not Viet Nam) is that
country's ("Hoa Kỳ … 68 tỷ đôla"): the table labels it so, never as Viet Nam's. Two sources'
money figures of the same year, unit and field that differ by more than a rounding are shown
together, each naming the other, so an editor sees the disagreement instead of two numbers
side by side.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from itertools import pairwise

from ..annotate.people import places
from ..model import FigureRow
from ..text import fold

HOME = "viet nam"
# Currencies as sources write them: one unit however it is spelt.
_CURRENCY = {"usd": "USD", "do la": "USD", "dola": "USD", "do-la": "USD", "dollar": "USD", "do la my": "USD",
             "dong": "VND", "vnd": "VND", "euro": "EUR", "eur": "EUR", "yen": "JPY", "nhan dan te": "CNY"}
_OURS = re.compile(r"(?<!\w)(?:nuoc ta|trong nuoc|dat nuoc ta|kieu hoi ve|viet kieu)(?!\w)")
_PLACE_WORD = re.compile(r"(?<!\w)(?:tai|o|sang|den|toi|voi|cung|tu|giua)\s+(?:nuoc\s+|cac\s+)?$")
_MEMBERS = re.compile(r"(?<!\w)thanh vien(?!\w)")
ROUNDING = 0.05  # figures closer than this share of the larger are one figure, rounded differently


@cache
def _countries() -> re.Pattern[str]:
    # An ocean owns no figure ("Hiệp định Đối tác xuyên Thái Bình Dương" names an agreement).
    names = sorted({fold(n) for n in places().get("countries", ()) if not fold(n).endswith("duong")},
                   key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def country_of(sentence: str, figure_text: str) -> str | None:
    """Return the country a figure of *sentence* is about when that is not Viet Nam: in a
    sentence that never names Viet Nam, the country named nearest before the figure (as
    written), or None. A sentence naming Viet Nam is Viet Nam's ("… phối hợp với Philippines
    đưa 200 công dân Việt Nam về nước")."""
    folded = fold(sentence)
    if any(m.group(1) == HOME for m in _countries().finditer(folded)) or _OURS.search(folded):
        return None
    if _MEMBERS.search(fold(figure_text)):
        return None  # "Hiệp định TPP gồm 12 thành viên": a group's members, no country's figure
    at = folded.find(fold(figure_text))
    before = folded[: at if at >= 0 else len(folded)]
    # Only the clause the figure is in: "Trong chuyến thăm Brazil của Thủ tướng, 4 chương trình …"
    # names where the figure was made, not whose it is.
    clause = max((m.end() for m in re.finditer(r"[,;:]\s", before)), default=0)
    # A country after a preposition is where or with whom ("biểu diễn tại Brazil"), not whose.
    named = [m for m in _countries().finditer(before, clause) if not _PLACE_WORD.search(before[: m.start()])]
    if not named:
        return None
    start, end = named[-1].span(1)
    return sentence[start:end] if fold(sentence[start:end]) == named[-1].group(1) else named[-1].group(1).title()


# Nouns that count the parts of a text or a plan, not anything done or reached: "2 nội dung",
# "6 quan điểm chỉ đạo", "7 nhóm nhiệm vụ", "ba bài học".
ABSTRACT = ("noi dung", "van de", "quan diem", "nhom nhiem vu", "nhom nghia vu", "nhom van de", "nhom giai phap",
            "nhiem vu", "muc tieu", "bai hoc", "dinh huong", "giai phap", "tru cot", "uu tien", "linh vuc", "diem",
            "phuong cham", "nguyen tac", "trong tam", "trong diem")
# … and nouns that count a meeting's own course ("Sau 5 ngày họp", "2 phiên toàn thể"): its procedure.
PROCEDURE = ("ngay hop", "phien hop", "phien toan the", "phien thao luan", "buoi hop", "ky hop", "vong dam phan")
# "2 điểm phần trăm" measures a change, no part of a text.
_MEASURES = ("diem phan tram",)
# "một trong 7 nước …": the set Viet Nam is one of, no measure of what it did.
_ONE_OF = re.compile(r"(?<!\w)mot trong (?:so |nhung |cac )?$")


def abstract_count(unit: str | None) -> bool:
    """Whether a figure's counted noun counts the parts of a text or a plan ("2 nội dung"), or
    a meeting's own course ("5 ngày họp")."""
    folded = fold(unit or "")
    if any(folded.startswith(word) for word in _MEASURES):
        return False
    return any(folded == word or folded.startswith(word + " ") for word in (*ABSTRACT, *PROCEDURE))


def one_of(sentence: str, figure_text: str) -> bool:
    """Whether a figure counts a set its subject is one of ("Việt Nam là một trong 7 nước …")."""
    folded, text = fold(sentence), fold(figure_text)
    at = folded.find(text)
    return at >= 0 and bool(_ONE_OF.search(folded[:at]))


def currency(unit: str | None) -> str | None:
    """Return a money unit's currency code ("đôla", "USD" → USD), or None."""
    if not unit:
        return None
    words = fold(unit).split()
    for n in range(len(words), 0, -1):
        code = _CURRENCY.get(" ".join(words[-n:]))
        if code:
            return code
    return None


# Words that name no measure: a figure's measure is a pair of other words in the clause before it.
_NO_MEASURE = frozenset(("cua", "va", "voi", "cho", "trong", "tai", "ve", "la", "da", "se", "nam", "thang", "ngay",
                         "dat", "khoang", "hon", "tren", "gan", "duoc", "cac", "nhung", "mot", "nay", "do", "theo",
                         "tu", "den", "o", "nuoc", "viet", "toi", "muc", "con", "so", "tong", "vao"))
MEASURE_WORDS = 8  # the words before a figure that may name its measure
MEASURE_YEARS = 3  # a measure is charted across this many years at least


def _measure_terms(row: FigureRow) -> dict[str, str]:
    """Return the word pairs (folded -> as written) of the clause before a figure in its sentence."""
    at = row.sentence.find(row.text)
    before = row.sentence[: at if at >= 0 else len(row.sentence)]
    clause = re.split(r"[,;:()]", before)[-1]
    words = re.findall(r"[^\W\d_]+", clause)[-MEASURE_WORDS:]
    terms: dict[str, str] = {}
    for a, b in pairwise(words):
        pair = f"{fold(a)} {fold(b)}"
        if not ({fold(a), fold(b)} & _NO_MEASURE):
            terms.setdefault(pair, f"{a.lower()} {b.lower()}")
    return terms


def measures(rows: list[FigureRow]) -> list[FigureRow]:
    """Return the rows with ``measure`` set where one measure is given for MEASURE_YEARS years or
    more: figures of one unit (a currency however spelt) and kind, Viet Nam's, whose clauses name
    the same thing ("kiều hối về Việt Nam năm 2020 đạt …", "… kiều hối gửi về năm 2024 …"); the
    pair of words shared by the most years names it. Figures that only share a unit ("công dân"
    protected in 2018, repatriated in 2020) share no measure."""
    groups: dict[tuple[str, str], list[int]] = {}
    for n, row in enumerate(rows):
        if row.year is not None and row.unit and row.about is None and row.value_max is None:
            groups.setdefault((currency(row.unit) or fold(row.unit), row.kind), []).append(n)
    named: dict[int, str] = {}
    for (unit, _), members in groups.items():
        terms = {n: _measure_terms(rows[n]) for n in members}
        years: dict[str, set[int | None]] = {}  # (a member always has its year)
        for n in members:
            for term in terms[n]:
                years.setdefault(term, set()).add(rows[n].year)
        best = max(years, key=lambda t: (len(years[t]), t), default=None)
        if best is None or len(years[best]) < MEASURE_YEARS:
            continue
        written = next(terms[n][best] for n in members if best in terms[n])
        for n in members:
            if best in terms[n]:
                named[n] = f"{written} ({unit})"
    return [replace(r, measure=named.get(n)) for n, r in enumerate(rows)]


def judged(rows: list[FigureRow], themes: list[str | None]) -> list[FigureRow]:
    """Return the rows with the country of a foreign figure (``about``) and, for figures that
    disagree, the other figures (``differs``); *themes* is each row's passage's lead theme.
    Disagreeing rows are moved next to each other."""
    rows = measures([replace(r, about=country_of(r.sentence, r.text)) for r in rows])
    groups: dict[tuple[object, ...], list[int]] = {}
    for n, (row, theme) in enumerate(zip(rows, themes, strict=True)):
        code = currency(row.unit)
        if row.about is None and row.kind == "money" and code and row.year is not None:
            groups.setdefault((row.year, code, theme), []).append(n)
    differs: dict[int, list[str]] = {}
    for members in groups.values():
        for i in members:
            for j in members:
                a, b = rows[i], rows[j]
                if i != j and abs(a.value - b.value) > ROUNDING * max(a.value, b.value) \
                        and {c.source_id for c in a.citations}.isdisjoint(c.source_id for c in b.citations):
                    differs.setdefault(i, []).append(b.text)
    rows = [replace(r, differs=tuple(differs.get(n, ()))) for n, r in enumerate(rows)]
    order: list[int] = []
    for n in range(len(rows)):
        if n in order:
            continue
        order.append(n)
        order += [m for m in range(n + 1, len(rows)) if m not in order and rows[m].text in rows[n].differs]
    return [rows[n] for n in order]
