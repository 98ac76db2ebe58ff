"""The package's layout holds: no import cycle anywhere, and one command opens the store once,
loads the themes once and ingests once."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

import briefgen
from tests.conftest import Cli

PACKAGE = Path(briefgen.__file__).parent


def _house() -> Any:
    """Return bench/house.py, the script that measures the package (its import graph is what
    this test checks)."""
    spec = importlib.util.spec_from_file_location("house", PACKAGE.parent / "bench" / "house.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Return, for each module of the package, the package's modules it imports anywhere in
    its file (inside functions and ``if TYPE_CHECKING:`` too: each is still an edge)."""
    result: dict[str, set[str]] = _house().graph(root)
    return result


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return every cycle's modules (the strongly connected parts of more than one module)."""
    result: list[list[str]] = _house().cycles(graph)
    return result


def test_the_cycle_finder_finds_a_cycle_it_is_shown(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "a.py").write_text("from . import b\n", encoding="utf-8")
    (root / "b.py").write_text("def f():\n    from .c import g\n", encoding="utf-8")
    (root / "c.py").write_text("from .a import x\n", encoding="utf-8")
    (root / "d.py").write_text("from . import a\n", encoding="utf-8")
    assert cycles(import_graph(root)) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_no_import_cycle_in_the_package() -> None:
    graph = import_graph()
    assert "briefgen.build" in graph and graph["briefgen.cli"] >= {"briefgen.build"}
    assert cycles(graph) == []


def test_the_command_line_calls_the_wiring_and_nothing_below_it() -> None:
    """cli.py talks to build.py (and prints with jsonify, configures with config): never to a stage."""
    allowed = {"briefgen.build", "briefgen.config", "briefgen.errors", "briefgen.jsonify", "briefgen.text",
               "briefgen.version", "briefgen.model"}
    assert import_graph()["briefgen.cli"] <= allowed


@contextmanager
def counting() -> Iterator[dict[str, int]]:
    """Count store openings, theme loads and ingest runs while the block runs."""
    from briefgen.annotate import themes
    from briefgen.indexing import _Run
    from briefgen.store import sqlite

    counts = {"store": 0, "themes": 0, "ingest": 0}
    store_init, parse, go = sqlite.SqliteStore.__init__, themes.parse_themes, _Run.go

    def opened(self: Any, *args: Any, **kwargs: Any) -> None:
        counts["store"] += 1
        store_init(self, *args, **kwargs)

    def loaded(*args: Any, **kwargs: Any) -> Any:
        counts["themes"] += 1
        return parse(*args, **kwargs)

    def ran(self: Any, *args: Any, **kwargs: Any) -> Any:
        counts["ingest"] += 1
        return go(self, *args, **kwargs)

    with mock.patch.object(sqlite.SqliteStore, "__init__", opened), \
            mock.patch.object(themes, "parse_themes", loaded), mock.patch.object(_Run, "go", ran):
        yield counts


def test_one_build_opens_the_store_once_and_loads_the_themes_once(cli: Cli) -> None:
    cli.run("ingest")
    with counting() as counts:
        cli.run("build", "--year", "2018", "--format", "md", "--format", "pdf")
    assert counts == {"store": 1, "themes": 1, "ingest": 1}
    assert (cli.root / "output" / "2018-year-review.pdf").is_file()


@pytest.mark.parametrize("command", [("sources",), ("search", "bảo hộ công dân"), ("themes",),
                                     ("figures", "--year", "2018"), ("clean", "--dry-run")])
def test_each_reading_command_opens_the_store_once(cli: Cli, command: tuple[str, ...]) -> None:
    with counting() as counts:
        cli.run(*command)
    assert counts["store"] == 1 and counts["ingest"] == 1 and counts["themes"] <= 1, counts


def test_yearly_ingests_once(cli: Cli) -> None:
    with counting() as counts:
        cli.run("yearly", "--format", "md")
    assert counts["ingest"] == 1 and counts["store"] == 1 and counts["themes"] == 1, counts
    assert (cli.root / "output" / "2018-year-review.md").is_file()


def test_the_sqlite_store_implements_every_method_of_the_protocol() -> None:
    import inspect

    from briefgen.store import Store
    from briefgen.store.sqlite import SqliteStore

    wanted = {name for name, value in vars(Store).items() if callable(value) and not name.startswith("_")}
    assert {"put", "remove", "search", "passages", "corpus_data", "transaction"} <= wanted
    for name in sorted(wanted):
        ours, theirs = inspect.signature(getattr(Store, name)), inspect.signature(getattr(SqliteStore, name))
        assert list(ours.parameters) == list(theirs.parameters), name


def test_a_database_error_is_one_line_naming_the_index(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from briefgen.store.sqlite import SqliteStore

    cli.run("ingest")

    def broken(self: SqliteStore) -> dict[str, int]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(SqliteStore, "passage_counts", broken)
    result = cli.run("sources", code=1)
    index = cli.root / ".briefgen" / "index.sqlite"
    assert result.stderr.strip().splitlines() == [
        f"briefgen: error: {index}: the index could not be used (disk I/O error)"]
