"""Vietnamese text: normalisation, folding for search, sentences, word shapes."""

from __future__ import annotations

import functools
import re
import unicodedata

# Characters XML 1.0 cannot hold (C0 controls other than tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF), plus C1 controls, which only ever come from mis-decoded bytes.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Invisible characters scraped pages are full of: zero-width spaces/joiners, soft hyphen, BOM.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
# Bidirectional controls (embeddings, overrides, isolates, marks): invisible, and they make a
# viewer show text in another order than it is stored ("\u202eexe.txt" shows as "txt.exe").
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def xml_safe(text: str) -> str:
    """Return *text* without the characters an XML document (a DOCX part) cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def normalize(text: str) -> str:
    """Return *text* in NFC with XML-illegal controls, invisible characters and bidirectional
    controls removed.

    Line breaks are unified to ``\\n`` and runs of horizontal spaces (including
    non-breaking spaces) become one space; line structure is kept.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    text = _BIDI.sub("", text)
    text = _XML_ILLEGAL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# Combining marks (the blocks of U+0300, U+1AB0, U+1DC0, U+20D0, U+FE20) removed by fold().
_MARK_PATTERN = re.compile("[" + "".join(
    chr(c) for start, end in ((0x300, 0x370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100), (0xFE20, 0xFE30))
    for c in range(start, end) if unicodedata.category(chr(c)) == "Mn") + "]")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Return *text* lower-cased without diacritics, with ``đ`` folded to ``d``.

    "Đối ngoại đa phương" -> "doi ngoai da phuong". Used for search and for matching
    cue phrases regardless of how a page spells its tones. The same passage is folded by
    every annotation step, so recent results are remembered.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    if text.isascii():
        return text.lower()
    stripped = _MARK_PATTERN.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", stripped).lower()


_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Return the folded syllables (word tokens) of *text*."""
    return _TOKEN.findall(fold(text))


def words(text: str) -> list[str]:
    """Return the whitespace-separated words of *text* (punctuation kept)."""
    return text.split()


def starts_lower(text: str) -> bool:
    """Return True when *text* starts with a lower-case letter (Vietnamese included)."""
    return bool(text) and text[0].islower()


def is_capitalised(word: str) -> bool:
    """Return True when *word* starts with an upper-case letter (Vietnamese included)."""
    stripped = word.lstrip("\"'“‘(")
    return bool(stripped) and stripped[0].isupper()


# Sentence boundaries: ., !, ?, … (optionally followed by closing quotes/brackets), then
# space and something that can start a sentence. "10.378" and "TP.HCM" never match
# because no space follows the dot.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"”’»)\]]*)\s+(?=[\"“‘«(\[]?(\w))")
# Abbreviations after which a dot does not end a sentence.
_ABBREVIATIONS = {"tp", "ts", "ths", "pgs", "gs", "ông", "bà", "st", "mr", "mrs", "dr", "tr", "no", "vs"}


def sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of *text*, covering all of it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not (match.group(2).isupper() or match.group(2).isdigit()):
            continue
        # Only the end of the sentence so far is read (an abbreviation is a short word), so a
        # long run of "TP. Hà Nội" is not sliced from its start at every dot.
        before = text[max(start, match.start() - 40) : match.start()]
        last_word = before.rsplit(" ", 1)[-1].rstrip(".").lower()
        if before.endswith(".") and last_word in _ABBREVIATIONS:
            continue
        spans.append((start, match.end(1)))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def ends_sentence(line: str) -> bool:
    """Return True when *line* ends like a sentence (., !, ?, …, ; or a closing quote after one)."""
    stripped = line.rstrip("\"”’»)] ")
    return bool(stripped) and stripped[-1] in ".!?…;"


def doubled(line: str) -> bool:
    """Return True when *line* is one text printed twice ("X X"), as teaser boxes do."""
    n = len(line)
    if n < 20 or n % 2 == 0:
        return False
    half = n // 2
    return line[:half] == line[half + 1 :] and line[half] == " "


def _escaped(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    if ch in "\n\t\r":
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unprintable(ch: str) -> bool:
    # Controls, format characters (bidirectional controls, zero-width marks), surrogates and
    # the line and paragraph separators: each can end a line, move the cursor, colour a
    # terminal or reorder what is shown.
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


_SUSPECT = re.compile(r"[^\x20-\x7e\u00a0-\u02ff\u0300-\u036f\u1e00-\u1eff]")


def printable(text: str) -> str:
    """Return *text* as one line that prints literally: control and format characters,
    bidirectional controls, line separators and the bytes of a file name that is not UTF-8
    are written as escapes (``\\n``, ``\\x1b``, ``\\u202e``, ``\\xe1``).

    Every message naming a file goes through it, so a file name can never start a new log
    line, move a terminal's cursor or show in another order than it is stored.
    """
    if not _SUSPECT.search(text):  # the common case: plain Vietnamese, nothing to look at
        return text
    return "".join(_escaped(ch) if _unprintable(ch) else ch for ch in text)


def file_label(name: str) -> str:
    """Return how a file name is shown and stored: :func:`printable`, with a backslash doubled
    so that no two names are shown alike (a name holding a real ``\\x41`` stays apart)."""
    if not _SUSPECT.search(name) and "\\" not in name:
        return name
    return printable(name.replace("\\", "\\\\"))
