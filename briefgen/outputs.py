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

from .annotate.themes import find_theme
from .config import Config
from .errors import UsageError
from .model import OutputFile, Pack, Taxonomy
from .text import fold
from .version import __version__


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


def spec_base(spec: Any, config: Config, taxonomy: Taxonomy) -> str:
    """Return the base name a pack request (a PackSpec) writes, without assembling the pack."""
    if spec.year is not None:
        kind, scope = "year", str(spec.year)
    elif spec.theme is not None:
        kind, scope = "theme", find_theme(spec.theme, taxonomy).id
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


def pack_inputs(config: Config, pack: Pack, lang: str, taxonomy: Taxonomy, template: str,
                reference_docx: Path | None) -> dict[str, Any]:
    """Return what a pack's files are made from: cited passages (with offsets and text hashes),
    references, template (*template*: the digest of the one in use), reference DOCX, options
    and version, and one hash over them."""
    paths = {r.source_id: r.path for r in pack.references}
    cited_list = [{"source_id": c.source_id, "path": paths.get(c.source_id), "passage": c.passage,
                   "start": c.start, "end": c.end, "sha256": c.sha256} for c in pack.cited]
    inputs = {
        "pack": {"kind": pack.kind, "scope": pack.scope, "known_years": list(pack.known_years)},
        "themes": taxonomy.digest,
        "passages": [f"{c['source_id']}:{c['passage']}:{c['sha256']}" for c in cited_list],
        "references": digest(json.dumps([asdict(r) for r in pack.references], sort_keys=True,
                                        ensure_ascii=False).encode()),
        "template": template,
        "reference_docx": digest(reference_docx.read_bytes()) if reference_docx else None,
        "options": {"lang": lang, "issuer": config.issuer, "place": config.place, "author": config.author,
                    **({"document": asdict(config.document), "draft": config.draft}
                       if config.draft or config.document != type(config.document)() else {})},
        "briefgen": __version__,
    }
    return {"inputs": inputs, "inputs_sha256": digest(json.dumps(inputs, sort_keys=True).encode()),
            "cited_passages": cited_list}


def write_pack(config: Config, pack: Pack, rendered: dict[str, bytes], folder: Path, lang: str, base: str,
               inputs: dict[str, Any]) -> tuple[list[OutputFile], list[dict[str, Any]]]:
    """Write the *rendered* files of *pack* (by format) atomically into *folder*, with
    BASE.json beside them (the record of the pack: every format built so far, each file's
    hash and the build it came from); return the files written (the JSON last) and the
    record's file list."""
    folder.mkdir(parents=True, exist_ok=True)
    built = config.build_date.isoformat()
    files = [{"name": f"{base}.{fmt}", "format": fmt, "sha256": digest(blob), "built": built,
              "inputs_sha256": inputs["inputs_sha256"]} for fmt, blob in rendered.items()]
    files += _earlier_files(folder / f"{base}.json", pack, set(rendered))
    files.sort(key=lambda f: f["name"])
    record = {"pack": {"kind": pack.kind, "scope": pack.scope, "empty": pack.empty, "lang": lang},
              "built": built, "files": files, "review": [note._asdict() for note in pack.review], **inputs}
    record_bytes = (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    blobs = [*((folder / f"{base}.{fmt}", fmt, data) for fmt, data in rendered.items()),
             (folder / f"{base}.json", "json", record_bytes)]
    written = []
    for path, fmt, data in blobs:
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
