"""Word sources (.docx): paragraphs and tables in document order, heading styles kept."""

from __future__ import annotations

import zipfile
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


def read(path: Path, data: bytes) -> RawDocument:
    """Return the blocks of a Word document; a damaged file raises SourceError."""
    try:
        document = docx.Document(str(path))
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
