"""Cleaning of scraped text: keep the body, drop site noise, turn bylines and datelines into facts.

Every rule here is about the *shape* of a line (length, punctuation, position, repetition,
what comes before and after it) or about kinds of noise shared by many outlets (the cue
phrases in ``data/boilerplate.toml``), never about the lines of particular files. The tests
of one line are in :mod:`.furniture` (page furniture) and :mod:`.bylines` (the facts a line
carries); this module runs them over a page in order, with what the lines before have shown
(where the body starts, a box of related news, the title).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block, BlockKind, Dropped
from ..text import doubled, ends_sentence, fold, normalize
from . import shapes
from .boxes import Line, navigation_runs, resumes_body, section_label, teaser_runs
from .bylines import (
    PageDate,
    bare_url,
    credit_kind,
    credit_value,
    date_stamp,
    lead_tag,
    name_like,
    outlet_only,
    parse_dateline,
    slash_byline,
    source_line,
    tag_name,
    theo_credit,
)
from .cues import Cues, load_cues
from .furniture import (
    alt_text,
    breadcrumb,
    furniture_reason,
    heading_like,
    interface_text,
    labelled_prefix,
    line_key,
    masthead,
    paragraph_like,
    photo_caption,
    portrait_caption,
    share_bar,
    title_like,
    visitor_counter,
    word_count,
)


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
# The cleaning pass


@dataclass
class _Pass:
    """What the pass over one page has found so far, and where on the page it is."""

    lines: list[Line]
    cues: Cues
    vietnamese: bool  # a fifth of its lines or more are Vietnamese
    title: str | None = None
    author: str | None = None
    url: str | None = None
    page_date: PageDate | None = None
    outlets: dict[str, str] = field(default_factory=dict)  # how it was found -> outlet as written
    body_started: bool = False
    in_related: bool = False  # inside a box of related news
    after_teaser: bool = False  # the line before was a teaser printed twice
    after_caption_marker: str = ""  # "chu thich anh" or "image": the next line is a caption
    seen: set[str] = field(default_factory=set)


def _split_lines(blocks: tuple[Block, ...] | list[Block], dropped: list[Dropped], flags: list[str]) -> list[Line]:
    """Return the lines of the blocks (NFC, one space), with markup left in a text removed."""
    lines: list[Line] = []
    for block in blocks:
        for part in normalize(block.text).split("\n"):
            if part and shapes.has_markup(part):
                stripped = shapes.strip_markup(part)
                dropped.append(Dropped(part, "markup residue (tags removed)"))
                if "markup residue" not in flags:
                    flags.append("markup residue")
                part = stripped
            if part:
                lines.append(Line(part, block.kind))
    return lines


def _take_date_stamp(lines: list[Line], dropped: list[Dropped]) -> PageDate | None:
    """Return the date of a " date YYYY-MM-DD" stamp in front of the first line (as some
    exports write it), taking the stamp off the line."""
    stamp = date_stamp(fold(lines[0].text)) if lines else None
    if stamp is None:
        return None
    page_date, end = stamp
    dropped.append(Dropped(lines[0].text[:end].strip(), "date stamp"))
    lines[0].text = lines[0].text[end:].strip()
    if not lines[0].text:
        lines.pop(0)
    return page_date


def _drop_fragments(lines: list[Line], cues: Cues, dropped: list[Dropped]) -> None:
    """Take player messages, unfilled template placeholders and glued spam tokens out of the
    lines, and fold what is left of each."""
    for line in lines:
        folded = fold(line.text)
        for fragment in cues.fragments:
            at = folded.find(fragment)
            if at >= 0:
                dropped.append(Dropped(line.text[at : at + len(fragment)], "media player message"))
                line.text = (line.text[:at] + line.text[at + len(fragment) :]).strip()
                folded = fold(line.text)
        for token, reason in [(t, "template placeholder") for t in shapes.placeholders(line.text)] + [
                (t, "glued spam token") for t in shapes.glued_tokens(line.text)]:
            dropped.append(Dropped(token, reason))
            line.text = " ".join(line.text.replace(token, " ").split())
            folded = fold(line.text)
        line.folded = folded


def _caption_after_marker(line: Line, words: int, was_marker: str) -> bool:
    """Drop the caption under a "Chú thích ảnh" label or an image cell."""
    text = line.text
    image_caption = was_marker == "image" and (text.endswith("|") or (words <= 25 and not ends_sentence(text)))
    if words <= 40 and (was_marker == "chu thich anh" or image_caption):
        line.drop("photo caption")
        return True
    return False


def _related_box(state: _Pass, line: Line, index: int) -> bool:
    """Drop a line inside a box of related news, until the body resumes."""
    if not state.in_related:
        return False
    lines = state.lines
    next_text = lines[index + 1].text if index + 1 < len(lines) else ""
    if resumes_body(line.text, next_text):
        state.in_related = False  # the body resumes after a box of teasers
        return False
    line.drop("related news")
    return True


def _dateline(state: _Pass, line: Line) -> bool:
    """Drop a date or time line; the first dated one before the body (or labelled as the
    page's date) dates the page."""
    date, is_dateline = parse_dateline(line.text, state.cues)
    if not is_dateline:
        return False
    labelled = any(line.folded.startswith(lab) for lab in state.cues.date_labels)
    if date is not None and state.page_date is None and (not state.body_started or labelled):
        state.page_date = date
        line.drop("dateline")
    else:
        line.drop("timestamp")
    return True


def _page_furniture(state: _Pass, line: Line, key: str, words: int, was_teaser: bool) -> bool:
    """Drop navigation, widgets, related-news headers and teasers, counters, share bars,
    interface text, link and tag lines, alt text."""
    text, folded, cues = line.text, line.folded, state.cues
    if line.nav:
        line.drop("navigation menu")
        return True
    furniture = furniture_reason(text, folded, state.vietnamese, state.body_started, cues)
    if furniture:
        line.drop(furniture)
        state.after_caption_marker = "image" if shapes.image_cell(text) else ""
        if furniture == "related-content prompt" and state.body_started:
            state.in_related = True
        return True
    if key in cues.related_headers:
        if state.body_started:
            state.in_related = True
            line.drop("related-news header")
        else:
            line.drop("navigation")
        return True
    reason = ("visitor counter" if visitor_counter(folded, key, cues)
              else "share bar" if share_bar(folded, folded.split(), cues)
              else "interface text" if interface_text(folded, key, words, cues) else None)
    if reason:
        line.drop(reason)
        if reason == "interface text":
            state.after_caption_marker = "chu thich anh" if key == "chu thich anh" else ""
        return True
    prefix = labelled_prefix(folded, words)
    reason = ("related-news link" if prefix in cues.link_prefixes else "tags" if prefix in cues.tag_prefixes
              else "image alt text" if alt_text(folded, words) else None)
    if reason:
        line.drop(reason)
        return True
    if doubled(text):
        line.drop("related-news teaser")
        state.after_teaser = True
        return True
    if was_teaser and text.endswith(("...", "…")):
        line.drop("related-news teaser")
        return True
    return False


def _source_facts(state: _Pass, line: Line, words: int) -> bool:
    """Drop source lines, credits, photo captions and bylines, keeping the URL, outlet and
    author they give."""
    text, folded, cues, outlets = line.text, line.folded, state.cues, state.outlets
    source = source_line(text, folded)
    url = source[0] if source else bare_url(text, words)
    if url is not None:
        state.url = state.url or url
        if source and source[1]:
            outlets.setdefault("source line", source[1])
        line.drop("source line")
        return True
    credit = credit_kind(folded, words, cues)
    if credit is not None:
        value = credit_value(text)
        if credit == "nguon" and value:
            outlets.setdefault("source line", value)
            line.drop("source line")
        elif credit in ("bai", "tac gia", "bai va anh", "phong vien") and value:
            state.author = state.author or value
            line.drop("byline")
        else:
            line.drop("photo credit" if credit in cues.caption_credits else "credit")
        return True
    if (theo := theo_credit(text, folded, words)) is not None:
        outlets.setdefault("credit", theo)
        line.drop("source credit")
    elif photo_caption(folded, words):
        line.drop("photo caption")
    elif (slash := slash_byline(text, words, cues)) is not None:
        state.author = state.author or slash[0]
        outlets.setdefault("byline", slash[1])
        line.drop("byline")
    elif (outlet := outlet_only(text)) is not None:
        outlets.setdefault("dateline", outlet)
        line.drop("dateline")
    else:
        return False
    return True


def _page_head(state: _Pass, line: Line, index: int, words: int) -> bool:
    """Before the body: drop breadcrumbs, mastheads, section labels and the byline, and take
    the title (a title ending with ":" goes on in the next line)."""
    if state.body_started:
        return False
    text, folded, cues, lines = line.text, line.folded, state.cues, state.lines
    if breadcrumb(text, folded):
        line.drop("navigation")
        return True
    if state.title is None:
        if line.kind != "title" and masthead(folded, text, cues):
            state.outlets.setdefault("masthead", text)
            line.drop("masthead")
            return True
        if line.kind == "title" and not title_like(text):
            line.kind = "text"  # a lead paragraph marked up as the page's heading stays in the body
        elif line.kind != "title" and section_label(text, lines, index):
            line.drop("section label")
            return True
        elif line.kind == "title" or title_like(text):
            state.title = text
            line.drop("title")
            if text.endswith(":") and index + 1 < len(lines) and word_count(lines[index + 1].text) <= 12:
                state.title = f"{text} {lines[index + 1].text}"
                lines[index + 1].drop("title")
            return True
        if words <= 4 and not ends_sentence(text):
            line.drop("section label")
            return True
    byline = name_like(text, cues)
    if byline and (state.title is None or fold(text) != fold(state.title)):
        state.author = state.author or byline
        line.drop("byline")
        return True
    return False


def _repeats(state: _Pass, line: Line, key: str, words: int) -> bool:
    """Drop teasers inside the body, portrait captions, the title printed again and lines
    seen before."""
    text, folded, title = line.text, line.folded, state.title
    if line.teaser and state.body_started:
        line.drop("related-news teaser")
    elif portrait_caption(text, folded, state.cues):
        line.drop("photo caption")
    elif title is not None and (folded == fold(title) or (
            words >= 3 and len(text) >= 0.5 * len(title) and fold(title).startswith(folded))):
        line.drop("repeated title")
    elif key in state.seen:
        line.drop("duplicate line")
    else:
        return False
    return True


def _read_lines(state: _Pass) -> None:
    """Give every line its role (body or dropped, with the reason), in page order: what a line
    is depends on the lines before it (a marker, a box of teasers, where the body starts)."""
    for index, line in enumerate(state.lines):
        key = line_key(line.folded)
        words = word_count(line.text)
        was_teaser, state.after_teaser = state.after_teaser, False
        was_marker, state.after_caption_marker = state.after_caption_marker, ""
        if line.role == "drop":
            continue
        if (_caption_after_marker(line, words, was_marker) or _related_box(state, line, index)
                or _dateline(state, line) or _page_furniture(state, line, key, words, was_teaser)
                or _source_facts(state, line, words) or _page_head(state, line, index, words)
                or _repeats(state, line, key, words)):
            continue
        state.seen.add(key)
        if paragraph_like(line.text):
            state.body_started = True


def _foot_byline(state: _Pass, kept: list[Line]) -> None:
    """Drop a byline at the foot of the article: the last kept lines, when they are a name."""
    while kept:
        byline = name_like(kept[-1].text, state.cues)
        if not byline or len(kept) < 2:
            break
        state.author = state.author or byline
        kept[-1].drop("byline")
        kept.pop()


def _mark_headings(kept: list[Line]) -> None:
    """Mark inner headings: short, unpunctuated lines that introduce a paragraph, or a heading
    of their own (a section's heading over its first subheading; no longer run, which would be
    a box of headlines)."""
    for position in range(len(kept) - 1, -1, -1):
        line = kept[position]
        following = kept[position + 1] if position + 1 < len(kept) else None
        after = kept[position + 2] if position + 2 < len(kept) else None
        introduces = following is not None and paragraph_like(following.text) and not heading_like(following.text)
        # (Where the format marks its headings, they are its own; a table's row is no heading.)
        over_subheading = (following is not None and following.role == "heading" and after is not None
                           and after.role != "heading" and heading_like(following.text)
                           and following.kind not in ("heading", "title") and "|" not in line.text)
        # Over a subheading, a section's heading may be a little longer (the subheading shows it is one).
        if line.kind in ("heading", "title") or (heading_like(line.text) and introduces) or \
                (heading_like(line.text, most=20) and over_subheading):
            line.role = "heading"


def _strip_lead_tag(items: list[tuple[BlockKind, str]], dropped: list[Dropped], outlets: dict[str, str]) -> None:
    """Leave the outlet's tag out of the lead ("(VOH) - Việc thực hiện …"): it is the outlet's
    mark (kept as the outlet its dateline names), not the first words of the story a pack quotes."""
    texts = [n for n, (kind, _) in enumerate(items) if kind == "text"][:3]  # a sapo may come before the lead
    for lead in texts:
        text = items[lead][1]
        tag = lead_tag(text, " ".join(t for n, (_, t) in enumerate(items) if n != lead))
        if tag is not None:
            break
    else:
        return
    items[lead] = ("text", text[len(tag):].lstrip())
    dropped.append(Dropped(tag, "outlet tag"))
    outlets.setdefault("dateline", tag_name(tag))
    # Without its tag, a lead the body prints again is a duplicate line like any other.
    for n in range(len(items) - 1, lead, -1):
        if items[n] == items[lead]:
            dropped.append(Dropped(items.pop(n)[1], "duplicate line"))


def clean(blocks: tuple[Block, ...] | list[Block]) -> Cleaned:
    """Return the cleaned body of a document's blocks, what was dropped and why, and the facts
    (title, author, outlet, URL, page date) that bylines, datelines and source lines carry."""
    cues = load_cues()
    dropped_fragments: list[Dropped] = []
    flags: list[str] = []
    lines = _split_lines(blocks, dropped_fragments, flags)
    page_date = _take_date_stamp(lines, dropped_fragments)
    _drop_fragments(lines, cues, dropped_fragments)
    lines = [line for line in lines if line.text]
    navigation_runs(lines)
    teaser_runs(lines)
    state = _Pass(lines, cues, shapes.vietnamese_share([line.text for line in lines]) >= 0.2, page_date=page_date)
    _read_lines(state)
    kept = [line for line in lines if line.role == "body"]
    _foot_byline(state, kept)
    _mark_headings(kept)
    items: list[tuple[BlockKind, str]] = [
        ("heading" if line.role == "heading" else "text", line.text) for line in kept
    ]
    _strip_lead_tag(items, dropped_fragments, state.outlets)
    dropped = dropped_fragments + [Dropped(line.text, line.reason) for line in lines
                                   if line.role == "drop" and line.text]
    return Cleaned(title=state.title, items=tuple(items), dropped=tuple(dropped), author=state.author,
                   outlets=state.outlets, url=state.url, page_date=state.page_date, flags=tuple(flags))
