"""Corpus-level metadata: what one article leaves open, articles on the same event settle.

An article with no year in its text (a spokesperson's statement, a wire story copied by a
mirror) is dated by the most similar article of the corpus that has one, when the two are
clearly reports of the same event; a dateline without a year ("Ngày 25/1") then gets its
year from the year reviewed. Everything settled here is marked ``inferred``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import replace
from itertools import pairwise

from .metadata import Evidence, format_date
from .model import Metadata
from .text import fold, tokens

# Cosine similarity (TF-IDF over word pairs) from which two articles count as reports of
# the same event. Measured on the devset: same-event pairs score 0.09-0.30, articles on
# other events of the same kind mostly stay below 0.08.
SAME_EVENT = 0.085
# Word pairs found in more texts than this (or this share of the corpus) are not compared.
COMMON_DF = 25
COMMON_SHARE = 0.01

# "Hội nghị Ngoại giao lần thứ 30": the words before an ordinal name a series of events.
_ORDINAL_EVENT = re.compile(r"((?:[a-z]+ ){2,4}?)(?:lan thu|thu|khoa)\s+(\d{1,3}|[ivxl]{1,6})\b")


def _shingles(text: str) -> Counter[str]:
    words = tokens(text)
    return Counter(f"{a} {b}" for a, b in pairwise(words))


def similarities(texts: Mapping[str, str], keys: set[str] | None = None) -> dict[str, dict[str, float]]:
    """Return the TF-IDF cosine similarity (word pairs as terms) of each text in *keys* (all
    when None) with every other text that shares a term with it. Products are summed over
    an inverted index, so the cost grows with the open texts, not with all pairs."""
    bags = {key: _shingles(text) for key, text in texts.items()}
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    n = len(bags)
    vectors: dict[str, dict[str, float]] = {}
    for key, bag in bags.items():
        vec = {term: (1 + math.log(count)) * math.log((1 + n) / (1 + df[term])) for term, count in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[key] = {term: v / norm for term, v in vec.items() if v > 0}
    wanted = set(vectors) if keys is None else keys & set(vectors)
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    # Word pairs that most texts share weigh little and make the postings long: only the
    # distinctive ones are compared (an article's own event is named by rare pairs).
    common = max(COMMON_DF, int(COMMON_SHARE * n))
    needed = {term for key in wanted for term in vectors[key] if df[term] <= common}
    for key, vec in vectors.items():
        for term, weight in vec.items():
            if term in needed:
                postings[term].append((key, weight))
    result: dict[str, dict[str, float]] = {}
    for key in sorted(wanted):
        scores: dict[str, float] = defaultdict(float)
        for term, weight in vectors[key].items():
            for other, other_weight in postings.get(term, ()):
                if other != key:
                    scores[other] += weight * other_weight
        result[key] = dict(scores)
    return result


def event_ordinals(text: str) -> dict[str, set[str]]:
    """Return the ordinals written after each event series ("hoi nghi ngoai giao" -> {"30"})."""
    found: dict[str, set[str]] = defaultdict(set)
    for match in _ORDINAL_EVENT.finditer(fold(text)):
        series = " ".join(match.group(1).split()[-3:])
        found[series].add(match.group(2))
    return found


def _compatible(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Return False when two texts name the same series of events with different ordinals."""
    return all(a[series] & b[series] for series in a.keys() & b.keys())


def _settle_years(evidence: Mapping[str, Evidence], texts: Mapping[str, str]) -> dict[str, Metadata]:
    """Return metadata with open reviewed years taken from same-event articles, surest first."""
    metas = {key: ev.meta for key, ev in evidence.items()}
    open_keys = {key for key, meta in metas.items() if meta.year_reviewed is None}
    if not open_keys:
        return metas
    sims = similarities(texts, open_keys)
    ordinal_cache: dict[str, dict[str, set[str]]] = {}

    def ordinals(key: str) -> dict[str, set[str]]:
        if key not in ordinal_cache:
            ordinal_cache[key] = event_ordinals(texts[key])
        return ordinal_cache[key]

    while open_keys:
        best: tuple[float, str, str] | None = None
        for key in open_keys:
            for other, score in sims.get(key, {}).items():
                if (score >= SAME_EVENT and metas[other].year_reviewed is not None
                        and (best is None or score > best[0]) and _compatible(ordinals(key), ordinals(other))):
                    best = (score, key, other)
        if best is None:
            break
        _, key, other = best
        metas[key] = replace(metas[key], year_reviewed=metas[other].year_reviewed, year_reviewed_certainty="inferred")
        open_keys.discard(key)
    return metas


def resolve(evidence: Mapping[str, Evidence], texts: Mapping[str, str]) -> dict[str, Metadata]:
    """Return the final metadata of every source, settling open years and dates from the corpus."""
    settled = _settle_years(evidence, texts)
    resolved: dict[str, Metadata] = {}
    for key, ev in evidence.items():
        meta = settled[key]
        if meta.published is None and ev.lead_day_month and meta.year_reviewed is not None:
            day, month = ev.lead_day_month
            year = meta.year_reviewed
            # A January or February dateline on an article reviewing a whole year comes after it.
            if month <= 2 and meta.year_reviewed_certainty == "stated" and ev.is_review:
                year += 1
            meta = replace(meta, published=format_date(year, month, day), published_certainty="inferred")
        if (meta.year_tasks is None and ev.has_task_language and ev.is_review and meta.year_reviewed is not None
                and meta.published and len(meta.published) >= 7):
            pub_year, pub_month = int(meta.published[:4]), int(meta.published[5:7])
            if pub_month <= 3 and pub_year == meta.year_reviewed + 1:
                meta = replace(meta, year_tasks=pub_year, year_tasks_certainty="inferred")
            elif pub_month >= 10 and pub_year == meta.year_reviewed:
                meta = replace(meta, year_tasks=pub_year + 1, year_tasks_certainty="inferred")
        resolved[key] = meta
    return resolved
