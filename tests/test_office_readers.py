"""The office formats besides .docx: .odt (odfdo), .rtf (striprtf) and legacy .doc (through
LibreOffice or antiword). The LibreOffice tests make the .odt, .rtf and .doc from one .docx
and check that all four are ingested with the same body; the others use files written by
hand, damaged and hostile ones among them."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from briefgen.errors import SourceError
from briefgen.readers import doc, odt, read_document, rtf

from .conftest import Cli
from .helpers import cp1258_bytes

TITLE = "Quan hệ Việt Nam – Nhật Bản năm 2023"
HEADING = "Kết quả nổi bật"
PARAGRAPHS = [
    "Năm 2023, hai nước kỷ niệm 50 năm thiết lập quan hệ ngoại giao và nâng cấp quan hệ lên Đối tác chiến lược "
    "toàn diện vì hòa bình và thịnh vượng ở châu Á và trên thế giới.",
    "Bộ Ngoại giao đã phối hợp tổ chức 12 chuyến thăm cấp cao; kim ngạch thương mại song phương đạt 44,9 tỷ USD.",
]
TABLE = [("Chỉ tiêu", "Kết quả"), ("Chuyến thăm cấp cao", "12"), ("Kim ngạch (tỷ USD)", "44,9")]
TASKS = "Nhiệm vụ năm 2024"
LAST = "Năm 2024, tiếp tục triển khai hiệu quả khuôn khổ quan hệ mới, thúc đẩy hợp tác đầu tư, lao động và du lịch."
FORMATS = ("odt", "rtf", "doc")


def make_report(path: Path) -> Path:
    """Write the .docx every other format is made from: title, headings, paragraphs, a table."""
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph(HEADING, style="Heading 1")
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=len(TABLE), cols=2)
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph(TASKS, style="Heading 2")
    document.add_paragraph(LAST)
    document.save(str(path))
    return path


def soffice() -> str:
    found = doc.find_converter()
    if found is None or found[0] != "soffice":
        pytest.skip("LibreOffice (soffice) is not installed (.ci/run installs it from Debian)")
    return found[1]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the report as .docx and as the .odt, .rtf and .doc LibreOffice makes of it
    (one LibreOffice per format, each with a profile of its own, run side by side)."""
    office = soffice()
    folder = tmp_path_factory.mktemp("office")
    source = make_report(folder / "report.docx")
    runs = []
    for fmt in FORMATS:
        profile = folder / f"profile-{fmt}"
        runs.append(subprocess.Popen(
            [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
             "--outdir", str(folder / fmt), str(source)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for run in runs:
        assert run.wait(timeout=180) == 0
    files = {"docx": source} | {fmt: folder / fmt / f"report.{fmt}" for fmt in FORMATS}
    assert all(path.is_file() for path in files.values()), files
    return files


def _project(tmp_path: Path, files: dict[str, Path]) -> Cli:
    sources = tmp_path / "sources"
    sources.mkdir()
    for fmt, path in files.items():
        shutil.copy(path, sources / f"report-{fmt}.{fmt}")
    return Cli(tmp_path)


def _shown(cli: Cli, source_id: str) -> dict[str, Any]:
    shown = cli.json("show", source_id)
    return {"title": shown["title"], "body": shown["body"],
            "passages": [(p["heading"], p["text"], p["start"], p["end"]) for p in shown["passages"]]}


@pytest.mark.clients
def test_odt_rtf_and_doc_made_by_libreoffice_are_ingested_as_the_docx(converted: dict[str, Path],
                                                                      tmp_path: Path) -> None:
    cli = _project(tmp_path, converted)
    result = cli.run("ingest")
    assert "warning" not in result.stderr, result.stderr
    expected = _shown(cli, "report-docx")
    assert expected["title"] == TITLE
    assert [p[0] for p in expected["passages"]] == [HEADING] * 5 + [TASKS]
    assert "Chuyến thăm cấp cao | 12" in expected["body"] and PARAGRAPHS[0] in expected["body"]
    for fmt in FORMATS:
        assert _shown(cli, f"report-{fmt}") == expected, fmt


@pytest.mark.clients
def test_an_unchanged_doc_is_converted_once(converted: dict[str, Path], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = doc.convert_with_soffice

    def counted(path: Path, data: bytes, program: str) -> bytes:
        calls.append(len(data))
        return original(path, data, program)

    monkeypatch.setattr(doc, "convert_with_soffice", counted)
    cli = _project(tmp_path, {"doc": converted["doc"]})
    cli.run("ingest")
    assert len(calls) == 1
    cli.run("ingest")  # same size and time: not opened
    copy = tmp_path / "sources" / "report-doc.doc"
    later = time.time() + 5
    os.utime(copy, (later, later))
    cli.run("ingest")  # a new time, the same bytes: hashed, not converted
    assert len(calls) == 1
    assert cli.json("show", "report-doc")["title"] == TITLE


@pytest.mark.clients
def test_the_doc_without_a_converter_gets_one_warning_saying_to_save_it_as_docx(
        converted: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no soffice, libreoffice or antiword to be found
    root = tmp_path / "project"
    root.mkdir()
    cli = _project(root, {"docx": converted["docx"], "doc": converted["doc"]})
    result = cli.run("ingest")
    lines = [line for line in result.stderr.splitlines() if "report-doc.doc" in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("warning: sources/report-doc.doc: ") and "save it as .docx" in lines[0]
    assert [s["id"] for s in cli.json("sources")["sources"]] == ["report-docx"]


@pytest.mark.clients
def test_a_damaged_or_slow_doc_gets_its_reason_and_leaves_nothing_behind(
        converted: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    soffice()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with pytest.raises(SourceError, match="LibreOffice could not convert it"):
        doc.read(Path("hong.doc"), fake_doc())
    monkeypatch.setattr(doc, "CONVERT_TIMEOUT", 0.2)
    with pytest.raises(SourceError, match=r"did not convert it within 0.2 s; save it as .docx"):
        doc.read(Path("cham.doc"), converted["doc"].read_bytes())
    assert list(scratch.iterdir()) == []  # the temporary folders are deleted
    left = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(scratch) not in left  # and LibreOffice, killed with what it started, is gone


@pytest.mark.clients
def test_antiword_gives_the_text_and_tables_without_headings(converted: dict[str, Path],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    antiword = shutil.which("antiword")
    if antiword is None:
        pytest.skip("antiword is not installed (.ci/run installs it from Debian)")
    monkeypatch.setattr(doc, "find_converter", lambda: ("antiword", antiword))
    read = read_document(converted["doc"])
    expected = read_document(converted["docx"])
    assert [b.text for b in read.blocks] == [b.text for b in expected.blocks]
    assert {b.kind for b in read.blocks} == {"text"} and "keeps no headings" in read.warnings[0]


def fake_doc() -> bytes:
    """An OLE file with a WordDocument stream name: what the reader checks before converting."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(2000)


def test_without_a_converter_a_doc_gets_one_line_saying_to_save_it_as_docx(
        empty_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc, "find_converter", lambda: None)
    sources = empty_project / "sources"
    (sources / "cong-van.doc").write_bytes(fake_doc())
    (sources / "tin.rtf").write_bytes(b"{\\rtf1\\ansi " + rtf_escape(PARAGRAPHS[1]) + b"\\par}")
    cli = Cli(empty_project)
    result = cli.run("ingest")
    lines = [line for line in result.stderr.splitlines() if "cong-van.doc" in line]
    assert lines == [f"warning: sources/cong-van.doc: {doc.SAVE_AS_DOCX}"]
    assert "\n" not in doc.SAVE_AS_DOCX and "save it as .docx" in doc.SAVE_AS_DOCX
    assert [s["id"] for s in cli.json("sources")["sources"]] == ["tin"]


def test_a_file_named_doc_that_is_rtf_or_docx_is_read_for_what_it_is(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc, "find_converter", lambda: None)
    path = tmp_path / "a.doc"
    path.write_bytes(b"{\\rtf1\\ansi " + rtf_escape(PARAGRAPHS[0]) + b"\\par}")
    read = read_document(path)
    assert [b.text for b in read.blocks] == [PARAGRAPHS[0]] and "read as RTF" in read.warnings[-1]
    make_report(path)
    read = read_document(path)
    assert read.blocks[0].text == TITLE and "read as .docx" in read.warnings[-1]
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    with pytest.raises(SourceError, match="not a Word 97-2003 document"):
        read_document(path)  # no converter is started for an Office file without Word text


# --- RTF ------------------------------------------------------------------------------------


def rtf_escape(text: str) -> bytes:
    """Return *text* as RTF: \\uN escapes (with a "?" fallback) for everything beyond ASCII."""
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch if ch not in "\\{}" else "\\" + ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code - 65536 if code > 32767 else code}?")
    return "".join(out).encode("ascii")


def cp1258_escape(text: str) -> bytes:
    """Return *text* as \\'hh bytes of Windows-1258, as Word writes a Vietnamese document."""
    return b"".join(bytes([b]) if b < 128 else b"\\'%02x" % b for b in cp1258_bytes(text))


def test_rtf_unicode_escapes_code_pages_styles_and_tables() -> None:
    data = (
        b"{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0\\froman\\fcharset163 Times New Roman;}"
        b"{\\f1\\fswiss\\fcharset0 Arial;}}{\\colortbl;\\red0\\green0\\blue0;}"
        b"{\\stylesheet{\\ql Normal;}{\\s1\\outlinelevel0 \\b heading 1;}{\\s15 Title;}"
        b"{\\s2 Ti\\'eau \\'f0\\'ea\\'ec 2;}}"
        b"{\\info{\\title Kh\\'f4ng ph\\'e3i v\\'e3n b\\'e3n}}"
        b"{\\header \\pard Trang \\chpgn\\par}"
        b"\\pard\\plain\\s15 " + cp1258_escape(TITLE) + b"\\par"
        b"\\pard\\plain\\s1 " + rtf_escape(HEADING) + b"\\par"
        b"\\pard\\plain " + cp1258_escape(PARAGRAPHS[0]) + b"\\par "
        b"{\\uc2 \\u7879\\'3f\\'3f}u\\line " + rtf_escape(PARAGRAPHS[1]) + b"\\par"
        b"{\\*\\shppict{\\pict\\pngblip 89504e470d0a1a0a0000}}{\\listtext 1.\\tab}"
        b"\\trowd\\cellx2000\\cellx4000\\pard\\intbl " + rtf_escape(TABLE[0][0]) + b"\\cell "
        + rtf_escape(TABLE[0][1]) + b"\\cell\\row"
        b"\\trowd\\cellx2000\\cellx4000\\pard\\intbl {" + cp1258_escape(TABLE[1][0]) + b"\\par d\\u242?ng hai\\cell}"
        b"{12\\cell}\\row"
        b"\\pard\\outlinelevel1 " + rtf_escape(TASKS) + b"\\par\\pard "
        b"{\\f1 " + rtf_escape(LAST) + b"}\\par}"
    )
    read = rtf.read(Path("a.rtf"), data)
    assert [(b.kind, b.text) for b in read.blocks] == [
        ("title", TITLE), ("heading", HEADING), ("text", PARAGRAPHS[0]), ("text", "ệu"), ("text", PARAGRAPHS[1]),
        ("text", "Chỉ tiêu | Kết quả"), ("text", "Chuyến thăm cấp cao dòng hai | 12"), ("heading", TASKS),
        ("text", LAST),
    ]


def test_rtf_8bit_bytes_are_read_in_the_code_page_as_escapes_are() -> None:
    data = b"{\\rtf1\\ansi\\ansicpg1258\\pard " + cp1258_bytes(PARAGRAPHS[1]) + b"\\par}"
    assert [b.text for b in rtf.read(Path("a.rtf"), data).blocks] == [PARAGRAPHS[1]]


def test_a_heading_style_lasts_until_the_paragraph_properties_are_reset() -> None:
    data = (b"{\\rtf1{\\stylesheet{\\s3 heading 3;}}\\pard\\s3 Heading\\par Still heading\\par"
            b"\\pard Body\\par{\\pard\\s3 Inner\\par}After\\par}")
    kinds = [(b.kind, b.text) for b in rtf.read(Path("a.rtf"), data).blocks]
    assert kinds == [("heading", "Heading"), ("heading", "Still heading"), ("text", "Body"), ("heading", "Inner"),
                     ("text", "After")]


def test_fields_give_their_result_but_a_table_of_contents_is_not_body_text() -> None:
    data = (b"{\\rtf1 {\\field{\\*\\fldinst { TOC \\\\o \"1-3\"}}{\\fldrslt {M\\u7909?c l\\u7909?c\\tab 1\\par}}}"
            b"\\pard Xem {\\field{\\*\\fldinst HYPERLINK \"https://mofa.gov.vn/\"}{\\fldrslt {trang B\\u7897?}}}"
            b" nh\\'e9.\\par}")
    assert [b.text for b in rtf.read(Path("a.rtf"), data).blocks] == ["Xem trang Bộ nhé."]


@pytest.mark.parametrize(("data", "reason"), [
    (b"PK\x03\x04 not rtf at all", "not an RTF file"),
    (b"{\\rtf1 " + b"{" * 100_000 + b"x" + b"}" * 100_000 + b"}", "nested deeper than"),
    (b"{\\rtf1 {\\fonttbl" + b"{\\f1\\fnil Arial;}" * 70_000 + b"} x}", "font table larger than 1 MB"),
    (b"{\\rtf1 " + b"{}" * 1_000_001 + b"}", "groups (the limit is 1,000,000"),
])
def test_damaged_or_hostile_rtf_is_refused_quickly(data: bytes, reason: str) -> None:
    start = time.monotonic()
    with pytest.raises(SourceError, match=reason.replace("(", r"\(")):
        rtf.read(Path("bad.rtf"), data)
    assert time.monotonic() - start < 5


def test_pictures_and_binary_data_cost_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rtf, "MAX_TEXT", 64 * 1024)
    picture = b"{\\*\\shppict{\\pict\\pngblip " + b"0a1b" * 1_000_000 + b"}}"
    binary = b"{\\object{\\objdata \\bin2000000 " + b"}" * 2_000_000 + b"}}"
    read = rtf.read(Path("a.rtf"), b"{\\rtf1 " + picture + binary + b"Vi\\u7879?t Nam\\par}")
    assert [b.text for b in read.blocks] == ["Việt Nam"]
    with pytest.raises(SourceError, match="split it into smaller files"):
        rtf.read(Path("a.rtf"), b"{\\rtf1 " + b"Qu\\u7843?ng Ninh. " * 10_000 + b"}")


# --- ODT ------------------------------------------------------------------------------------

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
       'xmlns:dc="http://purl.org/dc/elements/1.1/" '
       'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')


def make_odt(body: str, prolog: str = "", mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    """Return an .odt written by hand: the mimetype, content.xml holding *body*, meta.xml."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {_NS} office:version="1.3">'
               '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" '
               'style:parent-style-name="Title"/><style:style style:name="P2" style:family="paragraph" '
               'style:parent-style-name="Heading_20_2"/></office:automatic-styles>'
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_NS}><office:meta>'
            "<dc:title>Báo cáo</dc:title><meta:initial-creator>Vụ Tổng hợp</meta:initial-creator>"
            "</office:meta></office:document-meta>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        package.writestr("content.xml", content)
        package.writestr("meta.xml", meta)
    return buffer.getvalue()


def test_odt_headings_tables_lists_and_what_is_not_body_text() -> None:
    body = (
        f'<text:tracked-changes><text:changed-region><text:deletion><text:p>ĐÃ-XÓA</text:p></text:deletion>'
        f'</text:changed-region></text:tracked-changes>'
        f'<text:p text:style-name="P1">{TITLE}</text:p>'
        f'<text:table-of-content><text:index-body><text:p>MỤC-LỤC 1</text:p></text:index-body></text:table-of-content>'
        f'<text:h text:outline-level="1"><text:number>I.</text:number>{HEADING}</text:h>'
        f'<text:p>Năm 2023,<text:s text:c="3"/>hai nước<text:note><text:note-citation>1</text:note-citation>'
        f'<text:note-body><text:p>CHÚ-THÍCH</text:p></text:note-body></text:note> kỷ niệm<text:tab/>50 năm'
        f'<office:annotation><text:p>GHI-CHÚ</text:p></office:annotation>.<text:line-break/>Dòng hai.</text:p>'
        f'<text:list><text:list-item><text:p>Mục một</text:p></text:list-item></text:list>'
        f'<table:table><table:table-column/><table:table-header-rows><table:table-row>'
        f'<table:table-cell><text:p>{TABLE[0][0]}</text:p></table:table-cell>'
        f'<table:table-cell><text:p>{TABLE[0][1]}</text:p></table:table-cell></table:table-row></table:table-header-rows>'
        f'<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Gộp</text:p>'
        f'<text:p>hai ô</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>'
        f'<text:section><text:p text:style-name="P2">{TASKS}</text:p><text:p>{LAST}</text:p></text:section>'
    )
    read = odt.read(Path("a.odt"), make_odt(body))
    assert [(b.kind, b.text) for b in read.blocks] == [
        ("title", TITLE), ("heading", HEADING), ("text", "Năm 2023, hai nước kỷ niệm 50 năm."), ("text", "Dòng hai."),
        ("text", "Mục một"), ("text", "Chỉ tiêu | Kết quả"), ("text", "Gộp hai ô"), ("heading", TASKS), ("text", LAST),
    ]
    assert read.format_meta == {"title": "Báo cáo", "author": "Vụ Tổng hợp"}


def odt_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        with package.open("content.xml", "w") as entry:
            for _ in range(24):
                entry.write(b" " * (1024 * 1024))
    return buffer.getvalue()


_LAUGHS = ('<!DOCTYPE office:document-content [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')


def test_damaged_and_hostile_files_get_one_warning_each_and_the_rest_is_indexed(empty_project: Path) -> None:
    sources = empty_project / "sources"
    good = {
        "bao-cao.odt": make_odt(f"<text:h>{HEADING}</text:h><text:p>{PARAGRAPHS[0]}</text:p>"),
        "tin.rtf": b"{\\rtf1\\ansi\\ansicpg1258 " + cp1258_escape(PARAGRAPHS[1]) + b"\\par}",
    }
    whole = make_odt(f"<text:p>{PARAGRAPHS[1]}</text:p>")
    bad = {
        "cut.odt": (whole[: len(whole) // 2], "not a valid .odt"),
        "bomb.odt": (odt_bomb(), "zip bomb"),
        "laughs.odt": (make_odt("<text:p>&c;</text:p>", _LAUGHS), "declares a DTD"),
        "sheet.odt": (make_odt("<text:p>x</text:p>", mimetype="application/vnd.oasis.opendocument.spreadsheet"),
                      "not an OpenDocument text"),
        "broken-xml.odt": (make_odt("<text:p>unclosed"), "not a valid .odt"),
        "deep.rtf": (b"{\\rtf1 " + b"{" * 50_000 + b"}" * 50_000 + b"}", "nested deeper"),
        "binary.rtf": (bytes(range(256)) * 20, "not an RTF file"),
    }
    for name, data in good.items():
        (sources / name).write_bytes(data)
    for name, (data, _) in bad.items():
        (sources / name).write_bytes(data)
    cli = Cli(empty_project)
    result = cli.run("ingest")
    for name, (_, reason) in bad.items():
        mine = [line for line in result.stderr.splitlines() if f"sources/{name}:" in line]
        assert len(mine) == 1 and reason in mine[0], (name, mine)
    listed = cli.json("sources")
    assert {Path(s["path"]).name for s in listed["sources"]} == set(good)
    assert cli.json("show", "tin")["body"] == PARAGRAPHS[1]  # Windows-1258 bytes as Unicode (NFC)
