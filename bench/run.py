"""The briefgen benchmark: ingest, re-ingest, index, search and packs at N documents, side by
side with the references a user would compare against. Plain Python, not a test:

    python bench/run.py --sizes 1000 10000 [--workers 2] [--seed 1]

For each N it prints one table: cold ingest (s, MB/s, docs/s, peak RSS of the largest
process), re-ingest after 1% of the files changed, index size, search latency (median and
95th percentile over 100 queries, half with diacritics, half without), and the time to
assemble and render one year pack and one theme pack as PDF, DOCX and Markdown. The
references, run on the same data:
  floor   read the files, NFC them, split at blank lines and insert the paragraphs into a bare
          FTS5 table in one transaction (the work no ingest can avoid);
  pandoc  pandoc converting the pack's Markdown to DOCX, beside briefgen's own DOCX without the
          LibreOffice pass that writes the contents' page numbers (timed apart);
  fts5    a plain FTS5 MATCH on the same index, beside briefgen's ranked search.
Each is given as a ratio, since absolute times drift on a shared machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

QUERIES = ["bảo hộ công dân", "đối ngoại đa phương", "ngoại giao kinh tế", "Hội đồng Bảo an", "Biển Đông",
           "hội nhập quốc tế", "người Việt Nam ở nước ngoài", "chuyến thăm", "Chỉ thị 25", "đào tạo cán bộ"]


def run_timed(command: list[str]) -> tuple[float, int]:
    """Run a command; return (seconds, its peak RSS in KB) using GNU time when present."""
    timer = shutil.which("time") or "/usr/bin/time"
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        start = time.perf_counter()
        if Path(timer).exists():
            subprocess.run([timer, "-f", "%M", "-o", report.name, *command], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            rss = int(Path(report.name).read_text().split()[-1] or 0)
        else:
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return time.perf_counter() - start, rss


def floor(sources: Path, scratch: Path) -> float:
    """The unavoidable work: read, NFC, split at blank lines, insert into FTS5 in one transaction."""
    start = time.perf_counter()
    db = sqlite3.connect(scratch / "floor.sqlite")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')")
    with db:
        for path in sorted(sources.rglob("*.txt")):
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
            db.executemany("INSERT INTO p(text) VALUES (?)", [(p,) for p in text.split("\n\n") if p.strip()])
    db.close()
    return time.perf_counter() - start


def search_latency(project: Path) -> tuple[float, float, float]:
    """Return briefgen's median and p95 search time (ms) and a plain FTS5 query's median (ms)."""
    from briefgen.store.sqlite import SqliteStore
    from briefgen.text import fold, tokens

    store = SqliteStore(project / ".briefgen" / "index.sqlite")
    queries = [q for q in QUERIES for _ in range(5)] + [fold(q) for q in QUERIES for _ in range(5)]
    ours, plain = [], []
    for query in queries:
        start = time.perf_counter()
        store.search(query, limit=20)
        ours.append((time.perf_counter() - start) * 1000)
        words = " ".join(f'"{w}"' for w in tokens(query))
        start = time.perf_counter()
        store.db.execute("SELECT rowid FROM passage_fts WHERE passage_fts MATCH ? LIMIT 20", (words,)).fetchall()
        plain.append((time.perf_counter() - start) * 1000)
    store.close()
    ours.sort()
    return statistics.median(ours), ours[int(len(ours) * 0.95) - 1], statistics.median(plain)


def packs(project: Path, scratch: Path) -> dict[str, float]:
    """Time assembling and rendering a year pack and a theme pack in each format, and pandoc."""
    from briefgen import build as lib
    from briefgen.config import load_config

    config = load_config(project)
    times: dict[str, float] = {}
    for label, scope in (("year", {"year": 2020}), ("theme", {"theme": "citizen_protection"})):
        start = time.perf_counter()
        pack = lib.build_pack(config, refresh=False, **scope)  # type: ignore[arg-type]
        times[f"{label} assemble"] = time.perf_counter() - start
        for fmt in ("pdf", "docx", "md"):
            start = time.perf_counter()
            data = lib.render(pack, config, fmt)
            times[f"{label} {fmt}"] = time.perf_counter() - start
            (scratch / f"{label}.{fmt}").write_bytes(data)
        # The Word draft alone, without LibreOffice laying it out for the contents' page numbers
        # (what pandoc's draft lacks too).
        start = time.perf_counter()
        lib.render(pack, dataclasses.replace(config, docx_pages=False), "docx")
        times[f"{label} docx alone"] = time.perf_counter() - start
        if shutil.which("pandoc"):
            start = time.perf_counter()
            subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(scratch / f"{label}-pandoc.docx"),
                            str(scratch / f"{label}.md")], check=True, capture_output=True)
            times[f"{label} pandoc"] = time.perf_counter() - start
    return times


def bench(count: int, seed: int, workers: int) -> None:
    sources = generate(count, seed, Path.home() / ".cache" / "briefgen-bench" / f"{count}-{seed}")
    megabytes = sum(p.stat().st_size for p in sources.rglob("*.txt")) / 1e6
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as scratch_name:
        scratch = Path(scratch_name)
        project = scratch / "project"
        project.mkdir()
        (project / "sources").symlink_to(sources, target_is_directory=True)
        env_workers = ["env", f"BRIEFGEN_WORKERS={workers}"]
        cold, rss = run_timed([*env_workers, sys.executable, "-m", "briefgen", "-q", "-C", str(project), "ingest"])
        changed = sorted(sources.rglob("*.txt"))[:: 100]
        backups = {p: p.read_bytes() for p in changed}
        try:
            for path in changed:
                path.write_text(path.read_text(encoding="utf-8") + "\nCập nhật thêm.\n", encoding="utf-8")
            again, _ = run_timed([*env_workers, sys.executable, "-m", "briefgen", "-q", "-C", str(project), "ingest"])
        finally:
            for path, data in backups.items():
                path.write_bytes(data)
        index = sum(p.stat().st_size for p in (project / ".briefgen").glob("index.sqlite*"))
        base = floor(sources, scratch)
        median, p95, plain = search_latency(project)
        times = packs(project, scratch)
    print(f"\n## {count:,} documents ({megabytes:.0f} MB, seed {seed}, {workers} worker(s))\n")
    print("| measure | value | reference | ratio |")
    print("|---|---:|---|---:|")
    print(f"| cold ingest | {cold:.1f} s ({megabytes / cold:.2f} MB/s, {count / cold:.0f} docs/s) | floor {base:.1f} s "
          f"| {cold / base:.1f}× |")
    print(f"| peak RSS (largest process) | {rss / 1024:.0f} MB | | |")
    print(f"| re-ingest, 1% changed | {again:.1f} s | cold ingest | {again / cold:.2f} |")
    print(f"| index size | {index / 1e6:.0f} MB | sources {megabytes:.0f} MB | {index / 1e6 / megabytes:.1f}× |")
    print(f"| search median / p95 | {median:.1f} / {p95:.1f} ms | plain FTS5 {plain:.2f} ms | {median / plain:.0f}× |")
    for label in ("year", "theme"):
        row = " / ".join(f"{fmt} {times[f'{label} {fmt}']:.2f} s" for fmt in ("pdf", "docx", "md"))
        pandoc = times.get(f"{label} pandoc")
        ratio = f"{times[f'{label} docx alone'] / pandoc:.1f}×" if pandoc else "n/a"
        print(f"| {label} pack (assemble {times[f'{label} assemble']:.2f} s) | {row} (docx without page numbers "
              f"{times[f'{label} docx alone']:.2f} s) | pandoc md→docx {pandoc or 0:.2f} s | docx alone {ratio} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}")
    for count in args.sizes:
        bench(count, args.seed, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
