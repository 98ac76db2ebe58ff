"""Boxes on a page: runs of lines that are a menu or a box of related-news teasers, told by
the lines around them, and the line the cleaning pass (:mod:`.clean`) gives a role."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import BlockKind
from ..text import ends_sentence, fold
from . import shapes
from .furniture import BULLETS, paragraph_like, title_like, word_count


@dataclass
class Line:
    """One line of a page as the cleaning pass sees it, and the role it gives the line."""

    text: str
    kind: BlockKind
    folded: str = ""
    role: str = "body"  # body | heading | drop
    reason: str = ""
    nav: bool = False
    teaser: bool = False  # in a run of headline-shaped lines between paragraphs

    def drop(self, reason: str) -> None:
        """Drop the line from the body, saying why."""
        self.role, self.reason = "drop", reason


def navigation_runs(lines: list[Line]) -> None:
    """Mark runs of three or more short bulleted menu items as navigation."""
    def candidate(line: Line) -> bool:
        text = line.text
        marked = text[0] in BULLETS or "▼" in text or "►" in text
        return marked and word_count(text) <= 8 and not ends_sentence(text)

    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and candidate(lines[j]):
            j += 1
        if j - i >= 3:
            for line in lines[i:j]:
                line.nav = True
        i = max(j, i + 1)


# A paragraph opening an enumeration ("Thứ nhất, …", "Một là, …", "1. …"): the lines before it
# introduce it (headings), they are not teasers.
_ENUMERATION = re.compile(r"^(?:thu (?:nhat|hai|ba|tu|nam)|mot la|hai la|ba la|\d{1,2}[.)]|[a-e]\))[\s,:]")


def section_label(text: str, lines: list[Line], index: int) -> bool:
    """Return True for a few words above a longer headline before the body: the page's
    section names ("Thời sự Xã hội"), not its title."""
    if word_count(text) > 5 or text.endswith(":"):
        return False  # "Việt Nam-Nhật Bản:" opens a title that goes on in the next line
    following = next((line for line in lines[index + 1:] if line.role != "drop"), None)
    return following is not None and title_like(following.text) and word_count(following.text) > word_count(text) \
        and not ends_sentence(following.text)


def teaser_runs(lines: list[Line]) -> None:
    """Mark runs of two or more headline-shaped lines between paragraphs as teasers of a
    related-news box (a single one may be an inner heading; a run of them never is)."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and shapes.headline_shaped(lines[j].text) and lines[j].kind == "text":
            j += 1
        before = lines[i - 1].text if i else ""
        after = lines[j].text if j < len(lines) else ""
        between = paragraph_like(before) and word_count(before) >= 15 and paragraph_like(after)
        if j - i >= 2 and i > 0 and between and not _ENUMERATION.match(fold(after)):
            for line in lines[i:j]:
                line.teaser = True
        i = max(j, i + 1)


def resumes_body(text: str, following: str) -> bool:
    """Return True when a line inside a box of teasers is the body again: a long finished
    paragraph, or a finished paragraph followed by another (teasers come one at a time,
    short or cut with "…")."""
    if text.endswith(("...", "…")) or not ends_sentence(text):
        return False
    words = word_count(text)
    return words >= 60 or (words >= 20 and ends_sentence(following) and word_count(following) >= 15)
