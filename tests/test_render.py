"""PDF and DOCX packs read back the way a user's tools read them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile

import briefgen
from briefgen import build as lib
from briefgen.config import load_config

from .conftest import Cli

EPOCH = "1736121600"  # 2025-01-06
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VIETNAMESE = ("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
              "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ")


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def built(seeded: Cli, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    out = tmp_path_factory.mktemp("packs")
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        seeded.run("build", "--year", "2018", "--format", "pdf", "--format", "docx", "--format", "md",
                   "--output", str(out))
        pack = lib.build_pack(load_config(seeded.root), year=2018, refresh=False)
        yield {"out": out, "pdf": out / "2018-year-review.pdf", "docx": out / "2018-year-review.docx",
               "md": out / "2018-year-review.md", "pack": pack, "cli": seeded}
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def test_bundled_font_covers_every_vietnamese_letter() -> None:
    folder = Path(briefgen.__file__).parent / "fonts"
    assert (folder / "LICENSE-LiberationSerif.txt").is_file()
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        font = TTFontFile(str(folder / f"LiberationSerif-{face}.ttf"))
        letters = set(VIETNAMESE) - set("aeiouyAEIOUY")  # the 134 letters beyond ASCII
        assert len(letters) == 134
        missing = [ch for ch in VIETNAMESE if ord(ch) not in font.charToGlyph]
        assert missing == [], (face, missing)


def pdf_body_text(path: Path) -> str:
    """Return the text of a pack's PDF without the page furniture (page numbers, running footer)."""
    reader = PdfReader(path)
    footer = reader.metadata.title
    pages = [flat(reader.pages[0].extract_text())]
    for number, page in enumerate(reader.pages[1:], 2):
        text = flat(page.extract_text()).replace(flat(footer), " ", 1)
        pages.append(text.removeprefix(f"{number} "))
    return flat(" ".join(pages))


def test_pdf_text_is_the_source_text(built: dict[str, Any]) -> None:
    text = pdf_body_text(built["pdf"])
    assert "10.378 công dân" in text
    assert "ngày 06 tháng 01 năm 2025" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    for section in built["pack"].sections:
        for item in section.items:
            assert flat(item.text) in text, item.text[:60]


def test_pdf_fonts_are_embedded(built: dict[str, Any]) -> None:
    reader = PdfReader(built["pdf"])
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font.get("/BaseFont")
            names.add(str(font["/BaseFont"]).split("+")[-1])
    assert names <= {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic",
                     "LiberationSerif-BoldItalic"}


def test_pdf_bookmarks_links_and_metadata(built: dict[str, Any]) -> None:
    reader = PdfReader(built["pdf"])

    def titles(outline: list[Any]) -> list[str]:
        found: list[str] = []
        for entry in outline:
            found += titles(entry) if isinstance(entry, list) else [entry.title]
        return found

    headings = [flat(h) for h in re.findall(r"^#{2,4} (.+)$", built["md"].read_text(encoding="utf-8"), re.M)]
    assert titles(reader.outline) == headings
    # Every citation marker is a link to its reference entry: as many links as markers, all
    # landing on the reference page, one distinct spot per reference, in order.
    markdown = built["md"].read_text(encoding="utf-8")
    markers = len(re.findall(r"\[\^\d+\](?!:)", markdown))
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    spots = []
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            dest = annotation.get_object().get("/Dest")
            if dest is not None and dest[1] == "/XYZ":
                spots.append((pages[dest[0].idnum], float(dest[3])))
    assert len(spots) == markers
    reference_page = next(n for n, p in enumerate(reader.pages) if "[1] " in p.extract_text()
                          and "TÀI LIỆU THAM KHẢO" in p.extract_text())
    assert {page for page, _ in spots} == {reference_page}
    assert len(set(spots)) == len(built["pack"].references)
    meta = reader.metadata
    assert meta.title == "Kết quả công tác đối ngoại năm 2018" and meta.author == "BỘ NGOẠI GIAO"
    assert "BÁO CÁO TỔNG HỢP" in meta.subject
    assert len(reader.pages) >= 3
    assert "2" not in flat(reader.pages[0].extract_text()).split()[:3]  # no page number on page 1


def test_docx_styles_toc_and_footnotes(built: dict[str, Any]) -> None:
    document = docx.Document(str(built["docx"]))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {p.style.name for p in headings} == {"Heading 1", "Heading 2"}
    assert headings[0].text == "I. NHỮNG ĐIỂM CHÍNH"
    body = document.element.body
    assert any('TOC \\o "1-3"' in (t.text or "") for t in body.iter(f"{W}instrText"))
    toc = [p for p in document.paragraphs if p.style.name.startswith("toc")]
    assert [p.text for p in toc] == [h.text for h in headings]
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    anchors = {h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink") if h.get(f"{W}anchor")}
    assert anchors and anchors <= bookmarks
    references = {f"ref_{r.number}" for r in built["pack"].references}
    assert references <= bookmarks
    with zipfile.ZipFile(built["docx"]) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
    markers = len(list(body.iter(f"{W}footnoteReference")))
    assert markers >= 20 and notes.count("<w:footnote ") - 2 == markers
    assert "relationships/footnotes" in rels
    assert not re.search(r"\[\d+\]", re.sub(r"<[^>]+>", "", notes))  # one numbering: Word's own (issue 17)
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 13 and normal.paragraph_format.first_line_indent.cm == pytest.approx(1.27, 0.01)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    heading_fonts = document.styles["Heading 1"].element.rPr.rFonts
    assert not any("Theme" in key for key in heading_fonts.attrib)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and section.different_first_page_header_footer
    props = document.core_properties
    assert props.author == "BỘ NGOẠI GIAO" and "python-docx" not in (props.comments or "")


def test_builds_are_byte_identical(built: dict[str, Any], tmp_path: Path) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        built["cli"].run("build", "--year", "2018", "--format", "pdf", "--format", "docx", "--format", "md",
                         "--output", str(tmp_path))
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    for suffix in ("pdf", "docx", "md", "json"):
        name = f"2018-year-review.{suffix}"
        assert (tmp_path / name).read_bytes() == (built["out"] / name).read_bytes(), name


HOSTILE = ("<b>&amp; *x* {{ y }} </para> <w:t>t</w:t> [1] # h <script>alert(1)</script> {{ 7*7 }} "
           "](javascript:alert(1))")
# What cleaning leaves of it: the HTML tags, the script and the unfilled placeholder are markup
# residue (gone, entities decoded); the rest is text and must come out literally everywhere.
CLEANED = "& *x* </para> <w:t>t</w:t> [1] # h {{ 7*7 }} ](javascript:alert(1))"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "sources").mkdir()
    (root / "sources" / "note.txt").write_text(
        "Báo cáo thử\n\nNăm 2023, Bộ Ngoại giao đã bảo hộ 120 công dân " + HOSTILE + " và đạt nhiều kết quả.\n",
        encoding="utf-8")
    Cli(root).run("build", "--year", "2023", "--format", "pdf", "--format", "docx", "--format", "md",
                  "--include-flagged")  # its markup residue flags it
    return root / "output"


def test_source_markup_comes_out_literally(hostile: Path) -> None:
    pdf = pdf_body_text(hostile / "2023-year-review.pdf")
    assert flat(CLEANED) in pdf and "<b>" not in pdf and "alert(1)</script>" not in pdf
    document = docx.Document(str(hostile / "2023-year-review.docx"))
    assert any(flat(CLEANED) in flat(p.text) for p in document.paragraphs)
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render((hostile / "2023-year-review.md").read_text(encoding="utf-8"))
    from html import unescape

    assert flat(CLEANED) in flat(unescape(html)) and "<script>" not in html and "href" not in html


def test_custom_template_and_sandbox(seeded: Cli, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("# Tóm tắt {{ pack.year }}\n\n{% for r in references %}- {{ r.title }}\n{% endfor %}",
                        encoding="utf-8")
    seeded.run("build", "--year", "2018", "--format", "md", "--template", str(template), "--output", str(tmp_path))
    text = (tmp_path / "2018-year-review.md").read_text(encoding="utf-8")
    assert text.startswith("# Tóm tắt 2018") and "Tiếp tục nâng tầm ngoại giao đa phương" in text
    template.write_text("{{ pack.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    result = seeded.run("build", "--year", "2018", "--format", "md", "--template", str(template),
                        "--output", str(tmp_path), code=2)
    assert "mine.md.j2" in result.stderr and "Traceback" not in result.stderr


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it from Debian)")
    return path


@pytest.mark.clients
def test_libreoffice_and_poppler_read_the_files(built: dict[str, Any], tmp_path: Path) -> None:
    office = shutil.which("soffice") or _tool("libreoffice")
    pdffonts, pdftotext = _tool("pdffonts"), _tool("pdftotext")
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(built["docx"])], check=True, capture_output=True, timeout=180)
    converted = tmp_path / "2018-year-review.pdf"
    assert converted.is_file()
    for pdf in (converted, built["pdf"]):
        fonts = subprocess.run([pdffonts, str(pdf)], check=True, capture_output=True, text=True).stdout
        assert "LiberationSerif" in fonts and "DejaVu" not in fonts and " no " not in fonts.split("\n", 2)[2]
        text = flat(subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True).stdout)
        assert "10.378 công dân" in text
    first = flat(subprocess.run([pdftotext, "-f", "1", "-l", "1", str(converted), "-"], check=True,
                                capture_output=True, text=True).stdout)
    assert "I. NHỮNG ĐIỂM CHÍNH" in first and "III. KẾT QUẢ NĂM 2018 THEO LĨNH VỰC" in first  # contents, no update


@pytest.mark.clients
def test_pdf_contents_give_the_page_each_heading_lands_on(built: dict[str, Any]) -> None:
    """The contents page is laid out before the headings are placed (its page numbers are
    filled in as each heading lands): every entry shows the page its bookmark goes to."""
    reader = PdfReader(built["pdf"])
    landed: list[tuple[str, int]] = []

    def walk(outline: list[Any], depth: int) -> None:
        for entry in outline:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            elif depth <= 1:
                landed.append((entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    layout = subprocess.run([_tool("pdftotext"), "-layout", "-f", "1", "-l", "1", str(built["pdf"]), "-"],
                            check=True, capture_output=True, text=True).stdout
    shown = [(flat(m.group(1)), int(m.group(2)))
             for m in re.finditer(r"^\s*(.+?)\s*(?:\. )+\.?\s+(\d+)\s*$", layout, re.M)]
    assert len(landed) >= 10 and shown == [(flat(title), page) for title, page in landed]
    assert len({page for _, page in landed}) >= 3  # the pack spans pages: the numbers are not all alike


@pytest.mark.clients
def test_pandoc_reads_headings_and_footnotes(built: dict[str, Any]) -> None:
    pandoc = _tool("pandoc")
    text = subprocess.run([pandoc, "-f", "docx", "-t", "markdown", str(built["docx"])], check=True,
                          capture_output=True, text=True).stdout
    assert "\n# I. NHỮNG ĐIỂM CHÍNH" in text and "\n## Bảo hộ công dân" in text
    assert re.search(r"^\[\^1\]: [^\[\\]", text, re.M)  # a note holding its reference, no list number (issue 17)


def test_reference_docx_gives_styles_and_page_setup(seeded: Cli, tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Normal"].font.name = "Arial"
    reference.sections[0].left_margin = docx.shared.Mm(25)
    reference.sections[0].header.paragraphs[0].text = "Văn phòng Bộ — bản nháp"
    reference.add_paragraph("nội dung mẫu sẽ bị thay")
    reference.save(str(tmp_path / "org.docx"))
    seeded.run("build", "--year", "2018", "--format", "docx", "--reference-docx", str(tmp_path / "org.docx"),
               "--output", str(tmp_path / "out"))
    document = docx.Document(str(tmp_path / "out" / "2018-year-review.docx"))
    assert document.styles["Normal"].font.name == "Arial"
    assert round(document.sections[0].left_margin.mm) == 25
    assert document.sections[0].header.paragraphs[0].text == "Văn phòng Bộ — bản nháp"
    texts = [p.text for p in document.paragraphs]
    assert "nội dung mẫu sẽ bị thay" not in texts and "I. NHỮNG ĐIỂM CHÍNH" in texts


def test_word_made_reference_docx_and_a_previous_pack_as_reference(built: dict[str, Any], tmp_path: Path) -> None:
    plain = docx.Document()
    styles = plain.styles.element
    for element in list(styles):
        if element.get(f"{W}styleId") in ("ListBullet", "Caption", "Title", "TableGrid", "Quote"):
            styles.remove(element)  # Word keeps only the styles a template uses
    plain.save(str(tmp_path / "word.docx"))
    for reference in (tmp_path / "word.docx", built["docx"]):
        out = tmp_path / reference.stem
        built["cli"].run("build", "--year", "2018", "--format", "docx", "--reference-docx", str(reference),
                         "--output", str(out))
        with zipfile.ZipFile(out / "2018-year-review.docx") as package:
            names = package.namelist()
            notes = package.read("word/footnotes.xml").decode("utf-8")
            rels = package.read("word/_rels/footnotes.xml.rels").decode() if "word/_rels/footnotes.xml.rels" in names \
                else ""
        assert len(names) == len(set(names)) and names.count("word/footnotes.xml") == 1
        # a note's links are relationships of the notes part (issue 17: the URL is a link in the note)
        assert all(f'Id="{rid}"' in rels for rid in re.findall(r'r:id="(rId\d+)"', notes))
        document = docx.Document(str(out / "2018-year-review.docx"))
        assert next(p.text for p in document.paragraphs if p.style.style_id == "Heading1") == "I. NHỮNG ĐIỂM CHÍNH"


def test_metadata_with_line_breaks_and_controls_stays_in_its_place(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("Tiêu đề\n\nNăm 2023, Bộ Ngoại giao đã bảo hộ 120 công dân.\n",
                                                encoding="utf-8")
    (tmp_path / "sources" / "a.meta.toml").write_text(
        'author = "Tác giả\\n\\nĐoạn mới"\ntitle = "A\\n---\\nB "\noutlet = "Báo\\u000cFF"\n', encoding="utf-8")
    Cli(tmp_path).run("build", "--year", "2023", "--format", "pdf", "--format", "docx", "--format", "md")
    pack = lib.build_pack(load_config(tmp_path), year=2023, refresh=False)
    [reference] = pack.references
    assert (reference.author, reference.title, reference.outlet) == ("Tác giả Đoạn mới", "A --- B", "BáoFF")
    markdown = (tmp_path / "output" / "2023-year-review.md").read_text(encoding="utf-8")
    assert "[^1]: Tác giả Đoạn mới, *A --- B*, BáoFF" in markdown
    def titles(outline: list[Any]) -> list[str]:
        return [t for entry in outline for t in (titles(entry) if isinstance(entry, list) else [entry.title])]

    outline = titles(PdfReader(tmp_path / "output" / "2023-year-review.pdf").outline)
    assert outline and not any("Đoạn mới" in title for title in outline)


def test_decree_30_dates() -> None:
    import datetime as dt

    from briefgen.rendering.templating import vn_date

    assert vn_date(dt.date(2025, 1, 6)) == "ngày 06 tháng 01 năm 2025"
    assert vn_date(dt.date(2025, 2, 14)) == "ngày 14 tháng 02 năm 2025"
    assert vn_date(dt.date(2025, 3, 5)) == "ngày 05 tháng 3 năm 2025"
    assert vn_date(dt.date(2025, 11, 22)) == "ngày 22 tháng 11 năm 2025"


def test_long_scopes_and_many_bars_still_build(seeded: Cli, tmp_path: Path) -> None:
    from briefgen.rendering.doctree import Chart

    chart = Chart("", tuple(str(y) for y in range(1980, 2030)), tuple(range(50)))
    assert len(chart.largest(24).values) == 24 and chart.largest(24).labels[0] == "2006"
    topic = "bảo hộ công dân " + " ".join(["ngư dân tàu cá"] * 40)
    seeded.run("build", "--topic", topic, "--format", "pdf", "--format", "docx", "--output", str(tmp_path))
    [word] = tmp_path.glob("*.docx")
    properties = docx.Document(str(word)).core_properties
    assert len(properties.title) <= 255 and len(properties.keywords) <= 255


def test_a_key_figure_that_rises_says_what_rose() -> None:
    from briefgen.model import FigureRow
    from briefgen.rendering.templating import _said

    sentence = "Trong năm 2031, dù nhiều khó khăn, kiều hối gửi về nước vẫn tăng mạnh, tăng gần 3% so với năm trước."
    row = FigureRow(text="gần 3%", value=3, unit="%", qualifier="gần", kind="percent", year=2031, sentence=sentence,
                    citations=())
    assert _said(row) == "kiều hối gửi về nước vẫn tăng mạnh, tăng gần 3% so với năm trước"
    opening = FigureRow(text="Hơn 80 văn kiện", value=80, unit="văn kiện", qualifier="hơn", kind="count", year=2031,
                        sentence="Hơn 80 văn kiện được thông qua tại hội nghị.", citations=())
    assert _said(opening) == "Hơn 80 văn kiện được thông qua tại hội nghị"
    # a list whose head the comma repeats is counted whole; a clause with a figure of its own is not it
    listed = "Việt Nam có quan hệ ngoại giao với 190 nước; quan hệ đối tác chiến lược, đối tác toàn diện với 31 nước."
    row = FigureRow(text="31 nước", value=31, unit="nước", qualifier=None, kind="count", year=2031, sentence=listed,
                    citations=())
    assert _said(row) == "quan hệ đối tác chiến lược, đối tác toàn diện với 31 nước"
    other = "Việt Nam có quan hệ ngoại giao với 190 nước, quan hệ thương mại với hơn 230 nước."
    row = FigureRow(text="hơn 230 nước", value=230, unit="nước", qualifier="hơn", kind="count", year=2031,
                    sentence=other, citations=())
    assert _said(row) == "quan hệ thương mại với hơn 230 nước"
    # a clause that opens on "được" says what its subject, in the clause before, has
    staffed = ("Ngày 1/10/2031, Việt Nam triển khai một đơn vị độc lập - Bệnh viện dã chiến cấp 2, được phiên chế "
               "63 thành viên - tham gia hoạt động gìn giữ hòa bình.")
    row = FigureRow(text="63 thành viên", value=63, unit="thành viên", qualifier=None, kind="count", year=2031,
                    sentence=staffed, citations=())
    assert "Bệnh viện dã chiến cấp 2, được phiên chế 63 thành viên" in _said(row)
    # … within the words a label is given
    wordy = ("Năm 2031, các cơ quan chức năng của Bộ, dưới sự chỉ đạo sát sao của lãnh đạo, đã phối hợp chặt chẽ với "
             "các địa phương và các hiệp hội doanh nghiệp trong nước để tổ chức thành công 45 hội nghị xúc tiến "
             "thương mại và đầu tư tại nhiều thị trường trọng điểm ở châu Âu, châu Mỹ và châu Phi.")
    row = FigureRow(text="45 hội nghị", value=45, unit="hội nghị", qualifier=None, kind="count", year=2031,
                    sentence=wordy, citations=())
    assert len(_said(row).split()) <= 20



def test_a_share_says_what_it_is_of_and_an_aside_ends_a_label() -> None:
    from briefgen.model import FigureRow
    from briefgen.rendering.templating import _said

    def said(text: str, value: float, unit: str, sentence: str) -> str:
        return _said(FigureRow(text=text, value=value, unit=unit, qualifier=None, kind="count", year=2031,
                               sentence=sentence, citations=()))

    # "100%" of what: the words after it, up to what opens the rest of the clause
    assert said("100%", 100, "%", "Các đơn vị cảnh sát đều được lệnh ứng trực 100% quân số trong thời gian diễn ra "
                "hội nghị.") == "Các đơn vị cảnh sát đều được lệnh ứng trực 100% quân số"
    assert said("39%", 39, "%", "Các nền kinh tế của diễn đàn chiếm tổng cộng 39% dân số thế giới.") == \
        "Các nền kinh tế của diễn đàn chiếm tổng cộng 39% dân số thế giới"
    # what follows a share that is no noun of its own is left out: a figure, "mỗi năm"
    assert said("5%", 5, "%", "Kim ngạch xuất khẩu sang Na Uy đã tăng 5% lên 12,5 tỷ USD.").endswith("tăng 5%")
    assert said("20%", 20, "%", "Kim ngạch xuất khẩu sang Na Uy đã tăng 20% mỗi năm.").endswith("tăng 20%")
    # a comparison is the clause's own, not what the share is of
    assert said("12%", 12, "%", "Năm 2031, kim ngạch xuất khẩu sang Na Uy đã tăng 12% so với năm trước.").endswith(
        "tăng 12%")
    # a label ends where a bracketed aside does
    assert said("550 phóng viên", 550, "phóng viên", "Số phóng viên đưa tin nhiều nhất (gần 3.000 phóng viên quốc tế, "
                "550 phóng viên trong nước) từ trước tới nay.") == "550 phóng viên trong nước"
    # a bracket the label opens is written as the source writes it, and closed
    assert said("10 ngày", 10, "ngày", "Hội nghị có thời gian chuẩn bị ngắn nhất (10 ngày) trong các hội nghị "
                "thượng đỉnh.") == "Hội nghị có thời gian chuẩn bị ngắn nhất (10 ngày)"
    assert said("10 ngày", 10, "ngày", "Hội nghị có thời gian chuẩn bị ngắn nhất [ 10 ngày ] trong các hội nghị "
                "thượng đỉnh.") == "Hội nghị có thời gian chuẩn bị ngắn nhất [10 ngày]"
    # a number's own comma is no end of the words after it
    assert said("2 lần", 2, "lần", "Lượng kiều hối tăng 2 lần, đạt 12,5 tỷ USD.") == "Lượng kiều hối tăng 2 lần"

def test_two_figures_of_one_phrase_are_not_labelled_alike() -> None:
    from briefgen.model import FigureRow
    from briefgen.rendering.templating import _said_after

    sentence = "Trong năm 2031, chúng ta đã bảo hộ tổng cộng 10.378 công dân, 1.589 ngư dân/189 tàu cá."
    people = FigureRow(text="1.589 ngư dân", value=1589, unit="ngư dân", qualifier=None, kind="count", year=2031,
                       sentence=sentence, citations=())
    boats = FigureRow(text="189 tàu cá", value=189, unit="tàu cá", qualifier=None, kind="count", year=2031,
                      sentence=sentence, citations=())
    first = _said_after(people)
    assert "1.589 ngư dân" in first and "189 tàu cá" in first  # the phrase says both …
    assert _said_after(boats, people) == "189 tàu cá"  # … and the next row says its own figure


def test_an_items_first_footnote_is_the_source_it_quotes() -> None:
    from briefgen.model import Citation
    from briefgen.rendering.templating import _cite

    told = (Citation(9, "quoted", 2), Citation(8, "other", 1), Citation(3, "third", 4))
    assert str(_cite(told)) == "[^9][^3][^8]"  # the quoted source, then the others in reference order
    assert str(_cite((Citation(2, "a", 1), Citation(2, "a", 3)))) == "[^2]"
    assert str(_cite(())) == ""
