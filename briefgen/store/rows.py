"""How the SQLite store lays out its tables and writes model objects into rows (JSON columns)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..model import Evidence, Metadata, Person

SCHEMA_VERSION = "6"

SCHEMA = """
CREATE TABLE IF NOT EXISTS info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources(
    id TEXT PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    encoding TEXT,
    evidence TEXT NOT NULL,
    meta TEXT NOT NULL,
    body TEXT NOT NULL,
    dropped TEXT NOT NULL,
    warnings TEXT NOT NULL,
    themes TEXT NOT NULL DEFAULT '[]',
    people TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS failures(
    path TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    passage INTEGER NOT NULL,
    heading TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    years TEXT NOT NULL DEFAULT '[]',
    kind TEXT NOT NULL DEFAULT 'context',
    themes TEXT NOT NULL DEFAULT '[]',
    figures TEXT NOT NULL DEFAULT '[]',
    people TEXT NOT NULL DEFAULT '[]',
    cut INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS passages_source ON passages(source_id, passage);
CREATE TABLE IF NOT EXISTS passage_years(
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    PRIMARY KEY(year, passage_id)
);
CREATE TABLE IF NOT EXISTS passage_themes(
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY(theme, passage_id)
);
-- Lookups by passage (updating or removing a source's passages) must not scan these tables.
CREATE INDEX IF NOT EXISTS passage_years_passage ON passage_years(passage_id);
CREATE INDEX IF NOT EXISTS passage_themes_passage ON passage_themes(passage_id);
-- Each source's word pairs (hashes and counts) and their document frequencies over the
-- corpus: what the same-event similarity needs, without reading the texts again.
CREATE TABLE IF NOT EXISTS source_terms(
    source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    terms BLOB NOT NULL,
    counts BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS corpus_df(id INTEGER PRIMARY KEY CHECK (id = 1), df BLOB NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS passage_fts USING fts5(
    text, heading, tokenize = 'unicode61 remove_diacritics 2'
);
"""


DATA_TABLES = ("passage_fts", "passage_themes", "passage_years", "passages", "source_terms", "corpus_df", "failures",
                "sources")








def people_json(people: tuple[Person, ...]) -> str:
    return json.dumps([asdict(p) for p in people], ensure_ascii=False)


def meta_to_json(meta: Metadata) -> str:
    return json.dumps(asdict(meta), ensure_ascii=False)


def meta_from_json(raw: str) -> Metadata:
    data = json.loads(raw)
    data["years_mentioned"] = tuple(data.get("years_mentioned", ()))
    data["flags"] = tuple(data.get("flags", ()))
    return Metadata(**data)


def evidence_to_json(ev: Evidence) -> str:
    return json.dumps({"meta": asdict(ev.meta), "lead_day_month": ev.lead_day_month,
                       "has_task_language": ev.has_task_language, "is_review": ev.is_review,
                       "outlets": ev.outlets, "overrides": ev.overrides}, ensure_ascii=False)


def evidence_from_json(raw: str) -> Evidence:
    data = json.loads(raw)
    meta = data["meta"]
    meta["years_mentioned"] = tuple(meta.get("years_mentioned", ()))
    lead = data.get("lead_day_month")
    return Evidence(meta=Metadata(**meta), lead_day_month=(lead[0], lead[1]) if lead else None,
                    has_task_language=data.get("has_task_language", False), is_review=data.get("is_review", False),
                    outlets=data.get("outlets", {}), overrides=_overrides(data.get("overrides", {})))


def _overrides(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if k == "years_mentioned" else v for k, v in raw.items()}
