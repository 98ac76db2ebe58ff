"""A weak phrase a source keeps saying makes its theme; the overseas community by how the
press describes it (Vietnamese people living, residing or working abroad). All sentences
are made up."""

from __future__ import annotations

import pytest

from briefgen.annotate.themes import load_taxonomy, scores, source_themes, strong_themes
from briefgen.model import Passage, Taxonomy


def _passage(n: int, text: str, taxonomy: Taxonomy) -> Passage:
    found = scores(text, taxonomy)
    return Passage(source_id="s", passage=n, heading=None, start=0, end=len(text), text=text,
                   themes=tuple(sorted(found.items(), key=lambda kv: -kv[1])))


def _chosen(texts: list[str], title: str | None = None) -> dict[str, float]:
    taxonomy = load_taxonomy()
    passages = tuple(_passage(n, t, taxonomy) for n, t in enumerate(texts, 1))
    return dict(source_themes(passages, title, taxonomy))


def test_a_weak_phrase_said_in_most_paragraphs_makes_its_theme() -> None:
    texts = [
        "Hội nhập là xu thế lớn của thời đại, mở ra cơ hội và thách thức đan xen.",
        "Các ngành đã chủ động hội nhập sâu rộng, gắn với giữ vững độc lập, tự chủ.",
        "Địa phương cần chuẩn bị nguồn nhân lực để hội nhập hiệu quả hơn.",
        "Bài viết đề xuất năm nhóm giải pháp đẩy mạnh hội nhập trong thời gian tới.",
    ]
    assert "integration_fta" in _chosen(texts)


def test_the_same_word_said_once_is_a_formula_not_a_theme() -> None:
    texts = [
        "Tỉnh tiếp tục chủ động hội nhập, phát triển kinh tế - xã hội bền vững.",
        "Năm qua, tỉnh đón nhiều đoàn khách đến tìm hiểu cơ hội hợp tác.",
    ]
    assert "integration_fta" not in _chosen(texts)


def test_repeats_in_one_paragraph_of_a_long_source_are_not_enough() -> None:
    filler = "Buổi làm việc diễn ra trong không khí cởi mở, thân tình."
    texts = ["Hội nhập, hội nhập và hội nhập: đó là yêu cầu của hội nhập hôm nay.", *[filler] * 5]
    assert "integration_fta" not in _chosen(texts)


def test_repeats_in_few_paragraphs_of_a_long_source_are_not_enough() -> None:
    filler = "Buổi làm việc diễn ra trong không khí cởi mở, thân tình."
    texts = ["Đại biểu bàn về hội nhập và hội nhập vùng.", "Hội nhập, rồi lại hội nhập.", *[filler] * 6]
    assert "integration_fta" not in _chosen(texts)


def test_a_repeated_weak_phrase_still_needs_its_share_of_the_source() -> None:
    texts = [
        "Thủ tướng hội đàm với người đồng cấp trong chuyến thăm chính thức; hai nước ký Tuyên bố chung.",
        "Lễ đón chính thức có nghi thức duyệt đội danh dự; hai bên hội kiến, điện đàm thường xuyên.",
        "Hai nhà lãnh đạo nhất trí nâng cấp quan hệ, họp báo chung sau hội đàm; nói đến hội nhập.",
        "Hai bên đề cao hội nhập; chuyến thăm khép lại bằng Quốc yến, nhắc lại hội nhập.",
    ]
    chosen = _chosen(texts)
    assert "bilateral_high_level_visits" in chosen and "integration_fta" not in chosen


OVERSEAS = [
    "Khoảng hai nghìn người Việt Nam đang sinh sống tại thành phố cảng này.",
    "Nhiều người Việt cư trú ở vùng ven biển phía bắc nước bạn.",
    "Phần lớn người Việt làm ăn ở khu chợ trung tâm thủ đô.",
    "Đảng và Nhà nước luôn quan tâm tới đồng bào Việt Nam ở nước ngoài.",
    "Bộ hướng dẫn công dân Việt Nam ở nước ngoài đăng ký trực tuyến.",
    "Người Việt Nam cư trú hợp pháp được cấp thẻ thường trú.",
]


@pytest.mark.parametrize("text", OVERSEAS)
def test_vietnamese_living_abroad_are_the_overseas_community(text: str) -> None:
    assert "overseas_vietnamese" in strong_themes(text, load_taxonomy())


@pytest.mark.parametrize("text", [
    "Đoàn làm việc với các cơ quan đại diện Việt Nam ở nước ngoài về công tác lãnh sự.",
    "Ông đã sinh sống và làm việc ở Đà Nẵng từ nhỏ.",
])
def test_near_misses_name_no_overseas_community(text: str) -> None:
    assert "overseas_vietnamese" not in strong_themes(text, load_taxonomy())


def test_a_citizen_protection_story_about_a_community_abroad_has_both_themes() -> None:
    texts = [
        "Đại sứ quán triển khai công tác bảo hộ công dân, lập đường dây nóng 24/7.",
        "Hiện có khoảng ba nghìn người Việt Nam đang sinh sống tại khu vực xảy ra động đất.",
        "Các chuyến bay đưa công dân về nước được tổ chức ngay trong tuần.",
    ]
    chosen = _chosen(texts)
    assert "citizen_protection" in chosen and "overseas_vietnamese" in chosen
