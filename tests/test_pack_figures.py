"""The key-figures table says whose figure it is and where sources disagree (made-up figures)."""

from __future__ import annotations

from pathlib import Path

from briefgen.assemble.figures import country_of, currency, judged
from briefgen.model import Citation, FigureRow

from .conftest import Cli


def row(text: str, value: float, unit: str, sentence: str, source: str, year: int = 2030) -> FigureRow:
    return FigureRow(text=text, value=value, unit=unit, qualifier=None, kind="money", year=year, sentence=sentence,
                     citations=(Citation(1, source, 1),))


def test_a_figure_of_another_country_is_labelled_so() -> None:
    assert country_of("Năm 2030, Nhật Bản chi 12 tỷ USD cho viện trợ phát triển.", "12 tỷ USD") == "Nhật Bản"
    # A sentence that names Viet Nam is Viet Nam's, whoever else it names.
    assert country_of("Đại sứ quán tại Lào đưa 300 công dân Việt Nam về nước.", "300 công dân") is None
    assert country_of("Kiều hối về nước ta từ Hoa Kỳ đạt 5 tỷ USD.", "5 tỷ USD") is None


def test_currencies_are_one_unit_however_spelt() -> None:
    assert {currency("đôla"), currency("đô la"), currency("tỷ USD"), currency("USD")} == {"USD"}
    assert currency("tỷ đồng") == "VND" and currency("chuyến bay") is None


def test_two_sources_that_disagree_are_shown_together_each_naming_the_other() -> None:
    rows = [row("hơn 15 tỷ USD", 15e9, "USD", "Kiều hối về năm 2030 đạt hơn 15 tỷ USD.", "a"),
            row("40 chuyến bay", 40, "chuyến bay", "Có 40 chuyến bay.", "a"),
            row("17 tỷ đôla", 17e9, "đôla", "Kiều hối về năm 2030 là 17 tỷ đôla.", "b"),
            row("15,2 tỷ USD", 15.2e9, "USD", "Kiều hối về năm 2030 khoảng 15,2 tỷ USD.", "c")]
    rows[1] = FigureRow(**{**rows[1].__dict__, "kind": "count"})
    out = judged(rows, ["overseas", "overseas", "overseas", "overseas"])
    by_text = {r.text: r for r in out}
    assert by_text["hơn 15 tỷ USD"].differs == ("17 tỷ đôla",)
    assert set(by_text["17 tỷ đôla"].differs) == {"hơn 15 tỷ USD", "15,2 tỷ USD"}
    assert by_text["15,2 tỷ USD"].differs == ("17 tỷ đôla",)  # 15 and 15,2 are one figure, rounded
    assert by_text["40 chuyến bay"].differs == ()
    assert [r.text for r in out][:2] == ["hơn 15 tỷ USD", "17 tỷ đôla"]  # next to each other


def test_figures_of_one_source_or_another_year_or_field_are_not_a_disagreement() -> None:
    same = [row("10 tỷ USD", 10e9, "USD", "Dự báo năm 2030 là 10 tỷ USD.", "a"),
            row("12 tỷ USD", 12e9, "USD", "Thực tế năm 2030 đạt 12 tỷ USD.", "a")]
    assert all(r.differs == () for r in judged(same, ["x", "x"]))
    years = [row("10 tỷ USD", 10e9, "USD", "s", "a", 2030), row("12 tỷ USD", 12e9, "USD", "s", "b", 2031)]
    assert all(r.differs == () for r in judged(years, ["x", "x"]))
    fields = [row("10 tỷ USD", 10e9, "USD", "s", "a"), row("12 tỷ USD", 12e9, "USD", "s", "b")]
    assert all(r.differs == () for r in judged(fields, ["trade", "remittances"]))


def test_a_country_after_a_preposition_is_where_not_whose() -> None:
    assert country_of("Đoàn nghệ thuật biểu diễn tại Brazil 4 chương trình.", "4 chương trình") is None
    assert country_of("Năm 2030, Nhật Bản chi 12 tỷ USD, gấp đôi so với Hàn Quốc.", "12 tỷ USD") == "Nhật Bản"


def test_a_country_in_another_clause_is_not_whose_the_figure_is() -> None:
    assert country_of("Trong chuyến thăm chính thức Brazil của Thủ tướng, 4 chương trình nghệ thuật được tổ chức.",
                      "4 chương trình") is None


def test_a_count_of_a_texts_parts_is_no_key_figure() -> None:
    from briefgen.assemble.figures import abstract_count

    for unit in ("nội dung", "quan điểm chỉ đạo chính", "nhóm nhiệm vụ", "bài học", "vấn đề lớn", "trọng điểm",
                 "nhóm nghĩa vụ", "ngày họp", "phiên toàn thể"):
        assert abstract_count(unit), unit
    for unit in ("chuyến bay", "công dân", "văn kiện", "tỷ USD", "cuộc điện đàm", "ngư dân", None):
        assert not abstract_count(unit), unit


def test_a_set_one_is_part_of_is_no_figure_and_an_ocean_owns_none() -> None:
    from briefgen.assemble.figures import one_of

    assert one_of("Việt Nam là một trong 7 nước đầu tiên phê chuẩn Hiệp định.", "7 nước")
    assert not one_of("Việt Nam đã phê chuẩn 7 hiệp định thương mại tự do.", "7 hiệp định")
    assert country_of("Hiệp định Đối tác xuyên Thái Bình Dương cho phép tạm hoãn 20 nhóm nghĩa vụ.",
                      "20 nhóm") is None
    assert country_of("Thái Lan đã đón 35 triệu lượt khách quốc tế.", "35 triệu") == "Thái Lan"


def test_a_chart_draws_one_measure_not_one_unit() -> None:
    from briefgen.assemble.figures import measures
    from briefgen.model import FigureRow

    def row(text: str, sentence: str, year: int, unit: str, kind: str = "money") -> FigureRow:
        return FigureRow(text=text, value=1.0, unit=unit, qualifier=None, kind=kind, year=year, sentence=sentence,
                         citations=())

    rows = measures([
        row("15,7 tỷ USD", "Năm 2019, kiều hối về Việt Nam đạt 15,7 tỷ USD.", 2019, "USD"),
        row("17,2 tỷ đôla", "Trong năm 2020, kiều hối gửi về nước đạt 17,2 tỷ đôla.", 2020, "đôla"),
        row("18 tỷ USD", "Lượng kiều hối năm 2021 ước khoảng 18 tỷ USD.", 2021, "USD"),
        row("20 tỷ USD", "Vốn đầu tư nước ngoài năm 2021 đạt 20 tỷ USD.", 2021, "USD"),
        # one unit, three years, three different things counted: no measure
        row("10.378 công dân", "Năm 2018, cơ quan đã bảo hộ 10.378 công dân.", 2018, "công dân", "count"),
        row("16.000 công dân", "Năm 2020, các chuyến bay đã đưa 16.000 công dân về nước.", 2020, "công dân", "count"),
        row("300 công dân", "Năm 2021, tỉnh đã tiếp nhận 300 công dân trở về.", 2021, "công dân", "count"),
    ])
    assert [r.measure for r in rows[:3]] == ["kiều hối (USD)"] * 3
    assert rows[3].measure is None and all(r.measure is None for r in rows[4:])


def test_a_groups_members_are_no_countrys_figure_and_a_bracket_keeps_the_qualifier() -> None:
    from briefgen.annotate.figures import extract

    assert country_of("Sau khi Mỹ tuyên bố rút khỏi Hiệp định TPP gồm 12 thành viên, các nước còn lại họp.",
                      "12 thành viên") is None
    found = extract("Sự kiện có nhiều phóng viên nhất (gần 3.000 phóng viên quốc tế).")
    assert [(f.qualifier, f.text) for f in found] == [("gần", "gần 3.000 phóng viên quốc tế")]


def test_counts_of_activities_and_changes_are_measures() -> None:
    from briefgen.assemble.figures import abstract_count

    for unit in ("điểm phần trăm", "buổi gặp gỡ doanh nghiệp", "nhóm công dân"):
        assert not abstract_count(unit), unit


def test_an_answer_to_a_reporter_and_a_standing_count_give_no_key_figure(tmp_path: Path) -> None:
    # One incident told at a press briefing: its boats and fishermen are no figures of the year,
    # nor is what is so "now" (the countries Viet Nam has relations with), while the review's
    # figures, and the reporters an event drew, are.
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "review.txt").write_text(
        "Tổng kết công tác đối ngoại năm 2031\n\n"
        "Năm 2031, Việt Nam đã ký kết 45 thỏa thuận hợp tác quốc tế và đón 30 đoàn cấp cao đến thăm.\n\n"
        "Hội nghị cấp cao tại Hà Nội năm 2031 đã thu hút gần 3.000 phóng viên quốc tế đến đưa tin.\n\n"
        "Theo báo cáo năm 2031, hiện nay Việt Nam có quan hệ ngoại giao với 195 quốc gia và vùng lãnh thổ.\n\n"
        "Năm 2031, Bộ đã thực hiện tại 12 địa phương 45 dự án hợp tác với các tổ chức quốc tế.\n\n"
        "Phó Thủ tướng lưu ý, năm 2031 kim ngạch thương mại với các đối tác đạt 336 tỷ USD.\n",
        encoding="utf-8")
    (tmp_path / "sources" / "briefing.txt").write_text(
        "Họp báo thường kỳ của Bộ Ngoại giao tháng 3/2031\n\n"
        "Trả lời câu hỏi của phóng viên tại buổi họp báo năm 2031, người phát ngôn cho biết 2 tàu cá với khoảng "
        "20 ngư dân đã bị nước ngoài bắt giữ, và Bộ Ngoại giao đã đề nghị thả ngay các ngư dân.\n", encoding="utf-8")
    cli = Cli(tmp_path)
    cli.run("build", "--year", "2031", "--format", "md")
    text = (tmp_path / "output" / "2031-year-review.md").read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if line.startswith("| ") and "|---" not in line]
    assert any("45 thỏa thuận" in line for line in table) and any("3.000 phóng viên" in line for line in table)
    # "thực hiện tại" is "carried out in", and "lưu ý" here is "noted": figures of the year
    assert any("45 dự án" in line for line in table) and any("336 tỷ" in line for line in table)
    assert not any("ngư dân" in line or "tàu cá" in line or "195" in line for line in table)
