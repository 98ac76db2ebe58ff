"""The PDF's body blocks that need more than a paragraph: a table, and a very long paragraph
laid out in pieces (reportlab's cost grows with a flowable's length). A chart is drawn by
:mod:`.chart`, for every format.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from .doctree import Block, Run
from .pdf_text import FONT, CachedParagraph, markup

# reportlab breaks a paragraph's lines again each time a page splits it, so a paragraph of N
# pages costs N times its length: a longer paragraph is laid out as consecutive pieces of
# about this many characters (two pages), cut at spaces, which makes rendering linear. No
# passage of an ordinary source is that long.
LAYOUT_CHARS = 6000
# Likewise a table is measured again at each page it is split over: a long one is laid out
# as tables of this many rows (about two pages), each repeating the header.
LAYOUT_ROWS = 60


def tables(block: Block, styles: dict[str, ParagraphStyle], width: float) -> list[Table]:
    """Return a table block as one table, or a long one as consecutive tables of LAYOUT_ROWS
    rows, each with the header."""
    header, *body = block.rows
    columns = len(header)
    if columns in (4, 5):  # the key-figures tables: figure, value, unit, (year,) source
        weights = [3.0, 1.6, 2.2, 0.9, 1.0][:columns] if columns == 5 else [3.2, 1.7, 2.4, 1.1]
    else:  # any other table: each column as wide as its text is long on average, within bounds
        lengths = [sum(len("".join(r.text for r in row[n])) for row in block.rows) / len(block.rows)
                   for n in range(columns)]
        weights = [min(max(length, 16.0), 120.0) for length in lengths]
    total = sum(weights) or 1
    tables = []
    for first in range(0, max(len(body), 1), LAYOUT_ROWS):
        cells = [[CachedParagraph(markup(c), styles["cell_head"]) for c in header]]
        for row in body[first : first + LAYOUT_ROWS]:
            cells.append([CachedParagraph(markup(c), styles["cell_right" if block.align[n:n + 1] == ("right",)
                                                            else "cell"]) for n, c in enumerate(row)])
        table = Table(cells, colWidths=[width * w / total for w in weights], repeatRows=1)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf2")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        tables.append(table)
    return tables


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


def pieces(runs: tuple[Run, ...], style: ParagraphStyle, bullet: str | None = None) -> list[Flowable]:
    """Return a body paragraph (or bullet) as flowables: one, or for a very long one its pieces
    (see LAYOUT_CHARS), the first indented like a paragraph and the others following on."""
    if sum(len(r.text) for r in runs) <= LAYOUT_CHARS:
        return [CachedParagraph(markup(runs), style, bulletText=bullet)]
    groups = split_runs(runs)
    following = ParagraphStyle(style.name + "-cont", parent=style, firstLineIndent=0, spaceBefore=0)
    flowables: list[Flowable] = []
    for n, group in enumerate(groups):
        piece_style = style if n == 0 else following
        if n < len(groups) - 1:
            piece_style = ParagraphStyle(piece_style.name + "-open", parent=piece_style, spaceAfter=0)
        flowables.append(CachedParagraph(markup(group), piece_style, bulletText=bullet if n == 0 else None))
    return flowables
