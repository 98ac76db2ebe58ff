"""People: named officials and the titles written next to their names.

"Phó Thủ tướng, Bộ trưởng Ngoại giao Phạm Bình Minh" -> name "Phạm Bình Minh", title
"Phó Thủ tướng, Bộ trưởng Ngoại giao"; "Phạm Bình Minh, Ủy viên Bộ Chính trị" -> the title
after the name; "Tổng thống Hoa Kỳ Barack Obama" -> a foreign name after a title and a
country. A Vietnamese name is a run of two to four capitalised syllables that starts with a
family name; a foreign name counts only right after a title. Places ("tỉnh Hà Tĩnh") are not
people.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import Person
from ..text import fold


def person_key(name: str) -> str:
    """Return the key under which two spellings of one name meet (tones, case and spaces aside)."""
    return " ".join(fold(name).split())


@dataclass(frozen=True)
class _Vocabulary:
    titles: tuple[str, ...]  # lower case, longest first
    glue: frozenset[str]  # lower-case words that may sit inside a title chain
    pairs: frozenset[str]  # two-word parts of titles and bodies ("thủ tướng", "cơ quan")
    title_pattern: re.Pattern[str]  # any title, as a whole phrase (lower case)
    courtesy: frozenset[str]
    cue_pattern: re.Pattern[str]  # a title or a courtesy word: a text without one names nobody
    surnames: frozenset[str]
    place_before: frozenset[str]
    not_name: frozenset[str]
    places: frozenset[str]


@cache
def vocabulary() -> _Vocabulary:
    """Return the title, surname and place words shipped in data/people.toml."""
    data = tomllib.loads(resources.files("briefgen").joinpath("data/people.toml").read_text(encoding="utf-8"))
    glue = _TITLE_GLUE | {word for title in data["titles"] for word in title.split()}
    pairs = {" ".join(words[n : n + 2]) for phrase in data["titles"] + data["bodies"]
             for words in [phrase.split()] for n in range(len(words) - 1)}
    return _Vocabulary(titles=tuple(sorted(set(data["titles"]), key=len, reverse=True)), glue=frozenset(glue),
                       pairs=frozenset(pairs),
                       title_pattern=re.compile(r"(?<!\w)(?:" + "|".join(
                           re.escape(t) for t in sorted(set(data["titles"]), key=len, reverse=True)) + r")(?!\w)"),
                       courtesy=frozenset(data["courtesy"]), surnames=frozenset(data["surnames"]),
                       cue_pattern=re.compile(r"(?<!\w)(?:" + "|".join(
                           re.escape(t) for t in sorted(set(data["titles"]) | set(data["courtesy"]), key=len,
                                                        reverse=True)) + r")(?!\w)"),
                       place_before=frozenset(data["place_before"]), not_name=frozenset(data["not_name_words"]),
                       places=frozenset(data["places"]))


_TOKEN = re.compile(r"[^\s,;:.!?…()\[\]\"“”'‘’/|–—]+|[,;:.!?…()\[\]\"“”/|–—]")
_SENTENCE_PUNCT = set(".;:!?…()[]\"“”|")
# Lower-case words that can sit inside a title chain ("Bộ trưởng Bộ Ngoại giao", "Ủy viên
# Trung ương Đảng", "Chủ tịch nước", "Trưởng ban Đối ngoại Trung ương").
_TITLE_GLUE = frozenset([
    "giao", "hội", "trị", "ương", "phủ", "nước", "thư", "ban", "viên", "chấp", "hành", "trưởng", "tướng", "tịch",
    "ký", "sự", "vụ", "nhiệm", "đạo", "ngoại", "thường", "trực", "thứ", "nhất", "bộ", "chính", "tỉnh", "thành",
    "phố", "ủy", "uỷ", "nhân", "dân", "đảng", "về", "và", "tại", "khóa", "khoá", "quốc", "gia", "đối", "các", "cơ",
    "quan", "chỉ", "ủy", "ban", "uỷ", "ban", "phát", "ngôn", "sứ", "đặc", "mệnh", "toàn", "quyền", "lãnh", "vùng",
    "lãnh", "thổ", "trung", "tâm", "học", "viện", "liên", "hợp", "hiệp", "cấp", "cao", "kiêm", "phụ", "trách",
    "đoàn"
])


# Where a title written after a name ends: punctuation, a dash, or the verb of the sentence.
_AFTER_TITLE_END = re.compile(
    r"[;.)!?…]|\s[-–]\s|,\s*(?=[a-zà-ỹđ])|\s(?:và|đã|sẽ|đang|dự|tham dự|chủ trì|đồng chủ trì|phát biểu|cho biết"
    r"|khẳng định|nhấn mạnh|đánh giá|chúc mừng|tiếp|hội kiến|hội đàm|gặp|cho rằng|nói|trao|ký|thăm|dẫn đầu"
    r"|chỉ đạo|đề nghị|yêu cầu|bày tỏ|cảm ơn|thông báo|trả lời|tuyên bố)(?=\s|$)")


def _is_cap(token: str) -> bool:
    return token[:1].isupper()


def extract(text: str) -> list[Person]:
    """Return the people named in *text*, each once, with the fullest title found."""
    vocab = vocabulary()
    if not vocab.cue_pattern.search(text.lower()):
        return []  # every name is found by a title before or after it, or by "ông"/"bà"
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: dict[str, Person] = {}
    order: list[str] = []
    i = 0
    while i < len(tokens):
        if not _is_cap(tokens[i][0]) or tokens[i][0] in _SENTENCE_PUNCT:
            i += 1
            continue
        j = i
        while j < len(tokens) and _is_cap(tokens[j][0]) and tokens[j][0][:1].isalpha():
            j += 1
        person = _person_in_run(text, tokens, i, j, vocab)
        if person is not None:
            key = person_key(person.name)
            if key not in found:
                order.append(key)
                found[key] = person
            elif person.title and len(person.title) > len(found[key].title or ""):
                found[key] = person
        i = j
    people = [found[k] for k in order]
    # "Obama" after "Barack Obama": the same person.
    return [p for p in people if " " in p.name or not any(
        q is not p and fold(q.name).endswith(" " + fold(p.name)) for q in people)]


def _person_in_run(text: str, tokens: list[tuple[str, int, int]], i: int, j: int,
                   vocab: _Vocabulary) -> Person | None:
    """Return the person a run of capitalised tokens (tokens[i:j]) names, if it names one."""
    run = [t[0] for t in tokens[i:j]]
    # A Vietnamese name: the earliest family name leaving 2-4 syllables to the end of the run.
    start = next((k for k in range(len(run)) if run[k].lower() in vocab.surnames and 2 <= len(run) - k <= 4
                  and all(not w.isupper() or len(w) == 1 for w in run[k:])), None)
    if start is not None and i + start < j:
        name_i = i + start
        before = _title_before(text, tokens, name_i, vocab)
        previous = tokens[name_i - 1][0].lower() if name_i > 0 else ""
        place = previous in vocab.place_before or (name_i > 1 and
                                                   f"{tokens[name_i - 2][0].lower()} {previous}" in vocab.place_before)
        name = text[tokens[name_i][1] : tokens[j - 1][2]]
        if (name.lower() in vocab.places and (place or not before)) or (start == 0 and place and not before):
            return None  # "tỉnh Hà Nam", "tại Lâm Đồng"; but "Phó Chủ tịch UBND tỉnh Hoàng Nam" is a person
        after = _title_after(text, tokens, j, vocab)
        courtesy = previous in vocab.courtesy
        if before or after or courtesy:
            return Person(name=name, title=before or after)
        return None
    # A foreign name: right after a title, the last capitalised words that are not a body or country.
    title = _title_before(text, tokens, i, vocab, allow_run=True)
    if title is None or (j < len(tokens) and f"{run[-1]} {tokens[j][0]}".lower() in vocab.pairs):
        return None  # no title, or the run is part of a title or a body's name ("Phó Thủ tướng", "Cơ quan")
    tail = list(run)
    while tail and (tail[0].lower() in vocab.not_name or tail[0].isupper()):
        tail.pop(0)
    if not tail or len(tail) > 3 or any(w.lower() in vocab.not_name or w.lower() in vocab.glue or w.isupper()
                                        for w in tail):
        return None
    if len(tail) == 1 and fold(tail[0]) != tail[0].lower():
        return None  # one word with Vietnamese tones after a title is not a foreign name ("Lễ")
    first = i + len(run) - len(tail)
    previous = tokens[i - 1][0].lower() if i > 0 else ""
    two_before = f"{tokens[i - 2][0].lower()} {previous}" if i > 1 else ""
    placed = first == i and (previous in vocab.place_before or two_before in vocab.place_before)
    if placed or text[tokens[first][1] : tokens[j - 1][2]].lower() in vocab.places:
        return None  # "Phó Chủ tịch UBND thành phố Cần Thơ": a place
    title_text = text[_title_start(text, tokens, i, vocab) : tokens[first][1]].strip(" ,-–")
    return Person(name=text[tokens[first][1] : tokens[j - 1][2]], title=title_text or title)


def _title_start(text: str, tokens: list[tuple[str, int, int]], i: int, vocab: _Vocabulary) -> int:
    """Return where the title chain before tokens[i] begins (its offset), or tokens[i]'s offset."""
    k = i - 1
    start = tokens[i][1]
    while k >= 0:
        word = tokens[k][0]
        if word in _SENTENCE_PUNCT or (not _is_cap(word) and word not in ",-–" and word.lower() not in vocab.glue):
            break
        if (word in ("và", ",", "-", "–") or not _is_cap(word)) and _ends_name(tokens, k, vocab):
            break  # "Chủ tịch nước Võ Văn Thưởng và …": the title before belongs to that name
        k -= 1
    segment_start = tokens[k + 1][1] if k + 1 < len(tokens) else start
    segment = text[segment_start:start].lower()
    first = vocab.title_pattern.search(segment)
    return segment_start + first.start() if first else start


def _ends_name(tokens: list[tuple[str, int, int]], k: int, vocab: _Vocabulary) -> bool:
    """Return True when the capitalised run ending right before tokens[k] is a personal name:
    a Vietnamese one, or two or three words without Vietnamese tones that belong to no body
    or country ("Emmanuel Macron")."""
    j = k
    while j > 0 and _is_cap(tokens[j - 1][0]) and tokens[j - 1][0][:1].isalpha():
        j -= 1
    run = [t[0].lower() for t in tokens[j:k]]
    if any(w in vocab.surnames and 2 <= len(run) - n <= 4 for n, w in enumerate(run)):
        return True
    while run and run[0] in vocab.not_name:
        run.pop(0)  # "Pháp Emmanuel Macron": the country belongs to the title
    return 2 <= len(run) <= 3 and all(fold(w) == w and w not in vocab.not_name and w not in vocab.glue for w in run)


def _title_before(text: str, tokens: list[tuple[str, int, int]], i: int, vocab: _Vocabulary,
                  allow_run: bool = False) -> str | None:
    """Return the title chain written right before tokens[i] ("Phó Thủ tướng, Bộ trưởng Ngoại giao")."""
    start = _title_start(text, tokens, i, vocab)
    if start >= tokens[i][1]:
        return None
    title = text[start : tokens[i][1]].strip(" ,-–")
    if allow_run:
        return title
    return title or None


def _title_after(text: str, tokens: list[tuple[str, int, int]], j: int, vocab: _Vocabulary) -> str | None:
    """Return the title written after a name: "Phạm Bình Minh, Ủy viên Bộ Chính trị, ..." or "(Title)"."""
    if j >= len(tokens) or tokens[j][0] not in (",", "(", "-", "–"):
        return None
    start = tokens[j][2]
    rest = text[start:].lstrip()
    offset = len(text) - len(rest)
    lowered = rest.lower()
    if not any(lowered.startswith(t) and not lowered[len(t) : len(t) + 1].isalpha() for t in vocab.titles):
        return None
    end_match = _AFTER_TITLE_END.search(rest)
    end = end_match.start() if end_match else len(rest)
    return text[offset : offset + end].strip(" ,") or None
