"""The PDF renderer (reportlab platypus): an A4 document in the Decree 30/2020/NĐ-CP form.

Liberation Serif is embedded as a subset (:mod:`.pdf_text`); the first page carries the
national motto block (:mod:`.pdf_form`); headings are bookmarks and contents entries; page
numbers sit centred at the top from page 2; citations link to their reference entry.
Source text is escaped before it enters reportlab's paragraph markup. With
``rl_config.invariant`` the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate, NextPageTemplate, PageTemplate
from reportlab.platypus.frames import Frame
from reportlab.platypus.tableofcontents import TableOfContents

from .chart import drawing as chart_drawing
from .doctree import Block, Document
from .pdf_blocks import pieces, tables
from .pdf_form import cover, signature
from .pdf_text import FONT, MARGINS, CachedParagraph, markup, paragraph_styles, register_fonts

# The contents page is laid out before the headings are placed: its entries are known, and
# each page number is a form (a PDF XObject) that the heading fills in when it lands on its
# page. One layout pass instead of the two a contents page otherwise needs.
_PAGE_SLOT = 20.0  # points kept at the right of each entry for its page number
_CONTENTS_STYLES = ("toc1", "toc2")  # the contents entries' styles, by heading level


def _page_form(anchor: str) -> str:
    return "pg" + anchor


class _Contents(TableOfContents):
    """The contents page, its entries given up front and its page numbers drawn as forms."""

    def __init__(self, entries: list[tuple[int, str, str]]) -> None:
        super().__init__()
        self._lastEntries = [(level, text, 0, key) for level, text, key in entries]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        def entry_end(canvas: Any, kind: str, label: str) -> None:
            level, key = label.split(",", 1)
            style = self.getLevelStyle(int(level))
            x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
            slot = availWidth - _PAGE_SLOT
            dot = " . "
            width = pdfmetrics.stringWidth(dot, style.fontName, style.fontSize)
            count = int((slot - x) / width) if slot > x else 0
            if count:
                text = canvas.beginText(slot - count * width, y)
                text.setFont(style.fontName, style.fontSize)
                text.setFillColor(style.textColor)
                text.textLine(dot * count)
                canvas.drawText(text)
            canvas.saveState()
            canvas.translate(slot, y)
            canvas.doForm(_page_form(key))
            canvas.restoreState()
            canvas.linkRect("", key, (slot, y, availWidth, y + style.leading), relative=1)

        self.canv.setNamedCB("bg_contents_end", entry_end)
        rows: list[list[Flowable]] = []
        for level, text, _, key in self._lastEntries:
            style = self.getLevelStyle(level)
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            end = f'<onDraw name="bg_contents_end" label="{level},{key}"/>'
            rows.append([CachedParagraph(f'<a href="#{key}">{text}</a>{end}', style)])
        self._table = Table(rows, colWidths=(availWidth,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height


class _Doc(BaseDocTemplate):
    """Records headings for the contents and the PDF outline."""

    def __init__(self, buffer: io.BytesIO, document: Document, contents: list[ParagraphStyle],
                 **kwargs: object) -> None:
        super().__init__(buffer, **kwargs)
        self.document = document
        self.contents = contents  # the contents page's styles, by heading level

    def afterFlowable(self, flowable: Flowable) -> None:
        level = getattr(flowable, "_bg_level", None)
        if level is None:
            return
        key = flowable._bg_anchor
        text = flowable._bg_text
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level - 1, closed=False)
        if level <= 2:  # the contents page shows this form where the heading's page number goes
            self.canv.beginForm(_page_form(key), 0, -4, _PAGE_SLOT, 16)
            style = self.contents[level - 1]
            self.canv.setFont(style.fontName, style.fontSize)
            self.canv.drawRightString(_PAGE_SLOT, 0, str(self.page))
            self.canv.endForm()


def render(document: Document, author: str, built: _dt.date) -> bytes:
    """Return the PDF of a document tree, dated *built*."""
    with _dated(built):
        return _render(document, author)


@contextmanager
def _dated(built: _dt.date) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH to *built* while a PDF is made, unless it is set already.

    reportlab dates a PDF (CreationDate, ModDate) from SOURCE_DATE_EPOCH, read from the
    environment when the document is made; it takes no date argument. So the build date goes
    there for the one call; a variable already set is left alone (reportlab then takes its
    exact second, as a reproducible build asks, and the build date came from it)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    epoch = int(_dt.datetime(built.year, built.month, built.day, tzinfo=_dt.UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def _render(document: Document, author: str) -> bytes:
    register_fonts()
    rl_config.invariant = 1
    styles = paragraph_styles()
    buffer = io.BytesIO()
    doc = _Doc(buffer, document, [styles[k] for k in _CONTENTS_STYLES], pagesize=A4, leftMargin=MARGINS["left"],
               rightMargin=MARGINS["right"], topMargin=MARGINS["top"], bottomMargin=MARGINS["bottom"],
               title=document.title, author=author, subject=document.subject, keywords=list(document.keywords),
               creator="briefgen", invariant=1, initialFontName=FONT)  # no unembedded Helvetica in the page preamble
    width = doc.width
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    footer = document.title

    def first_page(canvas, _doc) -> None:
        canvas.setTitle(document.title)

    def later_pages(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 12)
        middle = doc.leftMargin + doc.width / 2
        canvas.drawCentredString(middle, A4[1] - MARGINS["top"] / 2 - 2, str(canvas.getPageNumber()))
        canvas.setFont(FONT + "-Italic", 9.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        text = footer if pdfmetrics.stringWidth(footer, FONT + "-Italic", 9.5) < doc.width else footer[:90] + "…"
        canvas.drawCentredString(doc.leftMargin + doc.width / 2, MARGINS["bottom"] / 2, text)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="first", frames=[frame], onPage=first_page),
                          PageTemplate(id="later", frames=[frame], onPage=later_pages)])
    story: list[Flowable] = [NextPageTemplate("later")]
    for block in document.blocks:
        story.extend(_flowables(block, document, styles, width))
    doc.build(story)
    return buffer.getvalue()


def _flowables(block: Block, document: Document, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    if block.kind == "cover":
        return cover(block.data, styles, width)
    if block.kind == "toc":
        toc = _Contents([(b.level - 1, xml_escape(document.text(b)), b.anchor) for b in document.blocks
                         if b.kind == "heading" and b.level <= 2 and b.anchor])
        toc.levelStyles = [styles[k] for k in _CONTENTS_STYLES]
        toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        toc.dotsMinLevel = 0
        return [CachedParagraph(xml_escape(block.data.get("title", "")), styles["toc_title"]), toc, PageBreak()]
    if block.kind == "heading":
        style = styles[f"h{min(block.level, 3)}"]
        paragraph = CachedParagraph(markup(block.runs), style)
        paragraph._bg_level = block.level
        paragraph._bg_anchor = block.anchor
        paragraph._bg_text = document.text(block)
        return [paragraph]
    if block.kind == "paragraph":
        return pieces(block.runs, styles["body"])
    if block.kind == "bullet":
        return pieces(block.runs, styles["bullet"], bullet="–")
    if block.kind == "table":
        return [*tables(block, styles, width), Spacer(1, 6)]
    if block.kind == "chart":
        chart = document.chart(block.data.get("kind", ""), block.data.get("other", "—"))
        drawing = chart_drawing(chart, width) if chart else None
        if drawing is None:
            return []
        title = block.data.get("title") or (chart.title if chart else "")
        caption = CachedParagraph(xml_escape(title), styles["chart_title"])
        return [KeepTogether([drawing, caption])]
    if block.kind == "signature":
        return signature(block.data, styles, width)
    if block.kind == "references":
        items = []
        for number in sorted(document.references):
            text = f'<a name="ref-{number}"/>[{number}] ' + markup(document.references[number])
            items.append(CachedParagraph(text, styles["reference"]))
        return items
    return []
