"""Ingest and build times of two hostile shapes at 1, 2, 4 and 8 MB (issue 18, item 4 and 7).
Plain Python, not a test; it prints one line per shape and size:

    python bench/hostile_sizes.py [--sizes 1 2 4 8] [--formats pdf docx md]

  line     one source of a single line of repeated sentences, each holding a year (ingest is
           linear in its year mentions; the passages are cut at sentence ends)
  passage  one source whose body is a single passage with no sentence end (the PDF and DOCX
           lay it out in pieces)

Each run is a fresh project in a temporary folder: `briefgen ingest`, then
`briefgen build --theme citizen_protection` in the formats asked, timed separately. Times
that double with the size are linear; the 10 MB line is refused by no bound (a source may be
20 MB).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _sentence(n: int) -> str:
    return (f"Năm {2000 + n % 25}, Bộ Ngoại giao đã bảo hộ {n} công dân Việt Nam ở nước ngoài và đưa 300 ngư dân "
            f"về nước an toàn trong năm {2001 + n % 24}. ")


def _phrase(n: int) -> str:
    # No sentence end (no ". X"), so segmenting keeps the whole body one passage.
    return f"công tác bảo hộ công dân năm {2000 + n % 25} được triển khai kịp thời ở {n} địa bàn, "


def hostile_text(shape: str, megabytes: float) -> str:
    """Return the text of one hostile source of about *megabytes* MB: a title, then one line
    (no two parts alike, so no cleaning rule takes it for a repeated teaser)."""
    unit = _sentence if shape == "line" else _phrase
    parts: list[str] = []
    size, n = 0, 0
    while size < megabytes * 10**6:
        parts.append(unit(n))
        size += len(parts[-1].encode())
        n += 1
    return "Bảo hộ công dân năm 2023\n\n" + "".join(parts) + "\n"


def timed(command: list[str]) -> float:
    """Return the seconds *command* took; fail loudly when it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--shapes", nargs="+", default=["line", "passage"], choices=["line", "passage"])
    parser.add_argument("--formats", nargs="+", default=["pdf", "docx", "md"], choices=["pdf", "docx", "md"])
    args = parser.parse_args()
    print(f"{'shape':<8} {'MB':>5} {'ingest s':>9} {'build s':>9}")
    for shape in args.shapes:
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as folder:
                root = Path(folder)
                (root / "sources").mkdir()
                (root / "sources" / f"{shape}.txt").write_text(hostile_text(shape, size), encoding="utf-8")
                base = [sys.executable, "-m", "briefgen", "-q", "-C", str(root)]
                ingest = timed([*base, "ingest"])
                formats = [arg for f in args.formats for arg in ("--format", f)]
                build = timed([*base, "build", "--theme", "citizen_protection", *formats])
            print(f"{shape:<8} {size:>5g} {ingest:>9.1f} {build:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
