"""The one drawing of a chart, and the three forms it is given in.

A :class:`~.doctree.Chart` (a title, labels and values: one measure across years) is drawn
once, by reportlab's graphics, as a :class:`~reportlab.graphics.shapes.Drawing`: horizontal
bars in the chart's order, the bundled Liberation Serif for every word and number, values
written as Vietnamese writes them ("16,7"). That same drawing goes into the PDF as vector
graphics (:func:`drawing`), into the DOCX as a PNG (:func:`png`, reportlab's renderPM with
the ``rl_renderPM`` rasteriser) and onto a web page as SVG text (:func:`svg`, renderSVG), so
no format draws a chart of its own.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape as xml_escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics

from ..errors import BriefgenError
from ..text import plain_number
from .doctree import Chart
from .pdf_text import FONT, register_fonts

MAX_BARS = 24  # a chart keeps the largest bars, so it always fits on a page
PICTURE_WIDTH = 15 * cm  # the width a chart picture is drawn at (and placed at in the DOCX)
BAR_COLOUR = colors.HexColor("#4a6fa5")
LABEL_SIZE = 10
VALUE_SIZE = 9
ROW = 22  # points of height per bar
# A web page has no font called BriefgenSerif: the SVG names the face and its stand-ins.
WEB_FONTS = "'Liberation Serif', 'Times New Roman', Times, serif"


def _fitted(label: str, room: float) -> str:
    """Return a bar's label cut to *room* points, ending in "…" when cut."""
    if pdfmetrics.stringWidth(label, FONT, LABEL_SIZE) <= room:
        return label
    while label and pdfmetrics.stringWidth(label + "…", FONT, LABEL_SIZE) > room:
        label = label[:-1]
    return label.rstrip() + "…"


def _step(span: float) -> float:
    """Return a round step (1, 2, 2.5 or 5 times a power of ten) giving about five ticks."""
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def drawing(chart: Chart, width: float) -> Drawing | None:
    """Return the chart as a reportlab drawing *width* points wide (a PDF flowable, drawn as
    vectors), its largest MAX_BARS bars in their order; or None when it has nothing to show."""
    if not chart.values or not any(chart.values):
        return None
    register_fonts()
    chart = chart.largest(MAX_BARS)
    labels = [_fitted(label, width * 0.4) for label in chart.labels]
    values = list(chart.values)
    low, high = min(0.0, *values), max(0.0, *values)
    step = _step(high - low)
    axis_min, axis_max = math.floor(low / step) * step, math.ceil(high / step) * step
    ticks = [axis_min + n * step for n in range(round((axis_max - axis_min) / step) + 1)]
    # Room at the left for the labels, and on each side of the bars for the value written at
    # a bar's end and for the last tick's number, so that nothing is cut off at the edge.
    widest_label = max(pdfmetrics.stringWidth(label, FONT, LABEL_SIZE) for label in labels)
    widest_value = max(pdfmetrics.stringWidth(plain_number(v), FONT, VALUE_SIZE) for v in values)
    widest_tick = max(pdfmetrics.stringWidth(plain_number(t), FONT, VALUE_SIZE) for t in ticks)
    label_width = widest_label + 10
    left = label_width + (widest_value + 6 if low < 0 else 0)  # a negative bar's value is written at its left
    right = max(widest_value + 12 if high > 0 else 0, widest_tick / 2 + 2)
    height = ROW * len(values) + 24
    picture = Drawing(width, height, initialFontName=FONT)
    bars = HorizontalBarChart()
    bars.x, bars.y = left, 18
    bars.width, bars.height = width - left - right, height - 24
    # reportlab draws the first category at the bottom: reversed, the first label is on top.
    bars.data = [list(reversed(values))]
    bars.categoryAxis.categoryNames = list(reversed(labels))
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = LABEL_SIZE
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.categoryAxis.labelAxisMode = "low"  # the labels at the left edge, the axis line at zero
    bars.categoryAxis.labels.dx = -(left - label_width) - 4
    bars.categoryAxis.visibleTicks = False
    bars.categoryAxis.strokeColor = colors.black
    bars.categoryAxis.strokeWidth = 0.6
    bars.valueAxis.valueMin, bars.valueAxis.valueMax, bars.valueAxis.valueStep = axis_min, axis_max, step
    bars.valueAxis.labelTextFormat = plain_number
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = VALUE_SIZE
    bars.valueAxis.strokeWidth = 0.6
    bars.groupSpacing = 6
    bars.bars[0].fillColor = BAR_COLOUR
    bars.bars[0].strokeColor = None
    bars.barLabelFormat = plain_number
    bars.barLabels.fontName = FONT
    bars.barLabels.fontSize = VALUE_SIZE
    bars.barLabels.boxAnchor = "w"  # after the bar's end (before it, for a negative value)
    bars.barLabels.nudge = 3
    picture.add(bars)
    return picture


def png(chart: Chart, width_px: int = 1400, width: float = PICTURE_WIDTH) -> bytes | None:
    """Return the chart as a PNG *width_px* pixels wide, drawn at *width* points (the DOCX's
    picture); or None when it has nothing to show."""
    picture = drawing(chart, width)
    if picture is None:
        return None
    from reportlab.graphics import renderPM
    from reportlab.graphics.utils import RenderPMError

    try:
        return bytes(renderPM.drawToString(picture, fmt="PNG", dpi=72 * width_px / width, backend="_renderPM"))
    except RenderPMError as error:
        raise BriefgenError("the chart picture needs reportlab's rasteriser: install briefgen's dependencies "
                            f"again (pip install -e .), which bring reportlab 4 and rl_renderPM ({error})") from None


def svg(chart: Chart, width: float = PICTURE_WIDTH) -> str | None:
    """Return the chart as an SVG document (text) *width* units wide, titled with the chart's
    title and described by its values; or None when it has nothing to show."""
    picture = drawing(chart, round(width))  # the SVG's viewBox is whole units: no fraction cut off
    if picture is None:
        return None
    from reportlab.graphics import renderSVG

    text = renderSVG.drawToString(picture)
    shown = chart.largest(MAX_BARS)
    described = "; ".join(f"{label}: {plain_number(value)}" for label, value in zip(shown.labels, shown.values,
                                                                                     strict=True))
    text = text.replace("<title>...</title>", f"<title>{xml_escape(chart.title)}</title>", 1)
    text = text.replace("<desc>...</desc>", f"<desc>{xml_escape(described)}</desc>", 1)
    return text.replace(f"font-family: {FONT};", f"font-family: {WEB_FONTS};")
