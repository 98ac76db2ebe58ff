"""Corpus-level metadata: what one article leaves open, articles on the same event settle.

An article with no year in its text (a spokesperson's statement, a wire story copied by a
mirror) is dated by the most similar article of the corpus that has one, when the two are
clearly reports of the same event; a dateline without a year ("Ngày 25/1") then gets its
year from the year reviewed. Everything settled here is marked ``inferred``.
"""

from __future__ import annotations

import bisect
import difflib
import math
import operator
import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cache
from itertools import pairwise

from rapidfuzz.distance import LCSseq

from ..model import Evidence, Metadata
from ..text import YEAR, fold, format_date, iso_year_month, tokens

# Cosine similarity (TF-IDF over word pairs) from which two articles count as reports of
# the same event. Measured on the 94 devset files: reports of one event score 0.13-0.36;
# articles on other events of the same kind (another visit, another conference of the same
# series) reach 0.12, which used to date them wrongly at the old threshold of 0.085.
SAME_EVENT = 0.13
# Word pairs found in more texts than this (or this share of the corpus) are not compared.
COMMON_DF = 25
COMMON_SHARE = 0.01
# Word pairs are kept as 24-bit hashes: the corpus's document frequencies fit one array
# (32 MB) whatever its size, and two pairs rarely share a hash (a rare pair taken for a
# common one only loses a candidate).
TERM_BITS = 24
_DF_MAX = 65535

# "Hội nghị Ngoại giao lần thứ 30", "Diễn đàn Á - Âu lần 4", "lần thứ hai": the words
# before an ordinal name a series of events. Ordinals written as words count only after "lần
# (thứ)": "thứ hai" alone is also a weekday.
_ORDINAL_WORD = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
                 "muoi": 10}
_ORDINAL_EVENT = re.compile(r"((?:[a-z]+ ){2,5}?)(?:(?:lan thu|lan)\s+(\d{1,3}|nhat|hai|ba|tu|sau|bay|tam|chin|muoi)"
                            r"|(?:thu|khoa)\s+(\d{1,3}|[ivxl]{1,6}))\b")
# Two names of one series share a run of this many words that ends one of them ("Diễn đàn
# Đối tác" is "Diễn đàn Đối tác Xanh" cut short; "Bộ trưởng Ngoại giao ASEAN" and "Bộ
# trưởng Quốc phòng ASEAN" share only words that end neither).
_SERIES_RUN = 3
# Words joined by a hyphen ("Á-Âu", "Á - Âu") are words of the name.
_NAME_HYPHEN = re.compile(r"(?<=[a-z])\s*[-–—]\s*(?=[a-z])")


# "… lần thứ 30 năm 2018", "… lần thứ 30 (2018)", "… lần thứ hai, tháng 5-2021": an event of a
# series written with its year.
_ORDINAL_YEAR = re.compile(rf"\s*(?:,\s*|\(\s*)?(?:(?:vao|dien ra|to chuc)\s+)?"
                           rf"(?:nam\s+|thang\s+\d{{1,2}}\s*[/\-.]\s*)?({YEAR})(?!\d)")


def _series_matches(folded: str) -> Iterator[tuple[str, str, int]]:
    """Yield each series of events *folded* names with an ordinal: (its name, the ordinal as
    written in digits or roman, where the ordinal ends)."""
    text = _NAME_HYPHEN.sub(" ", folded)
    for match in _ORDINAL_EVENT.finditer(text):
        ordinal = match.group(2) or match.group(3)
        ordinal = str(_ORDINAL_WORD.get(ordinal, ordinal))
        yield " ".join(match.group(1).split()), ordinal, match.end()


def _series_text(folded: str) -> str:
    return _NAME_HYPHEN.sub(" ", folded)


def same_series(a: str, b: str) -> bool:
    """Return True when two names of series ("nghi ngoai giao", "ngoai giao toan quoc") name one
    series: equal, or sharing a run of words that ends one of them."""
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    for i in range(len(wa)):
        for j in range(len(wb)):
            k = 0
            while i + k < len(wa) and j + k < len(wb) and wa[i + k] == wb[j + k]:
                k += 1
            if k >= _SERIES_RUN and (i + k == len(wa) or j + k == len(wb)):
                return True
    return False


def dated_ordinals(text: str) -> dict[tuple[str, str], int]:
    """Return the events of a series that *text* writes with their year ("Hội nghị Ngoại
    giao lần thứ 30 năm 2018" -> {("hoi nghi ngoai giao", "30"): 2018})."""
    folded = _series_text(fold(text))
    found: dict[tuple[str, str], int] = {}
    for series, ordinal, end in _series_matches(folded):
        year = _ORDINAL_YEAR.match(folded, end)
        if year:
            found[(series, ordinal)] = int(year.group(1))
    return found


def dated_ordinal(text: str, series: str, ordinal: str) -> int | None:
    """Return the year *text* writes for the event *ordinal* of *series* (or of another name
    of it), or None."""
    years = {year for (name, number), year in dated_ordinals(text).items()
             if number == ordinal and same_series(name, series)}
    return years.pop() if len(years) == 1 else None


def lead_events(text: str, reach: int = 400) -> list[tuple[str, str]]:
    """Return the events of a series a text opens with (its first *reach* characters)."""
    return [(series, ordinal) for series, ordinal, _ in _series_matches(fold(text[:reach]))]


def series_queries(series: str) -> list[str]:
    """Return the searches that find other names of *series*: each run of its words as long as
    two names of one series must share."""
    words = series.split()
    return [" ".join(words[i : i + _SERIES_RUN]) for i in range(max(1, len(words) - _SERIES_RUN + 1))]


def pair_terms(text: str) -> tuple[bytes, bytes]:
    """Return a text's word pairs as (sorted 24-bit hashes, their counts): the terms the
    same-event similarity compares, computed once when the source is read."""
    mask = (1 << TERM_BITS) - 1
    bag = Counter(zlib.crc32(f"{a} {b}".encode()) & mask for a, b in pairwise(tokens(text)))
    keys = sorted(bag)
    return array("I", keys).tobytes(), array("H", (min(bag[k], _DF_MAX) for k in keys)).tobytes()


def unpack_terms(terms: bytes, counts: bytes) -> tuple[array[int], array[int]]:
    """Return the arrays :func:`pair_terms` packed."""
    keys, values = array("I"), array("H")
    keys.frombytes(terms)
    values.frombytes(counts)
    return keys, values


class DocumentFrequency:
    """How many sources hold each word pair (by hash), kept up to date as sources come and go."""

    def __init__(self, data: bytes | None = None) -> None:
        self._idf_for = -1
        self._idf_table: list[float] = []
        self.counts = array("H")
        if data and len(data) == 2 << TERM_BITS:
            self.counts.frombytes(data)
        else:
            self.counts = array("H", bytes(2 << TERM_BITS))

    def add(self, terms: bytes, sign: int = 1) -> None:
        """Count a source's terms in (*sign* 1) or out (-1)."""
        counts = self.counts
        keys = array("I")
        keys.frombytes(terms)
        for key in keys:
            value = counts[key] + sign
            counts[key] = 0 if value < 0 else _DF_MAX if value > _DF_MAX else value

    def vector(self, terms: bytes, counts: bytes, n: int, only: set[int] | None = None) -> dict[int, float]:
        """Return a source's unit TF-IDF vector over its word pairs, in a corpus of *n*
        sources (only the pairs in *only*, when given: the norm still counts them all)."""
        keys, values = unpack_terms(terms, counts)
        idf = self._idf(n)
        weights = list(map(idf.__getitem__, map(self.counts.__getitem__, keys)))
        if values.count(1) != len(values):  # a pair written more than once weighs more
            weights = list(map(operator.mul, map(_tf().__getitem__, values), weights))
        norm = math.sqrt(sum(map(operator.mul, weights, weights))) or 1.0
        if only is None:
            return {k: w / norm for k, w in zip(keys, weights, strict=True) if w > 0}
        found = {}
        for key in only.intersection(keys):
            weight = weights[bisect.bisect_left(keys, key)]
            if weight > 0:
                found[key] = weight / norm
        return found

    def _idf(self, n: int) -> list[float]:
        """Return the inverse document frequency of every possible frequency, for *n* sources
        (a frequency of 0 counts as 1: the source itself)."""
        if self._idf_for != n:
            self._idf_table = [math.log((1 + n) / (1 + max(d, 1))) for d in range(_DF_MAX + 1)]
            self._idf_for = n
        return self._idf_table


@cache
def _tf() -> list[float]:
    """Return the weight of every possible count of a pair in a text (1 + log count)."""
    return [1.0] + [1 + math.log(c) for c in range(1, _DF_MAX + 1)]


def similarities(open_terms: Mapping[str, tuple[bytes, bytes]], every: Iterable[tuple[str, bytes, bytes]],
                 df: DocumentFrequency, n: int, minimum: float = SAME_EVENT) -> dict[str, dict[str, float]]:
    """Return the TF-IDF cosine similarity (word pairs as terms) of each source of
    *open_terms* with every source of *every* (streamed: id, terms, counts) that shares a
    distinctive pair with it, when it reaches *minimum*.

    Memory holds the open sources' distinctive pairs and one other source at a time: the
    sums for one other source are complete once it is read, so only those that reach
    *minimum* are kept."""
    # Word pairs that most texts share weigh little: only the distinctive ones are compared
    # (an article's own event is named by rare pairs).
    common = max(COMMON_DF, int(COMMON_SHARE * n))
    postings: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for key, (terms, counts) in open_terms.items():
        keys, _ = unpack_terms(terms, counts)
        distinctive = {k for k in keys if df.counts[k] <= common}
        for term, weight in df.vector(terms, counts, n, distinctive).items():
            postings[term].append((key, weight))
    result: dict[str, dict[str, float]] = {key: {} for key in open_terms}
    for other, terms, counts in every:
        keys = array("I")
        keys.frombytes(terms)
        if postings.keys().isdisjoint(keys):
            continue
        shared = postings.keys() & set(keys)
        sums: dict[str, float] = defaultdict(float)
        for term, weight in df.vector(terms, counts, n, shared).items():
            for key, open_weight in postings[term]:
                if key != other:
                    sums[key] += weight * open_weight
        for key, value in sums.items():
            if value >= minimum:
                result[key][other] = value
    return result


# A machine-reworded mirror (spun text: the same article with words swapped for synonyms)
# keeps most of its original's words in their order while breaking most of its three-word
# runs; a republished copy keeps both, another report of the same event neither. Measured on
# the 94 devset files (no mirror pair among them): no two files share more than 0.45 of their
# words in order; a text with a quarter of its words swapped keeps about 0.75 of them in
# order and 0.4 of its three-word runs.
MIRROR_ORDER = 0.6  # share of the shorter text's words the other keeps in the same order
MIRROR_GAP = 0.2  # by how much that share exceeds the share of three-word runs they share
MIRROR_MIN_WORDS = 40  # shorter texts are not compared
_MIRROR_REACH = 4000  # words of each text compared (the opening of a long article is enough)


_UNSIGNED = (1 << 64) - 1


class Wording:
    """What :func:`reworded` compares of a text, computed once: the hashes of its words (up
    to _MIRROR_REACH) and of its three-word runs (the words themselves are not kept: a corpus's
    mirror check holds many of these at once)."""

    __slots__ = ("codes", "runs")

    def __init__(self, text: str) -> None:
        words = tokens(text)[:_MIRROR_REACH]
        self.codes = array("Q", (hash(word) & _UNSIGNED for word in words))  # rapidfuzz reads unsigned arrays
        self.runs = set(map(hash, zip(words, words[1:], words[2:], strict=False)))


def reworded(a: str | Wording, b: str | Wording, bounded: bool = False) -> bool:
    """Return True when one text is a machine-reworded copy of the other: most of the words of
    the shorter kept in the same order, far fewer of its three-word runs (*bounded*: the caller
    found :func:`may_be_reworded` true already)."""
    wa = a if isinstance(a, Wording) else Wording(a)
    wb = b if isinstance(b, Wording) else Wording(b)
    if not bounded and not may_be_reworded(wa, wb):
        return False
    shorter = min(len(wa.codes), len(wb.codes))
    matcher = difflib.SequenceMatcher(None, wa.codes, wb.codes, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks()) / shorter
    return in_order >= MIRROR_ORDER and in_order - _shared_runs(wa, wb) >= MIRROR_GAP


def may_be_reworded(a: Wording, b: Wording) -> bool:
    """Return False when :func:`reworded` is False for the two texts in either order, from
    what does not depend on their order.

    The words difflib finds in order cannot exceed the longest run of words the two keep in
    order (their longest common subsequence, computed bit-parallel by rapidfuzz over the
    words' hashes; a hash two words share only lengthens it). Two texts of the same field share
    most of their words but keep only about a third of them in order, and a republished copy
    shares as many three-word runs as it keeps words: neither is compared further."""
    shorter = min(len(a.codes), len(b.codes))
    if shorter < MIRROR_MIN_WORDS:
        return False
    longest = LCSseq.similarity(a.codes, b.codes) / shorter
    return longest >= MIRROR_ORDER and longest - _shared_runs(a, b) >= MIRROR_GAP


def _shared_runs(a: Wording, b: Wording) -> float:
    """Return the share of the fewer three-word runs of two texts that both write."""
    return len(a.runs & b.runs) / max(1, min(len(a.runs), len(b.runs)))


def event_ordinals(text: str) -> dict[str, set[str]]:
    """Return the ordinals written after each event series ("hoi nghi ngoai giao" -> {"30"})."""
    found: dict[str, set[str]] = defaultdict(set)
    for series, ordinal, _ in _series_matches(fold(text)):
        found[series].add(ordinal)
    return found


def compatible(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Return False when two texts name the same series of events with different ordinals."""
    return all(a[x] & b[y] for x in a for y in b if same_series(x, y))


def finish(evidence: Evidence, meta: Metadata) -> Metadata:
    """Return a source's final metadata once its reviewed year is settled: a dateline without
    a year takes it from the year reviewed, and a review's tasks year from its date."""
    if meta.published is None and evidence.lead_day_month and meta.year_reviewed is not None:
        day, month = evidence.lead_day_month
        year = meta.year_reviewed
        # A January or February dateline on an article reviewing a whole year comes after it.
        if month <= 2 and meta.year_reviewed_certainty == "stated" and evidence.is_review:
            year += 1
        meta = replace(meta, published=format_date(year, month, day), published_certainty="inferred")
    if (meta.year_tasks is None and evidence.has_task_language and evidence.is_review
            and meta.year_reviewed is not None and meta.published):
        pub_year, pub_month = iso_year_month(meta.published)
        if pub_month is not None and pub_month <= 3 and pub_year == meta.year_reviewed + 1:
            meta = replace(meta, year_tasks=pub_year, year_tasks_certainty="inferred")
        elif pub_month is not None and pub_month >= 10 and pub_year == meta.year_reviewed:
            meta = replace(meta, year_tasks=pub_year + 1, year_tasks_certainty="inferred")
    return meta
