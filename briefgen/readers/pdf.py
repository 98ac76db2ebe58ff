"""PDF sources (.pdf): text extracted with pypdf, wrapped lines joined into paragraphs."""

from __future__ import annotations

import logging
from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..errors import SourceError
from ..model import Block, RawDocument
from ..text import ends_sentence, normalize, starts_lower

logging.getLogger("pypdf").setLevel(logging.ERROR)

# One source is an article or a report: a PDF of more pages is refused before its text is
# read (a page tree can list one page 100,000 times in 600 KB; reading them took 67 s).
MAX_PAGES = 2000


def _page_count(reader: PdfReader) -> int:
    """Return the page count the page tree declares (cheap), or else the pages it lists."""
    try:
        root: Any = reader.trailer["/Root"]
        declared = root["/Pages"]["/Count"]
        if isinstance(declared, int) and declared > MAX_PAGES:
            return int(declared)
    except (KeyError, TypeError, AttributeError, ValueError):
        pass
    return len(reader.pages)


def _paragraphs(page_text: str) -> list[str]:
    """Return the paragraphs of one page: a line joins the previous one unless that one ends
    a sentence and is clearly shorter than a full line, or a blank line separates them."""
    lines = normalize(page_text).split("\n")
    full = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    joinable = False
    for line in lines:
        if not line:
            joinable = False
            continue
        if paragraphs and joinable and (starts_lower(line) or not ends_sentence(paragraphs[-1])):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        joinable = len(line) >= 0.7 * full
    return paragraphs


def read(path: Path, data: bytes) -> RawDocument:
    """Return the blocks of a PDF; a PDF without a text layer raises SourceError."""
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(path, "encrypted PDF; cannot read its text")
        count = _page_count(reader)
        if count > MAX_PAGES:
            raise SourceError(path, f"refused: {count} pages, more than the {MAX_PAGES} one source may have "
                                    "(split it into smaller files)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except SourceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SourceError(path, f"not a readable PDF ({exc})") from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise SourceError(path, f"not a readable PDF ({type(exc).__name__})") from exc
    blocks = [Block(p) for page in pages for p in _paragraphs(page)]
    if not any(b.text.strip() for b in blocks):
        raise SourceError(path, "PDF has no extractable text (scanned or image-only?)")
    meta: dict[str, str] = {}
    info = reader.metadata
    if info is not None:
        for key, value in (("title", info.title), ("author", info.author)):
            if value:
                meta[key] = normalize(str(value))
    return RawDocument(path=path, blocks=tuple(blocks), format_meta=meta)
