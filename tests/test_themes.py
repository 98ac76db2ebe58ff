"""Themes: the default taxonomy, a project's own themes file, matching and finding a theme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.annotate.themes import find_theme, load_taxonomy, score, scores, topic_theme
from briefgen.errors import ConfigError, NotFoundError

REQUIRED = {
    "multilateral", "economic_diplomacy", "citizen_protection", "sovereignty_sea", "asean", "un_security_council",
    "integration_fta", "party_state_people_coordination", "cadre_training", "covid_health", "cultural_diplomacy",
    "overseas_vietnamese", "strategic_research", "bilateral_high_level_visits",
}

PROJECT_THEMES = """
[[theme]]
id = "asean"
label_vi = "Cộng đồng ASEAN"
label_en = "ASEAN Community"
description = "Building the ASEAN Community."
phrases = ["Cộng đồng ASEAN"]

[[theme]]
id = "mekong_water"
label_vi = "Nguồn nước Mê Công"
label_en = "Mekong water security"
description = "Water security on the Mekong."
phrases = ["nguồn nước sông Mê Công", "an ninh nguồn nước"]
"""


def test_default_taxonomy_has_the_required_themes_each_fully_described() -> None:
    taxonomy = load_taxonomy()
    assert set(taxonomy.ids) == REQUIRED and len(taxonomy.ids) == len(REQUIRED)
    for theme in taxonomy.themes:
        assert theme.label_vi.strip() and theme.label_en.strip(), theme.id
        assert theme.label_vi != theme.id and theme.label_en != theme.id, theme.id
        assert theme.description.strip() and theme.phrases, theme.id
        assert not theme.adhoc


@pytest.mark.parametrize("text", [
    "bao ho cong dan",
    "BẢO HỘ CÔNG DÂN",
    "Cục Lãnh sự đã phối hợp chặt chẽ với các cơ quan đại diện trong công tác Bảo hộ công dân.",
    "Bao ho cong dan la nhiem vu trong tam cua cac co quan dai dien.",
])
def test_matching_ignores_tones_and_case(text: str) -> None:
    assert scores(text, load_taxonomy()).get("citizen_protection", 0) > 0


@pytest.mark.parametrize("text, theme_id", [
    ("Hai bên nhất trí giải quyết bất đồng trên BIỂN ĐÔNG bằng biện pháp hòa bình.", "sovereignty_sea"),
    ("Viet Nam tich cuc tham gia hoat dong gin giu hoa binh cua Lien Hop Quoc.", "multilateral"),
    ("Chiến dịch tiêm vắc-xin COVID-19 được đẩy nhanh tại các địa phương.", "covid_health"),
])
def test_phrases_match_whatever_the_spelling(text: str, theme_id: str) -> None:
    assert scores(text, load_taxonomy()).get(theme_id, 0) > 0


def test_unrelated_passage_scores_no_theme_it_does_not_mention() -> None:
    text = "Thời tiết Hà Nội hôm nay nắng nhẹ, nhiệt độ cao nhất khoảng 30 độ."
    assert scores(text, load_taxonomy()) == {}


def test_a_passage_saying_more_phrases_scores_higher() -> None:
    taxonomy = load_taxonomy()
    one = "Đại sứ quán đã cử cán bộ hỗ trợ lãnh sự."
    more = "Đại sứ quán đã cử cán bộ hỗ trợ lãnh sự, đưa công dân về nước và trao trả ngư dân."
    assert scores(more, taxonomy)["citizen_protection"] > scores(one, taxonomy)["citizen_protection"] > 0


@pytest.mark.parametrize("query, theme_id", [
    ("multilateral", "multilateral"),
    ("Đối ngoại đa phương", "multilateral"),
    ("doi ngoai da phuong", "multilateral"),
    ("da phuong", "multilateral"),
    ("Multilateral diplomacy", "multilateral"),
    ("Bảo hộ công dân", "citizen_protection"),
    ("citizen protection", "citizen_protection"),
    ("asean", "asean"),
    ("Hội đồng Bảo an", "un_security_council"),
])
def test_find_theme_by_id_label_or_unique_part(query: str, theme_id: str) -> None:
    assert find_theme(query, load_taxonomy()).id == theme_id


def test_ambiguous_part_lists_the_candidates() -> None:
    with pytest.raises(NotFoundError) as error:
        find_theme("ngoai giao", load_taxonomy())
    message = str(error.value)
    for theme_id in ("economic_diplomacy", "covid_health", "cultural_diplomacy"):
        assert theme_id in message
    assert "multilateral" not in message


@pytest.mark.parametrize("query", ["khong co chu de nay", "xyz", "", "   "])
def test_unknown_theme_is_not_found(query: str) -> None:
    with pytest.raises(NotFoundError):
        find_theme(query, load_taxonomy())


def test_project_file_replaces_a_theme_by_id_and_adds_new_ones(tmp_path: Path) -> None:
    project_file = tmp_path / "themes.toml"
    project_file.write_text(PROJECT_THEMES, encoding="utf-8")
    default = load_taxonomy()
    taxonomy = load_taxonomy(project_file)
    assert taxonomy.ids == (*default.ids, "mekong_water")  # a replaced theme keeps its place
    asean = taxonomy.get("asean")
    assert asean is not None and asean.label_vi == "Cộng đồng ASEAN"
    summit = "Hội nghị Bộ trưởng Ngoại giao ASEAN khai mạc tại Viêng Chăn."
    assert "asean" in scores(summit, default) and "asean" not in scores(summit, taxonomy)
    assert "asean" in scores("Tiến trình xây dựng Cộng đồng ASEAN đạt nhiều kết quả.", taxonomy)
    assert "mekong_water" in scores("Các nước bàn về an ninh nguồn nước tiểu vùng.", taxonomy)
    assert find_theme("Nguon nuoc Me Cong", taxonomy).id == "mekong_water"
    assert taxonomy.digest != default.digest


def test_missing_project_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_taxonomy(tmp_path / "themes.toml").ids == load_taxonomy().ids


@pytest.mark.parametrize("content", [
    '[[theme]\nid = "x"\nphrases = ["bảo hộ"]\n',  # not TOML
    'id = "x"\n[[theme]]\nlabel_vi = "Chủ đề mới"\nphrases = ["bảo hộ"]\n',  # no id
    '[[theme]]\nid = "Chủ đề"\nphrases = ["bảo hộ"]\n',  # id not in the id alphabet
    '[[theme]]\nid = "fisheries"\nphrases = "ngư dân"\n',  # phrases not a list
    '[[theme]]\nid = "fisheries"\nphrases = ["ngư dân", 3]\n',
    '[[theme]]\nid = "fisheries"\nlabel_vi = "Nghề cá"\n',  # no phrases
    '[[theme]]\nid = "fisheries"\nphrases = ["ngư dân"]\nweak = "tàu cá"\n',
    '[theme]\nid = "fisheries"\nphrases = ["ngư dân"]\n',  # a table, not [[theme]]
])
def test_malformed_project_file_is_a_config_error_naming_the_file(tmp_path: Path, content: str) -> None:
    project_file = tmp_path / "my_themes.toml"
    project_file.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(str(project_file))):
        load_taxonomy(project_file)


def test_unreadable_project_file_is_a_config_error(tmp_path: Path) -> None:
    project_file = tmp_path / "themes.toml"
    project_file.write_bytes(b"\xff\xfe[[theme]]\n")
    with pytest.raises(ConfigError, match=re.escape(str(project_file))):
        load_taxonomy(project_file)


def test_topic_theme_scores_a_passage_on_its_topic_only() -> None:
    topic = topic_theme("bảo hộ ngư dân")
    assert topic.adhoc
    on_topic = ("Bộ Ngoại giao chỉ đạo Đại sứ quán khẩn trương tiếp cận lãnh sự, "
                "bảo hộ ngư dân bị nước ngoài bắt giữ.")
    folded = "Cong tac bao ho ngu dan duoc trien khai kip thoi."
    unrelated = "Hai bên trao đổi về hợp tác văn hóa, giáo dục và du lịch."
    assert score(on_topic, topic) > 0 and score(folded, topic) > 0
    assert score(unrelated, topic) == 0


@pytest.mark.parametrize("text", ["", "   ", "và của"])
def test_topic_without_words_to_look_for_is_refused(text: str) -> None:
    with pytest.raises(NotFoundError):
        topic_theme(text)


@pytest.mark.parametrize("content", ['theme = ["asean", "mekong"]\n', "theme = [1, 2]\n",
                                     '[[theme]]\nid = "x"\nlabel_en = ["a"]\nphrases = ["a b"]\n'])
def test_malformed_theme_tables_name_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "my_themes.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape("my_themes.toml")):
        load_taxonomy(path)
