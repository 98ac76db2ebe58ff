"""The command line as a user meets it: help, JSON on stdout only, clear errors."""

from __future__ import annotations

import json

import click
import pytest

from briefgen.cli import main

from .conftest import Cli


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_an_example(name: str) -> None:
    command = main.commands[name]
    assert command.help and "Example:" in command.help
    with click.Context(command) as ctx:
        assert command.get_help(ctx)


def test_json_outputs_are_one_document_with_documented_fields(seeded: Cli) -> None:
    sources = json.loads(seeded.run("sources", "--json").stdout)["sources"]
    fields = {"id", "path", "title", "outlet", "author", "url", "published", "published_certainty", "year_reviewed",
              "year_tasks", "years_mentioned", "passage_count", "warnings"}
    assert all(fields <= set(s) for s in sources) and len(sources) == 5
    show = json.loads(seeded.run("show", sources[0]["path"], "--json").stdout)
    assert show["id"] == sources[0]["id"]
    assert {"passage", "heading", "start", "end", "text"} <= set(show["passages"][0])
    assert {"line", "reason"} <= set(show["dropped"][0])


def test_show_accepts_a_unique_id_prefix_and_reports_ambiguity(seeded: Cli) -> None:
    assert seeded.json("show", "003")["id"].startswith("003_")
    result = seeded.run("show", "00", code=2)
    assert "matches several sources" in result.stderr
    result = seeded.run("show", "nope", code=2)
    assert "no source 'nope'" in result.stderr


def test_human_output_reads_well(seeded: Cli) -> None:
    out = seeded.run("sources").output
    assert "VGP News · Hải Minh" in out
    show = seeded.run("show", "004").output
    assert "## Một số nhiệm vụ năm 2019" in show and "visitor counter: Năm 2024 : 510.732" in show
