"""HTML sources (.html, .htm): main content found by trafilatura, structure from its XML."""

from __future__ import annotations

import logging
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura

from ..errors import SourceError
from ..model import Block, BlockKind, RawDocument
from ..text import normalize
from .textfile import decode, split_blocks

log = logging.getLogger(__name__)
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def read(path: Path, data: bytes) -> RawDocument:
    """Return the main-content blocks of a web page, with the metadata the page declares."""
    text, encoding, warnings = decode(data, path)
    warnings = list(warnings)
    xml = trafilatura.extract(
        text.encode("utf-8"), output_format="xml", with_metadata=True, include_comments=False,
        include_tables=True, include_images=False, favor_recall=True, deduplicate=False,
    )
    blocks: list[Block] = []
    meta: dict[str, str] = {}
    if xml:
        root = lxml.etree.fromstring(xml.encode("utf-8"))
        for key in ("title", "author", "date", "url", "sitename"):
            value = root.get(key)
            if value:
                meta[key] = normalize(value)
        main = root.find("main")
        for element in (main.iter() if main is not None else ()):
            kind: BlockKind
            if element.tag == "head":
                kind = "heading"
            elif element.tag in ("p", "item", "cell", "quote"):
                kind = "text"
            else:
                continue
            content = normalize(" ".join(element.itertext()))
            if content:
                blocks.append(Block(content, kind))
        if meta.get("title"):
            blocks.insert(0, Block(meta["title"], "title"))
    if not blocks:
        warnings.append("main content not found; all text of the page is used")
        try:
            page = lxml.html.fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
        except (lxml.etree.ParserError, ValueError) as exc:
            raise SourceError(path, f"no readable HTML content ({exc})") from exc
        for bad in page.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        blocks = split_blocks(page.text_content())
    return RawDocument(path=path, blocks=tuple(blocks), format_meta=meta, encoding=encoding,
                       warnings=tuple(warnings))
