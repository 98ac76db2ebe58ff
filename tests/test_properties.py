"""Property-based tests: arbitrary text never crashes the Vietnamese-aware functions, escaping
round-trips, and cleaning keeps what looks like body text."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefgen.annotate.clean import clean
from briefgen.annotate.figures import extract, parse_number
from briefgen.annotate.people import extract as people
from briefgen.model import Block
from briefgen.readers.legacy import syllable_share
from briefgen.rendering.markdown import escape
from briefgen.text import fold, normalize, sentences

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọ"
                     "ồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵAĂÂĐÊÔƠƯBCDGHKLMNPQRSTVXY 0123456789.,;:%/-()\"'\n",
                     max_size=400)
WORDS = ["công", "tác", "đối", "ngoại", "năm", "nay", "tiếp", "tục", "được", "triển", "khai", "hiệu", "quả",
         "quan", "hệ", "hợp", "với", "các", "nước", "bạn", "bè", "truyền", "thống", "đối", "tác", "lớn"]


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_normalize_is_nfc_idempotent_and_clean(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in once)
    assert fold(once) == fold(fold(once))


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXT, VIETNAMESE))
def test_text_functions_never_crash(text: str) -> None:
    spans = sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    for figure in extract(text):
        assert figure.value == figure.value  # a number, not NaN
        assert unicodedata.normalize("NFC", text)[figure.start : figure.end] == figure.text
    people(text)
    assert 0.0 <= syllable_share(text) <= 1.0
    clean([Block(line) for line in normalize(text).split("\n")])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_read_back(value: int) -> None:
    written = f"{value:,}".replace(",", ".")
    assert parse_number(written) == value
    [figure] = extract(f"Năm nay có {written} công dân được bảo hộ.")
    assert figure.value == value and figure.unit == "công dân"


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, VIETNAMESE))
# Every way a CommonMark line can open a block other than a paragraph:
@example("---")
@example("===")
@example("- - -")
@example("+++ tin mới")
@example("--- Hết ---")
@example("*** ___ ~~~")
@example("```python")
@example("# Tiêu đề")
@example("> trích dẫn")
@example("1. Mục một")
@example("2024) năm")
@example("<div>khối</div>")
@example("[1]: http://vi.example")
def test_escaped_text_renders_as_itself(text: str) -> None:
    line = " ".join(normalize(text).split())
    if not line:
        return
    html = MarkdownIt("commonmark", {"html": False}).render(escape(line))
    from html import unescape

    rendered = unescape(html.removeprefix("<p>").removesuffix("</p>\n"))
    assert rendered == line


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=14, max_size=40), st.lists(TEXT, max_size=5))
def test_cleaning_keeps_body_sentences(words: list[str], noise: list[str]) -> None:
    sentence = " ".join(words).capitalize() + "."
    blocks = [Block("Tiêu đề bài viết", "title"), *(Block(n) for n in noise if n.strip()), Block(sentence)]
    cleaned = clean([Block(normalize(b.text), b.kind) for b in blocks if normalize(b.text)])
    assert sentence in [text for _, text in cleaned.items]
