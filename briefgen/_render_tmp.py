"""TEMPORARY (issue 15, until the render/ package lands): the render entry the wiring calls."""

from __future__ import annotations

from pathlib import Path

from . import templating
from .config import Config
from .errors import UsageError
from .model import FORMATS, Pack, Taxonomy


def default_template_text(config: Config, kind: str) -> str:
    """Return the text of the template a pack of *kind* uses when none is given."""
    return templating.default_template(config.templates, templating.TEMPLATE_NAMES[kind])[0]


def render_formats(pack: Pack, config: Config, themes: Taxonomy, formats: list[str], lang: str = "vi",
                   template: Path | None = None, reference_docx: Path | None = None,
                   notes: list[str] | None = None) -> dict[str, bytes]:
    """Return a pack rendered in each format; the template and the document tree are made once."""
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise UsageError(f"format '{unknown[0]}' is not available (known: {', '.join(FORMATS)})")
    markdown = templating.markdown(pack, config, themes, lang, template)
    result = {}
    if "md" in formats:
        from .doctree import charts
        from .render_md import readable

        labels = {t.id: t.label(lang) for t in themes.themes}
        drawn = {k: (c.title, c.labels, c.values) for k, c in charts(pack, labels).items()}
        result["md"] = readable(markdown, drawn).encode("utf-8")
    if {"pdf", "docx"} & set(formats):
        from .doctree import build

        document = build(markdown, pack, {t.id: t.label(lang) for t in themes.themes})
        author = config.author or config.issuer
        if "pdf" in formats:
            from .render_pdf import render as render_pdf
            result["pdf"] = render_pdf(document, author, templating.build_date())
        if "docx" in formats:
            from .render_docx import render as render_docx
            result["docx"] = render_docx(document, author, templating.build_date(), reference_docx, notes)
    return {fmt: result[fmt] for fmt in formats}
