"""Ranking and merging a pack's candidates: near-duplicate passages merged, passages weighed
by their themes, kind and figures, a shortlist read in full, and each item's key sentence."""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from itertools import chain, pairwise

from ..annotate.passages import PASSAGE_THEME_MIN
from ..annotate.people import person_key, places
from ..annotate.years import numeral_value
from ..model import Passage, PassageSummary
from ..text import YEAR, fold, sentences, tokens


def strongest(groups: list[tuple[Passage, list[Passage]]], limit: int,
              theme: str | None = None) -> list[tuple[Passage, list[Passage]]]:
    """Return at most *limit* groups, the strongest (a story several sources carry counts
    more), in their original order."""
    if len(groups) <= limit:
        return groups
    rank = sorted(range(len(groups)), key=lambda i: (-(weight(groups[i][0], theme) + 0.5 * len(groups[i][1])), i))
    keep = set(rank[:limit])
    return [g for i, g in enumerate(groups) if i in keep]


# Two passages are the same text when this share of the shorter one's word triples is in the other.
DUPLICATE_CONTAINMENT = 0.6


_SHINGLE = 3
_CUT_SHINGLES = 1  # the word triples a cut last word ("… khó khăn, thách th") leaves unmatched


def _shingles(text: str) -> set[tuple[str, ...]]:
    # "05 năm" and "5 năm" are one wording: numbers are compared without their leading zeros.
    words = [w.lstrip("0") or "0" if w.isdigit() else w for w in tokens(text)]
    if len(words) < _SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def containment(a: str, b: str) -> float:
    """Return the share of the shorter text's word triples found in the other (0..1)."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return len(small & large) / len(small)


def merge_duplicates(passages: list[Passage], events: bool = True) -> list[tuple[Passage, list[Passage]]]:
    """Return each distinct passage with the near-duplicates (in other sources) it stands for.

    The same wire story republished by two outlets, or one statement quoted twice, is kept
    once (the fuller text) and cites every source that carries it; so is a source's lead that
    its body repeats inside a longer paragraph. A passage is compared
    only with the kept passages it shares a word triple with (an inverted index), so the
    cost follows the duplicates, not the square of the passages. Then (*events*) the
    tellings of one event by different sources are joined (:func:`merge_events`).
    """
    texts = _merge_texts(passages)
    return merge_events(texts) if events else texts


def _merge_texts(passages: list[Passage]) -> list[tuple[Passage, list[Passage]]]:
    kept: list[tuple[Passage, list[Passage], set[tuple[str, ...]]]] = []
    postings: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for passage in passages:
        mine = _shingles(passage.text)
        shared = Counter(chain.from_iterable(postings[s] for s in mine if s in postings))
        for n in sorted(shared):
            other, dups, theirs = kept[n]
            # Within one source, only a passage that the other holds whole (a lead the body
            # repeats in a longer paragraph; the excerpt's cut may split the last word of one):
            # two items of a list may share most of their words.
            if other.source_id == passage.source_id and shared[n] < min(len(mine), len(theirs)) - _CUT_SHINGLES:
                continue
            if shared[n] >= DUPLICATE_CONTAINMENT * min(len(mine), len(theirs)):
                if len(passage.text) > len(other.text):
                    kept[n] = (passage, [*dups, other], mine)
                    for s in theirs - mine:
                        postings[s].discard(n)
                    for s in mine - theirs:
                        postings[s].add(n)
                else:
                    dups.append(passage)
                break
        else:
            if mine:
                for s in mine:
                    postings[s].add(len(kept))
            kept.append((passage, [], mine))
    return [(p, d) for p, d, _ in kept]


# One event told by several sources: the passages name the same partner (a country, a region
# or an organisation or agreement written as an acronym) in the same month of the same year, and
# say much the same of it (this share of the shorter one's content-word pairs is in the other).
EVENT_OVERLAP = 0.2
# Or they say nearly the same thing in other words: this share of content-word pairs, with one
# partner or one month in common.
REWORDED_OVERLAP = 0.45
# Two tellings whose written days are all at least this far apart tell two events, unless one
# tells an event that lasts days (a visit, a conference: _SPANS_DAYS).
EVENT_DAYS_APART = 3
# A passage naming more partners or months than this tells a list of events (a review's
# paragraph), never one event: it is not merged by the event test.
EVENT_SPREAD = 3

# Acronyms that name who writes, not whom one meets: outlets and the Party's document suffixes.
_NOT_PARTNERS = frozenset({"TTXVN", "VNA", "VOV", "VTV", "TCCS", "TW", "KL", "NQ", "CT", "QĐ", "TP", "TPHCM", "UBND",
                           "HĐND", "ĐBQH", "GDP", "USD", "VND", "TS", "PGS", "THS", "CNTT"})
_ACRONYM = re.compile(r"(?<![\w-])[A-ZĐ][A-ZĐ0-9]{1,}(?![\w-])")
# A registration, not a partner: letters with three digits or more ("BV4419TS", "KN266"), or
# letters a number of three digits or more follows ("BV 4419 TS").
_IDENTIFIER = re.compile(r"^(?:\D*\d){3}")
_NUMBER_AFTER = re.compile(r"\s+(?!(?:19|20)\d\d\b)\d{3,}\b")  # not a year: "APEC 2017" is APEC
# A day and month ("ngày 27/11", "27/11/2023", "sáng 15-12"), a month ("tháng 11", "tháng 11/2023").
_DAY_MONTH = re.compile(rf"(?<![\d/.\-,])(?:(?:ngay|sang|chieu|toi|dem|hom)\s+)?\(?(?P<day>\d{{1,2}})\s*/\s*"
                        rf"(?P<month>\d{{1,2}})(?:\s*/\s*(?P<year>{YEAR}))?(?!\d|,\d)"
                        rf"|(?:ngay|sang|chieu|toi|dem)\s+(?P<day2>\d{{1,2}})\s*[-.]\s*(?P<month2>\d{{1,2}})"
                        rf"(?:\s*[-.]\s*(?P<year2>{YEAR}))?(?!\d|,\d)"
                        rf"|thang\s+(?P<month3>\d{{1,2}})(?:\s*[/\-]\s*(?P<year3>{YEAR}))?(?!\d|,\d)")
# A named event of a numbered series, which names one event: "Hội nghị Ngoại giao lần thứ 32",
# "Hội nghị Ngoại giao 31", "Đại hội đồng khóa 78", "Cấp cao ASEAN 37" (folded). Its name is the
# head and the words before the number.
_SERIES = re.compile(r"\b(hoi nghi|dai hoi|ky hop|cap cao|dien dan|phien hop)((?:\s+(?!lan\b|khoa\b)[a-z]+){0,4}?)"
                     r"\s+(?:lan\s+thu\s+|khoa\s+|thu\s+)?(\d{1,3})\b(?!\s*(?:[/%.,-]\s*\d|nam\b|thang\b|ngay\b|"
                     r"ty\b|trieu\b|nghin\b|dai bieu|nuoc|quoc gia))")
# Words that carry no content of their own, left out of the content-word pairs.
_FUNCTION_WORDS = frozenset({
    "va", "cua", "cac", "nhung", "da", "la", "voi", "trong", "duoc", "cho", "nay", "co", "mot", "tai", "ve", "de",
    "tu", "theo", "den", "nhu", "khi", "thi", "se", "dang", "cung", "ma", "nhieu", "hon", "rat", "vao", "ra", "len",
    "tren", "duoi", "sau", "truoc", "giua", "ngay", "thang", "nam", "do", "day", "kia", "nao", "bi", "boi", "vi", "nen",
})


@cache
def _countries() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """Return the pattern of foreign places' names (folded) and, for each folded name, the
    names as written with their tones ("bi" is "Bỉ", not "Bí thư")."""
    data = places()
    written: dict[str, set[str]] = defaultdict(set)
    for group in ("countries", "foreign_cities"):
        for name in data.get(group, ()):
            written[fold(name)].add(name.lower())
    written.pop("viet nam", None)
    alternatives = "|".join(re.escape(n) for n in sorted(written, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), {k: frozenset(v) for k, v in written.items()}


@lru_cache(maxsize=16384)
def partners(text: str) -> frozenset[str]:
    """Return the partners a text names: foreign countries, regions and cities as written with a
    capital and their tones ("Nhật Bản", not "nhật bản"; "Pháp", not "pháp luật"; "Bỉ", not "Bí
    thư"), and the acronyms of organisations and agreements ("ASEAN", "RCEP"), outlets,
    document suffixes and registration numbers ("BV4419TS", "BV 4419 TS") left out."""
    folded = fold(text)
    found = set()
    aligned = len(folded) == len(text)
    pattern, written = _countries()
    for match in pattern.finditer(folded):
        if not aligned or (text[match.start()].isupper()
                           and text[match.start():match.end()].lower() in written[match.group()]):
            found.add(match.group())
    for match in _ACRONYM.finditer(text):
        a = match.group()
        if a in _NOT_PARTNERS or a.isdigit() or _IDENTIFIER.match(a) or _NUMBER_AFTER.match(text, match.end()):
            continue  # an outlet, a document's suffix, or a boat's or a plane's number ("BV 4419 TS")
        found.add(a)
    return frozenset(found)


# A summit named by who meets: "Hội nghị Thượng đỉnh Mỹ-Triều lần 2", "thượng đỉnh Mỹ-Triều",
# "Hội nghị Cấp cao ASEAN lần thứ 37": the head, then the words written with a capital after it
# (a name that holds a partner or an acronym: "Kinh doanh" alone names no one), then its ordinal —
# "lần thứ hai", "lần 2", a Roman numeral or a year. (Visits and forums are not summits: one
# partner receives many visitors, one forum meets several times a year under one name.)
_SUMMIT_HEAD = re.compile(r"(?i:(?<!\w)(?:hội nghị thượng đỉnh|hội nghị cấp cao|thượng đỉnh))\s+")
_SPELT_ORDINALS = {"nhất": "1", "thứ nhất": "1", "hai": "2", "ba": "3", "tư": "4", "bốn": "4", "năm": "5", "sáu": "6",
                   "bảy": "7", "tám": "8", "chín": "9", "mười": "10"}
_SUMMIT_ORDINAL = re.compile(r"^\s*(?:lần\s+)?(?:thứ\s+)?(\d{1,4}|[IVXL]+\b|"
                             rf"(?:{'|'.join(sorted(_SPELT_ORDINALS, key=len, reverse=True))})(?!\w))")
_ROMAN_NUMERAL = re.compile(r"^[IVXL]+$")


def named_summits(text: str) -> tuple[tuple[tuple[str, ...], str | None], ...]:
    """Return the summits a text names, each as its names (folded words, "-" joined without
    spaces) and its ordinal or None: "thượng đỉnh Mỹ-Triều" is (("my-trieu",), None),
    "Hội nghị Cấp cao ASEAN lần thứ 37" (("asean",), "37"), "APEC 2017" (("apec",), "2017")."""
    found = []
    for head in _SUMMIT_HEAD.finditer(text):
        words: list[str] = []
        at = head.end()
        for match in re.finditer(r"\S+", text[head.end():]):
            word = re.sub(r"^[^\w]+|[^\w]+$", "", match.group())
            parts = [w for w in re.split(r"[-–]", word) if w]
            if not parts or not all(w[:1].isupper() for w in parts) or _ROMAN_NUMERAL.match(word):
                break
            words.append(word)
            at = head.end() + match.end()
            if match.group() != word:  # a mark after it ends the name
                break
        name = " ".join(words)
        if not words or not (partners(name) or _ACRONYM.search(name)):
            continue  # "Hội nghị cấp cao đã …", "thượng đỉnh Kinh doanh …": no one named
        nth = _SUMMIT_ORDINAL.match(text[at:]) if at < len(text) else None
        ordinal = nth.group(1) if nth else None
        found.append((tuple(fold(re.sub(r"\s*[-–]\s*", "-", name)).split()), _ordinal_number(ordinal)))
    return tuple(found)


def _ordinal_number(ordinal: str | None) -> str | None:
    """Return an ordinal as digits: "hai" and "II" are "2"."""
    if ordinal is None:
        return None
    if _ROMAN_NUMERAL.match(ordinal):
        return str(numeral_value(ordinal.lower()))
    return _SPELT_ORDINALS.get(ordinal.lower(), ordinal)


def same_summit(a: str, b: str, numbered: Callable[[tuple[str, ...]], int] | None = None) -> bool:
    """Whether two sentences name one summit: the same names (one's may go on, "Mỹ-Triều" and
    "Mỹ-Triều Tiên"), and the same ordinal or one left unsaid; one left unsaid is the numbered one
    only when *numbered* (how many ordinals the pack's candidates give a name) says the series
    met once ("Cấp cao ASEAN" is either of the year's two)."""
    for names_a, nth_a in named_summits(a):
        for names_b, nth_b in named_summits(b):
            shorter = min(len(names_a), len(names_b))
            if names_a[:shorter] != names_b[:shorter]:
                continue
            if nth_a == nth_b or ((nth_a is None) != (nth_b is None) and (
                    numbered is None or numbered(names_a[:shorter]) <= 1)):
                return True
    return False


def _said_pairs(text: str) -> frozenset[tuple[str, str]]:
    """Return the pairs of adjacent words a text says, folded, leaving out the words written
    with a capital (names, titles, places: who speaks and of whom, not what is said) and the
    function words."""
    words = [None if w[:1].isupper() or fold(w) in _FUNCTION_WORDS else fold(w) for w in re.findall(r"\w+", text)]
    return frozenset((x, y) for x, y in pairwise(words) if x and y)


def shared_wording(a: str, b: str) -> float:
    """Return the share of the shorter text's word pairs (:func:`_said_pairs`) the other says too."""
    pairs_a, pairs_b = _said_pairs(a), _said_pairs(b)
    if not pairs_a or not pairs_b:
        return 0.0
    return len(pairs_a & pairs_b) / min(len(pairs_a), len(pairs_b))


def series_events(text: str) -> set[str]:
    """Return the numbered events a text names ("hoi nghi ngoai giao 32" for "Hội nghị Ngoại
    giao lần thứ 32")."""
    return {" ".join(f"{m.group(1)}{m.group(2)} {m.group(3)}".split()) for m in _SERIES.finditer(fold(text))}


@lru_cache(maxsize=16384)
def _written_dates(text: str) -> tuple[tuple[int | None, int, int | None], ...]:
    """Return the (year or None, month, day or None) of each day or month a text writes."""
    found = []
    for match in _DAY_MONTH.finditer(fold(text)):
        month = match.group("month") or match.group("month2") or match.group("month3")
        year = match.group("year") or match.group("year2") or match.group("year3")
        day = match.group("day") or match.group("day2")
        if month and 1 <= int(month) <= 12 and (day is None or 1 <= int(day) <= 31):
            found.append((int(year) if year else None, int(month), int(day) if day else None))
    return tuple(found)


@lru_cache(maxsize=16384)
def months(text: str, years: tuple[int, ...] = ()) -> frozenset[tuple[int | None, int]]:
    """Return the (year, month) of each day or month a text writes; a date without its year
    takes the passage's year when it has exactly one (*years*), else None."""
    default = years[0] if len(years) == 1 else None
    return frozenset((default if year is None else year, month) for year, month, _ in _written_dates(text))


def days(text: str) -> frozenset[tuple[int, int]]:
    """Return the (month, day) of each day a text writes with its month ("chiều 6/3", "ngày 14-10")."""
    return frozenset((month, day) for _, month, day in _written_dates(text) if day is not None)


def _day_number(month: int, day: int) -> int | None:
    try:
        return datetime.date(2001, month, day).toordinal()  # a common year: 28/2 and 1/3 are a day apart
    except ValueError:
        return None


def _days_apart(a: frozenset[tuple[int, int]], b: frozenset[tuple[int, int]]) -> int:
    """Return how many days apart the nearest two of two tellings' days are (0 when either writes none)."""
    days_a = [n for m, d in a if (n := _day_number(m, d)) is not None]
    days_b = [n for m, d in b if (n := _day_number(m, d)) is not None]
    if not days_a or not days_b:
        return 0
    return min(abs(x - y) for x in days_a for y in days_b)


# An event that lasts days, whose tellings may each write another of them: a visit, a trip, a
# conference, a session, a festival (folded).
_SPANS_DAYS = re.compile(r"(?<!\w)(?:chuyen tham|tham chinh thuc|tham cap nha nuoc|tham lam viec|tham va lam viec"
                         r"|chuyen cong tac|hoi nghi|dien dan|ky hop|hoi thao|le hoi|trien lam|tuan le)(?!\w)")


def _content_pairs(text: str) -> set[tuple[str, str]]:
    words = [w for w in tokens(text) if w not in _FUNCTION_WORDS and not w.isdigit()]
    return {(words[i], words[i + 1]) for i in range(len(words) - 1)}


def _same_month(a: frozenset[tuple[int | None, int]], b: frozenset[tuple[int | None, int]]) -> bool:
    return any(ma == mb and (ya is None or yb is None or ya == yb) for ya, ma in a for yb, mb in b)


class _Event:
    """What the event test compares of a passage: partners, months, content-word pairs."""

    def __init__(self, text: str, years: tuple[int, ...], names: tuple[str, ...]) -> None:
        self.partners = partners(text)
        self.months = months(text, years)
        self.days = days(text)
        self.lasting = bool(_SPANS_DAYS.search(fold(text)))
        self.pairs = _content_pairs(text)
        self.years = set(years)
        self.people = {person_key(name) for name in names}
        self.series = series_events(text)

    def focused(self) -> bool:
        return len(self.partners) <= EVENT_SPREAD and len({m for _, m in self.months}) <= EVENT_SPREAD

    def overlap(self, other: _Event) -> float:
        if not self.pairs or not other.pairs:
            return 0.0
        return len(self.pairs & other.pairs) / min(len(self.pairs), len(other.pairs))

    def same_event(self, other: _Event) -> bool:
        if self.years and other.years and not self.years & other.years:
            return False
        if len(self.series) == 1 and self.series == other.series:
            return True  # one numbered event ("the 32nd Diplomatic Conference"), in the same year
        if _days_apart(self.days, other.days) >= EVENT_DAYS_APART and not (self.lasting or other.lasting):
            return False  # each telling writes its days, all far apart: a call on the 3rd, a meeting on the 6th
        shared_partner = bool(self.partners & other.partners)
        if self.partners and other.partners and not shared_partner:
            return False  # one visit to Finland, one to Norway: each telling names its partner
        shared_month = _same_month(self.months, other.months)
        if not (self.months and other.months):
            # A telling that writes no date (its source's date is the event's) is placed by the
            # people it names: the same leader with the same partner.
            shared_month = bool(self.people & other.people) and shared_partner
        overlap = self.overlap(other)
        if shared_partner and shared_month and self.focused() and other.focused():
            # The partners each names must be mostly the same ones: a visit to one country and a
            # visit to another, told in one month, are two events.
            union = self.partners | other.partners
            return len(self.partners & other.partners) / len(union) >= 0.5 and overlap >= EVENT_OVERLAP
        return (overlap >= REWORDED_OVERLAP and (shared_partner or shared_month)
                and self.focused() and other.focused())


def same_event(a: Passage, b: Passage) -> bool:
    """Return True when two passages tell one event (the test of :func:`merge_events`, for any
    two passages, of one source or two)."""
    return _event(a).same_event(_event(b))


def _event(passage: Passage) -> _Event:
    return _event_of(passage.text, passage.years, tuple(person.name for person in passage.people))


@lru_cache(maxsize=8192)
def _event_of(text: str, years: tuple[int, ...], names: tuple[str, ...]) -> _Event:
    """Return what the event test compares of a text (the key-point choice asks of one passage again and again)."""
    return _Event(text, years, names)


def merge_events(groups: list[tuple[Passage, list[Passage]]]) -> list[tuple[Passage, list[Passage]]]:
    """Return *groups* (of :func:`merge_duplicates`) with the groups of other sources that tell
    the same event joined: one item citing every source, led by the fullest telling, in the
    place of the first. Two events of one theme, even of one month, stay apart: the test asks
    for the same partner and month and words in common (:class:`_Event`)."""
    events = [_event(p) for p, _ in groups]
    return _join(groups, lambda i, n: events[i].same_event(events[n]))


def _join(groups: list[tuple[Passage, list[Passage]]],
          alike: Callable[[int, int], bool]) -> list[tuple[Passage, list[Passage]]]:
    """Return *groups* with each joined to the first earlier group of other sources that holds
    one it is *alike* (by index): one item, led by the longest text, citing every source."""
    merged: list[list[int]] = []
    for i in range(len(groups)):
        for members in merged:
            sources = {p.source_id for n in members for p in (groups[n][0], *groups[n][1])}
            if groups[i][0].source_id in sources:
                continue
            if any(alike(i, n) for n in members):
                members.append(i)
                break
        else:
            merged.append([i])
    result = []
    for members in merged:
        lead = max((groups[n][0] for n in members), key=lambda p: len(p.text))
        result.append((lead, [p for n in members for p in (groups[n][0], *groups[n][1]) if p is not lead]))
    return result


# One task set by two sources, in their own words and order: the shorter's content words (at
# least RESTATED_WORDS of them) are this share of the longer's ("Thứ nhất, tiếp tục đưa quan hệ
# với các nước láng giềng, khu vực và các nước lớn đi vào chiều sâu" in "… cần đưa các mối quan
# hệ đã được xác lập đi vào chiều sâu, … nhất là các nước láng giềng, khu vực, các nước lớn …").
RESTATED_SHARE, RESTATED_WORDS = 0.8, 10
_TASK_WORDS = frozenset({"tiep", "tuc", "can", "phai", "nua", "thu", "nhat", "hai", "ba", "tu"})


def _content_words(text: str) -> set[str]:
    return {w for w in tokens(text) if w not in _FUNCTION_WORDS and w not in _TASK_WORDS and not w.isdigit()}


def merge_restated(groups: list[tuple[Passage, list[Passage]]]) -> list[tuple[Passage, list[Passage]]]:
    """Return task *groups* with the groups of other sources that restate one task joined (see
    :data:`RESTATED_SHARE`): one item, led by the fuller wording, citing both."""
    words = [_content_words(p.text) for p, _ in groups]
    return _join(groups, lambda i, n: _restates(words[i], words[n]))


def _restates(a: set[str], b: set[str]) -> bool:
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= RESTATED_WORDS and len(small & big) >= RESTATED_SHARE * len(small)


def assigned_themes(passage: Passage) -> tuple[str, ...]:
    """Return the ids of the themes a passage is about, strongest first."""
    return tuple(t for t, v in passage.themes if v >= PASSAGE_THEME_MIN)


def weight(passage: Passage | PassageSummary, theme: str | None = None) -> float:
    """Return how much a passage says: theme evidence, figures, a stated result."""
    if theme is not None:
        mine = dict(passage.themes).get(theme, 0.0)
        total = sum(v for _, v in passage.themes) or 1.0
        base = min(mine, 4.0) + 2.0 * mine / total
    else:
        base = min(sum(v for _, v in passage.themes), 5.0)
    figures = passage.figures if isinstance(passage.figures, int) else len(passage.figures)
    return base + 1.0 * min(figures, 3) + (0.5 if passage.kind == "result" else 0.0)


def shortlist(summaries: Iterable[PassageSummary], limit: int, theme: str | None = None,
              buckets: Callable[[PassageSummary], Iterable[object]] = lambda s: (None,)) -> list[int]:
    """Return the ids of the *limit* strongest passages of each bucket (a passage may be in
    several). A pack shows a few passages per part; only those that can make it are read in
    full and compared for duplicates. Near-duplicates weigh the same, so they stay together."""
    ranked = sorted(summaries, key=lambda s: (-weight(s, theme), s.source_id, s.passage))
    taken: dict[object, int] = defaultdict(int)
    chosen: list[int] = []
    for summary in ranked:
        keys = [k for k in buckets(summary) if taken[k] < limit]
        if keys:
            chosen.append(summary.id)
            for k in keys:
                taken[k] += 1
    return chosen


def by_years(summary: PassageSummary) -> tuple[object, ...]:
    """A theme pack's buckets: the whole pack (its key points) and each year a passage is about."""
    return ("*", *(summary.years or (None,)))


def lead_theme(summary: PassageSummary) -> tuple[str | None]:
    """A year pack's buckets for results: the strongest theme a passage is assigned (None: none)."""
    lead = [t for t, v in summary.themes if v >= PASSAGE_THEME_MIN][:1]
    return (lead[0] if lead else None,)


# What a key point quotes a sentence without: a list's lead ("Thứ hai,") or a connective that
# only adds to the sentence before ("Hay tại …", "Đồng thời, …").
_LIST_LEAD = re.compile(r"^(?:(?:thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|đặc biệt|bên cạnh đó|ngoài ra)\s*,\s*"
                        r"|(?:hay|và|đồng thời)(?:\s*,)?\s+(?=\w))", re.IGNORECASE)


# The ordinal a paragraph of a source's list opens on ("Thứ hai, …", "Ba là, …"): a pack's list
# is its own, in its own order, so the source's numbering is left out of it.
_ORDINAL_LEAD = re.compile(r"^(?:thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
                           r"|(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười) là)\s*,\s*(?=\w)(?!\d|ngày)",
                           re.IGNORECASE)  # "Thứ Hai, 12/4, …", "Thứ Hai, ngày 12/4": a weekday


def without_ordinal(text: str) -> str:
    """Return *text* without the ordinal of its source's list it opens on, its first letter a capital."""
    rest = _ORDINAL_LEAD.sub("", text, count=1)
    return rest[:1].upper() + rest[1:] if rest != text else text


def key_span(passage: Passage) -> tuple[int, int]:
    """Return the offsets of the sentence of a passage that best states its point: the one
    with figures, else the first real sentence (eight words or more)."""
    spans = sentences(passage.text) or [(0, len(passage.text))]
    # The sentence holding a figure, found from the figures' offsets: comparing texts would
    # cost a passage's length for each of its figures.
    starts = sorted(f.start for f in passage.figures)
    best = next(((a, b) for a, b in spans
                 if bisect.bisect_left(starts, a) < len(starts) and starts[bisect.bisect_left(starts, a)] < b), None)
    if best is None:  # the first real sentence
        best = next(((a, b) for a, b in spans if len(tokens(passage.text[a:b])) >= 8), spans[0])
    return best


def key_sentence(passage: Passage) -> str:
    """Return the sentence of a passage that best states its point (:func:`key_span`), list
    leads ("Thứ hai,") dropped."""
    return sentence_at(passage, key_span(passage))


def sentence_at(passage: Passage, span: tuple[int, int]) -> str:
    """Return the sentence at *span* as an item quotes it: list leads ("Thứ hai,") dropped,
    its first letter a capital."""
    best = passage.text[span[0]:span[1]].strip()
    sentence = _LIST_LEAD.sub("", best)
    return sentence[:1].upper() + sentence[1:] if sentence else best


def without_span(passage: Passage, span: tuple[int, int]) -> str:
    """Return the passage's text with one sentence taken out (the rest as written)."""
    a, b = span
    return " ".join(f"{passage.text[:a].strip()} {passage.text[b:].strip()}".split())
