"""A pack's chart, as a reader meets it in each format: drawn once (briefgen.rendering.chart)
and given as vectors in the PDF, a PNG picture in the DOCX, SVG for a web page and a table in
the Markdown, with the same bars in the same order everywhere."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from briefgen.annotate.themes import load_taxonomy
from briefgen.build import render_formats
from briefgen.config import load_config
from briefgen.model import Citation, FigureRow, Item, Pack, Reference, Section
from briefgen.rendering import chart, doctree, docx, pdf, templating
from briefgen.rendering.doctree import Chart
from briefgen.text import plain_number

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# One measure across years, labelled the way an editor might: Vietnamese words with tones.
FDI = Chart("Vốn đầu tư nước ngoài giải ngân (tỷ USD)",
            ("Năm 2019", "Năm 2020", "Năm 2021", "Năm 2022 (ước tính)"), (20.38, 19.98, 19.74, 22.4))
FDI_VALUES = ("20,38", "19,98", "19,74", "22,4")
REMITTANCES = {2019: 16.7e9, 2020: 17.2e9, 2021: 18.1e9, 2022: 19.3e9, 2023: 16.25e9}


def year_pack() -> Pack:
    """Return a year pack whose key figures give one measure (remittances, in USD) for five years."""
    cite = Citation(number=1, source_id="kieu-hoi", passage=1)
    rows = tuple(FigureRow(text=f"kiều hối về Việt Nam năm {year}", value=value, unit="USD", qualifier=None,
                           kind="money", year=year, sentence=f"Kiều hối về Việt Nam năm {year} đạt "
                           f"{plain_number(value / 1e9)} tỷ USD.", citations=(cite,), measure="kiều hối (USD)")
                 for year, value in REMITTANCES.items())
    point = Item(text="Kiều hối về Việt Nam năm 2023 đạt 16,25 tỷ USD.", citations=(cite,), source_id="kieu-hoi",
                 passage=1, kind="result", years=(2023,), themes=())
    reference = Reference(number=1, source_id="kieu-hoi", path="sources/kieu-hoi.txt",
                          title="Kiều hối về Việt Nam qua các năm", outlet="Báo Quốc tế", author=None,
                          published="2024-01-05", published_certainty="exact", url=None)
    return Pack(kind="year", scope="2023", title_vi="Tổng kết năm 2023", title_en="2023 review",
                sections=(Section("key_points", items=(point,)), Section("key_figures", figures=rows)),
                references=(reference,), year=2023)


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The year pack through the whole renderer, and its document tree holding the FDI chart
    instead of its own, as PDF and DOCX."""
    root = tmp_path_factory.mktemp("chart-project")
    config = dataclasses.replace(load_config(root), docx_pages=False, build_date=dt.date(2024, 1, 10))
    pack = year_pack()
    files = render_formats(pack, config, ["pdf", "docx", "md"])
    taxonomy = load_taxonomy(config.themes)
    labels = {t.id: t.label("vi") for t in taxonomy.themes}
    document = doctree.build(templating.markdown(pack, config, taxonomy), pack, labels)
    with_fdi = dataclasses.replace(document, charts={"measure_by_year": FDI})
    return {"files": files, "document": document,
            "fdi_pdf": pdf.render(with_fdi, "Tác giả", config.build_date),
            "fdi_docx": docx.render(with_fdi, "Tác giả", config.build_date, page_numbers=False)}


def chart_page(data: bytes, caption: str) -> Any:
    """Return the one PDF page that shows the chart with this caption."""
    pages = [page for page in PdfReader(io.BytesIO(data)).pages if caption in (page.extract_text() or "")]
    assert len(pages) == 1, f"{len(pages)} pages carry the caption {caption!r}"
    return pages[0]


def images(page: Any) -> list[str]:
    """Return the names of the raster images a PDF page draws (in its forms too)."""
    found: list[str] = []

    def walk(resources: Any) -> None:
        xobjects = (resources or {}).get("/XObject") or {}
        for name, ref in xobjects.items():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.append(name)
            elif xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    walk(page.get("/Resources"))
    return found


def pdf_words(page: Any) -> list[tuple[float, float, str]]:
    """Return each piece of text on a PDF page with where it stands (x, y from the bottom)."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def svg_words(text: str) -> list[tuple[float, float, str]]:
    """Return each text of an SVG drawing with where reportlab placed it (where it starts, and
    its baseline from the bottom)."""
    found: list[tuple[float, float, str]] = []

    def walk(element: ET.Element, x: float, y: float) -> None:
        moved = re.search(r"matrix\(([^)]*)\)", element.get("transform", ""))
        if moved:
            *_, e, f = (float(n) for n in moved.group(1).split(","))  # reportlab only moves groups
            x, y = x + e, y + f
        if element.tag == SVG + "text" and (element.text or "").strip():
            found.append((x + float(element.get("x", 0)), y, (element.text or "").strip()))
        for child in element:
            walk(child, x, y)

    walk(ET.fromstring(text), 0.0, 0.0)
    return found


def bars(words: list[tuple[float, float, str]], labels: tuple[str, ...]) -> list[tuple[str, str]]:
    """Return the bars as a reader sees them, top to bottom: each label with the number written
    on its row, to the right of it."""
    rows = []
    for label in labels:
        [(x, y, _)] = [w for w in words if w[2] == label]
        beside = sorted((wx, text) for wx, wy, text in words if abs(wy - y) < 4 and wx > x and text != label)
        rows.append((y, label, beside[0][1] if beside else ""))
    return [(label, value) for _, label, value in sorted(rows, reverse=True)]


def test_the_pdf_draws_the_chart_as_vectors_with_its_words_as_text(packs: dict[str, Any]) -> None:
    page = chart_page(packs["fdi_pdf"], FDI.title)
    assert images(page) == []
    words = pdf_words(page)
    assert bars(words, FDI.labels) == list(zip(FDI.labels, FDI_VALUES, strict=True))
    text = page.extract_text()
    assert "Năm 2022 (ước tính)" in text and "22,4" in text and "22.4" not in text
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}
    assert fonts and all(name.startswith("LiberationSerif") for name in fonts)  # the bundled face, no Helvetica


def test_the_docx_shows_the_chart_as_a_png_picture(packs: dict[str, Any]) -> None:
    with zipfile.ZipFile(io.BytesIO(packs["fdi_docx"])) as word:
        media = [name for name in word.namelist() if name.startswith("word/media/")]
        assert len(media) == 1 and media[0].endswith(".png")
        data = word.read(media[0])
        body = word.read("word/document.xml").decode()
    assert data.startswith(PNG_SIGNATURE)
    picture = Image.open(io.BytesIO(data)).convert("RGB")
    width, height = picture.size
    assert width == 1400 and 250 <= height <= 700  # four bars, wider than tall
    counted: dict[tuple[int, ...], int] = {tuple(colour): n  # type: ignore[arg-type]
                                           for n, colour in picture.getcolors(maxcolors=width * height) or []}
    bar = tuple(round(c * 255) for c in chart.BAR_COLOUR.rgb())
    assert counted.get(bar, 0) > width * height * 0.15  # the bars are there
    dark = sum(n for colour, n in counted.items() if max(colour) < 80)
    assert dark > 2000  # and the labels, the numbers and the axis
    assert 'cx="5400000"' in body  # placed 15 cm wide (EMU)


def test_the_svg_holds_the_labels_the_values_and_the_title() -> None:
    text = chart.svg(FDI)
    assert text is not None
    root = ET.fromstring(text)
    assert root.tag == SVG + "svg" and root.findtext(SVG + "title") == FDI.title
    words = svg_words(text)
    assert bars(words, FDI.labels) == list(zip(FDI.labels, FDI_VALUES, strict=True))
    assert chart.FONT not in text  # a browser is given fonts it knows
    assert "Liberation Serif" in text


def test_every_format_shows_the_same_bars_in_the_same_order(packs: dict[str, Any]) -> None:
    made = packs["document"].chart("measure_by_year")
    assert made is not None and made.labels == ("2019", "2020", "2021", "2022", "2023")
    expected = [("2019", "16,7"), ("2020", "17,2"), ("2021", "18,1"), ("2022", "19,3"), ("2023", "16,25")]
    page = chart_page(packs["files"]["pdf"], made.title)
    assert images(page) == []
    assert bars(pdf_words(page), made.labels) == expected
    svg = chart.svg(made)
    assert svg is not None and bars(svg_words(svg), made.labels) == expected
    rows = re.findall(r"^\| (\d{4}) \| ([\d.,]+) \|$", packs["files"]["md"].decode(), re.M)
    assert rows == expected
    with zipfile.ZipFile(io.BytesIO(packs["files"]["docx"])) as word:
        [media] = [name for name in word.namelist() if name.startswith("word/media/")]
        picture = Image.open(io.BytesIO(word.read(media)))
    drawn = chart.drawing(made, chart.PICTURE_WIDTH)
    assert drawn is not None
    assert abs(picture.size[1] / picture.size[0] - drawn.height / drawn.width) < 0.01  # the same drawing


def test_a_chart_with_nothing_to_show_is_left_out() -> None:
    empty = Chart("Kiều hối (tỷ USD)", ("2019", "2020", "2021"), (0.0, 0.0, 0.0))
    assert chart.drawing(empty, 400) is None and chart.png(empty) is None and chart.svg(empty) is None


def test_a_long_label_is_cut_and_many_bars_keep_the_largest() -> None:
    long_label = "Đầu tư trực tiếp nước ngoài đăng ký mới tại các tỉnh Đồng bằng sông Cửu Long năm 2019"
    many = Chart("", (long_label, *(str(y) for y in range(1990, 2030))), tuple(float(v) for v in range(41)))
    text = chart.svg(many)
    assert text is not None
    words = [w[2] for w in svg_words(text)]
    assert len([w for w in words if re.fullmatch(r"\d{4}", w)]) == chart.MAX_BARS
    assert not any(w.startswith("Đầu tư") for w in words)  # the smallest bar (0) is not among the largest
    labelled = Chart("", (long_label, "2020", "2021"), (5.0, 6.0, 7.0))
    cut = [w[2] for w in svg_words(chart.svg(labelled) or "") if w[2].startswith("Đầu tư")]
    assert len(cut) == 1 and cut[0].endswith("…") and len(cut[0]) < len(long_label)


def test_negative_values_keep_their_sign_and_their_label_clear_of_the_names() -> None:
    balance = Chart("Cán cân thương mại (tỷ USD)", ("2019", "2020", "2021"), (10.87, 19.94, -3.32))
    words = svg_words(chart.svg(balance) or "")
    assert bars(words, ("2019", "2020")) == [("2019", "10,87"), ("2020", "19,94")]
    [(label_x, label_y, _)] = [w for w in words if w[2] == "2021"]
    [(value_x, value_y, _)] = [w for w in words if w[2] == "-3,32"]
    label_end = label_x + pdfmetrics.stringWidth("2021", chart.FONT, chart.LABEL_SIZE)
    assert abs(label_y - value_y) < 4 and value_x > label_end + 2  # on the same row, apart


def test_the_chart_is_titled_by_its_measure_and_years() -> None:
    from briefgen.rendering.doctree import charts

    chart = charts(year_pack(), {})["measure_by_year"]
    assert chart.title == "Kiều hối (tỷ USD, 2019–2023)"
    assert chart.labels == ("2019", "2020", "2021", "2022", "2023")
