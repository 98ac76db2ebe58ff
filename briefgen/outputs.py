"""Writing packs: file names, atomic writes, and the record of what a pack was made from.

A pack's *inputs* are what its files depend on: the text of every passage it cites, the
reference entries, the template, the reference DOCX, the options and briefgen's version.
Their hash decides whether a scheduled run must rebuild the pack (the build date is left
out, so a daily run does not rebuild an unchanged pack).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from . import __version__
from .config import Config
from .errors import UsageError
from .ingest import open_store
from .model import Pack
from .text import fold


def digest(data: bytes) -> str:
    """Return the SHA-256 of *data* in hex."""
    return hashlib.sha256(data).hexdigest()


def pack_name(pack: Pack) -> str:
    """Return the base name of a pack's files: 2018-year-review, theme-citizen_protection, topic-<words>."""
    return scope_name(pack.kind, pack.scope)


def scope_name(kind: str, scope: str) -> str:
    """Return the base name of the pack of one kind and scope (a year, a theme id, a topic's words)."""
    if kind == "year":
        return f"{scope}-year-review"
    if kind == "theme":
        return f"theme-{scope}"
    slug = re.sub(r"[^a-z0-9]+", "-", fold(scope)).strip("-")[:60] or "topic"
    return f"{kind}-{slug}"


RESERVED = {"briefgen-manifest", "manifest"}  # the run manifest's names, new and old


def safe_name(name: str) -> str:
    """Return *name* as a file name that cannot leave its folder (nor be the run manifest's)."""
    cleaned = re.sub(r"[^\w.\-]+", "-", name.replace("/", "-").replace("\\", "-")).strip(".-")
    cleaned = cleaned[:100] or "pack"
    if cleaned.lower() in RESERVED:
        raise UsageError(f"--name '{name}': that name is the run manifest's; choose another")
    return cleaned


def output_base(name: str | None, pack: Pack, lang: str, project_lang: str) -> str:
    """Return the base name of a pack's files: *name* or the pack's own, with the language
    added when it is not the project's (2023-year-review.en)."""
    base = safe_name(name or pack_name(pack))
    return base if lang == project_lang else f"{base}.{lang}"


def spec_base(spec: Any, config: Config) -> str:
    """Return the base name a pack request (a PackSpec) writes, without assembling the pack."""
    from .annotate.themes import find_theme, load_taxonomy

    if spec.year is not None:
        kind, scope = "year", str(spec.year)
    elif spec.theme is not None:
        kind, scope = "theme", find_theme(spec.theme, load_taxonomy(config.themes)).id
    else:
        kind, scope = "topic", spec.topic
    base = safe_name(spec.name or scope_name(kind, scope))
    lang = spec.lang or config.lang
    return base if lang == config.lang else f"{base}.{lang}"


PART_PREFIX = ".briefgen-"  # temporary files are .briefgen-NAME.XXXX.part: only those are cleared


def atomic_write(path: Path, data: bytes) -> None:
    """Write *data* to *path* so that readers see the old file or the whole new one, never a part."""
    handle, temporary = tempfile.mkstemp(prefix=f"{PART_PREFIX}{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(handle, 0o666 & ~_umask())  # as readable as any file the user makes (mkstemp gives 0600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def cited(pack: Pack) -> list[tuple[str, int]]:
    """Return (source id, passage) of every passage the pack cites, sorted."""
    found: set[tuple[str, int]] = set()
    for section in pack.sections:
        stack = [section]
        while stack:
            current = stack.pop()
            stack.extend(current.sections)
            for item in current.items:
                found.update((c.source_id, c.passage) for c in item.citations)
            for figure in current.figures:
                found.update((c.source_id, c.passage) for c in figure.citations)
            for person in current.people:
                found.update((c.source_id, c.passage) for c in person.citations)
    return sorted(found)


def pack_inputs(config: Config, pack: Pack, lang: str, template: Path | None,
                reference_docx: Path | None) -> dict[str, Any]:
    """Return what a pack's files are made from: cited passages (with offsets and text hashes),
    references, template, reference DOCX, options and version, and one hash over them."""
    passages = cited(pack)
    store = open_store(config)
    try:
        texts = {}
        for source_id in sorted({sid for sid, _ in passages}):
            source = store.get(source_id)
            for p in source.passages if source else ():
                texts[(source_id, p.passage)] = p
    finally:
        store.close()
    paths = {r.source_id: r.path for r in pack.references}
    cited_list = [{"source_id": sid, "path": paths.get(sid), "passage": n,
                   "start": texts[(sid, n)].start if (sid, n) in texts else None,
                   "end": texts[(sid, n)].end if (sid, n) in texts else None,
                   "sha256": digest(texts[(sid, n)].text.encode()) if (sid, n) in texts else None}
                  for sid, n in passages]
    from .annotate.themes import load_taxonomy

    inputs = {
        "pack": {"kind": pack.kind, "scope": pack.scope, "known_years": list(pack.known_years)},
        "themes": load_taxonomy(config.themes).digest,
        "passages": [f"{c['source_id']}:{c['passage']}:{c['sha256']}" for c in cited_list],
        "references": digest(json.dumps([asdict(r) for r in pack.references], sort_keys=True,
                                        ensure_ascii=False).encode()),
        "template": digest(template.read_bytes()) if template else _default_template_digest(config, pack),
        "reference_docx": digest(reference_docx.read_bytes()) if reference_docx else None,
        "options": {"lang": lang, "issuer": config.issuer, "place": config.place, "author": config.author,
                    **({"document": asdict(config.document), "draft": config.draft}
                       if config.draft or config.document != type(config.document)() else {})},
        "briefgen": __version__,
    }
    return {"inputs": inputs, "inputs_sha256": digest(json.dumps(inputs, sort_keys=True).encode()),
            "cited_passages": cited_list}


def _default_template_digest(config: Config, pack: Pack) -> str:
    from .templating import TEMPLATE_NAMES, default_template

    return digest(default_template(config.templates, TEMPLATE_NAMES[pack.kind])[0].encode("utf-8"))


def write_pack(config: Config, pack: Pack, formats: list[str], output: Path | None = None, lang: str = "vi",
               base: str | None = None, template: Path | None = None, reference_docx: Path | None = None,
               inputs: dict[str, Any] | None = None,
               notes: list[str] | None = None) -> tuple[list[Any], list[dict[str, Any]]]:
    """Render *pack* in each format and write the files atomically into the output folder,
    with BASE.json beside them (the record of the pack: every format built so far, each
    file's hash and the build it came from); return the files written (OutputFile, the JSON
    last) and the record's file list."""
    from .api import render_formats
    from .jobs import OutputFile
    from .templating import build_date

    folder = output or config.output
    folder.mkdir(parents=True, exist_ok=True)
    base = base or output_base(None, pack, lang, config.lang)
    formats = list(dict.fromkeys(formats))
    inputs = inputs or pack_inputs(config, pack, lang, template, reference_docx)
    built = build_date().isoformat()
    rendered = [(folder / f"{base}.{fmt}", fmt, data)
                for fmt, data in render_formats(pack, config, formats, lang, template, reference_docx, notes).items()]
    files = [{"name": path.name, "format": fmt, "sha256": digest(blob), "built": built,
              "inputs_sha256": inputs["inputs_sha256"]} for path, fmt, blob in rendered]
    files += _earlier_files(folder / f"{base}.json", pack, set(formats))
    files.sort(key=lambda f: f["name"])
    record = {"pack": {"kind": pack.kind, "scope": pack.scope, "empty": pack.empty, "lang": lang},
              "built": built, "files": files, **inputs}
    rendered.append((folder / f"{base}.json", "json",
                     (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")))
    written = []
    for path, fmt, data in rendered:
        atomic_write(path, data)
        written.append(OutputFile(path, fmt, digest(data)))
    return written, [*files, {"name": f"{base}.json", "format": "json", "sha256": written[-1].sha256, "built": built,
                              "inputs_sha256": inputs["inputs_sha256"]}]


def _earlier_files(record_path: Path, pack: Pack, rebuilt: set[str]) -> list[dict[str, Any]]:
    """Return the entries of an earlier record of the same pack for formats not rebuilt now
    whose files are still as briefgen wrote them (each with the build it came from)."""
    try:
        earlier = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(earlier, dict) or not isinstance(earlier.get("files"), list):
        return []
    same = earlier.get("pack", {}) if isinstance(earlier.get("pack"), dict) else {}
    if (same.get("kind"), same.get("scope")) != (pack.kind, pack.scope):
        return []
    kept = []
    for item in earlier["files"]:
        if not isinstance(item, dict) or item.get("format") in rebuilt or item.get("format") in (None, "json"):
            continue
        try:
            if digest((record_path.parent / str(item["name"])).read_bytes()) == item.get("sha256"):
                kept.append(item)
        except (OSError, KeyError):
            continue
    return kept
