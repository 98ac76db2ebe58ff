"""The stable JSON shapes of briefgen's objects (documented in the README)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .annotate import PASSAGE_THEME_MIN, figure_year
from .figures import Figure
from .model import IngestReport, Passage, SearchHit, Source
from .themes import Theme


def source_summary(source: Source, passages: int) -> dict[str, Any]:
    """Return a source as ``briefgen sources --json`` lists it."""
    meta = source.meta
    return {
        "id": source.id,
        "path": source.path,
        "title": meta.title,
        "outlet": meta.outlet,
        "author": meta.author,
        "url": meta.url,
        "published": meta.published,
        "published_certainty": meta.published_certainty,
        "year_reviewed": meta.year_reviewed,
        "year_reviewed_certainty": meta.year_reviewed_certainty,
        "year_tasks": meta.year_tasks,
        "year_tasks_certainty": meta.year_tasks_certainty,
        "years_mentioned": list(meta.years_mentioned),
        "passages": passages,
        "encoding": source.encoding,
        "hash": source.hash,
        "warnings": list(source.warnings),
        "themes": [{"id": t, "score": v} for t, v in source.themes],
        "people": [p.as_dict() for p in source.people],
    }


def passage(p: Passage) -> dict[str, Any]:
    """Return one passage as ``show --json`` lists it."""
    return {"passage": p.passage, "heading": p.heading, "start": p.start, "end": p.end,
            "years": list(p.years), "kind": p.kind,
            "themes": [{"id": t, "score": v} for t, v in p.themes if v >= PASSAGE_THEME_MIN],
            "figures": [figure(f, p) for f in p.figures], "people": [x.as_dict() for x in p.people], "text": p.text}


def figure(f: Figure, p: Passage) -> dict[str, Any]:
    """Return one figure with the year, source and passage it belongs to."""
    data = f.as_dict()
    data.update({"year": figure_year(f, p), "source_id": p.source_id, "passage": p.passage})
    return data


def source_detail(source: Source) -> dict[str, Any]:
    """Return a source as ``briefgen show --json`` prints it: metadata, body, passages, dropped."""
    data = source_summary(source, len(source.passages))
    data["passages"] = [passage(p) for p in source.passages]
    data["passage_count"] = len(source.passages)
    data["body"] = source.body
    data["dropped"] = [asdict(d) for d in source.dropped]
    return data


def hit(h: SearchHit) -> dict[str, Any]:
    """Return one search hit."""
    return {"source_id": h.source_id, "passage": h.passage, "heading": h.heading, "start": h.start, "end": h.end,
            "score": h.score, "match": h.match, "title": h.title, "path": h.path, "text": h.text}


def ingest_report(report: IngestReport) -> dict[str, Any]:
    """Return the counts and warnings of one ingest run."""
    return {"read": report.read, "unchanged": report.unchanged, "removed": report.removed,
            "failed": report.failed, "sources": report.sources, "warnings": list(report.all_warnings)}


def theme(t: Theme, counts: dict[tuple[str, int], int]) -> dict[str, Any]:
    """Return one theme with its passage counts per year."""
    per_year = {str(y): n for (tid, y), n in sorted(counts.items(), key=lambda kv: kv[0][1]) if tid == t.id}
    return {"id": t.id, "label_vi": t.label_vi, "label_en": t.label_en, "description": t.description,
            "description_vi": t.description_vi, "phrases": [" ".join(p) for p in t.phrases],
            "passages": sum(per_year.values()), "passages_by_year": per_year}
