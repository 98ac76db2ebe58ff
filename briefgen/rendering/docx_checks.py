"""What `briefgen verify` reads in a Word draft: a hidden bookmark on each quoted paragraph's
note, and a custom XML part giving each bookmark's passages, text hash and section, and the
hash of every other paragraph.
"""

from __future__ import annotations

import hashlib
from typing import Any

import docx
from docx.text.paragraph import Paragraph

from . import ooxml

VERIFY_NS = "urn:briefgen:verify:1"  # the custom XML part `briefgen verify` reads


def text_hash(text: str) -> str:
    """Return the hash a draft records for a paragraph's text (whitespace-insensitive)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class Checks:
    """What `briefgen verify` needs, gathered while the body is written: each quoted paragraph's
    note (found by a hidden bookmark in the note), its passages, text hash and section."""

    def __init__(self) -> None:
        self.quoted: list[dict[str, str]] = []
        self.section = ""

    def add(self, paragraph: Paragraph, note: Any, passages: str) -> None:
        """Record a quoted paragraph, its note's element and the passages it quotes."""
        digest = text_hash(paragraph.text)
        key = f"_bgq{len(self.quoted) + 1}_{digest[:10]}"  # "_": a hidden bookmark in Word
        ooxml.add_bookmark(note, key)
        # the same key round the note's mark in the text: LibreOffice keeps only the first
        # bookmark of the notes when it saves a DOCX, but every one in the body
        ooxml.bookmark_last_note_mark(paragraph, "_bgr" + key.removeprefix("_bgq"))
        self.quoted.append({"key": key, "passages": passages, "sha256": digest, "section": self.section})

    def xml(self, word: docx.document.Document) -> bytes:
        """Return the custom XML part: the quoted paragraphs, then the hashes of the others."""
        from lxml import etree

        root = etree.Element(f"{{{VERIFY_NS}}}draft", nsmap={None: VERIFY_NS})
        for entry in self.quoted:
            etree.SubElement(root, f"{{{VERIFY_NS}}}quoted", entry)
        quoted = {entry["sha256"] for entry in self.quoted}
        plain = sorted({text_hash(p.text) for p in word.paragraphs if p.text.strip()} - quoted)
        for digest in plain:
            etree.SubElement(root, f"{{{VERIFY_NS}}}plain", {"sha256": digest})
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
