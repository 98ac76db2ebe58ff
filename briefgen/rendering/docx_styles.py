"""The DOCX renderer's styles and page: Word's built-in styles (Title, Heading 1-3, List
Bullet, Caption, Table Grid, the notes' and the contents' styles) set to black Times New
Roman in every font slot, the body 13 pt, justified, with a 1.27 cm first-line indent; the
"Ý kiến biên tập" styles staff mark their own wording with; A4 with the Decree 30 margins
and the page number centred in the header from page 2.
"""

from __future__ import annotations

from typing import Any

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from . import ooxml

FONT = "Times New Roman"
BODY_SIZE = Pt(13)
EDITOR_STYLE = "Ý kiến biên tập"  # staff's own wording in a draft: a paragraph and a character style


# The styles the renderer uses: key -> (style id, name, type). A reference DOCX may lack some
# or name them differently ("Footnote Reference"); styles are found by id and added when missing.
STYLES = {
    "Normal": ("Normal", "Normal", "paragraph"), "Title": ("Title", "Title", "paragraph"),
    "Heading 1": ("Heading1", "heading 1", "paragraph"), "Heading 2": ("Heading2", "heading 2", "paragraph"),
    "Heading 3": ("Heading3", "heading 3", "paragraph"), "List Bullet": ("ListBullet", "List Bullet", "paragraph"),
    "Caption": ("Caption", "caption", "paragraph"), "Table Grid": ("TableGrid", "Table Grid", "table"),
    "footnote text": ("FootnoteText", "footnote text", "paragraph"),
    "footnote reference": ("FootnoteReference", "footnote reference", "character"),
    "Hyperlink": ("Hyperlink", "Hyperlink", "character"),
    "toc 1": ("TOC1", "toc 1", "paragraph"), "toc 2": ("TOC2", "toc 2", "paragraph"),
    "toc 3": ("TOC3", "toc 3", "paragraph"), "Quote": ("Quote", "Quote", "paragraph"),
}


def style(document: docx.document.Document, key: str) -> Any:
    """Return one of the renderer's styles (see STYLES), adding it to the document when missing."""
    style_id, name, kind = STYLES[key]
    known = document.__dict__.setdefault("_bg_styles", {})  # looking a style up walks them all
    if style_id not in known:
        found = next((c for c in document.styles if c.style_id == style_id), None)
        if found is None:
            ooxml.add_style(document, style_id, name, kind,
                            "Normal" if kind == "paragraph" and key != "Normal" else None)
            found = next(c for c in document.styles if c.style_id == style_id)
        known[style_id] = found
    return known[style_id]


def setup_styles(document: docx.document.Document, own_styles: bool) -> None:
    """Make the styles the renderer uses exist; with briefgen's own template, give them the Decree 30 look."""
    for key in STYLES:
        style(document, key)
    style(document, "footnote reference").font.superscript = True
    style(document, "Hyperlink").font.underline = True
    if own_styles:
        _decree_30_look(document)


def _decree_30_look(document: docx.document.Document) -> None:
    """Give the styles the Decree 30 look: Times New Roman in black, 13 pt body, bold headings."""

    class _Styles:
        def __getitem__(self, key: str) -> Any:
            return style(document, key)

    styles = _Styles()
    ooxml.default_fonts(document, FONT)
    normal = styles["Normal"]
    ooxml.style_fonts(normal, FONT)
    normal.font.size = BODY_SIZE
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.27)
    fmt.space_after = Pt(6)
    fmt.space_before = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = 1.2
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(ooxml.qn("w:pBdr")):
        title_ppr.remove(border)  # the default Title has a blue rule under it
    for name, size, italic in (("Title", 14, False), ("Heading 1", 13, False), ("Heading 2", 13, False),
                               ("Heading 3", 13, True)):
        st = styles[name]
        ooxml.style_fonts(st, FONT)
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.italic = italic
        st.paragraph_format.first_line_indent = Cm(0)
        st.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 6)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if name == "Title" else WD_ALIGN_PARAGRAPH.LEFT
    for name in ("List Bullet", "Caption", "Quote", "footnote text", "toc 1", "toc 2", "toc 3"):
        st = styles[name]
        ooxml.style_fonts(st, FONT)
    styles["List Bullet"].paragraph_format.first_line_indent = None
    styles["Caption"].font.size = Pt(11)
    styles["Caption"].font.italic = True
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["footnote text"].font.size = Pt(11)
    styles["footnote text"].paragraph_format.first_line_indent = Cm(0)
    styles["footnote text"].paragraph_format.space_after = Pt(0)
    styles["footnote text"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for level in (1, 2, 3):
        toc = styles[f"toc {level}"]
        toc.paragraph_format.first_line_indent = Cm(0)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    table = styles["Table Grid"]
    ooxml.style_fonts(table, FONT)


def editor_styles(word: docx.document.Document) -> None:
    """Define the "Ý kiến biên tập" styles staff mark their own wording with (verify skips it)."""
    for style_id, kind in (("YKienBienTap", "paragraph"), ("YKienBienTapChar", "character")):
        if any(c.style_id == style_id for c in word.styles):
            continue
        element = ooxml.add_style(word, style_id, EDITOR_STYLE if kind == "paragraph" else EDITOR_STYLE + " (ký tự)",
                                  kind, "Normal" if kind == "paragraph" else None)
        ooxml.italic_style(element)


def page_setup(document: docx.document.Document) -> None:
    """Make the page A4 with the Decree 30 margins, each section on a new page."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.start_type = WD_SECTION.NEW_PAGE


def page_numbers(document: docx.document.Document) -> None:
    """Centre the page number in the header, with none on the first page (Decree 30)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    ooxml.add_simple_field(paragraph, "PAGE", "2")


def centred(paragraph: Paragraph) -> None:
    """Centre a paragraph, with no first-line indent and no space after it."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.space_after = Pt(0)
