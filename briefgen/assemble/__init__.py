"""The assembler: choose the passages and figures of a briefing pack, order them, merge
near-duplicates and number the citations.

A :class:`Pack` is plain data (sections of cited items and a numbered reference list);
the renderers only lay it out. Everything here works from the index, so a pack can be
assembled, inspected and tested without rendering it.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from ..annotate.passages import PASSAGE_THEME_MIN, figure_year, tells_own_meeting, written_years
from ..annotate.people import extract as extract_people
from ..annotate.people import foreign_name, person_key
from ..annotate.resolve import event_ordinals, same_series
from ..annotate.themes import score
from ..annotate.themes import scores as theme_scores
from ..model import (
    Citation,
    CitedPassage,
    Figure,
    FigureRow,
    Item,
    Metadata,
    Pack,
    Passage,
    PassageSummary,
    Person,
    PersonRow,
    Reference,
    ReviewNote,
    Section,
    Taxonomy,
    Theme,
)
from ..store import Store
from ..text import ends_sentence, fold, iso_year_month, parse_iso_date, sentences
from . import chronology, plan
from .figures import ABSTRACT, abstract_count, judged, one_of
from .headlines import (
    BODY_FLOOR,
    POINT_FLOOR,
    UNTHEMED_FLOOR,
    group_score,
    headline_span,
    leans_on_before,
    one_days_news,
    open_quote,
    opening_year,
    running_total,
    substance,
    tells_novelty,
    told_to_the_press,
    with_quote_closed,
)
from .rank import (
    assigned_themes,
    by_years,
    lead_theme,
    merge_duplicates,
    merge_restated,
    months,
    named_summits,
    partners,
    same_event,
    same_summit,
    sentence_at,
    shared_wording,
    shortlist,
    strongest,
    weight,
    without_ordinal,
    without_span,
)

KEY_POINTS_MIN = 5


KEY_POINTS_MAX = 8
# "Now", in a figure's sentence: the figure is a standing count or size ("hiện nay, Việt Nam có quan
# hệ ngoại giao với 189 quốc gia", "ở thời điểm hiện nay, … thị trường khoảng 500 triệu dân"), folded.
# ("thực hiện tại 12 địa phương" is "carried out in", not "now": "hiện tại" only opens its clause.)
_AT_PRESENT = re.compile(r"(?<!\w)hien nay(?!\w)|(?:^|[,;:(]\s*|(?<!\w)(?:o|vao|thoi diem)\s+)hien tai(?!\w)")
# A sentence that opens on what came before ("Trước đó, …", "Trước đây, …"), folded.
_BEFORE_THAT = re.compile(r"^\W*(?:truoc do|truoc day|tu truoc den nay)\b")
# What a second point from one source loses when that source reviews the pack's year (it lists
# the year's results: several of them are headlines), against 1.5 for any other.
REVIEW_REPEAT = 0.5
# The key-figures table is printed from this many rows.
KEY_FIGURES_MIN = 2


KEY_FIGURES_MAX = 25  # the table shows the figures of the strongest passages, not every number


CITATIONS_MAX = 4  # an item cites at most this many sources (the same story republished more often)


# A briefing is read, not searched: each part keeps its strongest passages, in reading order.
GROUP_MAX = 6  # results per theme, passages per year of a theme pack


TASKS_MAX = 15  # tasks set for a year, tasks set for the next year


PEOPLE_MAX = 30


# Passages read in full per part of a pack (per theme, per year, per kind of list), the
# strongest first: several times what a part shows, so merging duplicates has room.
SHORTLIST = 40


def lead_words(text: str, count: int = 10) -> str:
    """Return the first *count* words of a text, without the punctuation they end on."""
    words = text.split()[:count]
    return " ".join(words).rstrip(",.;:!?…") if words else ""


def _published(info: dict[str, tuple[str, Metadata, str]], source_id: str) -> str | None:
    """Return the date of a source of *info* (the store's source_info), or None."""
    meta = info.get(source_id)
    return meta[1].published if meta else None


class _Citer:
    """Numbers references in order of first use."""

    def __init__(self, metas: dict[str, tuple[str, Metadata, str]]) -> None:
        self.metas = metas
        self.numbers: dict[str, int] = {}
        self.passages: dict[tuple[str, int], CitedPassage] = {}

    def published(self, source_id: str) -> str | None:
        """Return a source's date (ISO, maybe a month or a year), or None when it has none."""
        return _published(self.metas, source_id)

    def cite(self, passages: Iterable[Passage], limit: int | None = None) -> tuple[Citation, ...]:
        """Return the citations of *passages*: one a source (its first passage given), at most
        *limit* sources."""
        result = []
        seen: set[str] = set()
        for p in passages:
            if p.source_id in seen:
                continue  # a source's lead merged with the paragraph that repeats it: one citation
            if limit is not None and len(seen) >= limit:
                break
            seen.add(p.source_id)
            if p.source_id not in self.numbers:
                self.numbers[p.source_id] = len(self.numbers) + 1
            self.passages[(p.source_id, p.passage)] = CitedPassage(
                p.source_id, p.passage, p.start, p.end, hashlib.sha256(p.text.encode()).hexdigest())
            result.append(Citation(self.numbers[p.source_id], p.source_id, p.passage))
        return tuple(result)

    def references(self, store: Store) -> tuple[Reference, ...]:
        refs = []
        for source_id, number in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            path, meta, _ = self.metas[source_id]
            lead = None
            if not meta.title:
                passages = store.source_passages(source_id)
                lead = lead_words(passages[0].text) if passages else None
            refs.append(Reference(number=number, source_id=source_id, path=path, title=meta.title, outlet=meta.outlet,
                                  author=meta.author, published=meta.published,
                                  published_certainty=meta.published_certainty, url=meta.url, lead=lead))
        return tuple(refs)

    def inputs(self) -> tuple[str, ...]:
        return tuple(sorted(f"{sid}:{self.metas[sid][2]}" for sid in self.numbers))

    def cited(self) -> tuple[CitedPassage, ...]:
        return tuple(self.passages[key] for key in sorted(self.passages))


def _order_key(info: dict[str, tuple[str, Metadata, str]]) -> Callable[[Passage], tuple[str, str, int]]:
    """Return a sort key: publication date (unknown last), then source, then position."""
    def key(p: Passage) -> tuple[str, str, int]:
        meta = info[p.source_id][1]
        return (meta.published or "9999", p.source_id, p.passage)
    return key


@dataclass(frozen=True)
class Keyed:
    """The key points: each one's passage with its number and sentence, and each sentence's
    text, so that another passage quoting the same sentence (a lead the body repeats) points
    to it too."""

    spans: dict[tuple[str, int], tuple[int, tuple[int, int]]]
    sentences: dict[str, int]
    # Each key point's passage, by its number.
    leads: dict[int, Passage] = field(default_factory=dict)
    # The passages left out of the body because they said nothing but a key point: the key
    # point cites them instead (by its number).
    absorbed: dict[int, list[Passage]] = field(default_factory=dict)

    def of(self, passage: Passage) -> tuple[int, tuple[int, int]] | None:
        """Return the key point a passage holds (its number, the sentence's span), or None."""
        found = self.spans.get((passage.source_id, passage.passage))
        if found is not None:
            return found
        for sentence, number in self.sentences.items():
            at = passage.text.find(sentence)
            if at >= 0:
                return number, (at, at + len(sentence))
            told = _wording(sentence).search(passage.text)
            if told is not None:  # the same sentence, written "05 năm" or cut short by the excerpt
                end = next((b for a, b in sentences(passage.text) if a <= told.start() < b), told.end())
                return number, (told.start(), max(end, told.end()))
        return None

    def restated(self, passage: Passage) -> int | None:
        """Return the number of the key point whose statement a paragraph of the same source says
        again, or None: one sentence, no date of its own, naming the key point's speaker and
        partner ("Trả lời câu hỏi …, bà Lê Thị Thu Hằng nhấn mạnh Việt Nam yêu cầu Trung Quốc …"
        in the report whose lead the key point quotes: "Ngày 26/8, … Lê Thị Thu Hằng nêu rõ việc
        Trung Quốc …")."""
        if len(sentences(passage.text)) > 1 or months(passage.text, passage.years):
            return None
        named = {person_key(p.name) for p in passage.people}
        for number, lead in self.leads.items():
            if lead.source_id != passage.source_id or lead.passage == passage.passage:
                continue
            said = lead.text[slice(*self.spans[(lead.source_id, lead.passage)][1])]
            if named & {person_key(p.name) for p in lead.people} and partners(passage.text) & partners(lead.text) \
                    and shared_wording(passage.text, said) >= RESTATED_OVERLAP:
                return number
        return None

    def of_source(self, source_id: str) -> tuple[int, tuple[int, int]] | None:
        """Return the first key point a source's passage gives (its number, its sentence's span), or None."""
        return min((v for (sid, _), v in self.spans.items() if sid == source_id), default=None)


# … and says it in the same words: this share of its word pairs, names aside ("tập trận", "quần
# đảo", "vi phạm", "chủ quyền"); the same speaker asking something else says other words.
RESTATED_OVERLAP = 0.15


@cache
def _wording(sentence: str) -> re.Pattern[str]:
    """Return a pattern of *sentence*'s words in order, numbers with or without leading zeros
    ("05 năm", "5 năm"), without its last word when it does not end a sentence (an excerpt cut
    it: "… khó khăn, thách th")."""
    words = sentence.split()
    if words and not ends_sentence(sentence):
        words = words[:-1]
    return re.compile(r"\s+".join(rf"0*{w.lstrip('0') or '0'}(?!\d)" if w.isdigit() else re.escape(w) for w in words))


def of_year(text: str, year: int) -> str:
    """Return the sentences of *text* that are about *year*: a passage that mixes years is
    filed by sentence, so a sentence whose own dates are all of another year is left out
    (the events of February 2022 that a list of 2023's tasks opens with)."""
    kept = [text[a:b].strip() for a, b in sentences(text) or [(0, len(text))]
            if not (found := written_years(text[a:b])) or year in found]
    return " ".join(kept)


def _without_last(text: str, drop: Callable[[str], bool]) -> str | None:
    """Return *text* without its last sentence when *drop* says so of it and the sentences
    before say 8 words or more on their own; None otherwise."""
    spans = sentences(text)
    if len(spans) < 2 or not drop(text[spans[-1][0]:spans[-1][1]].rstrip()):
        return None
    kept = text[: spans[-1][0]].rstrip()
    return kept if len(kept.split()) >= 8 else None


def without_referent_lead(text: str) -> str:
    """Return an item's *text* without its first sentence when that sentence refers to the
    paragraph before ("Đó là nhận định của TS …", "Điều này …") and the pack does not print
    that paragraph just before it, so no item opens on a referent the reader was not given; the
    rest must say 8 words or more, else the text is kept whole."""
    spans = sentences(text)
    if len(spans) < 2 or not leans_on_before(text[spans[0][0]:spans[0][1]], referent=True):
        return text
    rest = text[spans[1][0]:].strip()
    return rest if len(rest.split()) >= 8 else text


def without_closing_question(text: str) -> str:
    """Return *text* without the question it closes on ("Vậy, quan điểm của … như thế nào?"),
    the article's turn to what comes next, when the sentences before it say 8 words or more."""
    kept = _without_last(text, lambda last: last.rstrip(" \"”’»)").endswith("?"))
    return text if kept is None else kept


# The mark a Vietnamese news article ends on ("… luật pháp quốc tế./."): the article's end, not
# its words; an item ends on its sentence's own stop.
_END_MARK = re.compile(r"(?<=[.!?”\"’»)])\s*/\.\s*$")


def without_end_mark(text: str) -> str:
    """Return *text* without the end-of-article mark "/." after its last stop."""
    return _END_MARK.sub("", text)


def _ends_alike(passage_text: str, text: str) -> bool:
    """Whether an item's *text* ends where its passage does (with a key point's sentence taken
    out of its middle, or another year's, the rest is rejoined, its spaces made single)."""
    tail = " ".join(text.split())[-60:]
    return bool(tail) and " ".join(passage_text.split()).endswith(tail)


_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|…)+\s*$")


def whole_sentences(text: str) -> str:
    """Return *text* without the sentence the excerpt's end cut short, when the sentences before
    it say enough (8 words) on their own: a reader is given whole sentences, and " …" after
    them says the source goes on. A sentence that trails off in an ellipsis before the cut one
    ("Bên cạnh các hoạt động của …, Liên hiệp các Hội …... Liên hiệp Hữu nghị đã đăng cai và t")
    is part of it."""
    def trails_off(last: str) -> bool:
        return _TRAILING_ELLIPSIS.search(last) is not None
    kept = _without_last(text, lambda last: trails_off(last) or not last.endswith((".", "!", "?", "”", "\"", ")")))
    while kept is not None and (shorter := _without_last(kept, trails_off)) is not None:
        kept = shorter  # "… Việt Nam... Liên hiệp đã đăng cai và t": the ellipsis was inside the cut sentence
    return text.rstrip() if kept is None else kept


# A sentence that announces the parts it goes on to list ("… đưa vào 2 nội dung hết sức quan
# trọng.", "… gồm 3 điểm sau:"), folded: before an excerpt's cut, the list is what the cut took.
_ANNOUNCES = re.compile(rf"\b\d{{1,2}}\s+(?:{'|'.join(ABSTRACT)})\b[^.;:!?]{{0,40}}[.:]\W*$")


def without_announcement(text: str) -> str | None:
    """Return an excerpt's last whole sentences (*text*) without the last of them when it
    announces parts the cut took, or None when nothing of 8 words is left without it."""
    spans = sentences(text)
    if not spans or not _ANNOUNCES.search(fold(text[spans[-1][0]:spans[-1][1]])):
        return text
    kept = text[: spans[-1][0]].rstrip()
    return kept if len(kept.split()) >= 8 else None


# A cut sentence that is all an item has must hold this many words to be printed: a news
# sentence runs to about thirty, and one cut sooner has lost what it says ("Phó Thủ tướng cho
# biết tham gia CPTPP với tư cách là một trong những thành viên đầu tiên sẽ thể hiện mạnh mẽ chủ").
CUT_FRAGMENT_WORDS = 30


def cut_short(text: str) -> str | None:
    """Return an item's *text* that the excerpt's end cut, as a pack prints it: its whole
    sentences (:func:`whole_sentences`) — without the last when it announces parts the cut took
    (:func:`without_announcement`; None when nothing is left) — or, where the cut sentence must
    stay, that sentence without its last word, which the cut may have split ("… của các nước
    trong k"); then " …", once (a text that ends on an ellipsis of its own ends on a whole
    word, and the ellipsis is not doubled). A cut sentence that is all there is and holds fewer
    than :data:`CUT_FRAGMENT_WORDS` words says nothing yet ("Chủ tịch nước nêu rõ, tinh thần chỉ
    đạo của …"): None."""
    kept = whole_sentences(text)
    if kept == text.rstrip() and len(kept.split()) < CUT_FRAGMENT_WORDS and not sentences(kept)[:-1] and \
            not _TRAILING_ELLIPSIS.search(kept):  # a list the source itself ends on "..." said what it lists
        return None
    if kept != text.rstrip():
        announced = without_announcement(kept)
        if announced is None:
            return None
        kept = announced
    if _TRAILING_ELLIPSIS.search(kept):
        kept = _TRAILING_ELLIPSIS.sub("", kept)
    elif kept == text.rstrip() and len(kept.split()) > 8:
        kept = kept[: kept.rstrip().rfind(" ")].rstrip(" ,;:–-")
    return f"{kept} …"


def _items(groups: list[tuple[Passage, list[Passage]]], citer: _Citer, whole: bool = True,
           keyed: Keyed | None = None, year: int | None = None, floor: float | None = None,
           left: list[tuple[Item, list[Passage]]] | None = None) -> tuple[Item, ...]:
    """Return the items of *groups*: whole passages, or (not *whole*) the key points, each its
    passage's headline sentence. A passage whose sentence is a key point keeps the rest of
    its text and points to it; one with nothing else to say is left out (the key point says it),
    and so is one whose text says too little a review reports (under *floor*, see
    :data:`.headlines.BODY_FLOOR`: it goes, uncited, with its passages to *left*, where the plan
    table may still quote it)."""
    items: list[Item] = []
    last: tuple[str, int] | None = None  # the source paragraph the last item ends on (it may join two)
    for passage, dups in groups:
        point = keyed.of(passage) if whole and keyed is not None else None
        if not whole:
            text = sentence_at(passage, headline_span(passage))
            text = with_quote_closed(text)
        elif point is not None:
            text = without_span(passage, point[1])
            if len(text.split()) < 8:
                if keyed is not None:
                    keyed.absorbed.setdefault(point[0], []).extend([passage, *dups])
                continue
        else:
            text = passage.text
            restated = keyed.restated(passage) if whole and keyed is not None else None
            if restated is not None and keyed is not None:
                keyed.absorbed.setdefault(restated, []).extend([passage, *dups])
                continue  # the key point's statement said again: the key point cites it
        if year is not None:
            text = of_year(text, year)
            if len(text.split()) < 8:
                continue  # what it says of this year is too little to stand alone
        follows = last == (passage.source_id, passage.passage - 1)  # the pack prints the paragraph before it
        if whole and not follows:
            text = without_referent_lead(text)
            told = point or (keyed.of_source(passage.source_id) if keyed is not None else None)
            if told is not None and _BEFORE_THAT.match(fold(text)):
                # "Trước đó, …" without the paragraph it follows: what came before the event its
                # source's key point tells, background to it (the key point cites it)
                if keyed is not None:
                    keyed.absorbed.setdefault(told[0], []).extend([passage, *dups])
                continue
        if whole:
            text = without_ordinal(text)
        item = Item(text=text, citations=(), source_id=passage.source_id,
                    passage=passage.passage, kind=passage.kind, years=passage.years,
                    themes=assigned_themes(passage), heading=passage.heading,
                    key_point=point[0] if point else None,
                    published=citer.published(passage.source_id),
                    day=None if whole else chronology.day_note(text, citer.published(passage.source_id),
                                                               passage.years))
        if floor is not None and substance(text, passage) < floor:
            if point is not None and keyed is not None:
                keyed.absorbed.setdefault(point[0], []).extend([passage, *dups])
            if left is not None:
                left.append((item, [passage, *dups]))
            continue  # a ceremony, a meeting's procedure, praise of everything: nothing to report
        # Cut: the source's excerpt ends here, mid-sentence.
        if passage.cut and _ends_alike(passage.text, text):
            shown = cut_short(text)
            if shown is None:
                if point is not None and keyed is not None:
                    keyed.absorbed.setdefault(point[0], []).extend([passage, *dups])
                elif left is not None:
                    left.append((item, [passage, *dups]))  # the plan table may still quote its clauses
                continue  # all it had left announced what the cut took ("… đưa vào 2 nội dung …")
            text = shown
        else:
            text = without_closing_question(text)
        item = replace(item, text=text, citations=citer.cite([passage, *dups], CITATIONS_MAX))
        before = items[-1] if follows else None  # the item that ends on the paragraph before this one
        last = (passage.source_id, passage.passage)
        if before is not None and (before.text.rstrip().endswith(":") or (
                open_quote(before.text) and not open_quote(f"{before.text} {item.text}"))):
            # A paragraph that ends on a colon introduces the next one (a spokesperson "nêu rõ:",
            # then the statement), and one that opens a quotation the next closes goes on in it:
            # one item, as the source reads.
            cited = {c.source_id for c in before.citations}
            more = tuple(c for c in item.citations if c.source_id not in cited)
            items[-1] = replace(before, text=f"{before.text.rstrip()} {item.text}", citations=before.citations + more)
            continue
        items.append(item)
    return tuple(replace(i, text=without_end_mark(i.text)) for i in items)


def _absorb(key_points: Section, keyed: Keyed, citer: _Citer) -> Section:
    """Return the key points citing, besides their own sources, the passages the body left out
    because they said nothing else (at most CITATIONS_MAX sources an item)."""
    items = []
    for item in key_points.items:
        found = keyed.spans.get((item.source_id, item.passage))
        extra = keyed.absorbed.get(found[0], []) if found else []
        cited = {c.source_id for c in item.citations}
        more = [passage for passage in extra if passage.source_id not in cited]
        room = CITATIONS_MAX - len(item.citations)
        if more and room > 0:  # cite() takes each source once, at most *room* of them
            item = replace(item, citations=(*item.citations, *citer.cite(more, room)))
        items.append(item)
    return replace(key_points, items=tuple(items))


def _keyed(points: list[tuple[Passage, list[Passage]]]) -> Keyed:
    """Return the key points' passages, numbered from 1, with the sentence each one gave."""
    spans: dict[tuple[str, int], tuple[int, tuple[int, int]]] = {}
    sentences: dict[str, int] = {}
    leads: dict[int, Passage] = {}
    for n, (lead, _) in enumerate(points, 1):
        leads[n] = lead
        a, b = span = headline_span(lead)
        spans[(lead.source_id, lead.passage)] = (n, span)
        sentence = lead.text[a:b].strip()
        if len(sentence.split()) >= 8:
            sentences[sentence] = n
    return Keyed(spans, sentences, leads=leads)


# Two key points that write this many syllables in a row alike, none of them a capital's (a name's
# or a title's: "Ủy viên không thường trực Hội đồng Bảo an" is said of many events), tell one thing
# twice ("… ban hành Chỉ thị về đẩy mạnh và nâng tầm đối ngoại đa phương …" in a review's summary
# of the year and in the report of the directive).
RETOLD_WORDS = 8
_SYLLABLE = re.compile(r"\w+")


def retells(a: str, b: str) -> bool:
    """Whether two sentences write RETOLD_WORDS syllables or more in a row alike (folded), none
    of them written with a capital."""
    words_a, words_b = _SYLLABLE.findall(a), _SYLLABLE.findall(b)
    if min(len(words_a), len(words_b)) < RETOLD_WORDS:
        return False
    matcher = difflib.SequenceMatcher(None, [fold(w) for w in words_a], [fold(w) for w in words_b], autojunk=False)
    for block in matcher.get_matching_blocks():
        run = 0
        for word in words_a[block.a : block.a + block.size]:
            run = 0 if word[:1].isupper() else run + 1
            if run >= RETOLD_WORDS:
                return True
    return False


def _same_story(a: Passage, b: Passage) -> bool:
    """Whether two paragraphs of one source tell its one story: *a* names a partner *b* names and
    no date of its own ("Tại thủ đô Tokyo, … Chủ tịch nước khẳng định …" in the report of the
    visit a key point already tells)."""
    return a.source_id == b.source_id and not months(a.text, a.years) and bool(partners(a.text) & partners(b.text))


# A theme pack's key point says its theme at least this share of the sentence's strongest theme
# (when that one is said plainly, at least PASSAGE_THEME_MIN).
THEME_POINT_SHARE = 0.5


def _key_points(groups: list[tuple[Passage, list[Passage]]], theme: str | None,
                taxonomy: Taxonomy | None = None, titles: dict[str, str] | None = None,
                reviews: frozenset[str] = frozenset()) -> list[tuple[Passage, list[Passage]]]:
    """Return up to 8 headlines (:mod:`.headlines`), from as many sources and themes as the
    corpus offers: a second point from one source or theme must be that much stronger, and
    every point but the first must score :data:`.headlines.POINT_FLOOR` (a pack with results
    always has one).

    A key point's sentence is about the pack's year: the year every candidate is about (a
    year pack's passages all are; a theme pack's share none), so a sentence whose own dates
    all lie in other years (a document's date among them), or that opens with another year
    ("Trong năm 2020, …" in the review of 2021), is not one. Two tellings of one event
    (:func:`.rank.same_event`, a source's own paragraphs too) make one key point. A point's
    field, which a second point of the same field must outweigh, is its sentence's (with
    *taxonomy*; "kim ngạch xuất khẩu … 600 tỷ USD" is economic diplomacy in a paragraph on the
    pandemic), else its passage's. A passage that names its source's meeting bare ("Hội nghị
    đã quán triệt …") tells the event its source's title names (*titles*: "Hội nghị Ngoại giao
    lần thứ 31 …"): one point for that event, as for two that write its ordinal.

    In a theme pack every point is of the theme, so a second point of the same year, not of the
    same field, must be the stronger, and a sentence that names the theme as one field among
    stronger ones (praise of the year that lists every field) is no point of it."""
    common = set.intersection(*(set(g[0].years) for g in groups)) if groups else set()
    # Each candidate's sentence, found once: the filters and its field read it.
    said_of = {id(g): g[0].text[slice(*headline_span(g[0]))] for g in groups}

    def of_pack_year(g: tuple[Passage, list[Passage]]) -> bool:
        sentence = said_of[id(g)]
        found = written_years(sentence) | {y for y, _ in months(sentence) if y is not None}
        opening = opening_year(sentence)
        return not common or ((not found or bool(found & common)) and (opening is None or opening in common))

    def of_pack_theme(g: tuple[Passage, list[Passage]]) -> bool:
        if theme is None or taxonomy is None:
            return True
        said = theme_scores(said_of[id(g)], taxonomy)
        strongest = max(said.values(), default=0.0)
        return strongest < PASSAGE_THEME_MIN or said.get(theme, 0.0) >= THEME_POINT_SHARE * strongest

    def lists_every_field(g: tuple[Passage, list[Passage]]) -> bool:
        # … praise of the whole work, unless the list says what was done ("hoàn thành thắng lợi
        # nhiệm vụ Chủ tịch ASEAN, AIPA, …": the year's results, told in one sentence)
        sentence = said_of[id(g)]
        return taxonomy is not None and lists_fields(sentence, taxonomy) and not tells_novelty(sentence)

    groups = [g for g in groups if of_pack_year(g) and of_pack_theme(g) and not lists_every_field(g)]
    scores = {id(g): group_score(g[0], g[1], weight(g[0], theme)) for g in groups}

    def field(g: tuple[Passage, list[Passage]]) -> tuple[str, ...]:
        p = g[0]
        if theme is not None:  # every point is of the theme: spread them over its years instead
            return tuple(f"year {y}" for y in p.years[:1])
        if taxonomy is not None:
            said = sorted(theme_scores(said_of[id(g)], taxonomy).items(), key=lambda kv: (-kv[1], kv[0]))
            if said and said[0][1] >= PASSAGE_THEME_MIN:
                return (said[0][0],)
        return assigned_themes(p)[:1]
    fields = {id(g): field(g) for g in groups}  # read once, not at every pick
    # The ordinals the candidates give each summit's name: a name said bare is the numbered one
    # only when the series met once (ASEAN's two summits of a year are told bare as well).
    ordinals: dict[tuple[str, ...], set[str]] = {}
    for g in groups:
        for names, nth in named_summits(said_of[id(g)]):
            if nth is not None:
                ordinals.setdefault(names, set()).add(nth)

    def numbered(names: tuple[str, ...]) -> int:
        return len(set().union(*(v for k, v in ordinals.items() if k[:len(names)] == names[:len(k)])))

    ranked = sorted(groups, key=lambda g: -scores[id(g)])
    chosen: list[tuple[Passage, list[Passage]]] = []
    used_sources: dict[str, int] = {}
    used_themes: dict[str, int] = {}
    while ranked and len(chosen) < KEY_POINTS_MAX:
        def gain(g: tuple[Passage, list[Passage]]) -> float:
            p = g[0]
            lead = fields[id(g)]
            per_use = REVIEW_REPEAT if p.source_id in reviews else 1.5
            repeat = used_sources.get(p.source_id, 0) * per_use + (used_themes.get(lead[0], 0) * 1.5 if lead else 0)
            return scores[id(g)] - repeat
        best = max(ranked, key=gain)
        if chosen and gain(best) < POINT_FLOOR:
            break  # a weak candidate is no headline: fewer key points rather than filler
        ranked.remove(best)
        chosen.append(best)
        told = (best[0], *best[1])
        ranked = [g for g in ranked if not any(same_event(g[0], p) or _same_story(g[0], p) for p in told)
                  and not _one_numbered_event(g[0], best[0], titles or {})
                  and not retells(said_of[id(g)], said_of[id(best)])
                  and not (set(g[0].years) & set(best[0].years)
                           and same_summit(said_of[id(g)], said_of[id(best)], numbered))]
        used_sources[best[0].source_id] = used_sources.get(best[0].source_id, 0) + 1
        for t in fields[id(best)]:
            used_themes[t] = used_themes.get(t, 0) + 1
    return chosen


def _numbered_events(passage: Passage, titles: dict[str, str]) -> dict[str, set[str]]:
    """Return the events of a series a passage tells (series -> ordinals): those it writes, and
    for one that names its source's meeting bare, those its source's title writes."""
    found = event_ordinals(passage.text)
    title = titles.get(passage.source_id)
    if title and tells_own_meeting(passage.text):
        for series, ordinals in event_ordinals(title).items():
            found.setdefault(series, set()).update(ordinals)
    return found


def _one_numbered_event(a: Passage, b: Passage, titles: dict[str, str]) -> bool:
    """Whether two passages tell one numbered event ("Hội nghị Ngoại giao lần thứ 31")."""
    if a.source_id == b.source_id:
        return False  # a source's own paragraphs are compared by same_event
    events_a, events_b = _numbered_events(a, titles), _numbered_events(b, titles)
    return any(same_series(x, y) and events_a[x] & events_b[y] for x in events_a for y in events_b)


def _absorb_told(groups: list[tuple[Passage, list[Passage]]], points: list[tuple[Passage, list[Passage]]],
                 keyed: Keyed, titles: dict[str, str]) -> list[tuple[Passage, list[Passage]]]:
    """Return *groups* without the paragraphs of no field of their own that tell, naming their
    source's meeting bare, the numbered event a key point tells ("Hội nghị đã quán triệt …" of
    the 31st Diplomatic Conference): the key point cites them instead."""
    kept = []
    for group in groups:
        lead = group[0]
        told = None if assigned_themes(lead) or not tells_own_meeting(lead.text) else next(
            (n for n, point in enumerate(points, 1) if point[0] is not lead
             and _one_numbered_event(lead, point[0], titles)), None)
        if told is None:
            kept.append(group)
        else:
            keyed.absorbed.setdefault(told, []).extend([lead, *group[1]])
    return kept


def _figure_rows(groups: list[tuple[Passage, list[Passage]]], citer: _Citer, year: int | None,
                 theme: str | None = None) -> tuple[FigureRow, ...]:
    rows: list[FigureRow] = []
    leads: list[str | None] = []  # each row's passage's lead theme: figures of one field are compared
    seen: set[tuple[float, str]] = set()
    heads: set[tuple[str, float, tuple[str, ...]]] = set()  # (source, value, counted noun's words)
    with_figures = [g for g in groups if g[0].figures]
    if len(with_figures) > KEY_FIGURES_MAX:  # keep the strongest passages, in reading order
        strongest = {id(g) for g in sorted(with_figures, key=lambda g: -weight(g[0], theme))[:KEY_FIGURES_MAX]}
        with_figures = [g for g in with_figures if id(g) in strongest]
    for passage, dups in with_figures:
        if len(rows) >= KEY_FIGURES_MAX:
            break
        for f in passage.figures:
            if f.cut:
                continue  # its counted noun may be cut short: never a row of the key figures
            if abstract_count(f.unit) or one_of(f.sentence, f.text):
                continue  # "2 nội dung", "5 ngày họp", "một trong 7 nước": a text's parts, a meeting's course, a set
            if one_days_news(f.sentence):
                continue  # one day's operation ("Hôm nay, … gần 200 công dân"): no figure of the year
            if _AT_PRESENT.search(fold(f.sentence)):
                continue  # "hiện nay, … quan hệ ngoại giao với 189 quốc gia": a standing count, of no one year
            if told_to_the_press(f.sentence):
                continue  # an answer to a reporter, an advisory: one incident's numbers ("2 tàu cá … 20 ngư dân")
            if _BEFORE_THAT.match(fold(f.sentence)):
                continue  # "Trước đó, 29 lượt sỹ quan …": what came before the year's event, from earlier years
            f_year = figure_year(f, passage)
            if year is not None and f_year != year:
                continue
            key = (f.value, fold(f.unit or ""))
            if key in seen:
                continue
            seen.add(key)
            published = citer.published(passage.source_id)
            running = running_total(f.sentence)
            if running and not published:
                continue  # a count up to a date no one gives ("Từ ngày 10/4 đến nay"): part of some year
            unit_words = tuple(fold(f.unit or "").split())
            if any(source == passage.source_id and value == f.value and
                   (unit_words[: len(words)] == words or words[: len(unit_words)] == unit_words)
                   for source, value, words in heads):
                continue  # "2 tàu" and "2 tàu cá mang số hiệu …" of one source: one figure
            heads.add((passage.source_id, f.value, unit_words))
            row = _row(f, f_year, citer.cite([passage, *dups], CITATIONS_MAX))
            if running:
                row = replace(row, as_of=published)  # a running total: up to the source's date
            rows.append(row)
            leads.append((assigned_themes(passage)[:1] or (None,))[0])
    # One figure makes no table: it is read in its item.
    return tuple(judged(rows, leads)) if len(rows) >= KEY_FIGURES_MIN else ()


def _row(f: Figure, year: int | None, citations: tuple[Citation, ...]) -> FigureRow:
    return FigureRow(text=f.text, value=f.value, unit=f.unit, qualifier=f.qualifier, kind=f.kind, year=year,
                     sentence=f.sentence, citations=citations, value_max=f.value_max)


# A task the plan table quotes whole may say who set it in this many words besides ("Ông Trần
# Văn An đề nghị …"): more, and the list keeps it.
TABLED_LEAD_WORDS = 8


def _without_tabled_tasks(sections: list[Section]) -> list[Section]:
    """Return a year pack's *sections* with the tasks set for the year that the plan-against-
    outcome table quotes whole left out of their own list: the table says each beside its
    results. A task the table quotes in part (a clause cut short, a clause it leaves out, who
    set it in more than a few words) stays listed."""
    table = next((s.plan for s in sections if s.key == "plan"), ())
    rows: dict[tuple[str, int], list[str]] = {}
    for row in table:
        rows.setdefault((row.source_id, row.passage), []).append(row.task)

    def tabled(item: Item) -> bool:
        quoted = rows.get((item.source_id, item.passage))
        if not quoted or any(task.endswith("…") for task in quoted):
            return False
        clauses = plan.task_clauses(item.text)
        said = sum(len(clause.text.split()) for clause in clauses)
        return len(clauses) == len(quoted) and len(item.text.split()) - said <= TABLED_LEAD_WORDS

    if not rows:
        return sections
    return [replace(s, items=tuple(i for i in s.items if not tabled(i))) if s.key == "tasks_set" else s
            for s in sections]


def _printed(sections: Iterable[Section]) -> set[tuple[str, int]]:
    """Return the passages whose text the sections print (their subsections' too)."""
    found: set[tuple[str, int]] = set()
    for s in sections:
        for item in (*s.items, *(i for sub in s.sections for i in sub.items)):
            found.add((item.source_id, item.passage))
    return found


_GOVERNMENT = re.compile(r"\s+Chính phủ$")


@cache
def _title_pattern(title: str) -> re.Pattern[str]:
    """Return the pattern of a title given alone in a text ("Thủ tướng" is not "Phó Thủ tướng")."""
    return re.compile(rf"(?<!\w)(?<![Pp]hó ){re.escape(title)}(?!\w)")


def _title_parts(title: str) -> frozenset[str]:
    """Return the offices a title names, each as said alone ("Phó Thủ tướng Chính phủ" is "Phó Thủ tướng")."""
    return frozenset(_GOVERNMENT.sub("", part.strip()) for part in title.split(",") if part.strip())


@cache
def _country_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(n) for n in plan.country_names())})(?!\w)", re.IGNORECASE)


def _country_in(title: str) -> str | None:
    """Return the one foreign country a title names as written ("Chủ tịch Lào"), else None."""
    found = {m.group() for m in _country_pattern().finditer(title) if m.group()[:1].isupper()}
    return found.pop() if len(found) == 1 else None


# A title of a state's own apparatus, as Vietnamese writing gives the offices of the country whose
# leaders it lists ("Thủ tướng Chính phủ", "Chủ tịch Quốc hội"): the country is that list's. A
# title of its own ("Tổng thống", "Tổng Thư ký Liên hợp quốc") may be of any country.
_APPARATUS = re.compile(r"(?<!\w)(?:Chính phủ|Quốc hội|Mặt trận|Ban Chấp hành|Trung ương|Bộ Chính trị)(?!\w)")
# … and one of an organisation (an acronym, the United Nations): no state's.
_ACRONYM_WORD = re.compile(r"(?<!\w)[A-ZĐ]{2,}(?!\w)|Liên hợp quốc|Liên Hợp Quốc|Liên Hiệp Quốc")


def _their_country(person: Person, passages: list[Passage]) -> str | None:
    """Return the country of a foreign leader whose title is an office of a state's apparatus and
    names no country ("Thủ tướng Chính phủ Thongloun Sisoulith"): the one country the other
    foreign leaders of the same sentence are titled with ("… hội đàm với Tổng Bí thư, Chủ tịch Lào
    Bounnhang Vorachith; hội kiến Thủ tướng Chính phủ Thongloun Sisoulith, Chủ tịch Quốc hội Pany
    Yathotou …"), when none of them holds the same office; else None. "Tổng thống Donald Trump"
    beside "Tổng thống Hàn Quốc Moon Jae-in" keeps the title as written."""
    title = person.title or ""
    if not _APPARATUS.search(title) or _ACRONYM_WORD.search(title):
        return None
    for passage in passages:
        for a, b in sentences(passage.text) or [(0, len(passage.text))]:
            sentence = passage.text[a:b]
            if person.name not in sentence:
                continue
            others = [o for o in extract_people(sentence) if o.name != person.name and foreign_name(o.name)]
            countries = {c for o in others if (c := _country_in(o.title or "")) is not None}
            if len(countries) != 1:
                continue
            country = next(iter(countries))
            offices = {_GOVERNMENT.sub("", part.replace(country, "").strip()) for o in others
                       for part in (o.title or "").split(",")}
            if not {_GOVERNMENT.sub("", part.strip()) for part in title.split(",")} & offices:
                return country  # (one office held twice is two countries' leaders)
    return None



def _people_rows(groups: list[tuple[Passage, list[Passage]]], citer: _Citer,
                 printed: set[tuple[str, int]] | None = None) -> tuple[PersonRow, ...]:
    """Return a row per person, with the title of their latest dated mention (a title changes:
    "Thường trực Ban Bí thư" in January, "Chủ tịch nước" by November), the fullest of one date,
    citing the passages that give that title or none (not January's for November's title). With
    *printed* (the passages the pack prints), only the people of those: the list is of the
    people the pack mentions, not of those in passages it leaves out. A printed passage that
    gives a title alone ("Tổng Bí thư đã khẳng định") mentions the person its source names with
    that title elsewhere."""
    found: dict[str, tuple[Person, list[tuple[Passage, str | None]], str]] = {}
    # Per source: each title of two words or more ("Phó Thủ tướng") with a person it names there,
    # once each, in the order they come.
    titled: dict[str, dict[tuple[str, str], Person]] = {}
    for passage, _ in groups:
        for person in passage.people:
            for part in (person.title or "").split(","):
                # "Phó Thủ tướng Chính phủ" is "Phó Thủ tướng" alone
                for title in {part.strip(), _GOVERNMENT.sub("", part.strip())}:
                    if len(title.split()) >= 2:
                        titled.setdefault(passage.source_id, {}).setdefault((title, person_key(person.name)), person)

    def mentioned(passage: Passage) -> list[Person]:
        named = list(passage.people)
        keys = {person_key(p.name) for p in named}
        for (title, _), person in titled.get(passage.source_id, {}).items():
            if person_key(person.name) not in keys and _title_pattern(title).search(passage.text):
                named.append(person)  # as its source titles them
                keys.add(person_key(person.name))
        return named

    for passage, _ in groups:
        if printed is not None and (passage.source_id, passage.passage) not in printed:
            continue
        for person in mentioned(passage):
            key = person_key(person.name)
            when = (citer.published(passage.source_id) or "") if person.title else ""
            if key in found:
                known, cited, known_when = found[key]
                if person.title and (when, len(person.title)) > (known_when, len(known.title or "")):
                    known, known_when = person, when
                found[key] = (known, [*cited, (passage, person.title)], known_when)
            else:
                found[key] = (person, [(passage, person.title)], when)
    ranked = sorted(found.values(), key=lambda pc: -len(pc[1]))[:PEOPLE_MAX]  # the most mentioned
    chosen = {id(pc) for pc in ranked}
    rows = []
    for entry in found.values():
        if id(entry) not in chosen:
            continue
        person, cited, latest = entry
        if person.title:
            # The latest title may be a short form of a fuller one the pack's sources of the same
            # date or later give the person ("Phó Thủ tướng Chính phủ" of "Phó Thủ tướng, Bộ trưởng
            # Ngoại giao"): the same office, said whole. A title that adds none of it is another
            # office ("Chủ tịch nước"), and an earlier source's fuller title may be an office left since.
            key = person_key(person.name)
            given = [*((citer.published(p.source_id) or "", t) for p, t in cited),
                     *((citer.published(sid) or "", q.title) for sid, named in titled.items()
                       for (_, k), q in named.items() if k == key)]
            fuller = [t for when, t in given if t and when >= latest and _title_parts(person.title) <= _title_parts(t)]
            person = replace(person, title=max(fuller, key=lambda t: (len(_title_parts(t)), len(t))))
        if not person.title:
            # Named bare where the pack prints them ("ông Trần Quốc Vượng đánh giá cao …"): the
            # title their source gives them elsewhere ("Ông Trần Quốc Vượng, Ủy viên Bộ Chính trị, …").
            key = person_key(person.name)
            titles = [q.title for p, _ in cited for (_, k), q in titled.get(p.source_id, {}).items()
                      if k == key and q.title]
            # … else the title another source of the year gives them ("Người phát ngôn Bộ Ngoại
            # giao Lê Thị Thu Hằng" where this one says "bà Lê Thị Thu Hằng").
            if titles:
                person = replace(person, title=max(titles, key=len))
            else:  # the latest source's, as the person was titled at its date; then the fullest
                dated = [((citer.published(sid) or ""), len(q.title), q.title) for sid, named in titled.items()
                         for (_, k), q in named.items() if k == key and q.title]
                if dated:
                    person = replace(person, title=max(dated)[2])
        agreeing = [p for p, title in cited if not title or not person.title or title == person.title]
        shown = person.title
        if shown and foreign_name(person.name) and _country_in(shown) is None:
            country = _their_country(person, [p for p, _ in cited])
            shown = shown if country is None else f"{shown} {country}"
        rows.append(PersonRow(name=person.name, title=shown, citations=citer.cite((agreeing or
                                                                                           [p for p, _ in cited])[:3])))
    return tuple(rows)


def _story_theme(passage: Passage, groups: list[tuple[Passage, list[Passage]]]) -> tuple[str, ...]:
    """Return the lead theme of the story a passage with no theme of its own belongs to: a
    paragraph of the same report on the same partner (:func:`_same_story`, "Tại thủ đô Tokyo, …
    Chủ tịch nước khẳng định …" in the report of the visit) is filed with it; else ()."""
    for other, dups in groups:
        told = [p for p in (other, *dups) if p is not passage]
        if any(_same_story(passage, p) for p in told) and (lead := assigned_themes(other)[:1]):
            return lead
    return ()


def _by_theme(groups: list[tuple[Passage, list[Passage]]], taxonomy: Taxonomy, citer: _Citer,
              keyed: Keyed | None = None, year: int | None = None,
              left: list[tuple[Item, list[Passage]]] | None = None) -> tuple[Section, ...]:
    buckets: dict[str, list[tuple[Passage, list[Passage]]]] = {}
    for group in groups:
        lead = assigned_themes(group[0])[:1] or _story_theme(group[0], groups)
        buckets.setdefault(lead[0] if lead else "", []).append(group)
    order = [t for t in taxonomy.ids if t in buckets]
    order.sort(key=lambda t: -len(buckets[t]))
    if "" in buckets:
        order.append("")
    sections = []
    for theme_id in order:
        theme = taxonomy.get(theme_id)
        items = _items(strongest(buckets[theme_id], GROUP_MAX, theme_id or None), citer, keyed=keyed, year=year,
                       floor=BODY_FLOOR if theme_id else UNTHEMED_FLOOR, left=left)
        if items:
            sections.append(Section(key="group", title=theme.label_vi if theme else None, theme=theme_id or None,
                                    items=items))
    return tuple(sections)


# The tasks set for a year are set by its start: a review of the year before, a directive of
# its first months. What a later source says is to come (an arrival "sẽ đến ngày 25-7" told in
# July, an essay's "đòi hỏi phải …" of June) is no task set for the year.
SET_BY_MONTH = 3


def _set_by(info: dict[str, tuple[str, Metadata, str]], passage: Passage, year: int) -> bool:
    """Whether a task passage's source is dated no later than the first months of *year* (or
    not dated at all): the tasks it sets are among those set for the year."""
    published = _published(info, passage.source_id)
    if not published:
        return True
    set_year, month = iso_year_month(published)
    return (set_year, month or 1) <= (year, SET_BY_MONTH)


def _of_the_review(info: dict[str, tuple[str, Metadata, str]], passage: Passage, year: int) -> bool:
    """Whether a task passage's source speaks from *year* (it reviews that year or an earlier one,
    or no year is known): the next year's tasks in the review of *year* are those it set, not a
    later source's own (a February dispatch of the next year is that year's)."""
    found = info.get(passage.source_id)
    reviewed = found[1].year_reviewed if found else None
    return reviewed is None or reviewed <= year


def _without_flagged(summaries: list[PassageSummary], flagged: dict[str, tuple[str, ...]],
                     left_out: dict[str, tuple[str, ...]]) -> list[PassageSummary]:
    """Return the summaries of sources not flagged as damaged, noting the others in *left_out*."""
    kept = []
    for s in summaries:
        if s.source_id in flagged:
            left_out[s.source_id] = flagged[s.source_id]
        else:
            kept.append(s)
    return kept


# A sentence that says only that there are tasks, naming none: "Công tác đối ngoại Việt Nam đặt
# ra các yêu cầu và nhiệm vụ mới trong năm 2022." (folded, without its end mark).
_TASK_NOUN = r"(?:yeu cau|nhiem vu|thach thuc|muc tieu|uu tien|van de)"
_NO_TASK_NAMED = re.compile(rf"(?:dat ra|co|la|voi)\s+(?:(?:nhieu|cac|nhung|mot so)\s+)?{_TASK_NOUN}"
                           rf"(?:\s*(?:,|va)\s*{_TASK_NOUN})*(?:\s+(?:moi|quan trong|lon|trong tam|cap bach))*"
                           r"(?:\s+(?:trong|cho)\s+(?:nam\s+)?(?:\d{4}|toi|nay|tiep theo|thoi gian toi))?\W*$")


def announces_tasks(text: str) -> bool:
    """Whether every sentence of a task passage only announces tasks it never names (an
    article's lead: "… đặt ra các yêu cầu và nhiệm vụ mới trong năm 2022."): no task to list.
    A sentence that goes on to name them ("… các nhiệm vụ sau: …") names them."""
    spans = sentences(text) or [(0, len(text))]
    return all(_NO_TASK_NAMED.search(fold(text[a:b]).rstrip()) for a, b in spans)


def year_pack(store: Store, year: int, taxonomy: Taxonomy, include_flagged: bool = False) -> Pack:
    """Return the review pack of *year*: key points, key figures, results by theme, the tasks
    that had been set for the year, the tasks set for the next year, people, references.
    Sources flagged as damaged are left out (and named in ``left_out``) unless *include_flagged*."""
    flagged = {} if include_flagged else store.flagged()
    left_out: dict[str, tuple[str, ...]] = {}
    summaries = _without_flagged(store.passage_summaries(year=year), flagged, left_out)
    next_tasks = [s for s in _without_flagged(store.passage_summaries(year=year + 1), flagged, left_out)
                  if s.kind == "task"]
    ids = (shortlist([s for s in summaries if s.kind == "result"], SHORTLIST, buckets=lead_theme)
           + shortlist([s for s in summaries if s.kind == "context"], 3 * SHORTLIST)
           + shortlist([s for s in summaries if s.kind == "task"], 2 * SHORTLIST)
           + shortlist(next_tasks, 2 * SHORTLIST))
    passages = store.passages_by_id(ids)
    chosen = {s.id for s in summaries} & passages.keys()
    info = store.source_info(p.source_id for p in passages.values())
    order = _order_key(info)
    about = sorted((passages[i] for i in chosen), key=order)
    following = sorted((passages[i] for i in passages.keys() - chosen), key=order)
    results = merge_duplicates([p for p in about if p.kind == "result"])
    tasks_set = merge_duplicates([p for p in about if p.kind == "task" and _set_by(info, p, year)])
    tasks_next = merge_duplicates([p for p in following if p.kind == "task" and _set_by(info, p, year + 1)
                                   and _of_the_review(info, p, year)])
    tasks_set = merge_restated([g for g in tasks_set if not announces_tasks(g[0].text)])
    tasks_next = merge_restated([g for g in tasks_next if not announces_tasks(g[0].text)])
    context = merge_duplicates([p for p in about if p.kind == "context"])
    title_vi = f"Kết quả công tác đối ngoại năm {year}"
    title_en = f"Foreign affairs in {year}: review"
    if not results and not tasks_set and not tasks_next:
        years = store.years()
        known = ", ".join(str(y) for y in years) or "none"
        return Pack(kind="year", scope=str(year), title_vi=title_vi, title_en=title_en, sections=(), references=(),
                    year=year, empty=True, known_years=tuple(years),
                    note=f"No source in the corpus reports results or tasks for {year} (years the sources speak of: "
                         f"{known}).",
                left_out=tuple(sorted(left_out.items())))
    citer = _Citer(info)
    # Key points come from the year's results; a year with few results adds the context
    # passages that carry a theme or a figure.
    telling = [g for g in context if assigned_themes(g[0]) or g[0].figures]
    titles = {sid: meta.title for sid, (_, meta, _) in info.items() if meta.title}
    reviews = frozenset(sid for sid, (_, meta, _) in info.items()
                        if meta.year_reviewed == year and meta.year_reviewed_certainty == "stated")
    points = _key_points(results + telling if len(results) < KEY_POINTS_MIN else results, None, taxonomy,
                         titles, reviews) or _key_points(tasks_set, None, taxonomy, titles, reviews)
    keyed = _keyed(points)
    results = _absorb_told(results, points, keyed, titles)
    left: list[tuple[Item, list[Passage]]] = []  # the results the body leaves out: the plan table may quote them
    sections = [
        Section(key="key_points", items=_items(points, citer, whole=False, year=year)),
        # The year's key figures are what was done and what was set: the setting's figures (the
        # world's remittances, a diaspora's standing size) are not the year's.
        Section(key="key_figures", figures=_figure_rows(results + tasks_set, citer, year)),
        Section(key="results", sections=_by_theme(results, taxonomy, citer, keyed, year, left)),
        Section(key="chronology", year=year),  # filled below, from the key points and results
        Section(key="tasks_set", year=year, items=_items(strongest(tasks_set, TASKS_MAX), citer, keyed=keyed,
                                                         year=year)),
        Section(key="plan", year=year),  # filled below: the tasks set beside the results that answer them
        Section(key="tasks_next", year=year + 1, items=_items(strongest(tasks_next, TASKS_MAX), citer, keyed=keyed,
                                                              year=year + 1)),
        Section(key="people"),  # filled below: the people the pack names
    ]
    sections[0] = _absorb(sections[0], keyed, citer)
    sections = [chronology.section(sections, year) if s.key == "chronology" else s for s in sections]
    sections = [plan.section(sections, year, taxonomy, left, lambda ps: citer.cite(ps, CITATIONS_MAX))
                if s.key == "plan" else s for s in sections]
    sections = _without_tabled_tasks(sections)
    people = _people_rows(results + tasks_set + tasks_next + context, citer, _printed(sections))
    sections = [replace(s, people=people) if s.key == "people" else s for s in sections]
    return Pack(kind="year", scope=str(year), title_vi=title_vi, title_en=title_en, sections=tuple(sections),
                references=citer.references(store), year=year, inputs=citer.inputs(), cited=citer.cited(),
                left_out=tuple(sorted(left_out.items())),
                review=review_notes(tuple(sections), info, store.flagged() if include_flagged else {}))


# A sentence with a run of short items (between commas, semicolons and "và", at most
# LIST_ITEM_WORDS words) that name this many themes, each plainly (PASSAGE_THEME_MIN), lists the
# fields of foreign affairs ("… ngoại giao kinh tế, ngoại giao văn hóa, thông tin đối ngoại, công
# tác người Việt Nam ở nước ngoài và bảo hộ công dân"): a theme it names is one item of the list.
LIST_THEMES, LIST_ITEM_WORDS = 4, 8
LIST_HEAD_WORDS = 4  # the first item, at the end of the words that lead to the list
_LIST_SEPARATOR = re.compile(r"[,;]|\s(?:và|cũng như)\s")


def only_listed(text: str, theme: str, taxonomy: Taxonomy) -> bool:
    """Whether every sentence of *text* that says *theme* names it as one field of a list of
    fields: the passage tells nothing of the theme itself, and a theme pack leaves it out."""
    saying = [lists_fields(text[a:b], taxonomy) for a, b in sentences(text) or [(0, len(text))]
              if theme_scores(text[a:b], taxonomy).get(theme, 0.0) > 0]
    return bool(saying) and all(saying)


def lists_fields(sentence: str, taxonomy: Taxonomy) -> bool:
    """Whether a sentence lists the fields of foreign affairs (:data:`LIST_THEMES`): praise of
    the whole work, no headline of any field."""
    run: set[str] = set()  # the themes the run of short items names
    items = _LIST_SEPARATOR.split(sentence)
    for n, item in enumerate(items):
        words = item.split()
        if len(words) > LIST_ITEM_WORDS and n + 1 < len(items) and len(items[n + 1].split()) <= LIST_ITEM_WORDS:
            words = words[-LIST_HEAD_WORDS:]  # a list's first item ends the words that lead to it
        # a long item ends the run; a short one naming no theme ("văn hóa") is still of it
        said = theme_scores(" ".join(words), taxonomy) if len(words) <= LIST_ITEM_WORDS else None
        run = set() if said is None else run | {t for t, v in said.items() if v >= PASSAGE_THEME_MIN}
        if len(run) >= LIST_THEMES:
            return True
    return False


def _in_time_order(groups: list[tuple[Passage, list[Passage]]], year: int | None,
                   info: dict[str, tuple[str, Metadata, str]]) -> list[tuple[Passage, list[Passage]]]:
    """Return a year's *groups* in the order of the days they tell (the first day of the year
    each writes, else its source's date in the year), those with neither last, as they came."""
    if year is None:
        return groups

    def when(group: tuple[Passage, list[Passage]]) -> tuple[int, int]:
        told = chronology.first_day(group[0].text, year)
        if told is not None:
            return told
        published = info[group[0].source_id][1].published
        parts = parse_iso_date(published) if published else None
        if parts is not None and parts.year == year and parts.month is not None:
            return parts.month, parts.day or 0
        return 13, 0
    return sorted(groups, key=when)


def theme_pack(store: Store, theme: Theme, include_flagged: bool = False, taxonomy: Taxonomy | None = None) -> Pack:
    """Return the pack of one theme (or a free-text topic): key points, key figures, the
    theme's passages year by year, references (flagged sources left out, as in year_pack).
    With *taxonomy* (the theme is one of it), a passage that names the theme only as one field of
    a list of fields is left out (:func:`only_listed`), and a key point's sentence must say the
    theme."""
    flagged = {} if include_flagged else store.flagged()
    left_out: dict[str, tuple[str, ...]] = {}
    if theme.adhoc:  # the passages holding one of the topic's phrases, scored
        found = []
        for p in store.passages_by_id(store.matching(theme.phrases)).values():
            value = score(p.text, theme)
            if value >= PASSAGE_THEME_MIN:
                found.append(_with_theme(p, theme.id, value))
        for p in found:
            if p.source_id in flagged:
                left_out[p.source_id] = flagged[p.source_id]
        found = [p for p in found if p.source_id not in flagged]
        summaries = [PassageSummary(i, p.source_id, p.passage, p.kind, p.years, p.themes, len(p.figures))
                     for i, p in enumerate(found)]
        candidates = [found[i] for i in shortlist(summaries, SHORTLIST, theme.id, by_years)]
    else:
        summaries = _without_flagged([s for s in store.passage_summaries(theme=theme.id)
                                      if dict(s.themes).get(theme.id, 0) >= PASSAGE_THEME_MIN], flagged, left_out)
        candidates = list(store.passages_by_id(shortlist(summaries, SHORTLIST, theme.id, by_years)).values())
        if taxonomy is not None:
            candidates = [p for p in candidates if not only_listed(p.text, theme.id, taxonomy)]
    kind = "topic" if theme.adhoc else "theme"
    title_vi = theme.label_vi if not theme.adhoc else f"Chủ đề: {theme.label_vi}"
    title_en = theme.label_en if not theme.adhoc else f"Topic: {theme.label_en}"
    if not candidates:
        return Pack(kind=kind, scope=theme.id if not theme.adhoc else theme.label_vi, title_vi=title_vi,
                    title_en=title_en, sections=(), references=(), theme=theme, empty=True,
                    note=f"No passage of the corpus is about '{theme.label_vi}'.",
                left_out=tuple(sorted(left_out.items())))
    info = store.source_info(p.source_id for p in candidates)
    order = _order_key(info)
    ranked = sorted(candidates, key=lambda p: (-weight(p, theme.id), order(p)))
    groups = merge_duplicates(ranked)
    citer = _Citer(info)
    # Key points say what happened: the theme's results, while it has enough of them (an
    # advisory or a task is not a headline).
    results = [g for g in groups if g[0].kind == "result"]
    points = _key_points(results if len(results) >= KEY_POINTS_MIN else groups, theme.id,
                         None if theme.adhoc else taxonomy)
    by_year: dict[int | None, list[tuple[Passage, list[Passage]]]] = {}
    for group in groups:
        by_year.setdefault(_main_year(group[0], info[group[0].source_id][1]), []).append(group)
    key_points = Section(key="key_points", items=_items(points, citer, whole=False))
    figures = Section(key="key_figures", figures=_figure_rows(groups, citer, None, theme.id))
    keyed = _keyed(points)
    year_sections = tuple(
        Section(key="group", title=str(y) if y is not None else None, year=y, items=items)
        for y in sorted(by_year, key=lambda y: (y is None, y or 0))
        if (items := _items(_in_time_order(strongest(by_year[y], GROUP_MAX, theme.id), y, info), citer,
                            keyed=keyed, year=y)))
    told = (_absorb(key_points, keyed, citer), figures, Section(key="by_year", sections=year_sections))
    sections = (*told, Section(key="people", people=_people_rows(groups, citer, _printed(told))))
    return Pack(kind=kind, scope=theme.id if not theme.adhoc else theme.label_vi, title_vi=title_vi,
                title_en=title_en, sections=sections, references=citer.references(store), theme=theme,
                inputs=citer.inputs(), cited=citer.cited(), left_out=tuple(sorted(left_out.items())),
                review=review_notes(sections, info, store.flagged() if include_flagged else {}))


def _main_year(passage: Passage, meta: Metadata) -> int | None:
    """Return the year a passage is filed under: its source's reviewed year (tasks year, for a
    task) when the passage is about it, else the latest year it is about."""
    if not passage.years:
        return None
    own = meta.year_tasks if passage.kind == "task" else meta.year_reviewed
    return own if own in passage.years else max(passage.years)


def _with_theme(p: Passage, theme_id: str, value: float) -> Passage:
    return replace(p, themes=((theme_id, value), *p.themes))


def review_notes(sections: tuple[Section, ...], info: dict[str, tuple[str, Metadata, str]],
                 flagged: dict[str, tuple[str, ...]]) -> tuple[ReviewNote, ...]:
    """Return the pack's review report: the items placed under a year that their source's
    year only inferred, the items cut by the excerpt's end, and those from sources flagged as
    damaged (when the pack was asked to use them), each once, in reading order."""
    notes: list[ReviewNote] = []
    seen: set[tuple[str, str, int]] = set()
    for top in sections:
        for section in (top, *top.sections):
            for item in section.items:
                meta = info[item.source_id][1] if item.source_id in info else None
                reasons = []
                if meta is not None and meta.year_reviewed_certainty == "inferred" and item.years:
                    reasons.append("year inferred")
                if item.text.endswith(" …"):
                    reasons.append("cut")
                if item.source_id in flagged:
                    reasons.append("flagged source")
                for reason in reasons:
                    key = (reason, item.source_id, item.passage)
                    if key not in seen:
                        seen.add(key)
                        notes.append(ReviewNote(reason, top.key, item.source_id, item.passage, lead_words(item.text)))
            for row in section.figures:
                if row.differs and row.citations:
                    first = row.citations[0]
                    notes.append(ReviewNote("figures differ", top.key, first.source_id, first.passage,
                                            f"{row.text} / {'; '.join(row.differs)}"))
    return tuple(notes)
