"""The DOCX renderer (python-docx): an editable Word draft with real styles.

Title, Heading 1-3, List Bullet, Caption and Table Grid are Word's built-in styles, set to
black Times New Roman in every font slot; the body is 13 pt, justified, with a 1.27 cm
first-line indent. The first and last page follow Decree 30 (issuer, number and symbol,
motto; recipients and signature). The contents are a TOC field whose entries are already
written (and linked to bookmarks on the headings), with page numbers where LibreOffice
could lay the draft out (:mod:`briefgen.layout`). Citations are native footnotes whose
text is the reference itself, so Word's note numbers are the only ones; the reference
list is unnumbered and sorted. What `briefgen verify` needs is carried invisibly: hidden
bookmarks on each quoted paragraph's note and a custom XML part. The page number is
centred in the header from page 2. Hand-written OOXML lives in :mod:`briefgen.ooxml`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Length, Mm, Pt
from docx.text.paragraph import Paragraph

from . import ooxml
from .doctree import Block, Chart, Document, Run, number_line, recipients

FONT = "Times New Roman"
BODY_SIZE = Pt(13)


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


def _setup_styles(document: docx.document.Document, own_styles: bool) -> None:
    """Make the styles the renderer uses exist; with briefgen's own template, give them the Decree 30 look."""
    for key in STYLES:
        style(document, key)
    style(document, "footnote reference").font.superscript = True
    style(document, "Hyperlink").font.underline = True
    if not own_styles:
        return

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


def _page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.start_type = WD_SECTION.NEW_PAGE


def _page_numbers(document: docx.document.Document) -> None:
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


def _runs(paragraph: Paragraph, runs: tuple[Run, ...], footnotes: ooxml.Footnotes | None,
          references: dict[int, tuple[Run, ...]], part: Any = None) -> list[Any]:
    """Write runs into a paragraph; return the notes made. With *footnotes*, each group of
    adjacent citations becomes one native footnote whose text is the references themselves
    (no reference-list number: Word numbers the notes, and renumbers them when staff move
    text); without, citations are left out (a heading, the reference list). Links go into
    *part*'s relationships (the notes part for a note's text)."""
    notes = []
    n = 0
    while n < len(runs):
        run = runs[n]
        if run.cite is not None:
            group: list[int] = []
            while n < len(runs) and runs[n].cite is not None:
                if (runs[n].cite or 0) not in group:
                    group.append(runs[n].cite or 0)
                n += 1
            if footnotes is None:
                continue
            note = Paragraph(footnotes.add(paragraph), paragraph._parent)
            for k, number in enumerate(group):
                entry = list(references.get(number, ()))
                if k < len(group) - 1 and entry and entry[-1].text.endswith("."):
                    entry[-1] = Run(entry[-1].text[:-1], entry[-1].bold, entry[-1].italic, entry[-1].code,
                                    entry[-1].link)
                if k:
                    ooxml.add_text(note, "; ")
                _runs(note, tuple(entry), None, references, footnotes.part)
            notes.append(note)
            continue
        if run.link:
            ooxml.add_external_link(paragraph, run.text, run.link, part=part, bold=run.bold, italic=run.italic)
        else:
            ooxml.add_text(paragraph, run.text, bold=run.bold, italic=run.italic)
        n += 1
    return notes


def _cover(document: docx.document.Document, data: dict[str, str]) -> None:
    """The first page as Decree 30 places it: the draft mark at the top right; on the left the
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
        _centred(paragraph)
        ooxml.add_text(paragraph, text, bold=bold, italic=italic)
        for run in paragraph.runs:
            run.font.size = Pt(size)
        if text.startswith("Độc lập") or (cell is left and bold):
            _rule(cell.add_paragraph(), 3.2 if cell is left else 5.6)
    number = number_line(data)
    if number:
        paragraph = left.add_paragraph()
        _centred(paragraph)
        ooxml.add_text(paragraph, number)
    place = right.add_paragraph()
    _centred(place)
    ooxml.add_text(place, data.get("place_date", ""), italic=True)
    for text, space_before in ((data.get("kind", ""), 18), (data.get("title", ""), 0)):
        paragraph = document.add_paragraph(style=style(document, "Title"))
        ooxml.add_text(paragraph, text)
        paragraph.paragraph_format.space_before = Pt(space_before)


def _signature(document: docx.document.Document, data: dict[str, str]) -> None:
    """The end of the document as Decree 30 places it: "Nơi nhận:" and its lines on the left,
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
        _centred(paragraph)
        paragraph.paragraph_format.space_before = Pt(space_before)
        ooxml.add_text(paragraph, text, bold=bold)


def _centred(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.space_after = Pt(0)


def _rule(paragraph: Paragraph, width_cm: float) -> None:
    """A short centred rule: an empty paragraph with a bottom border, narrowed by indents."""
    _centred(paragraph)
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


def _toc(document: docx.document.Document, data: dict[str, str], headings: list[Block], doc: Document,
         pages: dict[str, int] | None) -> None:
    """The contents: a TOC field whose cached result is the entries, linked to the headings,
    each with its page number when *pages* (from a LibreOffice layout) gives it."""
    title = document.add_paragraph()
    _centred(title)
    ooxml.add_text(title, data.get("title", ""), bold=True)
    title.paragraph_format.space_after = Pt(8)
    entries = [h for h in headings if h.level <= 2]
    section = document.sections[-1]
    width = (section.page_width or Mm(210)) - (section.left_margin or 0) - (section.right_margin or 0)
    for n, heading in enumerate(entries):
        paragraph = document.add_paragraph(style=style(document, f"toc {heading.level}"))
        if n == 0:
            ooxml.begin_toc(paragraph)
        link = ooxml.add_internal_link(paragraph, doc.text(heading), heading.anchor or "")
        page = (pages or {}).get(heading.anchor or "")
        if page is not None:
            ooxml.right_tab(paragraph, int(Length(width).twips))
            ooxml.add_tab(link, str(page))
        if n == len(entries) - 1:
            ooxml.end_toc(paragraph)
    document.add_page_break()


def chart_png(chart: Chart, width_px: int = 1400) -> bytes | None:
    """Draw a horizontal bar chart as a PNG (Pillow, with the bundled font)."""
    if not chart.values or max(chart.values) == 0:
        return None
    from PIL import Image, ImageDraw, ImageFont

    font_file = resources.files("briefgen").joinpath("fonts", "LiberationSerif-Regular.ttf")
    with resources.as_file(font_file) as path:
        font = ImageFont.truetype(str(Path(path)), 30)
    row = 52
    height = row * len(chart.values) + 40
    image = Image.new("RGB", (width_px, height), "white")
    draw = ImageDraw.Draw(image)
    widest = max(draw.textbbox((0, 0), label[:46], font=font)[2] for label in chart.labels)
    label_width = min(int(width_px * 0.55), widest + 40)
    top = max(chart.values)
    span = width_px - label_width - 90
    for n, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = 20 + n * row
        text = label if len(label) <= 46 else label[:45] + "…"
        box = draw.textbbox((0, 0), text, font=font)
        draw.text((label_width - 16 - (box[2] - box[0]), y + 6), text, fill="black", font=font)
        length = int(span * value / top)
        draw.rectangle((label_width, y + 6, label_width + length, y + row - 10), fill=(74, 111, 165))
        draw.text((label_width + length + 10, y + 6), str(value), fill="black", font=font)
    draw.line((label_width, 10, label_width, height - 10), fill="black", width=2)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def open_reference(path: Path) -> docx.document.Document:
    """Open a reference DOCX (see :func:`briefgen.ooxml.open_reference`)."""
    return ooxml.open_reference(path)


VERIFY_NS = "urn:briefgen:verify:1"  # the custom XML part `briefgen verify` reads
EDITOR_STYLE = "Ý kiến biên tập"  # staff's own wording in a draft: a paragraph and a character style


def text_hash(text: str) -> str:
    """Return the hash a draft records for a paragraph's text (whitespace-insensitive)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class _Checks:
    """What `briefgen verify` needs, gathered while the body is written: each quoted paragraph's
    note (found by a hidden bookmark in the note), its passages, text hash and section."""

    def __init__(self) -> None:
        self.quoted: list[dict[str, str]] = []
        self.section = ""

    def add(self, paragraph: Paragraph, note: Any, passages: str) -> None:
        digest = text_hash(paragraph.text)
        key = f"_bgq{len(self.quoted) + 1}_{digest[:10]}"  # "_": a hidden bookmark in Word
        ooxml.add_bookmark(note, key)
        # the same key round the note's mark in the text: LibreOffice keeps only the first
        # bookmark of the notes when it saves a DOCX, but every one in the body
        ooxml.bookmark_last_note_mark(paragraph, "_bgr" + key.removeprefix("_bgq"))
        self.quoted.append({"key": key, "passages": passages, "sha256": digest, "section": self.section})

    def xml(self, word: docx.document.Document) -> bytes:
        from lxml import etree

        root = etree.Element(f"{{{VERIFY_NS}}}draft", nsmap={None: VERIFY_NS})
        for entry in self.quoted:
            etree.SubElement(root, f"{{{VERIFY_NS}}}quoted", entry)
        quoted = {entry["sha256"] for entry in self.quoted}
        plain = sorted({text_hash(p.text) for p in word.paragraphs if p.text.strip()} - quoted)
        for digest in plain:
            etree.SubElement(root, f"{{{VERIFY_NS}}}plain", {"sha256": digest})
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def render(document: Document, author: str, built: _dt.date, reference_docx: Path | None = None,
           notes: list[str] | None = None, page_numbers: bool = True) -> bytes:
    """Return the DOCX of a document tree (styles and page setup from *reference_docx* when given).

    With *page_numbers* (the config's ``docx_pages``) and where LibreOffice is installed, the
    draft is laid out by it and the page of each heading written into the contents, again until the
    numbers stand still, and the first page becomes the file's thumbnail; what could not be
    done is said in *notes*."""
    data = _render(document, author, built, reference_docx)
    if not page_numbers or not any(b.kind == "toc" for b in document.blocks):
        return data
    from . import layout

    office = layout.office()
    if office is None:
        if notes is not None:
            notes.append("the Word contents carry no page numbers: LibreOffice (soffice) was not found to lay "
                         "the draft out; Word fills them in when the file is opened")
        return data
    wanted = [h.anchor or "" for h in document.headings if h.level <= 2]
    pages: dict[str, int] | None = None
    try:
        with layout.Session(office) as session:
            for _ in range(4):
                pdf = session.pdf(data)
                found = layout.heading_pages(pdf, [document.text(h) for h in document.headings if h.level <= 2])
                if found is None:
                    raise layout.LayoutError("its PDF has no outline matching the headings")
                numbered = dict(zip(wanted, found, strict=True))
                if numbered == pages:
                    break
                pages = numbered
                data = _render(document, author, built, reference_docx, pages)
            else:
                raise layout.LayoutError("the page numbers did not settle")
            thumbnail = session.thumbnail(pdf)
    except layout.LayoutError as exc:
        if notes is not None:
            notes.append(f"the Word contents carry no page numbers: LibreOffice could not lay the draft out ({exc})")
        return _render(document, author, built, reference_docx)
    return _render(document, author, built, reference_docx, pages, thumbnail)


def _render(document: Document, author: str, built: _dt.date, reference_docx: Path | None,
            pages: dict[str, int] | None = None, thumbnail: bytes | None = None) -> bytes:
    ooxml.reset_ids()
    word = open_reference(reference_docx) if reference_docx else docx.Document()
    if reference_docx:
        body = word.element.body
        for child in list(body):
            if child.tag != ooxml.qn("w:sectPr"):
                body.remove(child)
    _setup_styles(word, own_styles=reference_docx is None)
    _editor_styles(word)
    if reference_docx is None:
        _page_setup(word)
        _page_numbers(word)
    footnotes = ooxml.Footnotes(word)
    checks = _Checks()
    headings = [b for b in document.blocks if b.kind == "heading"]
    for block in document.blocks:
        _block(word, block, document, footnotes, headings, checks, pages)
    footnotes.finish()
    ooxml.set_custom_xml(word, VERIFY_NS, checks.xml(word), "{6B1E3C52-5C3B-4F2A-9D0E-B71E6E0A2F17}")
    ooxml.update_fields_on_open(word)
    ooxml.set_thumbnail(word, thumbnail)
    _properties(word, document, author, built)
    buffer = io.BytesIO()
    word.save(buffer)
    return ooxml.reproducible(buffer.getvalue())


def _editor_styles(word: docx.document.Document) -> None:
    """Define the "Ý kiến biên tập" styles staff mark their own wording with (verify skips it)."""
    for style_id, kind in (("YKienBienTap", "paragraph"), ("YKienBienTapChar", "character")):
        if any(c.style_id == style_id for c in word.styles):
            continue
        element = ooxml.add_style(word, style_id, EDITOR_STYLE if kind == "paragraph" else EDITOR_STYLE + " (ký tự)",
                                  kind, "Normal" if kind == "paragraph" else None)
        ooxml.italic_style(element)


def _block(word: docx.document.Document, block: Block, document: Document, footnotes: ooxml.Footnotes,
           headings: list[Block], checks: _Checks, pages: dict[str, int] | None) -> None:
    if block.kind == "cover":
        _cover(word, block.data)
    elif block.kind == "toc":
        _toc(word, block.data, headings, document, pages)
    elif block.kind == "heading":
        paragraph = word.add_paragraph(style=style(word, f"Heading {min(block.level, 3)}"))
        _runs(paragraph, block.runs, None, document.references)
        ooxml.add_bookmark(paragraph, block.anchor or "")
        checks.section = document.text(block)
    elif block.kind in ("paragraph", "bullet"):
        paragraph = word.add_paragraph(style=style(word, "List Bullet")) if block.kind == "bullet" else \
            word.add_paragraph()
        notes = _runs(paragraph, block.runs, footnotes, document.references)
        if notes and block.data.get("passages"):
            checks.add(paragraph, notes[-1]._p, block.data["passages"])
    elif block.kind == "table":
        _table(word, block, document, footnotes)
    elif block.kind == "chart":
        chart = document.chart(block.data.get("kind", ""), block.data.get("other", "—"))
        png = chart_png(chart) if chart else None
        if png:
            picture = word.add_paragraph()
            _centred(picture)
            picture.paragraph_format.keep_with_next = True
            picture.add_run().add_picture(io.BytesIO(png), width=Cm(15))
            caption = word.add_paragraph(style=style(word, "Caption"))
            ooxml.add_text(caption, block.data.get("title", ""))
    elif block.kind == "references":
        # Unnumbered and in alphabetical order: the notes give each reference in full, so the
        # list is a bibliography, not a key to numbers.
        for number in sorted(document.references, key=lambda n: _sort_key(document.references[n])):
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Cm(-0.9)
            paragraph.paragraph_format.left_indent = Cm(0.9)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _runs(paragraph, document.references[number], None, document.references)
            ooxml.add_bookmark(paragraph, f"ref_{number}")
    elif block.kind == "signature":
        _signature(word, block.data)


def _sort_key(runs: tuple[Run, ...]) -> str:
    text = "".join(r.text for r in runs).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


def _table(word: docx.document.Document, block: Block, document: Document, footnotes: ooxml.Footnotes) -> None:
    table = word.add_table(rows=len(block.rows), cols=len(block.rows[0]))
    table.style = style(word, "Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.table_rows(table, header=True)
    cells = table._cells  # the grid, once: table.cell(r, c) rebuilds it for every cell
    columns = len(block.rows[0])
    for r, row in enumerate(block.rows):
        for c, cell_runs in enumerate(row):
            paragraph = cells[r * columns + c].paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Cm(0)
            paragraph.paragraph_format.space_after = Pt(0)
            align = block.align[c] if c < len(block.align) else "left"
            paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if r == 0 else
                                   WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT)
            if r == 0:
                ooxml.add_text(paragraph, "".join(x.text for x in cell_runs), bold=True)
            else:
                _runs(paragraph, cell_runs, footnotes, document.references)
            for element in paragraph._p.iter(ooxml.qn("w:r")):
                rpr = element.get_or_add_rPr()
                for old in rpr.findall(ooxml.qn("w:sz")):
                    rpr.remove(old)
                size = ooxml.OxmlElement("w:sz")
                size.set(ooxml.qn("w:val"), "22")  # 11 pt, citations included
                rpr.append(size)
    word.add_paragraph()


def _fit(text: str, limit: int = 255) -> str:
    """Return text within Word's 255-character limit on core properties."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _properties(word: docx.document.Document, document: Document, author: str, built: _dt.date) -> None:
    props = word.core_properties
    moment = _dt.datetime(built.year, built.month, built.day, tzinfo=_dt.UTC)
    props.title = _fit(document.title)
    props.subject = _fit(document.subject)
    props.keywords = _fit(", ".join(document.keywords))
    props.author = _fit(author)
    props.last_modified_by = _fit(author)
    props.comments = "briefgen"
    props.category = ""
    props.created = moment
    props.modified = moment
    props.revision = 1
