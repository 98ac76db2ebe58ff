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
import fcntl
import json
import os
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .errors import BriefgenError, ConfigError

MANIFEST = "manifest.json"
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
    lang: str = "vi"
    template: Path | None = None
    reference_docx: Path | None = None
    name: str | None = None
    output: Path | None = None
    problem: str | None = None  # a malformed batch entry: reported as this pack's failure


@dataclass(frozen=True)
class PackResult:
    """What happened to one pack in a run."""

    spec: PackSpec
    status: str  # built | unchanged | failed
    files: tuple[Path, ...] = ()
    reason: str | None = None
    note: str | None = None  # for an empty pack: why there is nothing in it
    exit_code: int = 0  # for a failure: 2 when the request was wrong (unknown theme, bad template), else 1


@dataclass
class RunReport:
    """What one run did: the ingest, and each pack."""

    warnings: list[str] = field(default_factory=list)
    results: list[PackResult] = field(default_factory=list)

    @property
    def failed(self) -> list[PackResult]:
        """Return the packs that failed."""
        return [r for r in self.results if r.status == "failed"]


# -- the project lock ---------------------------------------------------------------------

_HELD: dict[str, int] = {}


@contextlib.contextmanager
def project_lock(config: Config) -> Iterator[None]:
    """Hold the project's lock (re-entrant within one process); a second process gets a
    one-line error saying what to do."""
    config.cache.mkdir(parents=True, exist_ok=True)
    path = config.cache / "lock"
    key = str(path)
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 64, 0).decode(errors="replace").strip() or "another process"
            raise BriefgenError(f"{config.root}: another briefgen run ({holder}) is working on this project; "
                                "wait for it to finish and run again") from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"pid {os.getpid()}".encode(), 0)
        _HELD[key] = 1
        try:
            yield
        finally:
            _HELD.pop(key, None)
            os.ftruncate(handle, 0)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


# -- the run-level manifest ---------------------------------------------------------------

def read_manifest(folder: Path) -> dict[str, Any]:
    """Return ``folder/manifest.json`` (an empty one when missing or unreadable)."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"packs": {}}
    if not isinstance(data, dict) or not isinstance(data.get("packs"), dict):
        return {"packs": {}}
    return data


def _write_manifest(folder: Path, data: dict[str, Any]) -> None:
    from .outputs import atomic_write

    atomic_write(folder / MANIFEST, (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())


def _up_to_date(entry: dict[str, Any] | None, inputs_sha: str, folder: Path) -> bool:
    """Return True when the manifest says the pack was built from these inputs and its files are intact."""
    if not entry or entry.get("inputs_sha256") != inputs_sha:
        return False
    from .outputs import digest

    for item in entry.get("files", []):
        path = folder / str(item.get("name", ""))
        try:
            if digest(path.read_bytes()) != item.get("sha256"):
                return False
        except OSError:
            return False
    return bool(entry.get("files"))


def _clear_partial(folder: Path) -> None:
    """Remove the temporary files of a run that was killed while writing (never final names)."""
    for stale in folder.glob(".*.part"):
        with contextlib.suppress(OSError):
            stale.unlink()


# -- running packs ---------------------------------------------------------------------

def run(config: Config, specs: list[PackSpec], force: bool = False,
        progress: Callable[[PackSpec], None] | None = None) -> RunReport:
    """Build each pack whose inputs changed (every pack with *force*); see the module docstring."""
    from . import api
    from .outputs import pack_inputs, pack_name, safe_name, write_pack

    report = RunReport()
    with project_lock(config):
        report.warnings = list(api.ingest(config).warnings)
        manifests: dict[Path, dict[str, Any]] = {}
        for spec in specs:
            if progress:
                progress(spec)
            folder = spec.output or config.output
            try:
                if spec.problem:
                    raise ConfigError(spec.problem)
                folder.mkdir(parents=True, exist_ok=True)
                if folder not in manifests:
                    _clear_partial(folder)
                    manifests[folder] = read_manifest(folder)
                manifest = manifests[folder]
                pack = api.build_pack(config, year=spec.year, theme=spec.theme, topic=spec.topic, refresh=False)
                base = safe_name(spec.name or pack_name(pack))
                inputs = pack_inputs(config, pack, list(spec.formats), spec.lang, spec.template, spec.reference_docx)
                entry = manifest["packs"].get(base)
                if not force and _up_to_date(entry, inputs["inputs_sha256"], folder):
                    report.results.append(PackResult(spec, "unchanged", tuple(folder / f["name"]
                                                                             for f in entry["files"]), note=pack.note))
                    continue
                written = write_pack(config, pack, list(spec.formats), folder, spec.lang, base, spec.template,
                                     spec.reference_docx, inputs)
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
                "pack": {"kind": pack.kind, "scope": pack.scope, "empty": pack.empty, "label": spec.label},
                "files": [{"name": path.name, "sha256": sha} for path, sha in written],
                "inputs_sha256": inputs["inputs_sha256"], "inputs": inputs["inputs"],
                "built_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()}
            _write_manifest(folder, manifest)
            report.results.append(PackResult(spec, "built", tuple(path for path, _ in written), note=pack.note))
    return report


# -- what to build ---------------------------------------------------------------------

def corpus_years(config: Config) -> list[int]:
    """Return the years the corpus reports results or tasks for."""
    from .ingest import open_store

    store = open_store(config)
    try:
        return store.years(("result", "task"))
    finally:
        store.close()


def parse_years(text: str | None, config: Config) -> list[int]:
    """Return the years of ``--years``: "all" (or nothing) for every year the corpus speaks
    of, "2018-2020", "2018" or "2016,2018"."""
    if text is None or text.strip().lower() == "all":
        return corpus_years(config)
    years: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        start, sep, end = part.partition("-")
        try:
            first = int(start)
            last = int(end) if sep else first
        except ValueError:
            raise ConfigError(f"--years '{text}': write a year, a range such as 2018-2024, or 'all'") from None
        if not (1900 <= first <= last <= 2100):
            raise ConfigError(f"--years '{text}': a range runs from an earlier to a later year (1900-2100)")
        years.update(range(first, last + 1))
    return sorted(years)


_PACK_KEYS = {"year", "theme", "topic", "formats", "lang", "template", "name", "reference_docx", "output"}


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
    lang = data.get("lang", "vi")
    if lang not in ("vi", "en"):
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
        if "year" in entry and not (isinstance(entry["year"], int) and 1900 <= entry["year"] <= 2100):
            raise ConfigError("'year' must be a year such as 2018")
        for key in ("theme", "topic", "name"):
            if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
                raise ConfigError(f"'{key}' must be text")
        if entry.get("lang", lang) not in ("vi", "en"):
            raise ConfigError("'lang' must be \"vi\" or \"en\"")
        spec = PackSpec(label=described, year=entry.get("year"), theme=entry.get("theme"), topic=entry.get("topic"),
                        formats=_formats(entry["formats"], "'formats'") if "formats" in entry else formats,
                        lang=entry.get("lang", lang), template=_path(entry.get("template"), base, "'template'", True),
                        reference_docx=_path(entry.get("reference_docx"), base, "'reference_docx'", True),
                        name=entry.get("name"), output=_path(entry.get("output"), base, "'output'") or output)
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
