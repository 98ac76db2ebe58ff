"""Hostile input, round two (issue 18): file names that are not UTF-8 or hold controls, link
loops, paragraphs and passages of megabytes, templates that read files or never stop, damaged
or full disks, broken settings. Each test is built from the issue's reproduction; where the
expected behaviour is an error, it is one line naming the file or setting."""

from __future__ import annotations

import importlib
import os
import shutil
import time
from pathlib import Path

import pytest

from .conftest import BUNDLED, Cli

BODY = ("Năm 2023, Bộ Ngoại giao đã triển khai hiệu quả công tác bảo hộ công dân, bảo hộ 1.250 công dân "
        "Việt Nam ở nước ngoài và đưa 300 ngư dân về nước an toàn.")


def warnings_of(result: object) -> list[str]:
    """Return the warning lines a command printed on stderr."""
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]  # type: ignore[attr-defined]


def errors_of(result: object) -> list[str]:
    """Return stderr's lines, checking that the command failed with one `briefgen: error:` line
    and no traceback."""
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr, result.stderr  # type: ignore[attr-defined]
    errors = [line for line in lines if line.startswith("briefgen: error:")]
    assert len(errors) == 1, lines
    return errors


def bundled_project(root: Path) -> Cli:
    shutil.copytree(BUNDLED, root / "sources")
    return Cli(root)


# -- 1. file names that are not UTF-8 -----------------------------------------------------

def test_a_file_name_that_is_not_utf8_gets_one_warning_and_every_command_works(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    raw = os.fsencode(tmp_path / "sources") + b"/b\xe1o-c\xe1o.txt"
    with open(raw, "wb") as handle:
        handle.write(("Tiêu đề\n\n" + BODY + "\n").encode())
    result = cli.run("ingest")
    mine = [w for w in warnings_of(result) if "b\\xe1o-c\\xe1o.txt" in w]
    assert len(mine) == 1 and "not valid UTF-8" in mine[0], result.stderr
    listed = cli.json("sources")
    assert len(listed["sources"]) == 6 and not listed["failures"]
    assert "sources/b\\xe1o-c\\xe1o.txt" in {s["path"] for s in listed["sources"]}
    assert cli.json("search", "bảo hộ công dân")["hits"]
    cli.run("show", "b\\xe1o-c\\xe1o")
    cli.run("build", "--year", "2023", "--format", "md", "--format", "docx", "--format", "pdf")
    assert "`sources/b\\xe1o-c\\xe1o.txt`" in (tmp_path / "output" / "2023-year-review.md").read_text(encoding="utf-8")
    cli.run("yearly", "--format", "md")


# -- 4. a paragraph with thousands of years; every source bounded in time -------------------

def long_text(megabytes: float, single_passage: bool = False) -> str:
    """Return a title and one line of about *megabytes* MB: sentences each holding years (or,
    for *single_passage*, clauses with no sentence end, so the line stays one passage)."""
    parts: list[str] = []
    size = n = 0
    while size < megabytes * 10**6:
        if single_passage:
            # "lần thứ N" is an ordinal, not a figure: the pack is the passage, not a figure table
            part = f"công tác bảo hộ công dân năm {2000 + n % 25} được triển khai kịp thời lần thứ {n}, "
        else:
            part = (f"Năm {2000 + n % 25}, Bộ Ngoại giao đã bảo hộ {n} công dân Việt Nam ở nước ngoài và đưa 300 "
                    f"ngư dân về nước an toàn trong năm {2001 + n % 24}. ")
        parts.append(part)
        size += len(part.encode())
        n += 1
    return "Bảo hộ công dân năm 2023\n\n" + "".join(parts) + "\n"


def within(seconds: float, what: str, action: object) -> None:
    """Run *action*, failing with a message naming *what* when it takes longer than *seconds*
    (a generous bound against quadratic time, not a measurement)."""
    start = time.monotonic()
    action()  # type: ignore[operator]
    took = time.monotonic() - start
    assert took < seconds, f"{what} took {took:.0f} s, over the {seconds:.0f} s bound: time is no longer linear"


def test_a_10mb_line_and_a_1mb_passage_ingest_and_build_in_bounded_time(tmp_path: Path) -> None:
    # Before the fix the 10 MB line ran past 10 minutes (the year scan was quadratic) and the
    # 1 MB passage took the machine's memory (each figure kept a copy of its sentence).
    # Measured here after it: about 20 s and 3 s to ingest, 2 s and 8 s to build.
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "line.txt").write_text(long_text(10), encoding="utf-8")
    (tmp_path / "sources" / "passage.txt").write_text(long_text(1, single_passage=True), encoding="utf-8")
    cli = Cli(tmp_path)
    within(150, "ingesting a 10 MB line and a 1 MB passage", lambda: cli.run("ingest"))
    shown = cli.json("show", "passage")
    assert len(shown["passages"]) == 1 and len(shown["passages"][0]["text"]) > 700_000
    assert len(cli.json("show", "line")["passages"]) > 5000
    within(150, "building a theme pack citing them", lambda: cli.run(
        "build", "--theme", "citizen_protection", "--format", "md", "--format", "docx", "--format", "pdf"))
    assert (tmp_path / "output" / "theme-citizen-protection.pdf").stat().st_size > 0


def test_a_source_that_takes_too_long_is_refused_with_a_reason_and_remembered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest = importlib.import_module("briefgen.ingest")  # the package exports a function of that name

    real_clean = ingest.clean

    def slow_clean(blocks: object) -> object:
        if any("CHẬM" in str(block) for block in blocks):  # type: ignore[attr-defined]
            time.sleep(30)  # a rule that never finishes, cut short by the bound
        return real_clean(blocks)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "clean", slow_clean)
    monkeypatch.setattr(ingest, "MAX_SOURCE_SECONDS", 0.5)
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    cli = bundled_project(tmp_path)
    (tmp_path / "sources" / "slow.txt").write_text("CHẬM\n\n" + BODY + "\n", encoding="utf-8")
    start = time.monotonic()
    result = cli.run("ingest")
    assert time.monotonic() - start < 25
    mine = [w for w in warnings_of(result) if "sources/slow.txt" in w]
    assert len(mine) == 1 and "longer than 0.5 s" in mine[0], result.stderr
    listed = cli.json("sources")
    assert len(listed["sources"]) == 5
    assert [f["path"] for f in listed["failures"]] == ["sources/slow.txt"]
    again = cli.run("ingest")  # remembered: not read again until it changes
    assert "(unchanged)" in again.stderr and "slow.txt" in again.stderr


# -- 6. symbolic link loops ---------------------------------------------------------------

def test_link_loops_in_sources_get_one_warning_each_and_the_rest_is_read(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    sources = tmp_path / "sources"
    os.symlink("self.txt", sources / "self.txt")
    os.symlink("b.txt", sources / "a.txt")
    os.symlink("a.txt", sources / "b.txt")
    result = cli.run("ingest")
    for name in ("self.txt", "a.txt", "b.txt"):
        mine = [w for w in warnings_of(result) if f"sources/{name}:" in w]
        assert len(mine) == 1 and "link loop" in mine[0], (name, result.stderr)
    assert len(cli.json("sources")["sources"]) == 5
    cli.run("search", "ngoại giao")


# -- 17. names that forge log lines or drive the terminal ----------------------------------

def test_a_file_name_cannot_forge_a_log_line_or_reach_the_terminal_raw(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    name = "f\nbriefgen: error: FORGED LOG LINE\n\x1b[31mred\u202e.txt"
    (tmp_path / "sources" / name).write_text("x\n", encoding="utf-8")  # no body: a warning names it
    result = cli.run("-q", "ingest")
    assert not any(line.startswith("briefgen: error:") for line in result.stderr.splitlines()), result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    mine = [w for w in warnings_of(result) if "FORGED LOG LINE" in w]
    assert mine and all("f\\nbriefgen: error: FORGED LOG LINE\\n\\x1b[31mred\\u202e.txt" in w for w in mine)
    listing = cli.run("sources").stdout
    assert "\x1b" not in listing and "FORGED LOG LINE\n" not in listing
