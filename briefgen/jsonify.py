"""The stable JSON shapes of briefgen's objects (documented in the README)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .annotate.passages import PASSAGE_THEME_MIN, figure_year
from .model import Failure, Figure, IngestReport, Passage, SearchHit, Source, Theme


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
        "year_reviewed_from": meta.year_reviewed_from,
        "year_reviewed_source": meta.year_reviewed_source,
        "year_tasks": meta.year_tasks,
        "year_tasks_certainty": meta.year_tasks_certainty,
        "years_mentioned": list(meta.years_mentioned),
        "passage_count": passages,
        "flags": list(meta.flags),
        "encoding": source.encoding,
        "hash": source.hash,
        "warnings": list(source.warnings),
        "themes": [{"id": t, "score": v} for t, v in source.themes],
        "people": [p.as_dict() for p in source.people],
    }


def passage(p: Passage) -> dict[str, Any]:
    """Return one passage as ``show --json`` lists it."""
    return {"passage": p.passage, "heading": p.heading, "start": p.start, "end": p.end,
            "years": list(p.years), "kind": p.kind, "cut": p.cut,
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
    data["body"] = source.body
    data["dropped"] = [asdict(d) for d in source.dropped]
    return data


def hit(h: SearchHit) -> dict[str, Any]:
    """Return one search hit."""
    return {"source_id": h.source_id, "passage": h.passage, "heading": h.heading, "start": h.start, "end": h.end,
            "score": h.score, "match": h.match, "title": h.title, "path": h.path, "text": h.text}


def ingest_report(report: IngestReport) -> dict[str, Any]:
    """Return the counts, failures and warnings of one ingest run: ``failed`` counts every file
    of the sources folder that is not in the index (``failed_new`` those met in this run)."""
    return {"read": report.read, "unchanged": report.unchanged, "removed": report.removed,
            "failed": len(report.failures), "failed_new": sum(f.new for f in report.failures),
            "sources": report.sources, "failures": [failure(f) for f in report.failures],
            "warnings": list(report.all_warnings)}


def failure(f: Failure) -> dict[str, Any]:
    """Return one file that is not in the index, with the reason and whether it is new."""
    return {"path": f.path, "reason": f.reason, "new": f.new}


def theme(t: Theme, counts: dict[tuple[str, int], int]) -> dict[str, Any]:
    """Return one theme with its passage counts per year."""
    per_year = {str(y): n for (tid, y), n in sorted(counts.items(), key=lambda kv: kv[0][1]) if tid == t.id}
    return {"id": t.id, "label_vi": t.label_vi, "label_en": t.label_en, "description": t.description,
            "description_vi": t.description_vi, "phrases": [" ".join(p) for p in t.phrases],
            "passages": sum(per_year.values()), "passages_by_year": per_year}


def run_report(report: Any) -> dict[str, Any]:
    """Return what a run of packs (build, yearly, batch) did: each pack with its status
    (built, unchanged, skipped, failed), files with paths and hashes, the counts, the
    sources that are not indexed, the warnings and the outputs pruned."""
    packs = []
    for r in report.results:
        packs.append({"label": r.spec.label, "kind": r.kind, "scope": r.scope, "year": r.spec.year,
                      "status": r.status, "reason": r.reason, "note": r.note,
                      "left_out": [{"source_id": sid, "flags": list(flags)} for sid, flags in r.left_out],
                      "review": [note._asdict() for note in r.review],
                      "files": [{"path": str(f.path), "format": f.format, "sha256": f.sha256} for f in r.files]})
    counts = {status: report.count(status) for status in ("built", "unchanged", "skipped", "failed")}
    return {"packs": packs, **counts, "sources_failed": [failure(f) for f in report.failures],
            "warnings": list(report.warnings), "removed": [str(p) for p in report.removed]}
