"""The first and last page of a Word draft as Decree 30/2020/NĐ-CP places them: the issuer,
the number and symbol and the national motto; the recipients and the signature.
"""

from __future__ import annotations

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from . import ooxml
from .doctree import number_line, recipients
from .docx_styles import centred, style


def cover(document: docx.document.Document, data: dict[str, str]) -> None:
    """Write the first page as Decree 30 places it: the draft mark at the top right; on the left the
    governing body, the issuer (bold, a rule below) and the number-and-symbol line; on the
    right the motto, its rule and the place and date; then the kind and the title."""
    if data.get("draft"):
        mark = document.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        mark.paragraph_format.first_line_indent = Cm(0)
        mark.paragraph_format.left_indent = Cm(12.5)
        mark.paragraph_format.space_after = Pt(6)
        ooxml.add_text(mark, data["draft"], bold=True)
        ooxml.box(mark)
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    ooxml.no_borders(table)
    left, right = table.rows[0].cells
    for column, cell, width in ((table.columns[0], left, Cm(6)), (table.columns[1], right, Cm(10.5))):
        column.width = width
        cell.width = width
    lines = [(left, data.get("parent", "").upper(), False, False, 12.5),
             (left, data.get("issuer", "").upper(), True, False, 12.5),
             (right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, 12),
             (right, "Độc lập - Tự do - Hạnh phúc", True, False, 13)]
    for cell, text, bold, italic, size in lines:
        if not text:
            continue
        paragraph = cell.paragraphs[0] if not cell.paragraphs[0].text else cell.add_paragraph()
        centred(paragraph)
        ooxml.add_text(paragraph, text, bold=bold, italic=italic)
        for run in paragraph.runs:
            run.font.size = Pt(size)
        if text.startswith("Độc lập") or (cell is left and bold):
            _rule(cell.add_paragraph(), 3.2 if cell is left else 5.6)
    number = number_line(data)
    if number:
        paragraph = left.add_paragraph()
        centred(paragraph)
        ooxml.add_text(paragraph, number)
    place = right.add_paragraph()
    centred(place)
    ooxml.add_text(place, data.get("place_date", ""), italic=True)
    for text, space_before in ((data.get("kind", ""), 18), (data.get("title", ""), 0)):
        paragraph = document.add_paragraph(style=style(document, "Title"))
        ooxml.add_text(paragraph, text)
        paragraph.paragraph_format.space_before = Pt(space_before)


def signature(document: docx.document.Document, data: dict[str, str]) -> None:
    """Write the end of the document as Decree 30 places it: "Nơi nhận:" and its lines on the left,
    the signing authority, the signer's title, room for the signature and the name on the right."""
    document.add_paragraph().paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    ooxml.no_borders(table)
    ooxml.table_rows(table, header=False)
    left, right = table.rows[0].cells
    for column, cell, width in ((table.columns[0], left, Cm(8)), (table.columns[1], right, Cm(8.5))):
        column.width = width
        cell.width = width
    lines = recipients(data)
    first = True
    if lines:
        paragraph = left.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.first_line_indent = Cm(0)
        paragraph.paragraph_format.space_after = Pt(0)
        ooxml.add_text(paragraph, data.get("recipients_label", "Nơi nhận:"), bold=True, italic=True)
        paragraph.runs[-1].font.size = Pt(12)
        for line in lines:
            item = left.add_paragraph()
            item.alignment = WD_ALIGN_PARAGRAPH.LEFT
            item.paragraph_format.first_line_indent = Cm(0)
            item.paragraph_format.space_after = Pt(0)
            ooxml.add_text(item, line)
            item.runs[-1].font.size = Pt(11)
    for text, bold, space_before in ((data.get("authority", "").upper(), True, 0),
                                     (data.get("signer_title", "").upper(), True, 0),
                                     (data.get("signer_name", ""), True, 60)):
        if not text:
            continue
        paragraph = right.paragraphs[0] if first else right.add_paragraph()
        first = False
        centred(paragraph)
        paragraph.paragraph_format.space_before = Pt(space_before)
        ooxml.add_text(paragraph, text, bold=bold)


def _rule(paragraph: Paragraph, width_cm: float) -> None:
    """A short centred rule: an empty paragraph with a bottom border, narrowed by indents."""
    centred(paragraph)
    cell_width = 6 if width_cm < 5 else 10.5
    side = max(0.0, (cell_width - width_cm) / 2)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    ppr = paragraph._p.get_or_add_pPr()
    border = ooxml.OxmlElement("w:pBdr")
    bottom = ooxml.OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(ooxml.qn(key), value)
    border.append(bottom)
    ppr.append(border)
    paragraph.paragraph_format.space_after = Pt(4)
    for run in paragraph.runs:
        run.font.size = Pt(2)
