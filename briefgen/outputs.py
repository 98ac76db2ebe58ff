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
from .ingest import open_store
from .pack import Pack
from .text import fold


def digest(data: bytes) -> str:
    """Return the SHA-256 of *data* in hex."""
    return hashlib.sha256(data).hexdigest()


def pack_name(pack: Pack) -> str:
    """Return the base name of a pack's files: 2018-year-review, theme-citizen_protection, topic-<words>."""
    if pack.kind == "year":
        return f"{pack.year}-year-review"
    slug = re.sub(r"[^a-z0-9]+", "-", fold(pack.scope)).strip("-")[:60] or "topic"
    return f"{pack.kind}-{slug}"


def safe_name(name: str) -> str:
    """Return *name* as a file name that cannot leave its folder."""
    cleaned = re.sub(r"[^\w.\-]+", "-", name.replace("/", "-").replace("\\", "-")).strip(".-")
    return cleaned[:100] or "pack"


def atomic_write(path: Path, data: bytes) -> None:
    """Write *data* to *path* so that readers see the old file or the whole new one, never a part."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
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


def pack_inputs(config: Config, pack: Pack, formats: list[str], lang: str, template: Path | None,
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
    from .themes import load_taxonomy

    inputs = {
        "pack": {"kind": pack.kind, "scope": pack.scope, "known_years": list(pack.known_years)},
        "themes": load_taxonomy(config.themes).digest,
        "passages": [f"{c['source_id']}:{c['passage']}:{c['sha256']}" for c in cited_list],
        "references": digest(json.dumps([asdict(r) for r in pack.references], sort_keys=True,
                                        ensure_ascii=False).encode()),
        "template": digest(template.read_bytes()) if template else _default_template_digest(config, pack),
        "reference_docx": digest(reference_docx.read_bytes()) if reference_docx else None,
        "options": {"formats": sorted(formats), "lang": lang, "issuer": config.issuer, "place": config.place,
                    "author": config.author},
        "briefgen": __version__,
    }
    return {"inputs": inputs, "inputs_sha256": digest(json.dumps(inputs, sort_keys=True).encode()),
            "cited_passages": cited_list}


def _default_template_digest(config: Config, pack: Pack) -> str:
    from .templating import TEMPLATE_NAMES, default_template

    return digest(default_template(config.templates, TEMPLATE_NAMES[pack.kind])[0].encode("utf-8"))


def write_pack(config: Config, pack: Pack, formats: list[str], output: Path | None = None, lang: str = "vi",
               name: str | None = None, template: Path | None = None, reference_docx: Path | None = None,
               inputs: dict[str, Any] | None = None) -> list[tuple[Path, str]]:
    """Render *pack* in each format and write the files atomically into the output folder,
    with NAME.json beside them; return each path written (the JSON last) with its SHA-256."""
    from .api import render_formats
    from .templating import build_date

    folder = output or config.output
    folder.mkdir(parents=True, exist_ok=True)
    base = safe_name(name or pack_name(pack))
    formats = list(dict.fromkeys(formats))
    inputs = inputs or pack_inputs(config, pack, formats, lang, template, reference_docx)
    rendered = [(folder / f"{base}.{fmt}", data)
                for fmt, data in render_formats(pack, config, formats, lang, template, reference_docx).items()]
    record = {"pack": {"kind": pack.kind, "scope": pack.scope, "empty": pack.empty},
              "built": build_date().isoformat(),
              "files": [{"name": path.name, "sha256": digest(blob)} for path, blob in rendered], **inputs}
    rendered.append((folder / f"{base}.json",
                     (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")))
    written = []
    for path, data in rendered:
        atomic_write(path, data)
        written.append((path, digest(data)))
    return written
