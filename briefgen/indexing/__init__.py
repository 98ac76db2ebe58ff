"""Ingest: bring the store up to date with the sources folder, re-reading only what changed.

The folder is scanned (``scan``), each new or changed file goes through the per-source
pipeline (``pipeline``, in worker processes when there are many), and the corpus step
(``corpus``) settles what one source cannot say alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..config import Config
from ..errors import IndexDamaged
from ..model import Failure, Fingerprint, IngestReport, Taxonomy
from ..store import Store
from ..store.rows import SCHEMA_VERSION
from ..text import printable
from ..version import __version__
from .corpus import Frequencies, resolve_corpus
from .pipeline import MAX_SOURCE_BYTES, MAX_WORKERS, Job, parsers
from .scan import discover, display_path, find_source, name_warnings, scan, sidecar_for, source_ids

__all__ = ["MAX_WORKERS", "discover", "find_source", "ingest", "rules_version"]

Progress = Callable[[str, bool], None]

# What happens after the store (assembling, rendering, writing, the command line) does not
# decide what a source's passages are: changing it re-reads nothing. Every other module and
# data file of the package fingerprints the index, so a new or split rules module is counted
# without being listed anywhere.
_AFTER_THE_STORE = {"rendering", "assemble", "templates", "fonts", "cli.py", "build", "jobs.py", "outputs.py",
                    "verify.py", "jsonify.py", "project.py", "lock.py", "__main__.py"}
_DATA_AFTER_THE_STORE = {"headlines.toml"}  # read by the assembler only


def _rule_files(folder: Traversable, top: bool = True) -> list[Traversable]:
    found: list[Traversable] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if (top and item.name in _AFTER_THE_STORE) or item.name.startswith((".", "__pycache__")) or (
                folder.name == "data" and item.name in _DATA_AFTER_THE_STORE):
            continue
        if item.is_dir():
            found += _rule_files(item, False)
        elif item.name.endswith((".py", ".toml")):
            found.append(item)
    return found


def rules_version(taxonomy: Taxonomy | None = None) -> str:
    """Return a fingerprint of the cleaning and annotation rules, their data and the themes in
    use; a change re-reads every source."""
    digest = hashlib.sha256(f"{__version__}/{SCHEMA_VERSION}/{taxonomy.digest if taxonomy else ''}".encode())
    for item in _rule_files(resources.files("briefgen")):
        digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:16]


def ingest(config: Config, store: Store, taxonomy: Taxonomy, progress: Progress | None = None,
           workers: int | None = None) -> IngestReport:
    """Bring *store* up to date with the sources folder and return what was done.

    Files are parsed in a pool of *workers* processes (default: the configuration's
    ``workers``, else the machine's cores when there are many files; 1 turns the pool off).

    A file whose size and time are unchanged is not opened; one whose bytes hash as before
    is not parsed again; deleted files leave the index; files that cannot be read are
    remembered with their reason and reported again until they change or go away.

    A store found damaged on the way is moved aside and rebuilt from the sources in the same
    run, with a warning.
    """
    workers = workers if workers is not None else config.workers
    try:
        return _Run(config, store, taxonomy, progress).go(workers)
    except IndexDamaged as exc:
        store.reopen()
        report = _Run(config, store, taxonomy, progress).go(workers)
        return replace(report, warnings=(exc.warning, *report.warnings))


@dataclass
class _Run:
    """One ingest run: the counts and warnings it gathers as it goes."""

    config: Config
    store: Store
    taxonomy: Taxonomy
    progress: Progress | None
    read: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    warnings: list[str] = field(default_factory=list)
    failed_now: set[str] = field(default_factory=set)
    touched: set[str] = field(default_factory=set)
    frequencies: Frequencies | None = None

    def go(self, workers: int | None) -> IngestReport:
        store = self.store
        files, sidecars = scan(self.config.sources)
        rules = rules_version(self.taxonomy)
        full = store.get_info("rules") != rules
        self.warnings = list(store.warnings)
        frequencies = self.frequencies = Frequencies(store)
        with store.transaction():
            # Removals first, so a file renamed to another extension can take its old id.
            displays = {path: display_path(path, self.config.root) for path in files}
            present = set(displays.values())
            known = store.fingerprints()
            for display in known:
                if display not in present:
                    removed = store.remove(display)
                    frequencies.remove([removed])
                    self.removed += removed is not None
            if full:  # new rules: every source is read again, into an empty index
                store.reset()
                frequencies.reset()
                known = {}
            jobs = self._jobs(displays, sidecars, known, full, source_ids(files, self.config.sources))
            self._parse(jobs, workers, frequencies)
            # Sources came or went: read, removed, or replaced by a file that now fails.
            changed = frequencies.save()
            if changed or full or store.get_info("resolved") != rules:
                resolve_corpus(store, frequencies, None if full or store.get_info("resolved") != rules
                               else self.touched)
                store.set_info("resolved", rules)
            store.set_info("rules", rules)
        if changed:
            store.checkpoint()
        return self._report(present)

    def _fail(self, display: str, reason: str, digest: str = "", size: int = 0, mtime: int = -1) -> None:
        """Remember a file that cannot be read (an impossible time: tried again next run)."""
        reason = printable(reason)  # a reason may quote the file's name or extension
        removed = self.store.put_failure(display, digest, size, mtime, reason)
        if self.frequencies is not None:
            self.frequencies.remove([removed])
        self.warnings.append(f"{display}: {reason}")
        self.failed_now.add(display)
        self.failed += 1
        if self.progress:
            self.progress(display, False)

    def _jobs(self, displays: dict[Path, str], sidecars: set[Path], known: dict[str, Fingerprint], full: bool,
              ids: dict[Path, str]) -> list[Job]:
        """Return the files to read and parse; failing the ones that cannot be, counting the unchanged."""
        jobs: list[Job] = []
        inside = self.config.sources.resolve()
        for path, display in displays.items():
            # Folders are walked without following links: only a linked file can lead out.
            try:
                outside = path.is_symlink() and not path.resolve().is_relative_to(inside)
            except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a loop
                self._fail(display, "a symbolic link that leads to itself (a link loop); not followed")
                continue
            if outside:
                self._fail(display, "a link to a file outside the sources folder; not followed")
                continue
            sidecar = sidecar_for(path, sidecars)
            if sidecar is not None and sidecar.is_symlink() and not sidecar.resolve().is_relative_to(inside):
                self.warnings.append(f"{display}: its sidecar links outside the sources folder; ignored")
                sidecar = None
            try:
                stats = [path.stat()] + ([sidecar.stat()] if sidecar else [])
            except OSError as exc:
                self._fail(display, f"cannot be read ({exc.strerror or exc})")
                continue
            size = sum(s.st_size for s in stats)
            mtime = max(s.st_mtime_ns for s in stats)
            before = known.get(display)
            if before and not full and before.size == size and before.mtime_ns == mtime:
                self._unchanged(display)
                continue
            if stats[0].st_size > MAX_SOURCE_BYTES:
                self._fail(display, f"too large for one source ({stats[0].st_size / 1e6:.0f} MB; the limit is "
                                    f"{MAX_SOURCE_BYTES // 10**6} MB): split it into smaller files", "", size, mtime)
                continue
            jobs.append(Job(ids[path], path, display, sidecar, size, mtime,
                            before.hash if before and not full else None, name_warnings(path, self.config.root)))
        return jobs

    def _unchanged(self, display: str) -> None:
        self.unchanged += 1
        if self.progress:
            self.progress(display, False)

    def _parse(self, jobs: list[Job], workers: int | None, frequencies: Frequencies) -> None:
        """Parse the jobs and store each result as it comes, in order: the workers read, hash
        and parse while this process stores."""
        with parsers(workers, len(jobs), self.taxonomy) as parse:
            for job, (digest, built, reason) in zip(jobs, parse(jobs), strict=True):
                if built is None and reason is None:  # same bytes as stored: only the time changed
                    self.store.touch(job.display, job.size, job.mtime)
                    self._unchanged(job.display)
                elif built is not None:
                    source, evidence, terms = built
                    frequencies.remove(self.store.put(source, evidence, job.size, job.mtime, terms))
                    frequencies.add(terms[0])
                    self.touched.add(source.id)
                    self.warnings.extend(source.warnings)
                    self.read += 1
                    if self.progress:
                        self.progress(job.display, True)
                else:
                    # An unreadable file (no hash) is tried again next time; a broken one once it changes.
                    self._fail(job.display, reason or "could not be read", digest, job.size,
                               job.mtime if digest else -1)

    def _report(self, present: set[str]) -> IngestReport:
        failures: list[Failure] = []
        remembered: list[str] = []
        for display, reason in self.store.failures().items():
            if display not in present:
                continue
            failures.append(Failure(display, reason, display in self.failed_now))
            if display not in self.failed_now:
                remembered.append(f"{display}: {reason} (unchanged)")
        return IngestReport(read=self.read, unchanged=self.unchanged, removed=self.removed, failed=self.failed,
                            warnings=tuple(self.warnings), sources=len(self.store.ids_and_paths()),
                            remembered=tuple(remembered), failures=tuple(failures))
