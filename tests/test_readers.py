"""Readers for each format, encodings, and files that cannot be read."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from briefgen.errors import SourceError
from briefgen.readers import read_document

from .helpers import cp1258_bytes, make_docx, make_pdf

TEXT = "Bảo hộ công dân Việt Nam ở nước ngoài\nNăm 2018, ta đã bảo hộ 10.378 công dân và 1.589 ngư dân.\n"


def texts(path: Path) -> list[str]:
    return [b.text for b in read_document(path).blocks]


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_unicode_text_is_read_without_warning(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + TEXT.encode(encoding))
    doc = read_document(path)
    assert [b.text for b in doc.blocks] == TEXT.strip().split("\n")
    assert doc.warnings == ()


def test_utf16_without_bom_is_guessed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    doc = read_document(path)
    assert texts(path)[1].startswith("Năm 2018")
    assert any("UTF-16" in w for w in doc.warnings)


def test_windows_1258_is_recognised_composed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(cp1258_bytes(TEXT))
    doc = read_document(path)
    assert [b.text for b in doc.blocks] == TEXT.strip().split("\n")  # NFC, same letters as the UTF-8 text
    assert doc.encoding == "windows-1258"
    assert doc.warnings == ("encoding guessed as windows-1258 (not UTF-8)",)


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"), (b"  \n\n ", "empty file"),
    (bytes(range(256)) * 8, "binary content"), (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 300, "binary content"),
])
def test_unreadable_text_names_the_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=reason) as info:
        read_document(path)
    assert str(path) in str(info.value)


def test_hard_wrapped_text_is_joined_but_scraped_lines_are_not(tmp_path: Path) -> None:
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("Công tác đối ngoại năm 2018 đã đạt nhiều\nthành tựu quan trọng, được đánh giá là\n"
                       "điểm sáng.\n\nĐoạn thứ hai bắt đầu ở đây và tiếp\ntục ở dòng sau.\n", encoding="utf-8")
    assert texts(wrapped) == ["Công tác đối ngoại năm 2018 đã đạt nhiều thành tựu quan trọng, được đánh giá là "
                              "điểm sáng.", "Đoạn thứ hai bắt đầu ở đây và tiếp tục ở dòng sau."]
    scraped = tmp_path / "scraped.txt"
    scraped.write_text("Hải Minh/VGP News\nTin liên quan\nChia sẻ bài viết lên facebook\nicon category\n",
                       encoding="utf-8")
    assert len(texts(scraped)) == 4


def test_markdown_headings_and_inline_markup(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Kết quả năm 2018\n\n## Một số nhiệm vụ năm 2019\n\nThứ nhất, **tiếp tục** đưa quan hệ "
                    "[đi vào chiều sâu](http://x.vn).\n", encoding="utf-8")
    blocks = read_document(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "Kết quả năm 2018"), ("heading", "Một số nhiệm vụ năm 2019"),
        ("text", "Thứ nhất, tiếp tục đưa quan hệ đi vào chiều sâu.")]


def test_html_main_content_without_navigation(tmp_path: Path) -> None:
    body = " ".join(["Năm 2018, Việt Nam đã bảo hộ 10.378 công dân ở nước ngoài."] * 6)
    page = f"""<html><head><title>Bảo hộ công dân</title><meta charset="utf-8"></head><body>
    <nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/the-gioi">Thế giới</a></li></ul></nav>
    <article><h1>Bảo hộ công dân năm 2018</h1><p>{body}</p><h2>Nhiệm vụ năm 2019</h2>
    <p>Thứ nhất, tiếp tục đưa quan hệ với các nước láng giềng đi vào chiều sâu, ổn định và bền vững.</p></article>
    <footer>Bản quyền thuộc về Báo X. Liên hệ quảng cáo.</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    joined = "\n".join(b.text for b in doc.blocks)
    assert "10.378 công dân" in joined and "Trang chủ" not in joined and "quảng cáo" not in joined
    assert ("heading", "Nhiệm vụ năm 2019") in [(b.kind, b.text) for b in doc.blocks]


def test_docx_styles_become_title_and_headings(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", "Báo cáo năm 2018", "Một số nhiệm vụ năm 2019",
                     ["Thứ nhất, tiếp tục đưa quan hệ đi vào chiều sâu."])
    assert [(b.kind, b.text) for b in read_document(path).blocks] == [
        ("title", "Báo cáo năm 2018"), ("heading", "Một số nhiệm vụ năm 2019"),
        ("text", "Thứ nhất, tiếp tục đưa quan hệ đi vào chiều sâu.")]


def test_truncated_docx_is_reported(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx", "T", "H", ["Nội dung."])
    broken = tmp_path / "broken.docx"
    broken.write_bytes(good.read_bytes()[:1500])
    with pytest.raises(SourceError, match=r"not a valid \.docx"):
        read_document(broken)


def test_pdf_text_and_pdf_without_text(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "a.pdf", ["Bao cao cong tac doi ngoai nam 2018.", "Da bao ho 10.378 cong dan."])
    assert "10.378 cong dan" in " ".join(texts(path))
    with pytest.raises(SourceError, match="no extractable text"):
        read_document(make_pdf(tmp_path / "scan.pdf", None))


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff")
    with pytest.raises(SourceError, match=r"unsupported file type '\.jpg'"):
        read_document(path)


def test_markdown_front_matter_gives_metadata_not_a_title(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Bảo hộ công dân\nauthor: Thu Trang\nurl: https://example.vn/a.html\n"
                    "date: 2019-01-15\n---\n\n# Bảo hộ công dân năm 2018\n\nNội dung bài viết.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.blocks[0].kind == "title" and doc.blocks[0].text == "Bảo hộ công dân năm 2018"
    assert doc.format_meta == {"title": "Bảo hộ công dân", "author": "Thu Trang", "url": "https://example.vn/a.html",
                               "date": "2019-01-15"}
