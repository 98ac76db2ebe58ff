"""Issue 16: the year a source reviews, by its evidence (calendars, anniversaries, event series,
a dateline that carries out a dated document, a neighbour only when its own year is stated),
and the "machine-reworded mirror" flag of the corpus step. Every text here is made up."""

from __future__ import annotations

from pathlib import Path

from briefgen.annotate.resolve import dated_ordinals, lead_events, reworded, same_series
from briefgen.annotate.years import (
    calendar_mentions,
    carried_out_documents,
    carried_out_year,
    dated_documents,
    decide_years,
    year_mentions,
)

from .conftest import Cli


def _years(text: str) -> list[int]:
    return [m.year for m in calendar_mentions(text)]


def test_general_assembly_sessions_in_every_spelling_are_years() -> None:
    assert _years("Thủ tướng phát biểu tại khóa họp thứ 80 Đại hội đồng Liên hợp quốc.") == [2025]
    assert _years("Đoàn dự Phiên thảo luận chung Đại hội đồng Liên hợp quốc lần thứ 74 tại New York.") == [2019]
    assert _years("Bộ trưởng dự Đại hội đồng lần thứ 72 Liên Hiệp Quốc và gặp song phương.") == [2017]
    assert _years("Việt Nam ứng cử tại Đại hội đồng LHQ khóa 79.") == [2024]
    # An ordinal with no United Nations beside it is some other assembly.
    assert _years("Đại hội đồng cổ đông lần thứ 12 của công ty.") == []


def test_anniversaries_of_known_foundings_are_years() -> None:
    assert _years("Đại sứ quán tổ chức lễ kỷ niệm 78 năm Quốc khánh 2/9 tại thủ đô nước bạn.") == [2023]
    assert _years("Hội thảo kỷ niệm 50 năm Ngày thành lập ASEAN.") == [2017]
    # A founding the calendar does not know gives nothing.
    assert _years("Lễ kỷ niệm 20 năm thành lập trường tiểu học của xã.") == []
    # An anniversary one prepares is a year of tasks.
    prepared = calendar_mentions("Các đơn vị cần chuẩn bị kỷ niệm 30 năm Việt Nam gia nhập ASEAN.")
    assert [(m.year, m.task) for m in prepared] == [(2025, True)]


def test_a_session_or_an_anniversary_dates_a_text_with_no_year() -> None:
    mentions = list(calendar_mentions("Chủ tịch nước dự khóa họp thứ 77 Đại hội đồng Liên hợp quốc và gặp gỡ "
                                      "cộng đồng người Việt tại New York."))
    assert decide_years(mentions, None, None).reviewed == 2022


def test_event_series_are_matched_under_their_names_and_ordinals() -> None:
    # Ordinals in words count after "lần (thứ)"; a weekday ("thứ hai") is none.
    assert lead_events("Hội nghị Bộ trưởng Kinh tế Mê Kông lần thứ ba khai mạc sáng nay.") == [
        ("truong kinh te me kong", "3")]
    assert lead_events("Thứ hai, 12/5, tin mới cập nhật") == []
    assert lead_events("Diễn đàn Hợp tác Á - Âu lần 4 bàn về thương mại.") == [("dan hop tac a au", "4")]
    # The year written after the event, "tháng 5-2021" included.
    assert dated_ordinals("thành công Diễn đàn Đối tác Xanh lần thứ hai, tháng 5-2021 tại Seoul") == {
        ("dien dan doi tac xanh", "2"): 2021}
    assert dated_ordinals("Hội nghị Ngoại giao lần thứ 29 (2016) đã đề ra") == {("hoi nghi ngoai giao", "29"): 2016}
    # A name cut short is the same series; two series that share only words that end neither are not.
    assert same_series("dien dan doi tac xanh", "dan doi tac")
    assert same_series("nghi ngoai giao toan quoc", "hoi nghi ngoai giao")
    assert not same_series("truong ngoai giao asean", "truong quoc phong asean")


def test_an_undated_report_takes_the_year_another_source_writes_for_its_event(empty_project: Path) -> None:
    sources = empty_project / "sources"
    (sources / "a.txt").write_text(
        "Nhìn lại năm 2021, các địa phương đã đạt nhiều kết quả trong hợp tác quốc tế.\n\n"
        "Thủ đô đón các đoàn tham dự Diễn đàn Đối tác Xanh lần thứ hai, tháng 5-2021, với nhiều sáng kiến mới.\n",
        encoding="utf-8")
    (sources / "b.txt").write_text(
        "Với vai trò chủ nhà Diễn đàn Đối tác Xanh lần 2, thành phố được bạn bè quốc tế đánh giá cao về "
        "công tác tổ chức và đón tiếp các phái đoàn.\n", encoding="utf-8")
    got = {s["id"]: s for s in Cli(empty_project).json("sources")["sources"]}
    assert (got["b"]["year_reviewed"], got["b"]["year_reviewed_source"]) == (2021, "a")


def test_a_dateline_that_carries_out_a_dated_document_follows_it() -> None:
    lead = ("Sáng 14/9, Tỉnh ủy tổ chức hội nghị quán triệt, triển khai Nghị quyết số 12 ngày 3/6/2021 và "
            "Kết luận số 7 ngày 20/9/2020 của Ban Chấp hành.")
    assert carried_out_year(lead, 14, 9) == 2021
    # On or before the document's day and month: the next year.
    assert carried_out_year("Ngày 3/6, huyện triển khai Nghị quyết số 12 ngày 3/6/2021 của Tỉnh ủy.", 3, 6) == 2022
    # "N năm thực hiện": N years after.
    assert carried_out_year("Ngày 10/3, hội nghị sơ kết 5 năm thực hiện Chỉ thị số 9 ngày 1/11/2016.", 10, 3) == 2022
    # A document cited without an event that carries it out dates nothing.
    assert carried_out_year("Ngày 10/3, đoàn công tác nhắc lại Chỉ thị số 9 ngày 1/11/2016.", 10, 3) is None


def test_a_cited_document_is_not_the_year_and_the_lead_dates_the_event(empty_project: Path) -> None:
    sources = empty_project / "sources"
    (sources / "a.txt").write_text(
        "Chiều 14/9, Sở Ngoại vụ tổ chức hội nghị triển khai Nghị quyết số 12 ngày 3/6/2021 của Tỉnh ủy về "
        "hội nhập quốc tế đến năm 2030 cho cán bộ chủ chốt.\n", encoding="utf-8")
    got = Cli(empty_project).json("sources")["sources"][0]
    assert (got["year_reviewed"], got["year_reviewed_certainty"]) == (2021, "inferred")
    assert got["year_reviewed_from"].startswith("the lead")
    assert year_mentions("Nghị quyết số 12 ngày 3/6/2021")[0].kind == "reference"


def test_documents_named_with_their_date_and_carried_out_without_it() -> None:
    assert dated_documents("Ban Bí thư ban hành Chỉ thị số 9-CT/TW, ngày 1/11/2016 về hội nhập quốc tế.") == {
        ("chi thi", "9"): (2016, 11, 1)}
    assert dated_documents("Nghị quyết 14 ngày 2/3/2019 và Nghị quyết 14 ngày 5/6/2020.") == {}  # two dates: none
    # a Government document writes its number the other way round: "25/CT-TTg", "12/NQ-CP"
    assert dated_documents("Thủ tướng ban hành Chỉ thị số 25/CT-TTg ngày 3/8/2032 về bảo hộ công dân.") == {
        ("chi thi", "25"): (2032, 8, 3)}
    assert carried_out_documents("Ngày 4/9, Bộ sơ kết 1 năm thực hiện Nghị quyết 12/NQ-CP của Chính phủ.") == [
        (("nghi quyet", "12"), 1)]
    assert carried_out_documents("Ngày 10/3, huyện sơ kết 3 năm thực hiện Nghị quyết 14-NQ/TU của Tỉnh ủy.") == [
        (("nghi quyet", "14"), 3)]
    # A document cited with its date, or without an event that carries it out, is not one.
    assert carried_out_documents("Ngày 10/3, huyện triển khai Nghị quyết 14 ngày 2/3/2019.") == []
    assert carried_out_documents("Ngày 10/3, đoàn công tác nhắc lại Nghị quyết 14 của Tỉnh ủy.") == []


def test_an_event_that_carries_out_a_document_another_source_dates_follows_it(empty_project: Path) -> None:
    sources = empty_project / "sources"
    (sources / "a.txt").write_text(
        "Ngày 20/2, Sở Ngoại vụ tổ chức hội nghị sơ kết 3 năm thực hiện Chỉ thị 9-CT/TU của Tỉnh ủy về "
        "công tác đối ngoại nhân dân.\n\nCác đại biểu đánh giá cao kết quả đạt được.\n", encoding="utf-8")
    cli = Cli(empty_project)
    assert cli.json("sources")["sources"][0]["year_reviewed"] is None  # nothing dates the document yet
    (sources / "b.txt").write_text(
        "Tỉnh ủy ban hành Chỉ thị số 9-CT/TU ngày 6/5/2020 về đẩy mạnh công tác đối ngoại nhân dân trong "
        "tình hình mới, giao Sở Ngoại vụ chủ trì theo dõi.\n", encoding="utf-8")
    cli.run("ingest")
    got = {s["id"]: s for s in cli.json("sources")["sources"]}
    # 6/5/2020 + 3 years = 6/5/2023; the first 20/2 after it is of 2024.
    assert (got["a"]["year_reviewed"], got["a"]["year_reviewed_source"]) == (2024, "b")
    assert got["a"]["year_reviewed_from"].startswith("the corpus: b, which dates the document")
    assert all(p["years"] == [2024] for p in cli.json("show", "a")["passages"])


def test_a_neighbour_whose_own_year_is_only_inferred_dates_no_other(empty_project: Path) -> None:
    sources = empty_project / "sources"
    body = ("Sở Ngoại vụ tổ chức hội nghị triển khai Nghị quyết số 12 ngày 3/6/2021 của Tỉnh ủy về hội nhập "
            "quốc tế, đề nghị các sở ngành xây dựng kế hoạch hành động và báo cáo kết quả định kỳ hằng quý.")
    (sources / "a.txt").write_text(f"Chiều 14/9, {body}\n", encoding="utf-8")
    (sources / "b.txt").write_text(f"Theo thông tin từ hội nghị, {body}\n", encoding="utf-8")
    got = {s["id"]: s for s in Cli(empty_project).json("sources")["sources"]}
    assert got["a"]["year_reviewed"] == 2021
    assert got["b"]["year_reviewed"] is None


# A made-up article, and a copy with about a quarter of its words swapped for synonyms.
ORIGINAL = (
    "Ngày 12/4/2023, Bộ Ngoại giao tổ chức hội nghị về công tác bảo hộ công dân ở nước ngoài. Thứ trưởng cho biết "
    "các cơ quan đại diện đã kịp thời hỗ trợ hàng nghìn công dân gặp khó khăn trong năm qua, đồng thời đề nghị các "
    "bộ, ngành phối hợp chặt chẽ hơn để bảo vệ quyền lợi chính đáng của người Việt Nam ở nước ngoài. Hội nghị cũng "
    "thảo luận về ngoại giao kinh tế, thu hút đầu tư và mở rộng thị trường xuất khẩu cho doanh nghiệp trong nước.")
SPUN = (
    "Ngày 12/4/2023, Bộ Ngoại giao tổ chức cuộc họp về công tác che chở công dân ở nước ngoài. Thứ trưởng nhận "
    "định các cơ quan đại diện đã nhanh chóng hỗ trợ hàng nghìn công dân gặp trở ngại trong năm qua, đồng thời yêu "
    "cầu các bộ, ngành kết hợp chặt chẽ hơn để giữ gìn quyền lợi chính đáng của người Việt Nam ở nước ngoài. Cuộc "
    "họp cũng bàn bạc về giao thiệp kinh tế, lôi kéo đầu tư và nới rộng thị trường xuất khẩu cho công ty trong "
    "nước.")
OTHER = (
    "Giá lúa gạo tăng mạnh trên thị trường quốc tế trong tháng qua theo báo cáo của hiệp hội lương thực, nông dân "
    "các tỉnh đồng bằng phấn khởi vì được mùa, thương lái thu mua với giá cao hơn cùng kỳ năm trước khoảng một phần "
    "năm, nhiều kho chứa đã đầy và doanh nghiệp tìm thêm đơn hàng mới.")


def test_a_reworded_copy_is_told_from_a_republished_one_and_from_another_report() -> None:
    assert reworded(ORIGINAL, SPUN) and reworded(SPUN, ORIGINAL)
    republished = ORIGINAL.replace("hàng nghìn", "hơn một nghìn") + " Theo TTXVN."
    assert not reworded(ORIGINAL, republished)
    assert not reworded(ORIGINAL, OTHER)
    assert not reworded("Bộ Ngoại giao họp báo.", "Bộ Ngoại giao tổ chức họp báo.")  # too short to tell


def test_the_corpus_flags_the_reworded_copy_and_the_flag_follows_its_partner(empty_project: Path) -> None:
    sources = empty_project / "sources"
    (sources / "original.txt").write_text(ORIGINAL + "\n", encoding="utf-8")
    (sources / "spun.txt").write_text(SPUN + "\n", encoding="utf-8")
    (sources / "other.txt").write_text(OTHER + "\n", encoding="utf-8")
    cli = Cli(empty_project)

    def flags() -> dict[str, list[str]]:
        return {s["id"]: s["flags"] for s in cli.json("sources")["sources"]}

    mirror = "machine-reworded mirror"
    # Same page date: the copy is the one that breaks the domain's set phrases ("bảo hộ công dân").
    assert flags() == {"original": [], "spun": [mirror], "other": []}
    original = (sources / "original.txt").read_text(encoding="utf-8")
    (sources / "original.txt").unlink()
    assert flags() == {"spun": [], "other": []}
    (sources / "original.txt").write_text(original, encoding="utf-8")
    assert flags() == {"original": [], "spun": [mirror], "other": []}
    # An unrelated arrival or departure changes no flag.
    (sources / "other.txt").unlink()
    assert flags() == {"original": [], "spun": [mirror]}


def test_a_mirror_is_found_among_many_texts_recombined_from_the_same_sentences(empty_project: Path) -> None:
    # Thirty reports built from one pool of sentences share most of their words (and every
    # pair of them is similar) but keep few in order: none is a mirror, and the spun copy,
    # among them, still is.
    pool = [
        "Bộ Ngoại giao cho biết các cơ quan đại diện tiếp tục theo dõi sát tình hình tại địa bàn.",
        "Đại sứ quán đề nghị công dân giữ liên lạc thường xuyên và tuân thủ quy định của nước sở tại.",
        "Lãnh đạo hai nước nhất trí thúc đẩy hợp tác kinh tế, thương mại và đầu tư trong thời gian tới.",
        "Các bộ, ngành được giao phối hợp chặt chẽ để triển khai hiệu quả các thỏa thuận đã ký kết.",
        "Hội nghị đánh giá cao kết quả công tác đối ngoại và hội nhập quốc tế của các địa phương.",
        "Phía bạn khẳng định coi trọng quan hệ hữu nghị truyền thống và mong muốn mở rộng giao lưu nhân dân.",
    ]
    sources = empty_project / "sources"
    for i in range(30):
        chosen = [pool[(i + k * (1 + i % 5)) % len(pool)] for k in range(4)]
        text = " ".join(dict.fromkeys(chosen)) + f" Đoàn công tác số {i + 7} làm việc tại tỉnh thứ {i + 3}."
        (sources / f"r{i:02}.txt").write_text(text + "\n", encoding="utf-8")
    (sources / "original.txt").write_text(ORIGINAL + " " + pool[0] + "\n", encoding="utf-8")
    (sources / "spun.txt").write_text(SPUN + " " + pool[0] + "\n", encoding="utf-8")
    flagged = {s["id"] for s in Cli(empty_project).json("sources")["sources"] if s["flags"]}
    assert flagged == {"spun"}


def test_the_later_page_is_the_mirror(empty_project: Path) -> None:
    sources = empty_project / "sources"
    (sources / "a.txt").write_text(" date 2023-06-01\n" + ORIGINAL.replace("Ngày 12/4/2023, ", "") + "\n",
                                   encoding="utf-8")
    (sources / "b.txt").write_text(" date 2023-04-12\n" + SPUN.replace("Ngày 12/4/2023, ", "") + "\n",
                                   encoding="utf-8")
    got = {s["id"]: s["flags"] for s in Cli(empty_project).json("sources")["sources"]}
    assert got == {"a": ["machine-reworded mirror"], "b": []}


def test_a_neighbour_dated_months_away_from_the_dateline_reports_another_event(empty_project: Path) -> None:
    sources = empty_project / "sources"
    body = ("Bộ Ngoại giao khuyến cáo công dân Việt Nam tại vùng xung đột cần sẵn sàng phương án sơ tán, giữ liên "
            "lạc thường xuyên với Đại sứ quán và theo dõi các cảnh báo của nước sở tại để bảo đảm an toàn.")
    (sources / "a.txt").write_text(f"Ngày 3/3/2022, {body}\n", encoding="utf-8")
    (sources / "b.txt").write_text(f"Chiều 21/11, {body}\n", encoding="utf-8")  # eight months on: another event
    (sources / "c.txt").write_text(f"Chiều 10/3, {body}\n", encoding="utf-8")  # a week on: the same event
    (sources / "d.txt").write_text(OTHER + "\n", encoding="utf-8")
    (sources / "e.txt").write_text(ORIGINAL + "\n", encoding="utf-8")
    got = {s["id"]: s for s in Cli(empty_project).json("sources")["sources"]}
    assert got["b"]["year_reviewed"] is None
    assert (got["c"]["year_reviewed"], got["c"]["year_reviewed_source"]) == (2022, "a")


def test_an_instruments_year_is_a_reference_even_after_nam() -> None:
    assert [m.kind for m in year_mentions("theo Công ước Liên hợp quốc về Luật biển năm 1982")] == ["reference"]
    # "thực hiện chương trình" folds to "… hien chuong …", no charter ("hiến chương")
    assert [m.kind for m in year_mentions("thực hiện chương trình hoạt động năm 2017")] == ["year"]


def test_a_passage_that_tells_an_event_another_source_dates_takes_its_year(empty_project: Path) -> None:
    sources = empty_project / "sources"
    (sources / "a.txt").write_text(
        "Thủ đô đón các đoàn tham dự Diễn đàn Đối tác Xanh lần thứ hai, tháng 5-2022, với nhiều sáng kiến mới về "
        "tăng trưởng xanh và hợp tác khí hậu giữa các địa phương.\n", encoding="utf-8")
    (sources / "b.txt").write_text(
        "Kết quả công tác đối ngoại năm 2021 của thành phố\n\n"
        "Trong năm 2021, thành phố đã đón nhiều đoàn khách quốc tế và ký kết các thỏa thuận hợp tác mới.\n\n"
        "Đặc biệt, vừa qua thành phố đã phối hợp tổ chức thành công Diễn đàn Đối tác Xanh lần 2, được bạn bè "
        "quốc tế đánh giá cao.\n\n"
        "Hội nghị nhìn lại một năm thực hiện các kết luận tại Diễn đàn Đối tác Xanh lần 2 của các sở, ngành.\n",
        encoding="utf-8")
    cli = Cli(empty_project)
    shown = {p["text"][:11]: p["years"] for p in cli.json("show", "b")["passages"]}
    assert shown["Trong năm 2"] == [2021]
    assert shown["Đặc biệt, v"] == [2022]  # the forum it hosted is of 2022, as source a writes
    assert shown["Hội nghị nh"] == [2021]  # a forum whose conclusions it reviews is no event it tells
    # Whatever the order the sources come and go in: without a, b's forum has only b's year; a
    # arriving later dates it again.
    dating = (sources / "a.txt").read_text(encoding="utf-8")
    (sources / "a.txt").unlink()
    cli.run("ingest")
    assert {p["text"][:11]: p["years"] for p in cli.json("show", "b")["passages"]}["Đặc biệt, v"] == [2021]
    (sources / "a.txt").write_text(dating, encoding="utf-8")
    cli.run("ingest")
    assert {p["text"][:11]: p["years"] for p in cli.json("show", "b")["passages"]}["Đặc biệt, v"] == [2022]
