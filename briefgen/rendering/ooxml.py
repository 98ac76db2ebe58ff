"""The WordprocessingML python-docx has no API for: bookmarks, hyperlinks, fields (TOC,
PAGE), native footnotes, every font slot, and a reproducible package.

All hand-written OOXML of the DOCX renderer lives here, so the renderer itself only calls
small functions; the package around it (parts, relationships, the zip) is
:mod:`.ooxml_package`. Text always goes into ``w:t`` elements through lxml, which escapes it.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# The separator (-1) and continuation separator (0) notes, as Word writes them.
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def set_fonts(rpr: Any, font: str) -> None:
    """Set every font slot (ascii, hAnsi, cs, eastAsia) of a run-properties element to *font*,
    removing the theme attributes that would otherwise win in Word."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)


def set_colour_black(rpr: Any) -> None:
    """Replace a theme colour with plain black."""
    for colour in rpr.findall(qn("w:color")):
        rpr.remove(colour)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "000000")
    rpr.append(colour)


def style_fonts(style: BaseStyle, font: str) -> None:
    """Make a style use *font* in every slot, in black."""
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, font)
    set_colour_black(rpr)


def default_fonts(document: DocxDocument, font: str) -> None:
    """Set the document defaults (``w:docDefaults``) to *font* in every slot."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    set_fonts(rpr, font)


def _val(tag: str, value: str) -> Any:
    """Return an element with a ``w:val`` attribute (``<w:rStyle w:val="Hyperlink"/>``)."""
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


def _props(tag: str, *children: Any) -> Any:
    """Return a properties element (``w:rPr``, ``w:pPr``) holding *children*."""
    element = OxmlElement(tag)
    for child in children:
        element.append(child)
    return element


def _run(text: str, props: dict[str, Any] | None = None) -> Any:
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    for key, value in (props or {}).items():
        if key == "style":
            rpr.append(_val("w:rStyle", value))
        elif key in ("bold", "italic") and value:
            rpr.append(OxmlElement("w:b" if key == "bold" else "w:i"))
        elif key == "superscript" and value:
            rpr.append(_val("w:vertAlign", "superscript"))
    if len(rpr):
        run.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def add_text(paragraph: Paragraph, text: str, **props: Any) -> None:
    """Append a run of text (bold/italic/style/superscript) to a paragraph."""
    paragraph._p.append(_run(text, props))


_BOOKMARK_ID = {"next": 1}


def reset_ids() -> None:
    """Restart bookmark numbering (one document at a time, so output is deterministic)."""
    _BOOKMARK_ID["next"] = 1


def _bookmark_pair(name: str) -> tuple[Any, Any]:
    """Return a new bookmark's start and end elements, numbered in the document's series."""
    number = str(_BOOKMARK_ID["next"])
    _BOOKMARK_ID["next"] += 1
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), number)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), number)
    return start, end


def add_bookmark(paragraph: Paragraph | Any, name: str) -> None:
    """Wrap the paragraph's content in a bookmark called *name* (a paragraph or its ``w:p``)."""
    if not isinstance(paragraph, Paragraph):
        paragraph = Paragraph(paragraph, None)  # type: ignore[arg-type]  # only its element is used
    start, end = _bookmark_pair(name)
    ppr = paragraph._p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def bookmark_last_note_mark(paragraph: Paragraph, name: str) -> None:
    """Wrap the paragraph's last footnote reference mark in a bookmark called *name* (deleting
    the mark deletes the bookmark with it; moving the paragraph moves both)."""
    marks = [r for r in paragraph._p.iter(qn("w:r")) if r.find(qn("w:footnoteReference")) is not None]
    if not marks:
        return
    start, end = _bookmark_pair(name)
    marks[-1].addprevious(start)
    marks[-1].addnext(end)


def italic_style(style: Any) -> None:
    """Make a style element (from :func:`add_style`) italic."""
    rpr = style.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        style.append(rpr)
    rpr.append(OxmlElement("w:i"))


def add_internal_link(paragraph: Paragraph, text: str, anchor: str, **props: Any) -> Any:
    """Append a hyperlink to a bookmark of this document."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    link.append(_run(text, props))
    paragraph._p.append(link)
    return link


def add_external_link(paragraph: Paragraph, text: str, url: str, part: Part | None = None, **props: Any) -> None:
    """Append a hyperlink to a web address (a relationship of *part*, by default the part the
    paragraph is in)."""
    rel_id = (part or paragraph.part).relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", nsdecls={"w": W_NS, "r": R_NS})  # "r:id", not a made-up "ns0:id"
    link.set(qn("r:id"), rel_id)
    link.set(qn("w:history"), "1")
    link.append(_run(text, {"style": "Hyperlink", **props}))
    paragraph._p.append(link)


def _field_char(kind: str) -> Any:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _instr(code: str) -> Any:
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    run.append(instr)
    return run


def add_simple_field(paragraph: Paragraph, code: str, cached: str) -> None:
    """Append a field (``PAGE``) with a cached result."""
    paragraph._p.append(_field_char("begin"))
    paragraph._p.append(_instr(code))
    paragraph._p.append(_field_char("separate"))
    paragraph._p.append(_run(cached))
    paragraph._p.append(_field_char("end"))


def begin_toc(paragraph: Paragraph) -> None:
    """Open a ``TOC \\o "1-3" \\h \\z \\u`` field in the first entry's paragraph; the entries
    written after it are the field's cached result, shown before any update."""
    paragraph._p.append(_field_char("begin"))
    paragraph._p.append(_instr('TOC \\o "1-3" \\h \\z \\u'))
    paragraph._p.append(_field_char("separate"))


def end_toc(paragraph: Paragraph) -> None:
    """Close the TOC field at the end of the last entry's paragraph."""
    paragraph._p.append(_field_char("end"))


def add_style(document: DocxDocument, style_id: str, name: str, kind: str = "paragraph",
              based_on: str | None = None) -> Any:
    """Return a style by id, adding it (with *name*) when the template lacks it."""
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return style
    style = _props("w:style", _val("w:name", name), *([_val("w:basedOn", based_on)] if based_on else []),
                   _val("w:uiPriority", "99"), OxmlElement("w:unhideWhenUsed"))
    style.set(qn("w:type"), kind)
    style.set(qn("w:styleId"), style_id)
    styles.append(style)
    return style


def _reference_run(mark: Any) -> Any:
    """Return a run in the FootnoteReference style holding *mark* (a reference or the note's own number)."""
    run = OxmlElement("w:r")
    run.append(_props("w:rPr", _val("w:rStyle", "FootnoteReference")))
    run.append(mark)
    return run


class Footnotes:
    """Native Word footnotes: a ``word/footnotes.xml`` part (a reference DOCX's own, emptied, or a
    new one) made at the start, so that a note's links are relationships of the notes part."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.notes: list[Any] = []
        self.part: Part | None = None
        for rel in list(document.part.rels.values()):
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                self.part = rel.target_part  # a reference DOCX's own notes part: emptied and refilled
                self.part.rels.clear()  # its old links (a dict of relationships)
                self.part.rels._target_parts_by_rId.clear()
                break
        if self.part is None:
            self.part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, b"", document.part.package)
            document.part.relate_to(self.part, RT.FOOTNOTES)

    def add(self, paragraph: Paragraph) -> Any:
        """Append a footnote reference to *paragraph*; return the note's paragraph element to fill."""
        number = len(self.notes) + 1
        mark = OxmlElement("w:footnoteReference")
        mark.set(qn("w:id"), str(number))
        paragraph._p.append(_reference_run(mark))
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(number))
        p = OxmlElement("w:p")
        p.append(_props("w:pPr", _val("w:pStyle", "FootnoteText")))
        p.append(_reference_run(OxmlElement("w:footnoteRef")))
        p.append(_run(" "))
        note.append(p)
        self.notes.append(note)
        return p

    def finish(self) -> None:
        """Write the notes into their part."""
        from lxml import etree

        body = "".join(etree.tostring(n, encoding="unicode") for n in self.notes)
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
               f"{_SEPARATORS}{body}</w:footnotes>")
        assert self.part is not None
        if hasattr(self.part, "_element"):  # an XmlPart (a python-docx that knows footnotes)
            from docx.oxml.parser import parse_xml

            self.part._element = parse_xml(xml.encode("utf-8"))
        else:
            self.part._blob = xml.encode("utf-8")


def table_rows(table: Any, header: bool) -> None:
    """Keep each row of a table on one page, and repeat the first row on every page when *header*."""
    for n, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if header and n == 0:
            trpr.append(OxmlElement("w:tblHeader"))


def no_borders(table: Any) -> None:
    """Draw no lines in a table (the first page's and the signature's layout tables)."""
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_val(f"w:{side}", "nil"))
    tblpr.append(borders)


def box(paragraph: Paragraph) -> None:
    """Draw a frame round a paragraph (the "DỰ THẢO" mark)."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "2"), ("w:color", "000000")):
            line.set(qn(key), value)
        border.append(line)
    ppr.append(border)


def update_fields_on_open(document: DocxDocument) -> None:
    """Ask Word to update the fields (the contents' page numbers) when the file is opened."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    settings.append(_val("w:updateFields", "true"))


def right_tab(paragraph: Paragraph, position_twips: int) -> None:
    """Give a paragraph a right-aligned tab stop with a dotted leader (a contents entry's page number)."""
    ppr = paragraph._p.get_or_add_pPr()
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    for key, value in (("w:val", "right"), ("w:leader", "dot"), ("w:pos", str(position_twips))):
        tab.set(qn(key), value)
    tabs.append(tab)
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, tabs)


def add_tab(element: Any, text: str) -> None:
    """Append a tab and *text* to a paragraph or hyperlink element."""
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    element.append(run)
    element.append(_run(text))
