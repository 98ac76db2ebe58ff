"""The general signals cleaning judges a line by: its shape, the markup left in it, and the
kinds of page furniture that have no sentence shape at all.

Each function names one signal and is tested on sentences the tests make up
(``tests/test_shapes.py``); none knows any outlet or file. ``clean.py`` applies them in
order with what it knows of a line's position (before the title, inside the body, after
the body has ended) and of repetition.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from ..text import ends_sentence, fold

# -- markup residue -----------------------------------------------------------------------

# An HTML tag as scraped text keeps it: a known element name, so "<3" or "a < b > c" are not tags.
_TAG = re.compile(r"</?(?:p|div|span|br|hr|table|thead|tbody|tr|td|th|img|a|strong|em|b|i|u|ul|ol|li|h[1-6]|"
                  r"figure|figcaption|picture|source|iframe|script|style|section|article|header|footer|nav|"
                  r"blockquote|font|center|small|sup|sub|meta|link|input|button|form|label|noscript)\b[^<>]*/?>",
                  re.IGNORECASE)
_HIDDEN = re.compile(r"<(script|style|noscript|iframe)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,10});")


def has_markup(text: str) -> bool:
    """Return True when *text* holds HTML tags or entities (markup left in a text file)."""
    return bool(_TAG.search(text) or _ENTITY.search(text))


def strip_markup(text: str) -> str:
    """Return *text* without its tags (an image's alt text, scripts and styles go with them)
    and with entities decoded: the words inside the tags belong to the body, the tags never."""
    text = _HIDDEN.sub(" ", text)
    text = _TAG.sub(" ", text)
    return " ".join(html.unescape(text).split())


# -- placeholders and tokens ------------------------------------------------------------

# Template variables a page left unfilled: {keywords}, {{ title }}, ${name}, %TITLE%, [[tag]].
_PLACEHOLDER = re.compile(r"\{\{?\s*[A-Za-z_][\w.\-]*\s*\}?\}|\$\{[A-Za-z_][\w.]*\}|%[A-Z_]{3,}%"
                          r"|\[\[[A-Za-z_][\w.\-]*\]\]")
# A run of 25 or more letters with no space is no word of any language briefgen reads:
# spam keywords glued together, or a CSS class run.
_GLUED = re.compile(r"(?<![\w/.@-])[A-Za-z]{25,}(?![\w/.@-])")


def placeholders(text: str) -> list[str]:
    """Return the unfilled template placeholders in *text*."""
    return _PLACEHOLDER.findall(text)


def glued_tokens(text: str) -> list[str]:
    """Return the glued runs of 25+ ASCII letters in *text* (never inside a URL or an address)."""
    return _GLUED.findall(text)


# -- lines without sentence shape ---------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")
_TONED = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)


def vietnamese_share(lines: list[str]) -> float:
    """Return the share of words written with Vietnamese letters (tones, ă â ê ô ơ ư đ) in *lines*."""
    words = [w for line in lines for w in line.split() if _LETTER.search(w)]
    return sum(1 for w in words if _TONED.search(w)) / len(words) if words else 0.0


def no_sentence_shape(text: str, vietnamese_page: bool) -> bool:
    """Return True for a short line of a Vietnamese page with no diacritic and no capital
    letter: a URL slug spelled as words, a CSS class, "banner", a logo's file name."""
    if not vietnamese_page or len(text.split()) > 8 or not _LETTER.search(text):
        return False
    return not any(c.isupper() for c in text) and not _TONED.search(text) and not ends_sentence(text)


_IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?)(?:\?\S*)?$", re.IGNORECASE)
_IMAGE_MARK = re.compile(r"^(?:\|\s*)*(?:!\[[^\]]*\]\([^)]*\)\s*)?(?:\|\s*)*$")


def image_placeholder(text: str) -> bool:
    """Return True for what stands where an image was: a lone table pipe, ``![](…)``, an
    image's file name."""
    stripped = text.strip()
    return bool(stripped) and (image_cell(stripped) or bool(_IMAGE_FILE.match(stripped)))


def image_cell(text: str) -> bool:
    """Return True for an image's cell (a lone table pipe, ``![](…)``): the line after it is
    the image's caption."""
    stripped = text.strip()
    return bool(stripped) and bool(_IMAGE_MARK.fullmatch(stripped))


def boxed_row(text: str) -> bool:
    """Return True for one text wrapped in table pipes (``| … |``) with no cell inside: a
    box of another story laid out as a table row."""
    stripped = text.strip()
    inner = stripped.strip("|").strip()
    return stripped.startswith("|") and stripped.endswith("|") and len(inner.split()) >= 6 and " | " not in inner


def unclosed_bracket(text: str) -> bool:
    """Return True for a teaser that opens with ``[`` and never closes it."""
    stripped = text.strip()
    return stripped.startswith("[") and "]" not in stripped and len(stripped.split()) >= 3


# -- contact lines and widgets --------------------------------------------------------------

# A telephone number: 9 to 13 digits, maybe behind +84, grouped by spaces, dots or dashes.
_PHONE = re.compile(r"(?<![\d,])(?:\+\s?\d{2,3}[\s.\-]?)?\(?\d{2,4}\)?(?:[\s.\-]?\d{2,4}){2,4}(?![\d,])")
_CONTACT_CUES = re.compile(r"\b(?:duong day nong|hotline|dien thoai|dt|tel|fax|e-?mail|lien he|tong dai|zalo|hop thu|"
                           r"website|dia chi|sdt)\b")


def phone_numbers(text: str) -> list[str]:
    """Return the telephone numbers in *text* (9 to 13 digits)."""
    return [m for m in _PHONE.findall(text) if 9 <= sum(c.isdigit() for c in m) <= 13]


def contact_cue(text: str) -> bool:
    """Return True when *text* names a way to get in touch (hotline, telephone, e-mail …)."""
    return bool(_CONTACT_CUES.search(fold(text)))


def contact_line(text: str) -> bool:
    """Return True for a contact or hotline line: a telephone number with a contact word, or
    numbers making up much of the line, and no sentence around them."""
    words = text.split()
    if len(words) > 25 or ends_sentence(text):
        return False
    phones = phone_numbers(text)
    if not phones:
        return False
    folded = fold(text)
    digits = sum(c.isdigit() for c in text)
    return bool(_CONTACT_CUES.search(folded)) or len(phones) >= 2 or digits >= 0.3 * len(text.strip())


_TEMPERATURE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:°|º|độ\s*C\b|oC\b)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def widget_line(text: str) -> bool:
    """Return True for a widget's line: weather (a temperature), or a row of prices or rates
    (three or more numbers making up most of a short line without a sentence)."""
    if ends_sentence(text) or len(text.split()) > 16:
        return False
    if _TEMPERATURE.search(text):
        return True
    numbers = _NUMBER.findall(text)
    words = len(text.split())
    labels = [w for w in text.split() if _LETTER.search(w) and not any(c.isdigit() for c in w)]
    return len(numbers) >= 3 and len(numbers) >= 0.4 * words and len(labels) >= 2


# -- headlines --------------------------------------------------------------------------------

_NUMBERED = re.compile(r"^(?:[IVXLC]+|\d{1,2}|[a-zđ])[.)/]\s", re.IGNORECASE)


def headline_shaped(text: str) -> bool:
    """Return True for a line shaped like a news headline: 6 to 30 words, capitalised, not
    numbered like an inner heading, with no sentence punctuation at its end."""
    words = text.split()
    if not 6 <= len(words) <= 30 or len(text) > 220:
        return False
    first = text.lstrip("\"“‘«([")
    if not first or not (first[0].isupper() or first[0].isdigit()) or _NUMBERED.match(text):
        return False
    if text.rstrip("\"”’»)] ").endswith("?") and len(words) > 12:
        return False  # an interviewer's question, not a headline
    return not text.rstrip("\"”’»)] ").endswith((".", ";", ",", ":", "…", "!"))


# -- damaged text -------------------------------------------------------------------------------

# Syllables every Vietnamese text is full of, written without tones: a page of them with
# almost no toned word has lost its diacritics.
_COMMON_SYLLABLES = frozenset([
    "va", "cua", "cac", "nhung", "duoc", "trong", "nam", "viet", "cong", "tac", "doi", "ngoai", "giao",
    "voi", "da", "la", "co", "cho", "ve", "nay", "mot", "nguoi", "hoi", "nghi", "nuoc", "quoc", "te", "tai",
    "thu", "tuong", "bo", "truong", "dang",
])


def lost_diacritics(lines: list[str]) -> bool:
    """Return True for a Vietnamese text written without its tones and marks ("Bo Ngoai
    giao to chuc hoi nghi"): many common syllables, almost no toned word."""
    words = [w.strip(".,;:!?()\"'“”").lower() for line in lines for w in line.split()]
    words = [w for w in words if w]
    if len(words) < 40:
        return False
    common = sum(1 for w in words if w in _COMMON_SYLLABLES)
    return common >= 0.15 * len(words) and vietnamese_share(lines) < 0.05


_VOWELS = frozenset("aăâeêioôơuưy")


@lru_cache(maxsize=65536)
def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", c)[0] in _VOWELS for c in word)


def dropped_letters(lines: list[str]) -> bool:
    """Return True for a text whose converter dropped its accented letters ("Trung Quc",
    "nghiên cu", "mt lot tàu"): every Vietnamese syllable has a vowel, so many lower-case
    words of two letters or more with none is damage, not language (abbreviations are
    written in capitals)."""
    words = [w.strip(".,;:!?()[]\"'“”…-") for line in lines for w in line.split()]
    words = [w for w in words if len(w) >= 2 and w.isalpha() and w.islower()]
    if len(words) < 40:
        return False
    bare = sum(1 for w in words if not _has_vowel(w.lower()))
    return bare >= 0.04 * len(words)


def lookalike_letters(lines: list[str]) -> list[str]:
    """Return the letters of other scripts, or compatibility forms (fullwidth, mathematical),
    found inside words otherwise written in Latin letters: text disguised to slip past
    filters or copied through a broken converter."""
    found: list[str] = []
    for line in lines:
        # Most lines hold no such letter at all: only those that do are read word by word.
        if line.isascii() or not any(_foreign_letter(c) for c in set(line)):
            continue
        for word in line.split():
            if not any("a" <= c.lower() <= "z" for c in word):
                continue
            found.extend(c for c in word if _foreign_letter(c))
    return found


@lru_cache(maxsize=4096)
def _foreign_letter(c: str) -> bool:
    """Return True for a letter of another script drawn like a Latin one, or a compatibility
    form of a letter (fullwidth, mathematical)."""
    if not c.isalpha() or c.isascii():
        return False
    name = unicodedata.name(c, "")
    return name.startswith(("CYRILLIC", "GREEK", "ARMENIAN")) or unicodedata.normalize("NFKC", c) != c
