"""What a new user hit on the command line (the scheduled job, outputs, finding things), each
finding reproduced as the user met it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from .conftest import BUNDLED, Cli
from .helpers import make_docx


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def broken_files(root: Path) -> None:
    """A new binary file and a truncated .docx, as a cron job meets them."""
    (root / "sources" / "scan.bin").write_bytes(os.urandom(3000))
    good = make_docx(root / "good.docx", "Tiêu đề", "Phần một", ["Nội dung báo cáo năm 2018."])
    (root / "sources" / "cut.docx").write_bytes(good.read_bytes()[:1500])


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run briefgen in a subprocess, as cron does: no terminal, no standard input."""
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=root, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)


# -- 1. scheduled runs hide failures ------------------------------------------------------------

def test_cron_run_names_failures_every_time_and_strict_fails(project: Path) -> None:
    broken_files(project)
    for attempt in (1, 2):
        result = run_cli(project, "-q", "yearly", "--json", "--format", "md")
        assert result.returncode == 0, result.stderr
        for name in ("scan.bin", "cut.docx"):
            assert [line for line in result.stderr.splitlines() if name in line], (attempt, result.stderr)
        report = json.loads(result.stdout)
        failed = {Path(f["path"]).name: f for f in report["sources_failed"]}
        assert set(failed) == {"scan.bin", "cut.docx"}
        assert all(f["new"] == (attempt == 1) for f in failed.values())
        assert "2 sources not indexed" in result.stderr  # the summary line of a quiet run names them
    strict = run_cli(project, "-q", "yearly", "--json", "--strict", "--format", "md")
    assert strict.returncode == 1 and "scan.bin" in strict.stderr
    (project / "sources" / "scan.bin").unlink()
    (project / "sources" / "cut.docx").unlink()
    assert run_cli(project, "-q", "yearly", "--strict", "--format", "md").returncode == 0


def test_every_refreshing_command_repeats_remembered_failures(cli: Cli) -> None:
    (cli.root / "sources" / "empty.txt").write_bytes(b"")
    first = cli.run("build", "--year", "2018", "--format", "md")
    assert "empty.txt" in first.stderr
    for args in (("build", "--year", "2018", "--format", "md"), ("sources",), ("search", "ASEAN"), ("themes",),
                 ("figures",), ("show", "004")):
        again = cli.run("-q", *args)
        assert "empty.txt: empty file" in again.stderr, args
    assert cli.json("search", "ASEAN")["failures"][0]["path"].endswith("empty.txt")
    (cli.root / "packs.toml").write_text("[[pack]]\nyear = 2018\nformats = [\"md\"]\n", encoding="utf-8")
    batch = cli.run("batch", str(cli.root / "packs.toml"), "--strict", code=1)
    assert "empty.txt" in batch.stderr and "1 source not indexed" in batch.stdout


# -- 2. years nobody reviews -------------------------------------------------------------------

BACKGROUND = ("Hai nước kỷ niệm quan hệ hợp tác trong năm 2020\n\n"
              "Trong năm 2020, hai nước đã tổ chức nhiều hoạt động kỷ niệm và trao đổi đoàn cấp cao, "
              "ký kết ba thỏa thuận hợp tác mới về thương mại và giáo dục.\n\n"
              "Năm 1993, hai nước đã ký hiệp định hợp tác đầu tiên và mở văn phòng đại diện.\n\n"
              "Năm 2008, hai nước đã nâng cấp quan hệ lên đối tác chiến lược, mở ra giai đoạn hợp tác mới.\n")


def test_yearly_builds_only_reviewed_years_and_says_which_it_skipped(cli: Cli) -> None:
    (cli.root / "sources" / "background.txt").write_text(BACKGROUND, encoding="utf-8")
    result = cli.run("yearly", "--format", "md")
    built = sorted(p.name[:4] for p in (cli.root / "output").glob("*-year-review.md"))
    assert built == ["2018", "2020", "2023", "2024"]
    assert "skipped" in result.stdout and "1993" in result.stdout and "2008" in result.stdout
    everything = cli.json("yearly", "--format", "md", "--years", "all")
    assert {p["year"] for p in everything["packs"] if p["status"] == "built"} >= {1993, 2008}
    (cli.root / "briefgen.toml").write_text('[yearly]\nyears = "2020-2023"\n', encoding="utf-8")
    configured = cli.json("yearly", "--format", "md")
    assert {p["year"] for p in configured["packs"] if p["status"] != "skipped"} == {2020, 2021, 2023}
    assert {p["year"] for p in configured["packs"] if p["status"] == "skipped"} == {2022}  # nothing for it


def test_a_year_without_content_is_refused_and_impossible_years_are_usage_errors(cli: Cli) -> None:
    refused = cli.run("build", "--year", "2010", "--format", "md", code=1)
    assert "2010" in refused.stderr and "2018, 2020, 2023, 2024" in refused.stderr
    assert not (cli.root / "output" / "2010-year-review.md").exists()
    for year in ("-5", "99999", "1900"):
        assert "1945" in cli.run("build", "--year", year, code=2).stderr
    assert "1945" in cli.run("yearly", "--years", "1800-1900", code=2).stderr
    (cli.root / "packs.toml").write_text("[[pack]]\nyear = 99999\n", encoding="utf-8")
    assert "1945" in cli.run("batch", str(cli.root / "packs.toml"), code=2).stderr


def test_yearly_on_the_devset_builds_reviewed_years_and_clean_leaves_no_other(devset: Path, project: Path) -> None:
    for path in sorted(devset.glob("[0-9]*.txt")):
        shutil.copy(path, project / "sources" / path.name)
    (project / "sources" / "background.txt").write_text(BACKGROUND, encoding="utf-8")  # 1993, 2008 at least
    cli = Cli(project)
    cli.run("yearly", "--format", "md", "--years", "all")  # as an older briefgen did: every year mentioned
    reviewed = {s["year_reviewed"] for s in cli.json("sources")["sources"] if s["year_reviewed"]}
    mentioned = {int(p.name[:4]) for p in (project / "output").glob("*-year-review.md")}
    assert mentioned - reviewed >= {1993, 2008}  # background years were built
    report = cli.json("yearly", "--format", "md")
    built = {p["year"] for p in report["packs"] if p["status"] in ("built", "unchanged")}
    assert built == reviewed
    assert {p["year"] for p in report["packs"] if p["status"] == "skipped"} == mentioned - reviewed
    dry = cli.run("clean", "--dry-run")
    assert "would remove" in dry.stdout and len(list((project / "output").glob("*-year-review.md"))) == len(mentioned)
    cli.run("clean")
    left = {int(p.name[:4]) for p in (project / "output").glob("*-year-review.*")}
    assert left == reviewed
    packs = json.loads((project / "output" / "briefgen-manifest.json").read_text(encoding="utf-8"))["packs"]
    assert {int(name[:4]) for name in packs} == reviewed


# -- 3. outputs that overwrite and forget each other -------------------------------------------

def test_languages_do_not_overwrite_each_other(cli: Cli) -> None:
    cli.run("build", "--year", "2018", "--format", "md")
    cli.run("build", "--year", "2018", "--format", "md", "--lang", "en")
    output = cli.root / "output"
    assert "KẾT QUẢ" in (output / "2018-year-review.md").read_text(encoding="utf-8").upper()
    assert "KEY POINTS" in (output / "2018-year-review.en.md").read_text(encoding="utf-8")
    (cli.root / "briefgen.toml").write_text('[briefgen]\nlang = "en"\n', encoding="utf-8")
    cli.run("build", "--year", "2020", "--format", "md")
    cli.run("build", "--year", "2020", "--format", "md", "--lang", "vi")
    assert "KEY POINTS" in (output / "2020-year-review.md").read_text(encoding="utf-8")
    assert (output / "2020-year-review.vi.md").exists()
    (cli.root / "briefgen.toml").write_text('[briefgen]\nlang = "fr"\n', encoding="utf-8")
    assert "'lang'" in cli.run("sources", code=2).stderr


def test_pack_record_merges_the_formats_built_over_time(cli: Cli) -> None:
    cli.run("build", "--year", "2018", "--format", "pdf", "--format", "docx")
    cli.run("build", "--year", "2018", "--format", "md")
    output = cli.root / "output"
    record = json.loads((output / "2018-year-review.json").read_text(encoding="utf-8"))
    files = {f["format"]: f for f in record["files"]}
    assert set(files) == {"pdf", "docx", "md"}
    for fmt, item in files.items():
        assert item["sha256"] == sha(output / item["name"]) and item["built"] and item["inputs_sha256"], fmt
    manifest = json.loads((output / "briefgen-manifest.json").read_text(encoding="utf-8"))
    listed = {f["format"] for f in manifest["packs"]["2018-year-review"]["files"]}
    assert listed == {"pdf", "docx", "md", "json"}
    # a yearly run asking for what is already there and current rebuilds nothing
    again = cli.json("yearly", "--years", "2018", "--format", "pdf", "--format", "md")
    assert [p["status"] for p in again["packs"]] == ["unchanged"]


def test_clean_removes_what_no_definition_produces_and_keeps_edited_files(cli: Cli) -> None:
    cli.run("yearly", "--format", "md", "--years", "2018-2025")  # 2019, 2021, 2025: tasks only, not reviewed
    output = cli.root / "output"
    cli.run("build", "--theme", "asean", "--format", "md")
    (output / "2021-year-review.md").write_text("edited by hand\n", encoding="utf-8")
    result = cli.run("clean")
    assert not (output / "2019-year-review.md").exists() and not (output / "2025-year-review.json").exists()
    assert (output / "2021-year-review.md").read_text(encoding="utf-8") == "edited by hand\n"
    assert "changed since briefgen wrote it" in result.stderr
    assert (output / "2018-year-review.md").exists() and (output / "theme-asean.md").exists()
    pruned = cli.json("yearly", "--format", "md", "--years", "2019", "--prune")
    assert any(p.endswith("2019-year-review.md") for p in pruned["removed"])


def test_theme_pack_files_are_named_by_the_theme_id(cli: Cli) -> None:
    cli.run("build", "--theme", "citizen protection", "--format", "md")
    assert (cli.root / "output" / "theme-citizen_protection.md").exists()


def test_the_manifest_name_is_reserved_and_foreign_files_are_never_touched(cli: Cli, tmp_path: Path) -> None:
    for name in ("briefgen-manifest", "manifest"):
        failed = cli.run("build", "--year", "2018", "--format", "md", "--name", name, code=2)
        assert "manifest" in failed.stderr
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "manifest.json").write_text('{"mine": true}\n', encoding="utf-8")
    (foreign / ".draft.part").write_text("someone's temporary file\n", encoding="utf-8")
    (foreign / "notes.json.part").write_text("another\n", encoding="utf-8")
    cli.run("build", "--year", "2018", "--format", "md", "--output", str(foreign))
    (cli.root / "packs.toml").write_text(f'output = "{foreign}"\n[[pack]]\nyear = 2020\nformats = ["md"]\n',
                                         encoding="utf-8")
    cli.run("batch", str(cli.root / "packs.toml"))
    assert (foreign / "manifest.json").read_text(encoding="utf-8") == '{"mine": true}\n'
    assert (foreign / ".draft.part").exists() and (foreign / "notes.json.part").exists()
    assert (foreign / "2018-year-review.md").exists() and (foreign / "briefgen-manifest.json").exists()


# -- 4. machine-readable results of the commands that write -------------------------------------

def test_build_yearly_and_batch_print_json_with_paths_and_hashes(cli: Cli) -> None:
    built = cli.json("build", "--year", "2018", "--format", "md", "--format", "pdf")
    assert built["built"] == 1 and built["failed"] == 0
    (pack,) = built["packs"]
    assert pack["status"] == "built" and pack["kind"] == "year" and pack["year"] == 2018
    assert {f["format"] for f in pack["files"]} == {"md", "pdf", "json"}
    for f in pack["files"]:
        assert f["sha256"] == sha(Path(f["path"]))
    yearly = cli.json("yearly", "--format", "md")
    assert {p["status"] for p in yearly["packs"]} >= {"built", "skipped"}
    assert yearly["built"] + yearly["unchanged"] + yearly["skipped"] == len(yearly["packs"])
    (cli.root / "packs.toml").write_text('[[pack]]\nyear = 2018\nformats = ["md"]\n\n[[pack]]\ntheme = "nope"\n',
                                         encoding="utf-8")
    result = cli.run("batch", str(cli.root / "packs.toml"), "--json", code=1)
    batch = json.loads(result.stdout)
    assert [p["status"] for p in batch["packs"]] == ["unchanged", "failed"]
    assert "no theme" in batch["packs"][1]["reason"]


# -- 5. the lock, -C and folders that are not projects ------------------------------------------

def test_wait_waits_for_the_lock_and_without_it_the_message_says_how(project: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom briefgen.config import load_config\nfrom briefgen.lock import project_lock\n"
        "with project_lock(load_config(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(3)\n"),
        str(project)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        busy = run_cli(project, "ingest")
        assert busy.returncode == 1 and "--wait" in busy.stderr
        started = time.monotonic()
        waited = run_cli(project, "ingest", "--wait", "60")
        assert waited.returncode == 0, waited.stderr
        assert time.monotonic() - started > 0.5  # it did wait for the holder
    finally:
        holder.wait(timeout=30)
    assert run_cli(project, "build", "--year", "2018", "--format", "md", "--wait").returncode == 0


def test_a_folder_that_is_not_a_project(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "build", "--year", "2018")
    assert result.returncode == 1 and "briefgen init" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no .briefgen/lock left behind
    missing = tmp_path / "does" / "not" / "exist"
    for args in (("-C", str(missing), "sources"), ("sources", "-C", str(missing))):
        assert run_cli(tmp_path, *args).returncode == 2
    assert not (tmp_path / "does").exists()


def test_project_option_after_the_command(project: Path, tmp_path: Path) -> None:
    result = run_cli(tmp_path, "sources", "-C", str(project), "--json")
    assert result.returncode == 0 and len(json.loads(result.stdout)["sources"]) == 5


def test_a_linked_lock_is_never_followed(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("do not truncate me\n", encoding="utf-8")
    (project / ".briefgen").mkdir()
    (project / ".briefgen" / "lock").symlink_to(target)
    for args in (("sources",), ("ingest",), ("yearly", "--format", "md")):
        result = run_cli(project, *args)
        assert "symbolic link" in result.stderr, args
    assert target.read_text(encoding="utf-8") == "do not truncate me\n"


def test_init_suggests_a_command_that_can_be_pasted(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "init", "my proj dự án")
    command = result.stdout.strip().splitlines()[-1].strip()
    assert command == "briefgen -C 'my proj dự án' yearly"
    shutil.copy(next(BUNDLED.glob("004_*.txt")), tmp_path / "my proj dự án" / "sources")
    pasted = subprocess.run(command.replace("briefgen", f"{sys.executable} -m briefgen", 1) + " --format md",
                            shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert pasted.returncode == 0, pasted.stderr


# -- 7. finding things ----------------------------------------------------------------------------

NEWS = ("Điểm nhấn đối ngoại năm 2018\n\n"
        "Năm 2018, Bộ Ngoại giao đã tổ chức thành công Hội nghị Ngoại giao lần thứ 30 tại Hà Nội với sự "
        "tham dự của Thủ tướng Nguyễn Xuân Phúc.\n")


def test_show_finds_sources_in_any_unicode_form_and_without_tones(empty_project: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "điểm-nhấn.txt")
    (empty_project / "sources" / decomposed).write_text(NEWS, encoding="utf-8")
    (empty_project / "sources" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    cli = Cli(empty_project)
    for typed in ("điểm-nhấn", "diem-nhan", "diem nhan", "sources/điểm-nhấn.txt", "DIEM-NHAN"):
        assert cli.json("show", typed)["title"] == "Điểm nhấn đối ngoại năm 2018", typed
    why = cli.run("show", "old.doc", code=2)
    assert "not in the index" in why.stderr and "old.doc" in why.stderr
    text = cli.run("show", "diem nhan").stdout
    assert re.search(r"\((result|task|context) · 2018 · people Nguyễn Xuân Phúc \(Thủ tướng\)\)", text)
    assert "title:" not in text.split("Dropped lines")[1]
    summary = cli.json("sources")["sources"][0]
    assert summary["passage_count"] == 1 and "passages" not in summary
    assert isinstance(cli.json("show", "diem")["passages"], list)


# -- 8. search ------------------------------------------------------------------------------------

def test_single_syllable_matches_come_below_a_divider(seeded: Cli) -> None:
    text = seeded.run("search", "bảo hộ công dân", "--limit", "40").stdout
    lines = text.splitlines()
    divider = next(i for i, line in enumerate(lines) if "only some of the words" in line)
    hits = seeded.json("search", "bảo hộ công dân", "--limit", "40")["hits"]
    strong = sum(1 for h in hits if h["match"] in ("phrase", "all"))
    assert strong and sum(1 for line in lines[:divider] if line[:4].strip().endswith(".")) == strong


def test_a_theme_label_searches_the_theme(seeded: Cli) -> None:
    result = seeded.run("search", "citizen protection")
    assert "No passage matches." not in result.stdout and "citizen_protection" in result.stderr
    data = seeded.json("search", "citizen protection")
    assert data["theme"] == "citizen_protection" and data["hits"]
    assert seeded.json("search", "công dân", "--theme", "bao ho")["theme"] == "citizen_protection"


# -- 9. smaller things ----------------------------------------------------------------------------

def test_counts_labels_and_template_errors_read_well(cli: Cli) -> None:
    for path in list((cli.root / "sources").iterdir())[1:]:
        path.unlink()
    listing = cli.run("sources").stdout
    assert " 1 passages" not in listing
    themes = cli.run("themes").stdout
    assert "ASEAN / ASEAN" not in themes and " 1 passages" not in themes
    (cli.root / "bad.md.j2").write_text("# Tiêu đề\n\n{{ pack.scope }}\n{{ pack.no_such_field }}\n", encoding="utf-8")
    failed = cli.run("build", "--theme", "asean", "--format", "md", "--template", str(cli.root / "bad.md.j2"),
                     "--allow-empty", code=2)
    assert "line 4" in failed.stderr


def test_the_markdown_pack_reads_as_markdown(cli: Cli) -> None:
    cli.run("build", "--year", "2018", "--format", "md")
    text = (cli.root / "output" / "2018-year-review.md").read_text(encoding="utf-8")
    assert "briefgen-" not in text and "````" not in text
    assert text.startswith("---\ntitle: ")
    assert "\n# Kết quả công tác đối ngoại năm 2018\n" in text
    assert "\n- I. NHỮNG ĐIỂM CHÍNH\n" in text  # the contents as a list


@pytest.mark.clients
def test_pandoc_reads_the_markdown_pack(cli: Cli) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (.ci/run installs it from Debian)")
    cli.run("build", "--year", "2018", "--format", "md")
    html = subprocess.run(["pandoc", "-f", "markdown", "-t", "html", str(cli.root / "output" / "2018-year-review.md")],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    assert "<pre" not in html and "<h1" in html and "10.378 công dân" in html


def test_the_project_formats_setting_is_what_build_and_yearly_write(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    (cli.root / "briefgen.toml").write_text('formats = ["md"]\n', encoding="utf-8")
    cli.run("build", "--year", "2018")
    assert sorted(p.suffix for p in (cli.root / "output").glob("2018-year-review.*")) == [".json", ".md"]
    monkeypatch.setenv("BRIEFGEN_FORMATS", "pdf")  # the environment beats the file, an option both
    cli.run("build", "--year", "2024")
    cli.run("build", "--year", "2024", "--format", "md")
    assert sorted(p.suffix for p in (cli.root / "output").glob("2024-year-review.*")) == [".json", ".md", ".pdf"]
    monkeypatch.delenv("BRIEFGEN_FORMATS")
    (cli.root / "briefgen.toml").write_text('formats = ["odt"]\n', encoding="utf-8")
    result = cli.run("build", "--year", "2018", code=2)
    assert "'formats' must be a list of pdf, docx, md" in result.stderr
