"""Plan against outcome, judged by the plan key (tests/keys/plan.toml, written by hand from the
sources; see tests/keys/headlines.md).

The year packs of the key's years are built from the archive (the bundled sources plus the
whole devset). A key pair counts as paired when a row of its year's "Nhiệm vụ và kết quả" table
quotes the key's task clause and, beside it, the key's result clause. A quote and an anchor
match when, folded and with spaces made single, one holds the other's first 30 characters
(anchors are the first words of a clause; a quote may leave out a lead-in such as "Bên cạnh
đó, cần", and an anchor may leave out what a quote begins with). Printed: the pairs found,
the key's tasks that no row quotes, and the rows that say no result is reported; a key row
marked ``disputed`` (found wrong after it was written, with the reason beside it) is printed and
not counted. Asserted:
at least 4 pairs, and "không thấy kết quả được báo cáo" only beside a task whose key row has
no result either.
"""

from __future__ import annotations

import tomllib

import pytest

from briefgen import build as lib
from briefgen.config import load_config
from briefgen.model import PlanRow

from .conftest import ROOT, Cli
from .helpers import key_fold as fold

KEY = ROOT / "tests" / "keys" / "plan.toml"
PAIRS_MIN = 4
PREFIX = 30


def quotes(quote: str, anchor: str) -> bool:
    """Return whether a table's *quote* (a clause, perhaps with "…" where words are left out)
    quotes the clause an *anchor* begins."""
    a = fold(anchor)
    parts = [fold(p) for p in quote.split("…") if p.strip()]
    return any(a[:PREFIX] in p or (len(p) >= PREFIX and p[:PREFIX] in a) for p in parts)


def _row_of(rows: list[PlanRow], anchor: str) -> PlanRow | None:
    return next((r for r in rows if quotes(r.task, anchor)), None)


def test_plan_against_outcome_pairs_the_keys_tasks_and_results(archive: Cli,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    key = tomllib.loads(KEY.read_text(encoding="utf-8"))["plan"]
    tables: dict[int, list[PlanRow]] = {}
    markdown: dict[int, str] = {}
    with lib.Session(load_config(archive.root)) as session:
        for year in sorted({k["year"] for k in key}):
            pack = session.pack(year=year)
            tables[year] = [r for s in pack.sections if s.key == "plan" for r in s.plan]
            markdown[year] = session.render(pack, ["md"])["md"].decode()
    paired, unquoted, wrong_none, lines = [], [], [], []
    for k in key:
        row = _row_of(tables[k["year"]], k["task_anchor"])
        label = f"{k['year']} {k['task_file'][:3]} {k['task_anchor'][:40]!r}"
        if row is None:
            unquoted.append(label)
            lines.append(f"{label}: no row quotes this task")
            continue
        found = [o.text for o in row.outcomes]
        if k.get("disputed"):
            lines.append(f"{label}: a disputed key row ({k['disputed']}), not counted; the table has "
                         f"{'; '.join(t[:50] for t in found) or 'no result'}")
            continue
        if not found:
            lines.append(f"{label}: no result reported (key: {k['result_file'][:3] or 'none'})")
            if k["result_file"]:
                wrong_none.append(label)
        elif k["result_anchor"] and any(quotes(o, k["result_anchor"]) for o in found):
            paired.append(label)
            lines.append(f"{label}: paired with the key's result ({k['result_file'][:3]})")
        else:
            lines.append(f"{label}: beside other results ({'; '.join(t[:50] for t in found)}); "
                         f"key: {k['result_file'][:3] or 'none'}")
    with capsys.disabled():
        with_result = sum(1 for k in key if k["result_file"] and not k.get("disputed"))
        print(f"\nplan key: {len(paired)}/{with_result} task->result pairs paired; {len(unquoted)} of "
              f"{len(key)} tasks quoted by no row; 'no result' said wrongly {len(wrong_none)} times")
        for line in lines:
            print("  " + line)
    for year, text in markdown.items():
        if tables[year]:
            assert "NHIỆM VỤ VÀ KẾT QUẢ" in text
            assert all(r.outcomes for r in tables[year]) or "không thấy kết quả được báo cáo" in text
    assert len(paired) >= PAIRS_MIN
    assert not wrong_none, f"'không thấy kết quả được báo cáo' where the key has a result: {wrong_none}"
