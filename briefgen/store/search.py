"""Ranked passage search over the FTS5 index: the SQL of each tier built apart from running it.

Passages holding the whole query as a phrase come first, then those holding all its
syllables, then those holding some; within each tier FTS5's own ``bm25`` (the heading
weighing 0.4 of the text) of the any-word query decides.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Literal

from ..model import SearchHit
from ..text import tokens

Mode = Literal["phrase", "all", "some"]
_RANK = {"phrase": 2, "all": 1, "some": 0}
# A stricter tier is cut to this many rows (times the places asked for) by its own BM25
# before its rows are ordered by the any-word score.
_RERANK = 3
_BM25 = "bm25(passage_fts, 1.0, 0.4)"


def fts_query(words: list[str], mode: Mode) -> str:
    """Return an FTS5 MATCH expression for folded *words*, each quoted (no FTS syntax leaks).

    The phrase and all-words tiers look at the passage's own text; any-word matching (and
    the BM25 score) also counts its heading.
    """
    quoted = [f'"{w}"' for w in words]
    if mode == "phrase":
        return 'text : "' + " ".join(words) + '"'
    if mode == "all":
        return "text : (" + " AND ".join(quoted) + ")"
    return " OR ".join(quoted)


def search_sql(year: int | None, theme: str | None) -> tuple[str, list[str]]:
    """Return the SQL of one tier (parameters: the MATCH expression, the filters, the limit)
    and the names of the filter parameters it expects, in order."""
    where = ["passage_fts MATCH ?"]
    names: list[str] = []
    if year is not None:
        where.append("+rowid IN (SELECT passage_id FROM passage_years WHERE year = ?)")
        names.append("year")
    if theme is not None:
        where.append("+rowid IN (SELECT passage_id FROM passage_themes WHERE theme = ? AND score >= ?)")
        names += ["theme", "theme_min"]
    return (f"SELECT rowid, -{_BM25} FROM passage_fts WHERE {' AND '.join(where)}"
            f" ORDER BY {_BM25}, rowid LIMIT ?"), names


def _any_word_scores(db: sqlite3.Connection, words: list[str], rowids: list[int]) -> dict[int, float]:
    """Return the score FTS5 gives *rowids* for the any-word query of *words* (every row of a
    stricter tier matches that query too).

    The row ids are a filter on the query's matches (``+rowid``), not a constraint FTS5 is
    given: a ``rowid IN (...)`` constraint runs the query once per row, and each run first
    counts every passage holding each word for ``bm25``.
    """
    scores: dict[int, float] = {}
    for i in range(0, len(rowids), 500):
        chunk = rowids[i : i + 500]
        scores.update(db.execute(f"SELECT rowid, -{_BM25} FROM passage_fts WHERE passage_fts MATCH ?"
                                 f" AND +rowid IN ({', '.join('?' * len(chunk))})",
                                 (fts_query(words, "some"), *chunk)).fetchall())
    return scores


def search(db: sqlite3.Connection, query: str, year: int | None = None, limit: int = 20, theme: str | None = None,
           theme_min: float = 1.0) -> list[SearchHit]:
    """Return passages ranked for *query*, diacritics ignored and "đ" read as "d".

    Each tier is one FTS5 query ranked and cut inside SQLite (``ORDER BY bm25 LIMIT``) with
    the year and theme filters joined in; a stricter tier is cut by its own BM25 to a few
    times the places free, and those rows are then ordered by the any-word score. A looser
    tier is asked only when the stricter ones leave places free.
    """
    words = tokens(query)
    if not words or limit <= 0:
        return []
    modes: tuple[Mode, ...] = ("phrase", "all", "some") if len(words) > 1 else ("some",)
    sql, names = search_sql(year, theme)
    values: dict[str, Any] = {"year": year, "theme": theme, "theme_min": theme_min}
    filters = [values[name] for name in names]
    found: dict[int, tuple[Mode, float]] = {}
    for mode in modes:
        # A stricter tier's rows match the looser queries too: ask for as many more.
        wanted = limit - len(found)
        cut = wanted if mode == "some" else max(wanted * _RERANK, 40)
        rows = db.execute(sql, (fts_query(words, mode), *filters, len(found) + cut)).fetchall()
        fresh = [rowid for rowid, _ in rows if rowid not in found]
        if mode != "some":
            # Within a stricter tier the passage richest in the query's syllables comes first,
            # as in the any-word tier: its few rows are scored by that query.
            scores = _any_word_scores(db, words, fresh)
            fresh.sort(key=lambda r: (-scores.get(r, 0.0), r))
        else:
            scores = dict(rows)
        label: Mode = "phrase" if len(words) == 1 else mode
        for rowid in fresh[:wanted]:
            found[rowid] = (label, scores.get(rowid, 0.0))
        if len(found) >= limit:
            break
    return _hits(db, found)


def _hits(db: sqlite3.Connection, found: dict[int, tuple[Mode, float]]) -> list[SearchHit]:
    """Return the hits of the ranked row ids, in their order."""
    hits: list[SearchHit] = []
    for rowid, (label, value) in found.items():
        row = db.execute(
            "SELECT p.source_id, p.passage, p.heading, p.start, p.end, p.text, s.meta, s.path "
            "FROM passages p JOIN sources s ON s.id = p.source_id WHERE p.id = ?", (rowid,)).fetchone()
        if row is None:
            continue
        sid, n, heading, start, end, text, meta, path = row
        hits.append(SearchHit(source_id=sid, passage=n, heading=heading, start=start, end=end,
                              score=round(_RANK[label] * 100 + min(value, 99.0), 4), match=label, text=text,
                              title=json.loads(meta).get("title"), path=path))
    return hits
