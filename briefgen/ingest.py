"""Ingest: read the sources folder into the passage index, re-reading only what changed."""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import logging
import os
import re
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__
from .annotate import passages as annotate
from .annotate import shapes
from .annotate.clean import clean
from .annotate.metadata import detect
from .annotate.resolve import SAME_EVENT, compatible, dated_ordinals, event_ordinals, finish, pair_terms, similarities
from .annotate.resolve import lead_events as resolve_lead_events
from .annotate.segment import segment
from .annotate.themes import load_taxonomy
from .config import Config
from .errors import BriefgenError, ConfigError, NotFoundError, SourceError
from .index import SCHEMA_VERSION, IndexDamaged, SqliteStore
from .limits import TimeLimit, time_limit
from .model import Evidence, Failure, IngestReport, Metadata, Passage, Source, Taxonomy
from .readers import SIDECAR_SUFFIX, read_document
from .text import ends_sentence, file_label, fold, normalize, printable

log = logging.getLogger(__name__)

_RULE_MODULES = ("annotate/clean.py", "annotate/metadata.py", "annotate/resolve.py", "annotate/segment.py", "text.py",
                 "index.py", "annotate/passages.py", "annotate/figures.py", "annotate/people.py", "annotate/themes.py")


# A source is one article or report. A file above this size is refused before it is read, so
# memory stays bounded (a 20 MB text takes about 10 times its size while it is parsed).
MAX_SOURCE_BYTES = 20 * 10**6
# And one source may take this long to read, clean and annotate (a 10 MB single line takes
# about 20 s): past it the file is refused with the reason and remembered as failed, so a
# file that defeats a rule never holds the project's lock for good.
MAX_SOURCE_SECONDS = 300
MAX_WORKERS = 64  # parsing processes, however many are asked for


def rules_version(taxonomy: Taxonomy | None = None) -> str:
    """Return a fingerprint of the cleaning and annotation rules, their data and the themes in
    use; a change re-reads every source."""
    digest = hashlib.sha256(f"{__version__}/{SCHEMA_VERSION}/{taxonomy.digest if taxonomy else ''}".encode())
    package = resources.files("briefgen")
    for name in _RULE_MODULES:
        digest.update(package.joinpath(name).read_bytes())
    for item in sorted(package.joinpath("readers").iterdir(), key=lambda p: p.name):
        if item.name.endswith(".py"):
            digest.update(item.read_bytes())
    for item in sorted(package.joinpath("data").iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            digest.update(item.read_bytes())
    return digest.hexdigest()[:16]


def discover(folder: Path) -> list[Path]:
    """Return the candidate source files under *folder*: hidden files, editor lock files and
    sidecars are not sources."""
    return scan(folder)[0]


def scan(folder: Path) -> tuple[list[Path], set[Path]]:
    """Return the candidate source files under *folder* (sorted) and the sidecars beside
    them, in one walk of the folder. Hidden files and folders and editor lock files are
    left out; linked folders are not entered. A link that cannot be followed (a loop) is
    listed, so that ingest names it in a warning."""
    if not folder.is_dir():
        raise BriefgenError(f"{folder}: no sources folder here (set 'sources' in briefgen.toml or use --project)")
    found: list[Path] = []
    sidecars: set[Path] = set()
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                    continue
                try:
                    is_file = entry.is_file()
                except OSError:  # a link loop (or a link into a folder that cannot be read)
                    is_file = entry.is_symlink() and not entry.name.endswith(SIDECAR_SUFFIX)
                if is_file and not entry.name.startswith("~$"):
                    (sidecars.add if entry.name.endswith(SIDECAR_SUFFIX) else found.append)(Path(entry.path))
    return sorted(found), sidecars


def sidecar_for(path: Path, sidecars: set[Path] | None = None) -> Path | None:
    """Return the sidecar of *path* (``NAME.meta.toml`` or ``NAME.ext.meta.toml``), if present
    (among *sidecars*, when the folder was scanned)."""
    if sidecars is not None and not sidecars:
        return None
    for candidate in (path.with_name(path.stem + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)):
        if candidate in sidecars if sidecars is not None else candidate.is_file():
            return candidate
    return None


def source_ids(paths: list[Path], folder: Path) -> dict[Path, str]:
    """Return a stable id per source: the file name without extension (with its folder, if
    any); the extension is kept where two files would otherwise share an id."""
    stems = {p: file_label(p.relative_to(folder).with_suffix("").as_posix()) for p in paths}
    counts: dict[str, int] = {}
    for stem in stems.values():
        counts[stem] = counts.get(stem, 0) + 1
    return {p: (stem if counts[stem] == 1 else file_label(p.relative_to(folder).as_posix()))
            for p, stem in stems.items()}


_META_FIELDS = {f.name: f for f in fields(Metadata)  # where a year came from is briefgen's own record
                if f.name not in ("year_reviewed_from", "year_reviewed_source")}


def parse_sidecar(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Return (overrides, warnings) from a sidecar: any Metadata field, checked for type."""
    name = file_label(path.name)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{name}: sidecar ignored (not valid TOML: {exc})"]
    except RecursionError:
        return {}, [f"{name}: sidecar ignored (not valid TOML: arrays or tables nested too deep)"]
    overrides: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        if key not in _META_FIELDS:
            warnings.append(f"{name}: unknown field '{key}' ignored")
        elif key.startswith("year_") and not key.endswith("certainty") and not _is_year(value):
            warnings.append(f"{name}: '{key}' must be a year, got {value!r}; ignored")
        elif key == "years_mentioned" and not (isinstance(value, list) and all(_is_year(v) for v in value)):
            warnings.append(f"{name}: 'years_mentioned' must be a list of years (1900-2100), got "
                            f"{printable(repr(value))[:80]}; ignored")
        elif key.endswith("certainty") and value not in ("stated", "inferred", "unknown"):
            warnings.append(f"{name}: '{key}' must be stated, inferred or unknown; ignored")
        elif key == "published" and not (isinstance(value, str) and _valid_partial_date(value)):
            warnings.append(f"{name}: 'published' must be a date that exists, YYYY, YYYY-MM or YYYY-MM-DD, got "
                            f"{printable(repr(value))[:80]}; ignored")
        elif key == "flags" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            warnings.append(f"{name}: 'flags' must be a list of text; ignored")
        elif key == "flags":
            overrides[key] = tuple(" ".join(normalize(v).split()) for v in value if v.strip())
        elif key in ("title", "outlet", "author", "url") and not isinstance(value, str):
            warnings.append(f"{name}: '{key}' must be text; ignored")
        elif key in ("title", "outlet", "author", "url"):
            cleaned = " ".join(normalize(value).split())  # NFC, no controls, one line
            if cleaned:
                overrides[key] = cleaned
        else:
            overrides[key] = tuple(value) if key == "years_mentioned" else value
    if "published" in overrides:
        overrides.setdefault("published_certainty", "stated")
    for year_key in ("year_reviewed", "year_tasks"):
        if year_key in overrides:
            overrides.setdefault(f"{year_key}_certainty", "stated")
    if "year_reviewed" in overrides:
        overrides["year_reviewed_from"] = "the sidecar"
    return overrides, warnings


def _is_year(value: Any) -> bool:
    # A TOML true is a Python int: it is no year.
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100


def _valid_partial_date(value: str) -> bool:
    """Return True for an ISO date or partial date that exists ("2019-02-31" does not)."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts) or len(parts[0]) != 4:
        return False
    try:
        _dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return False
    return _is_year(int(parts[0]))


def is_cut(text: str) -> bool:
    """Return True for a last paragraph that the excerpt's end cut off: it ends mid-sentence
    (neither as a sentence does nor on the colon that opens a list)."""
    return len(text.split()) >= 4 and not ends_sentence(text) and not text.rstrip("\"”’»)] ").endswith(":")


def mark_cut(passage: Passage) -> Passage:
    """Return a cut-off passage marked so: a figure whose counted noun runs into the cut is
    marked cut (its unit may be a fragment), and a person whose title runs into it keeps the
    name only."""
    end = len(passage.text.rstrip())
    figures = tuple(replace(f, cut=True) if f.end >= end - 1 else f for f in passage.figures)
    people = tuple(replace(x, title=None) if x.title and passage.text.rstrip().endswith(x.title) else x
                   for x in passage.people)
    return replace(passage, cut=True, figures=figures, people=people)


def build_source(source_id: str, path: Path, display_path: str, data: bytes, digest: str,
                 sidecar: Path | None, taxonomy: Taxonomy) -> tuple[Source, Evidence]:
    """Return one source read, cleaned, described, cut into passages and annotated (before
    corpus resolution settles its years)."""
    document = read_document(path, data)
    cleaned = clean(document.blocks)
    evidence = detect(cleaned, document.format_meta)
    warnings = list(document.warnings)
    if sidecar is not None:
        overrides, sidecar_warnings = parse_sidecar(sidecar)
        warnings += sidecar_warnings
        evidence = replace(evidence, overrides=overrides)
    body, passages = segment(source_id, cleaned.items)
    if not passages:
        warnings.append("no body text left after cleaning")
    # The passages are dated with what the source says of itself (and its sidecar); the
    # corpus step dates them again only if it settles the source's metadata otherwise.
    texts = [text for _, text in cleaned.items]
    flags = list(cleaned.flags)
    if shapes.lost_diacritics(texts):
        flags.append("lost diacritics")
    if shapes.lookalike_letters(texts):
        flags.append("look-alike letters")
    evidence = replace(evidence, meta=replace(evidence.meta, flags=tuple(flags)))
    for flag in flags:
        warnings.append(f"flagged: {flag}; packs leave this source out unless asked (--include-flagged)")
    meta = replace(evidence.meta, **evidence.overrides)
    if passages and not meta.title:
        warnings.append("no title found; references quote its opening words instead")
    passages = tuple(replace(p, years=annotate.passage_years(p, meta)) for p in annotate.annotate(passages, taxonomy))
    if passages and is_cut(passages[-1].text):
        passages = (*passages[:-1], mark_cut(passages[-1]))
    captions = [d.line for d in cleaned.dropped if d.reason == "photo caption"]
    source = Source(id=source_id, path=display_path, hash=digest, meta=meta, body=body,
                    passages=passages, dropped=cleaned.dropped,
                    warnings=tuple(f"{display_path}: {w}" for w in warnings), encoding=document.encoding,
                    themes=annotate.source_themes(passages, evidence.meta.title, taxonomy),
                    people=annotate.source_people(passages, evidence.meta.title, captions))
    return source, evidence


def _display_path(path: Path, root: Path) -> str:
    """Return how a source's path is shown and stored: relative to the project, escaped where
    the name is not UTF-8 or holds control characters (:func:`briefgen.text.file_label`)."""
    try:
        return file_label(path.relative_to(root).as_posix())
    except ValueError:
        return file_label(path.as_posix())


def _name_warnings(path: Path, root: Path) -> tuple[str, ...]:
    """Return the warning a file name that had to be escaped for showing gets, if any."""
    try:
        raw = path.relative_to(root).as_posix()
    except ValueError:
        raw = path.as_posix()
    if file_label(raw) == raw.replace("\\", "\\\\"):
        return ()
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in raw):
        return ("the file name is not valid UTF-8 (its bytes are shown escaped); rename the file to keep it so",)
    return ("the file name holds control or invisible characters (shown escaped); rename the file",)


def open_store(config: Config, verify: bool = False) -> SqliteStore:
    """Return the project's store (*verify*: check the file's integrity first)."""
    return SqliteStore(config.index_path, verify)


def ingest(config: Config, progress: Callable[[str, bool], None] | None = None,
           workers: int | None = None) -> IngestReport:
    """Bring the index up to date with the sources folder and return what was done.

    Files are parsed in a pool of *workers* processes (default: BRIEFGEN_WORKERS, else the
    machine's cores when there are many files; 1 turns the pool off).

    A file whose size and time are unchanged is not opened; one whose bytes hash as before
    is not parsed again; deleted files leave the index; files that cannot be read are
    remembered with their reason and reported again until they change or go away.

    An index found damaged on the way (SQLite says it is malformed) is moved aside and
    rebuilt from the sources in the same run, with a warning.
    """
    try:
        return _ingest(config, progress, workers)
    except IndexDamaged as exc:
        report = _ingest(config, progress, workers)
        return replace(report, warnings=(exc.warning, *report.warnings))


def _ingest(config: Config, progress: Callable[[str, bool], None] | None, workers: int | None) -> IngestReport:
    folder = config.sources
    files, sidecars = scan(folder)
    ids = source_ids(files, folder)
    taxonomy = load_taxonomy(config.themes)
    store = open_store(config, verify=True)
    try:
        rules = rules_version(taxonomy)
        full = store.get_info("rules") != rules
        known = store.fingerprints()
        read = unchanged = removed = failed = 0
        warnings: list[str] = list(store.warnings)
        remembered: list[str] = []
        failed_now: set[str] = set()

        def fail(display: str, reason: str, digest: str = "", size: int = 0, mtime: int = -1) -> None:
            """Remember a file that cannot be read (an impossible time: tried again next run)."""
            nonlocal failed
            reason = printable(reason)  # a reason may quote the file's name or extension
            store.put_failure(display, digest, size, mtime, reason)
            warnings.append(f"{display}: {reason}")
            failed_now.add(display)
            failed += 1
            if progress:
                progress(display, False)

        jobs: list[_Job] = []
        touched: set[str] = set()
        with store.transaction():
            # Removals first, so a file renamed to another extension can take its old id.
            displays = {path: _display_path(path, config.root) for path in files}
            present = set(displays.values())
            for display in known:
                if display not in present and store.remove(display):
                    removed += 1
            if full:  # new rules: every source is read again, into an empty index
                store.reset()
                known = {}
            inside = folder.resolve()
            for path, display in displays.items():
                # Folders are walked without following links: only a linked file can lead out.
                try:
                    outside = path.is_symlink() and not path.resolve().is_relative_to(inside)
                except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a loop
                    fail(display, "a symbolic link that leads to itself (a link loop); not followed")
                    continue
                if outside:
                    fail(display, "a link to a file outside the sources folder; not followed")
                    continue
                sidecar = sidecar_for(path, sidecars)
                if sidecar is not None and sidecar.is_symlink() and not sidecar.resolve().is_relative_to(inside):
                    warnings.append(f"{display}: its sidecar links outside the sources folder; ignored")
                    sidecar = None
                try:
                    stats = [path.stat()] + ([sidecar.stat()] if sidecar else [])
                except OSError as exc:
                    fail(display, f"cannot be read ({exc.strerror or exc})")
                    continue
                size = sum(s.st_size for s in stats)
                mtime = max(s.st_mtime_ns for s in stats)
                before = known.get(display)
                if before and not full and before.size == size and before.mtime_ns == mtime:
                    unchanged += 1
                    if progress:
                        progress(display, False)
                    continue
                if stats[0].st_size > MAX_SOURCE_BYTES:
                    fail(display, f"too large for one source ({stats[0].st_size / 1e6:.0f} MB; the limit is "
                                  f"{MAX_SOURCE_BYTES // 10**6} MB): split it into smaller files", "", size, mtime)
                    continue
                jobs.append(_Job(ids[path], path, display, sidecar, size, mtime,
                                 before.hash if before and not full else None, _name_warnings(path, config.root)))
            # The workers read, hash and parse; this process stores each result as it comes,
            # in order, while they go on with the next files.
            with _parsers(workers, len(jobs), taxonomy) as parse:
                for job, (digest, built, reason) in zip(jobs, parse(jobs), strict=True):
                    if built is None and reason is None:  # same bytes as stored: only the time changed
                        store.touch(job.display, job.size, job.mtime)
                        unchanged += 1
                        if progress:
                            progress(job.display, False)
                    elif built is not None:
                        source, evidence, terms = built
                        store.put(source, evidence, job.size, job.mtime, terms)
                        touched.add(source.id)
                        warnings.extend(source.warnings)
                        read += 1
                        if progress:
                            progress(job.display, True)
                    else:
                        # An unreadable file (no hash) is tried again next time; a broken one once it changes.
                        fail(job.display, reason or "could not be read", digest, job.size, job.mtime if digest else -1)
            # Sources came or went: read, removed, or replaced by a file that now fails.
            changed = store.save_document_frequency()
            if changed or full or store.get_info("resolved") != rules:
                _resolve_corpus(store, None if full or store.get_info("resolved") != rules else touched)
                store.set_info("resolved", rules)
            store.set_info("rules", rules)
        if changed:
            store.checkpoint()
        failures: list[Failure] = []
        for display, reason in store.failures().items():
            if display not in present:
                continue
            failures.append(Failure(display, reason, display in failed_now))
            if display not in failed_now:
                remembered.append(f"{display}: {reason} (unchanged)")
        total = len(store.ids_and_paths())
        return IngestReport(read=read, unchanged=unchanged, removed=removed, failed=failed,
                            warnings=tuple(warnings), sources=total, remembered=tuple(remembered),
                            failures=tuple(failures))
    finally:
        store.close()


class _Job(NamedTuple):
    """One file to read and parse, and what the store records of it."""

    source_id: str
    path: Path
    display: str
    sidecar: Path | None
    size: int
    mtime: int
    known_hash: str | None  # the stored hash: same bytes, nothing to parse
    notes: tuple[str, ...] = ()  # warnings about the file's name


_Built = tuple[Source, Evidence, tuple[bytes, bytes]]
_TAXONOMY: Taxonomy | None = None  # the themes in use, set once per worker process


def _set_taxonomy(taxonomy: Taxonomy) -> None:
    global _TAXONOMY
    _TAXONOMY = taxonomy


def _build(job: _Job) -> tuple[str, _Built | None, str | None]:
    """Read and parse one file (in a worker process). Return its hash with the source, its
    evidence and its body's word pairs; or with nothing when its bytes are those stored; or
    with the reason it failed."""
    display = job.display
    try:
        data = job.path.read_bytes()
        extra = job.sidecar.read_bytes() if job.sidecar else b""
    except OSError as exc:
        return "", None, f"cannot be read ({exc.strerror or exc})"
    digest = hashlib.sha256(data + b"\0sidecar\0" + extra).hexdigest()
    if digest == job.known_hash:
        return digest, None, None
    assert _TAXONOMY is not None
    try:
        with time_limit(MAX_SOURCE_SECONDS):
            source, evidence = build_source(job.source_id, job.path, display, data, digest, job.sidecar, _TAXONOMY)
    except TimeLimit:
        return digest, None, (f"refused: reading it took longer than {MAX_SOURCE_SECONDS:g} s, the limit for one "
                              "source (split it into smaller files)")
    except SourceError as exc:
        return digest, None, exc.reason
    except Exception as exc:  # a reader library failing on a strange file must not stop the run
        log.debug("reading %s failed", display, exc_info=True)
        return digest, None, f"could not be read ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
    if job.notes:
        source = replace(source, warnings=(*(f"{display}: {note}" for note in job.notes), *source.warnings))
    return digest, (source, evidence, pair_terms(source.body)), None


@contextmanager
def _parsers(workers: int | None, files: int, taxonomy: Taxonomy) -> Iterator[
        Callable[[list[_Job]], Iterator[tuple[str, _Built | None, str | None]]]]:
    """Yield a function that parses jobs lazily, in order: in a pool of *workers* processes
    (default: BRIEFGEN_WORKERS, else the machine's cores when there are many files), or in
    this process when that is 1."""
    if workers is None:
        env = os.environ.get("BRIEFGEN_WORKERS", "").strip()
        if env and not (env.isascii() and env.isdigit() and int(env) >= 1):  # "²" passes isdigit()
            raise ConfigError(f"BRIEFGEN_WORKERS={printable(env)!r} is not a number of processes "
                              f"(a whole number from 1 to {MAX_WORKERS})")
        workers = int(env) if env else (min(os.cpu_count() or 1, 8) if files >= 200 else 1)
    workers = min(workers, MAX_WORKERS)  # as `ingest --workers` allows: never a process per file
    if workers <= 1 or files < 2:
        _set_taxonomy(taxonomy)
        yield lambda jobs: map(_build, jobs)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(min(workers, files), initializer=_set_taxonomy, initargs=(taxonomy,)) as pool:
        # Results come back in order as they are ready; the workers keep going meanwhile.
        yield lambda jobs: pool.imap(_build, jobs, chunksize=4)


def _resolve_corpus(store: SqliteStore, touched: set[str] | None = None) -> None:
    """Settle every source's final metadata from the whole corpus, and date again the
    passages of the sources whose metadata this changes.

    A source whose own text gives no year takes one from another source: one that writes
    the event it opens with together with its year (an event calendar), else the most
    similar report of the same event whose own text dates it. The decision stays while that
    source stays: an arrival changes it only when the arrival itself is the better source,
    and a departure only for the sources dated from it, so one unrelated article never
    moves another's year. (*touched*: the sources read in this run; None decides afresh.)

    Only the open sources' word pairs and the corpus's document frequencies are held, the
    other sources' pairs are streamed, so memory does not grow with the corpus.
    """
    years = store.reviewed_years()
    own = {sid: mine for sid, (mine, _) in years.items()}
    finals = {sid: final for sid, (_, final) in years.items()}
    origins = store.year_sources()
    fresh = touched is None
    new = set(years) if touched is None else set(touched)
    open_ids = [sid for sid, year in own.items() if year is None]
    open_terms = store.terms(open_ids)
    sims = (similarities(open_terms, store.iter_terms(), store.document_frequency(), len(years),
                         minimum=SAME_EVENT / 2) if open_terms else {})
    bodies: dict[str, str] = {}  # each open source's text is read once, for its ordinals and its lead

    def body(key: str) -> str:
        if key not in bodies:
            bodies[key] = store.body(key)
        return bodies[key]

    ordinal_cache: dict[str, dict[str, set[str]]] = {}

    def ordinals(key: str) -> dict[str, set[str]]:
        if key not in ordinal_cache:
            ordinal_cache[key] = event_ordinals(body(key))
        return ordinal_cache[key]

    # The event calendar is asked for the sources decided afresh, and for the others only when
    # a source read in this run names an event they open with (an unchanged folder costs nothing).
    new_events = set() if fresh else {(series, n) for sid in new if sid in own
                                      for series, numbers in ordinals(sid).items() for n in numbers}
    ask = [sid for sid in open_ids if fresh or sid in new or origins.get(sid) in new
           or (origins.get(sid) is not None and origins.get(sid) not in own)
           or (new_events and new_events & set(resolve_lead_events(body(sid))))]
    calendar = _dated_by_calendar(store, ask, own, body)

    def candidates(sid: str, among: set[str] | None) -> list[tuple[float, str]]:
        found = [(score, other) for other, score in sims.get(sid, {}).items()
                 if score >= SAME_EVENT and own.get(other) is not None and (among is None or other in among)]
        return sorted((c for c in found if compatible(ordinals(sid), ordinals(c[1]))), key=lambda c: (-c[0], c[1]))

    decisions: dict[str, tuple[int, str, str] | None] = {}
    for sid in open_ids:
        current = origins.get(sid)
        intact = current is not None and own.get(current) is not None and current not in new
        # Decided afresh from every source; else only an arrival may date an undated source, or
        # take a dated one over when it reports its event better.
        among: set[str] | None = None if fresh or sid in new or (current is not None and not intact) else new
        by_calendar = calendar.get(sid)
        if by_calendar is not None and (among is None or by_calendar[1] in among):
            decisions[sid] = (by_calendar[0], by_calendar[1], f"{by_calendar[1]}, which dates the event it opens with")
            continue
        ranked = candidates(sid, among)
        if ranked and (among is None or current is None or ranked[0][0] > sims.get(sid, {}).get(current, 0.0)):
            other = ranked[0][1]
            decisions[sid] = (int(own[other] or 0), other, f"{other}, which reports the same event")
        elif among is None:
            decisions[sid] = None
    redo = set(years) if fresh else new | {sid for sid, d in decisions.items()
                                           if (d[1] if d else None) != origins.get(sid)
                                           or (d[0] if d else None) != finals.get(sid)}
    del years, open_terms
    for sid in sorted(redo):
        found = store.evidence(sid)
        if found is None:
            continue
        evidence, stored = found
        # A sidecar's fields are facts the corpus step builds on (a corrected year dates the
        # article's dateline), and they win again over anything the step infers.
        meta = replace(evidence.meta, **evidence.overrides)
        decision = decisions.get(sid) if sid in decisions else (
            (stored.year_reviewed, stored.year_reviewed_source, "") if stored.year_reviewed_source else None)
        if own.get(sid) is None and decision is not None:
            year, origin, detail = decision
            meta = replace(meta, year_reviewed=year, year_reviewed_certainty="inferred", year_reviewed_source=origin,
                           year_reviewed_from=f"the corpus: {detail}" if detail else stored.year_reviewed_from)
        meta = finish(evidence, meta)
        if evidence.overrides:
            meta = replace(meta, **evidence.overrides)
        if meta != stored:
            passages = store.source_passages(sid)
            store.set_meta(sid, meta, {p.passage: annotate.passage_years(p, meta) for p in passages})


def _dated_by_calendar(store: SqliteStore, open_ids: list[str], own: dict[str, int | None],
                       body: Callable[[str], str]) -> dict[str, tuple[int, str]]:
    """Return a year for the undated sources that open with an event of a series ("Hội nghị
    Ngoại giao lần thứ 30") which another source writes with its year ("… lần thứ 30 năm
    2018"), and that source; an event given two years by the corpus dates nothing."""
    found: dict[str, tuple[int, str]] = {}
    for sid in open_ids:
        for series, ordinal in resolve_lead_events(body(sid)):
            years: dict[int, str] = {}
            for hit in store.search(f"{series} lan thu {ordinal}", limit=50):
                if hit.match != "phrase" or hit.source_id == sid:
                    continue
                year = dated_ordinals(hit.text).get((series, ordinal))
                if year is None and hit.passage == 1 and (series, ordinal) in resolve_lead_events(hit.text):
                    year = own.get(hit.source_id)  # a dated report that opens with the event
                if year is not None:
                    years.setdefault(year, hit.source_id)
            if len(years) == 1:
                (year, origin), = years.items()
                found[sid] = (year, origin)
                break
    return found


def find_source(store: SqliteStore, reference: str, config: Config,
                failures: dict[str, str] | None = None) -> str:
    """Return the id of the source *reference* names: an id, a unique id prefix, or a path,
    in any Unicode normal form, and without tones or "đ" where that is unique. A file that
    is in the sources folder but not in the index raises an error saying why it is not."""
    pairs = store.ids_and_paths()
    by_id = dict(pairs)
    wanted = unicodedata.normalize("NFC", reference)
    if wanted in by_id:
        return wanted
    candidate = Path(wanted)
    displays: list[str] = []
    for base in (Path.cwd(), config.root):
        with contextlib.suppress(OSError, ValueError):
            displays.append(unicodedata.normalize("NFC", _display_path((base / candidate).resolve(), config.root)))
    for sid, path in pairs:
        if unicodedata.normalize("NFC", path) in displays:
            return sid
    for path, reason in (failures or {}).items():
        name = Path(unicodedata.normalize("NFC", path))
        if str(name) in displays or wanted in (name.name, name.stem, str(name.with_suffix(""))):
            raise NotFoundError(f"{path}: not in the index: {reason}")
    for key in (lambda x: unicodedata.normalize("NFC", x), fold, lambda x: "-".join(re.findall(r"[a-z0-9]+", fold(x)))):
        start = key(wanted)
        exact = [sid for sid, _ in pairs if key(sid) == start]
        matches = exact or [sid for sid, _ in pairs if key(sid).startswith(start)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NotFoundError(f"'{reference}' matches several sources: {', '.join(sorted(matches)[:10])}"
                                + (" …" if len(matches) > 10 else ""))
    raise NotFoundError(f"no source '{reference}' (see 'briefgen sources')")
