"""Which sentences are a year's headlines: the key points of a pack.

A sentence scores for what happened (novelty: signed, set up, raised, for the first time),
for the kind of event a year is remembered by (a partnership, a state visit, a seat, an
agreement), for a review's own enumeration of its results (its ordinals, "Thứ nhất,", and the
words that announce them, in the sentence or its heading), for being concrete (proper names,
acronyms, figures, a named partner, a numbered document, a date) and for being told by
several sources; it loses for praise of the whole field, a meeting's procedure,
anniversaries, standing facts, a sentence that describes the year or leans on the one before,
the world's situation (said of the world with no one acting for Viet Nam), advisories and
answers to a reporter, the outlet's own reporting, and the news of one day. A passage of
context weighs less than a result. The cue classes are in ``data/headlines.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from ..annotate.cues import folded_year_word
from ..annotate.passages import sentence_kind
from ..model import Passage
from ..text import fold, sentences
from .rank import months, partners

NOVELTY, EVENT, ENUMERATION = 2.0, 1.0, 1.0
NAMES = 0.4  # per proper name or acronym, at most three
PARTNER, DOCUMENT, DATED = 0.6, 0.8, 0.4  # a named foreign partner, a numbered document, a day or month
DEMOTE = {"praise": 1.0, "procedure": 2.0, "anniversary": 3.0, "standing": 2.0, "advisory": 3.0, "day_news": 1.5,
          "framing": 1.5, "local": 1.5, "press": 2.0}
ABSENT = 2.0  # no one acting for Viet Nam (or for ASEAN, which it is part of)
WORLD = 1.0  # and said of the world: the world's situation
RUNNING = 1.5  # a count up to the source's date ("Từ ngày 10/4 đến nay, …")
DEPENDENT = 1.0  # a sentence that leans on the one before ("Tuy nhiên, …")
CONTEXT = 1.0  # a passage of context (background, history), not a result
SUPPORT = 0.75  # per other source telling it, at most three
# A key point scores at least this (a sentence with one cue of a headline and a name): under it
# a sentence has no cue of a headline left after its losses (the world's news, a list's lead, a
# province's working session), and a pack shows fewer points rather than filler.
POINT_FLOOR = 3.0
# A numbered document: "Kết luận số 57-KL/TW", "Nghị quyết 22-NQ/TW", "Chỉ thị số 25".
_DOCUMENT = re.compile(r"\b\d+[-–/]?[A-ZĐ]{2,}/[A-ZĐ]{2,}\b|(?i:\b(?:nghị quyết|kết luận|chỉ thị|quyết định|nghị định|"
                       r"luật|hiệp định|công ước)\s+(?:số\s+)?\d+)")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_ACRONYM = re.compile(r"\b[A-ZĐ]{2,}[0-9]*\b")
_NAME = re.compile(r"(?<=\s)[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)+")


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    raw = tomllib.loads(resources.files("briefgen.data").joinpath("headlines.toml").read_text("utf-8"))
    found = {}
    for table in ("headline", "demote"):
        for name, phrases in raw[table].items():
            alternatives = "|".join(folded_year_word(re.escape(p)) for p in sorted(phrases, key=len, reverse=True))
            if name == "ordinal":  # opening the sentence, a comma after it (a weekday has a date after it)
                found[name] = re.compile(rf"^\W*(?:{alternatives})\s*,(?!\s*\d)")
            elif name in ("dependent", "referent", "bare_occasion"):
                found[name] = re.compile(rf"^\W*(?:{alternatives})(?!\w)")
            else:
                found[name] = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return found


# A concession: "Mặc dù …, nhưng …" says its news in the clause after "nhưng" (folded).
_CONCESSION = re.compile(r"^\W*(?:mac du|du cho|du|tuy rang|tuy|mac)\b[^,]*,.*?\b(?:nhung|song)\s+(.*)$")


def _acts(folded: str) -> bool:
    """Whether someone acting for Viet Nam is named in the sentence; after a concession, in the
    clause after "nhưng", and not as an owner there ("Mặc dù tàu kiểm ngư … đuổi theo, nhưng tàu
    của Indonesia vẫn đưa 2 tàu của Việt Nam đi": the news is what another did)."""
    concession = _CONCESSION.match(folded)
    if concession is None:
        return bool(_cues()["actor"].search(folded))
    main = concession.group(1)
    return any(not main[:m.start()].rstrip().endswith(" cua") for m in _cues()["actor"].finditer(main))


def sentence_score(sentence: str, figures: int = 0, heading: str | None = None,
                   demote: dict[str, float] = DEMOTE, running: float = RUNNING) -> float:
    """Return how much a sentence reads as one of the year's headlines (higher is more); the
    heading it stands under may announce a review's list ("Dấu ấn …"); *demote* weighs the
    classes a headline loses for, *running* a count up to the source's date."""
    cues = _cues()
    folded = fold(sentence)
    score = 0.0
    happened = bool(cues["novelty"].search(folded))
    score += NOVELTY * happened
    score += EVENT * min(len(cues["event"].findall(folded)), 2)
    listed = bool(cues["enumeration"].search(folded) or cues["ordinal"].search(folded)
                  or (heading and cues["enumeration"].search(fold(heading))))
    score += ENUMERATION * listed
    names = len(_ACRONYM.findall(sentence)) + len(_NAME.findall(sentence))
    score += NAMES * min(names + figures, 3)
    score += PARTNER * bool(partners(sentence)) + DOCUMENT * bool(_DOCUMENT.search(sentence))
    score += DATED * bool(months(sentence))
    if not _acts(folded):  # not Viet Nam's doing; the world's situation, least
        score -= ABSENT + WORLD * bool(cues["world"].search(folded))
    if cues["dependent"].search(folded):
        score -= DEPENDENT
    if _RUNNING.search(folded):
        score -= running  # a count up to the source's date is part of a year
    unquoted = _QUOTED.sub(" ", folded)  # a quoted title names a document: its words are no praise
    for name, penalty in demote.items():
        hits = len(cues[name].findall(unquoted if name == "praise" else folded))
        if name == "praise":
            # Praise lists fields; one word of praise beside a concrete event is a description.
            score -= penalty * max(0, min(hits, 4) - (1 if happened or names else 0))
        elif hits:
            score -= penalty
    return score


# A time phrase that opens a sentence and sets the time of all it says: "Trong năm 2020, …",
# "Năm 2021, …", "Tháng 3/2022, …", "Ngày 15/6/2023 …" (folded).
_OPENING_YEAR = re.compile(r"^\W*(?:(?:trong|tu|den|cuoi|dau|giua|suot)\s+)?(?:nam\s+|thang\s+\d{1,2}\s*[/-]\s*|"
                           r"(?:ngay\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*)((?:19|20)\d{2})(?!\d)")


def opening_year(sentence: str) -> int | None:
    """Return the year of the time phrase a sentence opens with ("Trong năm 2020, …"), or None."""
    match = _OPENING_YEAR.match(fold(sentence))
    return int(match.group(1)) if match else None


def tells_novelty(sentence: str) -> bool:
    """Whether a sentence says something happened ("hoàn thành", "ký kết", "lần đầu tiên")."""
    return bool(_cues()["novelty"].search(fold(sentence)))


def told_to_the_press(sentence: str) -> bool:
    """Whether a sentence is an advisory, an answer to a reporter or the outlet's own reporting
    ("Trả lời câu hỏi của phóng viên, …", "Tòa soạn nhận được đơn …"): one incident's telling."""
    folded = fold(sentence)
    said = {*_cues()["advisory"].findall(folded), *_cues()["press"].findall(folded)}
    # reporters counted ("gần 3.000 phóng viên quốc tế") are the event's, and "lưu ý" is also "noted"
    return bool(said - {"phong vien", "luu y"})


def one_days_news(sentence: str) -> bool:
    """Whether a sentence tells the news of one day ("Hôm nay, … đưa gần 200 công dân về nước"):
    a single operation, whose count is no figure of the year."""
    return bool(_cues()["day_news"].search(fold(sentence)))


# A count up to the source's date ("Từ ngày 10/4 đến nay, …", "tính đến nay"): a running total,
# of the year so far.
_RUNNING = re.compile(r"(?<!\w)(?:den nay|cho den nay|tinh den nay|tu dau nam den nay)(?!\w)")


def leans_on_before(sentence: str, referent: bool = False) -> bool:
    """Whether a sentence opens on a word that leans on the one before ("Tuy nhiên, …", "Đó là
    …"): it does not stand alone; with *referent*, only on a word that refers to what the
    paragraph before said ("Đó là nhận định của …", "Điều này …"), without which it says nothing."""
    return bool(_cues()["referent" if referent else "dependent"].search(fold(sentence)))


def running_total(sentence: str) -> bool:
    """Whether a sentence counts up to the source's date ("Từ ngày 10/4 đến nay, …")."""
    return bool(_RUNNING.search(fold(sentence)))


def best_sentence(passage: Passage) -> tuple[tuple[int, int], float]:
    """Return the span of the passage's sentence that best reads as a headline, and its score.
    A key point is a sentence that stands alone, so never one of fewer than eight words (a
    fragment or a dateline), one that leans on the sentence before ("Đó là nhận định của …"), or,
    in a passage of results, one that reads as a task ("Việt Nam tiếp tục xây dựng kế hoạch …").
    A paragraph that opens on one day's news tells that day (as :func:`substance` reads it): its
    later sentences are the day's detail, no headline of their own."""
    spans = sentences(passage.text) or [(0, len(passage.text))]
    candidates = spans[:1] if one_days_news(passage.text[spans[0][0]:spans[0][1]]) else spans
    best: tuple[tuple[int, int], float] | None = None
    for a, b in candidates:
        text = passage.text[a:b]
        if len(text.split()) < 8 or leans_on_before(text):
            continue
        if (a, b) != spans[0] and _cues()["bare_occasion"].search(fold(text)):
            continue  # "Trong chuyến thăm, …" after the sentence that named the visit: that one is the point
        if passage.kind == "result" and sentence_kind(text) == "task":
            continue  # what a report of the year's results says is still to do is no result
        figures = sum(1 for f in passage.figures if a <= f.start < b)
        value = sentence_score(text, figures, passage.heading)
        if best is None or value > best[1]:
            best = ((a, b), value)
    return best if best is not None else (spans[0], -1.0)


# A paragraph of a pack's body must say something a review reports: its best sentence, weighed
# as a headline is but without the losses for a spokesperson's answer, for a standing position
# and for a count up to the source's date (the body reports all three), scores at least this.
# A ceremony, a meeting's procedure, an internal meeting, praise of the whole field, a
# description of the year, one day's news, the world's news or
# a paragraph that leans on one the pack does not print scores less. Read blind on the 2020 and
# 2023 packs of the devset archive, the paragraphs under the floor were those an analyst struck
# (24 of the 27 under it).
BODY_FLOOR = 1.1
# … and a paragraph with no theme (filed under "Nội dung khác") at least this: it says nothing
# of any field, so it must say more of what happened (an article's opening line, a meeting's
# procedure and a list's lead were what the blind reads struck there).
UNTHEMED_FLOOR = 2.0
_BODY_DEMOTE = {name: penalty for name, penalty in DEMOTE.items() if name not in ("advisory", "standing", "local")}


def substance(text: str, passage: Passage) -> float:
    """Return how much *text* (a passage, or what the body prints of it) says that a review's
    body reports (see :data:`BODY_FLOOR`): the score of its best sentence of eight words or
    more (of any sentence, if it has none); of a paragraph that opens on one day's news, the
    score of that sentence."""
    spans = sentences(text) or [(0, len(text))]
    if one_days_news(text[spans[0][0]:spans[0][1]]):
        # A paragraph that opens on one day's news ("Hôm nay, … đưa gần 200 công dân về nước")
        # tells that day: what follows is its detail.
        spans = spans[:1]
    full = [(a, b) for a, b in spans if len(text[a:b].split()) >= 8] or spans
    return max(sentence_score(text[a:b], sum(1 for f in passage.figures if f.text and f.text in text[a:b]),
                              passage.heading, _BODY_DEMOTE, running=0.0) for a, b in full)


def group_score(passage: Passage, duplicates: list[Passage], base: float) -> float:
    """Return a merged group's score as a key point: its best sentence, its passage's own
    weight (*base*: themes, figures, a stated result), how many sources tell it (the same
    text or the same event, :func:`.rank.merge_duplicates`), less for a passage of context."""
    sources = {p.source_id for p in duplicates} - {passage.source_id}
    context = CONTEXT * (passage.kind == "context")
    return best_sentence(passage)[1] + 0.5 * base + SUPPORT * min(len(sources), 3) - context


QUOTE_REACH = 2  # sentences a key point may take after its own to close the quotation it opens


def open_quote(text: str) -> bool:
    """Whether *text* opens a quotation it does not close (“ without ”, or an odd number of ")."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def headline_span(passage: Passage) -> tuple[int, int]:
    """Return the offsets of the passage's sentence that a key point quotes: with the sentences
    after it that close a quotation it opens (at most :data:`QUOTE_REACH`), so no key point
    opens a quote mark it never closes (see :func:`with_quote_closed` for one the source leaves
    open)."""
    a, b = best_sentence(passage)[0]
    if open_quote(passage.text[a:b]):
        after = [end for start, end in sentences(passage.text) if start >= b][:QUOTE_REACH]
        closing = next((end for end in after if not open_quote(passage.text[a:end])), None)
        if closing is not None:
            return a, closing
    return a, b


_OPENING_MARK = re.compile(r"^\s*[“\"]\s*")


def with_quote_closed(sentence: str) -> str:
    """Return a key point's *sentence* with the quotation it opens closed when the source never
    closes it near it (an excerpt cut inside a speech): the words are someone's, and the point
    says so rather than reading as the pack's own ("“Việc ASEAN … rất đáng khích lệ.”")."""
    mark = _OPENING_MARK.match(sentence)
    if mark is not None and open_quote(sentence) and not open_quote(sentence[mark.end():]):
        closing = "”" if "“" in mark.group() else '"'
        return f"{sentence.rstrip()}{closing}"
    return sentence
