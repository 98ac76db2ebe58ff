"""Plan against outcome: each task the sources set for a year beside the results of that year
that answer it, or none.

A task is a clause of the pack's "tasks set" items: a task list's sentence holds several
("tiếp tục …; tăng cường …, đẩy mạnh …"), each an action verb and its object, so a sentence is
cut at semicolons and colons, and at a comma or "và" where a verb of doing opens the next
clause. What leads up to the first verb ("Phó Thủ tướng đề nghị các bộ …", "Bên cạnh đó, cần")
is not quoted.

A result answers a task when a sentence of a result item of the pack shares its key terms:
word pairs of the two clauses (most Vietnamese words are two syllables), acronyms ("EVFTA",
"HĐBA") and partners (a country, or a group word such as "láng giềng" that stands for some),
each weighed by how rare it is among the year's sentences, so that the vocabulary every review
uses ("công tác đối ngoại", "quan hệ") weighs nothing. A shared theme adds to a match; it
never makes one alone. Each task keeps its best two answers; a task that none answers says so.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple

from ..annotate.cues import cue_words
from ..annotate.passages import sentence_kind
from ..annotate.people import places
from ..annotate.themes import strong_themes
from ..model import Citation, Item, Outcome, Passage, PlanRow, Section, Taxonomy
from ..text import fold, sentences

PLAN_MAX = 20  # task rows of a table
OUTCOMES_MAX = 2  # results beside one task
CLAUSE_WORDS = 20  # words quoted of a task or a result
LEAD_WORDS = 14  # a task clause's verb comes within this many words of its start
ASKER_WORDS = 30  # … or what is asked for, after the one who asks (a title and a name)
QUOTE_BEFORE = 8  # words of a result quoted before the first term it shares with the task
MATCH_MIN = 3.0  # the weight of shared terms a result needs to answer a task
THEME_BONUS = 1.0
CONCRETE = 0.5  # a result that gives a figure is preferred to one that does not

# Verbs that open a task clause: the imperative cues of data/cues.toml, without those that are
# as often adverbs or nouns in a list ("chủ động, tích cực", "nghiên cứu, dự báo"), and with the
# verbs of finishing and preparing a duty.
_NOT_OPENING = {"chủ động", "kiên quyết", "không", "sẵn sàng", "khẩn trương", "ưu tiên", "nghiên cứu", "hướng dẫn",
                "chú trọng", "theo dõi"}
_OPENING_MORE = ("hoàn thành", "chuẩn bị", "giữ", "vận động")


@cache
def _verbs() -> tuple[str, ...]:
    found = [fold(v) for v in cue_words()["passage"]["imperative"] if v not in _NOT_OPENING]
    found += [fold(v) for v in _OPENING_MORE]
    return tuple(sorted(set(found), key=len, reverse=True))


# Words before the first verb that say someone asks for it ("X đề nghị Y tiếp tục …",
# "nhiệm vụ … là giữ vững …"): that lead-in is not quoted. Any other lead-in longer than a
# list marker or a linking adverb ("Bên cạnh đó,") makes the verb part of something else
# ("tình hình tiếp tục diễn biến …", "văn bản chỉ đạo đầu tiên …"): no task.
_LEAD_IN = re.compile(r"(?<!\w)(?:de nghi|yeu cau|can|phai|chi dao|nhan manh|xac dinh|bao gom|gom|de ra"
                      r"|(?:nhiem vu|muc tieu|trong tam|dinh huong|uu tien)\b[^,;]*\bla)(?!\w)")
# The words of asking and obligation: what follows them is the task, whatever verb it has.
_ASK = re.compile(r"(?<!\w)(?:de nghi|yeu cau|can phai|can(?! thiet)|(?<!khong )phai)(?!\w)")
LEAD_SHORT = 4  # words of a lead-in that is quoted with its task ("kiên quyết, kiên trì bảo vệ …")
# A verb after a verb of speaking or attending tells how the speaker spoke ("phát biểu chỉ
# đạo", "dự và chỉ đạo"): no task opens there.
_SPOKEN_BEFORE = {"phat bieu", "du va", "toi du"}
# A verb is a noun after these ("các tổ chức", "sự phối hợp").
_NOUN_BEFORE = {"cac", "nhung", "su", "moi", "mot", "nhieu", "to"}
_MARKER = re.compile(r"^\s*(?:(?:thứ|Thứ) \w+|(?:một|Một|hai|Hai|ba|Ba|bốn|Bốn|năm|Năm|sáu|Sáu) là|\d+[.)]|[-–•+*])"
                     r"\s*[,:.]?\s*")
_WORD = re.compile(r"\w+", re.UNICODE)

# Syllables that carry no content of their own, with their tones ("vì" is one, "vị thế" is
# content; "từ" is one, "đầu tư" is content): a word pair holding one is no key term.
_FUNCTION = frozenset({
    "các", "những", "và", "với", "của", "cho", "trong", "tại", "về", "là", "đã", "sẽ", "cần", "phải", "được",
    "nhất", "hơn", "nữa", "tốt", "một", "này", "đó", "cũng", "cùng", "theo", "từ", "đến", "nhiều", "như",
    "khi", "để", "thì", "mà", "có", "bị", "ở", "ra", "vào", "lên", "qua", "sau", "trước", "giữa", "trên",
    "dưới", "ngày", "năm", "tháng", "mọi", "rất", "vì", "nên", "hay", "việc", "sự", "ta", "chúng",
})
# Word pairs of the domain's common vocabulary: every review says them.
_GENERIC = frozenset((
    "doi ngoai", "ngoai giao", "quan he", "hop tac", "cong tac", "viet nam", "hoat dong", "quoc te", "hieu qua",
    "quan trong", "chat luong", "phat trien", "dat nuoc", "nha nuoc", "lanh dao", "chu dong", "tich cuc",
    "thuc hien", "to chuc", "ket qua", "nhiem vu", "khu vuc", "the gioi", "tinh hinh", "chieu sau", "thoi gian",
    "danh gia", "khang dinh", "nhan manh", "co quan", "bo nganh", "ban nganh", "nang cao", "tang cuong",
    "day manh", "thuc day", "trien khai", "thanh cong", "dang va", "vai tro", "dong bo", "kip thoi", "manh me",
    "tich cuc", "sang tao", "phoi hop", "chat che", "toan dien", "sau rong", "ben canh", "dien bien", "phuc tap",
    "muc tieu", "dinh huong", "phuong huong", "chinh sach", "trung uong", "chinh phu", "thu tuong", "bo truong",
    "pho thu", "bo ngoai", "giao viet", "lien quan", "dat duoc", "hon nua", "gop phan", "y nghia",
    # the means and modes every task and result speaks of
    "bien phap", "giai phap", "truc tiep", "tham gia", "ho tro", "gian tiep",
    # the organs that tasks are addressed to and that results are credited to
    "bo chinh", "chinh tri", "ban bi", "bi thu", "tong bi", "ban chap", "chap hanh", "quoc hoi", "ban doi",
))

# Group words that stand for partners: a task about "the neighbours" is answered by a result
# about one of them.
_GROUPS = {
    "lang gieng": ("trung quoc", "lao", "campuchia"),
    "nuoc lon": ("hoa ky", "my", "trung quoc", "nga", "nhat ban", "an do"),
}


@cache
def country_names() -> tuple[str, ...]:
    """Return the country names of data/places.toml, lower case with their tones ("bỉ" is not "bí")."""
    names = {unicodedata.normalize("NFC", n.lower()) for n in places().get("countries", ())} - {"việt nam"}
    return tuple(sorted(names, key=len, reverse=True))


@cache
def _no_terms() -> frozenset[str]:
    """Return the word pairs that are no key term: the domain's common vocabulary and the verbs
    of doing (they say how a task is put, not what it is about)."""
    return _GENERIC | {v for v in _verbs() if len(v.split()) == 2}


class _Clause(NamedTuple):
    text: str  # as written, from its first quoted word
    terms: frozenset[str]


def _terms(text: str) -> frozenset[str]:
    """Return the key terms of *text*: its content word pairs (not across punctuation, not
    straddling a pair of the common vocabulary: "nâng cao hiệu quả" gives no "cao hiệu"), its
    acronyms, and the partners it names, as "@name" (a group word names each of its members)."""
    spans = [(m.start(), m.end(), fold(m.group()), unicodedata.normalize("NFC", m.group().lower()))
             for m in _WORD.finditer(text)]
    no_terms = _no_terms()
    joined = [i for i in range(len(spans) - 1) if not text[spans[i][1]:spans[i + 1][0]].strip()]
    pairs = {i: f"{spans[i][2]} {spans[i + 1][2]}" for i in joined}
    found: set[str] = set()
    for i, pair in pairs.items():
        a, b = spans[i][3], spans[i + 1][3]
        if a in _FUNCTION or b in _FUNCTION or a.isdigit() or b.isdigit() or pair in no_terms:
            continue
        if pairs.get(i - 1) in _GENERIC or pairs.get(i + 1) in _GENERIC:
            continue
        found.add(pair)
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) >= 3 and sum(c.isupper() for c in word) >= 2 and not word.isdigit():
            found.add(fold(word))
    low = f" {' '.join(_WORD.findall(unicodedata.normalize('NFC', text).lower()))} "
    for name in country_names():
        if f" {name} " in low:
            found.add("@" + fold(name))
    folded = f" {' '.join(span[2] for span in spans)} "
    for group, members in _GROUPS.items():
        if f" {group} " in folded:
            found.update("@" + m for m in members)
    return frozenset(found)


def _verb_at(folded: str) -> int | None:
    """Return where the first verb of doing starts in a folded clause (not a noun after "các")."""
    best = None
    for verb in _verbs():
        for m in re.finditer(rf"(?<!\w){re.escape(verb)}(?!\w)", folded):
            before = folded[: m.start()].split()
            if before and before[-1] in _NOUN_BEFORE:
                continue
            if " ".join(before[-2:]) in _SPOKEN_BEFORE:
                continue  # "phát biểu chỉ đạo": the way a speech was made, not a task's verb
            if best is None or m.start() < best:
                best = m.start()
            break
    return best


def _split(sentence: str) -> list[str]:
    """Return the clauses of a task sentence: cut at ";" and ":", and at a comma or "và"
    before a verb of doing when what comes before has four words or more."""
    pieces = re.split(r"([;:])", sentence)
    # The words before a colon introduce a list ("… gồm các nhiệm vụ sau:"): not a task of their own.
    parts = [p.strip() for n, p in enumerate(pieces[::2]) if p.strip()
             and not (2 * n + 1 < len(pieces) and pieces[2 * n + 1] == ":" and "".join(pieces[2 * n + 2:]).strip())]
    clauses = []
    verbs = "|".join(re.escape(v) for v in _verbs())
    cut = re.compile(rf"(?:,|\s+và)\s+(?=(?:{verbs})(?!\w))")
    for part in parts:
        folded = fold(part)  # same length as the text (NFC letters fold one to one)
        start = 0
        pieces = []
        for m in cut.finditer(folded):
            if len(folded) != len(part):
                break
            before = part[:m.start()]
            if before.count("“") > before.count("”") or before.count('"') % 2:
                continue  # inside a quotation (a title, a motto): not a clause of its own
            if len(folded[start:m.start()].split()) >= 4:
                pieces.append(part[start:m.start()])
                start = m.end()
        pieces.append(part[start:])
        clauses += [p.strip(" ,") for p in pieces if p.strip(" ,")]
    return clauses


def _quote(words: list[str]) -> str:
    text = " ".join(words[:CLAUSE_WORDS]).rstrip(",;:")
    return text + " …" if len(words) > CLAUSE_WORDS else text.rstrip(".")


def task_clauses(text: str) -> list[_Clause]:
    """Return the task clauses of a tasks-set item's *text*, each from its first quoted word."""
    found = []
    for a, b in sentences(text):
        if sentence_kind(text[a:b]) in ("result", "context"):
            continue  # what was done or the setting, in a passage of tasks
        sentence = _MARKER.sub("", text[a:b].strip(), count=1)
        for clause in _split(sentence):
            folded = fold(clause)
            if len(folded) != len(clause):
                continue
            at = _verb_at(folded)
            if at is None and (ask := _ASK.search(folded)):
                at = ask.end() + 1  # "cần sớm kết thúc …": what is asked for, whatever its verb
            asked = at is not None and _ASK.search(folded, 0, at) is not None
            # Who asks may take many words ("Thủ tướng Chính phủ Phạm Minh Chính yêu cầu …").
            if at is None or at >= len(folded) or len(folded[:at].split()) > (ASKER_WORDS if asked else LEAD_WORDS):
                continue  # no verb of doing: not a task spelled out
            lead = folded[:at]
            if lead.rstrip().endswith(("\"", "“", "'", "‘", "«")):
                continue  # the verb opens a quoted title ("Phiên I “Đẩy mạnh …”")
            if _LEAD_IN.search(lead):
                clause = clause[at:]  # "X đề nghị Y tiếp tục …": the task starts at its verb
            elif len(lead.split()) > LEAD_SHORT or re.search(r"(?<!\w)la(?!\w)", lead):
                continue  # the verb belongs to something else ("Đây là văn bản chỉ đạo …")
            terms = _terms(clause)
            if terms:
                found.append(_Clause(clause, terms))
    return found


# A result sentence's attribution ("Cũng theo bà X,", "Theo Bộ trưởng,"): not quoted.
_ATTRIBUTION = re.compile(r"^(?:[Cc]ũng )?[Tt]heo [^,;:]{1,50}, ")
HEAD_WORDS = 10  # words of a long result sentence's head, quoted before the part that answers
TAIL_WORDS = 12  # … and of that part
# A figure that is not a year: a concrete result ("28 chuyến thăm", "17 đối tác").
_COUNT = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d(?!\d))\d+")


def _result_quote(sentence: str, terms: frozenset[str]) -> str:
    """Return about CLAUSE_WORDS words of a result sentence: its head (what was done, by whom),
    and when the part that answers the task comes later, that part after an ellipsis."""
    sentence = _ATTRIBUTION.sub("", sentence, count=1)
    words = sentence.split()
    at = next((i for i in range(len(words)) if _terms(" ".join(words[i:i + 2])) & terms), 0)
    if len(words) <= CLAUSE_WORDS + 2 or at + 2 <= CLAUSE_WORDS:
        return _quote(words)
    start = max(at - 3, HEAD_WORDS)
    head = " ".join(words[:HEAD_WORDS]).rstrip(",;:")
    tail = words[start:start + TAIL_WORDS]
    return f"{head} … {' '.join(tail).rstrip(',;:.')}" + (" …" if start + TAIL_WORDS < len(words) else "")


class _Candidate(NamedTuple):
    sentence: str
    terms: frozenset[str]
    item: Item
    where: str | None  # None: not printed in the body (a result it leaves out), cited when quoted
    key_point: int | None
    passages: tuple[Passage, ...] = ()


def _candidates(sections: list[Section], reserve: Iterable[tuple[Item, list[Passage]]] = ()) -> list[_Candidate]:
    """Return the sentences of the pack's result items (key points, then the results by theme),
    each with where it is printed: its key point's number, or its theme group; then those of
    the results the body leaves out (*reserve*, with their passages), printed nowhere else."""
    groups: list[tuple[str | None, bool, list[tuple[Item, tuple[Passage, ...]]]]] = []
    for top in sections:
        if top.key == "key_points":
            groups.append(("key_points", True, [(item, ()) for item in top.items]))
        elif top.key == "results":
            groups += [(g.theme or "", False, [(item, ()) for item in g.items]) for g in top.sections]
    groups.append((None, False, [(item, tuple(passages)) for item, passages in reserve]))
    found = []
    for where, is_point, entries in groups:
        for number, (item, passages) in enumerate(entries, 1):
            if item.kind != "result":
                continue
            for a, b in sentences(item.text):
                sentence = item.text[a:b].strip()
                if len(sentence.split()) >= 6 and sentence_kind(sentence) not in ("context", "task"):
                    found.append(_Candidate(sentence, _terms(sentence), item, where, number if is_point else None,
                                            passages))
    return found


# A document issued ("Thủ tướng đã ban hành Công điện về …", folded): the act that sets tasks, no
# outcome of them, when it is all the sentence reports; it answers a task that asks for a
# document: a verb of drafting before a document's noun ("ban hành Chỉ thị về …", "hoàn thiện thể
# chế", "sửa đổi, bổ sung các quy định").
_DOCUMENT_NOUN = (r"(?:cong dien|chi thi|nghi quyet|ket luan|quyet dinh|nghi dinh|thong tu|van ban|ke hoach|"
                  r"de an|chien luoc|chuong trinh hanh dong|luat|quy dinh|the che|chinh sach|hiep dinh)")
_ISSUED = re.compile(rf"(?<!\w)ban hanh\s+(?:\w+\s+){{0,2}}?{_DOCUMENT_NOUN}(?!\w)")
_OTHER_DEED = re.compile(r"(?<!\w)(?:da|vua)\s+(?!ban hanh(?!\w))\w+")
_ASKS_DOCUMENT = re.compile(rf"(?<!\w)(?:ban hanh|xay dung|soan thao|trinh|hoan thien|sua doi|bo sung|de xuat)"
                            rf"(?:\W+\w+){{0,4}}?\W+{_DOCUMENT_NOUN}(?!\w)")


def answers(task: str, result: str) -> bool:
    """Whether a result may answer a task at all: one whose only news is a document issued
    answers only a task that asks for a document (the tasks a directive sets are not done by
    issuing it); one that goes on to what was done ("… các cơ quan đã sơ tán 600 công dân") may
    answer any."""
    folded = fold(result)
    issued = _ISSUED.search(folded)
    if issued is None or _OTHER_DEED.search(folded[issued.end():]) or _OTHER_DEED.search(folded[:issued.start()]):
        return True  # (the "đã" just before "ban hành" has no word of its own in the part before)
    return bool(_ASKS_DOCUMENT.search(fold(task)))


def _named(term: str) -> bool:
    """A partner or an acronym: a term that names one thing."""
    return term.startswith("@") or " " not in term


def rows(sections: list[Section], taxonomy: Taxonomy, reserve: Iterable[tuple[Item, list[Passage]]] = (),
         cite: Callable[[list[Passage]], tuple[Citation, ...]] | None = None) -> tuple[PlanRow, ...]:
    """Return the plan-against-outcome rows of a year pack's *sections* (its key points,
    results and tasks set), quoting too the results the body leaves out (*reserve*: each item
    with its passages, which *cite* numbers when a row quotes it)."""
    tasks = next((s.items for s in sections if s.key == "tasks_set"), ())
    clauses = [(item, clause) for item in tasks for clause in task_clauses(item.text)][:PLAN_MAX]
    if not clauses:
        return ()
    candidates = _candidates(sections, reserve if cite is not None else ())  # a reserve is quoted only if cited
    documents = [c.terms for c in candidates] + [c.terms for _, c in clauses]
    df: dict[str, int] = {}
    for terms in documents:
        for t in terms:
            df[t] = df.get(t, 0) + 1
    total = len(documents)

    def weight(term: str) -> float:
        return math.log((total + 1) / (df.get(term, 0) + 0.5))

    def value(shared: frozenset[str]) -> float:
        # The partners named: two at most count (a group word's members are many names of one term).
        partners = sorted((weight(t) for t in shared if t.startswith("@")), reverse=True)[:2]
        return sum(weight(t) for t in shared if not t.startswith("@")) + sum(partners)

    result = []
    seen: set[str] = set()
    for item, clause in clauses:
        key = fold(clause.text)[:60]
        if key in seen:
            continue  # the same task told twice
        seen.add(key)
        themes = strong_themes(clause.text, taxonomy)
        scored = []
        for n, c in enumerate(candidates):
            shared = clause.terms & c.terms
            if not shared or not answers(clause.text, c.sentence):
                continue
            agree = bool(themes & set(c.item.themes))
            score = value(shared) + (THEME_BONUS if agree else 0.0)
            distinct = len({t for t in shared if not t.startswith("@")}) + any(t.startswith("@") for t in shared)
            if score >= MATCH_MIN and (distinct >= 2 or agree or any(_named(t) for t in shared)):
                scored.append((-score - (CONCRETE if _COUNT.search(c.sentence) else 0.0), n, c, shared))
        scored.sort(key=lambda entry: entry[:2])
        outcomes: list[Outcome] = []
        used: set[tuple[str, int]] = set()
        for _, _, c, shared in scored:
            if (c.item.source_id, c.item.passage) in used:
                continue
            used.add((c.item.source_id, c.item.passage))
            citations = cite(list(c.passages)) if c.where is None and cite is not None else c.item.citations
            outcomes.append(Outcome(text=_result_quote(c.sentence, shared), citations=citations,
                                    source_id=c.item.source_id, passage=c.item.passage, where=c.where,
                                    key_point=c.key_point))
            if len(outcomes) >= OUTCOMES_MAX:
                break
        result.append(PlanRow(task=_quote(clause.text.split()), citations=item.citations[:1], source_id=item.source_id,
                              passage=item.passage, outcomes=tuple(outcomes)))
    return tuple(result)


def section(sections: list[Section], year: int, taxonomy: Taxonomy,
            reserve: Iterable[tuple[Item, list[Passage]]] = (),
            cite: Callable[[list[Passage]], tuple[Citation, ...]] | None = None) -> Section:
    """Return the plan-against-outcome section of a year pack (key "plan"); see :func:`rows`.
    A table in which no task meets a result says no more than the tasks set: it is left out
    (and so is its heading)."""
    found = rows(sections, taxonomy, reserve, cite)
    return Section(key="plan", year=year, plan=found if any(row.outcomes for row in found) else ())
