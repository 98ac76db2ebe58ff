"""What runs of several packs are made of: the yearly job's years, batch files, the run
manifest of an output folder, and pruning what no definition produces any more.

``briefgen.build`` runs them; nothing here opens the store or renders a pack.
"""

from __future__ import annotations

import contextlib
import json
import tomllib
from pathlib import Path
from typing import Any

from .config import LANGUAGES, Config
from .errors import BriefgenError, ConfigError
from .model import FORMATS, CleanReport, PackSpec, RunReport, Taxonomy
from .outputs import PART_PREFIX, atomic_write, digest, spec_base
from .text import plural

MANIFEST = "briefgen-manifest.json"  # named as briefgen's own: an output folder may hold other files


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


def write_manifest(folder: Path, data: dict[str, Any]) -> None:
    """Write the manifest of *folder* atomically."""
    atomic_write(folder / MANIFEST, (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())


def _intact(folder: Path, item: dict[str, Any]) -> bool:
    try:
        return digest((folder / str(item.get("name", ""))).read_bytes()) == item.get("sha256")
    except OSError:
        return False


def up_to_date(entry: dict[str, Any] | None, inputs_sha: str, formats: tuple[str, ...], folder: Path) -> bool:
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


def clear_partial(folder: Path) -> None:
    """Remove the temporary files briefgen made in a run that was killed while writing (never
    another program's files, never final names)."""
    for stale in folder.glob(f"{PART_PREFIX}*.part"):
        with contextlib.suppress(OSError):
            stale.unlink()


# -- what to build ---------------------------------------------------------------------

NOT_REVIEWED = "no source reviews this year"
YEAR_MIN, YEAR_MAX = 1945, 2100  # the years a pack can be about (the Republic's founding to the horizon)


def year_range(years: list[int | None]) -> list[int]:
    """Return the years a pack can be about among *years*, sorted, each once."""
    return sorted({y for y in years if y is not None and YEAR_MIN <= y <= YEAR_MAX})


def describe_years(reviewed: list[int], mentioned: list[int]) -> str:
    """Return which years the sources review and which they only mention, in words."""
    if not reviewed and not mentioned:
        return "the sources report on no year yet"
    text = f"years some source reviews: {_year_list(reviewed)}" if reviewed else "no source reviews a year"
    others = [y for y in mentioned if y not in reviewed]
    return text + (f"; also mentioned: {_year_list(others)}" if others else "")


def _year_list(years: list[int]) -> str:
    return ", ".join(str(y) for y in years) or "none"


def plan_years(config: Config, text: str | None, reviewed: list[int],
               mentioned: list[int]) -> tuple[list[int], list[tuple[int, str]]]:
    """Return the years ``yearly`` builds and the years it leaves out, each with the reason.

    *text* is ``--years`` (None: the ``[yearly] years`` setting): "reviewed" (the default,
    every year some source reviews), "all" (every year a passage reports results or tasks
    for), a range "2018-2024", a year, or a list "2016,2018". *reviewed* are the years some
    source reviews, *mentioned* those passages report results or tasks for.
    """
    setting = (text if text is not None else config.yearly_years).strip().lower()
    if setting == "reviewed":
        skipped = [(y, f"{NOT_REVIEWED} (passages mention it); --years all or --years {y} builds it")
                   for y in mentioned if y not in reviewed]
        return list(reviewed), skipped
    if setting == "all":
        return list(mentioned), []
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



def clean(config: Config, years: set[int], taxonomy: Taxonomy, output: Path | None = None,
          batches: tuple[Path, ...] = (), dry_run: bool = False) -> CleanReport:
    """Remove the outputs no pack definition produces any more, from the manifest of the
    output folder: year packs of years ``yearly`` does not build (unless a batch file in
    *batches* still lists them), packs of a batch file that no longer lists them (or is gone).
    Packs built by hand for a theme or topic stay. Only files briefgen recorded are removed,
    and only while they are as it wrote them: a file edited since is kept and named.
    *years*: the years ``yearly`` builds."""
    folder = output or config.output
    report = CleanReport()
    manifest = read_manifest(folder)
    if not manifest["packs"]:
        return report
    defined: set[str] = set()
    for path in batches:
        defined.update(spec_base(spec, config, taxonomy) for spec in read_batch(path, config)
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
                    batch_bases[source.as_posix()] = {spec_base(spec, config, taxonomy)
                                                      for spec in read_batch(source, config) if not spec.problem}
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
        write_manifest(folder, manifest)
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
    formats = _formats(data.get("formats", list(config.formats)), f"{path}: 'formats'")
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


def skipped_lines(report: RunReport) -> list[str]:
    """Return what a run says of the packs it skipped: the years no source reviews on one
    line, every other skipped pack with its reason."""
    skipped = [r for r in report.results if r.status == "skipped"]
    years = [r.spec.year for r in skipped if r.spec.year is not None and NOT_REVIEWED in (r.reason or "")]
    lines = [f"skipped {plural(len(years), 'year')} no source reviews: {', '.join(map(str, years))} "
             "(--years all builds them)"] if years else []
    return lines + [f"skipped: {r.reason}" for r in skipped if r.spec.year not in years]


def summary_line(report: RunReport) -> str:
    """Return the line a run ends with: how many packs were built, unchanged, skipped and
    failed, and the sources that could not be indexed."""
    counts = ", ".join(f"{report.count(s)} {s}" for s in ("built", "unchanged", "skipped", "failed"))
    if report.failures:
        names = ", ".join(f.path for f in report.failures[:5]) + (" …" if len(report.failures) > 5 else "")
        counts += f"; {plural(len(report.failures), 'source')} not indexed ({names})"
    return counts
