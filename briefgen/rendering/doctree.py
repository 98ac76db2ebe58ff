"""The document tree both renderers walk: the template's Markdown, parsed once.

markdown-it-py (CommonMark with tables and footnotes) reads the Markdown; this module turns
its tokens into a short list of blocks (cover, contents, headings, paragraphs, list items,
tables, charts, the reference list) made of styled runs. The PDF and the DOCX therefore
have the same structure, the same wording and the same citation numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..model import Pack

BlockKind = Literal["cover", "toc", "heading", "paragraph", "bullet", "table", "chart", "references", "signature"]


@dataclass(frozen=True)
class Run:
    """A piece of inline text with its style; a citation or a link when `cite`/`link` is set."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    cite: int | None = None  # the reference number this marker points to


@dataclass(frozen=True)
class Block:
    """One block of the document."""

    kind: BlockKind
    runs: tuple[Run, ...] = ()
    level: int = 0  # heading level, 1 = a main section
    anchor: str | None = None  # a heading's bookmark name
    rows: tuple[tuple[tuple[Run, ...], ...], ...] = ()  # a table: the header row first
    align: tuple[str, ...] = ()  # per column: "left", "right", "center"
    data: dict[str, str] = field(default_factory=dict)  # cover, chart and signature settings; a quoted
    # paragraph's "passages" ("source_id:passage ...", the passages its text is taken from)


@dataclass(frozen=True)
class Chart:
    """A bar chart: labels and values, with a title."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]

    def largest(self, limit: int) -> Chart:
        """Return the chart with only its *limit* largest bars, in their order."""
        if len(self.values) <= limit:
            return self
        keep = set(sorted(range(len(self.values)), key=lambda i: (-self.values[i], i))[:limit])
        return Chart(self.title, tuple(x for i, x in enumerate(self.labels) if i in keep),
                     tuple(x for i, x in enumerate(self.values) if i in keep))


@dataclass(frozen=True)
class Document:
    """A pack ready to lay out."""

    blocks: tuple[Block, ...]
    references: dict[int, tuple[Run, ...]]
    title: str
    subject: str
    keywords: tuple[str, ...]
    charts: dict[str, Chart]

    def chart(self, kind: str, other: str = "—") -> Chart | None:
        """Return the chart of this kind, with unlabelled bars named *other*."""
        chart = self.charts.get(kind)
        if chart is None:
            return None
        return Chart(chart.title, tuple(label or other for label in chart.labels), chart.values)

    def text(self, block: Block) -> str:
        """Return the plain text of a block's runs."""
        return "".join(r.text for r in block.runs)

    @property
    def headings(self) -> list[Block]:
        """Return the headings, in order."""
        return [b for b in self.blocks if b.kind == "heading"]


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)


def _runs(token: Token) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    link: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind == "text":
            runs.append(Run(child.content, bold > 0, italic > 0, link=link[-1] if link else None))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0))
        elif kind == "code_inline":
            runs.append(Run(child.content, bold > 0, italic > 0, code=True))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            link.append(str(child.attrs.get("href", "")))
        elif kind == "link_close" and link:
            link.pop()
        elif kind == "footnote_ref":
            number = int(child.meta["label"]) if str(child.meta.get("label", "")).isdigit() else 0
            runs.append(Run(f"[{number}]", cite=number))
    return _merge(runs)


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if merged and run.cite is None and merged[-1].cite is None and \
                (run.bold, run.italic, run.code, run.link) == (merged[-1].bold, merged[-1].italic,
                                                               merged[-1].code, merged[-1].link):
            last = merged.pop()
            run = Run(last.text + run.text, run.bold, run.italic, run.code, run.link)
        merged.append(run)
    return tuple(merged)


def _anchor(text: str, seen: Counter[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", text.lower().encode("ascii", "ignore").decode()).strip("_")[:30] or "h"
    seen[base] += 1
    return f"_bg_{base}_{seen[base]}"


def build(markdown: str, pack: Pack, theme_labels: dict[str, str]) -> Document:
    """Return the document tree of a pack's Markdown."""
    tokens = _parser().parse(markdown)
    blocks: list[Block] = []
    references: dict[int, tuple[Run, ...]] = {}
    seen: Counter[str] = Counter()
    quoted = _quoted(pack)
    i = 0
    in_list = 0
    footnote: int | None = None
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            runs = _runs(tokens[i + 1])
            level = max(1, int(token.tag[1]) - 1)
            blocks.append(Block("heading", runs, level=level, anchor=_anchor("".join(r.text for r in runs), seen)))
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
        elif kind == "footnote_open":
            footnote = int(token.meta["label"]) if str(token.meta.get("label", "")).isdigit() else None
        elif kind == "footnote_close":
            footnote = None
        elif kind == "inline" and footnote is not None:
            references[footnote] = references.get(footnote, ()) + _runs(token)
        elif kind == "inline":
            runs = _runs(token)
            said = " ".join("".join(r.text for r in runs if r.cite is None).split())
            # A template may follow the quote with words of its own in brackets ("(xem điểm chính 2)").
            found = quoted.get(said) or quoted.get(_TEMPLATE_NOTE.sub("", said))
            blocks.append(Block("bullet" if in_list else "paragraph", runs,
                                data={"passages": found} if found and any(r.cite for r in runs) else {}))
        elif kind == "fence" and token.info.startswith("briefgen-"):
            name = token.info.removeprefix("briefgen-").strip()
            if name in ("cover", "toc", "chart", "references", "signature"):
                blocks.append(Block(name, data=block_settings(token.content)))  # type: ignore[arg-type]
        elif kind in ("fence", "code_block"):
            blocks.append(Block("paragraph", (Run(token.content.rstrip("\n"), code=True),)))
        elif kind == "table_open":
            i, table = _table(tokens, i)
            blocks.append(table)
            continue
        i += 1
    cover = next((b.data for b in blocks if b.kind == "cover"), {})
    title = cover.get("title") or pack.title_vi
    keywords = tuple(dict.fromkeys(["briefgen", pack.kind, pack.scope,
                                    *(theme_labels.get(t, t) for t in _pack_themes(pack))]))
    return Document(blocks=tuple(blocks), references=references, title=title,
                    subject=f"{cover.get('kind', '')} {title}".strip(), keywords=keywords,
                    charts=charts(pack, theme_labels))


_TEMPLATE_NOTE = re.compile(r"\s*\([^()]*\)$")


def _quoted(pack: Pack) -> dict[str, str]:
    """Return the pack's quoted texts (one line) and the passages each is taken from ("sid:n ...")."""
    found: dict[str, str] = {}
    stack = list(pack.sections)
    while stack:
        section = stack.pop()
        stack.extend(section.sections)
        for item in section.items:
            ids = dict.fromkeys([f"{item.source_id}:{item.passage}", *(f"{c.source_id}:{c.passage}"
                                                                       for c in item.citations)])
            found.setdefault(" ".join(item.text.split()), " ".join(ids))
    return found


def block_settings(body: str) -> dict[str, str]:
    """Return the ``key: value`` lines of a fenced ``briefgen-…`` block."""
    data = {}
    for line in body.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            data[key.strip()] = value.strip()
    return data


def number_line(data: dict[str, str]) -> str:
    """Return the cover's number-and-symbol line ("Số: 12/BC-BNG"), or "" when neither is set."""
    number, symbol = data.get("number", ""), data.get("symbol", "")
    if not number and not symbol:
        return ""
    kind = data.get("kind_abbr", "")
    code = "-".join(x for x in (kind, symbol) if x)
    label = data.get("number_label") or "Số"
    return f"{label}: {number or chr(0xA0) * 6}/{code}" if code else f"{label}: {number}"


def recipients(data: dict[str, str]) -> list[str]:
    """Return a signature block's "Nơi nhận:" lines, each opened by a dash, the last closed by a full stop."""
    lines = [data[k] for k in sorted((k for k in data if k.startswith("recipient") and k[9:].isdigit()),
                                     key=lambda k: int(k[9:])) if data[k]]
    out = []
    for n, line in enumerate(lines):
        text = line if line.startswith(("-", "–")) else "- " + line
        if text[-1] not in ".;:,":
            text += "." if n == len(lines) - 1 else ";"
        out.append(text)
    return out


def _table(tokens: list[Token], i: int) -> tuple[int, Block]:
    rows: list[tuple[tuple[Run, ...], ...]] = []
    align: list[str] = []
    row: list[tuple[Run, ...]] = []
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(tuple(row))
        elif token.type in ("th_open", "td_open"):
            style = str(token.attrs.get("style", ""))
            if token.type == "th_open":
                align.append("right" if "right" in style else "center" if "center" in style else "left")
        elif token.type == "inline":
            row.append(_runs(token))
        i += 1
    return i + 1, Block("table", rows=tuple(rows), align=tuple(align))


def _pack_themes(pack: Pack) -> list[str]:
    if pack.theme is not None:
        return [pack.theme.id]
    results = next((s for s in pack.sections if s.key == "results"), None)
    return [s.theme for s in results.sections if s.theme] if results else []


def charts(pack: Pack, theme_labels: dict[str, str]) -> dict[str, Chart]:
    """Return the charts a pack's template can place, by kind: ``measure_by_year``, the values
    of one measure across the years of the key figures (the measure the assembler found, one
    figure per year, three years at least), or no chart. A count of the pack's own passages is
    never charted."""
    figures = next((s.figures for s in pack.sections if s.key == "key_figures"), ())
    measures: dict[str, dict[int, float]] = {}
    for row in figures:
        if row.measure is not None and row.year is not None:
            measures.setdefault(row.measure, {}).setdefault(row.year, row.value)  # a year's first (strongest) figure
    best = max(measures.items(), key=lambda kv: (len(kv[1]), kv[0]), default=None)
    if best is None or len(best[1]) < 3:
        return {}
    measure, by_year = best
    years = sorted(by_year)
    scale, word = max(((1e9, "tỷ"), (1e6, "triệu"), (1.0, "")), key=lambda sw: (min(by_year.values()) >= sw[0],
                                                                               sw[0]))
    values = tuple(round(by_year[y] / scale, 2) for y in years)
    name, _, unit = measure.rstrip(")").rpartition(" (")
    title = f"{name[:1].upper()}{name[1:]} ({word + ' ' if word else ''}{unit}, {years[0]}–{years[-1]})"
    return {"measure_by_year": Chart(title, tuple(str(y) for y in years), values)}
