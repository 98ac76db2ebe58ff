"""Vietnamese text: normalisation, folding for search, sentences, word shapes, dates."""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from typing import NamedTuple

# Characters XML 1.0 cannot hold (C0 controls other than tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF), plus C1 controls, which only ever come from mis-decoded bytes.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Invisible characters scraped pages are full of: zero-width spaces/joiners, soft hyphen, BOM.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
# Bidirectional controls (embeddings, overrides, isolates, marks): invisible, and they make a
# viewer show text in another order than it is stored ("\u202eexe.txt" shows as "txt.exe").
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def xml_safe(text: str) -> str:
    """Return *text* without the characters an XML document (a DOCX part) cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def normalize(text: str) -> str:
    """Return *text* in NFC with XML-illegal controls, invisible characters and bidirectional
    controls removed.

    Line breaks are unified to ``\\n`` and runs of horizontal spaces (including
    non-breaking spaces) become one space; line structure is kept.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    text = _BIDI.sub("", text)
    text = _XML_ILLEGAL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# Combining marks (the blocks of U+0300, U+1AB0, U+1DC0, U+20D0, U+FE20) removed by fold().
_MARK_PATTERN = re.compile("[" + "".join(
    chr(c) for start, end in ((0x300, 0x370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100), (0xFE20, 0xFE30))
    for c in range(start, end) if unicodedata.category(chr(c)) == "Mn") + "]")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Return *text* lower-cased without diacritics, with ``đ`` folded to ``d``.

    "Đối ngoại đa phương" -> "doi ngoai da phuong". Used for search and for matching
    cue phrases regardless of how a page spells its tones. The same passage is folded by
    every annotation step, so recent results are remembered.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    if text.isascii():
        return text.lower()
    stripped = _MARK_PATTERN.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", stripped).lower()


_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Return the folded syllables (word tokens) of *text*."""
    return _TOKEN.findall(fold(text))


def words(text: str) -> list[str]:
    """Return the whitespace-separated words of *text* (punctuation kept)."""
    return text.split()


def starts_lower(text: str) -> bool:
    """Return True when *text* starts with a lower-case letter (Vietnamese included)."""
    return bool(text) and text[0].islower()


def is_capitalised(word: str) -> bool:
    """Return True when *word* starts with an upper-case letter (Vietnamese included)."""
    stripped = word.lstrip("\"'“‘(")
    return bool(stripped) and stripped[0].isupper()


# Sentence boundaries: ., !, ?, … (optionally followed by closing quotes/brackets), then
# space and something that can start a sentence. "10.378" and "TP.HCM" never match
# because no space follows the dot.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"”’»)\]]*)\s+(?=(?:[–—]\s+)?[\"“‘«(\[]?(\w))")
# Abbreviations after which a dot does not end a sentence.
_ABBREVIATIONS = {"tp", "ts", "ths", "pgs", "gs", "ông", "bà", "st", "mr", "mrs", "dr", "tr", "no", "vs"}


def sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of *text*, covering all of it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not (match.group(2).isupper() or match.group(2).isdigit()):
            continue
        # Only the end of the sentence so far is read (an abbreviation is a short word), so a
        # long run of "TP. Hà Nội" is not sliced from its start at every dot.
        before = text[max(start, match.start() - 40) : match.start()]
        last_word = before.rsplit(" ", 1)[-1].rstrip(".").lower()
        if before.endswith(".") and last_word in _ABBREVIATIONS:
            continue
        spans.append((start, match.end(1)))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def ends_sentence(line: str) -> bool:
    """Return True when *line* ends like a sentence (., !, ?, …, ; or a closing quote after one)."""
    stripped = line.rstrip("\"”’»)] ")
    return bool(stripped) and stripped[-1] in ".!?…;"


def doubled(line: str) -> bool:
    """Return True when *line* is one text printed twice ("X X"), as teaser boxes do."""
    n = len(line)
    if n < 20 or n % 2 == 0:
        return False
    half = n // 2
    return line[:half] == line[half + 1 :] and line[half] == " "


def _escaped(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    if ch in "\n\t\r":
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unprintable(ch: str) -> bool:
    # Controls, format characters (bidirectional controls, zero-width marks), surrogates and
    # the line and paragraph separators: each can end a line, move the cursor, colour a
    # terminal or reorder what is shown.
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


_SUSPECT = re.compile(r"[^\x20-\x7e\u00a0-\u02ff\u0300-\u036f\u1e00-\u1eff]")


def printable(text: str) -> str:
    """Return *text* as one line that prints literally: control and format characters,
    bidirectional controls, line separators and the bytes of a file name that is not UTF-8
    are written as escapes (``\\n``, ``\\x1b``, ``\\u202e``, ``\\xe1``).

    Every message naming a file goes through it, so a file name can never start a new log
    line, move a terminal's cursor or show in another order than it is stored.
    """
    if not _SUSPECT.search(text):  # the common case: plain Vietnamese, nothing to look at
        return text
    return "".join(_escaped(ch) if _unprintable(ch) else ch for ch in text)


def file_label(name: str) -> str:
    """Return how a file name is shown and stored: :func:`printable`, with a backslash doubled
    so that no two names are shown alike (a name holding a real ``\\x41`` stays apart)."""
    if not _SUSPECT.search(name) and "\\" not in name:
        return name
    return printable(name.replace("\\", "\\\\"))


# ---------------------------------------------------------------------------------------
# Dates
#
# Every date briefgen reads is parsed here. A caller that looks for a date in a context of
# its own (a lead's "Sáng nay (25/1)", a URL's path) builds its pattern from the pieces below
# (named groups year, month, day) and reads the match with date_parts().

YEAR = r"(?:19|20)\d{2}"  # a year as dates write it (regex text)
_YEAR_GROUP = rf"(?P<year>{YEAR})"
# A day and month without the year, as datelines write them: "25/1", "25-1", "25.1".
DAY_MONTH = r"(?P<day>\d{1,2})\s*[/\-.]\s*(?P<month>\d{1,2})"
# An ISO date or partial date: "2018", "2018-05", "2018-05-06" (a time may follow).
ISO_DATE = rf"{_YEAR_GROUP}(?:-(?P<month>\d{{2}}))?(?:-(?P<day>\d{{2}}))?"

# The forms of a whole date in a folded text, in the order find_date() tries them.
_WRITTEN_DATES = (
    # 25/1/2018, 25.1.2018, 25-1-2018 (one separator, written twice)
    re.compile(rf"(?<![\d/.\-])(?P<day>\d{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<month>\d{{1,2}})\s*(?P=sep)\s*"
               rf"{_YEAR_GROUP}(?!\d)"),
    # 25 thang 1 nam 2018, 25 thang 1, 2018
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+thang\s+(?P<month>\d{{1,2}})\s*,?\s*(?:nam\s+)?{_YEAR_GROUP}(?!\d)"),
    # 2018-01-25
    re.compile(rf"(?<!\d){_YEAR_GROUP}-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?!\d)"),
)
# A month and its year that are the whole of a folded line, sometimes glued: "thang 10/2018",
# "thang 102018".
_MONTH_YEAR = re.compile(rf"^thang\s*(?P<month>\d{{1,2}})\s*[/\-,]?\s*{_YEAR_GROUP}$")
_ISO_START = re.compile(ISO_DATE)


class DateParts(NamedTuple):
    """A date as written: any part may be missing ("Ngày 25/1" has no year, "2024" is a year)."""

    year: int | None
    month: int | None
    day: int | None


def date_parts(match: re.Match[str]) -> DateParts:
    """Return the year, month and day that a date pattern's named groups matched (None for a
    part the pattern has no group for, or did not match)."""
    groups = match.groupdict()
    year, month, day = (groups.get(name) for name in ("year", "month", "day"))
    return DateParts(int(year) if year else None, int(month) if month else None, int(day) if day else None)


def valid_date(year: int | None, month: int | None, day: int | None) -> bool:
    """Return False for a month outside 1-12 or a day outside 1-31 (a missing part is fine)."""
    if month is not None and not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= 31


def find_date(folded: str) -> tuple[DateParts, int, int] | None:
    """Return the first whole date written in a folded text (25/1/2018, 25.1.2018,
    25 thang 1 nam 2018, 2018-01-25) and its (start, end), or None.

    The forms are looked for in that order and the first one found wins, valid or not
    (check it with :func:`valid_date`)."""
    for pattern in _WRITTEN_DATES:
        match = pattern.search(folded)
        if match:
            return date_parts(match), match.start(), match.end()
    return None


def month_year(folded: str) -> DateParts | None:
    """Return the month and year that are the whole of a folded line ("thang 10/2018",
    "thang 102018"), or None."""
    match = _MONTH_YEAR.match(folded)
    return date_parts(match) if match else None


def iso_date_at_start(text: str) -> DateParts | None:
    """Return the ISO date or partial date *text* starts with ("2018-05-06T10:00" gives
    2018-05-06), or None; the parts are not checked."""
    match = _ISO_START.match(text)
    return date_parts(match) if match else None


def parse_iso_date(value: str) -> DateParts | None:
    """Return the parts of an ISO date or partial date that exists ("2019", "2019-02",
    "2019-02-28"; a year of 1900-2100), or None ("2019-02-31" does not exist).

    As a person writes it in a sidecar: the month and day may have one digit ("2019-2-3")."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    year = int(parts[0])
    month, day = (int(parts[i]) if i < len(parts) else None for i in (1, 2))
    try:
        datetime.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return None
    return DateParts(year, month, day) if 1900 <= year <= 2100 else None


def iso_year_month(iso: str) -> tuple[int, int | None]:
    """Return the year and month of a date :func:`format_date` wrote ("2024", "2024-01",
    "2024-01-25")."""
    return int(iso[:4]), int(iso[5:7]) if len(iso) >= 7 else None


def format_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """Return an ISO date or partial date ("2024", "2024-01", "2024-01-25")."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


# Time written relative to the text's own date, in a folded text: "năm nay", "năm qua", "năm tới".
# Each maps to how many years after the year of writing it points (the year reviewed, for a
# review: "năm qua" in a January review is the year before its date, which the reviewed year
# already says).
# Read with their tones: folded, "Việt Nam trước việc …" would read as "năm trước" and "Việt
# Nam qua các thời kỳ" as "năm qua".
_RELATIVE_YEARS = (
    (re.compile(r"(?<!\w)(?:năm nay|trong năm nay)(?!\w)"), "now", 0),
    # ("những năm qua", "5 năm qua": a span of years, no one year)
    (re.compile(r"(?<!\w)(?<!những )(?<!nhiều )(?<!các )(?<!mấy )(?<!\d )(?<!hai )(?<!ba )(?<!bốn )(?<!mười )"
                r"(?:năm qua|năm vừa qua|thời gian qua)(?!\w)|(?<!\w)(?<!năm )vừa qua(?!\w)"), "reviewed", 0),
    (re.compile(r"(?<!\w)(?:năm tới|năm sau|sang năm|năm sắp tới)(?!\w)"), "reviewed", 1),
    (re.compile(r"(?<!\w)(?:năm ngoái|năm trước)(?!\w)"), "now", -1),
)
# A day and month with no year ("ngày 24/2", "sáng 15-12", "(25/1)"), in a folded text.
_DAY_MONTH_ONLY = re.compile(r"(?<![\d/.\-])(?:ngay|sang|chieu|toi|trua|dem|hom)\s+(?:nay\s*)?\(?(?P<day>\d{1,2})\s*"
                             r"(?P<sep>[/.\-])\s*(?P<month>\d{1,2})(?!\s*(?P=sep)?\s*\d)")


class RelativeYear(NamedTuple):
    """A year written relative to the text's date: from which year ("now", the year of writing,
    or "reviewed", the year the text reviews) and how many years after it."""

    base: str
    offset: int


def relative_years(text: str) -> list[RelativeYear]:
    """Return the years a text names relative to its own date ("năm nay", "năm qua", "năm
    tới", "năm ngoái"), in the order of the table above, each once (read with its tones)."""
    low = unicodedata.normalize("NFC", text).lower()
    return [RelativeYear(base, offset) for pattern, base, offset in _RELATIVE_YEARS if pattern.search(low)]


def day_months(folded: str) -> list[DateParts]:
    """Return the days written with their month and no year ("ngay 24/2", "sang 15-12") in a
    folded text: the year is the text's own."""
    found = []
    for match in _DAY_MONTH_ONLY.finditer(folded):
        parts = date_parts(match)
        if parts.month is not None and valid_date(None, parts.month, parts.day):
            found.append(parts)
    return found


def year_of_day(month: int, published_year: int, published_month: int | None) -> int:
    """Return the year of a day written without one in a text dated *published_year* (and
    month): the year of writing, or the year before for a late month in an early page (a
    January page's "ngày 28/12")."""
    if published_month is not None and month > published_month + 2:
        return published_year - 1
    return published_year


def plural(n: int, word: str, many: str | None = None) -> str:
    """Return a count with its (English) noun, as messages write it: "1 passage", "2 passages"."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def plain_number(value: float) -> str:
    """Return a number the Vietnamese way, to two decimals at most: a dot between the thousands
    and a decimal comma (10.378; 15,7; -0,5)."""
    whole, _, fraction = f"{abs(value):.2f}".rstrip("0").rstrip(".").partition(".")
    sign = "-" if value < 0 and (whole != "0" or fraction) else ""
    return sign + f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")
