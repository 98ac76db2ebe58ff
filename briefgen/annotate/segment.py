"""Passages: the paragraphs of a cleaned body, long ones split at sentence boundaries."""

from __future__ import annotations

from ..model import BlockKind, Passage
from ..text import sentences

# A paragraph longer than this is split into parts of about TARGET characters, at sentence ends.
MAX_CHARS = 1200
TARGET_CHARS = 700


def _split(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of *text*: the whole of it, or sentence-aligned parts."""
    if len(text) <= MAX_CHARS:
        return [(0, len(text))]
    parts: list[tuple[int, int]] = []
    start = end = 0
    for s_start, s_end in sentences(text):
        if end > start and s_end - start > TARGET_CHARS:
            parts.append((start, end))
            start = s_start
        end = s_end
    parts.append((start, len(text)))
    return parts


def segment(source_id: str, items: tuple[tuple[BlockKind, str], ...] | list[tuple[BlockKind, str]]
            ) -> tuple[str, tuple[Passage, ...]]:
    """Return the cleaned body (headings and paragraphs separated by blank lines) and its passages."""
    body_parts: list[str] = []
    passages: list[Passage] = []
    offset = 0
    heading: str | None = None
    for kind, text in items:
        if body_parts:
            offset += 2  # the "\n\n" between blocks
        if kind == "heading":
            heading = text
        else:
            for start, end in _split(text):
                part = text[start:end]
                lead = len(part) - len(part.lstrip())
                part = part.strip()
                passages.append(Passage(source_id=source_id, passage=len(passages) + 1, heading=heading,
                                        start=offset + start + lead, end=offset + start + lead + len(part),
                                        text=part))
        body_parts.append(text)
        offset += len(text)
    return "\n\n".join(body_parts), tuple(passages)
