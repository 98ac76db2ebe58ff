"""The plan-against-outcome rules (briefgen/assemble/plan.py) on sentences made up for the test."""

from __future__ import annotations

from briefgen.annotate.themes import load_taxonomy
from briefgen.assemble import plan
from briefgen.model import Citation, Item, Section


def _item(text: str, kind: str, source: str, n: int = 1, themes: tuple[str, ...] = (),
          key_point: int | None = None) -> Item:
    return Item(text=text, citations=(Citation(1, source, n),), source_id=source, passage=n, kind=kind,
                years=(2030,), themes=themes, key_point=key_point)


def test_a_task_sentence_is_cut_into_its_clauses_and_the_lead_in_is_not_quoted() -> None:
    text = ("Bộ trưởng đề nghị các đơn vị tiếp tục mở rộng quan hệ với các đối tác ở châu Phi; "
            "đẩy mạnh xuất khẩu nông sản sang thị trường Trung Đông, tăng cường trao đổi đoàn cấp cao.")
    clauses = [c.text for c in plan.task_clauses(text)]
    assert clauses[0].startswith("tiếp tục mở rộng quan hệ")
    assert any(c.startswith("đẩy mạnh xuất khẩu nông sản") for c in clauses)
    assert any(c.startswith("tăng cường trao đổi đoàn cấp cao") for c in clauses)
    assert len(clauses) == 3


def test_a_list_item_keeps_its_short_lead_and_loses_its_marker() -> None:
    clauses = plan.task_clauses("Thứ ba, kiên quyết, kiên trì bảo vệ quyền lợi của ngư dân trên các vùng biển.")
    assert [c.text for c in clauses] == ["kiên quyết, kiên trì bảo vệ quyền lợi của ngư dân trên các vùng biển."]


def test_what_is_no_task_gives_no_clause() -> None:
    for sentence in ("Tình hình khu vực tiếp tục diễn biến phức tạp, khó lường.",
                     "Đây là văn bản chỉ đạo đầu tiên về hợp tác nghề cá.",
                     "Năm qua, Bộ đã tổ chức thành công ba hội nghị quốc tế.",
                     "Phiên thứ hai có chủ đề “Tăng cường kết nối khu vực” diễn ra chiều nay."):
        assert plan.task_clauses(sentence) == [], sentence


def test_a_motto_in_quotes_is_not_cut_into_clauses() -> None:
    clauses = plan.task_clauses("Cần thúc đẩy chủ đề “Cùng kết nối, cùng phát triển, cùng thịnh vượng” của năm.")
    assert len(clauses) == 1


def test_the_words_before_a_colon_introduce_a_list_and_are_no_task() -> None:
    clauses = plan.task_clauses("Hội nghị đề ra các nhiệm vụ, gồm: xây dựng cảng cá mới; mở rộng tuyến hàng hải.")
    assert [c.text.rstrip(".") for c in clauses] == ["xây dựng cảng cá mới", "mở rộng tuyến hàng hải"]


def test_terms_are_content_pairs_acronyms_and_partners() -> None:
    terms = plan._terms("tăng cường hợp tác với các nước láng giềng về năng lượng tái tạo trong khuôn khổ APEC")
    assert "nang luong" in terms and "tai tao" in terms and "apec" in terms
    assert {"@lao", "@campuchia", "@trung quoc"} <= terms  # the neighbours
    assert "hop tac" not in terms  # the vocabulary every review uses
    assert "cuong hop" not in terms  # no pair straddling a common word
    assert "@bi" not in plan._terms("Tổng Bí thư dự hội nghị")  # "Bỉ" the country is not "Bí thư"


def _pack(tasks: list[str], results: list[Item], points: tuple[Item, ...] = ()) -> list[Section]:
    return [Section(key="key_points", items=points),
            Section(key="results", sections=(Section(key="group", theme="economic_diplomacy", items=tuple(results)),)),
            Section(key="tasks_set", items=tuple(_item(t, "task", "plan.txt", n) for n, t in enumerate(tasks, 1)))]


FILLER = [
    "Các cơ quan đã phối hợp chặt chẽ, nhịp nhàng trong triển khai công tác đối ngoại năm qua.",
    "Công tác đối ngoại đã đạt nhiều kết quả quan trọng, góp phần nâng cao vị thế đất nước.",
    "Hội nghị đã đánh giá cao sự đóng góp của các bộ, ngành trong năm qua.",
    "Lãnh đạo Bộ đã tiếp nhiều đoàn khách quốc tế tới thăm và làm việc.",
]


def test_a_result_sharing_the_tasks_key_terms_answers_it_and_others_say_none() -> None:
    taxonomy = load_taxonomy()
    answer = _item("Năm 2030, xuất khẩu nông sản sang thị trường Trung Đông đã tăng 40%, đạt mức cao nhất từ trước "
                   "tới nay.", "result", "answer.txt", 1, ("economic_diplomacy",))
    others = [_item(t, "result", f"other{n}.txt", n) for n, t in enumerate(FILLER, 2)]
    sections = _pack(["Bộ trưởng đề nghị đẩy mạnh xuất khẩu nông sản sang thị trường Trung Đông; "
                      "mở rộng mạng lưới lãnh sự tại Nam Mỹ."], [*others, answer])
    rows = plan.rows(sections, taxonomy)
    assert len(rows) == 2
    first, second = rows
    assert first.task.startswith("đẩy mạnh xuất khẩu nông sản")
    assert [o.source_id for o in first.outcomes] == ["answer.txt"]
    assert first.outcomes[0].where == "economic_diplomacy" and first.outcomes[0].text.startswith("Năm 2030")
    assert second.outcomes == ()  # the consular network: no result says anything of it


def test_a_key_point_that_answers_is_pointed_to_by_its_number() -> None:
    taxonomy = load_taxonomy()
    point = _item("Hiệp định thương mại tự do với khối Mercosur đã được ký kết chính thức tại thủ đô Brasília.",
                  "result", "point.txt")
    others = [_item(t, "result", f"other{n}.txt", n) for n, t in enumerate(FILLER, 2)]
    rows = plan.rows(_pack(["Cần sớm kết thúc đàm phán hiệp định thương mại tự do với Mercosur."], others,
                           points=(point,)), taxonomy)
    assert rows[0].outcomes and rows[0].outcomes[0].where == "key_points" and rows[0].outcomes[0].key_point == 1


def test_one_common_word_pair_is_no_answer() -> None:
    taxonomy = load_taxonomy()
    results = [_item(t, "result", f"r{n}.txt", n) for n, t in enumerate(
        [*FILLER, "Lễ kỷ niệm đã diễn ra trang trọng trong không khí hòa bình, hữu nghị giữa nhân dân hai nước."])]
    rows = plan.rows(_pack(["Cần giữ vững môi trường hòa bình cho phát triển đất nước."], results), taxonomy)
    assert rows[0].outcomes == ()


def test_a_long_result_is_quoted_by_its_head_and_the_part_that_answers() -> None:
    sentence = ("Trong năm qua, các cơ quan đại diện ở nước ngoài đã triển khai nhiều hoạt động quảng bá văn hóa, du "
                "lịch, ẩm thực và giáo dục, đồng thời hỗ trợ đưa hàng trăm doanh nghiệp tham gia hội chợ nông sản "
                "quốc tế tại Dubai.")
    quote = plan._result_quote(sentence, frozenset({"hoi cho", "nong san"}))
    assert quote.startswith("Trong năm qua, các cơ quan đại diện") and "…" in quote and "hội chợ nông sản" in quote
    assert len(quote.replace("…", "").split()) <= plan.CLAUSE_WORDS + 2


def test_the_way_a_speech_was_made_opens_no_task_and_a_long_asker_is_not_quoted() -> None:
    text = ("Phát biểu chỉ đạo hội nghị, Phó Chủ tịch Ủy ban nhân dân tỉnh Nguyễn Văn An yêu cầu trong năm tới, "
            "các sở cần hoàn thiện hồ sơ xúc tiến đầu tư vào khu kinh tế cửa khẩu.")
    clauses = [c.text for c in plan.task_clauses(text)]
    assert clauses and not any(c.startswith("Phát biểu") for c in clauses)
    assert all("Nguyễn Văn An" not in c for c in clauses)


def test_issuing_the_directive_that_sets_a_task_is_no_outcome_of_it() -> None:
    # The directive's tasks ("sơ tán công dân khỏi vùng chiến sự") are not done by issuing it; a
    # task that asks for a document is.
    taxonomy = load_taxonomy()
    issued = _item("Thủ tướng Chính phủ đã ban hành Công điện về việc sơ tán công dân Việt Nam khỏi vùng chiến sự "
                   "tại Na Uy.", "result", "issued.txt", 1, ("citizen_protection",))
    done = _item("Các cơ quan đại diện đã sơ tán 600 công dân Việt Nam khỏi vùng chiến sự tại Na Uy về nước an toàn.",
                 "result", "done.txt", 2, ("citizen_protection",))
    others = [_item(t, "result", f"other{n}.txt", n) for n, t in enumerate(FILLER, 3)]
    rows = plan.rows(_pack(["Bộ Ngoại giao chỉ đạo sơ tán công dân Việt Nam khỏi vùng chiến sự tại Na Uy."],
                           [*others, issued, done]), taxonomy)
    assert [o.source_id for o in rows[0].outcomes] == ["done.txt"]
    rows = plan.rows(_pack(["Cần sớm ban hành Công điện về việc sơ tán công dân Việt Nam khỏi vùng chiến sự."],
                           [*others, issued]), taxonomy)
    assert [o.source_id for o in rows[0].outcomes] == ["issued.txt"]
    assert not plan.answers("sơ tán công dân khỏi vùng chiến sự", issued.text)
    assert plan.answers("ban hành kế hoạch sơ tán công dân", issued.text)
    # a result that goes on to what was done answers the task
    assert plan.answers("sơ tán công dân khỏi vùng chiến sự", "Sau khi Thủ tướng ban hành Công điện, các cơ quan "
                        "đại diện đã sơ tán 600 công dân về nước an toàn.")
    # a task asks for a document by a verb of drafting before a document's noun, not by either alone
    decree = "Chính phủ đã ban hành Nghị định về công tác bảo hộ công dân ở nước ngoài."
    for asks in ("Hoàn thiện thể chế, chính sách về bảo hộ công dân", "Sửa đổi, bổ sung các quy định về bảo hộ"):
        assert plan.answers(asks, decree), asks
    for other in ("Nâng cấp quan hệ đối tác chiến lược với Na Uy", "Tổ chức chương trình giao lưu nhân dân",
                  "Xây dựng đường biên giới hòa bình, hữu nghị", "Triển khai kế hoạch hợp tác"):
        assert not plan.answers(other, decree), other
