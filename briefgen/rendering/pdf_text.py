"""Text on a PDF page: the bundled Liberation Serif faces (metric-compatible with Times New
Roman, SIL OFL, shipped in ``briefgen/fonts``), the paragraph styles of the Decree 30 form,
reportlab markup for runs (every character of source text escaped), and a paragraph that
breaks its lines once.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from xml.sax.saxutils import escape as xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from .doctree import Run

FONT = "BriefgenSerif"
# Decree 30/2020/NĐ-CP: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
MARGINS = {"top": 20 * mm, "bottom": 20 * mm, "left": 30 * mm, "right": 15 * mm}
BODY_SIZE = 13
LINK_COLOUR = colors.HexColor("#1a3d7c")


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


def paragraph_styles() -> dict[str, ParagraphStyle]:
    """Return the paragraph styles of the PDF, by name."""
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


class CachedParagraph(Paragraph):
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
