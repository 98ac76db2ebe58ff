"""Legacy Vietnamese encodings older office documents still use: TCVN3 (ABC) and VNI.

No PyPI package reads them. TCVN3 gives each lower-case toned letter its own byte (capitals
come from a separate "H" font, so the file holds only the 7 capital base letters); VNI
writes a base letter followed by a byte for its marks ("Vieät" for "Việt"). Which reading
is right is decided by how many words come out as Vietnamese syllables
(:func:`syllable_share`), so a wrong guess is refused rather than indexed as mojibake.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (ABC): byte -> letter.
_TCVN3_BYTES = [
    "B5", "B8", "B6", "B7", "B9", "A8", "BB", "BE", "BC", "BD", "C6", "A9", "C7", "CA", "C8", "C9", "CB", "AE",
    "CC", "D0", "CE", "CF", "D1", "AA", "D2", "D5", "D3", "D4", "D6", "D7", "DD", "D8", "DC", "DE", "DF", "E3",
    "E1", "E2", "E4", "AB", "E5", "E8", "E6", "E7", "E9", "AC", "EA", "ED", "EB", "EC", "EE", "EF", "F3", "F1",
    "F2", "F4", "AD", "F5", "F8", "F6", "F7", "F9", "FA", "FD", "FB", "FC", "FE", "A1", "A2", "A7", "A3", "A4",
    "A5", "A6"
]
_TCVN3_LETTERS = ("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
                  "ĂÂĐÊÔƠƯ")
TCVN3 = {int(code, 16): letter for code, letter in zip(_TCVN3_BYTES, _TCVN3_LETTERS, strict=True)}

# VNI: a base letter and the character of its marks (as Windows-1252 shows them).
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT = {"â": "\u0302", "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309", "ã": "\u0302\u0303",
            "ä": "\u0302\u0323"}
_VNI_BREVE = {"ê": "\u0306", "é": "\u0306\u0301", "è": "\u0306\u0300", "ú": "\u0306\u0309", "ü": "\u0306\u0303",
              "ë": "\u0306\u0323"}
_VNI_SINGLE = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "ô": "ơ", "ö": "ư", "î": "ỵ", "ñ": "đ"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(written: str, base: str, marks: str) -> None:
        letter = unicodedata.normalize("NFC", base + marks)
        table[written] = letter
        table[written.upper()] = letter.upper()

    for base in "aeiouy":
        for mark, combining in _VNI_TONES.items():
            add(base + mark, base, combining)
    for base in "aeo":
        for mark, combining in _VNI_HAT.items():
            add(base + mark, base, combining)
    for mark, combining in _VNI_BREVE.items():
        add("a" + mark, "a", combining)
    for base, horned in (("ô", "ơ"), ("ö", "ư")):
        for mark, combining in _VNI_TONES.items():
            add(base + mark, horned, combining)
    for written, letter in _VNI_SINGLE.items():
        table.setdefault(written, letter)
        table.setdefault(written.upper(), letter.upper())
    return table


VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))


def decode_tcvn3(data: bytes) -> str:
    """Return TCVN3 bytes as Unicode (NFC)."""
    return "".join(TCVN3.get(b, chr(b)) for b in data)


def decode_vni(data: bytes) -> str:
    """Return VNI bytes as Unicode (NFC)."""
    return _VNI_PATTERN.sub(lambda m: VNI[m.group(0)], data.decode("cp1252", errors="replace"))


_SYLLABLE = re.compile(r"^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"\S+")


def syllable_share(text: str, sample: int = 4000) -> float:
    """Return the share of the words of *text* (the first *sample*) that are Vietnamese
    syllables with at most one tone: near 1 for Vietnamese, low for mojibake."""
    words = [w.strip(".,;:!?()\"'“”‘’…-") for w in _WORD.findall(text[: sample * 8])][:sample]
    words = [w for w in words if w and any(ch.isalpha() for ch in w)]
    if not words:
        return 0.0
    good = 0
    for word in words:
        parts = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
        if sum(1 for ch in parts if ch in _TONES) > 1:
            continue
        bare = "".join(ch for ch in parts if unicodedata.category(ch) != "Mn")
        good += bool(_SYLLABLE.match(bare))
    return good / len(words)


def looks_vietnamese_legacy(data: bytes) -> bool:
    """Return True when non-UTF-8 bytes are dense in the bytes legacy Vietnamese fonts use."""
    high = sum(1 for b in data[:20000] if b >= 0xA0)
    return high > 0.02 * min(len(data), 20000)
