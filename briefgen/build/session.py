"""A session: one command's hold on a project.

The store is opened once and the themes are loaded once, whatever the command does with
them: refresh the index, read sources, search, assemble, render and write packs, run the
yearly job or a batch file. Leaving the session closes the store.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from .. import assemble, jobs, outputs
from ..annotate.passages import PASSAGE_THEME_MIN, figure_year
from ..annotate.themes import exact_theme, find_theme, load_taxonomy, score, topic_theme
from ..config import Config
from ..errors import BriefgenError, ConfigError, UsageError
from ..indexing import find_source
from ..indexing import ingest as ingest_sources
from ..lock import project_lock
from ..model import (
    DEFAULT_FORMATS,
    CleanReport,
    Failure,
    Figure,
    IngestReport,
    OutputFile,
    Pack,
    PackResult,
    PackSpec,
    Passage,
    RunReport,
    SearchHit,
    Source,
    Taxonomy,
)
from ..rendering import default_template_text, render_formats
from ..store import Store, open_store

Progress = Callable[[str, bool], None]
PackProgress = Callable[[PackSpec, int], None]


@dataclass(frozen=True)
class Refresh:
    """What bringing the index up to date before a command met: the ingest's report, or
    (*busy*) that another run held the project and the index was read as it was."""

    report: IngestReport | None
    busy: str | None = None  # the message of the run that holds the lock
    remembered: tuple[Failure, ...] = ()  # with busy: the files the index remembers as failed

    @property
    def warnings(self) -> tuple[str, ...]:
        """Return every problem to show: the ingest's warnings and remembered failures."""
        if self.report is None:
            return (f"{self.busy}; showing the index as it is",) if self.busy else ()
        return self.report.all_warnings

    @property
    def failures(self) -> tuple[Failure, ...]:
        """Return every file of the sources folder not in the index."""
        return self.report.failures if self.report is not None else self.remembered


@dataclass(frozen=True)
class SearchResult:
    """The hits of a search, the id of the theme it searched within (or None), and a note on
    what was done with a query that names a theme."""

    hits: list[SearchHit]
    theme: str | None
    note: str | None


class Session:
    """One command's hold on a project: its configuration, its store (opened on first use,
    once) and its themes (loaded on first use, once). Use it as a context manager."""

    def __init__(self, config: Config, verify: bool = True) -> None:
        self.config = config
        self._verify = verify  # check the index file's integrity when it is opened
        self._store: Store | None = None
        self._taxonomy: Taxonomy | None = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._store is not None:
            store, self._store = self._store, None
            store.__exit__(kind, exc, tb)

    @property
    def store(self) -> Store:
        """Return the project's store, opening it on first use."""
        if self._store is None:
            self._store = open_store(self.config, verify=self._verify)
        return self._store

    @property
    def taxonomy(self) -> Taxonomy:
        """Return the themes in use: briefgen's defaults, replaced or extended by the project's file."""
        if self._taxonomy is None:
            self._taxonomy = load_taxonomy(self.config.themes)
        return self._taxonomy

    # -- the index ---------------------------------------------------------------------

    def ingest(self, progress: Progress | None = None, workers: int | None = None) -> IngestReport:
        """Bring the index up to date with the sources folder, holding the project lock."""
        with project_lock(self.config):
            return ingest_sources(self.config, self.store, self.taxonomy, progress, workers)

    def refresh(self) -> Refresh:
        """Bring the index up to date before a command reads it; while another run holds the
        project (a scheduled build), read the index as it is and say so."""
        try:
            return Refresh(self.ingest())
        except BriefgenError as exc:
            if "another briefgen run" not in str(exc):
                raise
            return Refresh(None, str(exc), tuple(Failure(p, r, False) for p, r in self.store.failures().items()))

    def sources(self) -> list[tuple[Source, int]]:
        """Return every source (without passages) and its passage count."""
        counts = self.store.passage_counts()
        return [(s.source, counts.get(s.source.id, 0)) for s in self.store.stored_sources(with_passages=False)]

    def source(self, reference: str) -> Source:
        """Return one source with its passages and dropped lines; *reference* is an id, a
        unique id prefix or a path."""
        store = self.store
        source = store.get(find_source(store, reference, self.config, store.failures()))
        if source is None:  # pragma: no cover - find_source only returns stored ids
            raise BriefgenError(f"source '{reference}' vanished from the index")
        return source

    def theme_counts(self) -> dict[tuple[str, int], int]:
        """Return how many passages of each year each theme has, by (theme id, year)."""
        return self.store.theme_counts(PASSAGE_THEME_MIN)

    def figures(self, year: int | None = None, theme: str | None = None) -> list[tuple[Figure, Passage]]:
        """Return every figure of the corpus (about *year*, in passages about *theme*) with its passage."""
        theme_id = find_theme(theme, self.taxonomy).id if theme else None
        result = []
        for passage in self.store.passages(theme=theme_id):
            if theme_id is not None and dict(passage.themes).get(theme_id, 0.0) < PASSAGE_THEME_MIN:
                continue
            result += [(f, passage) for f in passage.figures if year is None or figure_year(f, passage) == year]
        return result

    # -- search ------------------------------------------------------------------------

    def search(self, query: str, year: int | None = None, limit: int = 20, theme: str | None = None,
               topic: str | None = None) -> list[SearchHit]:
        """Return passages ranked for *query* (diacritics ignored), optionally about one year,
        one theme (an id, a label or a unique part of one) or a free-text topic."""
        theme_id = find_theme(theme, self.taxonomy).id if theme else None
        if topic is None:
            return self.store.search(query, year=year, limit=limit, theme=theme_id, theme_min=PASSAGE_THEME_MIN)
        wanted = topic_theme(topic)
        hits = self.store.search(query, year=year, limit=max(limit * 20, 500), theme=theme_id,
                                 theme_min=PASSAGE_THEME_MIN)
        return [h for h in hits if score(h.text, wanted) > 0][:limit]

    def theme_passages(self, theme_id: str, year: int | None = None, limit: int = 20) -> list[SearchHit]:
        """Return the passages most about one theme (by theme score), as search hits (match "theme")."""
        found = [(dict(p.themes).get(theme_id, 0.0), p) for p in self.store.passages(year=year, theme=theme_id)]
        found = sorted((x for x in found if x[0] >= PASSAGE_THEME_MIN),
                       key=lambda x: (-x[0], x[1].source_id, x[1].passage))[:limit]
        info = self.store.source_info({p.source_id for _, p in found})
        return [SearchHit(p.source_id, p.passage, p.heading, p.start, p.end, round(value, 2), "theme", p.text,
                          title=info[p.source_id][1].title if p.source_id in info else None,
                          path=info[p.source_id][0] if p.source_id in info else None) for value, p in found]

    def search_named(self, query: str, year: int | None = None, limit: int = 20, theme: str | None = None,
                     topic: str | None = None) -> SearchResult:
        """Search as ``briefgen search`` does: a query that is a theme's id or label in either
        language and matches no passage as words searches that theme (its Vietnamese label
        within it, then its passages by theme score); one that matches words too is searched
        as words, with a note offering the theme."""
        hits = self.search(query, year=year, limit=limit, theme=theme, topic=topic)
        theme_used = find_theme(theme, self.taxonomy).id if theme is not None else None
        named = exact_theme(query, self.taxonomy) if theme is None and topic is None else None
        if named is None:
            return SearchResult(hits, theme_used, None)
        if any(h.match in ("phrase", "all") for h in hits):
            return SearchResult(hits, theme_used, f"'{query}' is also the theme {named.id}: 'briefgen search WORDS "
                                                  f"--theme {named.id}' searches within it, 'briefgen build --theme "
                                                  f"{named.id}' makes its pack")
        hits = [h for h in self.search(named.label_vi, year=year, limit=limit, theme=named.id) if h.match != "some"]
        if len(hits) < limit:
            seen = {(h.source_id, h.passage) for h in hits}
            hits += [h for h in self.theme_passages(named.id, year=year, limit=limit)
                     if (h.source_id, h.passage) not in seen][:limit - len(hits)]
        note = (f"'{query}' is the theme {named.id} ({named.label_vi} / {named.label_en}): showing the passages "
                f"about it; add words and --theme {named.id} to narrow them")
        return SearchResult(hits, named.id, note)

    # -- packs -------------------------------------------------------------------------

    def pack(self, year: int | None = None, theme: str | None = None, topic: str | None = None,
             include_flagged: bool = False) -> Pack:
        """Return the briefing pack of one year, one theme or one free-text topic (not rendered)."""
        if sum(x is not None for x in (year, theme, topic)) != 1:
            raise UsageError("give exactly one of a year, a theme or a topic")
        if theme is not None:
            return assemble.theme_pack(self.store, find_theme(theme, self.taxonomy), include_flagged, self.taxonomy)
        if topic is not None:
            return assemble.theme_pack(self.store, topic_theme(topic), include_flagged)
        assert year is not None
        return assemble.year_pack(self.store, year, self.taxonomy, include_flagged)

    def render(self, pack: Pack, formats: list[str], lang: str = "vi", template: Path | None = None,
               reference_docx: Path | None = None, notes: list[str] | None = None,
               config: Config | None = None) -> dict[str, bytes]:
        """Return a pack rendered in each format (what a renderer could not do goes to *notes*;
        *config*: the session's with this pack's own options, such as a draft mark)."""
        return render_formats(pack, config or self.config, self.taxonomy, formats, lang, template,
                                     reference_docx, notes)

    def inputs(self, pack: Pack, lang: str, template: Path | None, reference_docx: Path | None,
               config: Config | None = None) -> dict[str, Any]:
        """Return what the pack's files are made from, and its hash (see :func:`outputs.pack_inputs`)."""
        config = config or self.config
        used = outputs.digest(template.read_bytes() if template else
                              default_template_text(config, pack.kind).encode("utf-8"))
        return outputs.pack_inputs(config, pack, lang, self.taxonomy, used, reference_docx)

    def write(self, pack: Pack, formats: list[str], output: Path | None = None, lang: str | None = None,
              name: str | None = None, template: Path | None = None, reference_docx: Path | None = None,
              notes: list[str] | None = None, inputs: dict[str, Any] | None = None, base: str | None = None,
              config: Config | None = None) -> tuple[list[OutputFile], list[dict[str, Any]]]:
        """Render *pack* in each format and write the files and NAME.json atomically; return the
        files written and the record's file list."""
        config = config or self.config
        lang = lang or config.lang
        base = base or outputs.output_base(name, pack, lang, config.lang)
        inputs = inputs or self.inputs(pack, lang, template, reference_docx, config)
        rendered = self.render(pack, list(dict.fromkeys(formats)), lang, template, reference_docx, notes, config)
        return outputs.write_pack(config, pack, rendered, output or config.output, lang, base, inputs)

    # -- runs of packs -----------------------------------------------------------------

    def years(self) -> tuple[list[int], list[int]]:
        """Return the years some source reviews, and the years passages report results or tasks
        for; sources flagged as damaged count for neither (packs leave them out)."""
        flagged = self.store.flagged()
        reviewed = jobs.year_range([s.source.meta.year_reviewed for s in self.store.stored_sources(with_passages=False)
                                    if s.source.id not in flagged])
        kinds = ("result", "task")
        mentioned = self.store.years(kinds) if not flagged else sorted(
            {y for p in self.store.passage_summaries() if p.source_id not in flagged and p.kind in kinds
             for y in p.years})
        return reviewed, jobs.year_range(list(mentioned))

    def run(self, specs: list[PackSpec], force: bool = False, progress: PackProgress | None = None,
            report: RunReport | None = None) -> RunReport:
        """Build each pack whose inputs changed (every pack with *force*), one after the other;
        one failing does not stop the others. The index is used as it is (refresh first).

        Files are written atomically and the manifest after each pack, so a run killed midway
        leaves whole files and a manifest that describes them; the next run finishes the work."""
        report = report or RunReport()
        manifests: dict[Path, dict[str, Any]] = {}
        with project_lock(self.config):
            for spec in specs:
                if progress:
                    progress(spec, len(specs))
                try:
                    result = self._run_one(spec, force, manifests)
                except BriefgenError as exc:
                    reason = str(exc) if str(exc).startswith(spec.label) else f"{spec.label}: {exc}"
                    result = PackResult(spec, "failed", reason=reason, exit_code=exc.exit_code)
                except Exception as exc:  # one pack's crash must not stop the others
                    first = str(exc).splitlines()[0] if str(exc) else ""
                    result = PackResult(spec, "failed", reason=f"{spec.label}: {type(exc).__name__}: {first}",
                                        exit_code=1)
                report.results.append(result)
        return report

    def _run_one(self, spec: PackSpec, force: bool, manifests: dict[Path, dict[str, Any]]) -> PackResult:
        """Build one pack of a run unless the manifest says its files are up to date."""
        folder = spec.output or self.config.output
        lang = spec.lang or self.config.lang
        if spec.problem:
            raise ConfigError(spec.problem)
        folder.mkdir(parents=True, exist_ok=True)
        if folder not in manifests:
            jobs.clear_partial(folder)
            manifests[folder] = jobs.read_manifest(folder)
        manifest = manifests[folder]
        pack = self.pack(year=spec.year, theme=spec.theme, topic=spec.topic, include_flagged=spec.include_flagged)
        if pack.empty and spec.if_empty != "write":
            nothing = "the sources have nothing for this year" if pack.kind == "year" else \
                pack.note or "the sources have nothing for it"
            covered = f"; {jobs.describe_years(*self.years())}" if pack.kind == "year" else ""
            reason = f"{spec.label}: {nothing}{covered}"
            if spec.if_empty == "skip":
                return PackResult(spec, "skipped", reason=reason, kind=pack.kind, scope=pack.scope)
            raise BriefgenError(reason + "; --allow-empty writes the empty pack")
        base = outputs.output_base(spec.name, pack, lang, self.config.lang)
        config = replace(self.config, draft=True) if spec.draft else self.config
        inputs = self.inputs(pack, lang, spec.template, spec.reference_docx, config)
        entry = manifest["packs"].get(base)
        if not force and jobs.up_to_date(entry, inputs["inputs_sha256"], spec.formats, folder):
            assert entry is not None
            kept = tuple(OutputFile(folder / f["name"], f["format"], f["sha256"]) for f in entry["files"]
                         if f["format"] in (*spec.formats, "json"))
            return PackResult(spec, "unchanged", kept, note=pack.note, kind=pack.kind, scope=pack.scope,
                              left_out=pack.left_out, review=pack.review)
        notes: list[str] = []
        written, files = self.write(pack, list(spec.formats), folder, lang, template=spec.template,
                                    reference_docx=spec.reference_docx, notes=notes, inputs=inputs, base=base,
                                    config=config)
        manifest["packs"][base] = {
            "pack": {"kind": pack.kind, "scope": pack.scope, "empty": pack.empty, "label": spec.label,
                     "lang": lang, "origin": spec.origin},
            "review": [note._asdict() for note in pack.review],
            "files": files, "inputs_sha256": inputs["inputs_sha256"], "inputs": inputs["inputs"],
            "built_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()}
        jobs.write_manifest(folder, manifest)
        return PackResult(spec, "built", tuple(written), note="; ".join(n for n in (pack.note, *notes) if n) or None,
                          kind=pack.kind, scope=pack.scope, left_out=pack.left_out, review=pack.review)

    def _refreshed_report(self) -> RunReport:
        ingested = self.ingest()
        return RunReport(warnings=list(ingested.all_warnings), failures=list(ingested.failures))

    def yearly(self, years: str | None, formats: tuple[str, ...] = DEFAULT_FORMATS, lang: str | None = None,
               output: Path | None = None, force: bool = False, prune: bool = False,
               progress: PackProgress | None = None) -> RunReport:
        """Build the review pack of each year (``--years``, else the ``[yearly] years`` setting,
        else every year some source reviews); ingest once; say which years were left out and
        why. *prune*: afterwards remove the outputs no pack definition produces any more."""
        with project_lock(self.config):
            report = self._refreshed_report()
            chosen, skipped = jobs.plan_years(self.config, years, *self.years())
            specs = [PackSpec(label=f"year {y}", year=y, formats=formats, lang=lang, output=output, if_empty="skip",
                              origin="yearly") for y in chosen]
            for year, reason in skipped:
                report.results.append(PackResult(PackSpec(label=f"year {year}", year=year, origin="yearly"),
                                                 "skipped", reason=f"year {year}: {reason}", kind="year",
                                                 scope=str(year)))
            self.run(specs, force=force, progress=progress, report=report)
            if prune:
                report.removed = self.clean(output=output).removed
        return report

    def batch(self, path: Path, force: bool = False, progress: PackProgress | None = None) -> RunReport:
        """Build the packs of a batch file (see :func:`jobs.read_batch`), ingesting once."""
        with project_lock(self.config):
            report = self._refreshed_report()
            self.run(jobs.read_batch(path, self.config), force=force, progress=progress, report=report)
        return report

    def clean(self, output: Path | None = None, batches: tuple[Path, ...] = (), dry_run: bool = False) -> CleanReport:
        """Remove the outputs no pack definition produces any more (see :func:`jobs.clean`)."""
        with project_lock(self.config):
            years = set(jobs.plan_years(self.config, None, *self.years())[0])
            return jobs.clean(self.config, years, self.taxonomy, output, batches, dry_run)


