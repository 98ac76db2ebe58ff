"""Packs an analyst would sign, checked on the archive: the bundled sources plus the whole devset.

For every year pack 2017-2024 and the theme packs citizen_protection, asean and
economic_diplomacy, as a reader sees them (the Markdown the template writes):

- no sentence of eight or more words is printed twice (outside the chronology and the
  plan-against-outcome table, which quote on purpose);
- every key-figures row shows the figure's qualifier and range in its value column too;
- no person row is named after a province, city or country;
- no section is printed without content under its heading;
- no chart counts passages;
- no item under a year whose own explicit dates all lie in another year.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import replace

import pytest

from briefgen import build as lib
from briefgen.config import load_config
from briefgen.model import Pack

from .conftest import Cli

YEARS = range(2017, 2025)
THEMES = ("citizen_protection", "asean", "economic_diplomacy")
# Quoting sections: their clauses repeat the items they point to, on purpose.
QUOTING = ("DÒNG SỰ KIỆN", "NHIỆM VỤ VÀ KẾT QUẢ", "CHRONOLOGY", "PLAN AND OUTCOME")
# Places a test knows without briefgen's lists: Viet Nam's provinces and cities, and countries.
PLACES = {
    "Hà Nội", "Thành phố Hồ Chí Minh",  # "Chủ tịch Hồ Chí Minh" is a person
    "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Quảng Ninh",
    "Hà Tĩnh", "Nghệ An", "Thanh Hóa", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Gia Lai", "Kon Tum", "Lào Cai", "Lạng Sơn", "Cao Bằng", "Hà Giang", "Điện Biên", "Sơn La",
    "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Nam Định", "Ninh Bình", "Phú Thọ", "Vĩnh Phúc",
    "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Long An", "Tiền Giang", "Bến Tre", "An Giang", "Kiên Giang",
    "Cà Mau", "Bạc Liêu", "Sóc Trăng", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "Tây Ninh", "Bình Phước",
    "Việt Nam", "Trung Quốc", "Hoa Kỳ", "Mỹ", "Nhật Bản", "Hàn Quốc", "Lào", "Campuchia", "Thái Lan",
    "Malaysia", "Singapore", "Indonesia", "Philippines", "Myanmar", "Brunei", "Ấn Độ", "Australia", "Nga",
    "Liên bang Nga", "Pháp", "Đức", "Anh", "Italy", "Canada", "Cuba", "Ukraine", "Ba Lan", "Séc", "Hungary",
    "New Zealand", "Triều Tiên", "Đài Loan", "Hong Kong", "Mông Cổ", "Israel", "Ai Cập", "Nam Phi", "Brazil",
}
_COMPARED = re.compile(r"so với (?:cùng kỳ |mức |cả )*(?:năm )?(?:19|20)\d\d|"
                       # a cited document's date is not the passage's ("Chỉ thị số 32 ngày 18/2/2018")
                       r"(?i:chỉ thị|nghị quyết|quyết định|kết luận|nghị định|thông tư|công điện|luật|số)"
                       r"[^.;]{0,40}?ngày\s+\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*(?:19|20)\d\d")
# A passage's own explicit dates: a whole date, a month of a year, or a part of a year
# ("trong năm 2020", "cuối năm 2022"); not a target ("đến năm 2030") nor a term ("2020-2021").
_DATE = re.compile(r"(?<![\d/.])(?:ngày\s+)?(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*((?:19|20)\d\d)\b|"
                   r"\btháng\s+(\d{1,2})\s*[/-]\s*((?:19|20)\d\d)\b|"
                   r"\b(?:[Tt]ừ|[Tt]rong|[Cc]uối|[Đđ]ầu|[Gg]iữa|[Hh]ết|[Ss]uốt)\s+năm\s+((?:19|20)\d\d)\b(?![-–]\d)")


def _packs(archive: Cli) -> list[tuple[str, Pack, str]]:
    config = load_config(archive.root)
    found = []
    with lib.Session(config) as session:
        for year in YEARS:
            pack = session.pack(year=year)
            if not pack.empty:
                found.append((f"year {year}", pack, session.render(pack, ["md"])["md"].decode()))
        for theme in THEMES:
            pack = session.pack(theme=theme)
            found.append((f"theme {theme}", pack, session.render(pack, ["md"])["md"].decode()))
    return found


@pytest.fixture(scope="module")
def packs(archive: Cli) -> list[tuple[str, Pack, str]]:
    return _packs(archive)


def _body(markdown: str) -> list[tuple[str, str]]:
    """Return (section heading, line) of the pack's body: the reference list and the quoting
    sections left out."""
    lines: list[tuple[str, str]] = []
    heading = None  # the cover and the title come before the first section
    for line in markdown.splitlines():
        if line.startswith("## "):
            heading = line[3:]
        if heading is None:
            continue
        if "TÀI LIỆU THAM KHẢO" in heading or "REFERENCES" in heading or line.startswith("[^"):
            continue
        if not any(q in heading.upper() for q in QUOTING):
            lines.append((heading, line))
    return lines


def _sentences(line: str) -> list[str]:
    text = re.sub(r"\[\^\d+\]", "", line).strip("-*| ")
    parts = re.split(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ\"“])", text)
    # "05 năm" and "5 năm" are one sentence said twice.
    return [re.sub(r"\b0+(\d)", r"\1", " ".join(p.split())) for p in parts if len(p.split()) >= 8]


def test_no_sentence_is_printed_twice(packs: list[tuple[str, Pack, str]]) -> None:
    for label, _, markdown in packs:
        seen: dict[str, str] = {}
        for heading, line in _body(markdown):
            for sentence in _sentences(line):
                key = unicodedata.normalize("NFC", sentence.rstrip(" .…")).lower()
                assert key not in seen, f"{label}: printed twice ({seen[key]} / {heading}): {sentence[:120]}"
                seen[key] = heading


def test_every_key_figure_shows_its_qualifier_and_range_in_the_value_column(
        packs: list[tuple[str, Pack, str]]) -> None:
    checked = 0
    for label, pack, markdown in packs:
        rows = [line.split(" | ") for line in markdown.splitlines() if line.startswith("| ") and "[^" in line]
        table = [s for s in pack.sections if s.key == "key_figures"]
        used: set[int] = set()
        for figure in (table[0].figures if table else ()):
            # the first column quotes the figure in its clause ("tăng gần 3% so với năm 2019")
            n = next(i for i, r in enumerate(rows) if i not in used and figure.text in r[0])
            used.add(n)
            row = rows[n]
            value = row[1]
            if figure.qualifier:
                assert figure.qualifier.lower() in value.lower(), f"{label}: {figure.text!r} shown as {value!r}"
            if figure.value_max is not None:
                assert re.search(r"\d\s*[–-]\s*\d", value), f"{label}: {figure.text!r} shown as {value!r}"
            checked += 1
    assert checked >= 20


def test_no_person_row_is_a_place(packs: list[tuple[str, Pack, str]]) -> None:
    for label, pack, _ in packs:
        for section in pack.sections:
            for person in section.people:
                assert person.name not in PLACES, f"{label}: a person named {person.name!r}"


def test_no_empty_section_and_no_chart_of_passage_counts(packs: list[tuple[str, Pack, str]]) -> None:
    for label, _, markdown in packs:
        lines = [line for line in markdown.splitlines() if line.strip()]
        for here, after in itertools.pairwise(lines):
            if here.startswith("## ") and after.startswith("## "):
                pytest.fail(f"{label}: section {here[3:]!r} is empty")
        assert "Số đoạn" not in markdown and "passages by theme" not in markdown.lower(), label
        assert "Không rõ năm" not in markdown and "Year unknown" not in markdown, label


def test_no_item_under_a_year_its_own_dates_put_in_another(packs: list[tuple[str, Pack, str]]) -> None:
    for label, pack, _ in packs:
        for section in pack.sections:
            groups = [section, *section.sections]
            for group in groups:
                year = group.year or (pack.year if section.key in ("results", "key_points") else None)
                if year is None:
                    continue
                for item in group.items:
                    own = _COMPARED.sub("", item.text)
                    years = {int(m.group(3) or m.group(5) or m.group(6)) for m in _DATE.finditer(own)}
                    assert not years or year in years, f"{label} {group.key} {year}: {item.text[:140]}"


@pytest.mark.parametrize(("sentence", "date"), [
    ("Ngày 26/8, Bộ Ngoại giao ra tuyên bố phản đối.", (26, 8, None)),
    ("Sáng 15.11.2020, Hội nghị Cấp cao khai mạc.", (15, 11, 2020)),
    ("Tối 11-9, Đại sứ quán tổ chức lễ kỷ niệm.", (11, 9, None)),
    ("Kiều hối đạt 17.2 tỷ đôla trong năm.", None),  # a number, not 17 February
    ("Nhiệm kỳ 2020-2021 của Việt Nam kết thúc.", None),
    ("Giai đoạn 1-2 năm tới sẽ khó khăn.", None),  # a range
    ("Từ tháng 3/2022, các chuyến bay được nối lại.", None),  # a month, no day
    ("Từ ngày 10/4 đến nay, đã có hơn 60 chuyến bay.", None),  # the start of a running total
    ("Hiệp định có hiệu lực từ ngày 1/8/2020.", (1, 8, 2020)),  # the day it took effect
    ("Hiệp định có hiệu lực từ ngày 1.8 đã tác động mạnh.", (1, 8, None)),  # a dot, after a day word
])
def test_the_chronology_reads_days_and_months_not_numbers(sentence: str,
                                                          date: tuple[int, int, int | None] | None) -> None:
    from briefgen.assemble.chronology import _date
    from briefgen.text import fold

    assert _date(fold(sentence)) == date


def test_the_day_of_a_clause_on_another_event_dates_no_chronology_entry() -> None:
    # "… chỉ rút sau khi giàn khoan … rời khỏi vị trí hôm 23/10": the day is the rig's, not the ship's
    from briefgen.assemble.chronology import _date
    from briefgen.text import fold

    other = "Tàu khảo sát chỉ rút khỏi vùng biển sau khi giàn khoan đã hoàn thành hoạt động hôm 23/10/2031."
    assert _date(fold(other)) == (23, 10, 2031) and _date(fold(other), own=True) is None
    own = "Ngày 24/10/2031, tàu khảo sát rút khỏi vùng biển sau khi giàn khoan hoàn thành hoạt động."
    assert _date(fold(own), own=True) == (24, 10, 2031)
    # a clause that ends before the day leaves it the sentence's own
    assert _date(fold("Sau khi hội đàm, ngày 12/3 hai bên ký kết hiệp định."), own=True) == (12, 3, None)


def test_the_year_pack_has_a_chronology_of_its_own_year_in_date_order(packs: list[tuple[str, Pack, str]]) -> None:
    found = 0
    for label, pack, _ in packs:
        if pack.kind != "year":
            continue
        entries = [i.text.split(":")[0].split("/") for s in pack.sections if s.key == "chronology" for i in s.items]
        # "DD/MM/YYYY", or "MM/YYYY" for a month's event, which comes before the days of its month
        dates = [(int(e[-2]), int(e[0]) if len(e) == 3 else 0) for e in entries]
        assert dates == sorted(dates), label
        assert all(e[-1] == str(pack.year) for e in entries), label
        found += len(entries)
    assert found >= 10


def test_a_day_without_its_year_is_of_the_sources_date() -> None:
    from briefgen.assemble.chronology import entries
    from briefgen.model import Item

    # a conference of 13/1 told in a source dated January 2021 that reviews 2020: its day is of
    # 2021, not of the year reviewed
    item = Item(text="Sáng 13/1, Đảng bộ Bộ đã tổ chức Hội nghị tổng kết công tác năm 2020.", citations=(),
                source_id="s", passage=1, kind="result", years=(2020, 2021), themes=(), published="2021-01-13")
    assert [e.year for e in entries([(item, "")], 2021)] == [2021]
    assert entries([(item, "")], 2020) == []
    # a late month in an early page is of the year before
    late = Item(text="Ngày 28/12, Bộ đã tổ chức lễ ký kết thỏa thuận hợp tác mới.", citations=(), source_id="s",
                passage=2, kind="result", years=(2020,), themes=(), published="2021-01-05")
    assert [e.year for e in entries([(late, "")], 2020)] == [2020]


def test_a_month_that_opens_a_sentence_dates_an_event_of_that_month() -> None:
    from briefgen.assemble.chronology import entries
    from briefgen.model import Item

    def item(text: str, n: int) -> Item:
        return Item(text=text, citations=(), source_id="s", passage=n, kind="result", years=(2030,), themes=(),
                    published="2030-12-20")

    presidency = item("Tháng 1-2030, ngay tháng đầu tiên làm thành viên Hội đồng, Việt Nam đã giữ vai trò Chủ tịch.", 1)
    book = item("Đặc biệt vào tháng 11, Bộ đã phối hợp ra mắt cuốn sách về nền ngoại giao hiện đại.", 2)
    visit = item("Ngày 3/1, Thủ tướng đã thăm chính thức Phần Lan.", 3)
    period = item("Tính đến hết tháng 6, xuất khẩu sang thị trường châu Âu giảm 17%.", 4)  # a period, no event
    dated = item("Tháng 3/2029, hai bên đã ký kết hiệp định.", 5)  # another year's month
    during = item("Trong tháng 6, kim ngạch xuất khẩu sang châu Âu đạt 5 tỷ USD, giảm 17%.", 6)  # a period
    found = entries([(book, ""), (visit, ""), (period, ""), (presidency, ""), (dated, ""), (during, "")], 2030)
    assert [(e.month, e.day, e.item.passage) for e in found] == [(1, 0, 1), (1, 3, 3), (11, 0, 2)]


def test_one_days_event_with_one_partner_is_one_chronology_entry() -> None:
    from briefgen.assemble.chronology import entries
    from briefgen.model import Item

    def item(text: str, source: str) -> Item:
        return Item(text=text, citations=(), source_id=source, passage=1, kind="result", years=(2023,), themes=(),
                    published="2023-12-01")

    upgraded = "Ngày 27/11, Việt Nam và Nhật Bản đã nâng cấp quan hệ lên Đối tác chiến lược toàn diện."
    found = entries([(item(upgraded, "a"), ""),
                     (item("Ngày 27/11, trong chuyến thăm Nhật Bản, Chủ tịch nước đã hội đàm với Thủ tướng.", "b"), ""),
                     (item("Ngày 27/11, Bộ trưởng đã tiếp Đại sứ Pháp tại Hà Nội.", "c"), "")], 2023)
    assert [e.item.source_id for e in found] == ["a", "c"]


def test_a_task_the_plan_table_quotes_whole_is_not_listed_again() -> None:
    from briefgen import assemble
    from briefgen.model import Item, PlanRow, Section

    def task(text: str, n: int) -> Item:
        return Item(text=text, citations=(), source_id="r", passage=n, kind="task", years=(2031,), themes=())

    whole = task("Tiếp tục đẩy mạnh ngoại giao kinh tế với các đối tác chủ chốt.", 1)
    long = task("Ông Lê Văn An, Ủy viên Bộ Chính trị, Trưởng Ban Đối ngoại Trung ương, đề nghị các cơ quan tiếp "
                "tục đẩy mạnh ngoại giao kinh tế, thu hút đầu tư chất lượng cao từ các đối tác chủ chốt và mở "
                "rộng thị trường xuất khẩu sang châu Phi, Trung Đông và Mỹ Latinh trong năm tới.", 2)
    rows = tuple(PlanRow(task=clause.text, citations=(), source_id="r", passage=item.passage)
                 for item in (whole, long) for clause in assemble.plan.task_clauses(item.text))
    rows = tuple(replace(r, task=assemble.plan._quote(r.task.split())) for r in rows)
    sections = [Section(key="tasks_set", year=2031, items=(whole, long)), Section(key="plan", year=2031, plan=rows)]
    kept = next(s for s in assemble._without_tabled_tasks(sections) if s.key == "tasks_set")
    # the table says the short task whole; the long one it quotes in part: who asked, and the rest, stay listed
    assert [i.passage for i in kept.items] == [2]


def test_no_item_opens_on_its_source_lists_ordinal(packs: list[tuple[str, Pack, str]]) -> None:
    # "Thứ hai, …" under a heading of the pack, with "Thứ nhất" elsewhere or nowhere, reads as a
    # list the reader was not given.
    from briefgen.assemble.rank import without_ordinal

    assert without_ordinal("Thứ hai, kiên quyết bảo vệ chủ quyền.") == "Kiên quyết bảo vệ chủ quyền."
    assert without_ordinal("Ba là, đẩy mạnh ngoại giao kinh tế.") == "Đẩy mạnh ngoại giao kinh tế."
    assert without_ordinal("Thứ Hai tuần tới, Bộ trưởng sẽ thăm Lào.") == "Thứ Hai tuần tới, Bộ trưởng sẽ thăm Lào."
    for weekday in ("Thứ Hai, 12/4/2031, Thủ tướng thăm Lào.", "Thứ Hai, ngày 12/4, Thủ tướng thăm Lào."):
        assert without_ordinal(weekday) == weekday
    opening = re.compile(r"^(?:thứ (?:nhất|hai|ba|tư|năm|sáu|bảy)|(?:một|hai|ba|bốn|năm|sáu) là)\s*,", re.IGNORECASE)
    for label, pack, _ in packs:
        for section in pack.sections:
            if section.key == "key_points":
                continue
            for item in (*section.items, *(i for sub in section.sections for i in sub.items)):
                assert not opening.match(item.text), (label, item.text[:60])


def test_a_long_chronology_keeps_the_key_points_days_whatever_their_month() -> None:
    from briefgen.assemble.chronology import CHRONOLOGY_MAX, entries
    from briefgen.model import Item

    def item(text: str, n: int) -> Item:
        return Item(text=text, citations=(), source_id=f"s{n}", passage=1, kind="result", years=(2030,), themes=(),
                    published="2030-12-30")

    point = item("Ngày 20/12, Hội nghị Ngoại giao lần thứ 40 đã khai mạc tại Hà Nội với nhiều đại biểu.", 0)
    results = [item(f"Ngày {n}/{1 + n % 6}, Bộ đã ký kết thỏa thuận hợp tác số {n} với một đối tác mới.", n)
               for n in range(1, CHRONOLOGY_MAX + 6)]
    found = entries([(point, "key_points"), *((r, "asean") for r in results)], 2030)
    assert len(found) == CHRONOLOGY_MAX
    assert (12, 20) in {(e.month, e.day) for e in found}
    assert [(e.month, e.day) for e in found] == sorted((e.month, e.day) for e in found)


def test_a_chronology_entry_ends_at_the_end_of_a_phrase() -> None:
    from briefgen.assemble.chronology import CLAUSE_MORE, CLAUSE_WORDS, _clause

    directive = ("Đối ngoại đa phương đã có bước phát triển mới về chất, trong đó, là Ban Bí thư Trung ương Đảng đã "
                 "ban hành Chỉ thị số 99-CT/TW, ngày 8/8/2031 về đẩy mạnh và nâng tầm đối ngoại đa phương "
                 "đến năm 2040, "
                 "đây là lần đầu tiên Đảng ban hành một văn kiện chỉ đạo riêng về lĩnh vực này.")
    # it ends on the document's number, not on "… đã ban hành …"
    assert _clause(directive).endswith("Chỉ thị số 99-CT/TW …")
    short = "Ngày 3/1/2031, Thủ tướng đã thăm chính thức Phần Lan và ký kết năm văn kiện hợp tác về giáo dục."
    assert _clause(short) == short
    long = " ".join(["từ"] * (CLAUSE_WORDS + CLAUSE_MORE + 5))
    assert len(_clause(long).split()) == CLAUSE_WORDS + 1  # no phrase ends near: the words, then the mark
