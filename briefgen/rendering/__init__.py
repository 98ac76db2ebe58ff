"""Rendering: a pack becomes Markdown through its template, the Markdown a document tree,
and the tree a PDF, a DOCX or the Markdown a person reads.

:func:`render_formats` is the one entry point. The modules: :mod:`.templating` (Jinja2),
:mod:`.doctree` (the parsed document), :mod:`.markdown`, :mod:`.pdf`, :mod:`.docx` (with
:mod:`.ooxml` and :mod:`.layout`), :mod:`.chart` (a chart's one drawing, for the PDF, the
DOCX and SVG). The renderers take the document tree and nothing else.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..errors import UsageError
from ..model import FORMATS, Pack, Taxonomy


def render_formats(pack: Pack, config: Config, taxonomy: Taxonomy, formats: list[str], lang: str = "vi",
                   template: Path | None = None, reference_docx: Path | None = None,
                   notes: list[str] | None = None) -> dict[str, bytes]:
    """Return a pack rendered in each format; the template and the document tree are made once.
    What a renderer could not do (the Word contents without page numbers) is added to *notes*."""
    # Imported here: a renderer loads only when asked for (reportlab for a PDF, python-docx for
    # a DOCX), and importing one module of this package (ooxml, for verify) loads no other.
    from . import templating
    from .doctree import build, charts

    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise UsageError(f"format '{unknown[0]}' is not available (known: {', '.join(FORMATS)})")
    markdown = templating.markdown(pack, config, taxonomy, lang, template)
    labels = {t.id: t.label(lang) for t in taxonomy.themes}
    result = {}
    if "md" in formats:
        from .markdown import readable

        result["md"] = readable(markdown, charts(pack, labels)).encode("utf-8")
    if {"pdf", "docx"} & set(formats):
        document = build(markdown, pack, labels)
        author = config.author or config.issuer
        if "pdf" in formats:
            from .pdf import render as render_pdf
            result["pdf"] = render_pdf(document, author, config.build_date)
        if "docx" in formats:
            from .docx import render as render_docx
            result["docx"] = render_docx(document, author, config.build_date, reference_docx, notes,
                                         page_numbers=config.docx_pages)
    return {fmt: result[fmt] for fmt in formats}


def default_template_text(config: Config, kind: str) -> str:
    """Return the text of the template a pack of *kind* ("year", "theme", "topic") is written
    with when none is given: the project's copy in its templates folder, else briefgen's."""
    from . import templating

    return templating.default_template(config.templates, templating.TEMPLATE_NAMES[kind])[0]
