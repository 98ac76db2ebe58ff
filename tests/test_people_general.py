"""People on pages from unseen outlets: title chains through bodies' names, foreign names
after courtesy words or before ", Title", places that are never people, one person across
name orders, look-alike letters. Every sentence here is made up."""

from __future__ import annotations

import pytest

from briefgen.annotate.people import extract, is_place, person_key, same_person_key


def pairs(text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.title) for p in extract(text)]


@pytest.mark.parametrize("text, name, title", [
    ("Trưởng Ban Kinh tế Trung ương Trần Văn Lâm làm việc với đoàn.",
     "Trần Văn Lâm", "Trưởng Ban Kinh tế Trung ương"),
    ("Trưởng Ban Dân vận Trung ương Lê Thị Mai thăm tỉnh.", "Lê Thị Mai", "Trưởng Ban Dân vận Trung ương"),
    ("Thứ trưởng Bộ Ngoại giao, Chủ nhiệm Ủy ban Nhà nước về người Việt Nam ở nước ngoài Đỗ Minh Khang "
     "gặp bà con.", "Đỗ Minh Khang",
     "Thứ trưởng Bộ Ngoại giao, Chủ nhiệm Ủy ban Nhà nước về người Việt Nam ở nước ngoài"),
    ("Bộ trưởng Bộ Tài nguyên và Môi trường Phan Quốc Bảo phát biểu.",
     "Phan Quốc Bảo", "Bộ trưởng Bộ Tài nguyên và Môi trường"),
    ("Chủ tịch UBND tỉnh Hà Giang Vũ Đức Thành tiếp đoàn.", "Vũ Đức Thành", "Chủ tịch UBND tỉnh Hà Giang"),
])
def test_title_chain_runs_through_a_body_name(text: str, name: str, title: str) -> None:
    assert pairs(text) == [(name, title)]


@pytest.mark.parametrize("text, expected", [
    ("Bộ trưởng Bộ Công Thương đã tiếp Thứ trưởng Ngô Văn Hải.", [("Ngô Văn Hải", "Thứ trưởng")]),
    ("Thủ tướng cùng Phó Thủ tướng Lê Minh Hưng dự lễ.", [("Lê Minh Hưng", "Phó Thủ tướng")]),
    ("Thủ tướng Phan Văn Long, Bộ trưởng Đào Thị Nga dự họp.",
     [("Phan Văn Long", "Thủ tướng"), ("Đào Thị Nga", "Bộ trưởng")]),
])
def test_a_verb_or_another_name_ends_the_chain(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize("text, name, title", [
    ("Trao đổi với báo chí, bà Helena Marquardt, Giám đốc quốc gia của tổ chức, cho biết dự án sẽ mở rộng.",
     "Helena Marquardt", "Giám đốc quốc gia của tổ chức"),
    ("Ông Rodrigo Alvarenga cho biết hai bên đã ký biên bản.", "Rodrigo Alvarenga", None),
    ("Tiếp đó, ngài Takeshi Omura phát biểu cảm ơn.", "Takeshi Omura", None),
    ("Theo ông Brandt, hai nước sẽ sớm nối lại đường bay.", "Brandt", None),
])
def test_foreign_name_after_a_courtesy_word(text: str, name: str, title: str | None) -> None:
    assert pairs(text) == [(name, title)]


def test_foreign_name_before_comma_and_title() -> None:
    text = "Kristof Vandermeer, Đại sứ Bỉ tại Việt Nam, đánh giá cao kết quả hợp tác."
    assert pairs(text) == [("Kristof Vandermeer", "Đại sứ Bỉ tại Việt Nam")]


def test_transliterated_foreign_name_with_hyphens_before_title() -> None:
    text = "Giáo sư Mác-cô Ben-li, nguyên cố vấn Bộ trưởng Ngoại giao, nhận định như vậy."
    assert [p.name for p in extract(text)] == ["Mác-cô Ben-li"]


@pytest.mark.parametrize("text", [
    "Theo Reuters, Ngoại trưởng hai nước đã điện đàm.",
    "Sáng nay, Thủ tướng chủ trì phiên họp.",
    "Tại New York, Tổng thư ký đã gặp các đại sứ.",
])
def test_words_before_a_title_that_name_nobody(text: str) -> None:
    assert pairs(text) == []


@pytest.mark.parametrize("text, name, title", [
    ("Đồng chí Nguyễn Hữu Tâm phát biểu chỉ đạo hội nghị.", "Nguyễn Hữu Tâm", None),
    ("Bí thư Tỉnh ủy, đồng chí Hoàng Văn Phúc trao quyết định.", "Hoàng Văn Phúc", "Bí thư Tỉnh ủy"),
])
def test_two_word_courtesy_dong_chi(text: str, name: str, title: str | None) -> None:
    assert pairs(text) == [(name, title)]


@pytest.mark.parametrize("text", [
    "Tại Hà Nội, Bí thư Thành ủy cho biết thành phố sẽ đón đoàn.",
    "Tại Thái Lan, Thủ tướng đã tuyên bố tình trạng khẩn cấp.",
    "Ở Bắc Kinh, Ngoại trưởng hai nước đã hội đàm.",
    "Chủ tịch UBND TP Hồ Chí Minh cho biết thành phố sẵn sàng.",
    "Cần Thơ, Chủ tịch UBND thành phố phát biểu khai mạc.",
])
def test_a_place_before_or_after_a_title_is_never_a_person(text: str) -> None:
    assert pairs(text) == []


def test_person_after_a_place_and_title() -> None:
    text = "Tại Thái Lan, Thủ tướng Sakda Wongsiri đã tuyên bố."
    assert pairs(text) == [("Sakda Wongsiri", "Thủ tướng")]


def test_a_leader_named_like_a_city_after_a_title_is_the_person() -> None:
    assert pairs("Chủ tịch Hồ Chí Minh từng căn dặn cán bộ ngoại giao.") == [("Hồ Chí Minh", "Chủ tịch")]


@pytest.mark.parametrize("name", ["Hà Nội", "Thái Lan", "tỉnh Quảng Ninh", "TP. Hồ Chí Minh", "Bắc Kinh",
                                  "Liên bang Nga", "Hoa Kỳ", "thành phố Đà Nẵng"])
def test_is_place(name: str) -> None:
    assert is_place(name)


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "Hồ Chí Minh", "Fumio Kishida", "Trần Thái Bình"])
def test_is_not_place(name: str) -> None:
    assert not is_place(name)


def test_both_orders_of_a_foreign_name_are_one_person() -> None:
    assert same_person_key("Haruto Kobayashi") == same_person_key("Kobayashi Haruto")
    assert same_person_key("Haruto Kobayashi") == same_person_key("HARUTO  kobayashi")
    assert person_key("Kobayashi Haruto") == same_person_key("Haruto Kobayashi")


def test_vietnamese_name_order_is_fixed() -> None:
    assert same_person_key("Nguyễn Văn An") != same_person_key("An Văn Nguyễn")
    assert same_person_key("Lê Văn Hà") != same_person_key("Hà Văn Lê")
    assert same_person_key("Nguyễn Văn An") == same_person_key("Nguyen Van An")


def test_one_person_in_a_text_across_name_orders() -> None:
    text = ("Thủ tướng Nhật Bản Haruto Kobayashi thăm Việt Nam. Trong chuyến thăm, Thủ tướng Kobayashi Haruto "
            "đã gặp cộng đồng người Việt.")
    assert [p.name for p in extract(text)] == ["Haruto Kobayashi"]


def test_lookalike_letters_from_other_scripts_are_read_as_latin() -> None:
    cyrillic_e, cyrillic_o = "\u0435", "\u043e"
    text = f"Bộ trưởng Ngоại giao Lê Văn Tuấn h{cyrillic_o}i đàm với Đại sứ Nguy{cyrillic_e}̃n Thị Lan."
    names = [p.name for p in extract(text)]
    assert "Lê Văn Tuấn" in names
    assert all(c.isascii() or "\u00c0" <= c <= "\u1ef9" or c == " " for n in names for c in n)


def test_fullwidth_letters_are_read_as_plain_ones() -> None:
    assert pairs("Ｔhủ tướng Đặng Quốc Việt phát biểu.") == [("Đặng Quốc Việt", "Thủ tướng")]


def test_title_word_inside_a_name_is_not_a_title() -> None:
    text = "Tiến sĩ Đặng Nguyên Minh, nguyên Vụ trưởng Vụ Châu Âu, cho biết."
    assert pairs(text) == [("Đặng Nguyên Minh", "nguyên Vụ trưởng Vụ Châu Âu")]


def test_missing_titles_now_known() -> None:
    assert pairs("Hoàng Thái tử Đan Mạch Frederik dự lễ khai mạc.") == [("Frederik", "Hoàng Thái tử Đan Mạch")]
    assert pairs("Điều phối viên thường trú Liên Hợp Quốc Pauline Tamesis phát biểu.")[0][0] == "Pauline Tamesis"


def test_a_title_glued_to_the_name_by_a_hyphen_is_set_apart() -> None:
    from briefgen.annotate.people import extract

    found = extract("Phát biểu tại hội nghị, ông Trần Văn Bình-Thứ trưởng Bộ Công Thương nhận định: thị trường đã mở.")
    assert [(p.name, p.title) for p in found] == [("Trần Văn Bình", "Thứ trưởng Bộ Công Thương")]
    # a hyphen inside a name of a place stays
    assert all("-" not in p.name for p in extract("Đại sứ Việt Nam tại Ô-xtrây-li-a Nguyễn Văn An đã dự buổi lễ."))


def test_a_ministrys_name_with_va_and_its_acronym_stay_in_the_title() -> None:
    from briefgen.annotate.people import extract

    found = extract("Theo bà Trần Thị Lan, Vụ trưởng Vụ Hợp tác, Bộ Tài nguyên và Môi trường (TNMT), dự án đã xong.")
    title = "Vụ trưởng Vụ Hợp tác, Bộ Tài nguyên và Môi trường (TNMT)"
    assert [(p.name, p.title) for p in found] == [("Trần Thị Lan", title)]
    # "và" before a lower-case word still ends the title
    assert [p.title for p in extract("Giám đốc Sở Nguyễn Văn An và các cán bộ đã dự.")] == ["Giám đốc Sở"]


def test_a_person_row_takes_the_title_of_the_latest_dated_mention() -> None:
    from briefgen.assemble import _Citer, _people_rows
    from briefgen.model import Metadata, Passage, Person

    def passage(source: str, title: str) -> Passage:
        return Passage(source_id=source, passage=1, heading=None, start=0, end=10, text="x" * 10, kind="result",
                       people=(Person("Trần Văn Bình", title),))

    citer = _Citer({"jan": ("a.txt", Metadata(published="2023-01-13"), ""),
                    "nov": ("b.txt", Metadata(published="2023-11-27"), "")})
    rows = _people_rows([(passage("jan", "Ủy viên Bộ Chính trị, Thường trực Ban Bí thư"), []),
                         (passage("nov", "Chủ tịch nước"), [])], citer)
    assert [(r.name, r.title) for r in rows] == [("Trần Văn Bình", "Chủ tịch nước")]
