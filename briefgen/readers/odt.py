"""OpenDocument text sources (.odt): paragraphs, headings and tables in document order, read
with odfdo.

An .odt is a zip of XML parts, so two things are checked before odfdo opens it: its zip
directory, to refuse a zip bomb before anything is inflated (the limits of the .docx
reader), and every XML part, which must declare no DTD: without a ``<!DOCTYPE`` no entity
can be declared, so none is ever resolved (odfdo parses with lxml's default parser, which
would expand internal entities). ODF writers never write one.

Headings are ``text:h`` elements (or paragraphs in a heading style), the title a paragraph
in the Title style or a style derived from it; a table row becomes its cells joined by
" | ", as the .docx reader gives it. Notes, annotations, tracked deletions, frames and
generated indexes (a table of contents) are not body text.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

from odfdo import Document, Element
from odfdo.security import SecurityError

from ..errors import SourceError
from ..model import Block, BlockKind, RawDocument
from ..text import normalize
from .docx import MAX_EXPANDED, open_package

TEXT_TYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template",
              "application/vnd.oasis.opendocument.text-master")

# Inline elements whose content is not the paragraph's text.
_NOT_INLINE_TEXT = {"text:note", "office:annotation", "draw:frame", "draw:custom-shape", "draw:g", "draw:a",
                    "text:ruby-text", "text:deletion", "text:tracked-changes", "text:bookmark-ref",
                    "text:number"}  # a list number as last laid out (the .docx reader has none either)
# Block elements left out: the tracked changes (deleted text), generated indexes, forms.
_NOT_BODY = {"text:tracked-changes", "text:table-of-content", "text:alphabetical-index", "text:illustration-index",
             "text:table-index", "text:object-index", "text:user-index", "text:bibliography", "office:forms",
             "text:sequence-decls", "text:variable-decls", "text:user-field-decls", "table:table-columns",
             "table:table-column", "table:table-header-columns", "text:soft-page-break", "draw:frame"}
_ROWS = {"table:table-header-rows", "table:table-rows", "table:table-row-group"}
_HEADING_STYLE = re.compile(r"heading(_20_)?\d*", re.IGNORECASE)


def _check_package(path: Path, data: bytes) -> None:
    """Refuse a zip bomb from the directory alone (as for .docx), and any XML part declaring a DTD."""
    package = open_package(path, data, ".odt")
    read = 0
    for entry in package.infolist():
        if not entry.filename.endswith((".xml", ".rdf")):
            continue
        tail = b""
        try:
            with package.open(entry) as part:
                while chunk := part.read(1024 * 1024):
                    read += len(chunk)
                    if read > MAX_EXPANDED:  # the directory understated the sizes
                        raise SourceError(path, "refused: it expands to more than its zip directory says (a zip bomb?)")
                    if b"<!DOCTYPE" in tail + chunk or b"<!ENTITY" in tail + chunk:
                        raise SourceError(path, f"refused: {entry.filename} declares a DTD or XML entities, which "
                                                "no ODF writer does")
                    tail = chunk[-16:]
        except SourceError:
            raise
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise SourceError(path, f"not a valid .odt (damaged {entry.filename})") from exc
        except Exception as exc:  # zlib errors in a damaged entry
            raise SourceError(path, f"not a valid .odt (damaged {entry.filename}: {type(exc).__name__})") from exc


def _inline(element: Element, out: list[str]) -> None:
    """Append the text of a paragraph's content (spaces, tabs and line breaks as written)."""
    for child in element.children:
        tag = child.tag
        if tag == "text:s":
            out.append(" " * min(int(child.get_attribute_integer("text:c") or 1), 100))
        elif tag == "text:tab":
            out.append("\t")
        elif tag == "text:line-break":
            out.append("\n")
        elif tag not in _NOT_INLINE_TEXT:
            out.append(child.text or "")
            _inline(child, out)
        out.append(child.tail or "")


def _text(element: Element) -> str:
    out = [element.text or ""]
    _inline(element, out)
    return normalize("".join(out))


class _Reader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.kinds: dict[str, BlockKind] = {}
        self.blocks: list[Block] = []

    def style_kind(self, name: str | None) -> BlockKind:
        """Return "title" or "heading" for a paragraph style that is, or derives from, one."""
        if not name:
            return "text"
        if name not in self.kinds:
            kind: BlockKind = "text"
            seen: set[str] = set()
            current: str | None = name
            while current and current not in seen and len(seen) < 20:
                seen.add(current)
                if current == "Title":
                    kind = "title"
                    break
                if _HEADING_STYLE.fullmatch(current):
                    kind = "heading"
                    break
                style = self.document.get_style("paragraph", current)
                parent = getattr(style, "parent_style", None)
                current = parent if isinstance(parent, str) else None
            self.kinds[name] = kind
        return self.kinds[name]

    def paragraph(self, element: Element, kind: BlockKind) -> None:
        text = _text(element)
        self.blocks.extend(Block(line, kind) for line in text.split("\n") if line)

    def cell_text(self, cell: Element) -> str:
        inner = _Reader(self.document)
        inner.kinds = self.kinds
        inner.walk(cell)
        return " ".join(block.text for block in inner.blocks)

    def table(self, table: Element) -> None:
        for row in self.rows(table):
            cells: list[str] = []
            for cell in row.children:
                if cell.tag != "table:table-cell":
                    continue
                value = self.cell_text(cell)
                if value and (not cells or cells[-1] != value):
                    cells.append(value)
            if cells:
                self.blocks.append(Block(" | ".join(cells)))

    def rows(self, element: Element) -> list[Element]:
        found: list[Element] = []
        for child in element.children:
            if child.tag == "table:table-row":
                found.append(child)
            elif child.tag in _ROWS:
                found.extend(self.rows(child))
        return found

    def walk(self, element: Element) -> None:
        for child in element.children:
            tag = child.tag
            if tag == "text:h":
                kind = self.style_kind(child.get_attribute_string("text:style-name"))
                self.paragraph(child, "title" if kind == "title" else "heading")
            elif tag == "text:p":
                self.paragraph(child, self.style_kind(child.get_attribute_string("text:style-name")))
            elif tag == "table:table":
                self.table(child)
            elif tag not in _NOT_BODY:  # lists, list items, sections, ...
                self.walk(child)


def read(path: Path, data: bytes) -> RawDocument:
    """Return the blocks of an OpenDocument text; a damaged or hostile file raises SourceError."""
    _check_package(path, data)
    try:
        document = Document(BytesIO(data))
        mimetype = document.mimetype
        if mimetype not in TEXT_TYPES:
            raise SourceError(path, f"not an OpenDocument text (its type is {mimetype or 'missing'})")
        reader = _Reader(document)
        reader.walk(document.body)
    except SourceError:
        raise
    except SecurityError as exc:  # odfdo's own limits (compression ratio, sizes, depth)
        detail = str(exc).removeprefix("odfdo detected a breach of security. ")
        raise SourceError(path, f"refused: {detail[:1].lower()}{detail[1:]}") from exc
    except Exception as exc:  # odfdo, lxml and zlib raise many kinds on damaged files
        detail = str(exc).splitlines()[0][:120] if str(exc) else ""
        raise SourceError(path, f"not a valid .odt ({type(exc).__name__}{': ' + detail if detail else ''})") from exc
    found: dict[str, str | None] = {}
    if "meta.xml" in document.parts:  # optional in ODF
        try:
            meta = document.meta
            found = {"title": meta.title, "author": meta.initial_creator or meta.creator}
        except Exception:  # a damaged meta.xml costs the metadata, not the text
            found = {}
    format_meta = {key: normalize(value) for key, value in found.items() if value}
    return RawDocument(path=path, blocks=tuple(reader.blocks), format_meta=format_meta)
