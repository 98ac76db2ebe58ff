"""Readers: one module per file format, picked by extension (as Pelican's readers are)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from ..errors import SourceError
from ..model import RawDocument

Reader = Callable[[Path, bytes], RawDocument]

# Reader module (in this package) for each file extension; a module is imported the first
# time a file of its kind is read, so commands that only query the index start fast.
FORMATS: dict[str, tuple[str, ...]] = {
    "textfile": (".txt", ".text"),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm", ".xhtml"),
    "docx": (".docx",),
    "pdf": (".pdf",),
    "odt": (".odt",),
    "rtf": (".rtf",),
    "doc": (".doc",),
}
READERS: dict[str, str] = {ext: module for module, exts in FORMATS.items() for ext in exts}


def reader_for(extension: str) -> Reader | None:
    """Return the read function for a file extension (".txt"), or None when unsupported."""
    module = READERS.get(extension.lower())
    if module is None:
        return None
    read: Reader = importlib.import_module(f"{__name__}.{module}").read
    return read

SIDECAR_SUFFIX = ".meta.toml"


def read_document(path: Path, data: bytes | None = None) -> RawDocument:
    """Return the blocks of *path* read by the reader for its extension.

    Raises SourceError naming the file and the reason when it cannot be read.
    """
    reader = reader_for(path.suffix)
    if reader is None:
        raise SourceError(path, f"unsupported file type '{path.suffix or '(none)'}'; skipped")
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise SourceError(path, "empty file")
    doc = reader(path, data)
    if not any(block.text.strip() for block in doc.blocks):
        raise SourceError(path, "no text found in the file")
    return doc
