"""Start-up cost: `briefgen --help` against `briefgen build` on the bundled corpus, side by side.

Run with plain Python from the project root (briefgen installed):

    python bench/startup.py [--runs 5]

Prints the median wall time of each command over the runs, and their ratio. The goal is
that --help takes under a third of a build (it must not import the PDF and DOCX libraries).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefgen-startup-") as scratch:
        project = Path(scratch)
        shutil.copytree(ROOT / "sources", project / "sources")
        base = [sys.executable, "-m", "briefgen", "-C", str(project)]
        subprocess.run([*base, "ingest"], check=True, stdout=subprocess.DEVNULL)
        commands = {"briefgen --help": [*base, "--help"], "briefgen sources": [*base, "sources"],
                    "briefgen build --year 2018": [*base, "build", "--year", "2018", "--format", "pdf",
                                                   "--format", "docx"]}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so drift on a shared machine hits both alike
            for name, command in commands.items():
                times[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"{name:<28} median {value * 1000:7.0f} ms over {args.runs} runs")
    ratio = medians["briefgen --help"] / medians["briefgen build --year 2018"]
    print(f"--help / build = {ratio:.2f} (goal: under 0.33)")
    return 0 if ratio < 1 / 3 else 1


if __name__ == "__main__":
    sys.exit(main())
