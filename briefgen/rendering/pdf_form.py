"""The first and last page of a PDF as Decree 30/2020/NĐ-CP places them: the issuer, the
number and symbol and the national motto block; the recipients and the signature.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from .doctree import number_line, recipients
from .pdf_text import FONT, CachedParagraph


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


def cover(data: dict[str, str], styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """Return the first page as Decree 30 places it: the draft mark boxed at the top right; on the left
    the governing body, the issuer (bold, a rule below) and the number-and-symbol line; on the
    right the motto, its rule and the place and date; then the kind and the title."""
    left: list[Flowable] = []
    if data.get("parent"):
        left.append(CachedParagraph(xml_escape(data["parent"].upper()), styles["parent"]))
    left += [CachedParagraph(xml_escape(data.get("issuer", "").upper()), styles["issuer"]), _Rule(3 * cm)]
    number = number_line(data)
    if number:
        left += [Spacer(1, 4), CachedParagraph(xml_escape(number), styles["number"])]
    right = [CachedParagraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles["motto1"]),
             CachedParagraph("Độc lập - Tự do - Hạnh phúc", styles["motto2"]),
             _Rule(pdfmetrics.stringWidth("Độc lập - Tự do - Hạnh phúc", FONT + "-Bold", 13)),
             Spacer(1, 6), CachedParagraph(xml_escape(data.get("place_date", "")), styles["place"])]
    head = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    flowables: list[Flowable] = []
    if data.get("draft"):
        mark = Table([[CachedParagraph(xml_escape(data["draft"]), styles["draft"])]], colWidths=[3.2 * cm],
                     hAlign="RIGHT")
        mark.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("TOPPADDING", (0, 0), (-1, -1), 2),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        flowables += [mark, Spacer(1, 8)]
    return [*flowables, head, CachedParagraph(xml_escape(data.get("kind", "")), styles["kind"]),
            CachedParagraph(xml_escape(data.get("title", "")), styles["title"])]


def signature(data: dict[str, str], styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """Return the end of the document as Decree 30 places it: "Nơi nhận:" and its lines on the left;
    the signing authority, the signer's title, room for the signature and the name on the right."""
    lines = recipients(data)
    left: list[Flowable] = []
    if lines:
        left.append(CachedParagraph(xml_escape(data.get("recipients_label", "Nơi nhận:")), styles["recipients_label"]))
        left += [CachedParagraph(xml_escape(line), styles["recipient"]) for line in lines]
    right: list[Flowable] = []
    for key in ("authority", "signer_title"):
        if data.get(key):
            right.append(CachedParagraph(xml_escape(data[key].upper()), styles["signer"]))
    if data.get("signer_name"):
        right += [Spacer(1, 2.2 * cm), CachedParagraph(xml_escape(data["signer_name"]), styles["signer"])]
    block = Table([[left, right]], colWidths=[width * 0.48, width * 0.52])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [Spacer(1, 14), KeepTogether([block])]
