"""Markdown sources (.md): parsed with markdown-it-py, headings kept as headings."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Block, BlockKind, RawDocument
from ..text import normalize
from .textfile import decode


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            continue
    return "".join(parts)


def read(path: Path, data: bytes) -> RawDocument:
    """Return the blocks of a Markdown file: the first level-1 heading is the title."""
    text, encoding, warnings = decode(data, path)
    tokens = MarkdownIt("commonmark").enable("table").parse(normalize(text))
    blocks: list[Block] = []
    pending: BlockKind = "text"
    seen_title = False
    for token in tokens:
        if token.type == "heading_open":
            pending = "title" if token.tag == "h1" and not seen_title else "heading"
            seen_title = seen_title or pending == "title"
        elif token.type == "inline":
            content = normalize(_inline_text(token))
            for line in filter(None, content.split("\n")):
                blocks.append(Block(line, pending))
            pending = "text"
        elif token.type in ("fence", "code_block", "html_block"):
            blocks.extend(Block(line) for line in normalize(token.content).split("\n") if line)
    return RawDocument(path=path, blocks=tuple(blocks), encoding=encoding, warnings=tuple(warnings))
