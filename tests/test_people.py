"""People: named officials with the title written next to their names."""

from __future__ import annotations

import pytest

from briefgen.annotate.people import extract
from briefgen.model import Person


def pairs(text: str) -> list[tuple[str, str | None]]:
    """Return (name, title) of each person found in *text*."""
    return [(p.name, p.title) for p in extract(text)]


@pytest.mark.parametrize("text, name, title", [
    ("Sáng nay, Thủ tướng Chính phủ Phạm Minh Chính đã chủ trì phiên họp thường kỳ.",
     "Phạm Minh Chính", "Thủ tướng Chính phủ"),
    ("Người phát ngôn Bộ Ngoại giao Lê Thị Thu Hằng trả lời câu hỏi của phóng viên.",
     "Lê Thị Thu Hằng", "Người phát ngôn Bộ Ngoại giao"),
    ("Đại sứ Việt Nam tại Hoa Kỳ Nguyễn Quốc Dũng dự lễ kỷ niệm.",
     "Nguyễn Quốc Dũng", "Đại sứ Việt Nam tại Hoa Kỳ"),
    ("Chủ tịch Ủy ban Nhân dân thành phố Đà Nẵng Lê Trung Chinh dự hội nghị xúc tiến đầu tư.",
     "Lê Trung Chinh", "Chủ tịch Ủy ban Nhân dân thành phố Đà Nẵng"),
])
def test_title_before_name(text: str, name: str, title: str) -> None:
    assert pairs(text) == [(name, title)]


def test_chained_titles_with_commas_stay_one_title() -> None:
    text = "Phó Thủ tướng, Bộ trưởng Ngoại giao Phạm Bình Minh phát biểu khai mạc hội nghị."
    assert pairs(text) == [("Phạm Bình Minh", "Phó Thủ tướng, Bộ trưởng Ngoại giao")]


@pytest.mark.parametrize("text, name, title", [
    ("Phạm Bình Minh, Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ, đã tiếp Đại sứ Nhật Bản.",
     "Phạm Bình Minh", "Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ"),
    ("Trả lời báo chí, Lê Thị Thu Hằng, Người phát ngôn Bộ Ngoại giao, cho biết Bộ đang theo dõi sát vụ việc.",
     "Lê Thị Thu Hằng", "Người phát ngôn Bộ Ngoại giao"),
])
def test_title_after_name(text: str, name: str, title: str) -> None:
    assert pairs(text) == [(name, title)]


@pytest.mark.parametrize("text, name", [
    ("Theo ông Nguyễn Văn Thắng, hai tàu cá đã được trả về cảng an toàn.", "Nguyễn Văn Thắng"),
    ("Trả lời phóng viên, bà Lê Thị Thu Hằng cho biết cơ quan đại diện đã tiếp xúc lãnh sự.", "Lê Thị Thu Hằng"),
    ("Bà Nguyễn Thị Hồng cho biết Đại sứ quán luôn sẵn sàng hỗ trợ bà con.", "Nguyễn Thị Hồng"),
])
def test_courtesy_word_names_a_person_without_title(text: str, name: str) -> None:
    assert pairs(text) == [(name, None)]


@pytest.mark.parametrize("text, name, title", [
    ("Tổng thống Hoa Kỳ Barack Obama tuyên bố dỡ bỏ hoàn toàn lệnh cấm vận vũ khí.",
     "Barack Obama", "Tổng thống Hoa Kỳ"),
    ("Ngoại trưởng Nhật Bản Kamikawa Yoko đánh giá cao vai trò của Việt Nam.",
     "Kamikawa Yoko", "Ngoại trưởng Nhật Bản"),
    ("Đại sứ Nhật Bản tại Việt Nam Yamada Takio dự buổi lễ.", "Yamada Takio", "Đại sứ Nhật Bản tại Việt Nam"),
])
def test_foreign_name_after_title_and_country(text: str, name: str, title: str) -> None:
    assert pairs(text) == [(name, title)]


@pytest.mark.parametrize("text", [
    "Đoàn công tác đã làm việc tại tỉnh Hà Tĩnh và thành phố Đà Nẵng.",
    "Đoàn đã làm việc tại thành phố Hồ Chí Minh trước khi về Hà Nội.",
    "Đoàn công tác đến thăm tỉnh Hà Nam và làm việc với lãnh đạo tỉnh.",
    "Bí thư Tỉnh ủy tỉnh Hà Tĩnh phát biểu chào mừng đoàn.",
    "Chủ tịch UBND tỉnh Hà Giang dự lễ ký kết.",
])
def test_place_is_not_a_person(text: str) -> None:
    assert pairs(text) == []


def test_official_after_a_province_keeps_the_province_in_the_title() -> None:
    text = "Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh Nguyễn Văn Hùng báo cáo kết quả công tác đối ngoại."
    assert pairs(text) == [("Nguyễn Văn Hùng", "Giám đốc Sở Ngoại vụ tỉnh Hà Tĩnh")]


@pytest.mark.parametrize("text, expected", [
    ("Chủ tịch nước Võ Văn Thưởng và Thủ tướng Chính phủ Phạm Minh Chính đã tiếp đoàn.",
     [("Võ Văn Thưởng", "Chủ tịch nước"), ("Phạm Minh Chính", "Thủ tướng Chính phủ")]),
    ("Phó Thủ tướng Trần Lưu Quang và Bộ trưởng Ngoại giao Bùi Thanh Sơn đồng chủ trì hội nghị.",
     [("Trần Lưu Quang", "Phó Thủ tướng"), ("Bùi Thanh Sơn", "Bộ trưởng Ngoại giao")]),
    ("Thủ tướng Phạm Minh Chính và Tổng thống Pháp Emmanuel Macron đã hội đàm.",
     [("Phạm Minh Chính", "Thủ tướng"), ("Emmanuel Macron", "Tổng thống Pháp")]),
])
def test_two_people_joined_by_va_each_keep_their_title(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize("text", [
    "Hội nghị Bộ trưởng Ngoại giao các nước ASEAN đã khai mạc tại Jakarta.",
    "Các Bộ trưởng Ngoại giao ASEAN đã thông qua Tuyên bố chung.",
    "Chuyến thăm của Tổng thống Hoa Kỳ diễn ra trong bối cảnh quan hệ hai nước phát triển tốt.",
    "Thủ tướng Nhật Bản đã gửi thư chúc mừng.",
])
def test_title_alone_is_not_a_person(text: str) -> None:
    assert pairs(text) == []


def test_each_person_once_with_the_fullest_title() -> None:
    text = ("Bộ trưởng Bùi Thanh Sơn tiếp đoàn vào buổi sáng. Chiều cùng ngày, Bộ trưởng Ngoại giao Bùi Thanh Sơn "
            "hội đàm với đối tác. Bộ trưởng Bùi Thanh Sơn cũng trả lời phỏng vấn báo chí.")
    assert pairs(text) == [("Bùi Thanh Sơn", "Bộ trưởng Ngoại giao")]


def test_surname_alone_after_full_name_is_the_same_person() -> None:
    text = ("Tổng thống Hoa Kỳ Barack Obama đã đến Hà Nội. Trong chuyến thăm, Tổng thống Obama "
            "đã gặp gỡ thanh niên Việt Nam.")
    assert [p.name for p in extract(text)] == ["Barack Obama"]


def test_people_come_in_reading_order_and_as_json() -> None:
    text = ("Ngoại trưởng Hoa Kỳ Antony Blinken gặp Bộ trưởng Bùi Thanh Sơn. "
            "Hai bên trao đổi về hợp tác song phương.")
    people = extract(text)
    assert people == [Person("Antony Blinken", "Ngoại trưởng Hoa Kỳ"), Person("Bùi Thanh Sơn", "Bộ trưởng")]
    assert people[1].as_dict() == {"name": "Bùi Thanh Sơn", "title": "Bộ trưởng"}


def test_text_without_officials_gives_nobody() -> None:
    assert extract("") == []
    assert extract("Kiều hối năm nay tăng mạnh nhờ chính sách thông thoáng.") == []


def test_sentence_initial_courtesy_word() -> None:
    found = extract("Ông Nguyễn Văn Thắng cho biết hai tàu cá đã được trả về cảng an toàn.")
    assert [(p.name, p.title) for p in found] == [("Nguyễn Văn Thắng", None)]


def test_foreign_name_first_in_a_pair_keeps_its_own_title() -> None:
    found = extract("Tổng thống Pháp Emmanuel Macron và Thủ tướng Phạm Minh Chính đã hội đàm.")
    assert [(p.name, p.title) for p in found] == [("Emmanuel Macron", "Tổng thống Pháp"),
                                                  ("Phạm Minh Chính", "Thủ tướng")]


@pytest.mark.parametrize("passage", [
    "Phó Chủ tịch UBND thành phố Cần Thơ đón đoàn công tác tại sân bay.",
    "Chủ tịch UBND tỉnh Điện Biên tiếp đoàn đại biểu tỉnh Luang Prabang.",
])
def test_a_place_after_a_title_is_not_a_person(passage: str) -> None:
    assert extract(passage) == []
