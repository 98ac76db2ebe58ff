"""Library entry points: everything a command (or a future web page) does is one call here."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import ingest as _ingest
from . import pack as _pack
from .annotate import PASSAGE_THEME_MIN, figure_year
from .config import Config
from .errors import BriefgenError, UsageError
from .figures import Figure
from .model import IngestReport, Metadata, Passage, SearchHit, Source
from .pack import Pack
from .text import fold
from .themes import Taxonomy, find_theme, load_taxonomy, scores, topic_theme


def ingest(config: Config, progress: Callable[[str], None] | None = None) -> IngestReport:
    """Bring the index up to date with the sources folder; return counts and warnings."""
    return _ingest.ingest(config, progress)


def list_sources(config: Config, refresh: bool = True) -> list[tuple[Source, int]]:
    """Return every source (without passages) and its passage count, after refreshing the index."""
    if refresh:
        _ingest.ingest(config)
    store = _ingest.open_store(config)
    try:
        counts = store.passage_counts()
        return [(s.source, counts.get(s.source.id, 0)) for s in store.stored_sources(with_passages=False)]
    finally:
        store.close()


def list_failures(config: Config) -> dict[str, str]:
    """Return the files of the sources folder that could not be read, with the reason, by path."""
    store = _ingest.open_store(config)
    try:
        return store.failures()
    finally:
        store.close()


def get_source(config: Config, reference: str, refresh: bool = True) -> Source:
    """Return one source with its passages and dropped lines; *reference* is an id, a unique
    id prefix or a path."""
    if refresh:
        _ingest.ingest(config)
    store = _ingest.open_store(config)
    try:
        source = store.get(_ingest.find_source(store, reference, config))
        if source is None:  # pragma: no cover - find_source only returns stored ids
            raise BriefgenError(f"source '{reference}' vanished from the index")
        return source
    finally:
        store.close()


def search(config: Config, query: str, year: int | None = None, limit: int = 20, refresh: bool = True,
           theme: str | None = None, topic: str | None = None) -> list[SearchHit]:
    """Return passages ranked for *query* (diacritics ignored), optionally about one year,
    one theme (an id, a label or a unique part of one) or a free-text topic."""
    if refresh:
        _ingest.ingest(config)
    taxonomy = load_taxonomy(config.themes)
    theme_id = find_theme(theme, taxonomy).id if theme else None
    store = _ingest.open_store(config)
    try:
        if topic is None:
            return store.search(query, year=year, limit=limit, theme=theme_id, theme_min=PASSAGE_THEME_MIN)
        adhoc = Taxonomy(themes=(topic_theme(topic),), digest="")
        hits = store.search(query, year=year, limit=max(limit * 20, 500), theme=theme_id, theme_min=PASSAGE_THEME_MIN)
        return [h for h in hits if scores(h.text, adhoc)][:limit]
    finally:
        store.close()


def taxonomy(config: Config) -> Taxonomy:
    """Return the themes in use: briefgen's defaults, replaced or extended by the project's file."""
    return load_taxonomy(config.themes)


def theme_counts(config: Config, refresh: bool = True) -> dict[tuple[str, int], int]:
    """Return how many passages of each year each theme has, by (theme id, year)."""
    if refresh:
        _ingest.ingest(config)
    store = _ingest.open_store(config)
    try:
        return store.theme_counts(PASSAGE_THEME_MIN)
    finally:
        store.close()


def figures(config: Config, year: int | None = None, theme: str | None = None,
            refresh: bool = True) -> list[tuple[Figure, Passage]]:
    """Return every figure of the corpus (about *year*, in passages about *theme*) with its passage."""
    if refresh:
        _ingest.ingest(config)
    theme_id = find_theme(theme, load_taxonomy(config.themes)).id if theme else None
    store = _ingest.open_store(config)
    try:
        result = []
        for passage in store.passages(theme=theme_id):
            if theme_id is not None and dict(passage.themes).get(theme_id, 0.0) < PASSAGE_THEME_MIN:
                continue
            for f in passage.figures:
                if year is None or figure_year(f, passage) == year:
                    result.append((f, passage))
        return result
    finally:
        store.close()


def build_pack(config: Config, year: int | None = None, theme: str | None = None, topic: str | None = None,
               refresh: bool = True) -> Pack:
    """Return the briefing pack of one year, one theme or one free-text topic (not rendered)."""
    if sum(x is not None for x in (year, theme, topic)) != 1:
        raise UsageError("give exactly one of a year, a theme or a topic")
    if refresh:
        _ingest.ingest(config)
    themes = load_taxonomy(config.themes)
    chosen = find_theme(theme, themes) if theme is not None else topic_theme(topic) if topic is not None else None
    store = _ingest.open_store(config)
    try:
        if chosen is not None:
            return _pack.theme_pack(store, chosen)
        assert year is not None
        return _pack.year_pack(store, year, themes)
    finally:
        store.close()


FORMATS = ("pdf", "docx", "md")


def render(pack: Pack, config: Config, fmt: str, lang: str = "vi", template: Path | None = None,
           reference_docx: Path | None = None) -> bytes:
    """Return a pack rendered in one format: "md" (the template's Markdown), "pdf" or "docx"."""
    from . import templating

    themes = load_taxonomy(config.themes)
    markdown = templating.markdown(pack, config, themes, lang, template)
    if fmt == "md":
        return markdown.encode("utf-8")
    from .doctree import build

    document = build(markdown, pack, {t.id: t.label(lang) for t in themes.themes})
    author = config.author or config.issuer
    if fmt == "pdf":
        from .render_pdf import render as render_pdf
        return render_pdf(document, author)
    if fmt == "docx":
        from .render_docx import render as render_docx
        return render_docx(document, author, templating.build_date(), reference_docx)
    raise UsageError(f"format '{fmt}' is not available (known: {', '.join(FORMATS)})")


def pack_name(pack: Pack) -> str:
    """Return the base name of a pack's files: 2018-year-review, theme-citizen_protection, topic-<words>."""
    if pack.kind == "year":
        return f"{pack.year}-year-review"
    slug = re.sub(r"[^a-z0-9]+", "-", fold(pack.scope)).strip("-")[:60] or "topic"
    return f"{pack.kind}-{slug}"


def write_pack(config: Config, pack: Pack, formats: list[str], output: Path | None = None, lang: str = "vi",
               name: str | None = None, template: Path | None = None,
               reference_docx: Path | None = None) -> list[Path]:
    """Render *pack* in each format and write the files atomically into the output folder;
    return their paths. A file is written under a temporary name, then renamed."""
    folder = output or config.output
    folder.mkdir(parents=True, exist_ok=True)
    base = safe_name(name or pack_name(pack))
    formats = list(dict.fromkeys(formats))
    rendered = [(folder / f"{base}.{fmt}", render(pack, config, fmt, lang, template, reference_docx))
                for fmt in formats]
    manifest = _manifest(config, pack, rendered, lang, template, reference_docx)
    rendered.append((folder / f"{base}.json", manifest))
    written = []
    for path, data in rendered:
        atomic_write(path, data)
        written.append(path)
    return written


def _manifest(config: Config, pack: Pack, rendered: list[tuple[Path, bytes]], lang: str, template: Path | None,
              reference_docx: Path | None) -> bytes:
    """Return the JSON manifest written beside a pack: what it cites and what it was made from."""
    from . import __version__
    from .pack import Item

    cited: dict[tuple[str, int], Item] = {}
    for section in pack.sections:
        stack = [section]
        while stack:
            current = stack.pop()
            stack.extend(current.sections)
            for item in current.items:
                for c in item.citations:
                    cited.setdefault((c.source_id, c.passage), item)
    store = _ingest.open_store(config)
    try:
        spans = {(p.source_id, p.passage): (p.start, p.end) for sid in {k[0] for k in cited}
                 for p in (store.get(sid) or Source(sid, "", "", Metadata(), "", (), ())).passages}
    finally:
        store.close()
    paths = {r.source_id: r.path for r in pack.references}
    inputs = {"sources": list(pack.inputs), "template": _digest(template.read_bytes()) if template else "default",
              "reference_docx": _digest(reference_docx.read_bytes()) if reference_docx else None,
              "options": {"lang": lang}, "briefgen": __version__}
    from .templating import build_date

    data = {"pack": {"kind": pack.kind, "scope": pack.scope, "empty": pack.empty},
            "built": build_date().isoformat(),
            "files": [{"name": path.name, "sha256": _digest(blob)} for path, blob in rendered],
            "inputs": inputs, "inputs_sha256": _digest(json.dumps(inputs, sort_keys=True).encode()),
            "cited_passages": [{"source_id": sid, "path": paths.get(sid), "passage": n,
                                "start": spans.get((sid, n), (None, None))[0],
                                "end": spans.get((sid, n), (None, None))[1]} for sid, n in sorted(cited)]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(name: str) -> str:
    """Return *name* as a file name that cannot leave its folder."""
    cleaned = re.sub(r"[^\w.\-]+", "-", name.replace("/", "-").replace("\\", "-")).strip(".-")
    return cleaned[:100] or "pack"


def atomic_write(path: Path, data: bytes) -> None:
    """Write *data* to *path* so that readers see the old file or the whole new one, never a part."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
