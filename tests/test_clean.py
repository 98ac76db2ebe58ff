"""Cleaning: body kept, site noise dropped with a reason, bylines and datelines become facts.

The bundled sources are checked for the lines the issue lists; made-up pages check that the
rules follow line shapes, not the sample files' strings.
"""

from __future__ import annotations

from typing import Any

import pytest

from briefgen.annotate.clean import clean
from briefgen.model import Block

from .conftest import Cli

NOISE = [
    "Tin liên quan", "Tin mới hơn", "Tin khác", "14:02 | 04/12/2025 Tin tức", "18:42", "Chia sẻ bài viết lên facebook",
    "Chia sẻ", "Thống kê truy cập", "Hôm qua : 2.823", "Hôm nay : 2.563", "Xem thêm", "Zalo", "Ảnh: VGP/Hải Minh",
    "Ảnh: H.N", "Lâm Khánh/", "Hải Minh/VGP News", "Nguồn Quảng Trị:",
    # teaser headlines of 000's related-news block
    "Hà Nội cấp bách kiểm soát ô nhiễm không khí", "Đắk Lắk thiệt hại gần 5.500 tỷ đồng", "4 đại dự án",
]


def all_passages(cli: Cli) -> list[dict[str, Any]]:
    passages = []
    for source in cli.json("sources")["sources"]:
        passages += cli.json("show", source["id"])["passages"]
    return passages


@pytest.mark.parametrize("noise", NOISE)
def test_no_passage_holds_site_noise(seeded: Cli, noise: str) -> None:
    offending = [p["text"] for p in all_passages(seeded) if noise in p["text"]]
    assert offending == []


def test_section_label_is_not_a_passage_but_its_words_stay_in_the_body(seeded: Cli) -> None:
    passages = all_passages(seeded)
    assert all(p["text"] != "Hội nhập" for p in passages)
    assert any("hội nhập quốc tế" in p["text"] for p in passages)
    show = seeded.json("show", "001")
    assert {"line": "Hội nhập", "reason": "section label"} in show["dropped"]


def test_show_lists_every_dropped_line_with_a_reason(seeded: Cli) -> None:
    dropped = seeded.json("show", "000")["dropped"]
    reasons = {d["line"]: d["reason"] for d in dropped}
    assert reasons["Ảnh: VGP/Hải Minh"] == "photo credit"
    assert reasons["Hải Minh/VGP News"] == "byline"
    assert reasons["Tin liên quan"] == "related-news header"
    assert reasons["14:02 | 04/12/2025 Tin tức"] == "related news"


def test_every_line_of_a_source_is_either_kept_or_dropped_with_a_reason(seeded: Cli) -> None:
    for source in seeded.json("sources")["sources"]:
        show = seeded.json("show", source["id"])
        lines = [line for line in (seeded.root / show["path"]).read_text(encoding="utf-8").splitlines() if line.strip()]
        kept = show["body"].split("\n\n")
        # an outlet's tag is left out of a line that is kept (the lead), not a line of its own
        whole = [d for d in show["dropped"] if d["reason"] != "outlet tag"]
        assert len(kept) + len(whole) == len(lines), source["id"]
        assert all(d["reason"] for d in show["dropped"])


def test_caption_printed_twice_is_dropped_and_duplicates_appear_once(seeded: Cli) -> None:
    show = seeded.json("show", "002")
    captions = [d for d in show["dropped"] if "điểm cầu Quảng Trị - Ảnh" in d["line"]]
    assert [d["reason"] for d in captions] == ["photo caption", "photo caption"]
    texts = [p["text"] for p in show["passages"]]
    assert len(texts) == len(set(texts))


def test_passage_offsets_point_into_the_cleaned_body(seeded: Cli) -> None:
    for source in seeded.json("sources")["sources"]:
        show = seeded.json("show", source["id"])
        for p in show["passages"]:
            assert show["body"][p["start"] : p["end"]] == p["text"]


def test_inner_headings_are_kept_for_their_passages(seeded: Cli) -> None:
    passages = seeded.json("show", "004")["passages"]
    headings = [p["heading"] for p in passages]
    assert headings[:4] == ["Một số kết quả nổi bật năm 2018"] * 4
    assert headings[4:] == ["Một số nhiệm vụ năm 2019"] * 6
    assert passages[4]["text"].startswith("Thứ nhất, tiếp tục đưa quan hệ")


def lines(text: str) -> list[Block]:
    return [Block(line) for line in text.strip().split("\n")]


def test_unseen_outlet_page_shapes() -> None:
    """A page laid out like none of the samples: menu, breadcrumb, share bar, teasers, counter."""
    page = lines("""
- Trang chủ
- Thời sự
- Thế giới ▼
- Kinh tế
Trang chủ » Thế giới » Châu Á
Thủ tướng tiếp Đại sứ Nhật Bản chào từ biệt
Thứ Sáu, 12/03/2021 - 16:45
Lan Hương
Chiều 12/3, tại Trụ sở Chính phủ, Thủ tướng đã tiếp Đại sứ Nhật Bản đến chào từ biệt nhân dịp kết thúc nhiệm kỳ.
Thủ tướng đánh giá cao những đóng góp của Đại sứ đối với quan hệ Đối tác chiến lược sâu rộng giữa hai nước.
Thủ tướng tiếp Đại sứ. (Ảnh: Minh Đức/TTXVN)
Chia sẻ qua Facebook Zalo Email
Bài viết liên quan
Thủ tướng hội đàm với Thủ tướng Lào
09:15 | 11/03/2021
Đẩy mạnh hợp tác kinh tế Việt - Nhật
Lượt xem: 1.234
""")
    cleaned = clean(page)
    assert cleaned.title == "Thủ tướng tiếp Đại sứ Nhật Bản chào từ biệt"
    assert cleaned.author == "Lan Hương"
    assert cleaned.page_date is not None and (cleaned.page_date.year, cleaned.page_date.month,
                                              cleaned.page_date.day) == (2021, 3, 12)
    kept = [text for _, text in cleaned.items]
    assert len(kept) == 2 and kept[0].startswith("Chiều 12/3") and kept[1].startswith("Thủ tướng đánh giá")
    reasons = {d.line: d.reason for d in cleaned.dropped}
    assert reasons["- Thế giới ▼"] == "navigation menu"
    assert reasons["Thủ tướng hội đàm với Thủ tướng Lào"] == "related news"
    assert reasons["09:15 | 11/03/2021"] == "related news"


def test_related_header_before_the_article_does_not_swallow_it() -> None:
    cleaned = clean(lines("""
Tin mới
Bảo hộ công dân Việt Nam ở nước ngoài
Trong 5 năm qua, Cục Lãnh sự đã phối hợp với các bộ, ngành, địa phương chủ động thực hiện công tác bảo hộ công dân.
"""))
    assert [text for _, text in cleaned.items] == [
        "Trong 5 năm qua, Cục Lãnh sự đã phối hợp với các bộ, ngành, địa phương chủ động thực hiện công tác "
        "bảo hộ công dân."]


def test_source_line_gives_url_and_footer_name_gives_author() -> None:
    cleaned = clean(lines("""
Hội nghị Ngoại vụ toàn quốc lần thứ 21
Sáng 18/12 tại Hà Nội đã diễn ra Hội nghị Ngoại vụ toàn quốc lần thứ 21 với sự tham dự của 300 đại biểu.
Thu Trang
Theo: https://example.vn/hoi-nghi-ngoai-vu-123.html
"""))
    assert cleaned.author == "Thu Trang"
    assert cleaned.url == "https://example.vn/hoi-nghi-ngoai-vu-123.html"
    assert len(cleaned.items) == 1


def test_inline_links_tags_and_comment_prompts_are_dropped() -> None:
    cleaned = clean(lines("""
Việt Nam đề nghị Indonesia thả tàu cá và ngư dân
Người phát ngôn Bộ Ngoại giao thông tin về việc tàu cá với khoảng 20 ngư dân bị bắt giữ khi đánh cá.
Đọc thêm: Ngư dân Quảng Ngãi được trả tự do sau 3 tháng
Bộ Ngoại giao đã chỉ đạo Đại sứ quán liên hệ với cơ quan chức năng sở tại để xác minh thông tin.
Tags: bảo hộ công dân, Indonesia, ngư dân
Ý kiến bạn đọc
"""))
    reasons = {d.line: d.reason for d in cleaned.dropped}
    assert reasons["Đọc thêm: Ngư dân Quảng Ngãi được trả tự do sau 3 tháng"] == "related-news link"
    assert reasons["Tags: bảo hộ công dân, Indonesia, ngư dân"] == "tags"
    assert reasons["Ý kiến bạn đọc"] == "interface text"
    assert len(cleaned.items) == 2


def test_the_outlets_tag_is_left_out_of_the_lead() -> None:
    from briefgen.annotate.bylines import lead_tag
    from briefgen.annotate.clean import clean
    from briefgen.model import Block

    rest = "Hai bên đã trao đổi về hợp tác kinh tế. ASEAN và các đối tác đã ký thỏa thuận."
    for lead in ("(XYZ) - Sáng 3/4, đoàn đã tới thăm tỉnh.", "ABCD - Sáng 3/4, đoàn đã tới thăm tỉnh.",
                 "Tintucmoi - Sáng 3/4, đoàn đã tới thăm tỉnh.", "Baomoi.vn - Sáng 3/4, đoàn đã tới thăm tỉnh.",
                 "XYZN. Sáng 3/4, đoàn đã tới thăm tỉnh."):
        assert lead_tag(lead, rest), lead
    # an outlet's name the text uses again only in a credit is still a tag
    assert lead_tag("ABCD - Sáng 3/4, đoàn đã tới thăm tỉnh.", "Đoàn làm việc với tỉnh. (Ảnh: ABCD)")
    # the story's own subject, a place, a pair of countries: not a tag
    for lead in ("ASEAN - Nhật Bản tăng cường hợp tác.", "Hà Nội - Thủ đô đón đoàn.", "Mỹ - Trung tiếp tục đối thoại."):
        assert lead_tag(lead, rest) is None, lead
    blocks = [Block("(XYZ) - Sáng 3/4, đoàn công tác của Bộ đã tới thăm và làm việc tại tỉnh biên giới."),
              Block(rest)]
    cleaned = clean(blocks)
    assert cleaned.items[0][1].startswith("Sáng 3/4, đoàn công tác")
    assert ("(XYZ) -", "outlet tag") in [(d.line, d.reason) for d in cleaned.dropped]
    # the lead that the body prints again, without the tag, is kept once
    lead = "Sáng 3/4, đoàn công tác của Bộ đã tới thăm và làm việc tại tỉnh biên giới."
    cleaned = clean([Block("(XYZ) - " + lead), Block(rest), Block(lead)])
    assert [text for _, text in cleaned.items] == [lead, rest]


def test_a_sections_heading_over_its_first_subheading_is_a_heading_not_a_paragraph() -> None:
    from briefgen.annotate.clean import clean
    from briefgen.model import Block

    paragraph = ("Trong năm, tình hình khu vực có nhiều diễn biến mới, tác động trực tiếp đến an ninh "
                 "và phát triển của các nước ven biển.")
    items = clean([Block(paragraph), Block("Những chuyển động đáng chú ý trên biển trong năm"),
                   Block("Hai nhân tố chủ yếu tác động tới an ninh khu vực"),
                   Block("Thứ nhất, các nước lớn tăng cường hiện diện và mở rộng hợp tác với đồng minh trong khu vực."),
                   Block(paragraph.replace("Trong năm", "Cuối năm"))]).items
    assert [kind for kind, _ in items] == ["text", "heading", "heading", "text", "text"]


def test_a_scene_ending_on_its_date_is_a_caption_but_a_heading_or_sentence_is_not() -> None:
    cleaned = clean(lines("""
Hợp tác lãnh sự Việt Nam - Hàn Quốc
Hai bên đã ký kết thỏa thuận về hợp tác lãnh sự trong khuôn khổ chuyến thăm của Bộ trưởng Ngoại giao.
Bộ trưởng Ngoại giao Bùi Thanh Sơn và người đồng cấp Hàn Quốc chứng kiến lễ ký thỏa thuận tại Seoul, tháng 4/2023
Những kết quả nổi bật của hợp tác năm 2023
Lễ ký diễn ra tại Seoul, ngày 12/4/2023.
Đại sứ quán đã hướng dẫn công dân hoàn tất thủ tục, chiều 14/4
"""))
    kept = [text for _, text in cleaned.items]
    reasons = {d.line: d.reason for d in cleaned.dropped}
    assert reasons["Bộ trưởng Ngoại giao Bùi Thanh Sơn và người đồng cấp Hàn Quốc chứng kiến lễ ký thỏa thuận "
                   "tại Seoul, tháng 4/2023"] == "photo caption"
    assert reasons["Đại sứ quán đã hướng dẫn công dân hoàn tất thủ tục, chiều 14/4"] == "photo caption"
    # a sentence with its full stop, and a heading that ends on no date, are the article's
    assert "Lễ ký diễn ra tại Seoul, ngày 12/4/2023." in " ".join(kept)
    assert "Những kết quả nổi bật của hợp tác năm 2023" not in reasons or reasons[
        "Những kết quả nổi bật của hợp tác năm 2023"] != "photo caption"
