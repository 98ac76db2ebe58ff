"""Markdown rendering of a pack: the selection as plain text, to read and to test.

Source text is data: every character Markdown would read as markup is escaped, so a
passage holding ``*``, ``#``, ``[1]`` or ``<script>`` comes out literally.
"""

from __future__ import annotations

import re

from .pack import Citation, FigureRow, Item, Pack, Reference, Section
from .themes import Taxonomy

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "kind_year": "BÁO CÁO TỔNG HỢP", "kind_theme": "BÁO CÁO CHUYÊN ĐỀ", "kind_topic": "BÁO CÁO CHUYÊN ĐỀ",
        "key_points": "Những điểm chính", "key_figures": "Số liệu chính", "results": "Kết quả năm {year} theo lĩnh vực",
        "tasks_set": "Nhiệm vụ đã đề ra cho năm {year}", "tasks_next": "Nhiệm vụ đề ra cho năm {year}",
        "people": "Nhân vật được nhắc đến", "references": "Tài liệu tham khảo", "by_year": "Diễn biến theo năm",
        "other": "Nội dung khác", "no_year": "Không rõ năm", "figure": "Số liệu", "value": "Giá trị",
        "unit": "Đơn vị", "year": "Năm", "source": "Nguồn", "none": "Không có nội dung nào trong nguồn.",
        "empty": "Không có nội dung phù hợp", "file": "tệp", "date_inferred": "suy đoán",
        "date_unknown": "không rõ ngày",
        "scope": "Phạm vi",
    },
    "en": {
        "kind_year": "SUMMARY REPORT", "kind_theme": "THEMATIC REPORT", "kind_topic": "THEMATIC REPORT",
        "key_points": "Key points", "key_figures": "Key figures", "results": "Results of {year} by theme",
        "tasks_set": "Tasks that had been set for {year}", "tasks_next": "Tasks set for {year}",
        "people": "People mentioned", "references": "References", "by_year": "Year by year",
        "other": "Other", "no_year": "Year unknown", "figure": "Figure", "value": "Value", "unit": "Unit",
        "year": "Year", "source": "Source", "none": "Nothing in the sources.", "empty": "Nothing relevant found",
        "file": "file", "date_inferred": "inferred", "date_unknown": "date unknown", "scope": "Scope",
    },
}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))(?=\s|$)", re.MULTILINE)


def escape(text: str) -> str:
    """Return *text* with every Markdown-active character escaped (source text is never markup)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)),
                           text)


def _cite(citations: tuple[Citation, ...]) -> str:
    numbers = sorted({c.number for c in citations})
    return "".join(f"[^{n}]" for n in numbers)


def _value(row: FigureRow) -> str:
    value = int(row.value) if float(row.value).is_integer() else row.value
    return f"{value:,}".replace(",", " ") if isinstance(value, int) else str(value)


def _items(items: tuple[Item, ...], lines: list[str], bullet: bool = False) -> None:
    for item in items:
        text = escape(item.text) + " " + _cite(item.citations)
        lines.append(f"- {text}" if bullet else text)
        if not bullet:
            lines.append("")


def _reference(ref: Reference, labels: dict[str, str]) -> str:
    parts = []
    if ref.author:
        parts.append(escape(ref.author))
    parts.append(f"*{escape(ref.title)}*" if ref.title else escape(ref.source_id))
    if ref.outlet:
        parts.append(escape(ref.outlet))
    if ref.published:
        date = ref.published
        if ref.published_certainty == "inferred":
            date += f" ({labels['date_inferred']})"
        parts.append(date)
    else:
        parts.append(labels["date_unknown"])
    if ref.url:
        parts.append(f"<{ref.url}>" if " " not in ref.url and ">" not in ref.url else escape(ref.url))
    parts.append(f"{labels['file']} `{ref.path.replace('`', '')}`")
    return ", ".join(parts) + "."


def render(pack: Pack, taxonomy: Taxonomy, lang: str = "vi") -> str:
    """Return the pack as Markdown in *lang* ("vi" or "en"; passages stay as written)."""
    labels = LABELS["en" if lang == "en" else "vi"]
    title = pack.title_en if lang == "en" else pack.title_vi
    lines = [f"# {labels['kind_' + pack.kind]}", "", f"**{escape(title)}**", ""]
    if pack.empty:
        lines += [f"## {labels['empty']}", "", escape(pack.note or labels["none"]), ""]
        return "\n".join(lines)
    for section in pack.sections:
        _section(section, pack, taxonomy, labels, lines, level=2)
    lines += [f"## {labels['references']}", ""]
    for ref in pack.references:
        lines.append(f"[^{ref.number}]: {_reference(ref, labels)}")
    lines.append("")
    return "\n".join(lines)


def _heading(section: Section, pack: Pack, taxonomy: Taxonomy, labels: dict[str, str]) -> str:
    if section.key == "group":
        theme = taxonomy.get(section.theme) if section.theme else None
        if theme is not None:
            return escape(theme.label("en" if labels is LABELS["en"] else "vi"))
        if section.year is not None:
            return str(section.year)
        return labels["other"] if pack.kind == "year" else labels["no_year"]
    return labels[section.key].format(year=section.year if section.year is not None else pack.year)


def _section(section: Section, pack: Pack, taxonomy: Taxonomy, labels: dict[str, str], lines: list[str],
             level: int) -> None:
    lines += [f"{'#' * level} {_heading(section, pack, taxonomy, labels)}", ""]
    if section.key == "key_figures":
        if not section.figures:
            lines += [labels["none"], ""]
            return
        header = (labels["figure"], labels["value"], labels["unit"], labels["year"], labels["source"])
        lines += ["| " + " | ".join(header) + " |", "|---|---:|---|---|---|"]
        for row in section.figures:
            lines.append(f"| {escape(row.text)} | {_value(row)} | {escape(row.unit or '')} | {row.year or ''} | "
                         f"{_cite(row.citations)} |")
        lines.append("")
        return
    if section.key == "people":
        if not section.people:
            lines += [labels["none"], ""]
            return
        for person in section.people:
            title = f", {escape(person.title)}" if person.title else ""
            lines.append(f"- **{escape(person.name)}**{title} {_cite(person.citations)}")
        lines.append("")
        return
    if section.sections:
        for sub in section.sections:
            _section(sub, pack, taxonomy, labels, lines, level + 1)
        return
    if not section.items:
        lines += [labels["none"], ""]
        return
    _items(section.items, lines, bullet=section.key in ("key_points", "tasks_set", "tasks_next"))
    if lines[-1] != "":
        lines.append("")
