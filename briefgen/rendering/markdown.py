"""The Markdown renderer: the pack's Markdown as a person reads it, and the escaping the
templates use. Source text is data, so every character Markdown would read as markup is
escaped (a passage holding ``*``, ``#``, ``[1]`` or ``<script>`` comes out literally).
"""

from __future__ import annotations

import re

from ..text import plain_number
from .doctree import Chart, block_settings, number_line, recipients

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
# A line opening with -, + or = may be a list item, a thematic break (``---``) or a setext
# underline whatever follows it, so that character is always escaped; a number is a list
# marker only when a space or the line's end follows its ``.`` or ``)``.
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)])(?=\s|$))", re.MULTILINE)


def escape(text: str) -> str:
    """Return *text* with every Markdown-active character escaped (source text is never markup)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)),
                           text)


# -- the Markdown pack a person reads --------------------------------------------------------

_BLOCK = re.compile(r"^(?P<fence>`{3,}|~{3,})briefgen-(?P<name>[\w-]+)[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*(?:\n|\Z)",
                    re.MULTILINE | re.DOTALL)
_FENCE_LINE = re.compile(r"^(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{2,3}) +(.+?) *#* *$")


def _headings(markdown: str) -> list[tuple[int, str]]:
    """Return the level-2 and level-3 headings outside fenced blocks, as written (escaped)."""
    found, fence = [], ""
    for line in markdown.splitlines():
        opener = _FENCE_LINE.match(line)
        if opener and (not fence or opener.group(1).startswith(fence)):
            fence = "" if fence else opener.group(1)
            continue
        heading = None if fence else _HEADING.match(line)
        if heading:
            found.append((len(heading.group(1)), heading.group(2)))
    return found


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def readable(markdown: str, charts: dict[str, Chart] | None = None) -> str:
    """Return a pack's Markdown as a person reads it: the cover as front matter and plain
    lines, the contents as a list of the headings, a chart as a table (or left out when it
    has no data), and the references block dropped (the footnotes are the references).

    The fenced ``briefgen-…`` blocks are what the PDF and DOCX renderers place; a Markdown
    reader or renderer would show them as code."""
    headings = _headings(markdown)
    front = ""

    def replace(match: re.Match[str]) -> str:
        nonlocal front
        name, data = match.group("name"), block_settings(match.group("body"))
        if name == "cover":
            keys = [k for k in ("title", "kind", "issuer", "place_date") if data.get(k)]
            front = "---\n" + "".join(f"{k}: {_yaml(data[k])}\n" for k in keys) + "---\n\n"
            number = number_line(data)
            lines = [f"**{escape(data['draft'])}**" if data.get("draft") else "",
                     escape(data["parent"]) if data.get("parent") else "",
                     f"**{escape(data['issuer'])}**" if data.get("issuer") else "",
                     escape(number) if number else "",
                     f"*{escape(data['place_date'])}*" if data.get("place_date") else "",
                     f"**{escape(data['kind'])}**" if data.get("kind") else "",
                     f"# {escape(data['title'])}" if data.get("title") else ""]
            return "\n\n".join(line for line in lines if line) + "\n"
        if name == "signature":
            lines = recipients(data)
            signer = [f"**{escape(data[k].upper())}**" for k in ("authority", "signer_title") if data.get(k)]
            signer += [f"**{escape(data['signer_name'])}**"] if data.get("signer_name") else []
            left = (f"***{escape(data.get('recipients_label', 'Nơi nhận:'))}***\\\n"
                    + "\\\n".join(escape(line) for line in lines) + "\n\n") if lines else ""
            return left + ("\\\n".join(signer) + "\n" if signer else "")
        if name == "toc":
            items = [("  " if level == 3 else "") + f"- {text}" for level, text in headings]
            title = f"**{escape(data['title'])}**\n\n" if data.get("title") else ""
            return title + "\n".join(items) + "\n" if items else ""
        if name == "chart":
            chart = (charts or {}).get(data.get("kind", ""))
            if chart is None or not chart.labels:
                return ""
            title, labels, values = chart.title, chart.labels, chart.values
            caption = data.get("title") or title
            rows = "".join(f"| {escape(label or data.get('other', ''))} | {plain_number(value)} |\n"
                           for label, value in zip(labels, values, strict=True))
            head = f"*{escape(caption)}*\n\n" if caption else ""
            return head + "| | |\n|---|---:|\n" + rows
        return ""

    body = _BLOCK.sub(replace, markdown)
    body = re.sub(r"\n{3,}", "\n\n", body).lstrip("\n")
    return front + body
