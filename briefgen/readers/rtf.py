"""Rich Text Format sources (.rtf): text decoded by striprtf, headings and tables kept.

striprtf turns RTF into plain text and gets the hard parts right: ``\\uN`` escapes with
their ``\\ucN`` fallbacks, ``\\'hh`` bytes in the code page of the document (``\\ansicpg1258``)
or of the current font (``\\fcharset163``), and the destinations that are not text. It
keeps no paragraph styles, so one linear pass before it marks what plain text would lose:
the paragraphs whose style is a heading or the title (by the stylesheet's names, or an
``\\outlinelevelN``), the paragraphs inside a table, the ends of cells and rows, and line
breaks inside a paragraph. The marks are private-use characters, which striprtf passes
through; they are removed from the text afterwards. The pass also leaves out what the
.docx reader does not read: list numbers, headers, footers, notes, and the entries of a
table of contents or an index (a field's result is kept otherwise: a link's text). 8-bit
bytes written unescaped are escaped, so they are read in the code page too.

Hostile input is bounded before striprtf sees it: groups nested deeper than MAX_DEPTH are
refused (a reader keeps a state per open group), and so are more than MAX_GROUPS groups
(counted before anything else) and a font table above MAX_FONT_TABLE (striprtf reads it
with a regular expression); ``\\binN`` data and the groups that
never hold body text (pictures, embedded objects, ``{\\*...}`` destinations) are dropped,
and what is left may hold at most MAX_TEXT bytes. The pass is linear in the file's size.
"""

from __future__ import annotations

import re
from pathlib import Path

from striprtf import striprtf

from ..errors import SourceError
from ..model import Block, BlockKind, RawDocument
from ..text import normalize

MAX_DEPTH = 200  # Word writes a few levels; hundreds only come from a damaged or hostile file
MAX_FONT_TABLE = 1024 * 1024
MAX_TEXT = 8 * 1024 * 1024  # RTF left once pictures and objects are dropped: some 2,000 pages
MAX_GROUPS = 1_000_000  # a long report has tens of thousands

# Marks put in the text by the pass (private-use characters).
_HEADING, _TITLE, _IN_TABLE, _CELL, _ROW, _LINE = "\ue001", "\ue002", "\ue003", "\ue004", "\ue005", "\ue006"
_MARKS = re.compile("[\ue001-\ue006]")
_PIECES = re.compile(f"(\n|{_CELL}|{_ROW})")

# A control word with its parameter and delimiting space, a hex byte, a control symbol, a
# brace, a run of plain text, or a lone backslash at the end.
_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'[0-9a-fA-F]{2}|\\[^a-zA-Z]|[{}]|[^\\{}]+|\\", re.DOTALL)
# Groups that never hold body text, dropped whole (pictures can be most of a file; the
# text of list numbers, headers, footers and notes is not body text in the .docx reader either).
_DROPPED = {b"pict", b"object", b"objdata", b"themedata", b"colorschememapping", b"datastore", b"shppict",
            b"nonshppict", b"blipuid", b"listtext", b"pntext", b"header", b"headerl", b"headerr",
            b"headerf", b"footer", b"footerl", b"footerr", b"footerf", b"footnote", b"annotation"}
# Groups kept for striprtf (it reads the code pages of the font table) but holding no text.
_NOT_TEXT = {word.encode() for word in striprtf.destinations} | {b"fonttbl", b"colortbl"}
_BREAKS = {b"par", b"sect", b"page"}
_HIGH = re.compile(rb"[\x80-\xff]")
# The kind of a group opened inside a group of each kind (text, unless said here).
_CHILD = {"sheet": "entry", "entry": "drop", "drop": "drop", "meta": "meta", "instr": "instr"}


def _mark(char: str) -> bytes:
    """Return RTF that striprtf reads as *char*, whatever the ``\\uc`` around it."""
    return b"{\\uc1\\u%d?}" % ord(char)


class _Group:
    """What a reader restores when a group closes, and what the group is."""

    __slots__ = ("field", "font_start", "instruction", "intbl", "kind", "outline", "style")

    def __init__(self, kind: str, style: str | None, outline: bool, intbl: bool, field: _Group | None) -> None:
        self.kind = kind  # text, meta (kept, no text), sheet, entry (a style), instr (a field's code), drop
        self.style = style
        self.outline = outline
        self.intbl = intbl
        self.font_start = -1
        self.field = field  # the innermost \field group this one is in
        self.instruction: list[bytes] = []  # of a \field group: the text of its code (TOC, HYPERLINK, ...)


def _style_kind(name: str, outline: bool) -> str | None:
    label = name.split(";")[0].strip().lower()
    if label == "title":
        return "title"
    return "heading" if outline or re.fullmatch(r"heading\s*\d", label) else None


def _prepare(path: Path, data: bytes) -> str:
    """Return the RTF with marks for headings, the title, table paragraphs, cells, rows and
    line breaks, the groups that hold no body text dropped, and its nesting checked."""
    groups = data.count(b"{")
    if groups > MAX_GROUPS:
        raise SourceError(path, f"refused: {groups:,} groups (the limit is {MAX_GROUPS:,}; a damaged or hostile file)")
    marking = _MarkingPass(path)
    out = marking.out
    size = 0  # of what is in out, checked every few thousand tokens
    position, end = 0, len(data)
    while position < end:
        match = _TOKEN.match(data, position)
        assert match is not None  # the pattern matches any byte
        token, word, number = match.group(0), match.group(1), match.group(2)
        position = match.end()
        if len(out) & 0xFFF == 0 and len(out) > size:
            size = sum(len(part) for part in out)
            if size > MAX_TEXT:
                raise _too_long(path)
        if word == b"bin":  # raw binary data of the given length follows
            position += max(0, int(number or 0))
        elif token == b"{":
            marking.open_group(token)
        elif token == b"}":
            marking.close_group(token, position)
        else:
            marking.token(token, word, number, match.start())
    marked_text = b"".join(out)
    if len(marked_text) > MAX_TEXT:
        raise _too_long(path)
    return marked_text.decode("ascii", errors="replace")  # 8-bit bytes are escaped by now


class _MarkingPass:
    """The pass of :func:`_prepare` over one file's tokens, one method per kind of token; its
    state is the loop's: what is written so far, the open groups, the styles the stylesheet
    names, and the properties of the paragraph being read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.out: list[bytes] = []
        self.stack: list[_Group] = []
        self.styles: dict[int, str | None] = {}  # by number: "heading", "title" or None
        self.entry: tuple[int | None, bool, list[bytes]] = (None, False, [])  # the stylesheet entry being read
        self.style: str | None = None  # the paragraph's style: "heading", "title" or None
        self.outline = self.intbl = False  # the paragraph has an outline level; it is in a table
        self.marked = False  # the paragraph's marks are written
        self.opened = self.starred = False  # a group has just opened (with \* first)

    def token(self, token: bytes, word: bytes | None, number: bytes | None, start: int) -> None:
        """Write one token (not a brace, not \\bin) as it is, marked, escaped or not at all, by
        the kind of group it stands in; *start* is where the token starts."""
        group = self.stack[-1] if self.stack else None
        kind = group.kind if group else "text"
        if kind == "drop":
            return
        if self.opened:
            first = self.group_start(group, kind, token, word, start)
            if first is None:
                return
            kind = first
        self.starred = False
        if kind == "sheet":
            return
        if kind == "instr":
            if group is not None and group.field is not None and word is None and not token.startswith(b"\\"):
                group.field.instruction.append(token)
            return
        if kind == "entry":
            self.style_entry(token, word, number)
            return
        if word is None and not token.startswith(b"\\") and _HIGH.search(token):
            # 8-bit bytes written as they are: characters of the code page, as \'hh would be
            token = _HIGH.sub(lambda byte: b"\\'%02x" % byte.group(0)[0], token)
        if kind == "meta":
            self.out.append(token)
            return
        self.body(token, word, number)

    def open_group(self, token: bytes) -> None:
        """Open a group: its kind follows from its parent's, and it saves the paragraph's properties."""
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            raise SourceError(self.path, f"refused: groups nested deeper than {MAX_DEPTH} (a damaged or hostile file)")
        parent = stack[-1].kind if stack else "text"
        kind = _CHILD.get(parent, "text")
        stack.append(_Group(kind, self.style, self.outline, self.intbl, stack[-1].field if stack else None))
        if kind == "entry":
            self.entry = (None, False, [])
        if kind in ("text", "meta"):
            self.out.append(token)
        self.opened, self.starred = True, False

    def close_group(self, token: bytes, position: int) -> None:
        """Close a group: restore the paragraph's properties, keep a stylesheet entry's style,
        and check the size of a font table (*position* is where the brace ends)."""
        self.opened = self.starred = False
        if not self.stack:
            return  # more closing braces than opening ones: striprtf stops at the document's end anyway
        closed = self.stack.pop()
        self.style, self.outline, self.intbl = closed.style, closed.outline, closed.intbl
        if closed.kind == "entry" and self.entry[0] is not None:
            self.styles[self.entry[0]] = _style_kind(b"".join(self.entry[2]).decode("latin-1"), self.entry[1])
        if closed.kind in ("text", "meta"):
            self.out.append(token)
            if closed.font_start >= 0 and position - closed.font_start > MAX_FONT_TABLE:
                raise SourceError(self.path, "refused: a font table larger than 1 MB (a damaged or hostile file)")

    def group_start(self, group: _Group | None, kind: str, token: bytes, word: bytes | None,
                    start: int) -> str | None:
        """Read the first token of a group just opened (after a \\* if any), which tells what the
        group is: a field's code, generated entries, a dropped destination, the stylesheet, a table
        striprtf reads; return the group's kind, or None when the token is used up."""
        if token == b"\\*" and not self.starred:
            self.starred = True
            return None
        self.opened = False
        out = self.out
        if group is not None and word == b"fldinst":  # a field's code: read, not text
            if group.kind in ("text", "meta"):
                out.pop()
            group.kind = kind = "instr"
        elif group is not None and word == b"fldrslt" and group.field is not None and _generated(group.field):
            out.pop()  # the entries of a table of contents or an index: not body text
            group.kind = "drop"
            return None
        elif word is not None and (self.starred or word in _DROPPED):
            assert group is not None
            if group.kind in ("text", "meta"):
                out.pop()  # the group's "{"
            group.kind = "drop"
            return None
        if self.starred and kind != "instr":
            out.append(b"\\*")
        if group is not None and word == b"field":
            group.field = group
        elif group is not None and word == b"stylesheet":
            group.kind = kind = "sheet"
            out.pop()
        elif group is not None and word in _NOT_TEXT and kind == "text":
            group.kind = kind = "meta"
            if word == b"fonttbl":
                group.font_start = start
        return kind

    def style_entry(self, token: bytes, word: bytes | None, number: bytes | None) -> None:
        """Read a token of a stylesheet entry: its number, its outline level or its name."""
        number_, outline_, name = self.entry
        if word == b"s" and number is not None and number_ is None:
            self.entry = (int(number), outline_, name)
        elif word == b"outlinelevel" and number is not None and 0 <= int(number) < 9:
            self.entry = (number_, True, name)
        elif word is None and not token.startswith(b"\\"):
            name.append(token)

    def body(self, token: bytes, word: bytes | None, number: bytes | None) -> None:
        """Write a token of body text: a paragraph's first text gets the paragraph's marks, the
        ends of cells and rows and line breaks are marks, and paragraph properties are followed."""
        out = self.out
        if word is not None:
            if word == b"pard":
                self.style, self.outline, self.intbl = None, False, False
            elif word == b"s" and number is not None:
                self.style = self.styles.get(int(number))
            elif word == b"outlinelevel" and number is not None:
                self.outline = 0 <= int(number) < 9
            elif word == b"intbl":
                self.intbl = True
            elif word in _BREAKS:
                self.marked = False
            elif word in (b"cell", b"nestcell"):
                out.append(_mark(_CELL))
                self.marked = False
                return
            elif word in (b"row", b"nestrow"):
                out.append(_mark(_ROW))
                self.marked = False
                return
            elif word == b"line":
                out.append(_mark(_LINE))
                return
            elif word == b"u" and number is not None and not self.marked:
                out.append(_marks(self.style, self.outline, self.intbl))
                self.marked = True
        elif token in (b"\\\n", b"\\\r"):  # a backslash before a line break is a \par
            self.marked = False
        elif not self.marked and (token.startswith(b"\\'") or (not token.startswith(b"\\") and token.strip(b"\r\n"))):
            out.append(_marks(self.style, self.outline, self.intbl))
            self.marked = True
        out.append(token)


_GENERATED = {b"TOC", b"INDEX", b"TOA", b"BIBLIOGRAPHY"}


def _generated(field: _Group) -> bool:
    """Return True when a field's result is generated from the document (a table of contents)."""
    code = b"".join(field.instruction).split()
    return bool(code) and code[0].upper() in _GENERATED


def _too_long(path: Path) -> SourceError:
    return SourceError(path, f"refused: more than {MAX_TEXT // (1024 * 1024)} MB of RTF once pictures and objects "
                             "are left out: split it into smaller files")


def _marks(style: str | None, outline: bool, intbl: bool) -> bytes:
    marks = b""
    if style == "title":
        marks += _mark(_TITLE)
    elif style == "heading" or outline:
        marks += _mark(_HEADING)
    if intbl:
        marks += _mark(_IN_TABLE)
    return marks


def _lines(paragraph: str) -> list[str]:
    return [line for line in normalize(_MARKS.sub("", paragraph.replace(_LINE, "\n"))).split("\n") if line]


def _blocks(text: str) -> list[Block]:
    """Return the blocks of the marked text: one per paragraph (and per line break in one),
    and each table row as its cells joined by " | ", as the .docx reader gives them."""
    blocks: list[Block] = []
    cells: list[str] = []
    pending: list[str] = []  # the paragraphs of the table cell being read

    def end_row() -> None:
        row: list[str] = []
        for cell in cells:
            if cell and (not row or row[-1] != cell):  # merged cells repeat
                row.append(cell)
        if row:
            blocks.append(Block(" | ".join(row)))
        cells.clear()

    for piece in _PIECES.split(text):
        if piece == _CELL:
            cells.append(" ".join(line for paragraph in pending for line in _lines(paragraph)))
            pending.clear()
        elif piece == _ROW:
            if any(_lines(p) for p in pending):  # text after the last cell: one more cell
                cells.append(" ".join(line for paragraph in pending for line in _lines(paragraph)))
            pending.clear()
            end_row()
        elif _IN_TABLE in piece:
            pending.append(piece)
        elif piece != "\n" and _lines(piece):
            if cells or pending:  # a table that ended without its \row
                cells.extend(" ".join(_lines(p)) for p in pending)
                pending.clear()
                end_row()
            kind: BlockKind = "title" if _TITLE in piece else "heading" if _HEADING in piece else "text"
            blocks.extend(Block(line, kind) for line in _lines(piece))
    cells.extend(" ".join(_lines(p)) for p in pending)
    end_row()
    return blocks


def read(path: Path, data: bytes) -> RawDocument:
    """Return the blocks of an RTF file; a file that is not RTF, or a hostile one, raises SourceError."""
    if not data.lstrip()[:5] == b"{\\rtf":
        raise SourceError(path, "not an RTF file (it does not start with {\\rtf)")
    marked = _prepare(path, data)
    try:
        text = striprtf.rtf_to_text(marked, errors="replace")
    except (LookupError, ValueError, IndexError, OverflowError) as exc:
        raise SourceError(path, f"not a readable RTF file ({type(exc).__name__}: {exc})") from exc
    return RawDocument(path=path, blocks=tuple(_blocks(text)))
