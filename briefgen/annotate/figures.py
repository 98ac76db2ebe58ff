"""Figures: quantities written in digits, with their qualifier, scale and counted noun phrase.

"trên 50 đề án", "10.378 công dân", "gần 15,7 tỉ USD", "17,3%", "5 ngày làm việc".
Dates, years, ordinals ("lần thứ 26", "lần 2"), document numbers ("Chỉ thị số 25-CT/TW",
"Nghị quyết 18"), names and identifiers ("Hải Dương 8", "Covid-19", "G20"), terms, time
frames and anniversaries ("trong 5 năm qua", "75 năm Quốc khánh"), ages and rankings are
not figures. Numbers written as words ("hàng trăm") are not read.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from ..model import Figure, FigureKind
from ..text import YEAR, fold, sentences

# A number as written: 10.378 / 1,5 / 15,68 / 1.234,5 / 17.2; optionally a range "8-9".
_NUMBER = re.compile(r"(?<![\w.,:\-+])(\d+(?:[.,]\d+)*)(?:\s*[-–]\s*(\d+(?:[.,]\d+)*))?(?![.,]?\d)")
_SCALES = {"ty": 1e9, "ti": 1e9, "trieu": 1e6, "nghin": 1e3, "ngan": 1e3}
# Currencies, folded; the longest first.
_CURRENCIES = ("do la my", "do-la", "do la", "dola", "dollar", "usd", "us$", "eur", "euro", "yen", "nhan dan te",
               "bang anh", "won", "dong", "vnd", "$")
_MEASURES = {"km", "km2", "m", "m2", "ha", "kg", "tan", "hai ly", "dam", "mw", "kwh", "lit", "cm", "mm", "hecta",
             "hec-ta", "ki-lo-met", "kilomet", "met"}
_GLUED_UNITS = {"km", "km2", "m", "m2", "ha", "kg", "mw", "kwh", "cm", "mm", "usd", "%", "t", "tr", "k"}
_TIME_UNITS = {"ngay", "tuan", "thang", "gio", "phut", "tieng", "dem"}
_YEARS_UNITS = {"nam", "tuoi", "thap ky", "the ky", "thap nien"}
QUALIFIERS = {"tren": "trên", "hon": "hơn", "gan": "gần", "khoang": "khoảng"}
# Words before a number (lower case, with tones: "đường" is not "dương") that make it an
# ordinal, a rank, a date part, a document number or an identifier.
_ORDINAL_BEFORE = re.compile(
    r"(?:^|[\s(\"“‘'])(?:lần|lần thứ|thứ|khóa|khoá|kỳ họp|phiên|đợt|top|hạng|xếp|vị trí|số hiệu|mã|mã số|điều|khoản"
    r"|điểm|mục|chương|phần|trang|tập|quyển|ngày|hôm|mùng|mồng|tháng|năm|quý|trung ương|đại hội|chỉ thị"
    r"|nghị quyết|nghị định|quyết định|thông tư|kết luận|công văn|kế hoạch|luật|phụ lục|biểu|tờ trình|đề án"
    r"|chương trình|văn kiện|thông báo|công điện|lệnh|tàu|chuyến bay|khu|lô|phòng|đường|phố|quận|phường|nhóm"
    r"|gói|tuyến|số|thứ tự|kênh|khu vực|vùng|tầng|kilômét|km)\s*(?:số\s*)?:?\s*$"
)
# "tổng số 15", "trong số 20": a count, not a document number.
_COUNT_SO = re.compile(r"(?:tổng|trong|một)\s+số\s*$")
# Before a "N tháng/ngày/tuần" that is a time frame, not a measured activity.
_FRAME_BEFORE = re.compile(r"\b(?:trong|sau|suot|tu|truoc|qua|cach day|moi|hang|vong|gan day)\s*$")
_FRAME_AFTER = re.compile(r"^\s*(?:qua|toi|sap toi|dau|cuoi|truoc|sau|gan day|nua|ke tu|lien tiep|vua qua|nay)\b")
# Words (lower case, with their tones: "trọng" is not "trong") that end a counted noun
# phrase: function words, common verbs, numerals.
_STOP = frozenset([
    "và", "hoặc", "hay", "của", "đã", "được", "bị", "trong", "tại", "ở", "với", "cho", "từ", "đến", "tới", "là",
    "thì", "mà", "nhưng", "vào", "trên", "dưới", "so", "theo", "khi", "để", "này", "đó", "các", "những", "cùng",
    "đều", "sẽ", "đang", "như", "nhằm", "về", "qua", "sau", "trước", "giữa", "nhau", "có", "không", "chưa", "rất",
    "nhất", "hơn", "thuộc", "gồm", "tăng", "giảm", "chiếm", "lên", "xuống", "ra", "nếu", "mỗi", "kia", "ấy",
    "riêng", "nhờ", "vậy", "nữa", "phê", "tham", "gửi", "kèm", "vượt", "đạt", "dự", "do", "bằng", "vì", "nên",
    "còn", "một", "năm", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "tiếp", "nhận", "đưa", "sang", "đi", "lại", "hỗ", "dành",
    "mang",
])
# Degree words before an adjective end a counted noun phrase: "3 nội dung hết sức quan trọng"
# counts "nội dung", and what follows describes them.
_DEGREE = frozenset({"hết sức", "vô cùng", "cực kỳ", "cực kì", "đặc biệt", "khá là", "thật sự"})
# Two-word nouns whose first syllable is otherwise a stop word.
_PAIRS = frozenset({"tham quan", "tham tán", "dự án", "dự thảo", "tiếp viên", "nhận thức"})
# Words that make "N ngày/tháng" the length of an activity even after "sau"/"trong".
_ACTIVITY = re.compile(r"^\s*(?:lam viec|hop|hoi nghi|tham|dien ra|thi dau|dam phan|hoi dam|dieu tra|cong tac)\b")
# "6 giờ 45 phút sáng", "45 phút ngày 3/5": a clock time.
_CLOCK_AFTER = re.compile(r"^\s*(?:\d|sang|chieu|toi|trua|dem|ngay|hom|rang)")
_MAX_UNIT_WORDS = 5
_WORD = re.compile(r"[^\W_](?:[\w\-]*\w)?")  # letters and digits (a hyphen inside: "kinh-tế")
_BREAK = re.compile(r"^\s*[^\w\s]")  # any punctuation or symbol ends a noun phrase
# How far around a number its context is read: every look at the text is a window this wide,
# never the whole passage, so a passage of a megabyte costs its length, not its length times
# its figures.
_AHEAD = 160
_BEHIND = 240
# A figure keeps its sentence, cut to this many characters around it (a passage without
# sentence ends would otherwise be copied into each of its figures).
_SENTENCE_CHARS = 1000
_YEAR = re.compile(YEAR)  # a number that is a year ("2018"), unless a qualifier makes it a count


def parse_number(written: str) -> float:
    """Return the value of a number as Vietnamese writes it: "10.378" -> 10378, "1,5" -> 1.5,
    "1.234,5" -> 1234.5, "17.2" -> 17.2 (a last group that is not three digits is decimal)."""
    if "," in written and "." in written:
        return float(written.replace(".", "").replace(",", "."))
    for sep in (".", ","):
        if sep in written:
            groups = written.split(sep)
            if sep == "." and len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
                return float("".join(groups))
            if len(groups) == 2:
                return float(groups[0] + "." + groups[1])
            return float("".join(groups))  # "1,234,567" (English thousands)
    return float(written)


def _words_after(folded: str, start: int, limit: int = 8) -> list[tuple[int, int]]:
    """Return spans of up to *limit* words after *start*, stopping at punctuation."""
    spans: list[tuple[int, int]] = []
    pos = start
    while len(spans) < limit:
        if _BREAK.match(folded[pos : pos + _AHEAD]):
            break
        match = _WORD.search(folded, pos)
        if not match or folded[pos : match.start()].strip():
            break
        spans.append((match.start(), match.end()))
        pos = match.end()
    return spans


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - _BEHIND) : start].rstrip()
    before = before[: len(before) - len(before.rsplit(" ", 1)[-1])].rstrip()
    return not before or before[-1] in ".!?…:;\"“(\n-–—•"


def extract(text: str) -> list[Figure]:
    """Return the figures of one passage (NFC), in reading order."""
    text = unicodedata.normalize("NFC", text)
    folded = fold(text)
    if len(folded) != len(text):  # a letter whose fold changes length would shift offsets
        return []
    sentence_spans = sentences(text)
    starts = [s for s, _ in sentence_spans]
    found: list[Figure] = []
    for match in _NUMBER.finditer(text):
        at = bisect.bisect_right(starts, match.start()) - 1
        span = sentence_spans[at] if at >= 0 and match.start() < sentence_spans[at][1] else (0, len(text))
        figure = _figure(text, folded, match, span)
        if figure is not None:
            found.append(figure)
    return found


def _sentence_around(text: str, span: tuple[int, int], start: int, end: int) -> str:
    """Return the sentence *span* of a figure at *start*-*end*, cut at spaces to about
    _SENTENCE_CHARS around the figure when it is longer (marked with "…")."""
    s, e = span
    if e - s <= _SENTENCE_CHARS:
        return text[s:e].strip()
    half = _SENTENCE_CHARS // 2
    left, right = max(s, start - half), min(e, end + half)
    if left > s:
        left = text.find(" ", left, start) + 1 or left
    if right < e:
        space = text.rfind(" ", end, right)
        right = space if space > 0 else right
    return ("…" if left > s else "") + text[left:right].strip() + ("…" if right < e else "")


def _figure(text: str, folded: str, match: re.Match[str], sentence_span: tuple[int, int]) -> Figure | None:
    """Return the figure a number of the text is (its qualifier, scale, unit and kind), or None."""
    written, upper = match.group(1), match.group(2)
    start, end = match.start(), match.end()
    before = folded[max(0, start - 40) : start]
    if _not_a_quantity(text, folded, match, before):
        return None
    qualifier = _qualifier(before)
    scale = 1.0
    dollar = start > 0 and text[start - 1] == "$"
    glued = re.match(r"[^\W\d_]+|%", folded[end : end + _AHEAD])
    spans = _words_after(folded, end)
    scale_end = end  # the end of the number and its scale words ("2,5 nghìn tỷ")
    while not glued and spans and folded[spans[0][0] : spans[0][1]] in _SCALES:
        scale *= _SCALES[folded[spans[0][0] : spans[0][1]]]
        scale_end = spans[0][1]
        spans = spans[1:]
    after = folded[spans[0][0] : spans[0][0] + _AHEAD] if spans else ""
    unit_end = scale_end
    kind: FigureKind = "count"
    unit: str | None
    if glued and glued.group(0) not in _GLUED_UNITS:
        return None  # "5G", "3D", "19h": not a quantity
    currency = next((c for c in _CURRENCIES if re.match(re.escape(c) + r"(?!\w)", after)), None)
    if (glued and glued.group(0) == "%") or after.startswith("phan tram"):
        kind, unit = "percent", "%"
        unit_end = end + 1 if glued else spans[0][0] + len("phan tram")
    elif dollar or (glued and glued.group(0) == "usd") or currency:
        kind = "money"
        if glued:  # "500USD"
            unit_end = end + len(glued.group(0))
            unit = text[end:unit_end]
        elif currency:  # "15,7 tỉ USD": the scale is in the value, the unit is the currency
            unit_end = spans[0][0] + len(currency)
            unit = text[spans[0][0] : unit_end]
        else:  # "$500 triệu"
            unit = "$"
    elif glued:
        kind, unit_end = "other", end + len(glued.group(0))
        unit = text[end:unit_end]
    else:
        counted = _counted(text, folded, spans, scale_end, scale, before)
        if counted is None:
            return None
        kind, unit, unit_end = counted
    text_start = start - 1 if dollar else start
    if qualifier:
        text_start = start - len(before) + before.rstrip().rfind(qualifier)
    sentence = _sentence_around(text, sentence_span, start, unit_end)
    value = parse_number(written) * scale
    value_max = parse_number(upper) * scale if upper else None
    return Figure(text=text[text_start:unit_end].strip(), value=value, unit=unit,
                  qualifier=QUALIFIERS[qualifier] if qualifier else None, kind=kind, start=text_start,
                  end=unit_end, sentence=sentence, value_max=value_max)


def _counted(text: str, folded: str, spans: list[tuple[int, int]], scale_end: int, scale: float, before: str
             ) -> tuple[FigureKind, str | None, int] | None:
    """Return the kind, unit and end of a figure whose unit is the noun phrase it counts ("50 đề
    án", "5 ngày làm việc"), or None when the number is no quantity (a bare number, a time frame,
    an age, a clock time)."""
    unit_end, words = _noun_phrase(text, folded, spans, scale_end)
    if not words:
        return None if scale == 1.0 else ("count", None, unit_end)  # a bare number counts nothing
    unit = " ".join(words)
    head, two = fold(words[0]), fold(" ".join(words[:2]))
    if head in _YEARS_UNITS or two in _YEARS_UNITS:
        return None  # a time frame, an anniversary or an age
    if head in _TIME_UNITS:
        head_end = spans[0][1]
        following = folded[head_end : head_end + _AHEAD]
        if head in ("gio", "phut") and (_CLOCK_AFTER.match(following) or before.endswith("gio ")):
            return None  # a clock time
        if not _ACTIVITY.match(following) and (_FRAME_BEFORE.search(before) or _FRAME_AFTER.match(following)):
            return None  # "trong 6 tháng qua", "mỗi 3 ngày": when, not how long
        return "duration", unit, unit_end
    return ("other" if head in _MEASURES or two in _MEASURES else "count"), unit, unit_end


def _not_a_quantity(text: str, folded: str, match: re.Match[str], before: str) -> bool:
    """Return True for a number that is a date, year, ordinal, identifier or part of a name."""
    written, upper = match.group(1), match.group(2)
    start, end = match.start(), match.end()
    if start > 0 and (text[start - 1] in "-–#№" or (text[start - 1] == "/" and text[max(0, start - 2)].isdigit())):
        return True  # "Covid-19", "25/1" ("ngư dân/189 tàu cá" is two figures)
    tail = text[end : end + 2]
    if tail[:1] in "/:" or (tail[:1] in "-–" and tail[1:2].isalpha()):
        return True  # "6/1", "14:02", "25-CT/TW"
    if tail[:1] == ")" and before.rstrip().endswith("("):
        return True  # "(1)" list marker
    if _YEAR.fullmatch(written) and (upper is None or _YEAR.fullmatch(upper)) and not _qualifier(before):
        return True  # a year, or a span of years
    lower_before = text[max(0, start - 40) : start].lower()
    if _ORDINAL_BEFORE.search(lower_before) and not _COUNT_SO.search(lower_before):
        return True  # "lần thứ 26", "Chỉ thị 25", "ngày 25", "top 5"
    head = text[max(0, start - _BEHIND) : start]
    previous = head.rstrip().rsplit(" ", 1)[-1] if head.strip() else ""
    if previous[-1:] in tuple(".!?…:;,\"“”()"):
        return False  # after punctuation a capital starts a sentence, not a name
    if previous.isupper() and len(previous) > 1 and previous.isalpha():
        return True  # "HD 981", "G 20"
    if previous[:1].isupper() and fold(previous) not in QUALIFIERS:
        previous_start = start - (len(head) - len(head.rstrip())) - len(previous)
        if not _at_sentence_start(text, previous_start):
            return True  # part of a name: "Hải Dương 8", "Hội nghị Ngoại giao 30"
    return False


def _qualifier(before: str) -> str | None:
    """Return the qualifier right before a number ("gần", "trên"; after a bracket too: "(gần
    3.000 phóng viên"), folded, or None."""
    word = before.rstrip().rsplit(" ", 1)[-1].lstrip("([\"“'") if before.strip() else ""
    return word if word in QUALIFIERS else None


def _noun_phrase(text: str, folded: str, spans: list[tuple[int, int]], end: int) -> tuple[int, list[str]]:
    """Return the end offset and words of the counted noun phrase at the start of *spans*."""
    words: list[str] = []
    for n, (s, e) in enumerate(spans):
        word = text[s:e]
        if len(words) >= _MAX_UNIT_WORDS or word[:1].isupper() or any(ch.isdigit() for ch in word):
            break  # a proper name or another number ends the counted noun
        lower = word.lower()
        if not words and lower in ("các", "những"):  # "hơn 200 các đồng chí"
            words.append(word)
            end = e
            continue
        following = f"{lower} {text[spans[n + 1][0]:spans[n + 1][1]].lower()}" if n + 1 < len(spans) else ""
        if following in _DEGREE or (lower in _STOP and following not in _PAIRS):
            break
        words.append(word)
        end = e
    return end, words
