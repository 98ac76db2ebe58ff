"""The README's examples run as written: every `briefgen …` command line of its shell blocks
and every Python block, in order, in a fresh project (made by `briefgen init`, its sources/
then filled with the bundled sources, as a user would); the TOML
blocks that name their file (a first line `# packs.toml`) are written to that file first.

A block that cannot run in a test (the install lines, cron, systemd, the devset) carries a
`<!-- readme-test: skip (why) -->` line just before its fence and is skipped by name. The
output a shell example shows is checked too: each line without an ellipsis or a path
placeholder appears in what the command printed.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .conftest import BUNDLED, ROOT

README = ROOT / "README.md"
SKIP = re.compile(r"<!-- readme-test: skip \((?P<why>[^)]*)\) -->")


@dataclass(frozen=True)
class Block:
    line: int
    info: str
    text: str
    skip: str | None


def blocks() -> list[Block]:
    """Return the fenced blocks of the README, in order, with their skip markers."""
    found, lines = [], README.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        fence = re.match(r"^(`{3,})(\w*)", lines[i])
        if not fence:
            i += 1
            continue
        start, body = i, []
        i += 1
        while i < len(lines) and not lines[i].startswith(fence.group(1)):
            body.append(lines[i])
            i += 1
        before = lines[start - 1] if start else ""
        marker = SKIP.match(before.strip())
        found.append(Block(start + 1, fence.group(2), "\n".join(body) + "\n", marker.group("why") if marker else None))
        i += 1
    return found


def examples(block: Block) -> list[tuple[str, list[str]]]:
    """Return each `briefgen` command of a shell block with the output lines shown after it."""
    result: list[tuple[str, list[str]]] = []
    for line in block.text.splitlines():
        command = line[2:] if line.startswith("$ ") else line
        if command.startswith("briefgen "):
            result.append((command, []))
        elif result and line.strip() and not line.startswith("$ "):
            result[-1][1].append(line)
    return result


def test_every_block_is_run_or_skipped_by_name() -> None:
    found = blocks()
    assert any(b.info == "sh" and b.skip is None for b in found) and any(b.info == "python" for b in found)
    for b in found:
        if b.info in ("cron", "ini"):
            assert b.skip, f"README line {b.line}: a {b.info} block needs a readme-test skip marker"
        if b.info == "sh" and b.skip is None:
            assert examples(b), f"README line {b.line}: a shell block without a briefgen command"


def test_readme_examples_run_as_written(tmp_path: Path) -> None:
    project = tmp_path / "project"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1736121600", "COLUMNS": "100"}
    env.pop("BRIEFGEN_PROJECT", None)
    subprocess.run([sys.executable, "-m", "briefgen", "init", str(project)], check=True, capture_output=True,
                   timeout=60, env=env)
    for path in BUNDLED.iterdir():
        shutil.copy(path, project / "sources" / path.name)
    ran = 0
    for block in blocks():
        if block.skip:
            continue
        first = block.text.splitlines()[0] if block.text.strip() else ""
        named = re.match(r"^# ([\w.-]+\.toml)$", first)
        if block.info == "toml" and named:
            (project / named.group(1)).write_text(block.text, encoding="utf-8")
            continue
        if block.info == "python":
            result = subprocess.run([sys.executable, "-c", block.text], cwd=project, capture_output=True, text=True,
                                    timeout=300, env=env)
            assert result.returncode == 0, f"README line {block.line}: {result.stderr}"
            ran += 1
            continue
        if block.info != "sh":
            continue
        for command, shown in examples(block):
            args = shlex.split(command)[1:]
            result = subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=project, capture_output=True,
                                    text=True, timeout=300, env=env, stdin=subprocess.DEVNULL)
            assert result.returncode == 0, f"README line {block.line}: {command}: {result.stderr}"
            printed = " ".join((result.stdout + result.stderr).replace(str(project), "/path/to/project").split())
            for line in shown:
                if "…" in line or "..." in line or "/path/my-briefings" in line:
                    continue
                where = f"README line {block.line}: {command}: '{line}' not in\n{printed}"
                assert " ".join(line.split()) in printed, where
            ran += 1
    assert ran >= 15
