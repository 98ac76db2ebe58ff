"""The general signals of page furniture, each on lines made up here (no outlet's text): the
furniture is dropped with its reason, the body around it is kept."""

from __future__ import annotations

import pytest

from briefgen.annotate import shapes
from briefgen.annotate.clean import clean
from briefgen.model import Block

BODY = [
    "Sáng 12/3, Bộ Ngoại giao đã tổ chức hội nghị tổng kết công tác bảo hộ công dân năm qua với sự tham dự "
    "của đại diện nhiều bộ, ngành và địa phương trong cả nước.",
    "Phát biểu tại hội nghị, Thứ trưởng nhấn mạnh các cơ quan đại diện đã kịp thời hỗ trợ hàng nghìn công dân "
    "gặp khó khăn ở nước ngoài, góp phần củng cố niềm tin của người dân.",
    "Hội nghị cũng thống nhất nhiều biện pháp nâng cao hiệu quả phối hợp giữa các cơ quan trong nước và cơ quan "
    "đại diện Việt Nam ở nước ngoài trong thời gian tới.",
]
TITLE = "Tổng kết công tác bảo hộ công dân và hỗ trợ người Việt ở nước ngoài"


def cleaned(*lines: str):  # type: ignore[no-untyped-def]
    return clean([Block(line) for line in lines])


def kept(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [text for _, text in result.items]


def reasons(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {d.line: d.reason for d in result.dropped}


def assert_body_kept(result) -> None:  # type: ignore[no-untyped-def]
    assert kept(result) == BODY


@pytest.mark.parametrize(("furniture", "reason"), [
    ("Hà Nội 28°C - TP.HCM 33°C - Đà Nẵng 30°C", "widget"),
    ("USD 25.420 25.790 | EUR 27.100 27.900 | JPY 163 171", "widget"),
    ("tin-tuc-su-kien doi-ngoai", "furniture (no sentence shape)"),
    ("banner", "furniture (no sentence shape)"),
    ("logo-bao-dien-tu-online", "furniture (no sentence shape)"),
    ("Đường dây nóng: 0912 345 678 - 024.3825.1234", "contact line"),
    ("Hotline: 0987.654.321", "contact line"),
    ("024 3942 1234 - 024 3942 5678 - 0903 111 222", "contact line"),
    ("logo.png", "image placeholder"),
])
def test_furniture_before_the_title_is_dropped(furniture: str, reason: str) -> None:
    result = cleaned(furniture, TITLE, *BODY)
    assert result.title == TITLE
    assert reasons(result)[furniture] == reason
    assert_body_kept(result)


def test_markup_in_a_text_file_keeps_its_words_and_loses_its_tags() -> None:
    result = cleaned(TITLE, f"<p>{BODY[0]}</p>", f'<img src="a.jpg" alt="Ảnh minh họa hội nghị"><p>{BODY[1]}</p>',
                     f"<table><tr><td>{BODY[2]}</td></tr></table>", "<script>var x = 1;</script>")
    assert_body_kept(result)
    assert "markup residue" in result.flags
    assert all("<" not in text for text in kept(result))


def test_entities_are_decoded() -> None:
    assert shapes.strip_markup("Việt Nam &amp; Lào&nbsp;ký kết <b>thỏa thuận</b>") == "Việt Nam & Lào ký kết thỏa thuận"
    assert not shapes.has_markup("Tỷ lệ tăng trưởng < 5% và > 3% trong năm")


def test_placeholders_and_glued_tokens_are_cut_out() -> None:
    result = cleaned(TITLE, "{keywords}", BODY[0], "Từ khóa: {{ tags }}", BODY[1],
                     "xosomienbacxosomiennamketquaxoso", BODY[2])
    assert_body_kept(result)
    dropped = reasons(result)
    assert dropped["{keywords}"] == "template placeholder"
    assert dropped["xosomienbacxosomiennamketquaxoso"] == "glued spam token"
    assert shapes.glued_tokens("Xem tại https://example.vn/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") == []


def test_a_pipe_wrapped_teaser_row_is_dropped() -> None:
    row = "| Chiều 5/6, một đoàn doanh nghiệp khác đã tới thăm và làm việc tại tỉnh bạn để tìm hiểu cơ hội đầu tư |"
    result = cleaned(TITLE, BODY[0], row, BODY[1], BODY[2])
    assert reasons(result)[row] == "boxed teaser row"
    assert_body_kept(result)
    assert not shapes.boxed_row("| Năm | Số công dân | Ghi chú |")  # a table row has cells


def test_a_prompt_opens_a_box_and_the_body_resumes_after_it() -> None:
    teaser = "Chiều 2/5, tại một cuộc họp báo khác, người phát ngôn đã trả lời câu hỏi về vụ việc…"
    result = cleaned(TITLE, BODY[0], "* Mời bạn đọc xem thêm các tin bài liên quan.", teaser,
                     "Đoàn công tác lên đường sang thăm các nước bạn", BODY[1], BODY[2])
    dropped = reasons(result)
    assert dropped["* Mời bạn đọc xem thêm các tin bài liên quan."] == "related-content prompt"
    assert dropped[teaser] == "related news"
    assert_body_kept(result)


def test_an_unclosed_bracket_teaser_is_dropped() -> None:
    line = "[Xem thêm: Toàn cảnh lễ đón chính thức nhà lãnh đạo nước bạn tại Phủ Chủ tịch"
    result = cleaned(TITLE, BODY[0], line, BODY[1], BODY[2])
    assert reasons(result)[line] == "related-news teaser"
    assert_body_kept(result)


def test_a_run_of_headlines_between_paragraphs_is_a_box_but_one_heading_is_not() -> None:
    run = ["Hai nước ký kết thỏa thuận hợp tác giáo dục giai đoạn mới",
           "Tỉnh bạn đón đoàn doanh nghiệp Nhật Bản đến tìm hiểu cơ hội"]
    result = cleaned(TITLE, BODY[0], *run, BODY[1], BODY[2])
    assert all(reasons(result)[line] == "related-news teaser" for line in run)
    assert_body_kept(result)
    heading = "Nâng cao hiệu quả phối hợp giữa các cơ quan đại diện"
    result = cleaned(TITLE, BODY[0], heading, BODY[1], BODY[2])
    assert result.items[1] == ("heading", heading)
    enumeration = cleaned(TITLE, BODY[0], *run, "Thứ nhất, " + BODY[1], BODY[2])
    assert not any(reason == "related-news teaser" for reason in reasons(enumeration).values())


def test_an_image_cell_marks_its_caption() -> None:
    caption = "Thứ trưởng phát biểu tại hội nghị tổng kết sáng 12/3 |"
    result = cleaned(TITLE, "|", caption, *BODY)
    assert reasons(result)["|"] == "image placeholder" and reasons(result)[caption] == "photo caption"
    assert_body_kept(result)
    sentence = cleaned(TITLE, "|", *BODY)  # a finished paragraph after a lone pipe is body
    assert_body_kept(sentence)


def test_a_page_without_diacritics_keeps_its_lowercase_lines() -> None:
    folded = ["Bo Ngoai giao to chuc hoi nghi tong ket cong tac bao ho cong dan nam qua tai Ha Noi.",
              "cac co quan dai dien da ho tro hang nghin cong dan gap kho khan o nuoc ngoai trong nam.",
              "Hoi nghi thong nhat nhieu bien phap nang cao hieu qua phoi hop trong thoi gian toi."]
    result = cleaned("Tong ket cong tac bao ho cong dan", *folded)
    assert kept(result) == folded  # no Vietnamese letters anywhere: the no-diacritic signal stays silent


def test_contact_numbers_inside_a_sentence_are_body() -> None:
    line = "Công dân cần hỗ trợ có thể liên hệ đường dây nóng bảo hộ công dân: +84 981 84 84 84."
    result = cleaned(TITLE, BODY[0], line, BODY[1])
    assert kept(result) == [BODY[0], line, BODY[1]]


def test_a_figure_row_in_the_body_is_not_a_widget() -> None:
    line = "Kiều hối các năm 2019, 2020 và 2021 lần lượt đạt 16,7, 17,2 và 18,1 tỷ USD theo ước tính của ngân hàng."
    result = cleaned(TITLE, BODY[0], line, BODY[1])
    assert line in kept(result)


def test_a_box_that_never_closes_does_not_swallow_the_body() -> None:
    teasers = ["Hai nước thúc đẩy hợp tác giáo dục và đào tạo nguồn nhân lực",
               "Tỉnh đón đoàn doanh nghiệp nước ngoài tìm hiểu cơ hội đầu tư…"]
    result = cleaned(TITLE, BODY[0], "Tin liên quan", *teasers, BODY[1], BODY[2])
    assert all(reasons(result)[line] == "related news" for line in teasers)
    assert_body_kept(result)  # two finished paragraphs in a row: the body has resumed


def test_a_text_whose_accented_letters_were_dropped_is_flagged() -> None:
    """Every Vietnamese syllable has a vowel: a converter that drops the accented letters
    leaves lower-case words with none ("Quc", "mt", "cnh"), which no language on the page has."""
    whole = ("Theo tin của hãng thông tấn, ngày 8/5, Trung Quốc đã cho một tàu nghiên cứu khoa học cùng một loạt "
             "tàu hộ tống gồm tàu cảnh sát biển và tàu dân quân biển tiến vào vùng biển của Việt Nam. Bộ Ngoại "
             "giao Việt Nam đã giao công hàm phản đối và yêu cầu phía Trung Quốc rút ngay các tàu ra khỏi vùng "
             "biển này, tôn trọng chủ quyền của Việt Nam theo luật pháp quốc tế.")
    broken = (whole.replace("ố", "").replace("ộ", "").replace("ứ", "").replace("ọ", "").replace("ả", "")
              .replace("ể", "").replace("ủ", ""))
    assert shapes.dropped_letters([broken]) and not shapes.dropped_letters([whole])
    # Capitals are abbreviations (TP, HCM, ASEAN), not damage.
    assert not shapes.dropped_letters([whole + " TP HCM WTO RCEP CPTPP ASEAN UNCLOS " * 5])
