"""The rules of a passage's kind and years (annotate/passages.py, data/cues.toml [passage]) on
sentences made up for the test: each cue class, the first marker of aspect or modality
deciding, and dating from the passage's own evidence."""

from __future__ import annotations

import pytest

from briefgen.annotate.passages import classify, passage_years, sentence_kind
from briefgen.model import Metadata, Passage
from briefgen.text import day_months, fold, relative_years, year_of_day


@pytest.mark.parametrize(("sentence", "kind"), [
    # perfective aspect: what was done
    ("Đoàn công tác đã gặp gỡ đại diện cộng đồng tại thủ đô nước bạn.", "result"),
    # "không chỉ …" is "not only", no prohibition; "Không để …" forbids
    ("Không chỉ dừng lại ở mức cũ, tháng 3 vừa qua hai nước đã nâng cấp quan hệ lên tầm cao mới.", "result"),
    ("Không để xảy ra tình trạng công dân gặp nạn mà không được hỗ trợ kịp thời.", "task"),
    # reported speech: a statement made, even with directive words in it
    ("Người phát ngôn cho biết Bộ đang đề nghị phía bạn trao trả các thuyền viên.", "result"),
    ("Bộ trưởng phát biểu chỉ đạo tại lễ khai trương văn phòng mới.", "result"),
    ("Cơ quan đã chỉ đạo Tổng lãnh sự quán liên hệ với nhà chức trách sở tại.", "result"),
    # … unless what it reports is an obligation, or it opens on a plan
    ("Thứ trưởng nhấn mạnh, các đơn vị cần chủ động nắm bắt tình hình.", "task"),
    ("Chủ tịch tỉnh nhấn mạnh: nhiệm vụ hàng đầu là thu hút đầu tư.", "task"),
    # the tasks spelled out after what set them are tasks; a meeting that only named them set them
    ("Kết luận của Hội đồng vừa qua đã nêu rõ nhiệm vụ tăng cường hợp tác với các tỉnh bạn.", "task"),
    ("Hội nghị đã đề ra các mục tiêu: nâng cao chất lượng đào tạo cán bộ.", "task"),
    # speaking at a meeting is an act, not attendance
    ("Ông Nguyễn Văn B, Phó Chủ tịch tỉnh, đã dự và phát biểu chỉ đạo Hội nghị.", "result"),
    ("Hội nghị đã rà soát tình hình; đề ra những nhiệm vụ trọng tâm của năm sau.", "result"),
    ("Sở đã hoàn thành nhiệm vụ đón đoàn đại biểu nước bạn.", "result"),
    # directing, modal and future: what is to be done
    ("Lãnh đạo Bộ yêu cầu các phòng hoàn thiện báo cáo trước tháng sau.", "task"),
    ("Các cơ quan đại diện cần tăng cường theo dõi tình hình.", "task"),
    ("Hội chợ sẽ khai mạc vào cuối tuần.", "task"),
    ("Dự báo lượng khách quốc tế tiếp tục tăng.", "task"),
    # an instruction or list item that opens with its verb
    ("Tăng cường công tác thông tin đối ngoại ở các địa bàn trọng điểm.", "task"),
    ("- Rà soát danh sách lao động đang ở vùng có xung đột.", "task"),
    # completion and events, when no stronger marker is found
    ("Sáng 12/3, Sở Ngoại vụ tổ chức buổi gặp mặt các doanh nghiệp.", "result"),
    ("Hai bên ký kết bản ghi nhớ hợp tác về giáo dục.", "result"),
    # the setting: attendance, the world situation, standing facts, definitions, questions
    ("Cùng dự buổi lễ có đại diện các sở, ngành của tỉnh.", "context"),
    ("Ông Trần Văn A, Phó Chủ tịch tỉnh, đã tới dự và chỉ đạo buổi lễ.", "context"),
    ("Năm qua, tình hình quốc tế có nhiều biến động khó lường.", "context"),
    ("Hiện nay, có khoảng 20.000 sinh viên đang học tập tại nước này.", "context"),
    ("Diễn đàn là cơ chế đối thoại của các nước trong khu vực.", "context"),
    ("Xin ông cho biết những điểm nổi bật của năm?", "context"),
    # words that hold a cue's syllable but not its sense
    ("Công dân có thể gọi đường dây nóng khi cần thiết.", "context"),  # a possibility, no task
    ("Sinh viên gọi đường dây nóng khi cần thiết.", None),
    ("Ngành du lịch phải đối mặt với nhiều khó khăn.", None),
    # a statement whose content is the situation or a standing fact is the setting
    ("Bộ trưởng nhấn mạnh, tình hình khu vực còn nhiều điểm nóng.", "context"),
    ("Giám đốc Sở cho biết: hiện nay tỉnh có khoảng 3.000 lao động ở nước ngoài.", "context"),
    # the world's upheaval as the main clause's news, not inside a phrase of circumstance
    ("Năm qua chứng kiến nhiều biến động khó lường của kinh tế toàn cầu.", "context"),
    ("Trong bối cảnh thế giới nhiều biến động, phức tạp, ngành đã hoàn thành các nhiệm vụ.", "result"),
    ("Dù hợp tác vẫn là xu thế chính, nhưng thế giới vẫn phải đối mặt với nhiều rủi ro.", "context"),
    # a result whose subject is the world at large, with no word of Viet Nam, is the situation
    ("Kiều hối đổ về các nước đang phát triển đã tăng mạnh trong năm.", "context"),
    ("Các nước đã đánh giá cao vai trò của Việt Nam.", "result"),
    ("Ngân hàng nhận định, bất chấp dự báo, dòng vốn đổ về các nước đã phục hồi.", "context"),
    # a meeting as the subject tells what it did, unless what follows is to come
    ("Hội nghị tập trung thảo luận các nhiệm vụ trọng tâm của những năm tới.", "result"),
    ("Với ba phiên họp, các đại biểu đánh giá tình hình và định hướng thời gian tới.", "result"),
    ("Hội nghị sẽ diễn ra trong hai ngày.", "task"),
    # a verb of doing followed by its completion: done, not an instruction
    ("Tổ chức thành công chuỗi sự kiện kỷ niệm quan hệ hai nước.", "result"),
    # a statement named by a copula
    ("Đó là nhận định của một chuyên gia kinh tế tại hội thảo.", "result"),
    # the editor presenting a text
    ("Tòa soạn trân trọng giới thiệu nội dung cuộc phỏng vấn.", "context"),
    # an outlet's tag before the lead does not hide its head
    ("(ABC) - Tỉnh hiện có khoảng 3.000 người đang làm việc ở nước ngoài.", "context"),
    # a plain statement of what happened on a day
    ("Tàu khảo sát rời khu vực sáng 24/10 dưới sự hộ tống của hai tàu khác.", "result"),
    # a possibility is the setting; "có thể thấy" only opens what one sees
    ("Người lao động có thể liên hệ đường dây nóng của cơ quan đại diện.", "context"),
    ("Có thể thấy, hai bên đã ký kết nhiều văn kiện quan trọng.", "result"),
    # what something means, at no date, is a standing assessment
    ("Việc thực hiện chương trình có ý nghĩa quan trọng đối với tỉnh.", "context"),
    # an opportunity is the setting too; how something keeps growing, with nothing reached
    ("Với cương vị mới, tỉnh có nhiều cơ hội để mở rộng hợp tác với các đối tác.", "context"),
    ("Cộng đồng doanh nghiệp ngày càng gắn bó với thị trường này.", "context"),
    ("Quan hệ hai nước ngày càng được nâng tầm và đạt nhiều bước phát triển mới.", "result"),
    # a forecast of a figure is the setting, no task; a forecast of what will be done stays one
    ("Trước đó, ngân hàng dự báo lượng vốn năm nay đạt 15,7 tỷ USD.", "context"),
    ("Dự kiến, hội chợ sẽ thu hút nhiều doanh nghiệp tham gia.", "task"),
    # a sentence that introduces a list: of results, of tasks, of anything else
    ("Những kết quả nổi bật của năm là:", "result"),
    ("Các giải pháp chủ yếu gồm:", "task"),
    ("Chính sách được thể hiện trên một số vấn đề cơ bản sau:", "context"),
    # a directive's numbered point: the one addressed, a dash, the verb
    ("Bộ Y tế - Xây dựng phương án hỗ trợ người lao động trở về.", "task"),
    # a copula naming something, in a sentence that gives the day of what it tells
    ("Tàu X, tên quốc tế là Y, đi vào vùng biển này ngày 3/7.", "result"),
    # ships "có mặt" are present, not attending
    ("Đã có tới 80 tàu có mặt tại khu vực này.", "result"),
    # a linking word does not hide the clause's head
    ("Có lẽ vì thế mà tình hình khu vực vẫn còn nhiều điểm nóng.", "context"),
    # a quoted title is a name: its words are not the statement's content
    ("Người phát ngôn cho biết, thực hiện công điện về việc “bảo hộ công dân và một số vấn đề cần lưu ý”, "
     "các cơ quan đã hỗ trợ hàng trăm người.", "result"),
    # how many people live somewhere is the community's standing size, the setting of the news …
    ("Trước khi xảy ra xung đột, có khoảng 9.000 người Việt Nam sinh sống, làm việc và học tập tại Na Uy.",
     "context"),
    ("Tỉnh hiện có khoảng 40.000 người đang học tập, công tác và làm việc ở nước ngoài.", "context"),
    # … and a count of what was done is a result
    ("Trong tháng 3, có 12 chuyến bay được thực hiện để đưa công dân Việt Nam về nước.", "result"),
])
def test_sentence_kind(sentence: str, kind: str | None) -> None:
    assert sentence_kind(sentence) == kind


def test_a_passage_takes_the_kind_most_of_its_sentences_have() -> None:
    text = ("Chiều 5/6, đoàn đã làm việc với chính quyền địa phương. Hai bên đã trao đổi về hợp tác lao động. "
            "Thời gian tới, hai bên sẽ mở rộng trao đổi.")
    assert classify(text, None, None) == "result"
    text = "Năm tới, các cơ quan cần chú trọng việc đào tạo. Đoàn đã thăm trường. Các đơn vị phải báo cáo đầy đủ."
    assert classify(text, None, None) == "task"
    assert classify("Phối hợp chặt chẽ với các địa phương.", None, "task") == "task"  # the next item of a list
    # a passage that says nothing of its own kind continues the report it is in
    assert classify("Công tác này chuyển mạnh sang một giai đoạn mới.", None, "result") == "result"
    assert classify("Công tác này chuyển mạnh sang một giai đoạn mới.", None, "context") == "context"
    # a list item that says nothing of its own kind continues the list it is in
    assert classify("Thứ hai, quan hệ với các đối tác lớn.", None, "result") == "result"
    assert classify("Thứ hai, quan hệ với các đối tác lớn.", None, None) == "context"
    # a short quotation is a term: "tham dự" there names no one attending
    assert sentence_kind("Công tác này chuyển từ “tham dự” sang “chủ động tham gia” các cơ chế.") != "context"


def test_relative_years_and_days() -> None:
    assert relative_years("Trong năm qua, công tác lãnh sự có nhiều đổi mới") == [("reviewed", 0)]
    assert relative_years("Năm tới, ngành sẽ tập trung vào đào tạo") == [("reviewed", 1)]
    assert relative_years("So với năm ngoái, số đoàn tăng") == [("now", -1)]
    # a span of years to now names no one year
    assert relative_years("Trong 5 năm qua, công tác lãnh sự có nhiều đổi mới") == []
    assert relative_years("Trong những năm qua, công tác lãnh sự có nhiều đổi mới") == []
    # the country's name is not the year: "Việt Nam trước việc …", "Việt Nam qua các thời kỳ"
    assert relative_years("Phản ứng của Việt Nam trước việc tàu nước ngoài vào vùng biển") == []
    assert relative_years("Ngoại giao Việt Nam qua các thời kỳ lịch sử") == []
    days = day_months(fold("Sáng 14/10, tại trụ sở, Sở đã tiếp đoàn; ngày 2/11/2019 đoàn về nước"))
    assert [(d.day, d.month) for d in days] == [(14, 10)]
    assert year_of_day(12, 2021, 1) == 2020 and year_of_day(1, 2021, 1) == 2021


def _passage(text: str, kind: str) -> Passage:
    return Passage(source_id="x", passage=1, heading=None, start=0, end=len(text), text=text, kind=kind)


def test_passage_years_from_its_own_evidence() -> None:
    meta = Metadata(published="2021-06-10", year_reviewed=2021, year_tasks=2022)
    # an explicit date beats the source's year
    assert passage_years(_passage("Từ ngày 3/3/2020, đoàn đã hỗ trợ công dân về nước.", "result"), meta) == (2020,)
    # a year that is only the base of a comparison is not a year the passage is about
    assert passage_years(_passage("Năm 2021, kim ngạch đạt 10 tỷ USD, tăng 5% so với năm 2020.", "result"),
                         meta) == (2021,)
    # relative words resolved against the source: "năm tới" in a task is the year after
    assert passage_years(_passage("Năm tới, các đơn vị cần đẩy mạnh đào tạo.", "task"), meta) == (2022,)
    # a day with no year: the year of the source's date
    assert passage_years(_passage("Chiều 2/5, Sở đã tiếp đoàn doanh nghiệp.", "result"), meta) == (2021,)
    # … in a January review of the year before too: the conference is an event of its own day,
    # and the year it reviews is added where the passage writes it
    review = Metadata(published="2021-01-12", year_reviewed=2020, year_tasks=2021)
    assert passage_years(_passage("Sáng 11/1, Sở đã tổ chức hội nghị tổng kết.", "result"), review) == (2021,)
    assert passage_years(_passage("Sáng 11/1, Sở đã tổ chức hội nghị tổng kết năm 2020.", "result"),
                         review) == (2020, 2021)
    # in a result, the year of the tasks a meeting set is not a year of its events
    december = Metadata(published="2021-12-30", year_reviewed=2021, year_tasks=2022)
    assert passage_years(_passage("Chiều 29/12, Bộ đã tổ chức hội nghị tổng kết năm 2021 và triển khai nhiệm vụ "
                                  "năm 2022.", "result"), december) == (2021,)
    # a task of a source that reviews no year (a dispatch, an advisory) is for the source's date
    dispatch = Metadata(published="2022-02-27", year_reviewed=2022)
    assert passage_years(_passage("- Chỉ đạo các cơ quan đại diện lập danh sách công dân.", "task"),
                         dispatch) == (2022,)
    # the setting with no year of its own is of the source's date; a standing fact is of none
    assert passage_years(_passage("Cùng dự có đại diện các sở, ngành.", "context"), review) == (2021,)
    assert passage_years(_passage("Hiện nay, có khoảng 20.000 sinh viên đang học tập tại nước này.", "context"),
                         review) == ()
    # a passage with several years gets each of them
    assert passage_years(_passage("Năm 2019 đoàn đã thăm Lào. Tháng 3/2020, đoàn đã thăm Campuchia.", "result"),
                         meta) == (2019, 2020)
    # the start of a span of dates is background: an anniversary's founding date
    assert passage_years(_passage("Tối 11/9, Đại sứ quán đã tổ chức lễ kỷ niệm 75 năm Quốc khánh "
                                  "(2/9/1945-2/9/2020).", "result"), meta) == (2020,)
    # a year named relative to the text as a comparison's base is not one the passage is about
    assert passage_years(_passage("Sang tháng 7, xuất khẩu đã tăng 65% so với cùng kỳ năm trước.", "result"),
                         meta) == (2021,)
    # a year after "sau năm" is a horizon
    assert passage_years(_passage("Các kế hoạch cho Cộng đồng sau năm 2025 đã được đề xuất năm 2021.", "result"),
                         meta) == (2021,)
    # the source's year only as the fallback
    assert passage_years(_passage("Đoàn đã thăm nhiều địa phương.", "result"), meta) == (2021,)
    # … and what the source's own meeting did is of the meeting's date, not of the year it reviews;
    # a meeting of another name is no such evidence
    assert passage_years(_passage("Lãnh đạo Bộ đã dự và phát biểu chỉ đạo Hội nghị.", "result"), review) == (2021,)
    assert passage_years(_passage("Tại Hội nghị, các đại biểu đã thảo luận sôi nổi.", "result"), review) == (2021,)
    assert passage_years(_passage("Đoàn đã tham gia Hội nghị Cấp cao khu vực.", "result"), review) == (2020,)


def test_passage_years_from_spans_terms_reports_and_the_turn_of_the_year() -> None:
    undated = Metadata(year_reviewed=2016, year_tasks=2017)
    # a meeting that reviews N and sets N+1's tasks: a January day is of N+1, a December one of N,
    # whatever date the page shows (a crawl-date widget)
    widget = Metadata(published="2021-05-11", year_reviewed=2016, year_tasks=2017)
    text = "Ngày 18-1, Hội đã tổ chức hội nghị tổng kết công tác năm 2016 và đề ra phương hướng năm 2017."
    assert passage_years(_passage(text, "result"), widget) == (2016, 2017)
    assert passage_years(_passage(text.replace("18-1", "28-12"), "result"), undated) == (2016,)
    # a time from a year to now spans its years; "những năm qua" names no one year
    meta = Metadata(published="2021-11-20", year_reviewed=2021)
    assert passage_years(_passage("Nhìn lại chặng đường năm 2018 đến nay, tình hình khu vực chuyển biến "
                                  "nhanh.", "context"), meta) == (2018, 2019, 2020, 2021)
    january = Metadata(published="2022-01-10", year_reviewed=2021)
    assert passage_years(_passage("Trong năm qua, quan hệ hai nước phát triển tốt đẹp.", "context"),
                         january) == (2021,)
    assert passage_years(_passage("Trong những năm qua, quan hệ hai nước phát triển tốt đẹp.", "context"),
                         january) == (2022,)  # the fallback: the source's date
    # the date a cited report came out dates the report, not its figures
    assert passage_years(_passage("Trong năm 2020, kiều hối tăng 3%, theo báo cáo của tổ chức X công bố trong "
                                  "tháng 5/2021.", "result"), meta) == (2020,)
    # a whole date says when; a name's year beside it ("Năm APEC 2017") does not
    assert passage_years(_passage("Ngày 20-11-2016, Chủ tịch nước tuyên bố Việt Nam đăng cai Năm APEC 2017.",
                                  "result"), undated) == (2016,)
    # the years of a result passage's background sentences are not its own
    assert passage_years(_passage("Tuần lễ Cấp cao APEC 2017 đã kết thúc thành công. Việc đăng cai được quyết "
                                  "định từ năm 2012, khi tình hình thế giới còn nhiều biến động.", "result"),
                         undated) == (2017,)


@pytest.mark.parametrize(("sentence", "kind"), [
    # a meeting attended: who took part is the setting
    ("Hội thảo có sự tham gia của nhiều chuyên gia trong nước và quốc tế.", "context"),
    # "thăm dò" is exploring, no visit
    ("Nơi đây có một giàn khoan của công ty nước ngoài đang khoan thăm dò.", None),
    # what the world saw is the situation; a ceremony witnessed is a result
    ("Năm qua, chúng ta chứng kiến nhiều sự kiện quốc tế đáng chú ý.", "context"),
    ("Hai Thủ tướng chứng kiến lễ ký kết các văn kiện hợp tác.", "result"),
])
def test_sentence_kind_of_settings(sentence: str, kind: str | None) -> None:
    assert sentence_kind(sentence) == kind


def test_a_passage_that_says_nothing_continues_the_report_of_its_section() -> None:
    assert classify("Chính nhờ vậy, trong gần hai năm", "Dấu ấn của năm", "result", "Dấu ấn của năm") == "result"
    assert classify("Chính nhờ vậy, trong gần hai năm", "Dấu ấn của năm", "result", None) == "context"


def test_a_directive_that_introduces_its_list_is_the_act_of_directing() -> None:
    assert sentence_kind("Trước diễn biến đó, Bộ Ngoại giao khuyến cáo công dân đang ở nước này như sau:") == "result"
    assert sentence_kind("Bộ Ngoại giao khuyến cáo công dân không đến khu vực này.") == "task"
    assert sentence_kind("Đề nghị các cơ quan thực hiện như sau:") == "task"


def test_what_is_timeless_and_what_is_of_its_day() -> None:
    meta = Metadata(published="2025-09-11", year_reviewed=2025)
    # what anyone can do, at no date, is a standing fact …
    assert passage_years(_passage("Theo đó, công dân gặp khó khăn có thể liên hệ tổng đài bảo hộ công dân.",
                                  "context"), meta) == ()
    # … and so is a body's figure "hiện nay"; a person's view or a report's figures are of their day
    assert passage_years(_passage("Theo Ủy ban X, hiện nay có khoảng 6 triệu người sinh sống ở nước ngoài.",
                                  "context"), meta) == ()
    assert passage_years(_passage("Theo PGS-TS Nguyễn Văn A, hiện nay di cư quốc tế đang gia tăng mạnh.",
                                  "context"), meta) == (2025,)
    assert passage_years(_passage("Theo báo cáo, hiện nay Việt Nam có quan hệ ngoại giao với 190 nước.",
                                  "context"), meta) == (2025,)
    assert passage_years(_passage("Các chuyên gia nhận định vùng biển này là một điểm nóng.", "context"),
                         meta) == (2025,)
    # the history a passage of context tells counts its years ("khởi động từ năm 2018")
    assert passage_years(_passage("Năm 2020, Việt Nam giữ nhiều trọng trách; việc chuẩn bị được khởi động từ "
                                  "năm 2018.", "context"), meta) == (2018, 2020)


def test_framing_repetition_and_the_items_of_an_explanation() -> None:
    # what a year was frames the report of it: it is not a definition
    assert sentence_kind("Năm 2023 là năm giữa nhiệm kỳ thực hiện Nghị quyết Đại hội.") == "result"
    assert sentence_kind("APEC là diễn đàn hợp tác kinh tế khu vực.") == "context"
    assert sentence_kind("Một là, APEC là diễn đàn hợp tác kinh tế khu vực.") == "context"
    # "Một là, …" is "First, …": no copula
    assert sentence_kind("Một là, hội nhập góp phần vào bảo vệ chủ quyền.") == "result"
    # what was done again and again, at no date and of nothing the story names, is the background
    assert sentence_kind("Việt Nam đã nhiều lần phản đối các hoạt động trái phép ở hai quần đảo.") == "context"
    assert sentence_kind("Việt Nam đã nhiều lần yêu cầu tàu khảo sát này rời khỏi vùng biển.") == "result"
    assert sentence_kind("Ngày 3/7, Việt Nam đã nhiều lần liên lạc với phía bạn.") == "result"
    # an item with no marker of its own is what its introduction says the list is
    intro = "Vai trò đó thể hiện trên hai mặt chủ yếu:"
    assert classify("Một là, hội nhập góp phần vào bảo vệ chủ quyền.", None, "task", None, intro) == "context"
    assert classify("Một là, hội nhập góp phần vào bảo vệ chủ quyền.", None, "task", None, None) == "result"
    assert classify("Một là, Việt Nam đã ký ba hiệp định.", None, "task", None, intro) == "result"


@pytest.mark.parametrize(("sentence", "kind"), [
    # what was said before, as a comparison, is not the sentence's main clause
    ("Đúng như lời Bác Hồ đã căn dặn: “Đoàn kết là sức mạnh.”", None),
    ("Như lời Bộ trưởng đã nói, năm qua ngành đã đạt nhiều kết quả.", "result"),
    # "is shown by" is no completion
    ("Điều này được thể hiện qua các cuộc tập trận chung.", None),
    # what a report finds "hiện nay" was reached; a standing fact told plainly is the setting
    ("Theo báo cáo, hiện nay Việt Nam có quan hệ ngoại giao với 190 nước.", None),
    ("Hiện nay Việt Nam có quan hệ ngoại giao với 190 nước.", "context"),
    # the setting a debate took place in, and difficulties faced, are the situation …
    ("Cuộc thảo luận diễn ra trong bối cảnh hai nước chuẩn bị cho chuyến thăm cấp cao.", "context"),
    ("Trong năm qua, khu vực đã đối diện với nhiều khó khăn, trở ngại.", "context"),
    # … unless what was done of them follows
    ("Năm qua, ngành đã đối mặt với nhiều thách thức nhưng vẫn đạt được kết quả quan trọng.", "result"),
])
def test_sentence_kind_of_comparisons_reports_and_difficulties(sentence: str, kind: str | None) -> None:
    assert sentence_kind(sentence) == kind


def test_a_meetings_report_is_of_the_meetings_date() -> None:
    # a January report of a meeting that reviews five years of a directive, in a source that
    # also mentions the year before
    meta = Metadata(published="2024-01-25", year_reviewed=2023, year_tasks=2024)
    for text in ("Phát biểu khai mạc, Bộ trưởng khẳng định, Chỉ thị là bước đột phá của công tác đa phương.",
                 "Bộ trưởng cho rằng, trong hơn 5 năm triển khai, Chỉ thị đã góp phần mang lại nhiều thành quả.",
                 "Tại Hội nghị, các đại biểu đã rà soát tình hình triển khai Chỉ thị trong 5 năm qua."):
        assert passage_years(_passage(text, "result"), meta) == (2024,), text
    # what it says of a year it names is of that year; a report of no meeting keeps the fallback
    assert passage_years(_passage("Phát biểu khai mạc, Bộ trưởng cho biết năm 2023 ngành đã đạt nhiều kết quả.",
                                  "result"), meta) == (2023,)
    assert passage_years(_passage("Ngành đã đạt nhiều kết quả quan trọng.", "result"), meta) == (2023,)


def test_the_source_s_own_meeting_named_bare() -> None:
    from briefgen.annotate.passages import tells_own_meeting

    for text in ("Hội nghị đã quán triệt sâu sắc đường lối đối ngoại.", "Tại Hội nghị, các đại biểu đã thảo luận.",
                 "Hội nghị cũng lắng nghe nhiều ý kiến.", "Phát biểu khai mạc, Bộ trưởng khẳng định …"):
        assert tells_own_meeting(text), text
    for text in ("Đoàn dự Hội nghị Cấp cao ASEAN lần thứ 37.", "Hội nghị Đối ngoại toàn quốc đã diễn ra.",
                 "Thủ tướng dự Đại hội đồng Liên hợp quốc khóa 78.", "Hội nghị lần thứ 31 đã thành công.",
                 "Thủ tướng dự Hội nghị cấp cao ASEAN - Nhật Bản.", "Hội nghị thượng đỉnh G20 đã khai mạc."):
        assert not tells_own_meeting(text), text


def test_the_reviewers_counter_examples() -> None:
    from briefgen.annotate.years import year_mentions

    # the items of an advisory are what it directs
    intro = "Bộ Ngoại giao khuyến cáo công dân đang ở nước này như sau:"
    assert classify("- Hạn chế ra ngoài vào ban đêm.", None, "task", None, intro) == "task"
    # "pháp luật" is no legal instrument; "tiếp theo" is no source a report's date is told by
    assert [m.kind for m in year_mentions("Công tác phổ biến pháp luật năm 2022 đạt nhiều kết quả.")] == ["year"]
    assert [m.kind for m in year_mentions("Tiếp theo, Bộ Ngoại giao công bố ngày 5/3/2023 kết quả.")] == ["date"]
    # "những năm vừa qua" is a span too
    assert relative_years("Trong những năm vừa qua, quan hệ hai nước phát triển") == []
    # "song phương" (bilateral) overcomes nothing
    assert sentence_kind("Hai nước đối mặt với nhiều thách thức trong hợp tác song phương.") == "context"
    # a statistics office is a body: its standing figure stays timeless
    meta = Metadata(published="2025-09-11", year_reviewed=2025)
    assert passage_years(_passage("Theo Tổng cục Thống kê, hiện nay có khoảng 6 triệu người ở nước ngoài.",
                                  "context"), meta) == ()


def test_a_result_counted_up_to_now_and_a_review_meetings_own_day() -> None:
    meta = Metadata(published="2023-11-20", year_reviewed=2023)
    # a result counted up to now is now's total; the setting since a year spans it
    assert passage_years(_passage("Từ năm 2016 đến nay, Việt Nam đã ký kết 15 hiệp định thương mại tự do.",
                                  "result"), meta) == (2023,)
    assert passage_years(_passage("Từ năm 2021 đến nay, tình hình khu vực chuyển biến nhanh.", "context"),
                         meta) == (2021, 2022, 2023)
    # the review meeting's day is its first: a visit it recalls does not add a year
    review = Metadata(year_reviewed=2023, year_tasks=2024)
    assert passage_years(_passage("Ngày 28/12, Bộ tổ chức hội nghị tổng kết năm 2023 và triển khai nhiệm vụ năm "
                                  "2024, nhắc lại chuyến thăm ngày 15/3 của đoàn.", "result"), review) == (2023,)
