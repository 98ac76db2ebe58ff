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
    # reported speech: a statement made, even with directive words in it
    ("Người phát ngôn cho biết Bộ đang đề nghị phía bạn trao trả các thuyền viên.", "result"),
    ("Bộ trưởng phát biểu chỉ đạo tại lễ khai trương văn phòng mới.", "result"),
    ("Cơ quan đã chỉ đạo Tổng lãnh sự quán liên hệ với nhà chức trách sở tại.", "result"),
    # … unless what it reports is an obligation, or it opens on a plan
    ("Thứ trưởng nhấn mạnh, các đơn vị cần chủ động nắm bắt tình hình.", "task"),
    ("Chủ tịch tỉnh nhấn mạnh: nhiệm vụ hàng đầu là thu hút đầu tư.", "task"),
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
    ("Công dân có thể gọi đường dây nóng khi cần thiết.", None),
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


def test_relative_years_and_days() -> None:
    assert relative_years(fold("Trong năm qua, công tác lãnh sự có nhiều đổi mới")) == [("reviewed", 0)]
    assert relative_years(fold("Năm tới, ngành sẽ tập trung vào đào tạo")) == [("reviewed", 1)]
    assert relative_years(fold("So với năm ngoái, số đoàn tăng")) == [("now", -1)]
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
    # … but in a January review of the year before, the year reviewed
    review = Metadata(published="2021-01-12", year_reviewed=2020, year_tasks=2021)
    assert passage_years(_passage("Sáng 11/1, Sở đã tổ chức hội nghị tổng kết.", "result"), review) == (2020,)
    # a passage with several years gets each of them
    assert passage_years(_passage("Năm 2019 đoàn đã thăm Lào. Tháng 3/2020, đoàn đã thăm Campuchia.", "result"),
                         meta) == (2019, 2020)
    # the source's year only as the fallback
    assert passage_years(_passage("Đoàn đã thăm nhiều địa phương.", "result"), meta) == (2021,)
