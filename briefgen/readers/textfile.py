"""Plain-text sources (.txt): encoding detection and gentle reflow of hard-wrapped lines."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import charset_normalizer

from ..errors import SourceError
from ..model import Block, RawDocument
from ..text import ends_sentence, normalize, starts_lower
from . import legacy
from .legacy import syllable_share

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Letters only Vietnamese uses (after NFC); their share tells a right guess from mojibake.
_VIETNAMESE_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ") | {
    chr(c) for c in range(0x1EA0, 0x1EFA)
}


# Control characters (but tab, line breaks, form feed), private-use and surrogate code points.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _looks_like_text(text: str) -> bool:
    """Return True when *text* is mostly letters, digits, spaces and punctuation."""
    if not text.strip():
        return False
    bad = len(_NOT_TEXT.findall(text))
    return bad <= max(2, len(text) // 200)


_Decoded = tuple[str, str, list[str]]  # the text, its encoding, and what to warn of


def decode(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings) for the bytes of a text file.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as they are; UTF-16
    without a BOM, Windows-1258 and anything else charset-normalizer recognises are
    guessed, and a guess is reported as a warning. Binary content raises SourceError.
    """
    with_bom = _by_bom(data, path)
    if with_bom is not None:
        return with_bom
    if b"\x00" in data:
        return _utf16_without_bom(data, path)
    utf8 = _utf8(data, path)
    if utf8 is not None:
        return utf8
    return _best_guess(data, path)


def _by_bom(data: bytes, path: Path) -> _Decoded | None:
    """Return the text of a file that starts with a byte-order mark, None without one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", ""), []
            except UnicodeDecodeError as exc:
                raise SourceError(path, f"starts with a {encoding} byte-order mark but is not {encoding}") from exc
    return None


def _utf16_without_bom(data: bytes, path: Path) -> _Decoded:
    """Return the text of a file holding zero bytes, which only UTF-16 without a BOM is:
    every other byte of ASCII-range text is zero. Anything else is binary content."""
    even_zero = data[0::2].count(0)
    odd_zero = data[1::2].count(0)
    half = max(1, len(data) // 2)
    guess = "utf-16-le" if odd_zero > 0.3 * half and odd_zero > even_zero else (
        "utf-16-be" if even_zero > 0.3 * half else None)
    if guess:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            text = ""
        if _looks_like_text(text):
            return text, guess, [f"encoding guessed as {guess.upper()} (no byte-order mark)"]
    raise SourceError(path, "binary content, not text")


def _utf8(data: bytes, path: Path) -> _Decoded | None:
    """Return the text of a UTF-8 file, None when it is not UTF-8 (the encoding is guessed then)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # UTF-8 with a few stray bytes (a cut last character, one pasted legacy letter)
        # is still UTF-8: keep the text, replace the bad bytes, say so.
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        if bad <= max(3, len(data) // 1000) and _looks_like_text(text):
            return text.replace("\ufffd", ""), "utf-8", [f"{bad} invalid UTF-8 byte(s) dropped"]
        return None
    if not _looks_like_text(text):
        raise SourceError(path, "binary content, not text")
    return text, "utf-8", []


def _candidates(data: bytes) -> list[tuple[float, str, str]]:
    """Return the readings of bytes that are not UTF-8 that look like text, each with its
    share of Vietnamese syllables (Windows-1258 first on a tie, then charset-normalizer's
    guess), the encoding's name and the text."""
    candidates: list[tuple[float, str, str]] = []
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
        if _looks_like_text(cp1258):
            candidates.append((syllable_share(cp1258) + 0.01, "windows-1258", cp1258))
    except UnicodeDecodeError:
        pass
    for name, reader in (("TCVN3", legacy.decode_tcvn3), ("VNI", legacy.decode_vni)):
        converted = unicodedata.normalize("NFC", reader(data))
        if _looks_like_text(converted):
            candidates.append((syllable_share(converted), name, converted))
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding not in ("cp1258", "windows_1258"):
        guessed = unicodedata.normalize("NFC", str(best))
        if _looks_like_text(guessed):
            candidates.append((syllable_share(guessed) + 0.005, best.encoding.replace("_", "-"), guessed))
    return candidates


def _best_guess(data: bytes, path: Path) -> _Decoded:
    """Return the reading of bytes that are not UTF-8 with the most Vietnamese syllables,
    refusing a file that reads as Vietnamese in none (a legacy encoding not told apart)."""
    candidates = _candidates(data)
    if not candidates:
        raise SourceError(path, "binary content, not text (no known encoding fits)")
    share, encoding, text = max(candidates)
    if share < 0.5 and legacy.looks_vietnamese_legacy(data):
        raise SourceError(path, "the encoding cannot be told (not UTF-8; neither Windows-1258, TCVN3 nor VNI reads "
                                "it as Vietnamese); save it as UTF-8 and ingest again")
    if encoding in ("TCVN3", "VNI"):
        return text, encoding.lower(), [f"legacy {encoding} encoding converted to Unicode"]
    return text, encoding, [f"encoding guessed as {encoding} (not UTF-8)"]


def split_blocks(text: str) -> list[Block]:
    """Return one block per non-empty line, joining hard-wrapped lines in hard-wrapped files.

    A file counts as hard-wrapped when at least a third of its lines that do not end a
    sentence are followed by a line starting in lower case (the shape of wrapped prose,
    never of a scraped page, whose lines are separate items). Then a line is joined to the
    previous one when that one does not end a sentence and the line starts in lower case.
    """
    lines = normalize(text).split("\n")
    open_lines = [i for i, line in enumerate(lines[:-1]) if line and not ends_sentence(line)]
    wrapped = sum(1 for i in open_lines if starts_lower(lines[i + 1]))
    hard_wrapped = len(open_lines) >= 3 and wrapped >= len(open_lines) / 3
    blocks: list[str] = []
    previous_blank = True
    for line in lines:
        if not line:
            previous_blank = True
            continue
        if (hard_wrapped and blocks and not previous_blank and not ends_sentence(blocks[-1])
                and starts_lower(line)):
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
        previous_blank = False
    return [Block(b) for b in blocks]


def read(path: Path, data: bytes) -> RawDocument:
    """Return the blocks of a plain-text file."""
    text, encoding, warnings = decode(data, path)
    return RawDocument(path=path, blocks=tuple(split_blocks(text)), encoding=encoding, warnings=tuple(warnings))
