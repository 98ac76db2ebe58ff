"""The corpus step: what one source cannot say alone, settled from the whole corpus.

A source whose own text gives no year takes one from another source (an event calendar, the
date of a document its event carries out, or the most similar report of the same event whose
own text dates it); the word-pair document
frequencies that similarity needs are kept here, up to date as sources come and go.
"""

from __future__ import annotations

import heapq
import re
import sqlite3
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import replace
from functools import cache, lru_cache

from ..annotate import passages as annotate
from ..annotate.resolve import (
    COMMON_DF,
    COMMON_SHARE,
    SAME_EVENT,
    TERM_BITS,
    DocumentFrequency,
    Wording,
    compatible,
    dated_ordinal,
    event_ordinals,
    finish,
    may_be_reworded,
    reworded,
    same_series,
    series_queries,
    similarities,
)
from ..annotate.resolve import lead_events as resolve_lead_events
from ..annotate.themes import load_taxonomy, scores
from ..annotate.years import carried_out_documents, dated_documents, first_after
from ..model import Evidence, Metadata, Passage, Taxonomy
from ..store import Store
from ..text import parse_iso_date

# A word of an ordinal ("lần thứ 30", "lần 2", "khóa XIV"): a passage without one names no event of a series.
_ORDINAL_HINT = re.compile(r"(?<!\w)(?:lần|thứ|khóa)(?!\w)", re.IGNORECASE)
# An event told as held, hosted or attended: the words after the verb, up to the clause's end.
_HELD = re.compile(r"(?<!\w)(?:tổ chức|đăng cai|chủ trì|tham dự|dự(?!\s+(?:kiến|án|báo|thảo|toán|định))|tham gia)"
                   r"(?:\s+thành công)?\s+([^,;.:]{5,120})", re.IGNORECASE)


class Frequencies:
    """The corpus's word-pair document frequencies, read from the store once, counted up and
    down as sources come and go, and written back when they changed."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._df: DocumentFrequency | None = None
        self.changed = False

    @property
    def df(self) -> DocumentFrequency:
        """Return the frequencies (read from the store on first use)."""
        if self._df is None:
            data = self._store.corpus_data()
            self._df = DocumentFrequency(zlib.decompress(data) if data else None)
        return self._df

    def reset(self) -> None:
        """Start from an empty corpus (every source is read again)."""
        self._df = DocumentFrequency(None)
        self.changed = True

    def add(self, keys: bytes) -> None:
        """Count a source's word pairs in."""
        self.df.add(keys)
        self.changed = True

    def remove(self, removed: Iterable[bytes | None]) -> None:
        """Count the word pairs of removed sources out (None: nothing was removed)."""
        for keys in removed:
            if keys is not None:
                self.df.add(keys, -1)
                self.changed = True

    def save(self) -> bool:
        """Write the frequencies back if sources came or went since they were read; return whether they did."""
        changed = self.changed
        if self._df is not None and changed:
            # Mostly zeros in a small corpus: compressed, it takes a few hundred KB, not 32 MB.
            self._store.save_corpus_data(zlib.compress(self._df.counts.tobytes(), 1))
        self.changed = False
        return changed


def resolve_corpus(store: Store, frequencies: Frequencies, touched: set[str] | None = None) -> None:
    """Settle every source's final metadata from the whole corpus, and date again the
    passages of the sources whose metadata this changes.

    A source whose own text gives no year takes one from another source: one that writes
    the event it opens with together with its year (an event calendar), or the date of the
    document its dated lead's event carries out ("Ngày 25/1, … sơ kết 5 năm thực hiện Chỉ thị
    25" and "Chỉ thị số 25 ngày 8/8/2018"), else the most similar report of the same event
    whose own text dates it. The decision stays while that
    source stays: an arrival changes it only when the arrival itself is the better source,
    and a departure only for the sources dated from it, so one unrelated article never
    moves another's year. (*touched*: the sources read in this run; None decides afresh.)

    Only the open sources' word pairs and the corpus's document frequencies are held, the
    other sources' pairs are streamed, so memory does not grow with the corpus.
    """
    years = store.reviewed_years()
    own = {sid: mine for sid, (mine, _) in years.items()}
    finals = {sid: final for sid, (_, final) in years.items()}
    origins = store.year_sources()
    fresh = touched is None
    new = set(years) if touched is None else set(touched)
    open_ids = [sid for sid, year in own.items() if year is None]
    open_terms = store.terms(open_ids)
    sims = (similarities(open_terms, store.iter_terms(), frequencies.df, len(years),
                         minimum=SAME_EVENT / 2) if open_terms else {})
    read = _Lookups(store)
    body, ordinals, stated, when = read.body, read.ordinals, read.stated, read.when

    # The event calendar is asked for the sources decided afresh, and for the others only when
    # a source read in this run names an event they open with (an unchanged folder costs nothing).
    new_events = set() if fresh else {(series, n) for sid in new if sid in own
                                      for series, numbers in ordinals(sid).items() for n in numbers}
    new_documents = set() if fresh else {key for sid in new if sid in own for key in dated_documents(body(sid))}
    ask = [sid for sid in open_ids if fresh or sid in new or origins.get(sid) in new
           or (origins.get(sid) is not None and origins.get(sid) not in own)
           or (new_events and _names_any(new_events, resolve_lead_events(body(sid))))
           or (new_documents and not new_documents.isdisjoint(key for key, _ in _lead_documents(body(sid))))]
    calendar = _dated_by_calendar(store, ask, own, body)
    calendar.update(_dated_by_documents(store, [sid for sid in ask if sid not in calendar], body))

    def candidates(sid: str, among: set[str] | None) -> list[tuple[float, str]]:
        found = [(score, other) for other, score in sims.get(sid, {}).items()
                 if score >= SAME_EVENT and own.get(other) is not None and (among is None or other in among)
                 and stated(other) and _near_in_the_year(when(sid), when(other))]
        return sorted((c for c in found if compatible(ordinals(sid), ordinals(c[1]))), key=lambda c: (-c[0], c[1]))

    decisions = _decide(open_ids, origins, own, new, fresh, calendar, candidates, sims)
    redo = set(years) if fresh else new | {sid for sid, d in decisions.items()
                                           if (d[1] if d else None) != origins.get(sid)
                                           or (d[0] if d else None) != finals.get(sid)}
    flagged = {sid for sid, flags in store.flagged().items() if MIRROR in flags}
    mirrors = _mirrors(store, set(years) if fresh else (new & set(years)) | flagged, flagged, body,
                      frequencies.df, len(years))
    redo |= {sid for sid, mirror in mirrors.items() if mirror != (sid in flagged)}
    del years, open_terms
    events = _EventDates(store, own)
    if not fresh:
        # A passage dated by an event another source dates moves when that source comes or goes:
        # the sources that tell a numbered event are dated again whenever the corpus changes.
        redo |= _telling_events(store) & set(own)
    for sid in sorted(redo):
        _settle(store, sid, own.get(sid) is None, decisions, mirrors.get(sid), events)


class _Lookups:
    """What the corpus step reads of a source, each read once: its body, the event ordinals it
    writes, whether its own year is stated, and the day of the year it is dated by."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._bodies: dict[str, str] = {}
        self._ordinals: dict[str, dict[str, set[str]]] = {}
        self._stated: dict[str, bool] = {}
        self._when: dict[str, tuple[int, int | None] | None] = {}

    def body(self, key: str) -> str:
        if key not in self._bodies:
            self._bodies[key] = self.store.body(key)
        return self._bodies[key]

    def ordinals(self, key: str) -> dict[str, set[str]]:
        if key not in self._ordinals:
            self._ordinals[key] = event_ordinals(self.body(key))
        return self._ordinals[key]

    def stated(self, key: str) -> bool:
        """Return True when a source's own year is what its text or its page date states (a
        year its text only infers, as from a dateline without a year, dates no other source)."""
        if key not in self._stated:
            found = self.store.evidence(key)
            meta = found[0].meta if found is not None else None
            self._stated[key] = meta is not None and (meta.year_reviewed_certainty == "stated"
                                                      or (meta.year_reviewed_from or "").startswith("the page date"))
        return self._stated[key]

    def when(self, key: str) -> tuple[int, int | None] | None:
        if key not in self._when:
            found = self.store.evidence(key)
            self._when[key] = _day_of_year(found[0]) if found is not None else None
        return self._when[key]


# Two reports of one event are written within weeks of each other: a source dated (day and
# month, or month) further from an undated source's dateline than this reports another event.
SAME_EVENT_DAYS = 45


def _day_of_year(evidence: Evidence) -> tuple[int, int | None] | None:
    """Return the month and day (None when not stated) a source's own evidence dates it by: its
    dateline without a year, else its page date."""
    if evidence.lead_day_month is not None:
        day, month = evidence.lead_day_month
        return month, day
    published = evidence.meta.published
    if published and len(published) >= 7:
        return int(published[5:7]), int(published[8:10]) if len(published) >= 10 else None
    return None


def _near_in_the_year(a: tuple[int, int | None] | None, b: tuple[int, int | None] | None) -> bool:
    """Return False when two dates without their year lie too far apart, whatever the years,
    to be reports of one event (True when either is unknown)."""
    if a is None or b is None:
        return True
    if a[1] is None or b[1] is None:
        months = abs(a[0] - b[0])
        return min(months, 12 - months) <= 1
    days = abs((a[0] - 1) * 30.5 + a[1] - (b[0] - 1) * 30.5 - b[1])
    return min(days, 366 - days) <= SAME_EVENT_DAYS


Decision = tuple[int, str, str]

# The flag of a source that is a machine-reworded copy of another source of the corpus.
MIRROR = "machine-reworded mirror"
# The cosine of two texts' word pairs (by count) from which they are compared word by word.
MIRROR_NEAR = 0.2
# A source's sketch: the lowest (mixed) hashes of its distinctive word pairs, those in at most
# COMMON_DF sources (or COMMON_SHARE of the corpus). A mirror keeps about half of its
# original's word pairs (their sets overlap by 0.3 or more): two such texts share 3 or more of
# their 32 with a probability above 0.999, and only sources that share as many are compared.
# (The 1,000 recombined texts of bench/corpus.py: 5,800 pairs compared instead of 500,000.)
MIRROR_SKETCH = 32
MIRROR_SHARED = 3
# The wordings (about 70 KB each) and word-pair vectors (25 KB) kept at once (about 50 MB); others
# are read again.
MIRROR_KEPT = 512
_NO_VECTOR: tuple[array[int], array[float]] = (array("I"), array("d"))
_MIX = 0x9E3779B1  # odd: multiplying by it modulo 2**TERM_BITS permutes the hashes


def _mirrors(store: Store, check: set[str], flagged: set[str], body: Callable[[str], str],
             df: DocumentFrequency, n: int) -> dict[str, bool]:
    """Return whether each source of *check* (and each source found reworded with one of them)
    is a machine-reworded mirror: one of a pair of texts that keep most words in order but few
    three-word runs (:func:`reworded`), the later or less idiomatic one (:func:`_mirror_of`).

    Pairs are looked for among the sources that share MIRROR_SHARED entries of their sketches
    (MIRROR_SKETCH) and whose word pairs are similar (their cosine, each pair weighed by its count only, at least
    MIRROR_NEAR); whether a pair is a mirror pair and which one is the mirror depend on the two
    texts alone. In a corpus of up to COMMON_DF sources no pair is common, so a flag changes only
    when the source or its partner comes or goes; in a larger one, only when 25 more sources share
    the pairs of the two texts' event. A source outside *check* found with one keeps a flag it
    had (*flagged*). Sketches are read in one pass over the corpus into a temporary database, and
    the two texts of a pair are read when it is compared (the last MIRROR_KEPT kept): the cost
    grows with the corpus and the pairs found, not with every pair of sources, and the memory
    with neither."""
    if not check:
        return {}
    partners: dict[str, set[str]] = defaultdict(set)
    with closing(sqlite3.connect("")) as scratch:  # a private temporary database: the sketches are on disk
        sizes = _sketches(scratch, store, check, df, max(COMMON_DF, int(COMMON_SHARE * n)))

        @lru_cache(maxsize=MIRROR_KEPT)
        def vector(key: str) -> tuple[array[int], array[float]]:
            found = store.terms([key]).get(key)
            if found is None:
                return _NO_VECTOR
            flat = _flat().vector(*found, 2)
            return array("I", flat), array("d", flat.values())

        @lru_cache(maxsize=MIRROR_KEPT)
        def wording(key: str) -> Wording:
            return Wording(body(key))

        alike: dict[tuple[str, str], bool] = {}  # what does not depend on the order, once for both orders
        for sid in sorted(sizes):
            near = scratch.execute("SELECT b.sid FROM sketch a JOIN sketch b ON b.value = a.value AND b.sid != a.sid"
                                   " WHERE a.sid = ? GROUP BY b.sid HAVING count(*) >= ? ORDER BY b.sid",
                                   (sid, min(MIRROR_SHARED, sizes[sid]))).fetchall()
            if not near:
                continue
            mine = dict(zip(*vector(sid), strict=True))
            for (other,) in near:
                pair = (min(sid, other), max(sid, other))
                if pair not in alike:
                    keys, weights = vector(other)
                    cosine = sum(weight * mine[key] for key, weight in zip(keys, weights, strict=True) if key in mine)
                    alike[pair] = cosine >= MIRROR_NEAR and may_be_reworded(wording(sid), wording(other))
                if alike[pair] and other not in partners[sid] and reworded(wording(sid), wording(other), bounded=True):
                    partners[sid].add(other)
                    partners[other].add(sid)
    found: dict[str, bool] = {sid: False for sid in check}
    for sid, others in partners.items():
        mirror = any(_mirror_of(store, sid, other, body) == sid for other in others)
        found[sid] = mirror or (sid not in check and sid in flagged)
    return found


def _sketches(scratch: sqlite3.Connection, store: Store, check: set[str], df: DocumentFrequency,
              common: int) -> dict[str, int]:
    """Write every source's sketch into *scratch* (table ``sketch``: value, sid), in one pass
    over the corpus, and return the size of each sketch of *check*."""
    counts, mask = df.counts, (1 << TERM_BITS) - 1
    scratch.execute("CREATE TABLE sketch (value INTEGER NOT NULL, sid TEXT NOT NULL)")
    sizes: dict[str, int] = {}
    for sid, terms, _ in store.iter_terms():
        keys = array("I")
        keys.frombytes(terms)
        sketch = heapq.nsmallest(MIRROR_SKETCH, {(k * _MIX) & mask for k in keys if counts[k] <= common})
        scratch.executemany("INSERT INTO sketch VALUES (?, ?)", [(value, sid) for value in sketch])
        if sid in check:
            sizes[sid] = len(sketch)
    scratch.execute("CREATE INDEX sketch_value ON sketch (value, sid)")
    scratch.execute("CREATE INDEX sketch_sid ON sketch (sid)")
    return sizes


@cache
def _flat() -> DocumentFrequency:
    """Return frequencies that weigh every word pair alike: the cosine of two texts' word pairs
    then depends on the two texts alone, not on the rest of the corpus (a mirror pair stays one
    whatever else comes or goes; with the corpus's weights, the pairs two texts share weigh
    nothing in a corpus of two)."""
    return DocumentFrequency(None)


def _mirror_of(store: Store, a: str, b: str, body: Callable[[str], str]) -> str | None:
    """Return which of two sources, one a reworded copy of the other, is the copy: the later one
    by the dates the pages give, else the one that writes fewer of the domain's set phrases
    (a synonym swapped into "bảo hộ công dân" breaks it; the original keeps them); None when
    the two cannot be told apart."""
    dates = []
    for sid in (a, b):
        found = store.evidence(sid)
        dates.append(found[0].meta.published if found is not None else None)
    first, second = dates
    if first and second:
        width = min(len(first), len(second))
        if first[:width] != second[:width]:
            return a if first[:width] > second[:width] else b
    idiom_a, idiom_b = _idiom(body(a)), _idiom(body(b))
    if idiom_a != idiom_b:
        return a if idiom_a < idiom_b else b
    return None


@cache
def _phrases() -> Taxonomy:
    return load_taxonomy()  # the packaged themes: the same for every corpus


def _idiom(text: str) -> float:
    """Return how many of the domain's set phrases (the packaged themes' phrases) *text* writes."""
    return sum(scores(text, _phrases()).values())  # the year, the source it is taken from, and why (in words)


def _decide(open_ids: list[str], origins: dict[str, str | None], own: dict[str, int | None], new: set[str],
            fresh: bool, calendar: dict[str, Decision],
            candidates: Callable[[str, set[str] | None], list[tuple[float, str]]],
            sims: dict[str, dict[str, float]]) -> dict[str, Decision | None]:
    """Return the corpus's decision for each undated source this run may decide (None: no
    source dates it); a source left out keeps the decision it has."""
    decisions: dict[str, Decision | None] = {}
    for sid in open_ids:
        current = origins.get(sid)
        intact = current is not None and own.get(current) is not None and current not in new
        # Decided afresh from every source; else only an arrival may date an undated source, or
        # take a dated one over when it reports its event better.
        among: set[str] | None = None if fresh or sid in new or (current is not None and not intact) else new
        by_calendar = calendar.get(sid)
        if by_calendar is not None and (among is None or by_calendar[1] in among):
            decisions[sid] = by_calendar
            continue
        ranked = candidates(sid, among)
        if ranked and (among is None or current is None or ranked[0][0] > sims.get(sid, {}).get(current, 0.0)):
            other = ranked[0][1]
            decisions[sid] = (int(own[other] or 0), other, f"{other}, which reports the same event")
        elif among is None:
            decisions[sid] = None
    return decisions


def _settle(store: Store, sid: str, undated: bool, decisions: dict[str, tuple[int, str, str] | None],
            mirror: bool | None = None, events: _EventDates | None = None) -> None:
    """Store a source's final metadata: its own evidence, the sidecar's facts, (for a source
    its own text does not date) the corpus step's decision, kept when none was made this run,
    and whether it is a machine-reworded mirror (None: as stored); date its passages again
    when that changes anything."""
    found = store.evidence(sid)
    if found is None:
        return
    evidence, stored = found
    # A sidecar's fields are facts the corpus step builds on (a corrected year dates the
    # article's dateline), and they win again over anything the step infers.
    meta = replace(evidence.meta, **evidence.overrides)
    decision = decisions.get(sid) if sid in decisions else (
        (stored.year_reviewed, stored.year_reviewed_source, "") if stored.year_reviewed_source else None)
    if undated and decision is not None:
        year, origin, detail = decision
        meta = replace(meta, year_reviewed=year, year_reviewed_certainty="inferred", year_reviewed_source=origin,
                       year_reviewed_from=f"the corpus: {detail}" if detail else stored.year_reviewed_from)
    meta = finish(evidence, meta)
    if undated and decision is not None and meta.published_certainty == "inferred":
        meta = _dated_as_origin(store, decision[1], evidence, meta)
    if mirror is None:
        mirror = MIRROR in stored.flags
    if mirror and MIRROR not in meta.flags:
        meta = replace(meta, flags=(*meta.flags, MIRROR))
    if evidence.overrides:
        meta = replace(meta, **evidence.overrides)
    passages = store.source_passages(sid)
    # With the same metadata a passage's own dating is as stored: only those the corpus's events
    # may date (a numbered event it tells was held) can move.
    again = passages if meta != stored else [p for p in passages if events is not None and _held_events(p)]
    years = {p.passage: p.years for p in passages}
    for p in again:
        own = annotate.passage_years(p, meta)
        years[p.passage] = events.dated(p, meta, own) if events is not None else own
    if meta != stored or any(years[p.passage] != p.years for p in passages):
        store.set_meta(sid, meta, years)


def _dated_as_origin(store: Store, origin: str, evidence: Evidence, meta: Metadata) -> Metadata:
    """Return *meta* with the date of the source that dated it (*origin*, a report of the same
    event) when its own dateline gives that day and month without a year: a January meeting
    reviewing a year is of the year after, as the report its text dates says ("Ngày 25/1" of
    a conference the other report dates 2024-01-25, not 2023's)."""
    found = store.evidence(origin)
    if found is None or evidence.lead_day_month is None:
        return meta
    other = finish(found[0], replace(found[0].meta, **found[0].overrides))
    parts = parse_iso_date(other.published) if other.published else None
    day, month = evidence.lead_day_month
    if parts is not None and (parts.month, parts.day) == (month, day):
        return replace(meta, published=other.published)
    return meta


def _event_years(store: Store, own: dict[str, int | None], series: str, ordinal: str) -> dict[int, list[str]]:
    """Return the years the corpus gives the event *ordinal* of *series* ("… lần thứ 30 năm
    2018", or a source dated by its own text that opens with the event), each with the sources
    that give it, in order."""
    years: dict[int, list[str]] = {}
    # Other names of the series end with the last words of this one (or a longer run of them):
    # those words are searched, and the passages found read for the ordinal.
    hits = {(hit.source_id, hit.passage): hit for query in series_queries(series)
            for hit in store.search(query, limit=100) if hit.match == "phrase"}
    for _, hit in sorted(hits.items()):
        year = dated_ordinal(hit.text, series, ordinal)
        if year is None and hit.passage == 1 and _names_any({(series, ordinal)}, resolve_lead_events(hit.text)):
            year = own.get(hit.source_id)  # a dated report that opens with the event
        if year is not None and hit.source_id not in years.get(year, []):
            years.setdefault(year, []).append(hit.source_id)
    return years


def _event_year(years: dict[int, list[str]], sid: str) -> tuple[int, str] | None:
    """Return the one year sources but *sid* give an event (of :func:`_event_years`), and the
    first of them; None when none does or they give two years."""
    others = {year: [s for s in sources if s != sid] for year, sources in years.items()}
    found = [(year, sources[0]) for year, sources in others.items() if sources]
    return found[0] if len(found) == 1 else None


def _dated_by_calendar(store: Store, open_ids: list[str], own: dict[str, int | None],
                       body: Callable[[str], str]) -> dict[str, Decision]:
    """Return a year for the undated sources that open with an event of a series ("Hội nghị
    Ngoại giao lần thứ 30") which another source writes with its year ("… lần thứ 30 năm
    2018"), and that source; an event given two years by the corpus dates nothing."""
    found: dict[str, Decision] = {}
    for sid in open_ids:
        for series, ordinal in resolve_lead_events(body(sid)):
            dated = _event_year(_event_years(store, own, series, ordinal), sid)
            if dated is not None:
                year, origin = dated
                found[sid] = (year, origin, f"{origin}, which dates the event it opens with")
                break
    return found


def _held_events(passage: Passage) -> dict[str, set[str]]:
    """Return the numbered events a result or a context tells it held, hosted or attended
    (series -> ordinals; a task's are none): those :class:`_EventDates` may date it by."""
    if passage.kind == "task" or not _ORDINAL_HINT.search(passage.text):
        return {}
    return event_ordinals(" ".join(m.group(1) for m in _HELD.finditer(passage.text)))


def _telling_events(store: Store) -> set[str]:
    """Return the sources with a passage that tells a numbered event it held, hosted or attended
    ("… tổ chức thành công Hội nghị … lần 2"): those :class:`_EventDates` may date."""
    phrases = [("lan", "thu"), *(("lan", str(n)) for n in range(1, 100))]
    return {p.source_id for p in store.passages_by_id(store.matching(phrases)).values() if _held_events(p)}


class _EventDates:
    """The years the corpus gives events of a series, each looked up once: what dates a passage
    whose own words give no year but name such an event ("… tổ chức thành công Hội nghị Thượng
    đỉnh Mỹ-Triều lần 2", which another source writes "lần thứ hai, tháng 2-2019")."""

    def __init__(self, store: Store, own: dict[str, int | None]) -> None:
        self.store, self.own = store, own
        self._years: dict[tuple[str, str], dict[int, list[str]]] = {}  # each event looked up once

    def year(self, series: str, ordinal: str, sid: str) -> int | None:
        key = (series, ordinal)
        if key not in self._years:
            self._years[key] = _event_years(self.store, self.own, series, ordinal)
        dated = _event_year(self._years[key], sid)
        return dated[0] if dated else None

    def dated(self, passage: Passage, meta: Metadata, years: tuple[int, ...]) -> tuple[int, ...]:
        """Return a result's or a context's *years*, or the one year the corpus gives the events
        it names when its own words give none (the source's year was the fallback)."""
        # Only an event the passage tells was held, hosted or attended ("tổ chức thành công Hội
        # nghị …", "dự Hội nghị …"), not one it names as the origin of what it reviews ("thực
        # hiện các kết luận … tại Hội nghị Ngoại giao lần thứ 31").
        named = _held_events(passage)
        if not named:
            return years
        bare = replace(meta, published=None, year_reviewed=None, year_tasks=None)
        if annotate.passage_years(passage, bare):
            return years  # its own words date it
        found = {year for series, ordinals in named.items() for ordinal in ordinals
                 if (year := self.year(series, ordinal, passage.source_id)) is not None}
        return (found.pop(),) if len(found) == 1 else years


def _lead_documents(text: str) -> list[tuple[tuple[str, str], int]]:
    """Return the numbered documents the event a text opens with (its first three paragraphs)
    carries out without their date, each with the years it marks."""
    return [found for paragraph in text.split("\n")[:3] for found in carried_out_documents(paragraph)]


def _dated_by_documents(store: Store, open_ids: list[str], body: Callable[[str], str]) -> dict[str, Decision]:
    """Return a year for the undated sources whose lead, dated by a day and month without a
    year, tells an event that carries out a numbered document ("Ngày 25/1, … Hội nghị sơ kết 5
    năm thực hiện Chỉ thị 25-CT/TW") which another source writes with its date ("Chỉ thị số 25
    ngày 8/8/2018"): the first such day after the document (N years after, for an event that
    marks N years of it), and that source; a document given two dates by the corpus dates nothing."""
    found: dict[str, Decision] = {}
    for sid in open_ids:
        evidence = store.evidence(sid)
        if evidence is None or evidence[0].lead_day_month is None:
            continue
        day, month = evidence[0].lead_day_month
        for (kind, number), marks in _lead_documents(body(sid)):
            dates: dict[tuple[int, int, int], str] = {}
            for query in {f"{kind} {number}", f"{kind} so {number}"}:
                for hit in store.search(query, limit=100):
                    date = dated_documents(hit.text).get((kind, number)) if hit.source_id != sid else None
                    if date is not None and hit.match == "phrase":
                        dates.setdefault(date, hit.source_id)
            if len(dates) == 1:
                ((year, m, d), origin), = dates.items()
                found[sid] = (first_after((year + marks, m, d), day, month), origin,
                              f"{origin}, which dates the document the event it opens with carries out")
                break
    return found


def _names_any(events: set[tuple[str, str]], others: Iterable[tuple[str, str]]) -> bool:
    """Return True when one of *others* is one of *events* (the same ordinal of the same series,
    under any of its names)."""
    return any(number == ordinal and same_series(name, series)
               for name, number in others for series, ordinal in events)
