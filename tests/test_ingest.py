"""Ingest: incremental updates, broken files, exit codes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import BUNDLED, Cli
from .helpers import cp1258_bytes, make_docx, make_pdf


def test_second_ingest_rereads_nothing_and_says_so(cli: Cli) -> None:
    first = cli.json("ingest")
    assert (first["read"], first["unchanged"], first["removed"], first["failed"]) == (5, 0, 0, 0)
    second = cli.json("ingest")
    assert (second["read"], second["unchanged"], second["removed"], second["failed"]) == (0, 5, 0, 0)
    assert "Nothing changed" in cli.run("ingest").output


def test_touched_but_unchanged_file_is_not_reparsed(cli: Cli) -> None:
    cli.run("ingest")
    path = next((cli.root / "sources").glob("003_*.txt"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    report = cli.json("ingest")
    assert (report["read"], report["unchanged"]) == (0, 5)


def test_changed_file_is_reread_and_deleted_file_disappears(cli: Cli) -> None:
    cli.run("ingest")
    sources = cli.root / "sources"
    changed = next(sources.glob("004_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8").replace("10.378", "10.999"), encoding="utf-8")
    next(sources.glob("000_*.txt")).unlink()
    report = cli.json("ingest")
    assert (report["read"], report["removed"], report["sources"]) == (1, 1, 4)
    assert not any(s["id"].startswith("000") for s in cli.json("sources")["sources"])
    hits = cli.json("search", "bao ho cong dan")["hits"]
    assert "10.999 công dân" in hits[0]["text"]
    assert all(not h["source_id"].startswith("000") for h in hits)


def broken_folder(root: Path) -> None:
    sources = root / "sources"
    (sources / "blob.bin").write_bytes(os.urandom(2048))
    (sources / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (sources / "empty.txt").write_bytes(b"")
    (sources / "legacy.txt").write_bytes(cp1258_bytes(
        "Công tác bảo hộ công dân năm 2018\nNăm 2018, Bộ Ngoại giao đã bảo hộ hàng nghìn công dân Việt Nam "
        "gặp nạn ở nước ngoài, phối hợp chặt chẽ với các cơ quan chức năng sở tại.\n"))
    good = make_docx(root / "good.docx", "Tiêu đề", "Phần một", ["Nội dung báo cáo năm 2018."])
    (sources / "truncated.docx").write_bytes(good.read_bytes()[:2000])
    make_pdf(sources / "scan.pdf", None)


def test_broken_files_warn_one_line_each_and_the_rest_is_indexed(cli: Cli) -> None:
    broken_folder(cli.root)
    result = cli.run("ingest", code=0)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    expected = {"blob.bin": "unsupported file type", "image.txt": "binary content", "empty.txt": "empty file",
                "legacy.txt": "encoding guessed as windows-1258", "truncated.docx": "not a valid .docx",
                "scan.pdf": "no extractable text"}
    for name, reason in expected.items():
        assert [w for w in warnings if name in w and reason in w], (name, warnings)
    assert len(warnings) == len(expected)
    report = json.loads(cli.run("ingest", "--json").stdout)
    # failures are remembered, not re-read, and still counted: five files are not in the index
    assert report["read"] == 0 and report["failed"] == 5 and report["failed_new"] == 0
    assert {f["path"].split("/")[-1] for f in report["failures"]} == set(expected) - {"legacy.txt"}
    assert len([w for w in report["warnings"] if "(unchanged)" in w]) == 5
    ids = {s["id"] for s in cli.json("sources")["sources"]}
    assert "legacy" in ids and len(ids) == 6
    assert cli.json("search", "bao ho cong dan nam 2018")["hits"]


def test_strict_makes_warnings_fail(cli: Cli) -> None:
    cli.run("ingest", "--strict", code=0)
    (cli.root / "sources" / "empty.txt").write_bytes(b"")
    result = cli.run("ingest", "--strict", code=1)
    assert "empty.txt: empty file" in result.stderr


def test_missing_sources_folder_is_a_clear_error(empty_project: Path) -> None:
    (empty_project / "sources").rmdir()
    result = Cli(empty_project).run("ingest", code=1)
    assert "no sources folder" in result.stderr and result.stderr.count("\n") == 1


def test_briefgen_toml_points_to_another_sources_folder(cli: Cli) -> None:
    (cli.root / "sources").rename(cli.root / "articles")
    (cli.root / "briefgen.toml").write_text('[briefgen]\nsources = "articles"\n', encoding="utf-8")
    assert cli.json("ingest")["read"] == 5
    (cli.root / "briefgen.toml").write_text('[briefgen]\nsorces = "articles"\n', encoding="utf-8")
    result = cli.run("ingest", code=2)
    assert "unknown setting 'sorces'" in result.stderr


def test_renaming_a_source_to_another_extension_keeps_working(cli: Cli) -> None:
    cli.run("ingest")
    old = next((cli.root / "sources").glob("004_*.txt"))
    old.rename(old.with_suffix(".md"))
    report = cli.json("ingest")
    assert (report["read"], report["removed"], report["failed"]) == (1, 1, 0)
    assert cli.json("show", "004")["path"].endswith(".md")


def test_a_file_that_trips_a_reader_library_is_one_warning_not_a_crash(cli: Cli) -> None:
    sources = cli.root / "sources"
    (sources / "comment.html").write_text("<!-- x -->", encoding="utf-8")
    (sources / "decl.xhtml").write_text('<?xml version="1.0" encoding="utf-8"?><html><body></body></html>',
                                        encoding="utf-8")
    result = cli.run("ingest", code=0)
    assert len([line for line in result.stderr.splitlines() if "comment.html" in line]) == 1
    assert len([line for line in result.stderr.splitlines() if "decl.xhtml" in line]) == 1
    assert cli.json("ingest")["sources"] == 5
    failures = cli.json("sources")["failures"]
    assert {f["path"] for f in failures} == {"sources/comment.html", "sources/decl.xhtml"}


def test_utf8_with_a_stray_byte_is_read_and_reported(cli: Cli) -> None:
    path = next((cli.root / "sources").glob("001_*.txt"))
    path.write_bytes(path.read_bytes().replace("Phát biểu khai mạc,".encode(), b"\xa9Ph\xc3\xa1t bi\xe1\xbb\x83u"
                                               + " khai mạc,".encode()))
    source = next(s for s in cli.json("sources")["sources"] if s["id"].startswith("001"))
    assert source["passage_count"] == 10 and any("invalid UTF-8 byte" in w for w in source["warnings"])


def test_sidecar_year_drives_what_is_inferred_from_it(cli: Cli) -> None:
    (cli.root / "sources" / "001_87c553c24235cfeb.meta.toml").write_text("year_reviewed = 2015\n", encoding="utf-8")
    source = next(s for s in cli.json("sources")["sources"] if s["id"].startswith("001"))
    assert (source["year_reviewed"], source["year_reviewed_certainty"]) == (2015, "stated")
    assert source["published"] == "2016-01-25" and source["year_tasks"] == 2016


def test_show_by_absolute_path_through_a_symlinked_project(cli: Cli, tmp_path_factory: pytest.TempPathFactory) -> None:
    link = tmp_path_factory.mktemp("links") / "project"
    link.symlink_to(cli.root)
    path = next((link / "sources").glob("003_*.txt"))
    linked = Cli(link)
    assert linked.json("show", str(path))["id"].startswith("003")


def test_a_process_pool_gives_the_same_index(tmp_path: Path) -> None:
    results = []
    for workers in ("1", "2"):
        root = tmp_path / workers
        shutil.copytree(BUNDLED, root / "sources")
        cli = Cli(root)
        cli.run("ingest", "--workers", workers)
        sources = cli.json("sources")["sources"]
        results.append([(s, cli.json("show", s["id"])["passages"]) for s in sources])
    assert results[0] == results[1]


def test_the_rules_that_re_read_every_source_are_those_ingest_applies() -> None:
    """What only the assembler reads (its headline cues, templates, renderers) changes no index:
    editing it must not make the next ingest read every source again."""
    from importlib import resources

    from briefgen.indexing import _rule_files

    names = {f"{item.parent.name}/{item.name}" if hasattr(item, "parent") else item.name
             for item in _rule_files(resources.files("briefgen"))}
    assert {"data/cues.toml", "data/boilerplate.toml", "annotate/passages.py", "indexing/corpus.py"} <= names
    assert not {n for n in names if n.startswith(("assemble/", "rendering/", "templates/"))}
    assert "data/headlines.toml" not in names
