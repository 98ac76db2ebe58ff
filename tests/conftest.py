"""Shared fixtures: a scratch project holding the bundled sources, the devset, a CLI runner."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import settings

from briefgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "sources"

# CI tries the same generated examples on every run, so a red CI is never chance and always
# reproducible; a developer's plain `pytest` draws new examples each time and keeps exploring.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
# The LibreOffice pass that writes page numbers into a Word draft's contents costs seconds a
# build: off for the suite; tests/test_word.py turns it on for the one draft it shares.
os.environ.setdefault("BRIEFGEN_DOCX_PAGES", "off")


def devset_dir() -> Path | None:
    """Return the devset folder (BRIEFGEN_DEVSET, else ../shared/devset), or None."""
    folder = Path(os.environ.get("BRIEFGEN_DEVSET") or ROOT.parent / "shared" / "devset")
    return folder if (folder / "LABELS.tsv").is_file() else None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a project folder whose sources/ is a copy of the bundled corpus."""
    shutil.copytree(BUNDLED, tmp_path / "sources")
    return tmp_path


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """Return a project folder with an empty sources/."""
    (tmp_path / "sources").mkdir()
    return tmp_path


@pytest.fixture(scope="session")
def devset() -> Path:
    """Return the devset folder, or skip the test with a message when it is absent."""
    folder = devset_dir()
    if folder is None:
        pytest.skip("devset not found: set BRIEFGEN_DEVSET or place it at ../shared/devset")
    return folder


class Cli:
    """Runs briefgen commands in one project folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.runner = CliRunner()

    def run(self, *args: str, code: int | None = 0) -> Any:
        result = self.runner.invoke(main, ["--project", str(self.root), *args], catch_exceptions=False)
        if code is not None:
            assert result.exit_code == code, f"exit {result.exit_code}: {result.output}"
        return result

    def json(self, *args: str) -> Any:
        result = self.run(*args, "--json")
        return json.loads(result.stdout)


@pytest.fixture
def cli(project: Path) -> Cli:
    """Return a CLI runner on the bundled-corpus project."""
    return Cli(project)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """Return a CLI runner on one ingested copy of the bundled corpus, shared by read-only tests."""
    root = tmp_path_factory.mktemp("seeded")
    shutil.copytree(BUNDLED, root / "sources")
    runner = Cli(root)
    runner.run("ingest")
    return runner


@pytest.fixture(scope="session")
def devset_cli(devset: Path, tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """Return a CLI runner on one ingested copy of the devset's files, shared by the tests that
    score it (they may build packs into its output folder, never change its sources)."""
    root = tmp_path_factory.mktemp("devset")
    (root / "sources").mkdir()
    for path in sorted(devset.glob("[0-9]*.txt")):
        shutil.copy(path, root / "sources" / path.name)
    runner = Cli(root)
    runner.run("ingest")
    return runner


def source_by_prefix(sources: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    """Return the one source whose id starts with *prefix*."""
    matches = [s for s in sources if s["id"].startswith(prefix)]
    assert len(matches) == 1, [s["id"] for s in sources]
    return matches[0]


@pytest.fixture(scope="session")
def archive(devset: Path, tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """Return a CLI runner on one ingested archive: the bundled sources plus the whole devset
    (what the pack tests read as an analyst would; they never change its sources)."""
    root = tmp_path_factory.mktemp("archive")
    shutil.copytree(BUNDLED, root / "sources")
    for path in sorted(devset.glob("[0-9]*.txt")):
        shutil.copy(path, root / "sources" / path.name)
    runner = Cli(root)
    runner.run("ingest")
    return runner

