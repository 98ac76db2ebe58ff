"""Issue 17: Word drafts staff can edit and check, the official form complete, and the files
offices really have.

One draft of the 2018 pack, with a [document] table and --draft, is built once (with the
LibreOffice page-number pass where LibreOffice is installed) and shared by the tests here;
LibreOffice's PDF of it is made once too.
"""

from __future__ import annotations

import json
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
from docx.oxml.ns import qn
from pypdf import PdfReader

from briefgen.config import load_config
from briefgen.errors import ConfigError
from briefgen.jobs import read_batch
from briefgen.rendering import layout

from .conftest import BUNDLED, Cli

EPOCH = "1736121600"  # 2025-01-06
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = """
[document]
parent = "Bộ Ngoại giao"
issuer = "Vụ Tổng hợp Kinh tế"
number = "12"
symbol = "THKT"
recipients = ["Bộ trưởng (để b/c)", "Các Thứ trưởng (để b/c)", "Lưu: VT, THKT"]
authority = "KT. Vụ trưởng"
signer_title = "Phó Vụ trưởng"
signer_name = "Nguyễn Văn An"
"""


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it from Debian)")
    return path


def _office() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed (.ci/run installs it from Debian)")
    return found


PROFILE: list[Path] = []  # one LibreOffice profile for this module's conversions (made once, reused)


def _profile(folder: Path) -> str:
    if not PROFILE:
        PROFILE.append(folder / "lo-profile")
    return f"-env:UserInstallation={PROFILE[0].as_uri()}"


def _to_pdf(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([_office(), "--headless", _profile(folder),
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)], check=True, capture_output=True,
                   timeout=180)
    return folder / (source.stem + ".pdf")


def _text(pdf: Path, first: int | None = None, last: int | None = None, layout_mode: bool = False) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run([_tool("pdftotext"), *(["-layout"] if layout_mode else []), *pages, str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("word")
    shutil.copytree(BUNDLED, root / "sources")
    (root / "briefgen.toml").write_text(DOCUMENT, encoding="utf-8")
    saved = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", "BRIEFGEN_DOCX_PAGES")}
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    os.environ["BRIEFGEN_DOCX_PAGES"] = "on"  # the one build of the suite that runs the LibreOffice pass
    try:
        cli = Cli(root)
        result = cli.run("build", "--year", "2018", "--draft", "--format", "pdf", "--format", "docx",
                         "--output", str(root / "out"))
    finally:
        if saved["BRIEFGEN_DOCX_PAGES"] is None:
            os.environ.pop("BRIEFGEN_DOCX_PAGES", None)
        else:
            os.environ["BRIEFGEN_DOCX_PAGES"] = saved["BRIEFGEN_DOCX_PAGES"] or ""
    try:
        yield {"cli": cli, "root": root, "docx": root / "out" / "2018-year-review.docx",
               "pdf": root / "out" / "2018-year-review.pdf", "stderr": result.stderr}
    finally:
        if saved["SOURCE_DATE_EPOCH"] is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved["SOURCE_DATE_EPOCH"] or ""


@pytest.fixture(scope="module")
def office_pdf(draft: dict[str, Any]) -> Path:
    """LibreOffice's PDF of the draft (made once)."""
    return _to_pdf(draft["docx"], draft["root"] / "office")


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def _notes(path: Path) -> dict[str, str]:
    """Return each footnote's text by id (the separators left out)."""
    from lxml import etree

    root = etree.fromstring(_part(path, "word/footnotes.xml").encode())
    return {n.get(f"{W}id"): "".join(t.text or "" for t in n.iter(f"{W}t")).strip()
            for n in root.iter(f"{W}footnote") if n.get(f"{W}type") is None}


# -- 1. one numbering ------------------------------------------------------------------------


def test_every_citation_is_a_footnote_holding_the_reference_itself(draft: dict[str, Any]) -> None:
    document = docx.Document(str(draft["docx"]))
    body = document.element.body
    marks = [m.get(f"{W}id") for m in body.iter(f"{W}footnoteReference")]
    notes = _notes(draft["docx"])
    assert len(marks) >= 20 and sorted(marks, key=int) == sorted(notes, key=int)
    heading = next(n for n, p in enumerate(document.paragraphs) if p.text == "TÀI LIỆU THAM KHẢO")
    listed = [p.text for p in document.paragraphs[heading + 1:] if p.text.strip()][:2]
    assert len(listed) == 2  # the bundled 2018 pack cites two sources
    assert not any(re.match(r"\s*\[\d+\]", text) for text in listed)  # the list is unnumbered...
    assert listed == sorted(listed, key=lambda t: unicodedata.normalize("NFD", t).casefold())  # ...and sorted
    for text in notes.values():
        for part in text.split("; "):
            assert any(entry.startswith(part.rstrip(".")) for entry in listed), text  # the reference itself
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert not any(re.search(r"\[\d+\]", text) for text in [*notes.values(), *cells])  # no list number anywhere
    figures = next(t for t in document.tables if t.rows[0].cells[-1].text == "Nguồn")
    for row in figures.rows[1:]:
        cell = row.cells[-1]._tc
        assert list(cell.iter(f"{W}footnoteReference")) and not row.cells[-1].text.strip()  # a footnote, no "[2]"


def test_a_note_links_its_url_through_the_notes_part(tmp_path: Path) -> None:
    shutil.copytree(BUNDLED, tmp_path / "sources")
    (tmp_path / "sources" / "000_592d6e36579822d6.meta.toml").write_text(
        'url = "https://baochinhphu.vn/ngoai-giao-da-phuong-2019.htm"\n', encoding="utf-8")
    Cli(tmp_path).run("build", "--year", "2018", "--format", "docx", "--output", str(tmp_path / "out"))
    path = tmp_path / "out" / "2018-year-review.docx"
    notes, rels = _part(path, "word/footnotes.xml"), _part(path, "word/_rels/footnotes.xml.rels")
    links = re.findall(r'<w:hyperlink[^>]* r:id="(rId\d+)"', notes)
    assert links and all(re.search(f'Id="{rid}"[^>]*Target="https://baochinhphu.vn/ngoai-giao-da-phuong-2019.htm"'
                                   f'|Target="https://baochinhphu.vn/[^"]*"[^>]*Id="{rid}"', rels) for rid in links)
    assert "Hải Minh" in next(t for t in _notes(path).values() if "baochinhphu.vn" in t)


def test_the_pdf_keeps_numbered_references(draft: dict[str, Any]) -> None:
    text = flat("".join(page.extract_text() for page in PdfReader(draft["pdf"]).pages))
    assert "[1] " in text and "[2]" in text


@pytest.mark.clients
def test_pandoc_and_libreoffice_show_one_numbering(draft: dict[str, Any], office_pdf: Path) -> None:
    markdown = subprocess.run([_tool("pandoc"), "-f", "docx", "-t", "markdown", str(draft["docx"])], check=True,
                              capture_output=True, text=True).stdout
    assert re.search(r"^\[\^1\]: ", markdown, re.M) and "[^20]" in markdown
    assert not re.search(r"\\\[\d+\\\]", markdown)  # no "[n]" in the text, the notes or the table
    text = _text(office_pdf)
    assert not re.search(r"\[\d+\]", text)
    assert "Hải Minh, Tiếp tục nâng tầm ngoại giao đa phương" in flat(text)  # a note's text is the reference


# -- 2. contents with page numbers, tables, thumbnail -------------------------------------------


@pytest.mark.clients
def test_libreoffice_shows_contents_with_the_pages_of_the_headings(draft: dict[str, Any], office_pdf: Path) -> None:
    reader = PdfReader(office_pdf)
    landed: list[tuple[str, int]] = []

    def walk(outline: list[Any]) -> None:
        for entry in outline:
            if isinstance(entry, list):
                walk(entry)
            else:
                landed.append((flat(entry.title), (reader.get_destination_page_number(entry) or 0) + 1))

    walk(reader.outline)
    shown = [(flat(m.group(1)), int(m.group(2)))
             for m in re.finditer(r"^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", _text(office_pdf, 1, 1, True), re.M)]
    assert len(shown) >= 10 and shown == landed
    assert len({page for _, page in shown}) >= 3
    with zipfile.ZipFile(draft["docx"]) as package:
        assert package.read("docProps/thumbnail.png").startswith(b"\x89PNG")  # the first page, not a blank one
        assert "docProps/thumbnail.jpeg" not in package.namelist()
    assert "page numbers" not in draft["stderr"]


def test_without_libreoffice_the_contents_have_no_numbers_and_the_build_says_so(
        draft: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFGEN_DOCX_PAGES", "on")
    monkeypatch.setattr(layout.shutil, "which", lambda name: None)
    result = draft["cli"].run("build", "--year", "2018", "--format", "docx", "--output", str(tmp_path))
    assert "warning: year 2018: the Word contents carry no page numbers: LibreOffice (soffice) was not found" \
        in result.stderr
    document = docx.Document(str(tmp_path / "2018-year-review.docx"))
    toc = [p for p in document.paragraphs if p.style.name.startswith("toc")]
    assert toc and not any(p._p.xpath(".//w:r/w:tab") for p in toc)  # no tab, no page number
    numbered = docx.Document(str(draft["docx"]))
    pages = [p for p in numbered.paragraphs if p.style.name.startswith("toc")]
    if shutil.which("soffice") or shutil.which("libreoffice"):  # the shared draft was built with the pass
        assert all(re.search(r"\t\d+$", p.text) for p in pages), [p.text for p in pages]
    assert 'w:updateFields w:val="true"' in _part(tmp_path / "2018-year-review.docx", "word/settings.xml")
    monkeypatch.setenv("BRIEFGEN_DOCX_PAGES", "off")  # switched off: no pass, no warning
    quiet = draft["cli"].run("build", "--year", "2018", "--format", "docx", "--output", str(tmp_path))
    assert "page numbers" not in quiet.stderr


def test_table_header_rows_repeat_and_rows_do_not_split(draft: dict[str, Any]) -> None:
    document = docx.Document(str(draft["docx"]))
    figures = next(t for t in document.tables if t.rows[0].cells[-1].text == "Nguồn")
    rows = [r._tr.trPr for r in figures.rows]
    assert rows[0].find(qn("w:tblHeader")) is not None
    assert all(r is not None and r.find(qn("w:cantSplit")) is not None for r in rows)


# -- 3. the official form -----------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [flat(line) for line in text.splitlines() if line.strip()]


@pytest.mark.clients
def test_first_and_last_page_carry_the_decree_30_form(draft: dict[str, Any], office_pdf: Path) -> None:
    """The number-and-symbol line under the issuer, the draft mark, the recipients and the
    signature, in the PDF and in LibreOffice's PDF of the DOCX (and as PNG pages to look at)."""
    for pdf in (draft["pdf"], office_pdf):
        pages = len(PdfReader(pdf).pages)
        first = _text(pdf, 1, 1, True)
        lines = _lines(first)
        issuer = next(n for n, line in enumerate(lines) if "VỤ TỔNG HỢP KINH TẾ" in line)
        number = next(n for n, line in enumerate(lines) if "Số: 12/BC-THKT" in line)
        parent = next(n for n, line in enumerate(lines) if line.startswith("BỘ NGOẠI GIAO"))
        assert parent < issuer < number and "DỰ THẢO" in lines[0]
        assert re.search(r"^\s{0,12}Số: 12/BC-THKT", first, re.M)  # in the left column
        last = _text(pdf, pages, pages, True)
        assert re.search(r"^\s{0,4}Nơi nhận:\s+KT\. VỤ TRƯỞNG", last, re.M), last  # side by side
        assert re.search(r"^\s{0,4}- Lưu: VT, THKT\.", last, re.M)
        assert re.search(r"^\s{20,}Nguyễn Văn An\s*$", last, re.M)  # the name on the right, under the title
        title = next(n for n, x in enumerate(_lines(last)) if x.endswith("PHÓ VỤ TRƯỞNG"))
        assert title < next(n for n, x in enumerate(_lines(last)) if "Nguyễn Văn An" in x)
        subprocess.run([_tool("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                        str(pdf.with_name(pdf.stem + "-first"))], check=True)
        subprocess.run([_tool("pdftoppm"), "-png", "-r", "60", "-f", str(pages), "-l", str(pages), str(pdf),
                        str(pdf.with_name(pdf.stem + "-last"))], check=True)
        assert list(pdf.parent.glob(pdf.stem + "-first*.png")) and list(pdf.parent.glob(pdf.stem + "-last*.png"))


def test_document_settings_are_checked(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert (config.issuer, config.place, config.document.number) == ("BỘ NGOẠI GIAO", "Hà Nội", "")
    (tmp_path / "briefgen.toml").write_text('issuer = "Vụ Châu Âu"\nplace = "Huế"\n', encoding="utf-8")
    assert (load_config(tmp_path).issuer, load_config(tmp_path).place) == ("Vụ Châu Âu", "Huế")  # as before
    (tmp_path / "briefgen.toml").write_text(DOCUMENT, encoding="utf-8")
    config = load_config(tmp_path)
    assert config.issuer == "Vụ Tổng hợp Kinh tế" and config.document.recipients[-1] == "Lưu: VT, THKT"
    for text, named in (("[document]\nsigner = \"A\"\n", "'document.signer'"),
                        ('[document]\nsigner_name = "A\\nB"\n', "'document.signer_name'"),
                        ('[document]\nrecipients = ["A", "B\\tC"]\n', "'document.recipients'"),
                        ("[document]\nnumber = 12\n", "'document.number'"),
                        ('issuer = "A\\u0007"\n', "'issuer'")):
        (tmp_path / "briefgen.toml").write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=re.escape(named)):
            load_config(tmp_path)
    batch = tmp_path / "packs.toml"
    batch.write_text("[[pack]]\nyear = 2018\ndraft = true\n[[pack]]\nyear = 2018\ndraft = \"yes\"\n", "utf-8")
    (tmp_path / "briefgen.toml").unlink()
    good, bad = read_batch(batch, load_config(tmp_path))
    assert good.draft and not good.problem and bad.problem and "'draft' must be true or false" in bad.problem


def test_without_document_settings_the_first_page_is_as_before(draft: dict[str, Any], tmp_path: Path) -> None:
    root = draft["root"]
    saved = (root / "briefgen.toml").read_text(encoding="utf-8")
    (root / "briefgen.toml").unlink()
    try:
        draft["cli"].run("build", "--year", "2018", "--format", "pdf", "--format", "docx", "--output", str(tmp_path))
    finally:
        (root / "briefgen.toml").write_text(saved, encoding="utf-8")
    first = flat(PdfReader(tmp_path / "2018-year-review.pdf").pages[0].extract_text())
    assert "BỘ NGOẠI GIAO" in first and "Số:" not in first and "DỰ THẢO" not in first
    document = docx.Document(str(tmp_path / "2018-year-review.docx"))
    assert not any("Nơi nhận" in c.text for t in document.tables for r in t.rows for c in r.cells)


# -- 4. --reference-docx --------------------------------------------------------------------------


def _custom_template(folder: Path) -> Path:
    template = docx.Document()
    template.styles["Normal"].font.name = "Arial"
    template.sections[0].left_margin = docx.shared.Mm(25)
    template.sections[0].header.paragraphs[0].text = "Văn phòng Bộ — mẫu"
    template.add_paragraph("nội dung mẫu")
    folder.mkdir(parents=True, exist_ok=True)
    template.save(str(folder / "custom.docx"))
    return folder / "custom.docx"


def _check_built(path: Path) -> None:
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    document = docx.Document(str(path))
    assert document.styles["Normal"].font.name == "Arial"
    assert round(document.sections[0].left_margin.mm) == 25
    assert document.sections[0].header.paragraphs[0].text == "Văn phòng Bộ — mẫu"
    assert document.core_properties.title == "Kết quả công tác đối ngoại năm 2018"
    assert "nội dung mẫu" not in [p.text for p in document.paragraphs]


@pytest.mark.clients
def test_reference_docx_saved_by_libreoffice_both_ways(draft: dict[str, Any], tmp_path: Path) -> None:
    source = _custom_template(tmp_path)
    for n, target in enumerate(("docx", "docx:Office Open XML Text")):
        folder = tmp_path / f"lo{n}"
        subprocess.run([_office(), "--headless", _profile(tmp_path), "--convert-to", target, "--outdir", str(folder),
                        str(source)], check=True, capture_output=True, timeout=180)
        template = folder / "custom.docx"
        assert 'officedocument/2006/relationships/metadata/core-properties' in _part(template, "_rels/.rels")
        out = tmp_path / f"out{n}"
        result = draft["cli"].run("build", "--year", "2018", "--format", "docx", "--reference-docx", str(template),
                                  "--output", str(out))
        assert "Duplicate" not in result.stderr
        _check_built(out / "2018-year-review.docx")


def test_reference_docx_from_google_docs_and_word(draft: dict[str, Any], tmp_path: Path) -> None:
    """Google Docs writes no docProps and no settings part; Word may write an entry name twice."""
    made = _custom_template(tmp_path)
    google = tmp_path / "google.docx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(google, "w") as target:
        for item in source.infolist():
            if item.filename.startswith("docProps/") or item.filename == "word/settings.xml":
                continue
            data = source.read(item.filename)
            if item.filename.endswith(".rels"):
                data = re.sub(rb'<Relationship [^>]*(?:docProps/|"settings.xml)[^>]*/>', b"", data)
            if item.filename == "[Content_Types].xml":
                data = re.sub(rb'<Override [^>]*(?:docProps/|/word/settings.xml)[^>]*/>', b"", data)
            target.writestr(item.filename, data)
    draft["cli"].run("build", "--year", "2018", "--format", "docx", "--reference-docx", str(google),
                     "--output", str(tmp_path / "google"))
    _check_built(tmp_path / "google" / "2018-year-review.docx")


def test_an_odt_or_a_text_file_as_template_gets_one_line(draft: dict[str, Any], tmp_path: Path) -> None:
    odt = tmp_path / "mau.odt"
    with zipfile.ZipFile(odt, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
    text = tmp_path / "mau.docx"
    text.write_text("không phải Word\n", encoding="utf-8")
    for template, says in ((odt, "an OpenDocument file (.odt), not a .docx"), (text, "not a Word document")):
        result = draft["cli"].run("build", "--year", "2018", "--format", "docx", "--reference-docx", str(template),
                                  "--output", str(tmp_path / "out"), code=None)
        lines = result.stderr.strip().splitlines()
        assert result.exit_code != 0 and len(lines) == 1, result.stderr
        assert str(template) in lines[0] and says in lines[0] and "--reference-docx needs a Word document" in lines[0]
        assert "Traceback" not in result.output and "KeyError" not in result.stderr


# -- 6. verify ------------------------------------------------------------------------------------


def _quoted_paragraphs(document: Any) -> list[Any]:
    """Return the body paragraphs (not bullets) with a footnote: the results quoted from sources."""
    return [p for p in document.paragraphs if p.style.name == "Normal" and list(p._p.iter(f"{W}footnoteReference"))]


def _edit(source: Path, target: Path) -> dict[str, str]:
    """Save a copy of the draft with four edits made as python-docx makes them: one quoted
    paragraph reworded, one moved to another section, one citation deleted, one uncited
    paragraph added; return the texts of the moved and the uncited one."""
    document = docx.Document(str(source))
    quoted = _quoted_paragraphs(document)
    assert len(quoted) >= 3, "the draft quotes too few body paragraphs to edit three of them"
    reworded, moved, uncited = quoted[0], quoted[len(quoted) // 2], quoted[-1]
    run = next(r for r in reworded.runs if len(r.text.split()) > 5)
    words = run.text.split(" ")
    run.text = " ".join([*words[:3], "về cơ bản", *words[3:]])
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    next(p for p in headings if "NHIỆM VỤ ĐỀ RA CHO NĂM" in p.text)._p.addnext(moved._p)
    for element in list(uncited._p.iter(f"{W}r")):
        if element.find(f"{W}footnoteReference") is not None:
            element.getparent().remove(element)
    added = document.add_paragraph("Đề nghị Vụ bổ sung số liệu quý IV trước khi trình.")
    next(p for p in headings if "NHIỆM VỤ" in p.text)._p.addnext(added._p)
    document.save(str(target))
    return {"moved": flat(moved.text), "uncited": flat(uncited.text)}


def _four(cli: Cli, edited: Path, texts: dict[str, str]) -> None:
    result = cli.run("verify", str(edited), "--json", code=1)
    findings = [f for f in json.loads(result.stdout)["findings"] if f["status"] != "verbatim" or f["moved"]]
    by_status = {f["status"] + ("+moved" if f["moved"] else ""): f for f in findings}
    assert sorted(by_status) == ["citation_lost", "edited", "new", "verbatim+moved"], findings
    assert "{+về cơ bản+}" in by_status["edited"]["diff"] and by_status["edited"]["passages"]
    assert by_status["verbatim+moved"]["text"] == texts["moved"]
    assert "NHIỆM VỤ ĐỀ RA CHO NĂM" in by_status["verbatim+moved"]["section"]
    assert by_status["verbatim+moved"]["moved_from"] != by_status["verbatim+moved"]["section"]
    assert by_status["citation_lost"]["text"] == texts["uncited"]
    assert by_status["new"]["text"].startswith("Đề nghị Vụ") and "NHIỆM VỤ" in by_status["new"]["section"]


def test_verify_reports_each_edit_and_nothing_on_the_untouched_draft(draft: dict[str, Any], tmp_path: Path) -> None:
    cli = draft["cli"]
    untouched = cli.run("verify", str(draft["docx"]), "--json")
    report = json.loads(untouched.stdout)
    assert report["ok"] and report["counts"]["verbatim"] >= 20
    assert [f for f in report["findings"] if f["status"] != "verbatim" or f["moved"]] == []
    plain = cli.run("verify", str(draft["docx"]))
    assert "verbatim" in plain.stdout and len(plain.stdout.strip().splitlines()) == 1

    edited = tmp_path / "edited.docx"
    texts = _edit(draft["docx"], edited)
    _four(cli, edited, texts)
    text = cli.run("verify", str(edited), code=1).stdout
    assert "1 edited" in text and "1 moved" in text and "1 lost its citation" in text and "1 new and uncited" in text

    # the reworded paragraph marked as the editor's own wording: not checked, exit 0
    document = docx.Document(str(edited))
    mine = next(p for p in _quoted_paragraphs(document) if "về cơ bản" in p.text)
    mine.style = document.styles["Ý kiến biên tập"]
    document.save(str(edited))
    calm = json.loads(cli.run("verify", str(edited), "--json").stdout)
    assert calm["ok"] and calm["counts"]["editor"] == 1 and calm["counts"]["edited"] == 0


@pytest.mark.clients
def test_verify_reads_a_draft_saved_again_by_libreoffice(draft: dict[str, Any], tmp_path: Path) -> None:
    """LibreOffice keeps only the first bookmark of the notes when it saves a DOCX; the one
    round each note's mark in the text carries the paragraph instead."""
    edited = tmp_path / "edited.docx"
    texts = _edit(draft["docx"], edited)
    for source, folder in ((draft["docx"], tmp_path / "plain"), (edited, tmp_path / "lo")):
        subprocess.run([_office(), "--headless", _profile(tmp_path), "--convert-to", "docx", "--outdir", str(folder),
                        str(source)], check=True, capture_output=True, timeout=180)
    assert json.loads(draft["cli"].run("verify", str(tmp_path / "plain" / draft["docx"].name), "--json").stdout)["ok"]
    _four(draft["cli"], tmp_path / "lo" / "edited.docx", texts)


def test_verify_refuses_a_file_briefgen_did_not_build(draft: dict[str, Any], tmp_path: Path) -> None:
    other = docx.Document()
    other.add_paragraph("x")
    other.save(str(tmp_path / "other.docx"))
    result = draft["cli"].run("verify", str(tmp_path / "other.docx"), code=2)
    assert "no briefgen record" in result.stderr and len(result.stderr.strip().splitlines()) == 1
