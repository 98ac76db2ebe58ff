"""The sources folder: which files are sources, their sidecars, their ids and how their
paths are shown; and finding a source by what a user calls it."""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import BriefgenError, NotFoundError
from ..readers import SIDECAR_SUFFIX
from ..text import file_label, fold

if TYPE_CHECKING:
    from ..store import Store


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


def display_path(path: Path, root: Path) -> str:
    """Return how a source's path is shown and stored: relative to the project, escaped where
    the name is not UTF-8 or holds control characters (:func:`briefgen.text.file_label`)."""
    try:
        return file_label(path.relative_to(root).as_posix())
    except ValueError:
        return file_label(path.as_posix())


def name_warnings(path: Path, root: Path) -> tuple[str, ...]:
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


def find_source(store: Store, reference: str, config: Config,
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
            displays.append(unicodedata.normalize("NFC", display_path((base / candidate).resolve(), config.root)))
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
