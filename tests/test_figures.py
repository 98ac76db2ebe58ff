"""Figures: quantities written in digits, read the way Vietnamese news writes them."""

from __future__ import annotations

import math
import unicodedata

import pytest

from briefgen.annotate.figures import extract, parse_number
from briefgen.model import Figure


def only(passage: str) -> Figure:
    """Return the one figure of *passage* (failing when there is not exactly one)."""
    found = extract(passage)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize("written, value", [
    ("10.378", 10378), ("1.234.567", 1234567), ("1,5", 1.5), ("15,68", 15.68), ("1.234,5", 1234.5),
    ("17.2", 17.2), ("300", 300),
])
def test_parse_number_reads_thousands_dots_and_decimal_commas(written: str, value: float) -> None:
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("passage, text, value, unit, kind", [
    ("Năm qua, các cơ quan đại diện đã bảo hộ 10.378 công dân Việt Nam ở nước ngoài.",
     "10.378 công dân", 10378, "công dân", "count"),
    ("Vốn đầu tư của kiều bào vào trong nước ước đạt 1,5 tỷ USD.", "1,5 tỷ USD", 1.5e9, "USD", "money"),
    ("Lượng kiều hối chuyển về qua ngân hàng đạt 15,68 tỉ USD, tăng so với năm trước.",
     "15,68 tỉ USD", 15.68e9, "USD", "money"),
    ("Kim ngạch xuất khẩu cá ngừ sang thị trường EU tăng 17,3% so với cùng kỳ.", "17,3%", 17.3, "%", "percent"),
    ("Các nước thành viên chiếm 12 phần trăm thương mại toàn cầu.", "12 phần trăm", 12, "%", "percent"),
    ("Diện tích rừng ngập mặn được phục hồi lên tới 1.234,5 ha sau dự án.", "1.234,5 ha", 1234.5, "ha", "other"),
    ("Hai bên nhất trí ký các thỏa thuận trị giá 200 triệu USD.", "200 triệu USD", 2e8, "USD", "money"),
])
def test_values_units_and_kinds(passage: str, text: str, value: float, unit: str, kind: str) -> None:
    figure = only(passage)
    assert (figure.text, figure.unit, figure.kind) == (text, unit, kind)
    assert figure.value == pytest.approx(value)
    assert passage[figure.start : figure.end] == figure.text


@pytest.mark.parametrize("passage, text, qualifier", [
    ("Bộ đã chủ trì xây dựng trên 50 đề án về hội nhập quốc tế.", "trên 50 đề án", "trên"),
    ("Hội nghị đã thông qua hơn 80 văn kiện hợp tác.", "hơn 80 văn kiện hợp tác", "hơn"),
    ("Chuyến bay đã đưa gần 200 công dân về nước an toàn.", "gần 200 công dân", "gần"),
    ("Sự kiện thu hút khoảng 300 đại biểu trong và ngoài nước.", "khoảng 300 đại biểu", "khoảng"),
    ("Hơn 16.000 công dân đã được hỗ trợ về nước trong đợt dịch.", "Hơn 16.000 công dân", "hơn"),
    ("Kiều hối năm nay đạt gần 15,7 tỉ USD.", "gần 15,7 tỉ USD", "gần"),
])
def test_qualifier_belongs_to_the_figure(passage: str, text: str, qualifier: str) -> None:
    figure = only(passage)
    assert (figure.text, figure.qualifier) == (text, qualifier)


def test_plain_number_has_no_qualifier() -> None:
    assert only("Đoàn đã làm việc với 12 ngư dân bị tạm giữ.").qualifier is None


def test_range_keeps_both_ends_scaled() -> None:
    figure = only("Mỗi năm có khoảng 8-9 triệu lượt người Việt Nam ra nước ngoài.")
    assert figure.text == "khoảng 8-9 triệu lượt người"
    assert (figure.value, figure.value_max) == (8_000_000, 9_000_000)
    assert figure.as_dict()["value"] == 8_000_000 and figure.as_dict()["value_max"] == 9_000_000


@pytest.mark.parametrize("passage, texts", [
    ("Trong năm, lãnh đạo chủ chốt đã có 28 chuyến thăm nước ngoài.", ["28 chuyến thăm nước ngoài"]),
    ("Việt Nam đã đón 33 đoàn lãnh đạo cấp cao đến thăm.", ["33 đoàn lãnh đạo cấp cao"]),
    ("Từ đầu năm, nước ngoài đã bắt giữ 1.589 ngư dân/189 tàu cá của ta.", ["1.589 ngư dân", "189 tàu cá"]),
    ("Hai nước ký 15 thỏa thuận hợp tác, trị giá 2 tỷ USD.", ["15 thỏa thuận hợp tác", "2 tỷ USD"]),
])
def test_counted_noun_phrase(passage: str, texts: list[str]) -> None:
    assert [f.text for f in extract(passage)] == texts


def test_slash_between_counts_gives_two_values() -> None:
    fishermen, boats = extract("Cơ quan chức năng thống kê 1.589 ngư dân/189 tàu cá bị bắt giữ.")
    assert (fishermen.value, fishermen.unit) == (1589, "ngư dân")
    assert (boats.value, boats.unit) == (189, "tàu cá")


@pytest.mark.parametrize("passage, text", [
    ("Hội nghị Ngoại giao lần này diễn ra trong 5 ngày làm việc chính thức.", "5 ngày làm việc chính thức"),
    ("Chuyến thăm của Chủ tịch nước kéo dài 3 ngày.", "3 ngày"),
    ("Sau 3 ngày đàm phán, hai bên đã thống nhất văn bản.", "3 ngày đàm phán"),
])
def test_length_of_an_activity_is_a_duration(passage: str, text: str) -> None:
    figure = only(passage)
    assert (figure.text, figure.kind) == (text, "duration")


@pytest.mark.parametrize("passage", [
    # time frames, anniversaries, ages, clock times
    "Trong 5 năm qua, quan hệ hai nước phát triển mạnh mẽ.",
    "Sau hơn 5 năm triển khai, chương trình đã đạt nhiều kết quả quan trọng.",
    "Trong 6 tháng qua, Cục Lãnh sự đã tiếp nhận nhiều hồ sơ.",
    "Lễ kỷ niệm 75 năm Quốc khánh được tổ chức trọng thể tại Đại sứ quán.",
    "Năm nay ông đã 60 tuổi nhưng vẫn gắn bó với cộng đồng.",
    "Chuyên cơ hạ cánh xuống sân bay lúc 6 giờ 45 phút sáng.",
    # dates and years
    "Sáng 25/1, Bộ Ngoại giao tổ chức họp báo thường kỳ.",
    "Hiệp định được ký kết ngày 08/8/2018 tại Hà Nội.",
    "Ngày 25, đoàn đại biểu rời Hà Nội.",
    "Tháng 7 tới, hội nghị sẽ được tổ chức tại Viêng Chăn.",
    "Năm 2018 là năm bản lề của nhiệm kỳ.",
    # ordinals, document numbers
    "Hội nghị Ngoại giao lần thứ 26 đã bế mạc sau nhiều phiên thảo luận.",
    "Đây là lần 2 Việt Nam đảm nhiệm vai trò này.",
    "Các đơn vị quán triệt Chỉ thị số 25-CT/TW của Ban Bí thư.",
    "Nghị quyết 18 của Trung ương tiếp tục được triển khai.",
    "Văn bản được soạn theo Nghị định 30/2020/NĐ-CP về công tác văn thư.",
    # names and identifiers
    "Dịch Covid-19 khiến Hội nghị Thượng đỉnh G20 phải tổ chức trực tuyến.",
    "Nhóm tàu Hải Dương 8 đã rời khỏi vùng đặc quyền kinh tế của Việt Nam.",
    "Các đại biểu dự Hội nghị Ngoại giao 30 đã thống nhất nhiều nội dung.",
    # rankings, numbers written as words
    "Việt Nam vào top 5 nước nhận kiều hối, đứng thứ 3 khu vực.",
    "Hàng trăm ngư dân đã được trao trả về địa phương.",
])
def test_not_figures(passage: str) -> None:
    assert [f.text for f in extract(passage)] == []


def test_figure_knows_its_sentence_and_offsets() -> None:
    passage = "Năm 2020 là năm đặc biệt. Ta đã tổ chức hơn 60 chuyến bay đưa công dân về nước."
    figure = only(passage)
    assert figure.sentence == "Ta đã tổ chức hơn 60 chuyến bay đưa công dân về nước."
    assert passage[figure.start : figure.end] == figure.text == "hơn 60 chuyến bay"


ODD = [
    "", " ", "123", "9" * 5000, "%%%", "1,,2..3", "1,,2..3 người", "$", "$$$5", "5-", "-5", "(1)", "5%%",
    ",5", "5,", ".5 tỷ", "1" + ",1" * 500, "hơn", "“5”", "\n\n5\n\n", "🎉 100 🎉 người",
    "Kiều hối đạt 100🎉", unicodedata.normalize("NFD", "Hơn 10.378 công dân được bảo hộ trong năm."),
]


@pytest.mark.parametrize("passage", ODD)
def test_extract_never_raises_and_figures_point_into_the_passage(passage: str) -> None:
    passage = unicodedata.normalize("NFC", passage)  # offsets count in the text as stored (NFC)
    for figure in extract(passage):
        assert 0 <= figure.start < figure.end <= len(passage)
        assert passage[figure.start : figure.end] == figure.text
        assert math.isfinite(figure.value) and figure.value >= 0


@pytest.mark.parametrize("passage, text, value", [
    ("Dân số các nước thành viên đạt khoảng 1,5 tỷ.", "khoảng 1,5 tỷ", 1.5e9),
    ("Dân số các nước thành viên đạt 1,5 tỷ và còn tăng.", "1,5 tỷ", 1.5e9),
    ("Mỗi năm có khoảng 8-9 triệu.", "khoảng 8-9 triệu", 8e6),
    ("Tổng kim ngạch thương mại song phương đạt 2,5 nghìn tỷ đồng.", "2,5 nghìn tỷ đồng", 2.5e12),
    ("Gói viện trợ trị giá $500 triệu.", "$500 triệu", 5e8),
])
def test_scale_words_stay_in_the_text_and_the_offsets(passage: str, text: str, value: float) -> None:
    figure = only(passage)
    assert figure.text == text and passage[figure.start : figure.end] == text
    assert figure.value == pytest.approx(value)


def test_counted_noun_ends_before_the_verb() -> None:
    assert only("Bộ Ngoại giao đã cử 3 tổ công tác sang hỗ trợ bà con.").text == "3 tổ công tác"


def test_decomposed_text_is_read_like_composed_text() -> None:
    figure = only(unicodedata.normalize("NFD", "Hơn 10.378 công dân được bảo hộ trong năm."))
    assert (figure.value, figure.qualifier) == (10378, "hơn")


@pytest.mark.parametrize(("sentence", "unit"), [
    ("Việt Nam đưa vào 3 nội dung hết sức quan trọng của khu vực.", "nội dung"),
    ("Hội nghị thông qua 12 văn kiện vô cùng quan trọng.", "văn kiện"),
    ("Hai bên ký 4 thỏa thuận đặc biệt có ý nghĩa.", "thỏa thuận"),
    ("Đoàn đã có 7 cuộc gặp cực kỳ hiệu quả.", "cuộc gặp"),
])
def test_a_degree_word_ends_the_counted_noun(sentence: str, unit: str) -> None:
    """A degree word ("hết sức", "vô cùng") starts what describes the counted things: it is
    never the counted noun, and the phrase is not cut in the middle of the adjective."""
    assert [f.unit for f in extract(sentence)] == [unit]


def test_a_verb_after_the_counted_noun_ends_it() -> None:
    """"dành cho" says whom the things are for: it is not part of what is counted."""
    assert [f.unit for f in extract("Đoàn biểu diễn 4 chương trình nghệ thuật dành cho kiều bào.")] == [
        "chương trình nghệ thuật"]


@pytest.mark.parametrize(("sentence", "unit"), [
    ("Lực lượng chức năng đã bắt giữ 3 tàu cá mang số hiệu QNg 90123 cùng thuyền viên.", "tàu cá"),
    ("Thành phố có 2 con đường mang tên Chủ tịch Hồ Chí Minh.", "con đường"),
])
def test_mang_after_the_counted_noun_ends_it(sentence: str, unit: str) -> None:
    """"mang số hiệu", "mang tên" say what the counted things bear: the unit is the things."""
    assert [f.unit for f in extract(sentence)] == [unit]
