"""The cue classes of a key point (assemble/headlines.py, data/headlines.toml) and the event
test that joins the tellings of one event (assemble/rank.py), on sentences and passages made
up for the test: a made-up partner ("Cộng hòa Xanh" is no country, so the tests use real
country names with invented events)."""

from __future__ import annotations

from dataclasses import replace

from briefgen.assemble.headlines import (
    BODY_FLOOR,
    POINT_FLOOR,
    best_sentence,
    headline_span,
    one_days_news,
    opening_year,
    running_total,
    sentence_score,
    substance,
    with_quote_closed,
)
from briefgen.assemble.rank import merge_duplicates, months, partners, same_event, series_events
from briefgen.model import Passage, Person

CONCRETE = "Ngày 12/3, Việt Nam và Ca-na-đa đã ký kết Hiệp định hợp tác về đào tạo nghề tại Ottawa."


def passage(source: str, text: str, years: tuple[int, ...] = (2031,), people: tuple[str, ...] = ()) -> Passage:
    return Passage(source_id=source, passage=1, heading=None, start=0, end=len(text), text=text, years=years,
                   kind="result", people=tuple(Person(name=n, title=None) for n in people))


def key_sentence(found: Passage) -> str:
    """The text of the sentence a key point would quote from *found*."""
    a, b = headline_span(found)
    return found.text[a:b]


def test_novelty_and_a_named_partner_outweigh_a_plain_report() -> None:
    plain = "Các cơ quan đã trao đổi ý kiến về công tác chuẩn bị cho thời gian tới một cách thường xuyên."
    assert sentence_score(CONCRETE) > sentence_score(plain) + 2


def test_a_partner_a_numbered_document_and_a_date_are_concrete() -> None:
    bare = "Bộ Chính trị ban hành văn bản mới về công tác thông tin đối ngoại của cả nước."
    numbered = "Ngày 4/5 Bộ Chính trị ban hành Kết luận số 91-KL/TW về công tác thông tin đối ngoại của cả nước."
    assert sentence_score(numbered) > sentence_score(bare) + 1
    assert partners("Đoàn đã thăm Hà Lan và làm việc với ban thư ký ASEAN.") == {"ha lan", "ASEAN"}
    assert partners("Công tác pháp luật và đào tạo được chú trọng trong năm.") == set()  # "pháp" is no France here


def test_a_reviews_ordinal_counts_a_weekday_does_not() -> None:
    listed = "Thứ hai, quan hệ với các nước láng giềng được củng cố qua nhiều chuyến thăm cấp cao của lãnh đạo ta."
    weekday = "Thứ hai, 14/9/2031 quan hệ với các nước láng giềng được củng cố qua nhiều chuyến thăm của lãnh đạo ta."
    inside = "Quan hệ với các nước láng giềng được củng cố qua nhiều chuyến thăm lần thứ hai của lãnh đạo ta."
    assert sentence_score(listed) > sentence_score(weekday)
    assert sentence_score(listed) > sentence_score(inside)


def test_a_heading_that_announces_the_list_counts() -> None:
    text = "Việt Nam đã đăng cai hội thảo khu vực về an ninh hàng hải với đại diện nhiều nước tham dự."
    assert sentence_score(text, heading="Ba dấu ấn nổi bật của năm") > sentence_score(text)


def test_praise_of_every_field_is_demoted_a_quoted_title_is_not_praise() -> None:
    praise = ("Công tác đối ngoại được triển khai chủ động, tích cực, đồng bộ, linh hoạt, sáng tạo và hiệu quả, "
              "góp phần quan trọng nâng cao vị thế, uy tín của đất nước.")
    assert sentence_score(praise) < 0
    quoted = "Ngày 9/9 Ban Bí thư ban hành Chỉ thị số 47 “về nâng cao hiệu quả, uy tín công tác đối ngoại nhân dân”."
    unquoted = "Ngày 9/9 Ban Bí thư ban hành Chỉ thị số 47 về nâng cao hiệu quả, uy tín công tác đối ngoại nhân dân."
    assert sentence_score(quoted) > sentence_score(unquoted)


def test_procedure_anniversary_standing_facts_and_advisories_are_demoted() -> None:
    event = "Thủ tướng đã hội đàm với Thủ tướng Na Uy về hợp tác năng lượng tái tạo và đánh bắt hải sản."
    for weak in (
        "Phiên họp toàn thể khai mạc lúc 8 giờ, sau đó đại biểu dự hội nghị chia thành ba phiên thảo luận.",
        "Đại sứ quán tổ chức lễ kỷ niệm 40 năm thành lập Hội hữu nghị với sự tham dự của kiều bào.",
        "Hiện nay có khoảng ba trăm nghìn người Việt sinh sống và làm việc tại nước sở tại này.",
        "Đảng, Nhà nước Việt Nam luôn dành ưu tiên cao nhất cho công tác bảo hộ công dân Việt Nam tại Na Uy.",
        "Bộ Ngoại giao khuyến cáo công dân lưu ý an toàn và gọi đường dây nóng khi cần hỗ trợ khẩn cấp.",
        "Trả lời câu hỏi của phóng viên về việc này, người phát ngôn cho biết Bộ đang theo dõi sát tình hình.",
    ):
        assert sentence_score(weak) < sentence_score(event), weak


def test_the_worlds_situation_and_a_framing_of_the_year_are_demoted() -> None:
    doing = "Việt Nam đã cử đội công binh tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc tại Nam Sudan."
    world = "Tình hình thế giới và khu vực tiếp tục diễn biến phức tạp, các quốc gia cạnh tranh chiến lược gay gắt."
    framing = "Năm 2031 là năm có ý nghĩa đặc biệt quan trọng đối với việc thực hiện các mục tiêu của nhiệm kỳ."
    assert sentence_score(world) < sentence_score(doing) - 2
    assert sentence_score(framing) < sentence_score(doing) - 2


def test_a_sentence_leaning_on_the_one_before_is_demoted() -> None:
    alone = "Việt Nam đã ký kết thỏa thuận hợp tác giáo dục với Phần Lan trong chuyến thăm của Bộ trưởng."
    leaning = "Tuy nhiên, Việt Nam đã ký kết thỏa thuận hợp tác giáo dục với Phần Lan trong chuyến thăm của Bộ trưởng."
    assert sentence_score(leaning) < sentence_score(alone)


def test_a_key_point_stands_alone() -> None:
    from briefgen.assemble.rank import sentence_at

    # A sentence that refers to the one before is never the key point, however concrete …
    said = "Đó là nhận định của Bộ trưởng Lê Văn An về chuyến thăm chính thức Phần Lan và hai hiệp định đã ký kết."
    plain = "Bộ trưởng đã làm việc với các doanh nghiệp của hai nước tại thủ đô trong hai ngày."
    assert key_sentence(passage("a", f"{plain} {said}")) == plain
    # … and one that only adds to it is quoted without its connective
    joined = passage("a", "Đoàn đã về nước. Hay tại Helsinki, Việt Nam và Phần Lan đã ký kết hiệp định về giáo dục.")
    assert sentence_at(joined, headline_span(joined)) == \
        "Tại Helsinki, Việt Nam và Phần Lan đã ký kết hiệp định về giáo dục."


def test_a_results_paragraph_says_its_headline_in_a_result_not_in_what_is_still_to_do() -> None:
    plan = "Việt Nam tiếp tục xây dựng kế hoạch đưa công dân về nước để đáp ứng nhu cầu của bà con ở nước ngoài."
    done = "Trong tháng, Đại sứ quán đã đưa công dân về nước an toàn trên hai chuyến bay từ Lisbon."
    assert key_sentence(passage("a", f"{done} {plan}")) == done
    # no sentence of a result passage that holds only a plan is its headline; in a passage of tasks
    # (the key points of a year with none but tasks) the plan is
    assert best_sentence(passage("a", plan))[1] == -1.0
    assert best_sentence(replace(passage("a", plan), kind="task"))[1] != -1.0


def test_a_quotation_the_source_never_closes_is_closed_where_the_point_ends() -> None:
    text = ("“Việc hai nước ký kết Hiệp định thương mại tự do thể hiện quyết tâm mạnh mẽ của cả hai bên. Đây là "
            "một tín hiệu rất đáng khích lệ cho doanh nghiệp")
    a, b = headline_span(passage("a", text))
    assert text[a:b].startswith("“Việc hai nước")  # the whole sentence is the key point's (the body leaves it out)
    assert with_quote_closed(text[a:b]) == ("“Việc hai nước ký kết Hiệp định thương mại tự do thể hiện quyết tâm "
                                            "mạnh mẽ của cả hai bên.”")  # someone's words, and said to be
    closed = "“Việc hai nước ký kết hiệp định là tín hiệu đáng khích lệ”, ông An nói."
    assert with_quote_closed(closed) == closed


def test_a_provinces_own_work_a_summit_and_humanitys_news() -> None:
    national = "Thủ tướng Chính phủ đã có buổi làm việc với đoàn doanh nghiệp Na Uy về năng lượng tái tạo."
    local = "Sở Ngoại vụ tỉnh đã có buổi làm việc với đoàn doanh nghiệp Na Uy về năng lượng tái tạo."
    assert sentence_score(local) < sentence_score(national) - 1
    summit = "Việt Nam đã đăng cai hội nghị thượng đỉnh giữa hai nước tại thủ đô Hà Nội trong tháng Hai."
    host = "Việt Nam đã đăng cai hội nghị giữa hai nước tại thủ đô Hà Nội trong tháng Hai."
    assert sentence_score(summit) > sentence_score(host)
    world = "Các thành tựu khoa học đã mở ra những tiềm năng to lớn mới cho sự phát triển của nhân loại."
    assert sentence_score(world) < 0


def test_the_year_a_sentence_opens_with() -> None:
    assert opening_year("Trong năm 2030, lượng khách quốc tế tăng mạnh so với năm trước đó.") == 2030
    assert opening_year("Năm 2031, Việt Nam đăng cai hội nghị khu vực.") == 2031
    assert opening_year("Ngày 4/5/2029 hai bên ký biên bản ghi nhớ.") == 2029
    assert opening_year("Việt Nam đăng cai hội nghị khu vực năm 2031.") is None


def test_months_and_numbered_events() -> None:
    assert months("Ngày 12/3 và tháng 5/2031 hai bên gặp lại.", (2031,)) == {(2031, 3), (2031, 5)}
    assert months("Ngày 12/3 hai bên gặp lại.", (2030, 2031)) == {(None, 3)}
    # a dateline's comma ends the date; a comma and a digit make a decimal ("1/2,5")
    assert months("Ngày 14/10, hai bên hội đàm.", (2031,)) == {(2031, 10)}
    assert months("Sáng 3-12, đoàn tới Hà Nội.", (2031,)) == {(2031, 12)}
    assert months("Lượng khách tăng 1/2,5 lần.", (2031,)) == set()
    assert series_events("Hội nghị Ngoại giao lần thứ 40 diễn ra ngày 20/12.") == {"hoi nghi ngoai giao 40"}
    assert series_events("Hội nghị có 300 đại biểu tham dự.") == set()


# Two outlets' tellings of one made-up visit, and a visit to another country in the same month.
VISIT_A = ("Ngày 14/10, Chủ tịch nước Lê Văn An hội đàm với Tổng thống Phần Lan tại Helsinki; hai bên nhất trí "
           "nâng cấp quan hệ lên Đối tác toàn diện và ký kết năm văn kiện hợp tác về giáo dục, năng lượng.")
VISIT_B = ("Trong chuyến thăm cấp nhà nước Phần Lan, chiều 14/10 Chủ tịch nước Lê Văn An và Tổng thống Phần Lan đã "
           "hội đàm, ra tuyên bố nâng cấp quan hệ lên Đối tác toàn diện, chứng kiến ký kết các văn kiện hợp tác "
           "giáo dục, năng lượng tái tạo và đổi mới sáng tạo; hai bên cũng thăm một trường đại học.")
OTHER_VISIT = ("Ngày 22/10, Thủ tướng Trần Văn Bình hội đàm với Thủ tướng Na Uy tại Oslo; hai bên nhất trí nâng cấp "
               "quan hệ lên Đối tác toàn diện và ký kết ba văn kiện hợp tác về năng lượng, hàng hải.")


def test_two_outlets_tellings_of_one_visit_merge_and_cite_both() -> None:
    a = passage("a-outlet", VISIT_A, people=("Lê Văn An",))
    b = passage("b-outlet", VISIT_B, people=("Lê Văn An",))
    assert same_event(a, b)
    groups = merge_duplicates([a, b])
    assert len(groups) == 1
    lead, rest = groups[0]
    assert lead is b and rest == [a]  # the fullest telling leads, the other is cited


def test_two_visits_of_one_month_stay_apart() -> None:
    a = passage("a-outlet", VISIT_A, people=("Lê Văn An",))
    c = passage("c-outlet", OTHER_VISIT, people=("Trần Văn Bình",))
    assert not same_event(a, c)
    assert len(merge_duplicates([a, c])) == 2


def test_one_leader_and_partner_on_two_days_of_one_month_are_two_events() -> None:
    call = passage("a-outlet", "Tối 3/3, Chủ tịch nước Lê Văn An gọi điện cho Đại sứ Việt Nam tại Phần Lan, kiểm tra "
                   "công tác bảo hộ công dân Việt Nam tại Phần Lan.", people=("Lê Văn An",))
    meeting = passage("b-outlet", "Tại buổi làm việc với Bộ Ngoại giao chiều 6/3, Chủ tịch nước Lê Văn An nhấn mạnh "
                      "công tác bảo hộ công dân Việt Nam tại Phần Lan là ưu tiên.", people=("Lê Văn An",))
    same_day = passage("c-outlet", "Chiều 6-3, làm việc với Bộ Ngoại giao, Chủ tịch nước Lê Văn An yêu cầu bảo đảm "
                       "an toàn cho công dân Việt Nam tại Phần Lan trong công tác bảo hộ công dân.",
                       people=("Lê Văn An",))
    next_day = passage("d-outlet", "Sáng 7/3, báo chí đưa tin Chủ tịch nước Lê Văn An làm việc với Bộ Ngoại giao về "
                       "công tác bảo hộ công dân Việt Nam tại Phần Lan, yêu cầu bảo đảm an toàn cho công dân.",
                       people=("Lê Văn An",))
    assert not same_event(call, meeting)
    assert same_event(meeting, same_day)
    assert same_event(same_day, next_day)  # a day's event told the next morning
    assert len(merge_duplicates([call, meeting, same_day, next_day])) == 2
    # a visit lasts days: its first day and its last are one event
    arrival = passage("e-outlet", "Ngày 22/11, Chủ tịch nước Lê Văn An bắt đầu chuyến thăm cấp nhà nước Phần Lan, hội "
                      "đàm về hợp tác giáo dục và năng lượng với Tổng thống Phần Lan.", people=("Lê Văn An",))
    departure = passage("f-outlet", "Ngày 25/11, kết thúc chuyến thăm cấp nhà nước Phần Lan, Chủ tịch nước Lê Văn An "
                        "và Tổng thống Phần Lan ra tuyên bố chung về hợp tác giáo dục và năng lượng.",
                        people=("Lê Văn An",))
    assert same_event(arrival, departure)
    from briefgen.assemble.rank import _days_apart
    assert _days_apart(frozenset({(2, 28)}), frozenset({(3, 1)})) == 1  # the calendar's days, not 31 a month


def test_one_partner_in_two_years_is_two_events() -> None:
    a = passage("a-outlet", VISIT_A, years=(2030,), people=("Lê Văn An",))
    b = passage("b-outlet", VISIT_B, years=(2031,), people=("Lê Văn An",))
    assert len(merge_duplicates([a, b])) == 2


def test_a_review_paragraph_listing_many_events_absorbs_none() -> None:
    review = ("Trong năm, lãnh đạo ta thăm Phần Lan (tháng 10), Na Uy (tháng 10), Thụy Điển (tháng 6), Đan Mạch "
              "(tháng 4) và Ai-len (tháng 2), ký kết nhiều văn kiện hợp tác về giáo dục, năng lượng.")
    a = passage("a-outlet", VISIT_A, people=("Lê Văn An",))
    r = passage("r-outlet", review)
    assert len(merge_duplicates([a, r])) == 2


def test_a_place_is_named_with_its_tones() -> None:
    # "Bí thư" is no visit to Belgium ("Bỉ"): two meetings a secretary attended are not one event
    assert partners("Đồng chí Bí thư Ban cán sự đảng dự và phát biểu chỉ đạo Hội nghị.") == set()
    assert partners("Thủ tướng thăm chính thức Bỉ và Pháp.") == {"bi", "phap"}
    a = passage("a-outlet", "Đồng chí Trần Văn Bình, Bí thư Ban cán sự đảng, dự và phát biểu chỉ đạo Hội nghị.",
                people=("Trần Văn Bình",))
    b = passage("b-outlet", "Hội nghị cũng đã tiếp thu ý kiến chỉ đạo của đồng chí Trần Văn Bình, Bí thư Ban cán sự "
                "đảng, về công tác năm tới.", people=("Trần Văn Bình",))
    assert not same_event(a, b)


# Made-up paragraphs of a year's results: what a review's body reports, and what an analyst
# strikes from it (a ceremony, an internal meeting's procedure, praise of every field).
REPORTED = [
    CONCRETE,
    "Thủ tướng Trần Văn Bình đã hội đàm với Thủ tướng Na Uy; hai bên nhất trí nâng cấp quan hệ lên Đối tác toàn diện.",
    "Trả lời câu hỏi của phóng viên, Người Phát ngôn Bộ Ngoại giao nêu rõ Việt Nam phản đối việc tàu nước ngoài "
    "vi phạm vùng đặc quyền kinh tế của Việt Nam và yêu cầu chấm dứt ngay hành vi này.",
]
STRUCK = [
    "Tối 11/9, Đại sứ quán đã tổ chức trang trọng lễ kỷ niệm 75 năm Quốc khánh.",
    "Sáng 13/1, Đảng bộ Bộ tổ chức Hội nghị tổng kết công tác năm, công bố quyết định khen thưởng các tổ chức đảng.",
    "Tại Hội nghị, các đại biểu đã có nhiều tham luận quan trọng; Hội nghị cũng đã lắng nghe ý kiến của các địa "
    "phương về công tác phối hợp chặt chẽ, hiệu quả, đồng bộ trên tất cả các lĩnh vực.",
    "Uy tín, vai trò, vị thế của đất nước gia tăng rõ rệt trên trường quốc tế, đóng góp vào thành công chung.",
]


def test_the_body_keeps_what_a_review_reports_and_leaves_out_ceremony_and_procedure() -> None:
    for text in REPORTED:
        assert substance(text, passage("a", text)) >= BODY_FLOOR, text
    for text in STRUCK:
        assert substance(text, passage("a", text)) < BODY_FLOOR, text


def test_one_days_news_and_a_running_total() -> None:
    assert one_days_news("Hôm nay, Đại sứ quán đã đưa 120 công dân về nước.")
    assert not one_days_news("Trong năm, các cơ quan đã đưa 12.000 công dân về nước.")
    assert running_total("Từ ngày 3/5 đến nay, đã có 40 chuyến bay.")
    # a paragraph that opens on one day's news tells that day, however its details read;
    # the body reports a running total
    day = ("Hôm nay, Đại sứ quán đã phối hợp với hãng hàng không đưa 120 công dân về nước an toàn. Thủ tướng Trần "
           "Văn Bình đã hội đàm với Thủ tướng Na Uy; hai bên nhất trí nâng cấp quan hệ lên Đối tác toàn diện.")
    assert substance(day, passage("a", day)) < BODY_FLOOR
    # … and as a key point: the day's detail is no headline of its own, the day's news is all it offers
    assert key_sentence(passage("a", day)).startswith("Hôm nay")
    assert best_sentence(passage("a", day))[1] < best_sentence(passage("a", day.split(". ", 1)[1]))[1]
    total = "Từ ngày 3/5 đến nay, Việt Nam đã thực hiện hơn 40 chuyến bay, đưa hơn 12.000 công dân về nước."
    plain = "Trong năm, Việt Nam đã thực hiện hơn 40 chuyến bay, đưa hơn 12.000 công dân về nước."
    assert substance(total, passage("a", total)) >= substance(plain, passage("a", plain))
    assert sentence_score(total) < sentence_score(plain)  # as a key point, it is part of a year
    assert running_total("Tính đến nay, 8 hiệp định đã được ký.")
    assert not running_total("Năm nay đã có 40 chuyến bay.")
    # a count up to the source's date is part of a year: it ranks under the year's own count
    assert sentence_score("Từ ngày 3/5 đến nay, Việt Nam đã thực hiện 40 chuyến bay đưa công dân về nước.") < \
        sentence_score("Trong năm 2031, Việt Nam đã thực hiện 40 chuyến bay đưa công dân về nước.")


def test_a_key_point_closes_the_quotation_it_opens() -> None:
    text = ("Đoàn đã về nước. “Việc hai nước ký kết Hiệp định thương mại tự do thể hiện quyết tâm mạnh mẽ của cả hai "
            "bên. Đây là tín hiệu rất đáng khích lệ”, ông Lê Văn An nói. Sau đó đoàn thăm một nhà máy.")
    a, b = headline_span(passage("a", text))
    assert text[a:b].startswith("“Việc hai nước") and text[a:b].endswith("ông Lê Văn An nói.")


def test_an_undated_paragraph_of_the_same_report_on_the_same_partner_is_its_story() -> None:
    from briefgen.assemble import _same_story

    visit = passage("report", VISIT_A)
    detail = passage("report", "Tại Helsinki, Chủ tịch nước khẳng định Việt Nam và Phần Lan có nhiều lợi ích bổ sung "
                     "cho nhau trong giáo dục và năng lượng.")
    assert _same_story(detail, visit)
    assert not _same_story(passage("other", detail.text), visit)  # another source: the event test decides
    dated = passage("report", "Ngày 3/12, Thủ tướng Phần Lan thăm chính thức Việt Nam và ký kết hai văn kiện.")
    assert not _same_story(dated, visit)  # a date of its own: another event, maybe


def test_a_paragraph_with_no_theme_is_filed_with_its_story() -> None:
    from briefgen.assemble import _story_theme

    visit = replace(passage("report", VISIT_A), themes=(("bilateral_visits", 6.0),))
    other_outlet = replace(passage("other", VISIT_B), themes=(("bilateral_visits", 6.0),))
    detail = replace(passage("report", "Tại Helsinki, Chủ tịch nước khẳng định Việt Nam và Phần Lan có nhiều lợi ích "
                             "bổ sung cho nhau trong giáo dục và năng lượng."), passage=2)
    # the story is the report's own, whether it leads its group or is a second telling in it
    assert _story_theme(detail, [(visit, []), (detail, [])]) == ("bilateral_visits",)
    assert _story_theme(detail, [(other_outlet, [visit]), (detail, [])]) == ("bilateral_visits",)
    # another outlet's telling alone is no story of this report, and a dated paragraph is its own event
    assert _story_theme(detail, [(other_outlet, []), (detail, [])]) == ()
    dated = replace(detail, text="Ngày 20/11, Chủ tịch nước khẳng định Việt Nam và Phần Lan có nhiều lợi ích chung.")
    assert _story_theme(dated, [(visit, []), (dated, [])]) == ()


def test_a_key_points_field_is_its_sentences() -> None:
    # Two paragraphs filed under the pandemic: one's key sentence is of exports, the other's of
    # vaccines. Of two fields, both are key points; read by their paragraphs' field, the second
    # would have to outweigh the first.
    from briefgen import assemble
    from briefgen.annotate.themes import load_taxonomy

    exports = "Năm 2031, kim ngạch xuất khẩu của đất nước đạt vượt mức kỷ lục, cán mốc 700 tỷ USD."
    vaccines = "Nhờ ngoại giao vaccine, Việt Nam đã tiếp nhận hơn 200 triệu liều vaccine phòng COVID-19 từ Nhật Bản."
    groups = [(replace(passage(source, text), themes=(("covid_health", 3.0),)), [])
              for source, text in (("a", exports), ("b", vaccines))]
    assert [g[0].source_id for g in assemble._key_points(groups, None, load_taxonomy())] == ["a", "b"]
    assert [g[0].source_id for g in assemble._key_points(groups, None)] == ["a"]


def test_a_meeting_named_bare_is_the_one_its_source_s_title_numbers() -> None:
    from briefgen import assemble

    numbered = passage("a", "Sáng 15-12, tại Hà Nội, Bộ Ngoại giao tổ chức Hội nghị Ngoại giao lần thứ 40.")
    bare = passage("b", "Hội nghị đã quán triệt sâu sắc đường lối đối ngoại của Đại hội và các chỉ đạo của lãnh đạo.")
    assert assemble._one_numbered_event(bare, numbered, {"b": "Hội nghị Ngoại giao lần thứ 40 tạo khí thế mới"})
    assert not assemble._one_numbered_event(bare, numbered, {"b": "Hội nghị Ngoại giao lần thứ 39 tạo khí thế mới"})
    assert not assemble._one_numbered_event(bare, numbered, {})


def test_a_review_of_the_year_may_give_several_key_points() -> None:
    # Three headlines from one source: a review of the pack's year lists the year's results,
    # any other source gives two at most unless the third is much stronger.
    from briefgen import assemble

    texts = ["Ngày 15/6/2031, Bộ Chính trị ban hành Kết luận số 99-KL/TW về công tác thông tin đối ngoại.",
             "Ngày 27/11/2031, Việt Nam và Na Uy đã chính thức nâng cấp quan hệ lên Đối tác Chiến lược toàn diện.",
             "Ngày 12/9/2031, Việt Nam lần đầu tiên ký kết Hiệp định thương mại tự do với Thụy Sĩ tại Bern."]
    groups = [(replace(passage("r", text), passage=n), []) for n, text in enumerate(texts, 1)]
    assert len(assemble._key_points(groups, None)) == 2
    assert len(assemble._key_points(groups, None, reviews=frozenset({"r"}))) == 3


def test_a_paragraph_of_no_field_that_tells_a_key_points_numbered_event_is_absorbed() -> None:
    from briefgen import assemble

    point = passage("a", "Sáng 15-12, tại Hà Nội, Bộ Ngoại giao tổ chức Hội nghị Ngoại giao lần thứ 40.")
    bare = passage("b", "Hội nghị đã quán triệt sâu sắc đường lối đối ngoại của Đại hội và các chỉ đạo của lãnh đạo.")
    themed = replace(bare, passage=2, themes=(("economic_diplomacy", 2.0),))
    keyed = assemble._keyed([(point, [])])
    titles = {"b": "Hội nghị Ngoại giao lần thứ 40 tạo khí thế mới"}
    kept = assemble._absorb_told([(bare, []), (themed, [])], [(point, [])], keyed, titles)
    assert [g[0].passage for g in kept] == [2]  # a paragraph of a field of its own stays in the body
    assert keyed.absorbed == {1: [bare]}  # the key point cites the other


def test_after_a_concession_the_news_is_the_clause_after_nhung() -> None:
    # what another side did to Viet Nam's boats, though Viet Nam's ship tried: the other's act
    seized = ("Mặc dù tàu kiểm ngư của Việt Nam đã đuổi theo để can thiệp, nhưng tàu của nước ngoài vẫn đưa 3 tàu cá "
              "của Việt Nam với 25 ngư dân đi.")
    freed = ("Mặc dù gặp nhiều khó khăn, nhưng Bộ Ngoại giao đã phối hợp đưa 3 tàu cá với 25 ngư dân về nước an "
             "toàn.")
    assert sentence_score(seized) < sentence_score(freed)
    # without a concession, a sentence naming Viet Nam as an owner still names who acted
    assert sentence_score("Tổ chức thành công Năm APEC, hoạt động đối ngoại đa phương của Việt Nam được nâng lên "
                          "tầm cao mới.") > sentence_score("Tổ chức thành công Năm APEC, hoạt động đối ngoại đa "
                                                           "phương được nâng lên tầm cao mới.")


def test_a_sources_lead_repeated_at_the_excerpts_cut_is_one_passage() -> None:
    lead = "Trong năm 2031, Bộ Ngoại giao đã bảo hộ 9.000 công dân, tuy nhiên cũng còn nhiều khó khăn, thách thức."
    cut = ("Quá trình hội nhập đã mở ra nhiều cơ hội đi lại cho công dân. Trong năm 2031, Bộ Ngoại giao đã bảo hộ "
           "9.000 công dân, tuy nhiên cũng còn nhiều khó khăn, thách th")
    first = passage("a", lead)
    second = replace(passage("a", cut), passage=2)
    assert len(merge_duplicates([first, second])) == 1
    # two items of one list that share most words stay two
    items = [replace(passage("a", f"Thứ {n}, tiếp tục đẩy mạnh hợp tác với các nước {region} trong năm 2031."),
                     passage=i) for i, (n, region) in enumerate((("nhất", "châu Phi"), ("hai", "Trung Đông")))]
    assert len(merge_duplicates(items)) == 2


def test_a_boats_number_is_no_partner_and_two_tellings_of_one_seizure_are_one_event() -> None:
    assert partners("2 tàu cá mang số hiệu QB9921TS và QB 87654 TS bị phía Malaysia bắt giữ") == {"malaysia"}
    assert partners("Tàu kiểm ngư KN468 đã có mặt") == set()
    assert partners("Năm APEC 2017, Hội nghị G20 và COP28") == {"APEC", "G20", "COP28"}
    one = passage("a", "Ngày 12/4, 2 tàu cá mang số hiệu QB9921TS, với 15 ngư dân, và QB87654TS, với 10 ngư dân, đã bị "
                       "phía Malaysia bắt giữ khi đang đánh cá; Bộ Ngoại giao đã đề nghị phía Malaysia trao trả.")
    other = passage("b", "Người phát ngôn Bộ Ngoại giao thông tin về việc tàu cá QB 9921 TS với 15 ngư dân và QB 87654 "
                         "TS với 10 ngư dân bị lực lượng Malaysia bắt giữ hôm 12/4 khi đang đánh cá.")
    assert len(merge_duplicates([one, other])) == 1


def test_the_outlets_own_reporting_is_no_result() -> None:
    asked = ("Ngày 20/3, báo đã đề nghị Người phát ngôn Bộ Ngoại giao cho biết các biện pháp bảo hộ 12 ngư dân "
             "đã được Đại sứ quán Việt Nam tại Malaysia tiến hành.")
    letter = ("Ngày 20/3, tòa soạn nhận được đơn gửi Bộ Ngoại giao xin bảo hộ 12 ngư dân bị Malaysia bắt giữ từ chủ "
              "một tàu cá tại Khánh Hòa.")
    done = ("Ngày 20/3, Bộ Ngoại giao đã chỉ đạo Đại sứ quán Việt Nam tại Malaysia liên hệ với cơ quan chức năng sở "
            "tại để bảo hộ 12 ngư dân.")
    for reporting in (asked, letter):
        assert substance(reporting, passage("a", reporting)) < BODY_FLOOR <= substance(done, passage("a", done))
        assert sentence_score(reporting) < sentence_score(done)


def test_two_key_points_never_retell_one_thing() -> None:
    # A review's summary of the year names the directive that another source reports: the two
    # sentences write the directive's long name alike, so only the stronger is a key point.
    from briefgen import assemble

    directive = ("Ngày 8/8/2031, Ban Bí thư đã ban hành Chỉ thị số 99-CT/TW về đẩy mạnh và nâng tầm đối ngoại song "
                 "phương đến năm 2040, lần đầu tiên có một văn kiện riêng về lĩnh vực này.")
    summary = ("Năm 2031, Ban Bí thư ban hành Chỉ thị về đẩy mạnh và nâng tầm đối ngoại song phương đến năm 2040 "
               "và Việt Nam tổ chức thành công nhiều hội nghị quốc tế quan trọng tại Hà Nội.")
    other = "Ngày 27/11/2031, Việt Nam và Na Uy đã chính thức nâng cấp quan hệ lên Đối tác Chiến lược toàn diện."
    assert assemble.retells(directive, summary)
    assert not assemble.retells(directive, other)
    # a long name or title in common is no retelling: it is said of many events
    assert not assemble.retells(
        "Ngày 1/1, Việt Nam trở thành Ủy viên không thường trực Hội đồng Bảo an Liên hợp quốc nhiệm kỳ mới.",
        "Năm 2031, Việt Nam hoàn thành vai trò Ủy viên không thường trực Hội đồng Bảo an Liên hợp quốc.")
    assert not assemble.retells("Phó Thủ tướng, Bộ trưởng Ngoại giao Lê Văn An đã hội đàm với Ngoại trưởng Na Uy.",
                                "Phó Thủ tướng, Bộ trưởng Ngoại giao Lê Văn An đã tiếp Đại sứ Pháp tại Hà Nội.")
    groups = [(passage(source, text), []) for source, text in (("a", directive), ("b", summary), ("c", other))]
    assert sorted(g[0].source_id for g in assemble._key_points(groups, None)) == ["a", "c"]


def test_two_tellings_of_one_summit_are_one_key_point() -> None:
    # One source reports that Viet Nam hosted the summit, another the work behind it: neither
    # writes a date, both name the summit by who met ("thượng đỉnh Na Uy-Phần Lan"). One point.
    from briefgen import assemble
    from briefgen.assemble.rank import named_summits, same_summit

    hosted = ("Vừa qua, Bộ Ngoại giao đã phối hợp tổ chức thành công Hội nghị Thượng đỉnh Na Uy-Phần Lan lần 2 "
              "tại Hà Nội, được quốc tế đánh giá cao.")
    behind = ("Chia sẻ về 10 ngày chuẩn bị cho thượng đỉnh Na Uy-Phần Lan, người phát ngôn Bộ Ngoại giao Việt Nam "
              "cho biết các đơn vị đã làm việc cả ngày lẫn đêm để đón tiếp các phái đoàn.")
    other = "Ngày 27/11/2031, Việt Nam và Thụy Sĩ đã chính thức nâng cấp quan hệ lên Đối tác Chiến lược toàn diện."
    assert named_summits(hosted) == ((("na", "uy-phan", "lan"), "2"),)
    assert same_summit(hosted, behind)
    assert same_summit(hosted, "hội nghị thượng đỉnh Na Uy-Phần Lan Mở rộng lần 2 đã bế mạc")  # its name said longer
    groups = [(passage(source, text), []) for source, text in (("a", hosted), ("b", behind), ("c", other))]
    assert sorted(g[0].source_id for g in assemble._key_points(groups, None)) == ["a", "c"]
    # two summits of one series, each with its ordinal, are two; so are two with other names, and
    # the leaders of a country are no summit ("lãnh đạo cấp cao Việt Nam")
    assert not same_summit("Hội nghị Cấp cao ASEAN lần thứ 57 khai mạc tại Hà Nội.",
                           "Hội nghị Cấp cao ASEAN lần thứ 58 bế mạc tại Hà Nội.")
    assert not same_summit(hosted, "Hội nghị Thượng đỉnh Mê-hi-cô - Chi-lê lần 2 đã diễn ra tại Hà Nội.")
    assert not same_summit("Lãnh đạo cấp cao Việt Nam đã thăm Na Uy.", "Lãnh đạo cấp cao Việt Nam đã thăm Chi-lê.")
    # a word after the head that is no name, a name that names no one, a place
    assert named_summits("Hội nghị cấp cao đã thông qua Tuyên bố chung về hợp tác.") == ()
    assert named_summits("Hội nghị Thượng đỉnh Kinh doanh và Đầu tư diễn ra bên lề.") == ()
    assert named_summits("Thượng đỉnh ở Hà Nội đã kết thúc sớm.") == ()
    # ordinals spelt, as a year or a Roman numeral
    assert named_summits("hội nghị thượng đỉnh Na Uy-Phần Lan lần thứ hai") == ((("na", "uy-phan", "lan"), "2"),)
    assert not same_summit("Hội nghị thượng đỉnh Na Uy-Phần Lan lần thứ nhất tại Oslo.",
                           "Hội nghị thượng đỉnh Na Uy-Phần Lan lần thứ hai tại Hà Nội.")
    assert not same_summit("Hội nghị Cấp cao APEC 2027 tại Đà Nẵng.", "Hội nghị Cấp cao APEC 2030 trực tuyến.")
    assert same_summit("Hội nghị Cấp cao ASEAN XXXVI khai mạc.", "Hội nghị Cấp cao ASEAN lần thứ 36 bế mạc.")
    # a name said bare is the numbered one only when the series met once
    assert same_summit("Hội nghị Cấp cao ASEAN đã bế mạc.", "Hội nghị Cấp cao ASEAN lần thứ 57 khai mạc.")
    assert not same_summit("Hội nghị Cấp cao ASEAN đã bế mạc.", "Hội nghị Cấp cao ASEAN lần thứ 57 khai mạc.",
                           numbered=lambda names: 2)


def test_praise_of_results_and_a_gathering_are_no_headlines() -> None:
    # "X đánh giá cao và biểu dương những thành tựu …" praises what was done without telling it;
    # a speech at a gathering ("buổi gặp mặt") is the gathering's procedure. Each loses enough that
    # its passage's weight (themes, a figure) no longer lifts it to the key points' floor.
    event = "Ngày 12/3, Việt Nam và Ca-na-đa đã ký kết Hiệp định hợp tác về đào tạo nghề tại Ottawa."
    for weak in (
        "Bộ trưởng Lê Văn An đánh giá cao và biểu dương những thành tựu, kết quả đạt được trong năm của Vụ Lễ tân, "
        "góp phần rất quan trọng vào việc thực hiện các mục tiêu đối ngoại.",
        "Phát biểu tại buổi gặp mặt, Thứ trưởng Lê Văn An cho biết: Trong khó khăn, cộng đồng người Việt Nam ở "
        "Na Uy đã đoàn kết giúp đỡ nhau.",
    ):
        assert sentence_score(weak) < POINT_FLOOR - 2, weak
    assert sentence_score(event) > POINT_FLOOR
    # what two leaders agreed at a meeting is no gathering's procedure
    assert sentence_score("Tại buổi gặp mặt với Tổng thống Na Uy, Thủ tướng Lê Văn An và Tổng thống nhất trí nâng "
                          "cấp quan hệ lên Đối tác Chiến lược toàn diện.") >= POINT_FLOOR



def test_a_statement_said_again_in_its_report_is_cited_by_the_key_point_not_printed() -> None:
    # A spokesperson's statement leads the report (the key point quotes it) and its last
    # paragraph says it again: one sentence, no date, the same speaker and partner. The body
    # leaves it out and the key point cites it; a paragraph that adds a day, a second sentence,
    # or names someone else is printed.
    from briefgen import assemble

    lead = replace(passage("r", "Ngày 26/8/2031, Người Phát ngôn Bộ Ngoại giao Lê Văn An nêu rõ việc Na Uy tập trận "
                                "ở khu vực quần đảo Hoàng Sa đã vi phạm chủ quyền của Việt Nam.",
                           people=("Lê Văn An",)), passage=1)
    again = replace(passage("r", "Trả lời câu hỏi về việc Na Uy tập trận, ông Lê Văn An nhấn mạnh Việt Nam yêu cầu "
                                 "Na Uy tôn trọng chủ quyền của Việt Nam, không tái diễn vi phạm tương tự.",
                            people=("Lê Văn An",)), passage=2)
    more = replace(again, passage=3,
                   text=again.text + " Ông cũng cho biết Bộ Ngoại giao sẽ trao công hàm cho phía Na Uy.")
    dated = replace(again, passage=4, text="Ngày 28/8, ông Lê Văn An nhấn mạnh Việt Nam yêu cầu Na Uy rút tàu khỏi "
                                           "vùng biển của Việt Nam.")
    other = replace(again, passage=5, people=(Person(name="Trần Thị Bình", title=None),))
    # the same speaker and partner saying something else is no restatement
    asks = replace(again, passage=6, text="Ông Lê Văn An đề nghị Na Uy sớm mở cửa thị trường cho quả bưởi và thanh "
                                          "long, đồng thời tăng viện trợ cho các dự án hạ tầng.")
    keyed = assemble._keyed([(lead, [])])
    assert keyed.restated(again) == 1
    assert [keyed.restated(p) for p in (more, dated, other, asks, replace(again, source_id="s"))] == [None] * 5
    shown = assemble._items([(p, []) for p in (again, more, dated)], assemble._Citer({}), keyed=keyed, year=2031)
    assert [i.passage for i in shown] == [3, 4]
    assert keyed.absorbed[1] == [again]


def test_an_occasion_named_bare_leans_on_the_sentence_that_named_it() -> None:
    # "Trong chuyến thăm, …" and "Tại Hội nghị, …" say which visit or meeting only in the sentence
    # before: the key point is that sentence. One that names the occasion stands alone.
    visit = ("Nhận lời mời của Tổng thống Phần Lan, Chủ tịch nước Lê Văn An thăm hữu nghị chính thức Phần Lan từ "
             "ngày 24 đến ngày 25/2.")
    for bare in ("Trong chuyến thăm, Chủ tịch nước đã hội đàm với Tổng thống Phần Lan và ký kết ba hiệp định "
                 "hợp tác về giáo dục.",
                 "Tại Hội nghị, Thủ tướng Lê Văn An đã ký kết Hiệp định thương mại tự do với Phần Lan và Na Uy."):
        assert key_sentence(passage("a", f"{visit} {bare}")) == visit
    named = "Trong chuyến thăm Phần Lan, Chủ tịch nước đã ký kết ba hiệp định hợp tác về giáo dục và năng lượng."
    assert key_sentence(passage("a", named)) == named
    # opening its paragraph, the occasion is the one its heading or title names: the sentence stands
    alone = "Trong chuyến thăm, hai bên đã ký kết 12 văn kiện hợp tác, trong đó có Hiệp định thương mại tự do."
    assert key_sentence(passage("a", alone)) == alone
    assert sentence_score(alone) == sentence_score(alone.replace("Trong chuyến thăm, h", "H"))
