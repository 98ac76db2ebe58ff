"""A source's year does not move when another source comes or goes, unless that source is
the one its year was taken from (and `show` names it): every devset file is taken out in
turn, the folder ingested again, and every other file's year compared."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen import build as lib
from briefgen.config import load_config

pytestmark = pytest.mark.devset


def years(root: Path) -> dict[str, tuple[int | None, str | None]]:
    config = load_config(root)
    lib.ingest(config, workers=1)
    return {Path(s.path).name: (s.meta.year_reviewed, s.meta.year_reviewed_from)
            for s, _ in lib.list_sources(config, refresh=False)}


def test_removing_one_file_moves_only_the_years_dated_from_it(devset: Path, tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    for path in sorted(devset.glob("[0-9]*.txt")):
        shutil.copy(path, tmp_path / "sources" / path.name)
    names = sorted(years(tmp_path))
    aside = tmp_path / "aside"
    aside.mkdir()
    moved: list[str] = []
    for name in names:
        before = years(tmp_path)  # the state each removal starts from
        shutil.move(tmp_path / "sources" / name, aside / name)
        after = years(tmp_path)
        shutil.move(aside / name, tmp_path / "sources" / name)
        stem = Path(name).stem
        for other, (year, origin) in before.items():
            if other == name or after[other][0] == year:
                continue
            assert stem in (origin or ""), (f"removing {name} moved {other} from {year} to {after[other][0]} "
                                            f"(its year came from: {origin})")
            moved.append(other)
    print(f"\nstability: {len(names)} removals; years that moved with the file they came from: {len(moved)}")
