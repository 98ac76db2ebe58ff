"""Makers of test files in every supported (and broken) form."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """Return *text* as Windows-1258 writes Vietnamese: base letters precomposed, tones combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def make_docx(path: Path, title: str, heading: str, paragraphs: list[str]) -> Path:
    """Write a Word file with a Title, a Heading 1 and body paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph(title, style="Title")
    document.add_paragraph(heading, style="Heading 1")
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def make_pdf(path: Path, lines: list[str] | None) -> Path:
    """Write a one-page PDF with *lines* of text, or only a drawing when *lines* is None."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    if lines is None:
        pdf.rect(100, 500, 200, 100, fill=1)
    else:
        y = 780
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 16
    pdf.showPage()
    pdf.save()
    return path


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower()


def name_key(entry: str) -> str:
    """The folded last two words of the name in a `people` label ("Title Name", "Name, Title", "Name (Title)")."""
    parts = [p.split() for p in re.split(r"[,\-–—]", re.sub(r"\(.*?\)", "", entry)) if p.strip()]
    if parts and len(parts[0]) >= 2 and all(w[:1].isupper() and not w.isupper() for w in parts[0]):
        name = parts[0]
    else:
        name = []
        for part in reversed(parts):
            tail: list[str] = []
            for word in reversed(part):
                if not word[:1].isupper():
                    break
                tail.insert(0, word)
            if len(tail) >= 2:
                name = tail
                break
            name = name or tail
    return fold(" ".join(name[-2:]))


def key_fold(text: str) -> str:
    """The hand keys' folding (tests/keys/headlines.md): NFC, lower case, đ→d, marks removed,
    runs of spaces made one."""
    text = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(unicodedata.normalize("NFC", text).split())



# An outlet's tag before a lead ("(VOH) - ", "TCCS - ", "TGVN. "), which briefgen leaves out of
# the passage: a key's anchor written with it still names the passage.
_TAG = re.compile(r"^(?:\([^()]{2,40}\)|[^\s()]{2,20})\s*[-–—.]\s*(?=[A-ZĐÀ-Ỹ“\"\d])")


def without_tag(anchor: str) -> str:
    """Return a key's anchor without the outlet's tag it may open with."""
    return _TAG.sub("", anchor)
