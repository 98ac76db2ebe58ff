"""The DOCX renderer (python-docx): an editable Word draft with real styles.

Title, Heading 1-3, List Bullet, Caption and Table Grid are Word's built-in styles, set to
black Times New Roman in every font slot (:mod:`.docx_styles`). The first and last page
follow Decree 30 (issuer, number and symbol, motto; recipients and signature:
:mod:`.docx_form`). The contents are a TOC field whose entries are already written (and
linked to bookmarks on the headings), with page numbers where LibreOffice could lay the
draft out (:mod:`.layout`). Citations are native footnotes whose text is the reference
itself, so Word's note numbers are the only ones; the reference list is unnumbered and
sorted. What `briefgen verify` needs is carried invisibly: hidden bookmarks on each quoted
paragraph's note and a custom XML part (:mod:`.docx_checks`). Hand-written OOXML lives in
:mod:`.ooxml` and :mod:`.ooxml_package`.
"""

from __future__ import annotations

import datetime as _dt
import io
import unicodedata
from pathlib import Path
from typing import Any

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Length, Mm, Pt
from docx.text.paragraph import Paragraph

from . import ooxml, ooxml_package
from .doctree import Block, Document, Run
from .docx_checks import VERIFY_NS, Checks
from .docx_form import cover, signature
from .docx_styles import centred, editor_styles, page_numbers, page_setup, setup_styles, style


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


def _toc(document: docx.document.Document, data: dict[str, str], headings: list[Block], doc: Document,
         pages: dict[str, int] | None) -> None:
    """The contents: a TOC field whose cached result is the entries, linked to the headings,
    each with its page number when *pages* (from a LibreOffice layout) gives it."""
    title = document.add_paragraph()
    centred(title)
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
    word = ooxml_package.open_reference(reference_docx) if reference_docx else docx.Document()
    if reference_docx:
        body = word.element.body
        for child in list(body):
            if child.tag != ooxml.qn("w:sectPr"):
                body.remove(child)
    setup_styles(word, own_styles=reference_docx is None)
    editor_styles(word)
    if reference_docx is None:
        page_setup(word)
        page_numbers(word)
    footnotes = ooxml.Footnotes(word)
    checks = Checks()
    headings = [b for b in document.blocks if b.kind == "heading"]
    for block in document.blocks:
        _block(word, block, document, footnotes, headings, checks, pages)
    footnotes.finish()
    ooxml_package.set_custom_xml(word, VERIFY_NS, checks.xml(word), "{6B1E3C52-5C3B-4F2A-9D0E-B71E6E0A2F17}")
    ooxml.update_fields_on_open(word)
    ooxml_package.set_thumbnail(word, thumbnail)
    _properties(word, document, author, built)
    buffer = io.BytesIO()
    word.save(buffer)
    return ooxml_package.reproducible(buffer.getvalue())


def _block(word: docx.document.Document, block: Block, document: Document, footnotes: ooxml.Footnotes,
           headings: list[Block], checks: Checks, pages: dict[str, int] | None) -> None:
    if block.kind == "cover":
        cover(word, block.data)
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
        from .chart import PICTURE_WIDTH  # reportlab's graphics: loaded for a chart only
        from .chart import png as chart_png

        chart = document.chart(block.data.get("kind", ""), block.data.get("other", "—"))
        png = chart_png(chart) if chart else None
        if png:
            picture = word.add_paragraph()
            centred(picture)
            picture.paragraph_format.keep_with_next = True
            picture.add_run().add_picture(io.BytesIO(png), width=Pt(PICTURE_WIDTH))
            caption = word.add_paragraph(style=style(word, "Caption"))
            ooxml.add_text(caption, block.data.get("title") or (chart.title if chart else ""))
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
        signature(word, block.data)


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
