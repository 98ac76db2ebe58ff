"""Cleaning of scraped text: keep the body, drop site noise, turn bylines and datelines into facts.

Every rule here is about the *shape* of a line (length, punctuation, position, repetition,
what comes before and after it) or about kinds of noise shared by many outlets (the cue
phrases in ``data/boilerplate.toml``), never about the lines of particular files.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..model import Block, BlockKind, Dropped
from ..text import (
    ISO_DATE,
    date_parts,
    doubled,
    ends_sentence,
    find_date,
    fold,
    is_capitalised,
    month_year,
    normalize,
    valid_date,
)
from . import shapes

# ---------------------------------------------------------------------------------------
# Cue data


@dataclass(frozen=True)
class Cues:
    """The cue phrases of data/boilerplate.toml, folded."""

    ui_lines: frozenset[str]
    ui_phrases: tuple[str, ...]
    fragments: tuple[str, ...]
    social: frozenset[str]
    related_headers: frozenset[str]
    counter_headers: frozenset[str]
    credit_prefixes: tuple[str, ...]
    caption_credits: tuple[str, ...]
    mastheads: tuple[str, ...]
    date_labels: tuple[str, ...]
    not_names: frozenset[str]
    official_titles: tuple[str, ...]
    name_prefixes: frozenset[str]
    link_prefixes: tuple[str, ...]
    tag_prefixes: tuple[str, ...]
    box_prompts: tuple[str, ...]


@cache
def load_cues() -> Cues:
    """Return the packaged boilerplate cues."""
    raw = tomllib.loads(resources.files("briefgen.data").joinpath("boilerplate.toml").read_text("utf-8"))
    return Cues(
        ui_lines=frozenset(raw["ui_lines"]),
        ui_phrases=tuple(raw["ui_phrases"]),
        fragments=tuple(raw["fragments"]),
        social=frozenset(raw["social"]),
        related_headers=frozenset(raw["related_headers"]),
        counter_headers=frozenset(raw["counter_headers"]),
        credit_prefixes=tuple(sorted(raw["credit_prefixes"], key=len, reverse=True)),
        caption_credits=tuple(raw["caption_credits"]),
        mastheads=tuple(raw["mastheads"]),
        date_labels=tuple(sorted(raw["date_labels"], key=len, reverse=True)),
        not_names=frozenset(raw["not_names"]),
        official_titles=tuple(raw["official_titles"]),
        name_prefixes=frozenset(raw["name_prefixes"]),
        link_prefixes=tuple(raw["link_prefixes"]),
        tag_prefixes=tuple(raw["tag_prefixes"]),
        box_prompts=tuple(raw["box_prompts"]),
    )


# ---------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class PageDate:
    """A date found in the page: year may be missing (a "Ngày 25/1" dateline)."""

    year: int | None
    month: int | None
    day: int | None
    how: str  # "stamp", "dateline", "lead"


@dataclass(frozen=True)
class Cleaned:
    """The cleaned body of one document and the facts cleaning found on the way."""

    title: str | None
    items: tuple[tuple[BlockKind, str], ...]  # ("heading" | "text", text) in order
    dropped: tuple[Dropped, ...]
    author: str | None = None
    outlets: dict[str, str] = field(default_factory=dict)  # how it was found -> outlet as written
    url: str | None = None
    page_date: PageDate | None = None
    flags: tuple[str, ...] = ()  # damage found in the text ("markup residue")


# ---------------------------------------------------------------------------------------
# Line shapes

_BULLETS = "-–—•*+›»·▪◦●■□▶►>"
_KEY_STRIP = re.compile(r"[\s" + re.escape(_BULLETS) + r":|,.!?…()\[\]\"'“”/]+")


def _key(folded: str) -> str:
    """Return a folded line reduced to its words, for comparing with cue lists."""
    return " ".join(_KEY_STRIP.sub(" ", folded).split())


def _word_count(text: str) -> int:
    return len(text.split())


_COUNTER_LINE = re.compile(r"^[^\W\d_][^:|]{0,30}?\s*:\s*\d[\d.,]*\s*$")
_COUNTER_INLINE = re.compile(r"(luot xem|luot truy cap|luot doc|da xem|views?)\s*:?\s*\d[\d.,]*")
_ALT_LINE = re.compile(r"(?:^|\s)(?:[-–—]\s*)?(?:hinh )?anh \d{1,2}$")
_FOLLOW_PROMPT = re.compile(r"^theo doi\b.{1,40}\btren\b")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_SOURCE_LINE = re.compile(
    r"^[(\[]?\s*(?:nguon|theo|link bai goc|link goc|bai goc|xem bai goc|source|link)\b"
    r"(?P<name>[^:]{0,60}?)\s*:?\s*(?P<url>https?://\S+?)\s*[)\]]?\s*$"
)
_THEO_CREDIT = re.compile(r"^[(\[]?\s*(?:theo|nguon)\s*:?\s+(?P<name>[^,;]{2,40}?)\s*[)\]]?\s*\.?$")
_SLASH_BYLINE = re.compile(
    r"^(?P<name>[^\W\d_][\w.]*(?:\s+[^\W\d_][\w.]*){0,4})\s*/\s*"
    r"(?P<outlet>[\w][\w.+&\- ]{1,40})$"
)
_OUTLET_ONLY = re.compile(r"^\(\s*(?P<outlet>[^()]{2,40}?)\s*\)\s*[-–—]?\s*$")

# What else a dateline holds besides its date (the date itself is read by text.find_date)
_TIME = re.compile(r"(?<!\d)\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?!\d)")
_WEEKDAY = re.compile(r"\b(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|cn|t[2-7])\b")
_DATE_NOISE = re.compile(r"\b(?:gmt\s*\+?\s*\d+|utc\s*\+?\s*\d*|am|pm|sa|ch|ngay|luc|gio)\b")

# Photo captions: a line ending with a photo credit.
_CAPTION_END = re.compile(
    r"(?:[(\[]\s*(?:anh|nguon|photo|video|do hoa|clip|anh minh hoa|anh tu lieu)\b[^()\[\]]{0,80}[)\]]\s*\.?"
    r"|(?:[.\-–—|]|\s)\s*(?:anh|photo|nguon anh)\s*:\s*[^:]{1,80}?"
    r"|[-–—]\s*anh(?: chup man hinh| minh hoa| tu lieu)\b[^.]{0,40}"
    r"|[-–—]\s*anh\s*:?\s*[\w .,/&]{1,40})\s*\|?\s*$"
)
_TRAILING_PIPE = re.compile(r"\s\|\s*$")
_DIGIT = re.compile(r"\d")


def parse_dateline(text: str, cues: Cues) -> tuple[PageDate | None, bool]:
    """Return (date, is_dateline) for a line that is only a date, time and page labels.

    ``is_dateline`` is True for any date/time line ("14:02 | 04/12/2025 Tin tức",
    "Thứ ba, 28/11/2017 07:00", "Ngày đăng: 18/08/2018", "Tháng 102018"); the date is
    None for a time-only line.
    """
    folded = fold(text).strip(_BULLETS + " ")
    if len(folded) > 80 or not _DIGIT.search(folded):
        return None, False  # a dateline is short and has a date or a time in it
    glued = month_year(folded)
    if glued:
        return (PageDate(*glued, "dateline") if valid_date(*glued) else None), True
    date: PageDate | None = None
    residue = folded
    for label in cues.date_labels:
        residue = residue.replace(label, " ")
    found = find_date(residue)
    if found:
        parts, start, end = found
        if valid_date(*parts):
            date = PageDate(*parts, "dateline")
        residue = residue[:start] + " " + residue[end:]
    had_time = bool(_TIME.search(residue))
    residue = _TIME.sub(" ", residue)
    residue = _WEEKDAY.sub(" ", residue)
    residue = _DATE_NOISE.sub(" ", residue)
    leftover = _key(residue).split()
    if (date is not None or had_time) and len(leftover) <= 3 and len(folded) <= 80:
        return date, True
    return None, False


def _is_share_bar(folded: str, words: list[str], cues: Cues) -> bool:
    if folded.startswith(("a- a a+", "a a a+", "a- a+", "icon ")):
        return True
    if len(words) > 25:
        return False
    plain = [w.strip(",.:|•") for w in words]
    return sum(1 for w in plain if w in cues.social) >= 1 and not ends_sentence(folded) and (
        len(words) <= 6 or "chia se" in folded or "share" in folded or "icon" in folded)


def _is_ui(folded: str, key: str, words: int, cues: Cues) -> bool:
    if key in cues.ui_lines:
        return True
    if words <= 14 and any(p in folded for p in cues.ui_phrases):
        return True
    return bool(words <= 8 and _FOLLOW_PROMPT.match(key))


def _is_counter(folded: str, key: str, cues: Cues) -> bool:
    if key in cues.counter_headers:
        return True
    if _COUNTER_LINE.match(folded.strip(_BULLETS + " ")):
        return True
    return bool(_COUNTER_INLINE.search(folded) and _word_count(folded) <= 25 and not ends_sentence(folded))


def _is_caption(folded: str, words: int) -> bool:
    if words > 60:
        return False
    return bool(_CAPTION_END.search(folded) or (words <= 30 and _TRAILING_PIPE.search(folded)))


def _credit(folded: str, words: int, cues: Cues) -> str | None:
    """Return the credit kind of a short "Ảnh: X" / "Thực hiện: X" line, or None."""
    if words > 15:
        return None
    stripped = folded.strip("()[] " + _BULLETS)
    for prefix in cues.credit_prefixes:
        if re.match(re.escape(prefix) + r"\s*:", stripped):
            return prefix
    if stripped in ("anh minh hoa", "anh tu lieu", "anh internet"):
        return "anh"
    return None


def _labelled_prefix(folded: str, words: int) -> str | None:
    """Return the label of a short "Label: …" line ("doc them", "tags"), or None."""
    if words > 25 or ":" not in folded:
        return None
    return _key(folded.split(":", 1)[0]) or None


def _is_breadcrumb(text: str, folded: str) -> bool:
    if _word_count(text) > 15 or ends_sentence(text):
        return False
    if re.match(r"^trang chu\b", folded):
        return True
    parts = [p for p in re.split(r"\s+(?:-|>|»|/|\|)\s+", text) if p.strip()]
    return len(parts) >= 3 and all(_word_count(p) <= 5 for p in parts)


def _title_like(text: str) -> bool:
    words = _word_count(text)
    if not 3 <= words <= 40 or len(text) > 300:
        return False
    if text.endswith((".", "…", "...", ";", ",")) and not text.endswith(("..?", "?.")):
        return False
    return not (text.endswith(":") and words > 12)


def _heading_like(text: str) -> bool:
    words = _word_count(text)
    if not 1 <= words <= 15 or len(text) > 140:
        return False
    if text[0] in _BULLETS or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘«"):
        return False
    if text.endswith("?"):
        return words <= 10
    return not text.rstrip("\"”’»)").endswith((".", ";", ",", ":", "…"))


def _is_paragraph(text: str) -> bool:
    return _word_count(text) >= 8 or ends_sentence(text)


def name_like(text: str, cues: Cues) -> str | None:
    """Return the name when *text* is a byline: 2-4 capitalised syllables, maybe after "TS."."""
    candidate = re.sub(r"^(?:bài(?: và ảnh)?|tác giả|theo)\s*:\s*", "", text.strip(" .,;-–—"), flags=re.I)
    words = candidate.split()
    while words and fold(words[0]).rstrip(".") in {p.rstrip(".") for p in cues.name_prefixes}:
        words = words[1:]
    if not 2 <= len(words) <= 4:
        return None
    for word in words:
        letters = word.replace("-", "")
        if not (letters.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())):
            return None
    if fold(" ".join(words)) in cues.not_names or fold(" ".join(words[:2])) in cues.not_names:
        return None
    return candidate


def _portrait_caption(text: str, folded: str, cues: Cues) -> bool:
    """Return True for a line that is only an official's title and name (a portrait's caption)."""
    words = text.split()
    if not 3 <= len(words) <= 16 or ends_sentence(text) or not folded.startswith(cues.official_titles):
        return False
    tail = [w for w in words[-3:] if is_capitalised(w) and w.isalpha()]
    return len(tail) >= 2 and len(tail) == len(words[-len(tail):]) and all(
        is_capitalised(w) for w in words[-len(tail):])


def _masthead(folded: str, text: str, cues: Cues) -> bool:
    words = _word_count(text)
    return 2 <= words <= 7 and not ends_sentence(text) and any(
        folded == m or folded.startswith(m + " ") for m in cues.mastheads) and all(
        is_capitalised(w) or w in ("&", "-", "và") for w in text.split())


# ---------------------------------------------------------------------------------------
# The cleaning pass


@dataclass
class _Line:
    text: str
    kind: BlockKind
    folded: str = ""
    role: str = "body"  # body | heading | drop
    reason: str = ""
    nav: bool = False
    teaser: bool = False  # in a run of headline-shaped lines between paragraphs

    def drop(self, reason: str) -> None:
        self.role, self.reason = "drop", reason


_STAMP = re.compile(rf"^date\s+{ISO_DATE}\b\s*")


def _navigation_runs(lines: list[_Line]) -> None:
    """Mark runs of three or more short bulleted menu items as navigation."""
    def candidate(line: _Line) -> bool:
        text = line.text
        marked = text[0] in _BULLETS or "▼" in text or "►" in text
        return marked and _word_count(text) <= 8 and not ends_sentence(text)

    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and candidate(lines[j]):
            j += 1
        if j - i >= 3:
            for line in lines[i:j]:
                line.nav = True
        i = max(j, i + 1)


# A paragraph opening an enumeration ("Thứ nhất, …", "Một là, …", "1. …"): the lines before it
# introduce it (headings), they are not teasers.
_ENUMERATION = re.compile(r"^(?:thu (?:nhat|hai|ba|tu|nam)|mot la|hai la|ba la|\d{1,2}[.)]|[a-e]\))[\s,:]")


def _section_label(text: str, lines: list[_Line], index: int) -> bool:
    """Return True for a few words above a longer headline before the body: the page's
    section names ("Thời sự Xã hội"), not its title."""
    if _word_count(text) > 5 or text.endswith(":"):
        return False  # "Việt Nam-Nhật Bản:" opens a title that goes on in the next line
    following = next((line for line in lines[index + 1:] if line.role != "drop"), None)
    return following is not None and _title_like(following.text) and _word_count(following.text) > _word_count(text) \
        and not ends_sentence(following.text)


def _teaser_runs(lines: list[_Line]) -> None:
    """Mark runs of two or more headline-shaped lines between paragraphs as teasers of a
    related-news box (a single one may be an inner heading; a run of them never is)."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and shapes.headline_shaped(lines[j].text) and lines[j].kind == "text":
            j += 1
        before = lines[i - 1].text if i else ""
        after = lines[j].text if j < len(lines) else ""
        between = _is_paragraph(before) and _word_count(before) >= 15 and _is_paragraph(after)
        if j - i >= 2 and i > 0 and between and not _ENUMERATION.match(fold(after)):
            for line in lines[i:j]:
                line.teaser = True
        i = max(j, i + 1)


def _resumes_body(text: str, following: str) -> bool:
    """Return True when a line inside a box of teasers is the body again: a long finished
    paragraph, or a finished paragraph followed by another (teasers come one at a time,
    short or cut with "…")."""
    if text.endswith(("...", "…")) or not ends_sentence(text):
        return False
    words = _word_count(text)
    return words >= 60 or (words >= 20 and ends_sentence(following) and _word_count(following) >= 15)


def _furniture(text: str, folded: str, vietnamese: bool, body_started: bool, cues: Cues) -> str | None:
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
    if _word_count(text) <= 25 and folded.lstrip(_BULLETS + " ").startswith(cues.box_prompts):
        return "related-content prompt"
    if shapes.unclosed_bracket(text):
        return "related-news teaser"
    if shapes.boxed_row(text):
        return "boxed teaser row"
    return None


def clean(blocks: tuple[Block, ...] | list[Block]) -> Cleaned:
    """Return the cleaned body of a document's blocks, what was dropped and why, and the facts
    (title, author, outlet, URL, page date) that bylines, datelines and source lines carry."""
    cues = load_cues()
    lines: list[_Line] = []
    dropped_fragments: list[Dropped] = []
    flags: list[str] = []
    for block in blocks:
        for part in normalize(block.text).split("\n"):
            if part and shapes.has_markup(part):
                stripped = shapes.strip_markup(part)
                dropped_fragments.append(Dropped(part, "markup residue (tags removed)"))
                if "markup residue" not in flags:
                    flags.append("markup residue")
                part = stripped
            if part:
                lines.append(_Line(part, block.kind))
    page_date: PageDate | None = None
    outlets: dict[str, str] = {}
    author: str | None = None
    url: str | None = None

    # A " date YYYY-MM-DD" stamp in front of the first line (as some exports write it).
    if lines:
        stamp = _STAMP.match(fold(lines[0].text))
        if stamp:
            parts = date_parts(stamp)
            if parts.year is not None and valid_date(*parts):
                page_date = PageDate(*parts, "stamp")
            dropped_fragments.append(Dropped(lines[0].text[: stamp.end()].strip(), "date stamp"))
            lines[0].text = lines[0].text[stamp.end() :].strip()
            if not lines[0].text:
                lines.pop(0)

    # Player messages, unfilled template placeholders and glued spam tokens inside a line.
    for line in lines:
        folded = fold(line.text)
        for fragment in cues.fragments:
            at = folded.find(fragment)
            if at >= 0:
                dropped_fragments.append(Dropped(line.text[at : at + len(fragment)], "media player message"))
                line.text = (line.text[:at] + line.text[at + len(fragment) :]).strip()
                folded = fold(line.text)
        for token, reason in [(t, "template placeholder") for t in shapes.placeholders(line.text)] + [
                (t, "glued spam token") for t in shapes.glued_tokens(line.text)]:
            dropped_fragments.append(Dropped(token, reason))
            line.text = " ".join(line.text.replace(token, " ").split())
            folded = fold(line.text)
        line.folded = folded
    lines = [line for line in lines if line.text]
    _navigation_runs(lines)
    _teaser_runs(lines)
    vietnamese = shapes.vietnamese_share([line.text for line in lines]) >= 0.2

    title: str | None = None
    body_started = False
    in_related = False
    after_teaser = False
    after_caption_marker = ""  # "chu thich anh" or "image": the next line is a caption
    seen: set[str] = set()

    for index, line in enumerate(lines):
        text, folded = line.text, line.folded
        key = _key(folded)
        words = _word_count(text)
        was_teaser, after_teaser = after_teaser, False
        was_marker, after_caption_marker = after_caption_marker, ""
        if line.role == "drop":
            continue
        image_caption = was_marker == "image" and (text.endswith("|") or (words <= 25 and not ends_sentence(text)))
        if words <= 40 and (was_marker == "chu thich anh" or image_caption):
            line.drop("photo caption")
            continue

        if in_related:
            next_text = lines[index + 1].text if index + 1 < len(lines) else ""
            if _resumes_body(text, next_text):
                in_related = False  # the body resumes after a box of teasers
            else:
                line.drop("related news")
                continue
        date, is_dateline = parse_dateline(text, cues)
        if is_dateline:
            labelled = any(folded.startswith(lab) for lab in cues.date_labels)
            if date is not None and page_date is None and (not body_started or labelled):
                page_date = date
                line.drop("dateline")
            else:
                line.drop("timestamp")
            continue
        if line.nav:
            line.drop("navigation menu")
            continue
        furniture = _furniture(text, folded, vietnamese, body_started, cues)
        if furniture:
            line.drop(furniture)
            after_caption_marker = "image" if shapes.image_cell(text) else ""
            if furniture == "related-content prompt" and body_started:
                in_related = True
            continue
        if key in cues.related_headers:
            if body_started:
                in_related = True
                line.drop("related-news header")
            else:
                line.drop("navigation")
            continue
        if _is_counter(folded, key, cues):
            line.drop("visitor counter")
            continue
        if _is_share_bar(folded, folded.split(), cues):
            line.drop("share bar")
            continue
        if _is_ui(folded, key, words, cues):
            line.drop("interface text")
            after_caption_marker = "chu thich anh" if key == "chu thich anh" else ""
            continue
        labelled_prefix = _labelled_prefix(folded, words)
        if labelled_prefix in cues.link_prefixes:
            line.drop("related-news link")
            continue
        if labelled_prefix in cues.tag_prefixes:
            line.drop("tags")
            continue
        if words <= 30 and _ALT_LINE.search(folded):
            line.drop("image alt text")
            continue
        if doubled(text):
            line.drop("related-news teaser")
            after_teaser = True
            continue
        if was_teaser and text.endswith(("...", "…")):
            line.drop("related-news teaser")
            continue
        source = _SOURCE_LINE.match(folded)
        if source and len(folded) == len(text):
            url = url or text[source.start("url") : source.end("url")]
            name = text[source.start("name") : source.end("name")].strip(" :-")
            if name:
                outlets.setdefault("source line", name)
            line.drop("source line")
            continue
        if words <= 3 and _URL.fullmatch(text.strip("<>()[] ")):
            url = url or text.strip("<>()[] ")
            line.drop("source line")
            continue
        credit = _credit(folded, words, cues)
        if credit is not None:
            value = text.split(":", 1)[1].strip(" )]") if ":" in text else ""
            if credit == "nguon" and value:
                outlets.setdefault("source line", value)
                line.drop("source line")
            elif credit in ("bai", "tac gia", "bai va anh", "phong vien") and value:
                author = author or value
                line.drop("byline")
            else:
                line.drop("photo credit" if credit in cues.caption_credits else "credit")
            continue
        theo = _THEO_CREDIT.match(folded)
        if theo and words <= 6:
            name = text[theo.start("name") : theo.end("name")]
            outlets.setdefault("credit", name)
            line.drop("source credit")
            continue
        if _is_caption(folded, words):
            line.drop("photo caption")
            continue
        slash = _SLASH_BYLINE.match(text)
        if slash and words <= 8 and name_like(slash.group("name"), cues):
            author = author or slash.group("name")
            outlets.setdefault("byline", slash.group("outlet").strip())
            line.drop("byline")
            continue
        outlet_only = _OUTLET_ONLY.match(text)
        if outlet_only:
            outlets.setdefault("dateline", outlet_only.group("outlet"))
            line.drop("dateline")
            continue
        if not body_started and _is_breadcrumb(text, folded):
            line.drop("navigation")
            continue
        if title is None and not body_started:
            if line.kind != "title" and _masthead(folded, text, cues):
                outlets.setdefault("masthead", text)
                line.drop("masthead")
                continue
            if line.kind == "title" and not _title_like(text):
                line.kind = "text"  # a lead paragraph marked up as the page's heading stays in the body
            elif line.kind != "title" and _section_label(text, lines, index):
                line.drop("section label")
                continue
            elif line.kind == "title" or _title_like(text):
                title = text
                line.drop("title")
                if text.endswith(":") and index + 1 < len(lines) and _word_count(lines[index + 1].text) <= 12:
                    title = f"{text} {lines[index + 1].text}"
                    lines[index + 1].drop("title")
                continue
            if words <= 4 and not ends_sentence(text):
                line.drop("section label")
                continue
        if not body_started:
            byline = name_like(text, cues)
            if byline and (title is None or fold(text) != fold(title)):
                author = author or byline
                line.drop("byline")
                continue
        if line.teaser and body_started:
            line.drop("related-news teaser")
            continue
        if _portrait_caption(text, folded, cues):
            line.drop("photo caption")
            continue
        if title is not None and (folded == fold(title) or (
                words >= 3 and len(text) >= 0.5 * len(title) and fold(title).startswith(folded))):
            line.drop("repeated title")
            continue
        if key in seen:
            line.drop("duplicate line")
            continue
        seen.add(key)
        if _is_paragraph(text):
            body_started = True

    kept = [line for line in lines if line.role == "body"]
    # A byline at the foot of the article: the last kept lines, when they are a name.
    while kept:
        byline = name_like(kept[-1].text, cues)
        if not byline or len(kept) < 2:
            break
        author = author or byline
        kept[-1].drop("byline")
        kept.pop()
    # Inner headings: short, unpunctuated lines that introduce a paragraph.
    for position, line in enumerate(kept):
        following = kept[position + 1] if position + 1 < len(kept) else None
        if line.kind in ("heading", "title") or (
                following is not None and _heading_like(line.text) and _is_paragraph(following.text)
                and not _heading_like(following.text)):
            line.role = "heading"

    items: list[tuple[BlockKind, str]] = [
        ("heading" if line.role == "heading" else "text", line.text) for line in kept
    ]
    dropped = dropped_fragments + [Dropped(line.text, line.reason) for line in lines
                                   if line.role == "drop" and line.text]
    return Cleaned(title=title, items=tuple(items), dropped=tuple(dropped), author=author, outlets=outlets,
                   url=url, page_date=page_date, flags=tuple(flags))
