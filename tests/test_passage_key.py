"""The passage key of tests/keys/ (passages_001-044.tsv, passages_045-094.tsv: every body
paragraph of the devset, labelled kind and years by hand) against what briefgen finds, per
half and over all (figures printed with -s).

How a keyed row is found: among its source's passages, in order, after the passage the row
before it (same file) matched, the first whose text starts with the row's anchor (without an
outlet's tag before a lead, "(VOH) - ", which briefgen leaves out of the passage), both folded
(lower case, no tones), quote marks dropped and whitespace normalised; failing that, the first
that contains the anchor (a few anchors are taken from inside their paragraph, and briefgen may
join two lines into one passage). A row that no passage matches counts as wrong in every figure.

The figures, each over the keyed rows of a half (or of both):

- **kind**: the share of rows whose passage has the key's kind (result, task or context);
- **swaps**: the share of rows where the key says result and briefgen task, or the reverse;
- **years**: the share of rows whose passage's years, as a set, equal the key's: "-" (a
  timeless or standing fact) is the empty set; rows keyed "?" (the text cannot tell) are left
  out of this figure.

Goals (issue 19): kind >= 0.90, swaps <= 0.02, years >= 0.90, over all the keyed rows: reached
(0.902, 0.017, 0.904) and asserted; each half's figures reached so far are floors (a ceiling
for swaps), only ever raised.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from briefgen.text import fold

from .conftest import ROOT, Cli
from .helpers import without_tag

pytestmark = pytest.mark.devset
KEYS = ROOT / "tests" / "keys"
HALVES = {"001-044": KEYS / "passages_001-044.tsv", "045-094": KEYS / "passages_045-094.tsv"}

# The figures reached so far: kind (floor), swaps (ceiling), years (floor), per half and all.
FLOORS = {
    "001-044": (0.889, 0.013, 0.944),  # before issue 19's rules: 0.491, 0.117, 0.665
    "045-094": (0.913, 0.022, 0.866),  # before: 0.527, 0.087, 0.635
    "all": (0.90, 0.02, 0.90),  # before: 0.510, 0.101, 0.649; the goals, reached
}
GOALS = (0.90, 0.02, 0.90)

_QUOTES = re.compile(r"[\"“”‘’'«»]")


def norm(text: str) -> str:
    """Folded, without quote marks, whitespace normalised."""
    return " ".join(_QUOTES.sub("", fold(text)).split())


def key_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def key_years(value: str) -> frozenset[int] | None:
    """The key's years as a set: "-" is the empty set, "?" is None (not scored)."""
    value = value.strip()
    if value == "?":
        return None
    if value in ("-", ""):
        return frozenset()
    return frozenset(int(y) for y in value.split(";"))


def match_rows(rows: list[dict[str, str]], passages: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """Return, for each keyed row of one file (in order), the passage it names, or None."""
    texts = [norm(p["text"]) for p in passages]
    found: list[dict[str, Any] | None] = []
    last = -1
    for row in rows:
        anchor = norm(without_tag(row["anchor"]))  # briefgen leaves an outlet's tag out of the lead
        index = next((i for i in range(last + 1, len(texts)) if texts[i].startswith(anchor)), None)
        if index is None:
            index = next((i for i in [*range(last + 1, len(texts)), last] if i >= 0 and anchor in texts[i]), None)
        found.append(passages[index] if index is not None else None)
        if index is not None:
            last = index
    return found


@dataclass
class Tally:
    rows: int = 0
    kind_right: int = 0
    swaps: int = 0
    years_rows: int = 0
    years_right: int = 0
    unmatched: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, row: dict[str, str], passage: dict[str, Any] | None) -> None:
        self.rows += 1
        want_years = key_years(row["years"])
        self.years_rows += want_years is not None
        label = f"{row['file'][:3]} {row['anchor'][:30]!r}"
        if passage is None:
            self.unmatched.append(label)
            return
        kind = passage["kind"]
        self.kind_right += kind == row["kind"]
        self.swaps += {kind, row["kind"]} == {"result", "task"}
        got_years = frozenset(passage["years"])
        self.years_right += want_years is not None and got_years == want_years
        if kind != row["kind"] or (want_years is not None and got_years != want_years):
            self.wrong.append(f"{label}: key {row['kind']} {row['years']}, found {kind} "
                              f"{';'.join(map(str, sorted(got_years))) or '-'}")

    def figures(self) -> tuple[float, float, float]:
        return (self.kind_right / max(1, self.rows), self.swaps / max(1, self.rows),
                self.years_right / max(1, self.years_rows))

    def line(self, name: str) -> str:
        kind, swaps, years = self.figures()
        return (f"passages {name}: kind {kind:.3f} ({self.kind_right}/{self.rows}), swaps {swaps:.3f} "
                f"({self.swaps}/{self.rows}), years {years:.3f} ({self.years_right}/{self.years_rows}), "
                f"unmatched {len(self.unmatched)}")


def score(sources: dict[str, list[dict[str, Any]]]) -> dict[str, Tally]:
    """Return the tallies of each half and of all, from each file's passages (name -> passages)."""
    tallies = {name: Tally() for name in (*HALVES, "all")}
    for half, path in HALVES.items():
        by_file: dict[str, list[dict[str, str]]] = {}
        for row in key_rows(path):
            by_file.setdefault(row["file"], []).append(row)
        for name, rows in by_file.items():
            for row, passage in zip(rows, match_rows(rows, sources.get(name, [])), strict=True):
                tallies[half].add(row, passage)
                tallies["all"].add(row, passage)
    return tallies


def devset_passages(cli: Cli) -> dict[str, list[dict[str, Any]]]:
    """Return each devset file's passages as `briefgen show --json` gives them."""
    found = {}
    for source in cli.json("sources")["sources"]:
        found[Path(source["path"]).name] = cli.json("show", source["id"])["passages"]
    return found


def test_passages_against_the_passage_key(devset_cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    tallies = score(devset_passages(devset_cli))
    with capsys.disabled():
        print()
        for name, tally in tallies.items():
            print(tally.line(name))
    for name, tally in tallies.items():
        kind, swaps, years = tally.figures()
        floor_kind, ceiling_swaps, floor_years = FLOORS[name]
        assert kind >= floor_kind, tally.line(name)
        assert swaps <= ceiling_swaps, tally.line(name)
        assert years >= floor_years, tally.line(name)
