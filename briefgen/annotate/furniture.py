"""Page furniture: the tests that tell a line of site noise by its shape and the cue phrases
of ``data/boilerplate.toml`` (share bars, counters, captions, breadcrumbs, interface text),
and the shapes of titles, headings and paragraphs. :mod:`.clean` applies them in order."""

from __future__ import annotations

import re

from ..text import ends_sentence, is_capitalised
from . import shapes
from .cues import Cues

BULLETS = "-–—•*+›»·▪◦●■□▶►>"
_KEY_STRIP = re.compile(r"[\s" + re.escape(BULLETS) + r":|,.!?…()\[\]\"'“”/]+")


def line_key(folded: str) -> str:
    """Return a folded line reduced to its words, for comparing with cue lists."""
    return " ".join(_KEY_STRIP.sub(" ", folded).split())


def word_count(text: str) -> int:
    """Return the number of words of *text*."""
    return len(text.split())


_COUNTER_LINE = re.compile(r"^[^\W\d_][^:|]{0,30}?\s*:\s*\d[\d.,]*\s*$")
_COUNTER_INLINE = re.compile(r"(luot xem|luot truy cap|luot doc|da xem|views?)\s*:?\s*\d[\d.,]*")
_ALT_LINE = re.compile(r"(?:^|\s)(?:[-–—]\s*)?(?:hinh )?anh \d{1,2}$")
_FOLLOW_PROMPT = re.compile(r"^theo doi\b.{1,40}\btren\b")

# Photo captions: a line ending with a photo credit.
_CAPTION_END = re.compile(
    r"(?:[(\[]\s*(?:anh|nguon|photo|video|do hoa|clip|anh minh hoa|anh tu lieu)\b[^()\[\]]{0,80}[)\]]\s*\.?"
    r"|(?:[.\-–—|]|\s)\s*(?:anh|photo|nguon anh)\s*:\s*[^:]{1,80}?"
    r"|[-–—]\s*anh(?: chup man hinh| minh hoa| tu lieu)\b[^.]{0,40}"
    r"|[-–—]\s*anh\s*:?\s*[\w .,/&]{1,40})\s*\|?\s*$"
)
_TRAILING_PIPE = re.compile(r"\s\|\s*$")
# A caption's date: a line that describes a scene and ends on its date after a comma, with no
# full stop ("Phó Thủ tướng … phát biểu tại Lễ khai trương …, tháng 2/2015").
_CAPTION_DATE = re.compile(r",\s*(?:(?:sang|chieu|toi|trua)\s+)?(?:ngay\s+|thang\s+)?\d{1,2}\s*[/.-]\s*\d{1,4}"
                           r"(?:\s*[/.-]\s*\d{2,4})?\s*\)?\s*$")


def furniture_reason(text: str, folded: str, vietnamese: bool, body_started: bool, cues: Cues) -> str | None:
    """Return the reason a line is page furniture by its shape alone, or None."""
    if shapes.image_placeholder(text):
        return "image placeholder"
    contact = shapes.contact_line(text)
    if contact and shapes.contact_cue(text):
        return "contact line"
    if shapes.widget_line(text) and (not body_started or "°" in text):
        return "widget"
    if contact:
        return "contact line"
    if shapes.no_sentence_shape(text, vietnamese):
        return "furniture (no sentence shape)"
    if word_count(text) <= 25 and folded.lstrip(BULLETS + " ").startswith(cues.box_prompts):
        return "related-content prompt"
    if shapes.unclosed_bracket(text):
        return "related-news teaser"
    if shapes.boxed_row(text):
        return "boxed teaser row"
    return None


def share_bar(folded: str, words: list[str], cues: Cues) -> bool:
    """Return True for a bar of sharing buttons ("Chia sẻ Facebook Zalo", "A- A A+")."""
    if folded.startswith(("a- a a+", "a a a+", "a- a+", "icon ")):
        return True
    if len(words) > 25:
        return False
    plain = [w.strip(",.:|•") for w in words]
    return sum(1 for w in plain if w in cues.social) >= 1 and not ends_sentence(folded) and (
        len(words) <= 6 or "chia se" in folded or "share" in folded or "icon" in folded)


def interface_text(folded: str, key: str, words: int, cues: Cues) -> bool:
    """Return True for interface text: a known button or label, a prompt to follow the page."""
    if key in cues.ui_lines:
        return True
    if words <= 14 and any(p in folded for p in cues.ui_phrases):
        return True
    return bool(words <= 8 and _FOLLOW_PROMPT.match(key))


def visitor_counter(folded: str, key: str, cues: Cues) -> bool:
    """Return True for a visitor counter ("Lượt xem: 1.234") or its header."""
    if key in cues.counter_headers:
        return True
    if _COUNTER_LINE.match(folded.strip(BULLETS + " ")):
        return True
    return bool(_COUNTER_INLINE.search(folded) and word_count(folded) <= 25 and not ends_sentence(folded))


def photo_caption(folded: str, words: int) -> bool:
    """Return True for a photo caption: a line that ends with a photo credit, or a line of a
    scene (eight words or more, no full stop) that ends on its date after a comma."""
    if words > 60:
        return False
    if 8 <= words <= 40 and not ends_sentence(folded) and _CAPTION_DATE.search(folded):
        return True
    return bool(_CAPTION_END.search(folded) or (words <= 30 and _TRAILING_PIPE.search(folded)))


def labelled_prefix(folded: str, words: int) -> str | None:
    """Return the label of a short "Label: …" line ("doc them", "tags"), or None."""
    if words > 25 or ":" not in folded:
        return None
    return line_key(folded.split(":", 1)[0]) or None


def breadcrumb(text: str, folded: str) -> bool:
    """Return True for a breadcrumb trail ("Trang chủ > Tin tức > Thời sự")."""
    if word_count(text) > 15 or ends_sentence(text):
        return False
    if re.match(r"^trang chu\b", folded):
        return True
    parts = [p for p in re.split(r"\s+(?:-|>|»|/|\|)\s+", text) if p.strip()]
    return len(parts) >= 3 and all(word_count(p) <= 5 for p in parts)


def title_like(text: str) -> bool:
    """Return True for a line shaped like a headline: 3-40 words, not ending like a sentence."""
    words = word_count(text)
    if not 3 <= words <= 40 or len(text) > 300:
        return False
    if text.endswith((".", "…", "...", ";", ",")) and not text.endswith(("..?", "?.")):
        return False
    return not (text.endswith(":") and words > 12)


def heading_like(text: str, most: int = 15) -> bool:
    """Return True for a line shaped like an inner heading: short (at most *most* words),
    capitalised, unpunctuated."""
    words = word_count(text)
    if not 1 <= words <= most or len(text) > 140:
        return False
    if text[0] in BULLETS or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘«"):
        return False
    if text.endswith("?"):
        return words <= 10
    return not text.rstrip("\"”’»)").endswith((".", ";", ",", ":", "…"))


def paragraph_like(text: str) -> bool:
    """Return True for a line shaped like body text: eight words or more, or a whole sentence."""
    return word_count(text) >= 8 or ends_sentence(text)


def masthead(folded: str, text: str, cues: Cues) -> bool:
    """Return True for an outlet's masthead ("Báo Quân đội nhân dân"): a known name, capitalised."""
    words = word_count(text)
    return 2 <= words <= 7 and not ends_sentence(text) and any(
        folded == m or folded.startswith(m + " ") for m in cues.mastheads) and all(
        is_capitalised(w) or w in ("&", "-", "và") for w in text.split())


def portrait_caption(text: str, folded: str, cues: Cues) -> bool:
    """Return True for a line that is only an official's title and name (a portrait's caption)."""
    words = text.split()
    if not 3 <= len(words) <= 16 or ends_sentence(text) or not folded.startswith(cues.official_titles):
        return False
    tail = [w for w in words[-3:] if is_capitalised(w) and w.isalpha()]
    return len(tail) >= 2 and len(tail) == len(words[-len(tail):]) and all(
        is_capitalised(w) for w in words[-len(tail):])


def alt_text(folded: str, words: int) -> bool:
    """Return True for an image's alternative text left in the page ("Ảnh 1", "- Hình ảnh 2")."""
    return words <= 30 and bool(_ALT_LINE.search(folded))
