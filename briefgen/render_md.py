"""Markdown escaping: source text is data, so every character Markdown would read as markup
is escaped (a passage holding ``*``, ``#``, ``[1]`` or ``<script>`` comes out literally).
"""

from __future__ import annotations

import re

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
