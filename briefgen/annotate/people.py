"""People: named officials and the titles written next to their names.

"Phó Thủ tướng, Bộ trưởng Ngoại giao Phạm Bình Minh" -> name "Phạm Bình Minh", title
"Phó Thủ tướng, Bộ trưởng Ngoại giao"; "Phạm Bình Minh, Ủy viên Bộ Chính trị" -> the title
after the name; "Tổng thống Hoa Kỳ Barack Obama" -> a foreign name after a title and a
country. A Vietnamese name is a run of two to four capitalised syllables that starts with a
family name; a foreign name counts right after a title, after "ông", "bà" or "ngài", or before
", Title". A title chain runs on through the name of a body ("Trưởng Ban Tuyên giáo Trung
ương", "Chủ nhiệm Ủy ban Nhà nước về người Việt Nam ở nước ngoài") and stops at a verb. A name
equal to a place of data/places.toml ("Hà Nội", "Thái Lan") is never a person. Letters of other
scripts that look like Latin ones are read as the Latin letter.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import Person
from ..text import fold

# A Vietnamese syllable, tones folded: an initial consonant, one to three vowels, a final.
_VN_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}"
                          r"(?:ch|ng|nh|[cmnpt])?")


def _vietnamese_syllable(word: str) -> bool:
    """Return True when *word* has the shape of one Vietnamese syllable ("Nguyễn", "Thu"), not
    of a foreign word ("Fumio", "Pembroke", "Jong") or a hyphenated transliteration ("Pu-tin")."""
    return _VN_SYLLABLE.fullmatch(fold(word)) is not None


def _foreign_word(word: str) -> bool:
    """Return True when *word* is spelt as no Vietnamese syllable is: a transliteration with
    hyphens ("Giô-xép") or letters and clusters Vietnamese does not write ("Kishida")."""
    return "-" in word or not _vietnamese_syllable(word)


def foreign_name(name: str) -> bool:
    """Return True when a name has a word spelt as no Vietnamese syllable is ("Thongloun
    Sisoulith", "Kim Jong-un"): a foreign person's."""
    return any(_foreign_word(word) for word in name.split())


def same_person_key(name: str) -> str:
    """Return the key under which the spellings of one person meet: tones, case and spaces
    aside, and for a foreign name either order of its words ("Fumio Kishida", "Kishida Fumio").

    A Vietnamese name (a family name first, then syllables of Vietnamese shape) keeps its
    order, which is fixed: "Nguyễn Văn An" and "An Văn Nguyễn" are different people.
    """
    words = fold(name).split()
    if not words:
        return ""
    surnames = {fold(s) for s in vocabulary().surnames}
    if words[0] in surnames and all(_vietnamese_syllable(w) for w in words):
        return " ".join(words)
    return " ".join(sorted(words))


def person_key(name: str) -> str:
    """Return the key two mentions of one person share (see :func:`same_person_key`)."""
    return same_person_key(name)


_PLACE_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ", "thu do ", "huyen ", "quan ", "thi xa ", "dao ",
                   "quan dao ", "nuoc ", "vuong quoc ", "cong hoa ")


def is_place(name: str) -> bool:
    """Return True when *name* is a place of data/places.toml (a province, city, country or
    region as Vietnamese writes it), with or without "tỉnh", "thành phố", "TP." before it."""
    key = " ".join(fold(name).replace("–", "-").split()).strip(" ,.")
    vocab = vocabulary()
    if key in vocab.places:
        return True
    return any(key.startswith(p) and (key[len(p):] in vocab.places or key[len(p):] in vocab.prefixed_places)
               for p in _PLACE_PREFIXES)


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
    places: frozenset[str]  # folded
    prefixed_places: frozenset[str]  # folded: places only after "thành phố", "TP." ("hồ chí minh")
    place_words: frozenset[str]  # lower case: every word of a place name ("thái", "lan", "tokyo")
    modifiers: frozenset[str]  # lower-case words of title modifiers ("đặc mệnh toàn quyền")
    body_heads: frozenset[str]  # lower case ("ban", "ủy ban")
    breakers: re.Pattern[str]  # a verb or connective inside a would-be title chain (lower case)


@cache
def places() -> dict[str, tuple[str, ...]]:
    """Return the place names of data/places.toml by group (provinces, local, countries,
    foreign_cities, named_after_people), as written there: lower case, with their tones."""
    raw = tomllib.loads(resources.files("briefgen").joinpath("data/places.toml").read_text(encoding="utf-8"))
    return {group: tuple(names) for group, names in raw.items()}


@cache
def vocabulary() -> _Vocabulary:
    """Return the title, surname and place words shipped in data/people.toml and data/places.toml."""
    data = tomllib.loads(resources.files("briefgen").joinpath("data/people.toml").read_text(encoding="utf-8"))
    place_data = places()
    place_names = [name for key, group in place_data.items() if key != "named_after_people" for name in group]
    after_people = place_data.get("named_after_people", ())
    glue = (_TITLE_GLUE | {word for title in data["titles"] for word in title.split()}
            | {word for phrase in data["title_modifiers"] for word in phrase.split()})
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
                       places=frozenset(" ".join(fold(p).split()) for p in place_names),
                       prefixed_places=frozenset(" ".join(fold(p).split()) for p in after_people),
                       place_words=frozenset(w for p in place_names for w in p.split()),
                       modifiers=frozenset(w for phrase in data["title_modifiers"] for w in phrase.split()),
                       body_heads=frozenset(data["body_heads"]),
                       breakers=re.compile(r"(?<!\w)(?:" + "|".join(
                           re.escape(b) for b in sorted(data["chain_breakers"], key=len, reverse=True)) + r")(?!\w)"))


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


# Where a title written after a name ends: punctuation, a dash, or the verb of the sentence;
# "và" before a lower-case word ("Bộ Văn hóa, Thể thao và Du lịch" is one ministry's name).
_LOWER = "a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
_AFTER_TITLE_END = re.compile(
    r"[;:.)!?…]|\s[-–]\s|,\s*(?=[a-zà-ỹđ])|\svà(?=\s+[" + _LOWER + r"])"
    r"|\s(?:đã|sẽ|đang|dự|tham dự|chủ trì|đồng chủ trì|phát biểu|cho biết"
    r"|nhận định|nêu rõ|chia sẻ|cho hay"
    r"|khẳng định|nhấn mạnh|đánh giá|chúc mừng|tiếp|hội kiến|hội đàm|gặp|cho rằng|nói|trao|ký|thăm|dẫn đầu"
    r"|chỉ đạo|đề nghị|yêu cầu|bày tỏ|cảm ơn|thông báo|trả lời|tuyên bố)(?=[\s:,.]|$)")


def _is_cap(token: str) -> bool:
    return token[:1].isupper()


# Letters of other scripts drawn like Latin ones ("Nguyễn" with a Cyrillic "е"), read as the
# Latin letter inside a word that has Latin letters.
_LOOKALIKES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "һ": "h", "ԁ": "d", "ӏ": "l", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
    "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "α": "a", "ο": "o", "ν": "v",
    "ρ": "p", "ε": "e", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "Α": "A", "Β": "B", "Ε": "E", "Η": "H",
    "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X", "Υ": "Y", "Ζ": "Z",
})
_WORD = re.compile(r"[\w\u0300-\u036f]+")
_LOOKALIKE_CHARS = re.compile("[" + "".join(map(chr, _LOOKALIKES)) + "]")


def _latin(text: str) -> str:
    """Return *text* in NFKC (fullwidth and mathematical letters as plain ones), with letters
    of other scripts that look like Latin ones read as Latin inside Latin words."""
    text = unicodedata.normalize("NFKC", text)
    # NFKC text is already composed, so a text with no lookalike letter is returned as is.
    if text.isascii() or not _LOOKALIKE_CHARS.search(text):
        return text

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.isascii() or not any("a" <= c.lower() <= "z" for c in word):
            return word
        return word.translate(_LOOKALIKES)

    return unicodedata.normalize("NFC", _WORD.sub(fix, text))


# Courtesy words before a foreign name ("bà Mitsue Pembroke", "ngài Yamada"); "anh" and "chị"
# are also countries and pronouns, so they name only Vietnamese people.
_FOREIGN_COURTESY = frozenset(["ông", "bà", "ngài"])
# Words that never begin or end the body between a title and a name.
_CONNECTIVES = frozenset(["và", "tại", "về", "các", "của", "ở", "cùng", "với", "hoặc", "thuộc"])


_GLUE = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def _unglue_titles(text: str, titles: re.Pattern[str]) -> str:
    """Return *text* with a title glued to the name before it by a hyphen set apart ("Lê Hoài
    Trung-Thứ trưởng Bộ Ngoại giao" -> "Lê Hoài Trung - Thứ trưởng …"); a hyphen inside a name
    or a word ("Ô-xtrây-li-a") stays."""
    low = text.lower()
    cuts = [m.start() for m in _GLUE.finditer(text) if titles.match(low, m.end())]
    for at in reversed(cuts):
        text = text[:at] + " - " + text[at + 1:]
    return text


def extract(text: str) -> list[Person]:
    """Return the people named in *text*, each once, with the fullest title found."""
    vocab = vocabulary()
    text = _unglue_titles(_latin(text), vocab.title_pattern)
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
        if person is not None and not is_place(person.name):
            key = same_person_key(person.name)
            if key not in found:
                order.append(key)
                found[key] = person
            elif person.title and len(person.title) > len(found[key].title or ""):
                found[key] = Person(name=found[key].name, title=person.title)
        i = j
    people = [found[k] for k in order]
    # "Obama" after "Barack Obama", "Kishida" beside "Kishida Fumio": the same person.
    return [p for p in people if " " in p.name.strip() or not any(
        q is not p and fold(p.name) in fold(q.name).split() for q in people)]


def _place_prefix(run: list[str]) -> int:
    """Return how many words at the start of *run* name a place, leaving two or more words
    ("Hà Giang Nguyễn Văn Sơn" -> 2), or 0."""
    for m in range(min(4, len(run) - 2), 0, -1):
        if is_place(" ".join(run[:m])):
            return m
    return 0


def _courtesy_before(tokens: list[tuple[str, int, int]], i: int, vocab: _Vocabulary) -> int:
    """Return how many tokens right before tokens[i] are a courtesy word ("ông", "đồng chí")."""
    if i > 1 and f"{tokens[i - 2][0]} {tokens[i - 1][0]}".lower() in vocab.courtesy:
        return 2
    if i > 0 and tokens[i - 1][0].lower() in vocab.courtesy:
        return 1
    return 0


def _person_in_run(text: str, tokens: list[tuple[str, int, int]], i: int, j: int,
                   vocab: _Vocabulary) -> Person | None:
    """Return the person a run of capitalised tokens (tokens[i:j]) names, if it names one."""
    run = [t[0] for t in tokens[i:j]]
    following = tokens[j][0] if j < len(tokens) else ""
    continued = following[:1].islower() and f"{run[-1]} {following}".lower() in vocab.pairs
    # A Vietnamese name: the earliest family name leaving 2-4 syllables to the end of the run,
    # after any place that opens the run ("tỉnh Hà Giang Nguyễn Văn Sơn").
    skip = _place_prefix(run)
    start = next((k for k in range(skip, len(run)) if run[k].lower() in vocab.surnames and 2 <= len(run) - k <= 4
                  and all(not w.isupper() or len(w) == 1 for w in run[k:])), None)
    if start is not None and i + start < j:
        name_i = i + start
        name = text[tokens[name_i][1] : tokens[j - 1][2]]
        if is_place(name) or continued:
            return None  # "Hà Giang"; "Hoàng Thái tử", "Đoàn Thanh niên": the last word opens a title or body
        courtesy = _courtesy_before(tokens, name_i, vocab)
        before = _title_before(text, tokens, name_i - courtesy, vocab)
        previous = tokens[name_i - 1][0].lower() if name_i > 0 else ""
        place = previous in vocab.place_before or (name_i > 1 and
                                                   f"{tokens[name_i - 2][0].lower()} {previous}" in vocab.place_before)
        if (start == 0 and place and not before) or (place and is_place(f"{previous} {name}")):
            return None  # "tại Lâm Đồng", "TP Hồ Chí Minh"
        after = _title_after(text, tokens, j, vocab)
        if before or after or courtesy:
            return Person(name=name, title=before or after)
        return None
    if continued:
        return None  # the run is part of a title or a body's name ("Phó Thủ tướng", "Cơ quan")
    lead = 1 if run[0].lower() in _FOREIGN_COURTESY else 0  # "Bà Mitsue Pembroke" opening a sentence
    courtesy = lead or (_courtesy_before(tokens, i, vocab) == 1 and tokens[i - 1][0].lower() in _FOREIGN_COURTESY)
    if courtesy:
        return _foreign_after_courtesy(text, tokens, i + lead, j, vocab)
    # A foreign name right after a title: the last capitalised words that are not a body or country.
    tail = list(run)
    while tail and (tail[0].lower() in vocab.not_name or tail[0].isupper()):
        tail.pop(0)
    if len(tail) > 1:
        del tail[:_place_prefix([*tail, ""])]  # "Thị trưởng Tokyo Yuriko Koike"
    if not tail or len(tail) > 3 or any(w.lower() in vocab.not_name or w.lower() in vocab.glue or w.isupper()
                                        for w in tail):
        return None
    if not any(_foreign_word(w) for w in tail):
        return None  # Vietnamese words after a title, not a foreign name ("Lễ", "Thể Thao")
    first = i + len(run) - len(tail)
    title = _title_before(text, tokens, first, vocab)
    if title is None:
        return _foreign_before_title(text, tokens, i, j, vocab) if first == i else None
    previous = tokens[i - 1][0].lower() if i > 0 else ""
    two_before = f"{tokens[i - 2][0].lower()} {previous}" if i > 1 else ""
    placed = first == i and (previous in vocab.place_before or two_before in vocab.place_before)
    name = text[tokens[first][1] : tokens[j - 1][2]]
    if placed or is_place(name):
        return None  # "Phó Chủ tịch UBND thành phố Cần Thơ": a place
    return Person(name=name, title=title)


def _foreign_words(words: list[str], vocab: _Vocabulary) -> bool:
    """Return True when *words* can be a foreign person's name: one to three words, none a
    body, country, title word or abbreviation."""
    return 1 <= len(words) <= 3 and not any(
        w.lower() in vocab.not_name or w.lower() in vocab.glue or (w.isupper() and len(w) > 1) for w in words
    ) and not is_place(" ".join(words))


def _foreign_after_courtesy(text: str, tokens: list[tuple[str, int, int]], i: int, j: int,
                            vocab: _Vocabulary) -> Person | None:
    """Return the foreign person named after "ông", "bà" or "ngài" (tokens[i:j]): two or three
    capitalised words, or one spelt as no Vietnamese syllable is ("ông Putin")."""
    words = [t[0] for t in tokens[i:j]]
    if not _foreign_words(words, vocab) or (len(words) == 1 and not _foreign_word(words[0])):
        return None
    name = text[tokens[i][1] : tokens[j - 1][2]]
    start = i - 1 if i > 0 and tokens[i - 1][0].lower() in _FOREIGN_COURTESY else i
    return Person(name=name, title=_title_after(text, tokens, j, vocab) or _title_before(text, tokens, start, vocab))


def _foreign_before_title(text: str, tokens: list[tuple[str, int, int]], i: int, j: int,
                          vocab: _Vocabulary) -> Person | None:
    """Return the foreign person written before ", Title" ("Joko Widodo, Tổng thống ..."): two
    or three capitalised words, the first spelt as no Vietnamese syllable is."""
    words = [t[0] for t in tokens[i:j]]
    if len(words) < 2 or not _foreign_words(words, vocab) or not _foreign_word(words[0]):
        return None
    previous = tokens[i - 1][0].lower() if i > 0 else ""
    if previous in vocab.place_before:
        return None
    after = _title_after(text, tokens, j, vocab)
    return Person(name=text[tokens[i][1] : tokens[j - 1][2]], title=after) if after else None


def _title_start(text: str, tokens: list[tuple[str, int, int]], i: int, vocab: _Vocabulary) -> int:
    """Return where the title chain before tokens[i] begins (its offset), or tokens[i]'s offset.

    The chain is read backwards from the name: the nearest title head, with the body written
    between it and the name ("Trưởng Ban Tuyên giáo Trung ương"), then any title heads before
    it joined by a comma, a dash or a body ("Thứ trưởng Bộ Ngoại giao, Chủ nhiệm Ủy ban ...").
    """
    end = tokens[i][1]
    k = i - 1
    while k >= 0 and i - k <= 40 and tokens[k][0] not in _SENTENCE_PUNCT:
        k -= 1
    low = tokens[k + 1][1] if k + 1 < i else end
    found = [(low + m.start(), low + m.end()) for m in vocab.title_pattern.finditer(text[low:end].lower())]
    # A one-word title ("nguyên", former) counts only right before another title: elsewhere it is
    # a syllable of a name ("Đặng Nguyên Anh") or a word ("Bộ Tài nguyên và Môi trường").
    matches = [m for n, m in enumerate(found) if " " in text[m[0] : m[1]].strip() or (
        n + 1 < len(found) and not text[m[1] : found[n + 1][0]].strip())]
    start, cur = end, end
    while matches:
        m_start, m_end = matches.pop()
        if m_end > cur:
            continue
        if not _is_body(text[m_end:cur], text[m_start:m_end], vocab):
            break
        start = cur = m_start
    return start


def _is_body(between: str, title: str, vocab: _Vocabulary) -> bool:
    """Return True when *between* (the words between a title head and a name, or between two
    title heads) can belong to the title: a body's name, a country, a modifier — no verb, no
    connective at either end, no personal name, lower-case words only after a body's head."""
    part = between.strip().rstrip(",-–").strip()
    if not part:
        return True
    words = [w for w in re.split(r"[\s,]+", part) if w and w not in ("-", "–")]
    if not words or vocab.breakers.search(part.lower()):
        return False
    if words[0].lower() in _CONNECTIVES or words[-1].lower() in _CONNECTIVES:
        return False
    title_words = title.lower().split()
    opened = (title_words[-1] in vocab.body_heads or " ".join(title_words[-2:]) in vocab.body_heads
              or words[0].lower() in vocab.body_heads or " ".join(words[:2]).lower() in vocab.body_heads)
    loose = [w for w in words if not _is_cap(w) and w.lower() not in vocab.glue]
    if loose and (not opened or len(loose) > 8):
        return False
    if "," in part and not opened:
        return False
    return not _holds_name(words, vocab)


def _holds_name(words: list[str], vocab: _Vocabulary) -> bool:
    """Return True when *words* hold a personal name: a Vietnamese one (not a place, not the
    start of a body such as "Đoàn Thanh niên"), or two or three foreign-spelt words."""
    runs: list[tuple[str, list[str], str]] = []  # (the word before, the run, the word after)
    current: list[str] = []
    previous = ""
    for n, w in enumerate([*words, ""]):
        if w and _is_cap(w):
            current.append(w)
            continue
        if current:
            runs.append((previous, current, w))
            current = []
        previous = " ".join(words[max(0, n - 1) : n + 1]).lower()
    for before, run, follower in runs:
        if before.split()[-1:] and (before in vocab.place_before or before.split()[-1] in vocab.place_before):
            continue  # "thành phố Hồ Chí Minh": a place
        run = run[_place_prefix(run):]
        for k, w in enumerate(run):
            rest = run[k:]
            if w.lower() in vocab.surnames and 2 <= len(rest) <= 4 and not is_place(" ".join(run[max(0, k - 1):])) \
                    and not is_place(" ".join(rest)) and not (
                    follower and f"{rest[-1]} {follower}".lower() in vocab.pairs):
                return True
        stripped = [w for w in run if w.lower() not in vocab.not_name]
        if 2 <= len(stripped) <= 3 and all(_foreign_word(w) and w.lower() not in vocab.glue
                                           and not (w.isupper() and len(w) > 1) for w in stripped) \
                and not is_place(" ".join(stripped)) and not any(w.lower() in vocab.place_words for w in stripped):
            return True
    return False


def _title_before(text: str, tokens: list[tuple[str, int, int]], i: int, vocab: _Vocabulary) -> str | None:
    """Return the title chain written right before tokens[i] ("Phó Thủ tướng, Bộ trưởng Ngoại giao")."""
    if i >= len(tokens):
        return None
    start = _title_start(text, tokens, i, vocab)
    if start >= tokens[i][1]:
        return None
    return text[start : tokens[i][1]].strip(" ,-–") or None


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
    title = text[offset : offset + end].strip(" ,")
    if title.count("(") > title.count(")"):
        # "… Bộ Văn hóa, Thể thao và Du lịch (VHTTDL)": the bracket the title ends in is its own
        title = title + ")" if text[offset + end : offset + end + 1] == ")" else title[: title.rfind("(")].rstrip(" ,")
    return title or None
