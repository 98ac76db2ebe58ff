"""Word sources (.docx): paragraphs and tables in document order, heading styles kept."""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import SourceError
from ..model import Block, BlockKind, RawDocument
from ..text import normalize


def _kind(paragraph: Paragraph) -> BlockKind:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return "title"
    if name.startswith("Heading"):
        return "heading"
    return "text"


# A .docx expands to a few times its size; these limits refuse a zip bomb before inflating it.
MAX_EXPANDED = 200 * 1024 * 1024
MAX_RATIO = 200


def _check_package(path: Path, data: bytes) -> None:
    """Refuse a package whose entries would expand absurdly (a zip bomb), from its directory alone."""
    open_package(path, data, ".docx")


def open_package(path: Path, data: bytes, kind: str) -> zipfile.ZipFile:
    """Return an office package (.docx, .odt) opened as a zip, refusing a damaged one and one
    whose entries would expand absurdly (a zip bomb), from its directory alone."""
    try:
        package = zipfile.ZipFile(BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SourceError(path, f"not a valid {kind} (damaged or truncated file)") from exc
    expanded = sum(e.file_size for e in entries)
    if expanded > MAX_EXPANDED or any(
            e.file_size > 10 * 1024 * 1024 and e.file_size > MAX_RATIO * max(1, e.compress_size) for e in entries):
        raise SourceError(path, f"refused: it would expand to {expanded // (1024 * 1024)} MB (a zip bomb?)")
    return package


_CHUNK = 1 << 16


def _inflated(path: Path, data: bytes) -> bytes:
    """Return the package again with every entry inflated in bounded chunks and stored: an
    entry's deflate stream is read only up to the size its header declares, so a stream that
    goes on (a zip bomb whose headers tell its real size and CRC) costs no more than that.
    zipfile itself would inflate up to 1 GiB at once before cutting to the declared size."""
    out = BytesIO()
    try:
        with zipfile.ZipFile(BytesIO(data)) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as stored:
            for entry in package.infolist():
                if entry.is_dir():
                    continue
                chunks: list[bytes] = []
                with package.open(entry) as stream:  # stops at entry.file_size, then checks the CRC
                    while chunk := stream.read(_CHUNK):
                        chunks.append(chunk)
                stored.writestr(zipfile.ZipInfo(entry.filename, date_time=entry.date_time), b"".join(chunks))
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise SourceError(path, "not a valid .docx (damaged or truncated file)") from exc
    return out.getvalue()


def read(path: Path, data: bytes) -> RawDocument:
    """Return the blocks of a Word document; a damaged file or a zip bomb raises SourceError.
    XML entities are never resolved (python-docx parses with ``resolve_entities=False``)."""
    _check_package(path, data)
    data = _inflated(path, data)
    try:
        document = docx.Document(BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise SourceError(path, "not a valid .docx (damaged or truncated file)") from exc
    except Exception as exc:  # lxml and zlib errors inside a half-written package
        raise SourceError(path, f"not a valid .docx ({type(exc).__name__})") from exc
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = normalize(item.text)
            if text:
                blocks.extend(Block(line, _kind(item)) for line in text.split("\n") if line)
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = normalize(cell.text).replace("\n", " ")
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    blocks.append(Block(" | ".join(cells)))
    props = document.core_properties
    meta = {k: normalize(v) for k, v in (("title", props.title), ("author", props.author)) if v}
    return RawDocument(path=path, blocks=tuple(blocks), format_meta=meta, encoding=None)
