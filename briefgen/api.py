"""Library entry points: everything a command (or a future web page) does is one call here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import ingest as _ingest
from . import pack as _pack
from .annotate.passages import PASSAGE_THEME_MIN, figure_year
from .annotate.themes import exact_theme, find_theme, load_taxonomy, score, topic_theme
from .config import Config
from .errors import BriefgenError, UsageError
from .model import Failure, Figure, IngestReport, Pack, Passage, SearchHit, Source, Taxonomy, Theme


def ingest(config: Config, progress: Callable[[str, bool], None] | None = None,
           workers: int | None = None) -> IngestReport:
    """Bring the index up to date with the sources folder; return counts and warnings.

    *progress* is called for every file with its path and whether it is read (changed).
    *workers* processes parse the files (default: BRIEFGEN_WORKERS, else the cores when
    there are many files; 1 parses in this process).

    Holds the project lock, so two runs never write the index at once.
    """
    from .jobs import project_lock

    with project_lock(config):
        return _ingest.ingest(config, progress, workers)


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


def list_failure_records(config: Config) -> list[Failure]:
    """Return the files that could not be indexed as remembered by the index (none new)."""
    return [Failure(path, reason, False) for path, reason in list_failures(config).items()]


def theme_id(config: Config, theme: str) -> str:
    """Return the id of the theme *theme* names (an id, a label or a unique part of one)."""
    return find_theme(theme, load_taxonomy(config.themes)).id


def get_source(config: Config, reference: str, refresh: bool = True) -> Source:
    """Return one source with its passages and dropped lines; *reference* is an id, a unique
    id prefix or a path."""
    if refresh:
        _ingest.ingest(config)
    store = _ingest.open_store(config)
    try:
        source = store.get(_ingest.find_source(store, reference, config, store.failures()))
        if source is None:  # pragma: no cover - find_source only returns stored ids
            raise BriefgenError(f"source '{reference}' vanished from the index")
        return source
    finally:
        store.close()


def theme_named(config: Config, query: str) -> Theme | None:
    """Return the theme whose id or label (in either language, tones optional) is exactly
    *query*, or None: a search for "citizen protection" is a search for that theme."""
    return exact_theme(query, load_taxonomy(config.themes))


def theme_passages(config: Config, theme_id: str, year: int | None = None, limit: int = 20) -> list[SearchHit]:
    """Return the passages most about one theme (by theme score), as search hits (match "theme")."""
    store = _ingest.open_store(config)
    try:
        found = [(dict(p.themes).get(theme_id, 0.0), p) for p in store.passages(year=year, theme=theme_id)]
        found = sorted((x for x in found if x[0] >= PASSAGE_THEME_MIN), key=lambda x: (-x[0], x[1].source_id,
                                                                                      x[1].passage))[:limit]
        info = store.source_info({p.source_id for _, p in found})
    finally:
        store.close()
    return [SearchHit(p.source_id, p.passage, p.heading, p.start, p.end, round(score, 2), "theme", p.text,
                      title=info[p.source_id][1].title if p.source_id in info else None,
                      path=info[p.source_id][0] if p.source_id in info else None) for score, p in found]


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
        wanted = topic_theme(topic)
        hits = store.search(query, year=year, limit=max(limit * 20, 500), theme=theme_id, theme_min=PASSAGE_THEME_MIN)
        return [h for h in hits if score(h.text, wanted) > 0][:limit]
    finally:
        store.close()


@dataclass(frozen=True)
class SearchResult:
    """The hits of a search, the id of the theme it searched within (or None), and a note on
    what was done with a query that names a theme."""

    hits: list[SearchHit]
    theme: str | None
    note: str | None


def search_named(config: Config, query: str, year: int | None = None, limit: int = 20, theme: str | None = None,
                 topic: str | None = None) -> SearchResult:
    """Search as ``briefgen search`` does (the index as it is): a query that is a theme's id
    or label in either language and matches no passage as words searches that theme (its
    Vietnamese label within it, then its passages by theme score); one that matches words
    too is searched as words, with a note offering the theme."""
    hits = search(config, query, year=year, limit=limit, refresh=False, theme=theme, topic=topic)
    theme_used = theme_id(config, theme) if theme is not None else None
    named = theme_named(config, query) if theme is None and topic is None else None
    if named is None:
        return SearchResult(hits, theme_used, None)
    if any(h.match in ("phrase", "all") for h in hits):
        return SearchResult(hits, theme_used, f"'{query}' is also the theme {named.id}: 'briefgen search WORDS "
                                              f"--theme {named.id}' searches within it, 'briefgen build --theme "
                                              f"{named.id}' makes its pack")
    hits = [h for h in search(config, named.label_vi, year=year, limit=limit, refresh=False, theme=named.id)
            if h.match != "some"]
    if len(hits) < limit:
        seen = {(h.source_id, h.passage) for h in hits}
        hits += [h for h in theme_passages(config, named.id, year=year, limit=limit)
                 if (h.source_id, h.passage) not in seen][:limit - len(hits)]
    note = (f"'{query}' is the theme {named.id} ({named.label_vi} / {named.label_en}): showing the passages "
            f"about it; add words and --theme {named.id} to narrow them")
    return SearchResult(hits, named.id, note)


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
               refresh: bool = True, include_flagged: bool = False) -> Pack:
    """Return the briefing pack of one year, one theme or one free-text topic (not rendered).

    Sources flagged as damaged (lost diacritics, look-alike letters, markup residue) are left
    out and named in the pack's ``left_out``, unless *include_flagged*."""
    if sum(x is not None for x in (year, theme, topic)) != 1:
        raise UsageError("give exactly one of a year, a theme or a topic")
    if refresh:
        _ingest.ingest(config)
    themes = load_taxonomy(config.themes)
    chosen = find_theme(theme, themes) if theme is not None else topic_theme(topic) if topic is not None else None
    store = _ingest.open_store(config)
    try:
        if chosen is not None:
            return _pack.theme_pack(store, chosen, include_flagged)
        assert year is not None
        return _pack.year_pack(store, year, themes, include_flagged)
    finally:
        store.close()


FORMATS = ("pdf", "docx", "md")


def render(pack: Pack, config: Config, fmt: str, lang: str = "vi", template: Path | None = None,
           reference_docx: Path | None = None) -> bytes:
    """Return a pack rendered in one format: "md" (the template's Markdown), "pdf" or "docx"."""
    return render_formats(pack, config, [fmt], lang, template, reference_docx)[fmt]


def render_formats(pack: Pack, config: Config, formats: list[str], lang: str = "vi", template: Path | None = None,
                   reference_docx: Path | None = None, notes: list[str] | None = None) -> dict[str, bytes]:
    """Return a pack rendered in each format; the template and the document tree are made once.
    What a renderer could not do (the Word contents without page numbers) is added to *notes*."""
    from . import templating

    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise UsageError(f"format '{unknown[0]}' is not available (known: {', '.join(FORMATS)})")
    themes = load_taxonomy(config.themes)
    markdown = templating.markdown(pack, config, themes, lang, template)
    result = {}
    if "md" in formats:
        from .doctree import charts
        from .render_md import readable

        labels = {t.id: t.label(lang) for t in themes.themes}
        drawn = {k: (c.title, c.labels, c.values) for k, c in charts(pack, labels).items()}
        result["md"] = readable(markdown, drawn).encode("utf-8")
    if {"pdf", "docx"} & set(formats):
        from .doctree import build

        document = build(markdown, pack, {t.id: t.label(lang) for t in themes.themes})
        author = config.author or config.issuer
        if "pdf" in formats:
            from .render_pdf import render as render_pdf
            result["pdf"] = render_pdf(document, author, templating.build_date())
        if "docx" in formats:
            from .render_docx import render as render_docx
            result["docx"] = render_docx(document, author, templating.build_date(), reference_docx, notes)
    return {fmt: result[fmt] for fmt in formats}


def write_pack(config: Config, pack: Pack, formats: list[str], output: Path | None = None, lang: str | None = None,
               name: str | None = None, template: Path | None = None,
               reference_docx: Path | None = None) -> list[Path]:
    """Render *pack* in each format and write the files (and NAME.json) atomically; return their paths.

    The files are named NAME (default: the pack's own name), with the language added when it
    is not the project's (``2018-year-review.en.pdf``)."""
    from . import outputs

    lang = lang or config.lang
    base = outputs.output_base(name, pack, lang, config.lang)
    written, _ = outputs.write_pack(config, pack, formats, output, lang, base, template, reference_docx)
    return [f.path for f in written]
