"""Vietnamese text helpers."""

from __future__ import annotations

import unicodedata

from briefgen.text import doubled, ends_sentence, fold, normalize, sentences, tokens


def test_fold_ignores_tones_and_reads_d_bar_as_d() -> None:
    assert fold("Đối ngoại đa phương") == "doi ngoai da phuong"
    assert tokens("Bảo hộ công dân, 10.378 người") == ["bao", "ho", "cong", "dan", "10", "378", "nguoi"]


def test_normalize_composes_nfd_and_removes_controls() -> None:
    nfd = unicodedata.normalize("NFD", "Việt Nam ở nước ngoài")
    dirty = nfd + "\x00\x07\x1b[0m\u200b\ufeff\u00a0end\r\nnext"
    clean = normalize(dirty)
    assert unicodedata.is_normalized("NFC", clean)
    assert clean == "Việt Nam ở nước ngoài[0m end\nnext"


def test_sentences_keep_vietnamese_numbers_and_abbreviations_whole() -> None:
    text = "Năm 2018, ta bảo hộ 10.378 công dân. TP. HCM nhận 3,8 tỷ USD. “Đây là kỷ lục.” Hết"
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == ["Năm 2018, ta bảo hộ 10.378 công dân.", "TP. HCM nhận 3,8 tỷ USD.", "“Đây là kỷ lục.”", "Hết"]


def test_line_shapes() -> None:
    assert ends_sentence("Hội nghị đã bế mạc.") and ends_sentence("“Tổ quốc trên hết”.")
    assert not ends_sentence("Một số nhiệm vụ năm 2019")
    assert doubled("Việt Nam vào top 10 nước nhận kiều hối Việt Nam vào top 10 nước nhận kiều hối")
    assert not doubled("Việt Nam vào top 10 nước nhận kiều hối")
