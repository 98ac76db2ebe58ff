"""Runs of several packs: the yearly job, batch files, and the rules they share.

Each run holds the project lock (a second run at the same time gets a clear message),
brings the index up to date once, and then, pack by pack: assembles it, compares its
inputs with ``output/manifest.json``, and renders it only when something it depends on
changed. Files are written atomically and the manifest after each pack, so a run killed
midway leaves whole files and a manifest that describes them; the next run finishes the
work. One pack failing does not stop the others.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import fcntl
import json
import os
import shlex
import stat
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .config import CONFIG_FILE, LANGUAGES, Config
from .errors import BriefgenError, ConfigError
from .model import Failure

MANIFEST = "briefgen-manifest.json"  # named as briefgen's own: an output folder may hold other files
FORMATS = ("pdf", "docx", "md")
DEFAULT_FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class PackSpec:
    """One pack to build: exactly one of year, theme or topic, and how to write it."""

    label: str  # how messages name it: "year 2018", "pack 3 (theme 'asean')"
    year: int | None = None
    theme: str | None = None
    topic: str | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    lang: str | None = None  # None: the project's language
    template: Path | None = None
    reference_docx: Path | None = None
    name: str | None = None
    output: Path | None = None
    problem: str | None = None  # a malformed batch entry: reported as this pack's failure
    if_empty: str = "fail"  # a pack with nothing in it: fail (say which years there are), skip, or write
    origin: str = "build"  # what defines the pack: build, yearly, or batch:<file> (kept in the manifest)
    include_flagged: bool = False  # use sources flagged as damaged too
    draft: bool = False  # mark the pack "DỰ THẢO" on its first page (build --draft, a batch entry's draft = true)


@dataclass(frozen=True)
class OutputFile:
    """One file a pack run wrote or found up to date."""

    path: Path
    format: str
    sha256: str


@dataclass(frozen=True)
class PackResult:
    """What happened to one pack in a run."""

    spec: PackSpec
    status: str  # built | unchanged | skipped | failed
    files: tuple[OutputFile, ...] = ()
    reason: str | None = None  # why it failed or was skipped
    note: str | None = None  # why an empty pack that was written has nothing in it; what a renderer could not do
    exit_code: int = 0  # for a failure: 2 when the request was wrong (unknown theme, bad template), else 1
    kind: str | None = None
    scope: str | None = None
    left_out: tuple[tuple[str, tuple[str, ...]], ...] = ()  # flagged sources the pack did not use


@dataclass
class RunReport:
    """What one run did: the ingest (its warnings and the sources not indexed), and each pack."""

    warnings: list[str] = field(default_factory=list)
    results: list[PackResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)  # sources not in the index, new and remembered
    removed: list[Path] = field(default_factory=list)  # outputs pruned after the run

    @property
    def failed(self) -> list[PackResult]:
        """Return the packs that failed."""
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        """Return how many packs ended with *status*."""
        return sum(1 for r in self.results if r.status == status)


# -- the project lock ---------------------------------------------------------------------

_HELD: dict[str, int] = {}


LOCK_NAME = "lock"
_POLL = 0.2  # seconds between tries while waiting for another run


def _open_lock(path: Path) -> int:
    """Open the lock file without following a link and without truncating anything."""
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BriefgenError(f"{path}: the lock file is a symbolic link; briefgen never follows it "
                                "(remove it and run again)") from None
        raise BriefgenError(f"{path}: the lock file cannot be opened ({exc.strerror or exc})") from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise BriefgenError(f"{path}: the lock is not a regular file (remove it and run again)")
    return handle


@contextlib.contextmanager
def project_lock(config: Config) -> Iterator[None]:
    """Hold the project's lock (re-entrant within one process).

    A second process waits up to ``config.lock_wait`` seconds, then gets a one-line error
    saying what to do. A folder that is not a project (no sources folder) is refused before
    anything is created in it. The lock file is never a link and is never truncated.
    """
    if not config.has_sources:
        hint = "" if (config.root / CONFIG_FILE).exists() else \
            f"; to make a project here run 'briefgen init {shlex.quote(str(config.root))}'"
        raise BriefgenError(f"{config.sources}: no sources folder here (set 'sources' in briefgen.toml or use "
                            f"-C DIR){hint}")
    path = config.cache / LOCK_NAME
    key = str(path)
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        config.cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefgenError(f"{config.cache}: cannot be made ({exc.strerror or exc})") from None
    handle = _open_lock(path)
    try:
        deadline = time.monotonic() + config.lock_wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(handle, 64, 0).decode(errors="replace").strip() or "another process"
                    waited = f" after waiting {config.lock_wait:g} s" if config.lock_wait else ""
                    raise BriefgenError(f"{config.root}: another briefgen run ({holder}) is working on this "
                                        f"project{waited}; wait for it to finish, or run again with --wait") from None
                time.sleep(_POLL)
        os.pwrite(handle, f"pid {os.getpid()}".ljust(32).encode(), 0)
        _HELD[key] = 1
        try:
            yield
        finally:
            _HELD.pop(key, None)
            os.pwrite(handle, b" " * 32, 0)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


# -- the run-level manifest ---------------------------------------------------------------

def read_manifest(folder: Path) -> dict[str, Any]:
    """Return briefgen's manifest of *folder* (an empty one when missing, unreadable or not briefgen's)."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"generator": "briefgen", "packs": {}}
    if not isinstance(data, dict) or data.get("generator") != "briefgen" or not isinstance(data.get("packs"), dict):
        return {"generator": "briefgen", "packs": {}}
    return data


def _write_manifest(folder: Path, data: dict[str, Any]) -> None:
    from .outputs import atomic_write

    atomic_write(folder / MANIFEST, (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())


def _intact(folder: Path, item: dict[str, Any]) -> bool:
    from .outputs import digest

    try:
        return digest((folder / str(item.get("name", ""))).read_bytes()) == item.get("sha256")
    except OSError:
        return False


def _up_to_date(entry: dict[str, Any] | None, inputs_sha: str, formats: tuple[str, ...], folder: Path) -> bool:
    """Return True when the manifest says each wanted format was built from these inputs and is intact."""
    if not entry:
        return False
    files = {str(f.get("format")): f for f in entry.get("files", []) if isinstance(f, dict)}
    for fmt in formats:
        item = files.get(fmt)
        if not item or item.get("inputs_sha256") != inputs_sha or not _intact(folder, item):
            return False
    record = files.get("json")
    return record is not None and _intact(folder, record)


def _clear_partial(folder: Path) -> None:
    """Remove the temporary files briefgen made in a run that was killed while writing (never
    another program's files, never final names)."""
    from .outputs import PART_PREFIX

    for stale in folder.glob(f"{PART_PREFIX}*.part"):
        with contextlib.suppress(OSError):
            stale.unlink()


# -- running packs ---------------------------------------------------------------------

def _describe_years(config: Config) -> str:
    reviewed = reviewed_years(config)
    mentioned = corpus_years(config)
    if not reviewed and not mentioned:
        return "the sources report on no year yet"
    text = f"years some source reviews: {_year_list(reviewed)}" if reviewed else "no source reviews a year"
    others = [y for y in mentioned if y not in reviewed]
    return text + (f"; also mentioned: {_year_list(others)}" if others else "")


def _year_list(years: list[int]) -> str:
    return ", ".join(str(y) for y in years) or "none"


def run(config: Config, specs: list[PackSpec], force: bool = False,
        progress: Callable[[PackSpec, int], None] | None = None, refresh: bool = True,
        report: RunReport | None = None) -> RunReport:
    """Build each pack whose inputs changed (every pack with *force*); see the module docstring.

    *refresh* False: the caller has brought the index up to date (and put its warnings and
    failures into *report*)."""
    from . import api
    from .outputs import output_base, pack_inputs, write_pack

    report = report or RunReport()
    with project_lock(config):
        if refresh:
            ingested = api.ingest(config)
            report.warnings.extend(ingested.all_warnings)
            report.failures.extend(ingested.failures)
        manifests: dict[Path, dict[str, Any]] = {}
        for spec in specs:
            if progress:
                progress(spec, len(specs))
            folder = spec.output or config.output
            lang = spec.lang or config.lang
            try:
                if spec.problem:
                    raise ConfigError(spec.problem)
                folder.mkdir(parents=True, exist_ok=True)
                if folder not in manifests:
                    _clear_partial(folder)
                    manifests[folder] = read_manifest(folder)
                manifest = manifests[folder]
                pack = api.build_pack(config, year=spec.year, theme=spec.theme, topic=spec.topic, refresh=False,
                                      include_flagged=spec.include_flagged)
                if pack.empty and spec.if_empty != "write":
                    nothing = "the sources have nothing for this year" if pack.kind == "year" else \
                        pack.note or "the sources have nothing for it"
                    covered = f"; {_describe_years(config)}" if pack.kind == "year" else ""
                    reason = f"{spec.label}: {nothing}{covered}"
                    if spec.if_empty == "skip":
                        report.results.append(PackResult(spec, "skipped", reason=reason, kind=pack.kind,
                                                         scope=pack.scope))
                        continue
                    raise BriefgenError(reason + "; --allow-empty writes the empty pack")
                base = output_base(spec.name, pack, lang, config.lang)
                pack_config = replace(config, draft=True) if spec.draft else config
                inputs = pack_inputs(pack_config, pack, lang, spec.template, spec.reference_docx)
                entry = manifest["packs"].get(base)
                if not force and _up_to_date(entry, inputs["inputs_sha256"], spec.formats, folder):
                    assert entry is not None
                    kept = tuple(OutputFile(folder / f["name"], f["format"], f["sha256"]) for f in entry["files"]
                                 if f["format"] in (*spec.formats, "json"))
                    report.results.append(PackResult(spec, "unchanged", kept, note=pack.note, kind=pack.kind,
                                                     scope=pack.scope, left_out=pack.left_out))
                    continue
                notes: list[str] = []
                written, files = write_pack(pack_config, pack, list(spec.formats), folder, lang, base, spec.template,
                                            spec.reference_docx, inputs, notes)
            except BriefgenError as exc:
                reason = str(exc) if str(exc).startswith(spec.label) else f"{spec.label}: {exc}"
                report.results.append(PackResult(spec, "failed", reason=reason, exit_code=exc.exit_code))
                continue
            except Exception as exc:  # one pack's crash must not stop the others
                first = str(exc).splitlines()[0] if str(exc) else ""
                report.results.append(PackResult(spec, "failed", reason=f"{spec.label}: {type(exc).__name__}: {first}",
                                                 exit_code=1))
                continue

            manifest["packs"][base] = {
                "pack": {"kind": pack.kind, "scope": pack.scope, "empty": pack.empty, "label": spec.label,
                         "lang": lang, "origin": spec.origin},
                "files": files, "inputs_sha256": inputs["inputs_sha256"], "inputs": inputs["inputs"],
                "built_at": _now()}
            _write_manifest(folder, manifest)
            report.results.append(PackResult(spec, "built", tuple(written), note="; ".join(
                n for n in (pack.note, *notes) if n) or None, kind=pack.kind, scope=pack.scope,
                left_out=pack.left_out))
    return report


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def yearly(config: Config, years: str | None, formats: tuple[str, ...] = DEFAULT_FORMATS, lang: str | None = None,
           output: Path | None = None, force: bool = False, prune: bool = False,
           progress: Callable[[PackSpec, int], None] | None = None) -> RunReport:
    """Build the review pack of each year (``--years``, else the ``[yearly] years`` setting,
    else every year some source reviews); ingest once; say which years were left out and why.
    *prune*: afterwards remove the outputs no pack definition produces any more."""
    from . import api

    report = RunReport()
    with project_lock(config):
        ingested = api.ingest(config)
        report.warnings.extend(ingested.all_warnings)
        report.failures.extend(ingested.failures)
        chosen, skipped = plan_years(config, years)
        specs = [PackSpec(label=f"year {y}", year=y, formats=formats, lang=lang, output=output, if_empty="skip",
                          origin="yearly") for y in chosen]
        for year, reason in skipped:
            report.results.append(PackResult(PackSpec(label=f"year {year}", year=year, origin="yearly"), "skipped",
                                             reason=f"year {year}: {reason}", kind="year", scope=str(year)))
        run(config, specs, force=force, progress=progress, refresh=False, report=report)
        if prune:
            report.removed = clean(config, output=output).removed
    return report


def batch(config: Config, path: Path, force: bool = False,
          progress: Callable[[PackSpec, int], None] | None = None) -> RunReport:
    """Build the packs of a batch file (see read_batch), ingesting once."""
    from . import api

    report = RunReport()
    with project_lock(config):
        ingested = api.ingest(config)
        report.warnings.extend(ingested.all_warnings)
        report.failures.extend(ingested.failures)
        run(config, read_batch(path, config), force=force, progress=progress, refresh=False, report=report)
    return report


# -- what to build ---------------------------------------------------------------------

NOT_REVIEWED = "no source reviews this year"
YEAR_MIN, YEAR_MAX = 1945, 2100  # the years a pack can be about (the Republic's founding to the horizon)


def corpus_years(config: Config) -> list[int]:
    """Return the years the corpus reports results or tasks for."""
    from .ingest import open_store

    store = open_store(config)
    try:
        return [y for y in store.years(("result", "task")) if YEAR_MIN <= y <= YEAR_MAX]
    finally:
        store.close()


def reviewed_years(config: Config) -> list[int]:
    """Return the years at least one source reviews (its year_reviewed)."""
    from .ingest import open_store

    store = open_store(config)
    try:
        found = {s.source.meta.year_reviewed for s in store.stored_sources(with_passages=False)}
    finally:
        store.close()
    return sorted(y for y in found if y is not None and YEAR_MIN <= y <= YEAR_MAX)


def plan_years(config: Config, text: str | None) -> tuple[list[int], list[tuple[int, str]]]:
    """Return the years ``yearly`` builds and the years it leaves out, each with the reason.

    *text* is ``--years`` (None: the ``[yearly] years`` setting): "reviewed" (the default,
    every year some source reviews), "all" (every year a passage reports results or tasks
    for), a range "2018-2024", a year, or a list "2016,2018".
    """
    setting = (text if text is not None else config.yearly_years).strip().lower()
    if setting == "reviewed":
        chosen = reviewed_years(config)
        skipped = [(y, f"{NOT_REVIEWED} (passages mention it); --years all or --years {y} builds it")
                   for y in corpus_years(config) if y not in chosen]
        return chosen, skipped
    if setting == "all":
        return corpus_years(config), []
    return parse_years(text if text is not None else config.yearly_years, "--years" if text is not None
                       else "[yearly] years"), []


def parse_years(text: str, where: str = "--years") -> list[int]:
    """Return the years of a range "2018-2020", a year "2018" or a list "2016,2018" (1945-2100)."""
    years: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        start, sep, end = part.partition("-")
        try:
            first = int(start)
            last = int(end) if sep else first
        except ValueError:
            raise ConfigError(f"{where} '{text}': write a year, a range such as 2018-2024, 'reviewed' or "
                              "'all'") from None
        if not (YEAR_MIN <= first <= last <= YEAR_MAX):
            raise ConfigError(f"{where} '{text}': years run from {YEAR_MIN} to {YEAR_MAX}, a range from an "
                              "earlier to a later year")
        years.update(range(first, last + 1))
    return sorted(years)


# -- pruning ---------------------------------------------------------------------------

@dataclass
class CleanReport:
    """What ``briefgen clean`` removed (or, with a dry run, would remove), and what it kept."""

    removed: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # files left although their pack is gone, with why


def clean(config: Config, output: Path | None = None, batches: tuple[Path, ...] = (),
          dry_run: bool = False) -> CleanReport:
    """Remove the outputs no pack definition produces any more, from the manifest of the
    output folder: year packs of years ``yearly`` does not build (unless a batch file in
    *batches* still lists them), packs of a batch file that no longer lists them (or is gone).
    Packs built by hand for a theme or topic stay. Only files briefgen recorded are removed,
    and only while they are as it wrote them: a file edited since is kept and named."""
    from .outputs import spec_base

    folder = output or config.output
    report = CleanReport()
    manifest = read_manifest(folder)
    if not manifest["packs"]:
        return report
    years = set(plan_years(config, None)[0])
    defined: set[str] = set()
    for path in batches:
        defined.update(spec_base(spec, config) for spec in read_batch(path, config)
                       if not spec.problem and (spec.output or config.output) == folder)
    batch_bases: dict[str, set[str]] = {}
    changed = False
    for base, entry in sorted(manifest["packs"].items()):
        pack = entry.get("pack", {}) if isinstance(entry, dict) else {}
        origin = str(pack.get("origin") or ("yearly" if pack.get("kind") == "year" else "build"))
        if base in defined:
            continue
        if origin.startswith("batch:"):
            source = Path(origin[len("batch:"):])
            if source.as_posix() not in batch_bases:
                try:
                    batch_bases[source.as_posix()] = {spec_base(spec, config) for spec in read_batch(source, config)
                                                      if not spec.problem}
                except BriefgenError:
                    batch_bases[source.as_posix()] = set()
            if base in batch_bases[source.as_posix()]:
                continue
        elif pack.get("kind") != "year" or _pack_year(pack) in years:
            continue
        for item in entry.get("files", []):
            path = folder / str(item.get("name", ""))
            if not path.exists():
                continue
            if not _intact(folder, item):
                report.kept.append(f"{path}: changed since briefgen wrote it; not removed")
                continue
            report.removed.append(path)
            if not dry_run:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
        if not dry_run:
            del manifest["packs"][base]
            changed = True
    if changed:
        _write_manifest(folder, manifest)
    return report


def _pack_year(pack: dict[str, Any]) -> int | None:
    try:
        return int(str(pack.get("scope")))
    except ValueError:
        return None


_PACK_KEYS = {"year", "theme", "topic", "formats", "lang", "template", "name", "reference_docx", "output",
              "allow_empty", "include_flagged", "draft"}


def read_batch(path: Path, config: Config) -> list[PackSpec]:
    """Return the packs of a batch file; a malformed entry becomes a spec whose problem names
    the entry and the key (it fails alone, the others are built). An unreadable file raises."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    base = path.parent
    unknown = sorted(set(data) - {"pack", "output", "formats", "lang"})
    if unknown:
        raise ConfigError(f"{path}: unknown top-level key '{unknown[0]}' (known: output, formats, lang, [[pack]])")
    output = _path(data.get("output"), base, f"{path}: 'output'") or config.output
    formats = _formats(data.get("formats", list(DEFAULT_FORMATS)), f"{path}: 'formats'")
    lang = data.get("lang", config.lang)
    if lang not in LANGUAGES:
        raise ConfigError(f"{path}: 'lang' must be \"vi\" or \"en\"")
    entries = data.get("pack", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no packs; write one [[pack]] table per pack")
    return [_entry(n, entry, path, base, output, formats, lang) for n, entry in enumerate(entries, 1)]


def _entry(n: int, entry: Any, path: Path, base: Path, output: Path, formats: tuple[str, ...],
           lang: str) -> PackSpec:
    label = f"{path.name}: pack {n}"
    if not isinstance(entry, dict):
        return PackSpec(label=label, problem=f"{label}: not a table; write [[pack]] tables")
    scopes = [k for k in ("year", "theme", "topic") if k in entry]
    described = f"{label} ({scopes[0]} {entry[scopes[0]]!r})" if len(scopes) == 1 else label
    try:
        unknown = sorted(set(entry) - _PACK_KEYS)
        if unknown:
            raise ConfigError(f"unknown key '{unknown[0]}' (known: {', '.join(sorted(_PACK_KEYS))})")
        if len(scopes) != 1:
            raise ConfigError("give exactly one of 'year', 'theme' or 'topic'")
        if "year" in entry and not (isinstance(entry["year"], int) and not isinstance(entry["year"], bool)
                                    and YEAR_MIN <= entry["year"] <= YEAR_MAX):
            raise ConfigError(f"'year' must be a year from {YEAR_MIN} to {YEAR_MAX}, such as 2018")
        for key in ("allow_empty", "draft"):
            if not isinstance(entry.get(key, False), bool):
                raise ConfigError(f"'{key}' must be true or false")
        for key in ("theme", "topic", "name"):
            if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
                raise ConfigError(f"'{key}' must be text")
        if entry.get("lang", lang) not in ("vi", "en"):
            raise ConfigError("'lang' must be \"vi\" or \"en\"")
        spec = PackSpec(label=described, year=entry.get("year"), theme=entry.get("theme"), topic=entry.get("topic"),
                        formats=_formats(entry["formats"], "'formats'") if "formats" in entry else formats,
                        lang=entry.get("lang", lang), template=_path(entry.get("template"), base, "'template'", True),
                        reference_docx=_path(entry.get("reference_docx"), base, "'reference_docx'", True),
                        name=entry.get("name"), output=_path(entry.get("output"), base, "'output'") or output,
                        if_empty="write" if entry.get("allow_empty") else "fail", origin=f"batch:{path}",
                        include_flagged=bool(entry.get("include_flagged")),
                        draft=bool(entry.get("draft")))
    except ConfigError as exc:
        return PackSpec(label=described, problem=f"{described}: {exc}")
    return spec


def _formats(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(v in FORMATS for v in value):
        raise ConfigError(f"{where} must be a list of {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(value))


def _path(value: Any, base: Path, where: str, must_exist: bool = False) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a path")
    path = (base / value).resolve()
    if must_exist and not path.is_file():
        raise ConfigError(f"{where}: {path} does not exist")
    return path
