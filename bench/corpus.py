"""Generate a realistic corpus of N source files from the bundled articles (deterministic per seed).

Sentences and paragraphs of the bundled sources are recombined with other years, numbers,
outlets, bylines and site boilerplate (share bars, related-news lists, visitor counters),
so that the cleaning, metadata and annotation stages do real work. Files are written
outside the repository (default: ~/.cache/briefgen-bench/N-SEED/sources); nothing
generated is committed.

    python bench/corpus.py 10000 [--seed 1] [--out DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = ["VGP News", "TTXVN", "Báo Quốc tế", "VOV", "Nhân Dân", "Báo Quảng Trị", "Kinhtedothi", "Thanh Niên",
           "Tuổi Trẻ", "VnExpress", "Báo Đắk Lắk", "Báo Hòa Bình", "Vietnam+", "Báo Tin tức"]
NAMES = ["Hải Minh", "Thu Trang", "Minh Anh", "Quốc Việt", "Lan Hương", "Đức Thắng", "Ngọc Mai", "Văn Hùng"]
NOISE_TOP = ["A- A A+ | Chia sẻ bài viết lên facebook Chia sẻ bài viết lên twitter", "Trang chủ > Thời sự > Đối ngoại",
             "Chia sẻ", "Hội nhập"]
TEASERS = ["Hà Nội khai mạc hội chợ công nghiệp nông thôn {y}", "Đắk Lắk thiệt hại gần {n}.500 tỷ đồng sau mưa lũ",
           "Khai mạc Hội thi OCOP {y}: lan tỏa bản sắc", "Giải golf vì môi trường lần thứ {r}"]
SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])")


def bundled_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "sources").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line) > 120:
                sentences += [s for s in SENTENCE.split(line) if len(s) > 40]
    return sentences


def vary(sentence: str, rng: random.Random, year: int) -> str:
    sentence = re.sub(r"\b20(1[0-9]|2[0-5])\b", lambda m: str(year + (int(m.group(0)) - 2018) % 2), sentence)
    return re.sub(r"\b\d{1,3}(?:\.\d{3})*\b(?= (?:chuyến|đoàn|công dân|ngư dân|tàu|đề án|nước))",
                  lambda m: f"{rng.randint(2, 12000):,}".replace(",", "."), sentence)


def document(rng: random.Random, sentences: list[str], n: int) -> str:
    year = rng.randint(2010, 2025)
    outlet = rng.choice(OUTLETS)
    lines = []
    if rng.random() < 0.6:
        lines += rng.sample(NOISE_TOP, rng.randint(1, 3))
    lines.append(vary(rng.choice(sentences), rng, year).rstrip(".") + f" (bài {n})")
    if rng.random() < 0.5:
        lines.append(f" date {year + 1}-01-{rng.randint(1, 28):02d}")
    for p in range(rng.randint(3, 9)):
        paragraph = " ".join(vary(rng.choice(sentences), rng, year) for _ in range(rng.randint(1, 4)))
        if p == 0 and rng.random() < 0.5:
            paragraph = f"{outlet} - Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}, " + paragraph
        lines.append(paragraph)
    lines.append(f"{rng.choice(NAMES)}/{outlet}")
    if rng.random() < 0.5:
        lines.append("Tin liên quan")
        for _ in range(rng.randint(2, 6)):
            teaser = rng.choice(TEASERS).format(y=rng.randint(2015, 2025), n=rng.randint(1, 9), r=rng.randint(2, 9))
            lines += [teaser, f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d} | {rng.randint(1, 28):02d}/"
                              f"{rng.randint(1, 12):02d}/{rng.randint(2015, 2025)} Tin tức"]
    if rng.random() < 0.3:
        lines += ["Thống kê truy cập", f"Hôm nay : {rng.randint(100, 9999):,}".replace(",", ".")]
    return "\n\n".join(lines) + "\n"


def generate(count: int, seed: int, out: Path) -> Path:
    """Write *count* files into out/sources (once; a complete folder is reused) and return it."""
    folder = out / "sources"
    marker = out / ".complete"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sentences = bundled_sentences()
    for n in range(count):
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{n:06d}.txt").write_text(document(rng, sentences, n), encoding="utf-8")
    marker.write_text(f"{count} {seed}\n")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path.home() / ".cache" / "briefgen-bench" / f"{args.count}-{args.seed}"
    print(generate(args.count, args.seed, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
