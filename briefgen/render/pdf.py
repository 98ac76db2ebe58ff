"""The PDF renderer (reportlab platypus): an A4 document in the Decree 30/2020/NĐ-CP form.

Liberation Serif (metric-compatible with Times New Roman, SIL OFL, shipped in
``briefgen/fonts``) is embedded as a subset; the first page carries the national motto
block; headings are bookmarks and contents entries; page numbers sit centred at the top
from page 2; citations link to their reference entry. Source text is escaped before it
enters reportlab's paragraph markup. With ``rl_config.invariant`` the same inputs give
the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab import rl_config
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate, NextPageTemplate, PageTemplate
from reportlab.platypus.frames import Frame
from reportlab.platypus.tableofcontents import TableOfContents

from .doctree import Block, Chart, Document, Run, number_line, recipients

FONT = "BriefgenSerif"
# Decree 30/2020/NĐ-CP: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
MARGINS = {"top": 20 * mm, "bottom": 20 * mm, "left": 30 * mm, "right": 15 * mm}
BODY_SIZE = 13
LINK_COLOUR = colors.HexColor("#1a3d7c")
MAX_BARS = 24  # a chart keeps the largest bars, so it always fits on a page
# reportlab breaks a paragraph's lines again each time a page splits it, so a paragraph of N
# pages costs N times its length: a longer paragraph is laid out as consecutive pieces of
# about this many characters (two pages), cut at spaces, which makes rendering linear. No
# passage of an ordinary source is that long.
LAYOUT_CHARS = 6000
# Likewise a table is measured again at each page it is split over: a long one is laid out
# as tables of this many rows (about two pages), each repeating the header.
LAYOUT_ROWS = 60


@cache
def register_fonts() -> str:
    """Register the bundled Liberation Serif faces as one family; return the family name."""
    folder = resources.files("briefgen").joinpath("fonts")
    faces = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
    for suffix, face in faces.items():
        with resources.as_file(folder.joinpath(f"LiberationSerif-{face}.ttf")) as path:
            pdfmetrics.registerFont(TTFont(FONT + suffix, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic",
                                  boldItalic=FONT + "-BoldItalic")
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.35, alignment=TA_JUSTIFY,
                          firstLineIndent=1.27 * cm, spaceAfter=6)
    return {
        "body": base,
        "bullet": ParagraphStyle("bullet", parent=base, firstLineIndent=0, leftIndent=0.9 * cm, bulletIndent=0.3 * cm,
                                 bulletFontName=FONT),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT + "-Bold", fontSize=13, leading=17, firstLineIndent=0,
                             alignment=TA_LEFT, spaceBefore=12, spaceAfter=6, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT + "-Bold", fontSize=13, leading=17, firstLineIndent=0,
                             alignment=TA_LEFT, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=FONT + "-BoldItalic", fontSize=13, leading=17,
                             firstLineIndent=0, alignment=TA_LEFT, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "cell": ParagraphStyle("cell", parent=base, fontSize=11, leading=13.5, firstLineIndent=0, alignment=TA_LEFT,
                               spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", parent=base, fontSize=11, leading=13.5, firstLineIndent=0,
                                     alignment=2, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=FONT + "-Bold", fontSize=11, leading=13.5,
                                    firstLineIndent=0, alignment=TA_CENTER, spaceAfter=0),
        "reference": ParagraphStyle("reference", parent=base, fontSize=12, leading=15, firstLineIndent=-0.9 * cm,
                                    leftIndent=0.9 * cm, spaceAfter=4, alignment=TA_LEFT),
        "motto1": ParagraphStyle("motto1", fontName=FONT + "-Bold", fontSize=12, leading=15, alignment=TA_CENTER),
        "motto2": ParagraphStyle("motto2", fontName=FONT + "-Bold", fontSize=13, leading=16, alignment=TA_CENTER),
        "issuer": ParagraphStyle("issuer", fontName=FONT + "-Bold", fontSize=12.5, leading=15, alignment=TA_CENTER),
        "parent": ParagraphStyle("parent", fontName=FONT, fontSize=12.5, leading=15, alignment=TA_CENTER),
        "number": ParagraphStyle("number", fontName=FONT, fontSize=13, leading=16, alignment=TA_CENTER),
        "draft": ParagraphStyle("draft", fontName=FONT + "-Bold", fontSize=13, leading=16, alignment=TA_CENTER),
        "recipients_label": ParagraphStyle("recipients_label", fontName=FONT + "-BoldItalic", fontSize=12, leading=15),
        "recipient": ParagraphStyle("recipient", fontName=FONT, fontSize=11, leading=13.5),
        "signer": ParagraphStyle("signer", fontName=FONT + "-Bold", fontSize=13, leading=16, alignment=TA_CENTER),
        "place": ParagraphStyle("place", fontName=FONT + "-Italic", fontSize=13, leading=16, alignment=TA_CENTER),
        "kind": ParagraphStyle("kind", fontName=FONT + "-Bold", fontSize=14, leading=18, alignment=TA_CENTER,
                               spaceBefore=24),
        "title": ParagraphStyle("title", fontName=FONT + "-Bold", fontSize=14, leading=18, alignment=TA_CENTER,
                                spaceAfter=18),
        "toc_title": ParagraphStyle("toc_title", fontName=FONT + "-Bold", fontSize=13, leading=17,
                                    alignment=TA_CENTER, spaceAfter=10),
        "toc1": ParagraphStyle("toc1", fontName=FONT, fontSize=12.5, leading=16, leftIndent=0.5 * cm,
                               firstLineIndent=-0.5 * cm),
        "toc2": ParagraphStyle("toc2", fontName=FONT, fontSize=12, leading=15, leftIndent=1.2 * cm,
                               firstLineIndent=-0.5 * cm),
        "chart_title": ParagraphStyle("chart_title", fontName=FONT + "-Italic", fontSize=11.5, leading=14,
                                      alignment=TA_CENTER, spaceBefore=4, spaceAfter=8),
    }


def markup(runs: tuple[Run, ...]) -> str:
    """Return reportlab paragraph markup for runs; every character of text is escaped."""
    parts = []
    for run in runs:
        text = xml_escape(run.text)
        if run.cite is not None:
            parts.append(f'<a href="#ref-{run.cite}" color="{LINK_COLOUR.hexval()}">[{run.cite}]</a>')
            continue
        if run.code:
            text = f'<font size="{BODY_SIZE - 2}">{text}</font>'
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.link:
            href = xml_escape(run.link, {'"': "&quot;"})
            text = f'<link href="{href}" color="{LINK_COLOUR.hexval()}">{text}</link>'
        parts.append(text)
    return "".join(parts)


class _Paragraph(Paragraph):
    """A paragraph that remembers its line breaks for a width. Laying out a page asks a
    paragraph its size several times (to fit it, to split it, to keep it with the next), and
    breaking lines is most of the cost of rendering: the breaks are worked out once."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = self.__dict__.get("_bg_wrap")
        if cached is not None and cached[0] == availWidth:
            self.width, self._wrapWidths, self.blPara, self.height = cached[1]
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            self._bg_wrap = (availWidth, (self.width, self._wrapWidths, self.blPara, self.height))
        return size


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
            rows.append([_Paragraph(f'<a href="#{key}">{text}</a>{end}', style)])
        self._table = Table(rows, colWidths=(availWidth,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height


class _Rule(Flowable):
    """A short centred horizontal rule (under the issuing body and the motto)."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.rule_width = width
        self.width = width
        self.height = 4

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        start = (self.width - self.rule_width) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(start, 2, start + self.rule_width, 2)


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


def _chart(chart: Chart, width: float) -> Drawing | None:
    if not chart.values or max(chart.values) == 0:
        return None
    chart = chart.largest(MAX_BARS)
    rows = len(chart.values)
    height = 22 * rows + 30
    drawing = Drawing(width, height, initialFontName=FONT)
    bars = HorizontalBarChart()
    widest = max(pdfmetrics.stringWidth(label[:48], FONT, 10) for label in chart.labels)
    label_width = min(width * 0.55, widest + 12)
    bars.x, bars.y = label_width, 20
    bars.width, bars.height = width - label_width - 20, height - 30
    bars.data = [list(reversed(chart.values))]
    bars.categoryAxis.categoryNames = [label[:48] for label in reversed(chart.labels)]
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = 10
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.categoryAxis.labels.dx = -4
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = max(chart.values) + 1
    bars.valueAxis.valueStep = max(1, (max(chart.values) + 1) // 5)
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = 9
    bars.bars[0].fillColor = colors.HexColor("#4a6fa5")
    bars.barLabelFormat = "%d"
    bars.barLabels.fontName = FONT
    bars.barLabels.fontSize = 9
    bars.barLabels.nudge = 8
    drawing.add(bars)
    return drawing


def _cover(data: dict[str, str], styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """The first page as Decree 30 places it: the draft mark boxed at the top right; on the left
    the governing body, the issuer (bold, a rule below) and the number-and-symbol line; on the
    right the motto, its rule and the place and date; then the kind and the title."""
    left: list[Flowable] = []
    if data.get("parent"):
        left.append(_Paragraph(xml_escape(data["parent"].upper()), styles["parent"]))
    left += [_Paragraph(xml_escape(data.get("issuer", "").upper()), styles["issuer"]), _Rule(3 * cm)]
    number = number_line(data)
    if number:
        left += [Spacer(1, 4), _Paragraph(xml_escape(number), styles["number"])]
    right = [_Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles["motto1"]),
             _Paragraph("Độc lập - Tự do - Hạnh phúc", styles["motto2"]),
             _Rule(pdfmetrics.stringWidth("Độc lập - Tự do - Hạnh phúc", FONT + "-Bold", 13)),
             Spacer(1, 6), _Paragraph(xml_escape(data.get("place_date", "")), styles["place"])]
    head = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    flowables: list[Flowable] = []
    if data.get("draft"):
        mark = Table([[_Paragraph(xml_escape(data["draft"]), styles["draft"])]], colWidths=[3.2 * cm], hAlign="RIGHT")
        mark.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("TOPPADDING", (0, 0), (-1, -1), 2),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        flowables += [mark, Spacer(1, 8)]
    return [*flowables, head, _Paragraph(xml_escape(data.get("kind", "")), styles["kind"]),
            _Paragraph(xml_escape(data.get("title", "")), styles["title"])]


def _signature(data: dict[str, str], styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """The end of the document as Decree 30 places it: "Nơi nhận:" and its lines on the left;
    the signing authority, the signer's title, room for the signature and the name on the right."""
    lines = recipients(data)
    left: list[Flowable] = []
    if lines:
        left.append(_Paragraph(xml_escape(data.get("recipients_label", "Nơi nhận:")), styles["recipients_label"]))
        left += [_Paragraph(xml_escape(line), styles["recipient"]) for line in lines]
    right: list[Flowable] = []
    for key in ("authority", "signer_title"):
        if data.get(key):
            right.append(_Paragraph(xml_escape(data[key].upper()), styles["signer"]))
    if data.get("signer_name"):
        right += [Spacer(1, 2.2 * cm), _Paragraph(xml_escape(data["signer_name"]), styles["signer"])]
    block = Table([[left, right]], colWidths=[width * 0.48, width * 0.52])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [Spacer(1, 14), KeepTogether([block])]


def _table(block: Block, styles: dict[str, ParagraphStyle], width: float) -> list[Table]:
    """Return a table block as one table, or a long one as consecutive tables of LAYOUT_ROWS
    rows, each with the header."""
    header, *body = block.rows
    columns = len(header)
    weights = [3.0, 1.6, 2.2, 0.9, 1.0][:columns] if columns == 5 else [3.2, 1.7, 2.4, 1.1][:columns]
    total = sum(weights) or 1
    tables = []
    for first in range(0, max(len(body), 1), LAYOUT_ROWS):
        cells = [[_Paragraph(markup(c), styles["cell_head"]) for c in header]]
        for row in body[first : first + LAYOUT_ROWS]:
            cells.append([_Paragraph(markup(c), styles["cell_right" if block.align[n:n + 1] == ("right",) else "cell"])
                          for n, c in enumerate(row)])
        table = Table(cells, colWidths=[width * w / total for w in weights], repeatRows=1)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf2")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        tables.append(table)
    return tables


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
    styles = _styles()
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


def split_runs(runs: tuple[Run, ...], limit: int = LAYOUT_CHARS) -> list[tuple[Run, ...]]:
    """Return *runs* cut into consecutive groups of at most about *limit* characters, a long
    run cut at a space (a run with no space in reach is cut where it reaches the limit)."""
    groups: list[tuple[Run, ...]] = []
    current: list[Run] = []
    size = 0
    for run in runs:
        text = run.text
        while size + len(text) > limit and run.cite is None:
            room = max(limit - size, 0)
            cut = text.rfind(" ", 0, room + 1)
            if cut <= 0:  # no space in reach: start a new piece, or cut a word longer than a piece
                cut = 0 if current else limit
            if cut:
                current.append(replace(run, text=text[:cut]))
            text = text[cut:].lstrip(" ")
            groups.append(tuple(current))
            current, size = [], 0
        if text or run.cite is not None:
            current.append(replace(run, text=text))
            size += len(text)
    if current or not groups:
        groups.append(tuple(current))
    return [g for g in groups if g] or [runs]


def _pieces(runs: tuple[Run, ...], style: ParagraphStyle, bullet: str | None = None) -> list[Flowable]:
    """Return a body paragraph (or bullet) as flowables: one, or for a very long one its pieces
    (see LAYOUT_CHARS), the first indented like a paragraph and the others following on."""
    if sum(len(r.text) for r in runs) <= LAYOUT_CHARS:
        return [_Paragraph(markup(runs), style, bulletText=bullet)]
    groups = split_runs(runs)
    following = ParagraphStyle(style.name + "-cont", parent=style, firstLineIndent=0, spaceBefore=0)
    flowables: list[Flowable] = []
    for n, group in enumerate(groups):
        piece_style = style if n == 0 else following
        if n < len(groups) - 1:
            piece_style = ParagraphStyle(piece_style.name + "-open", parent=piece_style, spaceAfter=0)
        flowables.append(_Paragraph(markup(group), piece_style, bulletText=bullet if n == 0 else None))
    return flowables


def _flowables(block: Block, document: Document, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    if block.kind == "cover":
        return _cover(block.data, styles, width)
    if block.kind == "toc":
        toc = _Contents([(b.level - 1, xml_escape(document.text(b)), b.anchor) for b in document.blocks
                         if b.kind == "heading" and b.level <= 2 and b.anchor])
        toc.levelStyles = [styles[k] for k in _CONTENTS_STYLES]
        toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        toc.dotsMinLevel = 0
        return [_Paragraph(xml_escape(block.data.get("title", "")), styles["toc_title"]), toc, PageBreak()]
    if block.kind == "heading":
        style = styles[f"h{min(block.level, 3)}"]
        paragraph = _Paragraph(markup(block.runs), style)
        paragraph._bg_level = block.level
        paragraph._bg_anchor = block.anchor
        paragraph._bg_text = document.text(block)
        return [paragraph]
    if block.kind == "paragraph":
        return _pieces(block.runs, styles["body"])
    if block.kind == "bullet":
        return _pieces(block.runs, styles["bullet"], bullet="–")
    if block.kind == "table":
        return [*_table(block, styles, width), Spacer(1, 6)]
    if block.kind == "chart":
        chart = document.chart(block.data.get("kind", ""), block.data.get("other", "—"))
        drawing = _chart(chart, width) if chart else None
        if drawing is None:
            return []
        return [KeepTogether([drawing, _Paragraph(xml_escape(block.data.get("title", "")), styles["chart_title"])])]
    if block.kind == "signature":
        return _signature(block.data, styles, width)
    if block.kind == "references":
        items = []
        for number in sorted(document.references):
            text = f'<a name="ref-{number}"/>[{number}] ' + markup(document.references[number])
            items.append(_Paragraph(text, styles["reference"]))
        return items
    return []
