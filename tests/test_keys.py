"""The hand-written keys of tests/keys/ against what briefgen finds on the devset (figures
printed with -s): the title key (goal: precision >= 0.95, recall >= 0.85), and the references
of a pack, which never print a file name where the title goes."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, Cli

pytestmark = pytest.mark.devset
KEYS = ROOT / "tests" / "keys"


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def title_figures(found: dict[str, str | None], key: list[dict[str, Any]]) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    wrong = []
    for row in key:
        want, got = norm(row["title"]), norm(found.get(row["file"]))
        # A headline split over two lines is keyed by its first line ("Việt Nam-Nhật Bản:").
        right = bool(want) and bool(got) and (want == got or (want.endswith(":") and got.startswith(want)))
        tp += right
        fp += bool(got) and not right
        fn += bool(want) and not right
        if not right and (want or got):
            wrong.append(f"{row['file'][:3]}: key {want[:40]!r}, found {got[:40]!r}")
    return tp / max(1, tp + fp), tp / max(1, tp + fn), wrong


def test_titles_against_the_title_key(devset_cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    key = list(csv.DictReader((KEYS / "titles.tsv").open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    found = {Path(s["path"]).name: s["title"] for s in devset_cli.json("sources")["sources"]}
    assert {row["file"] for row in key} == set(found)
    precision, recall, wrong = title_figures(found, key)
    with capsys.disabled():
        print(f"\ntitles: precision {precision:.3f} recall {recall:.3f}; differences: {'; '.join(wrong)}")
    assert precision >= 0.95 and recall >= 0.85


def test_no_reference_prints_a_file_name_where_the_title_goes(devset_cli: Cli) -> None:
    stems = {Path(s["path"]).stem for s in devset_cli.json("sources")["sources"]}
    devset_cli.run("build", "--year", "2020", "--format", "md")
    text = (devset_cli.root / "output" / "2020-year-review.md").read_text(encoding="utf-8")
    notes = [line for line in text.splitlines() if re.match(r"^\[\^\d+\]: ", line)]
    assert len(notes) >= 5
    for line in notes:
        title_part = line.split(", tệp ")[0]  # the file path is the reference's last field
        assert not any(stem in title_part for stem in stems), line
    assert any("(không có tiêu đề, trích đoạn mở đầu)" in line and "“" in line for line in notes)
