"""Ingest scored against the hand-labelled devset, with the definitions of labelscore.py.

Ingest figures (printed with -s): year reviewed right, over files whose label has one (goal >= 0.90);
publication date right or left unknown, over files whose label has one (goal >= 0.90), and
right (goal >= 0.70); boilerplate leakage, labelled noise strings of 6+ characters found in
any passage of their file, whitespace-normalised (goal <= 0.05). A file whose label has no
date counts as right when briefgen gives null or an inferred date and wrong when it claims a
stated one (a dateline without a year cannot state a date).

Annotation figures: key-figure recall, a labelled figure is found when a figure of its file
shares a number with it (goal >= 0.90); precision, a reported figure shares a number with a
labelled figure of its file (goal >= 0.85); people recall, a labelled person's name (its last
two words, tones and "đ" folded) is among the file's people (goal >= 0.85); theme micro F1 of
the file's assigned themes against the labels, "other:" labels ignored (goal >= 0.75).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from .conftest import Cli
from .helpers import fold, name_key


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def date_verdict(tool: str | None, gold: str) -> bool | None:
    if not tool:
        return None
    n = min(len(tool), len(gold))
    return tool[:n] == gold[:n]


@pytest.fixture(scope="module")
def scored(devset: Path, devset_cli: Cli) -> dict[str, Any]:
    cli = devset_cli
    gold = {g["file"]: g for g in csv.DictReader((devset / "LABELS.tsv").open(encoding="utf-8"), delimiter="\t",
                                                 quoting=csv.QUOTE_NONE)}
    sources = {Path(s["path"]).name: s for s in cli.json("sources")["sources"]}
    texts = {name: norm(" \n ".join(p["text"] for p in cli.json("show", s["id"])["passages"]))
             for name, s in sources.items()}
    figures = cli.json("figures")["figures"]
    return {"gold": gold, "sources": sources, "texts": texts, "figures": figures}


# The devset's second part (045-094) comes from outlets the rules were not made on. When it
# arrived (before the any-outlet cleaning) the whole set measured year 0.872, leak 0.091,
# figures 0.938/0.966, people 0.943, themes 0.750, and 045-094 alone leak 0.258, year 0.778.
# The test now holds what the general signals reach on both parts: no leak anywhere; the year
# goal of issue 16 (0.95 on all files) is reached (0.965; 001-044 0.976, 045-094 0.933 in the
# whole set) and guarded; the theme goal (0.80) is not reached yet and is guarded at the
# figures measured now.
PART_ONE = "044"


def part(gold: dict[str, Any], which: str) -> dict[str, Any]:
    if which == "all":
        return gold
    first = which == "001-044"
    return {name: label for name, label in gold.items() if (name[:3] <= PART_ONE) == first}


@pytest.mark.parametrize("which", ["001-044", "045-094", "all"])
def test_devset_figures(scored: dict[str, Any], which: str, capsys: pytest.CaptureFixture[str]) -> None:
    sources, texts = scored["sources"], scored["texts"]
    assert set(sources) == set(scored["gold"])
    gold = part(scored["gold"], which)
    year_n = year_ok = 0
    right = unknown = wrong = 0
    no_label_wrong: list[str] = []
    noise_n = leaked = 0
    for name, label in gold.items():
        source = sources[name]
        if label["main_year_reviewed"]:
            year_n += 1
            year_ok += str(source["year_reviewed"]) == label["main_year_reviewed"]
        if label["publication_date"]:
            verdict = date_verdict(source["published"], label["publication_date"])
            right += verdict is True
            unknown += verdict is None
            wrong += verdict is False
        elif source["published"] and source["published_certainty"] == "stated":
            no_label_wrong.append(name)
        lines = [norm(b) for b in label["boilerplate_lines"].split(";") if len(b.strip()) >= 6]
        noise_n += len(lines)
        leaked += sum(1 for b in lines if b in texts[name])
    dated = right + unknown + wrong
    figures = {"year": year_ok / year_n, "date": (right + unknown) / dated, "date-found": right / dated,
               "leak": leaked / noise_n}
    with capsys.disabled():
        print(f"\ndevset {which}: year {figures['year']:.3f} ({year_ok}/{year_n}); date right-or-unknown "
              f"{figures['date']:.3f} (right {right}, unknown {unknown}, wrong {wrong} of {dated}); "
              f"leak {figures['leak']:.3f} ({leaked}/{noise_n}); stated dates on undated labels {no_label_wrong}")
    assert figures["leak"] <= 0.02
    if which == "001-044":
        assert figures["year"] >= 0.95
    elif which == "045-094":
        assert figures["year"] >= 0.93
    elif which == "all":
        assert figures["year"] >= 0.95
    assert figures["date"] >= 0.90
    assert figures["date-found"] >= 0.70
    assert no_label_wrong == []


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.mark.parametrize("which", ["001-044", "045-094", "all"])
def test_devset_annotation(scored: dict[str, Any], which: str, capsys: pytest.CaptureFixture[str]) -> None:
    sources = scored["sources"]
    gold = part(scored["gold"], which)
    by_id = {s["id"]: name for name, s in sources.items()}
    found: dict[str, list[set[str]]] = {}
    for f in scored["figures"]:
        found.setdefault(by_id[f["source_id"]], []).append(set(NUMBER.findall(f["text"])))
    fig_n = fig_hit = rep_n = rep_hit = 0
    people_n = people_hit = 0
    tp = fp = fn = 0
    for name, label in gold.items():
        wanted = [set(NUMBER.findall(k)) for k in label["key_figures"].split(";") if NUMBER.search(k)]
        have = found.get(name, [])
        fig_n += len(wanted)
        fig_hit += sum(1 for w in wanted if any(w & h for h in have))
        every = set().union(*wanted) if wanted else set()
        rep_n += len(have)
        rep_hit += sum(1 for h in have if h & every)
        names = [" ".join(fold(p["name"]).split()) for p in sources[name]["people"]]
        keys = [k for k in (name_key(p) for p in label["people"].split(";") if p.strip()) if k]
        people_n += len(keys)
        people_hit += sum(1 for k in keys if k in " | ".join(names) or k.split()[-1] in names)
        want = {t for t in label["themes"].split(";") if t and not t.startswith("other:")}
        got = {t["id"] for t in sources[name]["themes"]}
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    recall, precision = fig_hit / fig_n, rep_hit / max(1, rep_n)
    people, f1 = people_hit / people_n, 2 * tp / (2 * tp + fp + fn)
    with capsys.disabled():
        print(f"\ndevset {which} annotation: figures recall {recall:.3f} ({fig_hit}/{fig_n}) precision {precision:.3f} "
              f"({rep_hit}/{rep_n}); people {people:.3f} ({people_hit}/{people_n}); themes F1 {f1:.3f} "
              f"(tp {tp}, fp {fp}, fn {fn})")
    # Held at what the rules reach (themes: 0.838 / 0.789 / 0.811; people 0.981 / 0.971 / 0.975),
    # a little below, so a rule change that loses ground fails here.
    assert recall >= (0.88 if which == "045-094" else 0.90)
    assert precision >= 0.95
    assert people >= 0.95
    assert f1 >= {"001-044": 0.83, "045-094": 0.78, "all": 0.80}[which]
