"""The one place the stages meet: every command (and a future web page) is one call here.

A :class:`Session` is one command's hold on a project: the store is opened once and the
themes are loaded once, whatever the command does with them (refresh the index, assemble,
render, write, run the yearly job). The module-level functions are the library's API; each
opens one session, so ``build_pack(config, year=2018)`` opens the store once.

The stages below it never call each other upward: ingest fills the store, assemble reads it
into a Pack, render turns a Pack into bytes, outputs writes bytes and records, jobs plans
runs and keeps the manifest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..annotate.themes import exact_theme, load_taxonomy
from ..config import LANGUAGES, Config
from ..errors import UsageError
from ..indexing import discover
from ..jobs import NOT_REVIEWED, YEAR_MAX, YEAR_MIN, skipped_lines, summary_line
from ..lock import project_lock
from ..model import (
    DEFAULT_FORMATS,
    FORMATS,
    CleanReport,
    Figure,
    IngestReport,
    Pack,
    PackSpec,
    Passage,
    RunReport,
    SearchHit,
    Source,
    Taxonomy,
    Theme,
)
from ..project import init_project
from ..rendering import render_formats as render_formats_
from ..verify import verify as verify_draft
from .session import PackProgress, Progress, Refresh, SearchResult, Session

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "LANGUAGES",
    "NOT_REVIEWED",
    "YEAR_MAX",
    "YEAR_MIN",
    "PackSpec",
    "Refresh",
    "SearchResult",
    "Session",
    "batch",
    "build_pack",
    "clean",
    "count_sources",
    "figures",
    "get_source",
    "ingest",
    "init_project",
    "list_failures",
    "list_sources",
    "render_formats",
    "run",
    "search",
    "search_named",
    "skipped_lines",
    "summary_line",
    "taxonomy",
    "theme_counts",
    "verify",
    "write_pack",
    "yearly",
]


# -- the library's calls: each opens one session ------------------------------------------

def ingest(config: Config, progress: Progress | None = None, workers: int | None = None) -> IngestReport:
    """Bring the index up to date with the sources folder; return counts and warnings.

    *progress* is called for every file with its path and whether it is read (changed).
    *workers* processes parse the files (default: the configuration's ``workers``, else the
    cores when there are many files; 1 parses in this process). Holds the project lock, so
    two runs never write the index at once."""
    with Session(config) as session:
        return session.ingest(progress, workers)


def _session(config: Config, refresh: bool) -> Session:
    session = Session(config, verify=refresh)
    if refresh:
        try:
            session.ingest()
        except BaseException:
            session.__exit__(None, None, None)
            raise
    return session


def list_sources(config: Config, refresh: bool = True) -> list[tuple[Source, int]]:
    """Return every source (without passages) and its passage count, after refreshing the index."""
    with _session(config, refresh) as session:
        return session.sources()


def list_failures(config: Config) -> dict[str, str]:
    """Return the files of the sources folder that could not be read, with the reason, by path."""
    with Session(config, verify=False) as session:
        return session.store.failures()


def get_source(config: Config, reference: str, refresh: bool = True) -> Source:
    """Return one source with its passages and dropped lines; *reference* is an id, a unique
    id prefix or a path."""
    with _session(config, refresh) as session:
        return session.source(reference)


def search(config: Config, query: str, year: int | None = None, limit: int = 20, refresh: bool = True,
           theme: str | None = None, topic: str | None = None) -> list[SearchHit]:
    """Return passages ranked for *query* (diacritics ignored), optionally about one year,
    one theme (an id, a label or a unique part of one) or a free-text topic."""
    with _session(config, refresh) as session:
        return session.search(query, year, limit, theme, topic)


def search_named(config: Config, query: str, year: int | None = None, limit: int = 20, theme: str | None = None,
                 topic: str | None = None, refresh: bool = True) -> SearchResult:
    """Search as ``briefgen search`` does (see :meth:`Session.search_named`)."""
    with _session(config, refresh) as session:
        return session.search_named(query, year, limit, theme, topic)


def taxonomy(config: Config) -> Taxonomy:
    """Return the themes in use: briefgen's defaults, replaced or extended by the project's file."""
    return load_taxonomy(config.themes)


def theme_named(config: Config, query: str) -> Theme | None:
    """Return the theme whose id or label (in either language, tones optional) is exactly *query*, or None."""
    return exact_theme(query, load_taxonomy(config.themes))


def theme_counts(config: Config, refresh: bool = True) -> dict[tuple[str, int], int]:
    """Return how many passages of each year each theme has, by (theme id, year)."""
    with _session(config, refresh) as session:
        return session.theme_counts()


def figures(config: Config, year: int | None = None, theme: str | None = None,
            refresh: bool = True) -> list[tuple[Figure, Passage]]:
    """Return every figure of the corpus (about *year*, in passages about *theme*) with its passage."""
    with _session(config, refresh) as session:
        return session.figures(year, theme)


def build_pack(config: Config, year: int | None = None, theme: str | None = None, topic: str | None = None,
               refresh: bool = True, include_flagged: bool = False) -> Pack:
    """Return the briefing pack of one year, one theme or one free-text topic (not rendered).

    Sources flagged as damaged (lost diacritics, look-alike or dropped letters, markup residue) are left
    out and named in the pack's ``left_out``, unless *include_flagged*."""
    if sum(x is not None for x in (year, theme, topic)) != 1:
        raise UsageError("give exactly one of a year, a theme or a topic")
    with _session(config, refresh) as session:
        return session.pack(year, theme, topic, include_flagged)


def render(pack: Pack, config: Config, fmt: str, lang: str = "vi", template: Path | None = None,
           reference_docx: Path | None = None) -> bytes:
    """Return a pack rendered in one format: "md" (the template's Markdown), "pdf" or "docx"."""
    return render_formats(pack, config, [fmt], lang, template, reference_docx)[fmt]


def render_formats(pack: Pack, config: Config, formats: list[str], lang: str = "vi", template: Path | None = None,
                   reference_docx: Path | None = None, notes: list[str] | None = None) -> dict[str, bytes]:
    """Return a pack rendered in each format: "md" (the template's Markdown), "pdf" or "docx"."""
    return render_formats_(pack, config, load_taxonomy(config.themes), formats, lang, template,
                                 reference_docx, notes)


def write_pack(config: Config, pack: Pack, formats: list[str], output: Path | None = None, lang: str | None = None,
               name: str | None = None, template: Path | None = None,
               reference_docx: Path | None = None) -> list[Path]:
    """Render *pack* in each format and write the files (and NAME.json) atomically; return their paths.

    The files are named NAME (default: the pack's own name), with the language added when it
    is not the project's (``2018-year-review.en.pdf``)."""
    with Session(config, verify=False) as session:
        written, _ = session.write(pack, formats, output, lang, name, template, reference_docx)
    return [f.path for f in written]


def run(config: Config, specs: list[PackSpec], force: bool = False, progress: PackProgress | None = None,
        refresh: bool = True) -> RunReport:
    """Build each pack of *specs* whose inputs changed (every pack with *force*), after
    bringing the index up to date (unless not *refresh*)."""
    with Session(config, verify=refresh) as session, project_lock(config):
        report = session._refreshed_report() if refresh else RunReport()
        return session.run(specs, force, progress, report)


def yearly(config: Config, years: str | None = None, formats: tuple[str, ...] = DEFAULT_FORMATS,
           lang: str | None = None, output: Path | None = None, force: bool = False, prune: bool = False,
           progress: PackProgress | None = None) -> RunReport:
    """Build the review pack of each year (see :meth:`Session.yearly`)."""
    with Session(config) as session:
        return session.yearly(years, formats, lang, output, force, prune, progress)


def batch(config: Config, path: Path, force: bool = False, progress: PackProgress | None = None) -> RunReport:
    """Build the packs of a batch file, ingesting once."""
    with Session(config) as session:
        return session.batch(path, force, progress)


def clean(config: Config, output: Path | None = None, batches: tuple[Path, ...] = (),
          dry_run: bool = False) -> CleanReport:
    """Remove the outputs no pack definition produces any more (``briefgen clean``)."""
    with Session(config, verify=False) as session:
        return session.clean(output, batches, dry_run)


def count_sources(config: Config) -> int:
    """Return how many candidate source files the sources folder holds (for a progress bar)."""
    return len(discover(config.sources))


def verify(config: Config, draft: Path) -> Any:
    """Check a Word draft staff have edited against the sources it quotes (``briefgen verify``)."""
    if not config.index_path.is_file():
        return verify_draft(config, draft, None)
    with Session(config, verify=False) as session:
        return verify_draft(config, draft, session.store)
