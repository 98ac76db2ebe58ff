"""Readers: one module per file format, picked by extension (as Pelican's readers are)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import SourceError
from ..model import RawDocument
from . import docx, html, markdown, pdf, textfile

Reader = Callable[[Path, bytes], RawDocument]

READERS: dict[str, Reader] = {}
for _module in (textfile, markdown, html, docx, pdf):
    for _ext in _module.EXTENSIONS:
        READERS[_ext] = _module.read

SIDECAR_SUFFIX = ".meta.toml"


def is_supported(path: Path) -> bool:
    """Return True when briefgen has a reader for *path*'s extension."""
    return path.suffix.lower() in READERS


def read_document(path: Path, data: bytes | None = None) -> RawDocument:
    """Return the blocks of *path* read by the reader for its extension.

    Raises SourceError naming the file and the reason when it cannot be read.
    """
    reader = READERS.get(path.suffix.lower())
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
