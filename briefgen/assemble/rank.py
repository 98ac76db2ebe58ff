"""Ranking and merging a pack's candidates: near-duplicate passages merged, passages weighed
by their themes, kind and figures, a shortlist read in full, and each item's key sentence."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import chain

from ..annotate.passages import PASSAGE_THEME_MIN
from ..model import Passage, PassageSummary
from ..text import sentences, tokens


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


def merge_duplicates(passages: list[Passage]) -> list[tuple[Passage, list[Passage]]]:
    """Return each distinct passage with the near-duplicates (in other sources) it stands for.

    The same wire story republished by two outlets, or one statement quoted twice, is kept
    once (the fuller text) and cites every source that carries it. A passage is compared
    only with the kept passages it shares a word triple with (an inverted index), so the
    cost follows the duplicates, not the square of the passages.
    """
    kept: list[tuple[Passage, list[Passage], set[tuple[str, ...]]]] = []
    postings: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for passage in passages:
        mine = _shingles(passage.text)
        shared = Counter(chain.from_iterable(postings[s] for s in mine if s in postings))
        for n in sorted(shared):
            other, dups, theirs = kept[n]
            if other.source_id == passage.source_id:
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


_LIST_LEAD = re.compile(r"^(?:thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|đặc biệt|bên cạnh đó|ngoài ra)\s*,\s*",
                        re.IGNORECASE)


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
