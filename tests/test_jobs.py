"""The scheduled job and the command line around it: yearly, batch, init, locking, start-up."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefgen.config import load_config
from briefgen.lock import project_lock

from .conftest import BUNDLED, Cli


def manifest(root: Path) -> dict:
    return json.loads((root / "output" / "briefgen-manifest.json").read_text(encoding="utf-8"))["packs"]


def built(result: object) -> set[str]:
    return set(re.findall(r"wrote .*/(\d{4})-year-review\.md", result.stdout))  # type: ignore[attr-defined]


def test_yearly_builds_once_then_only_what_changed(cli: Cli) -> None:
    first = cli.run("yearly", "--format", "md")
    assert built(first) >= {"2018", "2020", "2023", "2024"}
    second = cli.run("yearly", "--format", "md")
    assert built(second) == set() and "0 built" in second.stdout
    packs = manifest(cli.root)
    review = next((cli.root / "sources").glob("004_*.txt"))
    citing = {name[:4] for name, entry in packs.items()
              if any(p.startswith(review.stem + ":4:") for p in entry["inputs"]["passages"])}
    assert citing == {"2018"}
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("10.378 công dân", "10.379 công dân"), encoding="utf-8")
    third = cli.run("yearly", "--format", "md")
    assert built(third) == citing
    assert "10.379 công dân" in (cli.root / "output" / "2018-year-review.md").read_text(encoding="utf-8")
    forced = cli.run("yearly", "--format", "md", "--years", "2018-2019", "--force")
    assert built(forced) == {"2018", "2019"}


def test_yearly_years_option(cli: Cli) -> None:
    result = cli.run("yearly", "--format", "md", "--years", "2016,2018")
    assert built(result) == {"2018"}
    assert "skipped: year 2016: the sources have nothing for this year" in result.stdout  # the empty year says so
    assert not (cli.root / "output" / "2016-year-review.md").exists()
    assert "--years" in cli.run("yearly", "--years", "2020-2018", code=2).stderr


def _intact(output: Path) -> None:
    """Every file the manifest lists is whole (its hash matches) and opens."""
    packs = json.loads((output / "briefgen-manifest.json").read_text(encoding="utf-8"))["packs"] \
        if (output / "briefgen-manifest.json").exists() else {}
    import hashlib

    for entry in packs.values():
        for item in entry["files"]:
            assert hashlib.sha256((output / item["name"]).read_bytes()).hexdigest() == item["sha256"]
    for pdf in output.glob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1
    for word in output.glob("*.docx"):
        docx.Document(str(word))


def test_killed_runs_leave_whole_files_and_the_next_run_finishes(tmp_path: Path) -> None:
    shutil.copytree(BUNDLED, tmp_path / "sources")
    command = [sys.executable, "-m", "briefgen", "-C", str(tmp_path), "yearly", "--format", "pdf", "--format", "docx"]
    for delay in (0.6, 1.2, 1.8, 2.4):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if (tmp_path / "output").exists():
            _intact(tmp_path / "output")
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    _intact(tmp_path / "output")
    packs = manifest(tmp_path)
    assert {"2018-year-review", "2020-year-review", "2023-year-review", "2024-year-review"} <= set(packs)
    assert not list((tmp_path / "output").glob(".briefgen-*.part"))


def test_batch_file_with_a_bad_entry(cli: Cli) -> None:
    (cli.root / "mine.md.j2").write_text("# {{ pack.scope }}\n", encoding="utf-8")
    (cli.root / "packs.toml").write_text('''
output = "briefs"
formats = ["md"]

[[pack]]
year = 2018

[[pack]]
theme = "khong co chu de nay"

[[pack]]
topic = "bảo hộ ngư dân"
name = "ngu-dan"
template = "mine.md.j2"

[[pack]]
year = 2020
colour = "red"
''', encoding="utf-8")
    result = cli.run("batch", str(cli.root / "packs.toml"), code=1)
    errors = [line for line in result.stderr.splitlines() if line.startswith("briefgen: error:")]
    assert len(errors) == 2
    assert "pack 2 (theme 'khong co chu de nay')" in errors[0] and "no theme" in errors[0]
    assert "pack 4 (year 2020)" in errors[1] and "colour" in errors[1]
    written = sorted(p.name for p in (cli.root / "briefs").iterdir())
    assert "2018-year-review.md" in written and "ngu-dan.md" in written and "briefgen-manifest.json" in written
    assert (cli.root / "briefs" / "ngu-dan.md").read_text(encoding="utf-8") == "# bảo hộ ngư dân\n"
    again = cli.run("batch", str(cli.root / "packs.toml"), code=1)
    assert "0 built, 2 unchanged, 0 skipped, 2 failed" in again.stdout


@pytest.mark.parametrize("text, message", [
    ("[[pack]]\nyear = 2018\n[[pack\n", "not valid TOML"),
    ("formats = ['pdf']\n", "no packs"),
    ("outputs = 'x'\n[[pack]]\nyear = 2018\n", "unknown top-level key 'outputs'"),
])
def test_batch_file_that_cannot_be_read(cli: Cli, text: str, message: str) -> None:
    (cli.root / "packs.toml").write_text(text, encoding="utf-8")
    result = cli.run("batch", str(cli.root / "packs.toml"), code=2)
    assert message in result.stderr and "packs.toml" in result.stderr


def test_a_second_run_is_refused_while_one_works(cli: Cli) -> None:
    with project_lock(load_config(cli.root)):
        other = subprocess.run([sys.executable, "-m", "briefgen", "-C", str(cli.root), "yearly"],
                               capture_output=True, text=True, timeout=120)
        assert other.returncode == 1
        assert "another briefgen run" in other.stderr and len(other.stderr.strip().splitlines()) == 1
        reading = subprocess.run([sys.executable, "-m", "briefgen", "-C", str(cli.root), "sources"],
                                 capture_output=True, text=True, timeout=120)
        assert reading.returncode == 0 and "showing the index as it is" in reading.stderr


def test_init_makes_a_project(tmp_path: Path) -> None:
    folder = tmp_path / "briefs"
    runner = Cli(tmp_path)
    result = runner.run("init", str(folder))
    assert (folder / "briefgen.toml").read_text(encoding="utf-8").startswith("# briefgen project settings")
    assert (folder / "sources").is_dir() and not list((folder / "sources").iterdir())
    assert (folder / "templates" / "year.md.j2").is_file() and (folder / "themes.toml").is_file()
    assert "Next:" in result.stdout
    assert "already a briefgen project" in runner.run("init", str(folder), code=1).stderr
    shutil.copy(next(BUNDLED.glob("004_*.txt")), folder / "sources")
    Cli(folder).run("build", "--year", "2018", "--format", "md")
    assert (folder / "output" / "2018-year-review.md").is_file()


def test_errors_are_one_line(cli: Cli) -> None:
    for args in (["build", "--year", "abc"], ["build"], ["nosuch"], ["show", "999"], ["batch", "missing.toml"]):
        result = subprocess.run([sys.executable, "-m", "briefgen", "-C", str(cli.root), *args],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("briefgen: error:"), (args, result.stderr)


def test_start_up_does_not_load_the_renderers(cli: Cli) -> None:
    script = ("import sys\nfrom briefgen.cli import main\n"
              "for args in (['--help'], ['sources'], ['search', 'doi ngoai']):\n"
              "    try:\n        main(['-q', '-C', sys.argv[1], *args])\n    except SystemExit:\n        pass\n"
              "print(sorted(m for m in ('reportlab', 'docx', 'jinja2', 'PIL') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", script, str(cli.root)], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "COLUMNS": "100"})
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_scheduled_job_options_from_the_environment(cli: Cli) -> None:
    env = {**os.environ, "BRIEFGEN_PROJECT": str(cli.root), "BRIEFGEN_YEARLY_FORMAT": "md",
           "BRIEFGEN_YEARLY_YEARS": "2018", "BRIEFGEN_YEARLY_LANG": "en"}
    result = subprocess.run([sys.executable, "-m", "briefgen", "-q", "yearly"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0 and result.stdout == ""
    assert sorted(p.name for p in (cli.root / "output").iterdir()) == [
        "2018-year-review.en.json", "2018-year-review.en.md", "briefgen-manifest.json"]  # not the project's lang
    assert "KEY POINTS" in (cli.root / "output" / "2018-year-review.en.md").read_text(encoding="utf-8")
