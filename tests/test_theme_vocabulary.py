"""Theme vocabulary and how a source's themes are chosen (issue 16).

Every sentence here is made up: for each theme one sentence an analyst would file under it
(it must say a strong phrase of the theme) and one near miss that only shares a common word
with it (it must not). Then the tone rule (a phrase written with diacritics does not match a
different word that folds to the same letters) and the source rule (a theme needs one strong
phrase of it somewhere; weak phrases only support one).
"""

from __future__ import annotations

import pytest

from briefgen.annotate.themes import load_taxonomy, parse_themes, scores, source_themes, strong_themes
from briefgen.model import Passage, Taxonomy

THEMED = [
    ("multilateral", "Phái đoàn Việt Nam phát biểu tại phiên họp của Liên Hợp Quốc ở New York."),
    ("economic_diplomacy", "Các cơ quan đại diện đẩy mạnh đối ngoại phục vụ phát triển, huy động nguồn lực bên ngoài."),
    ("citizen_protection", "Đại sứ quán đã kịp thời bảo hộ công dân bị mắc kẹt sau trận động đất."),
    ("sovereignty_sea", "Việt Nam phản đối việc tàu khảo sát nước ngoài hoạt động trái phép trên Biển Đông."),
    ("asean", "Các ngoại trưởng ASEAN họp tại Jakarta để bàn về hợp tác nội khối."),
    ("un_security_council", "Việt Nam chủ trì phiên thảo luận mở của Hội đồng Bảo an về bảo vệ dân thường."),
    ("integration_fta", "Nhờ hiệp định thương mại tự do, hàng xuất khẩu được hưởng ưu đãi thuế quan."),
    ("party_state_people_coordination",
     "Đối ngoại Đảng, ngoại giao Nhà nước và đối ngoại nhân dân phối hợp nhịp nhàng."),
    ("cadre_training", "Bộ mở lớp bồi dưỡng nghiệp vụ ngoại giao cho đội ngũ cán bộ trẻ."),
    ("covid_health", "Nhiều nước viện trợ vắc xin và vật tư y tế cho các tỉnh phía Nam."),
    ("cultural_diplomacy", "Tuần Văn hóa Việt Nam tại Paris giới thiệu áo dài và ẩm thực ba miền."),
    ("overseas_vietnamese", "Kiều bào ở Đức quyên góp ủng hộ đồng bào vùng lũ miền Trung."),
    ("strategic_research", "Viện nghiên cứu chiến lược công bố báo cáo dự báo tình hình khu vực."),
    ("bilateral_high_level_visits", "Thủ tướng hội đàm với người đồng cấp trong chuyến thăm chính thức Nhật Bản."),
    ("bilateral_high_level_visits", "Quốc vương tiếp kiến Đại sứ Việt Nam nhân dịp kết thúc nhiệm kỳ."),
    ("overseas_vietnamese", "Cộng đồng người Việt tại Séc tổ chức Tết cho thiếu nhi."),
    ("party_state_people_coordination", "Ban Đối ngoại Trung ương tổng kết công tác đối ngoại Đảng năm qua."),
]

NEAR_MISSES = [
    ("multilateral", "Sinh viên thảo luận sôi nổi trên diễn đàn trực tuyến của nhà trường."),
    ("economic_diplomacy", "Doanh nghiệp trong tỉnh tăng sản lượng nhờ thị trường nội địa phục hồi."),
    ("citizen_protection", "Công an xã bắt giữ hai đối tượng trộm cắp tài sản."),
    ("sovereignty_sea", "Giá vàng trong nước biến động mạnh trong tuần qua."),
    ("asean", "Du khách Đông Nam Á đến Hội An tăng nhanh dịp hè."),
    ("un_security_council", "Hai nhóm thỏa thuận ngừng bắn tạm thời để sơ tán dân thường."),
    ("integration_fta", "Hai trường đại học ký kết biên bản hợp tác đào tạo."),
    ("party_state_people_coordination", "Bộ Chính trị họp bàn về tình hình kinh tế - xã hội."),
    ("party_state_people_coordination", "Ủy ban Đối ngoại của Quốc hội thẩm tra dự án luật."),
    ("cadre_training", "Trường tổ chức tập huấn phòng cháy cho học sinh."),
    ("covid_health", "Xã này thuộc huyện miền núi, cách trung tâm tỉnh 40 cây số."),
    ("covid_health", "Bệnh viện tỉnh mở rộng khoa điều trị sau đại dịch cúm năm ấy."),
    ("cultural_diplomacy", "Làng tổ chức lễ hội đầu xuân với nhiều trò chơi dân gian."),
    ("overseas_vietnamese", "Gia đình ông đã sinh sống ở Hà Nội hơn ba mươi năm."),
    ("strategic_research", "Chuyên gia dinh dưỡng khuyên nên ăn nhiều rau xanh."),
    ("bilateral_high_level_visits", "Hai nước có chung đường bờ biển dài."),
    ("bilateral_high_level_visits", "Ông Quốc Vượng được bầu làm trưởng thôn."),
]


@pytest.mark.parametrize("theme_id, text", THEMED)
def test_a_sentence_of_the_field_says_a_strong_phrase_of_its_theme(theme_id: str, text: str) -> None:
    assert theme_id in strong_themes(text, load_taxonomy())


@pytest.mark.parametrize("theme_id, text", NEAR_MISSES)
def test_a_near_miss_says_no_strong_phrase_of_the_theme(theme_id: str, text: str) -> None:
    assert theme_id not in strong_themes(text, load_taxonomy())


def test_every_theme_has_a_sentence_and_a_near_miss() -> None:
    ids = set(load_taxonomy().ids)
    assert {t for t, _ in THEMED} == ids
    assert {t for t, _ in NEAR_MISSES} == ids


@pytest.mark.parametrize("text, other, theme_id", [
    ("Tình hình thế giới biến động phức tạp.", "Tranh chấp trên Biển Đông phức tạp.", "sovereignty_sea"),
    ("Các đơn vị thuộc Bộ Tư pháp họp giao ban.", "Các đơn vị cấp thuốc cho vùng lũ.", "covid_health"),
    ("Cô mua hai quần dài cho con.", "Hải quân tuần tra chung.", "sovereignty_sea"),
    ("Đó là yêu cầu chính đáng của người dân.", "Hai chính đảng trao đổi kinh nghiệm.",
     "party_state_people_coordination"),
])
def test_a_word_written_with_other_tones_is_not_the_phrase(text: str, other: str, theme_id: str) -> None:
    taxonomy = load_taxonomy()
    assert theme_id not in scores(text, taxonomy)
    assert theme_id in scores(other, taxonomy)


@pytest.mark.parametrize("text", [
    "Tranh chap tren Bien Dong",  # a page that lost its diacritics
    "TRANH CHẤP TRÊN BIỂN ĐÔNG",
    "Tranh chấp trên Biển Ðông",  # "Ð" (U+00D0) would not fold, but the rest matches by tone
    "tranh chấp trên biển đông",
])
def test_tones_agree_whatever_the_case_or_a_text_without_diacritics(text: str) -> None:
    assert "sovereignty_sea" in scores(text.replace("Ð", "Đ"), load_taxonomy())


def test_old_and_new_tone_placement_are_the_same_word() -> None:
    taxonomy = load_taxonomy()
    assert scores("Lực lượng gìn giữ hoà bình", taxonomy) == scores("Lực lượng gìn giữ hòa bình", taxonomy)


def test_a_project_phrase_matches_as_its_file_spells_it() -> None:
    themes = parse_themes('[[theme]]\nid = "market"\nphrases = ["bán hàng"]\n', "project.toml")
    taxonomy = Taxonomy(themes=tuple(themes), digest="test")
    assert scores("Cửa hàng bán hàng online.", taxonomy) == {"market": 1.0}
    assert scores("Ghế băng, bàn hàng xóm.", taxonomy) == {}
    assert scores("ban hang online", taxonomy) == {"market": 1.0}


def _passage(n: int, text: str, taxonomy: Taxonomy) -> Passage:
    found = scores(text, taxonomy)
    return Passage(source_id="s", passage=n, heading=None, start=0, end=len(text), text=text,
                   themes=tuple(sorted(found.items(), key=lambda kv: -kv[1])))


def test_a_source_needs_a_strong_phrase_of_a_theme_not_weak_ones_alone() -> None:
    taxonomy = load_taxonomy()
    weak_only = [
        "Bộ Chính trị và Ban Bí thư đã chỉ đạo sát sao.",
        "Bộ Chính trị ban hành kết luận; Ban Bí thư ra chỉ thị.",
        "Hội nghị Đối ngoại toàn quốc được nhắc lại, Bộ Chính trị và Ban Bí thư đánh giá cao.",
    ]
    passages = tuple(_passage(n, t, taxonomy) for n, t in enumerate(weak_only, 1))
    assert sum(dict(p.themes).get("party_state_people_coordination", 0) for p in passages) >= 2.0
    assert "party_state_people_coordination" not in dict(source_themes(passages, None, taxonomy))
    strong = (*passages, _passage(4, "Công tác đối ngoại Đảng được triển khai đồng bộ.", taxonomy))
    assert "party_state_people_coordination" in dict(source_themes(strong, None, taxonomy))


def test_a_title_saying_a_strong_phrase_makes_the_theme() -> None:
    taxonomy = load_taxonomy()
    passages = (_passage(1, "Buổi lễ diễn ra trang trọng tại thủ đô.", taxonomy),)
    chosen = dict(source_themes(passages, "Kiều bào đón Tết xa quê", taxonomy))
    assert "overseas_vietnamese" in chosen


def test_one_passing_mention_does_not_make_a_source_about_a_theme() -> None:
    taxonomy = load_taxonomy()
    texts = [
        "Đoàn đã hội đàm với lãnh đạo chủ chốt của bạn trong chuyến thăm chính thức.",
        "Hai bên ra Tuyên bố chung về nâng cấp quan hệ, tiếp xã giao các lãnh đạo khác.",
        "Trong bối cảnh đại dịch Covid-19, chuyến thăm vẫn được tổ chức.",
    ]
    passages = tuple(_passage(n, t, taxonomy) for n, t in enumerate(texts, 1))
    chosen = dict(source_themes(passages, None, taxonomy))
    assert "bilateral_high_level_visits" in chosen and "covid_health" not in chosen
