"""Vietnamese text helpers."""

from __future__ import annotations

import unicodedata

from briefgen.text import (
    DateParts,
    doubled,
    ends_sentence,
    find_date,
    fold,
    format_date,
    iso_date_at_start,
    iso_year_month,
    month_year,
    normalize,
    parse_iso_date,
    sentences,
    tokens,
    valid_date,
)


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
    # a dash after the full stop opens the next sentence (a list run into the paragraph)
    text = "Chuyến bay diễn ra từ ngày 1 đến 2/8. – Hành khách gồm trẻ em, người già. – Công dân tại nước bạn."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Chuyến bay diễn ra từ ngày 1 đến 2/8.", "– Hành khách gồm trẻ em, người già.", "– Công dân tại nước bạn."]


def test_line_shapes() -> None:
    assert ends_sentence("Hội nghị đã bế mạc.") and ends_sentence("“Tổ quốc trên hết”.")
    assert not ends_sentence("Một số nhiệm vụ năm 2019")
    assert doubled("Việt Nam vào top 10 nước nhận kiều hối Việt Nam vào top 10 nước nhận kiều hối")
    assert not doubled("Việt Nam vào top 10 nước nhận kiều hối")


def test_written_dates_are_found_in_the_order_of_their_forms() -> None:
    assert find_date("thu ba, 28/11/2017 07:00") == (DateParts(2017, 11, 28), 8, 18)
    assert find_date("ngay 5 thang 2 nam 2019") == (DateParts(2019, 2, 5), 5, 23)
    assert find_date("2018-01-25 | tin tuc") == (DateParts(2018, 1, 25), 0, 10)
    assert find_date("25.1-2018") is None  # one separator, written twice
    assert find_date("32/1/2019") == (DateParts(2019, 1, 32), 0, 9) and not valid_date(2019, 1, 32)
    assert month_year("thang 102018") == DateParts(2018, 10, None) and month_year("thang 10 2018 tin") is None


def test_iso_dates() -> None:
    assert iso_date_at_start("2018-05-06T10:00:00+07:00") == DateParts(2018, 5, 6)
    assert iso_date_at_start("2018-5-6") == DateParts(2018, None, None) and iso_date_at_start("x2018") is None
    assert parse_iso_date("2019-02-28") == DateParts(2019, 2, 28)
    assert parse_iso_date("2019") == DateParts(2019, None, None)
    assert parse_iso_date("2019-2-3") == DateParts(2019, 2, 3)  # as a person writes it in a sidecar
    for wrong in ("2019-02-31", "2019-0", "2019-13", "1899", "19-02", "2019-02-03-04", "２０１９", ""):
        assert parse_iso_date(wrong) is None, wrong
    assert format_date(2024) == "2024" and format_date(2024, 1) == "2024-01" and format_date(2024, 1, 5) == "2024-01-05"
    assert iso_year_month("2024-01-05") == (2024, 1) and iso_year_month("2024") == (2024, None)
