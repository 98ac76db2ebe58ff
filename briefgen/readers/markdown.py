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


_FRONT_MATTER_KEYS = {"title": "title", "author": "author", "url": "url", "link": "url", "source": "url",
                      "date": "date", "site": "sitename", "outlet": "sitename", "sitename": "sitename"}


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return the simple ``key: value`` fields of a leading ``---`` block and the rest of the text."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            fields: dict[str, str] = {}
            for line in lines[1:end]:
                key, _, value = line.partition(":")
                name = _FRONT_MATTER_KEYS.get(key.strip().lower())
                value = value.strip().strip("\"'")
                if name and value:
                    fields[name] = value
            return fields, "\n".join(lines[end + 1 :])
    return {}, text


def read(path: Path, data: bytes) -> RawDocument:
    """Return the blocks of a Markdown file: the first level-1 heading is the title; a front
    matter block gives title, author, URL and site name."""
    text, encoding, warnings = decode(data, path)
    meta, text = split_front_matter(normalize(text))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
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
    if meta.get("title") and not any(b.kind == "title" for b in blocks):
        blocks.insert(0, Block(meta["title"], "title"))
    return RawDocument(path=path, blocks=tuple(blocks), format_meta=meta, encoding=encoding, warnings=tuple(warnings))
