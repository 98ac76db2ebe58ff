"""The structured readers keep the body the plain-text reader keeps: every devset page written
as an HTML page (navigation, script, footer, its first line as <h1>) and as Markdown (its first
line as #) yields the same body sentences as the .txt (goal: 0.97 kept over the 94 files, no
file below 0.90), printed with -s."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from briefgen.text import sentences

from .conftest import Cli

pytestmark = pytest.mark.devset

NAV = ("<nav><ul><li><a href='/'>Trang chủ</a></li><li><a href='/thoi-su'>Thời sự</a></li>"
       "<li><a href='/the-gioi'>Thế giới</a></li><li><a href='/kinh-te'>Kinh tế</a></li></ul></nav>")
FOOTER = "<footer><p>© Bản quyền thuộc về tòa soạn. Ghi rõ nguồn khi phát hành lại thông tin.</p></footer>"


STAMP = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}){0,2})\s*")


def page_lines(path: Path) -> tuple[str | None, list[str]]:
    """Return the devset stamp's date (page metadata, not text) and the page's lines."""
    text = path.read_text(encoding="utf-8")
    stamp = STAMP.match(text)
    lines = [line for line in text[stamp.end() if stamp else 0:].split("\n") if line.strip()]
    return (stamp.group(1) if stamp else None), lines


def as_html(lines: list[str], date: str | None) -> str:
    first, rest = lines[0], lines[1:]
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in rest)
    meta = f"<meta property='article:published_time' content='{date}'>" if date else ""
    return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'>{meta}<title>{html.escape(first)}</title>"
            f"<script>window.dataLayer = []; function track() {{ return 1; }}</script></head><body>{NAV}"
            f"<main><article><h1>{html.escape(first)}</h1>\n{body}</article></main>{FOOTER}</body></html>")


def as_markdown(lines: list[str], date: str | None) -> str:
    escaped = [line.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")
               .replace("[", "\\[").replace("<", "\\<").lstrip("-+>|") for line in lines]
    front = f"---\ndate: {date}\n---\n\n" if date else ""
    return front + f"# {escaped[0]}\n\n" + "\n\n".join(escaped[1:]) + "\n"


def body_sentences(show: dict[str, Any]) -> list[str]:
    found = []
    for p in show["passages"]:
        for start, end in sentences(p["text"]):
            sentence = " ".join(p["text"][start:end].split()).lstrip("-–—•*+ ")  # a list item's marker is markup
            if len(sentence.split()) >= 4:
                found.append(sentence)
    return found


@pytest.fixture(scope="module")
def readings(devset: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    root = tmp_path_factory.mktemp("readers")
    (root / "sources").mkdir()
    for path in sorted(devset.glob("[0-9]*.txt")):
        date, lines = page_lines(path)
        shutil.copy(path, root / "sources" / path.name)
        (root / "sources" / f"{path.stem}-page.html").write_text(as_html(lines, date), encoding="utf-8")
        (root / "sources" / f"{path.stem}-page.md").write_text(as_markdown(lines, date), encoding="utf-8")
    cli = Cli(root)
    cli.run("ingest")
    found: dict[str, dict[str, list[str]]] = {}
    for source in cli.json("sources")["sources"]:
        name = Path(source["path"]).name
        stem, kind = name.rsplit("-page.", 1) if "-page." in name else (Path(name).stem, "txt")
        found.setdefault(stem, {})[kind] = body_sentences(cli.json("show", source["id"]))
    return found


@pytest.mark.parametrize("kind", ["html", "md"])
def test_structured_readers_keep_the_plain_text_body(readings: dict[str, dict[str, list[str]]], kind: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    total = kept = 0
    worst: list[tuple[float, str]] = []
    for stem, read in sorted(readings.items()):
        plain = read.get("txt", [])
        other = " ".join(" ".join(read.get(kind, [])).split())
        if not plain:
            continue
        hits = sum(1 for s in plain if s in other)
        total, kept = total + len(plain), kept + hits
        worst.append((hits / len(plain), stem))
    worst.sort()
    share = kept / total
    with capsys.disabled():
        print(f"\n{kind}: body sentences of the plain-text reading kept {share:.3f} ({kept}/{total}); "
              f"lowest files: {', '.join(f'{stem[:3]} {s:.2f}' for s, stem in worst[:5])}")
    assert share >= 0.97
    assert worst[0][0] >= 0.90, worst[:5]
