"""Facts a page's lines carry: its date (a dateline, a stamp), its author (a byline), its
outlet and URL (a source line, a credit), each read from one line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import ISO_DATE, date_parts, find_date, fold, month_year, valid_date
from .cues import Cues
from .furniture import BULLETS, line_key


@dataclass(frozen=True)
class PageDate:
    """A date found in the page: year may be missing (a "Ngày 25/1" dateline)."""

    year: int | None
    month: int | None
    day: int | None
    how: str  # "stamp", "dateline", "lead"


# What else a dateline holds besides its date (the date itself is read by text.find_date)
_TIME = re.compile(r"(?<!\d)\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?!\d)")
_WEEKDAY = re.compile(r"\b(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|cn|t[2-7])\b")
_DATE_NOISE = re.compile(r"\b(?:gmt\s*\+?\s*\d+|utc\s*\+?\s*\d*|am|pm|sa|ch|ngay|luc|gio)\b")

_DIGIT = re.compile(r"\d")
# A " date YYYY-MM-DD" stamp in front of the first line (as some exports write it).
_STAMP = re.compile(rf"^date\s+{ISO_DATE}\b\s*")


def parse_dateline(text: str, cues: Cues) -> tuple[PageDate | None, bool]:
    """Return (date, is_dateline) for a line that is only a date, time and page labels.

    ``is_dateline`` is True for any date/time line ("14:02 | 04/12/2025 Tin tức",
    "Thứ ba, 28/11/2017 07:00", "Ngày đăng: 18/08/2018", "Tháng 102018"); the date is
    None for a time-only line.
    """
    folded = fold(text).strip(BULLETS + " ")
    if len(folded) > 80 or not _DIGIT.search(folded):
        return None, False  # a dateline is short and has a date or a time in it
    glued = month_year(folded)
    if glued:
        return (PageDate(*glued, "dateline") if valid_date(*glued) else None), True
    date: PageDate | None = None
    residue = folded
    for label in cues.date_labels:
        residue = residue.replace(label, " ")
    found = find_date(residue)
    if found:
        parts, start, end = found
        if valid_date(*parts):
            date = PageDate(*parts, "dateline")
        residue = residue[:start] + " " + residue[end:]
    had_time = bool(_TIME.search(residue))
    residue = _TIME.sub(" ", residue)
    residue = _WEEKDAY.sub(" ", residue)
    residue = _DATE_NOISE.sub(" ", residue)
    leftover = line_key(residue).split()
    if (date is not None or had_time) and len(leftover) <= 3 and len(folded) <= 80:
        return date, True
    return None, False


def date_stamp(folded: str) -> tuple[PageDate | None, int] | None:
    """Return the date of the stamp a folded first line opens with ("date 2018-05-06 …") and
    where the stamp ends, or None; the date is None when it cannot be one."""
    stamp = _STAMP.match(folded)
    if not stamp:
        return None
    parts = date_parts(stamp)
    return (PageDate(*parts, "stamp") if parts.year is not None and valid_date(*parts) else None), stamp.end()


_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_SOURCE_LINE = re.compile(
    r"^[(\[]?\s*(?:nguon|theo|link bai goc|link goc|bai goc|xem bai goc|source|link)\b"
    r"(?P<name>[^:]{0,60}?)\s*:?\s*(?P<url>https?://\S+?)\s*[)\]]?\s*$"
)
_THEO_CREDIT = re.compile(r"^[(\[]?\s*(?:theo|nguon)\s*:?\s+(?P<name>[^,;]{2,40}?)\s*[)\]]?\s*\.?$")
_SLASH_BYLINE = re.compile(
    r"^(?P<name>[^\W\d_][\w.]*(?:\s+[^\W\d_][\w.]*){0,4})\s*/\s*"
    r"(?P<outlet>[\w][\w.+&\- ]{1,40})$"
)
_OUTLET_ONLY = re.compile(r"^\(\s*(?P<outlet>[^()]{2,40}?)\s*\)\s*[-–—]?\s*$")


def source_line(text: str, folded: str) -> tuple[str, str] | None:
    """Return the URL and the outlet name (maybe empty) of a source line ("Nguồn: VnExpress
    https://…"), or None."""
    source = _SOURCE_LINE.match(folded)
    if not source or len(folded) != len(text):
        return None
    return text[source.start("url") : source.end("url")], text[source.start("name") : source.end("name")].strip(" :-")


def bare_url(text: str, words: int) -> str | None:
    """Return the URL of a line that is only a URL (maybe in brackets), or None."""
    url = text.strip("<>()[] ")
    return url if words <= 3 and _URL.fullmatch(url) else None


def credit_kind(folded: str, words: int, cues: Cues) -> str | None:
    """Return the credit kind of a short "Ảnh: X" / "Thực hiện: X" line, or None."""
    if words > 15:
        return None
    stripped = folded.strip("()[] " + BULLETS)
    for prefix in cues.credit_prefixes:
        if re.match(re.escape(prefix) + r"\s*:", stripped):
            return prefix
    if stripped in ("anh minh hoa", "anh tu lieu", "anh internet"):
        return "anh"
    return None


def credit_value(text: str) -> str:
    """Return what a credit line credits (the words after its colon), or ""."""
    return text.split(":", 1)[1].strip(" )]") if ":" in text else ""


def theo_credit(text: str, folded: str, words: int) -> str | None:
    """Return the outlet of a short "Theo X" / "(Nguồn: X)" line, or None."""
    theo = _THEO_CREDIT.match(folded)
    return text[theo.start("name") : theo.end("name")] if theo and words <= 6 else None


def slash_byline(text: str, words: int, cues: Cues) -> tuple[str, str] | None:
    """Return the author and outlet of a "Name/Outlet" byline ("Hải Minh/VGP News"), or None."""
    slash = _SLASH_BYLINE.match(text)
    if slash and words <= 8 and name_like(slash.group("name"), cues):
        return slash.group("name"), slash.group("outlet").strip()
    return None


def outlet_only(text: str) -> str | None:
    """Return the outlet of a line that is only an outlet in brackets ("(VOV) -"), or None."""
    match = _OUTLET_ONLY.match(text)
    return match.group("outlet") if match else None


def name_like(text: str, cues: Cues) -> str | None:
    """Return the name when *text* is a byline: 2-4 capitalised syllables, maybe after "TS."."""
    candidate = re.sub(r"^(?:bài(?: và ảnh)?|tác giả|theo)\s*:\s*", "", text.strip(" .,;-–—"), flags=re.I)
    words = candidate.split()
    while words and fold(words[0]).rstrip(".") in {p.rstrip(".") for p in cues.name_prefixes}:
        words = words[1:]
    if not 2 <= len(words) <= 4:
        return None
    for word in words:
        letters = word.replace("-", "")
        if not (letters.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())):
            return None
    if fold(" ".join(words)) in cues.not_names or fold(" ".join(words[:2])) in cues.not_names:
        return None
    return candidate


# An outlet's tag opening a lead: "(VOH) - ", "TCCS - ", "(NLĐO)- ", "Kinhtedothi - ", "TGVN. ":
# one word of at most 20 letters, dots or digits (in brackets or not), then a dash (or, for a
# word of capitals, a full stop), then the sentence's capital.
_LEAD_TAG = re.compile(r"^(?P<tag>\((?P<inner>[^()]{2,40})\)\s*[-–—]|(?P<word>[^\W\d_][\w.+]{1,19})\s*[-–—]"
                       r"|(?P<caps>[A-ZĐ][A-ZĐ0-9+]{1,9})\.)\s*(?=[A-ZĐÀ-Ỹ“\"\d])")


def lead_tag(lead: str, rest: str) -> str | None:
    """Return the outlet's tag a lead opens with (to be left out of it), or None.

    A tag in brackets is always one; a bare word is one when it is an outlet's kind of word
    (a domain, a word of capitals, a run-together name "Kinhtedothi") that the rest of the
    text uses only in credits ("Ảnh: TTXVN", "(Theo TTXVN)"): "ASEAN - Nhật Bản …" opens on the
    story's subject, which recurs."""
    match = _LEAD_TAG.match(lead)
    if match is None:
        return None
    if match.group("inner"):
        return match.group("tag")
    word = match.group("word") or match.group("caps")
    shaped = "." in word or word.isupper() or (word[:1].isupper() and word[1:].islower() and len(word) >= 6)
    if not shaped:
        return None
    text = lead[match.end():] + " " + rest
    for used in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
        before = text[max(0, used.start() - 8) : used.start()].rstrip()
        if not (before.endswith(("(", "/", ":", "-")) or before.lower().endswith("theo")):
            return None  # the story's own word, not only a credit ("Ảnh: TTXVN", "(Theo TTXVN)")
    return match.group("tag")


def tag_name(tag: str) -> str:
    """Return the outlet a lead's tag names: "(VOH) -" -> "VOH", "TGVN." -> "TGVN"."""
    return tag.strip().rstrip("-–—.").strip().strip("()").strip()
