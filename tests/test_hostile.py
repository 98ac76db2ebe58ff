"""Broken and hostile inputs, made by the tests: every bad file gets one warning naming it,
the good ones are indexed, a pack is built, and nothing outside sources/ is read."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest

from briefgen.readers.legacy import TCVN3, VNI

from .conftest import BUNDLED, Cli
from .helpers import cp1258_bytes, make_docx, make_pdf

BODY = ("Năm 2023, Bộ Ngoại giao đã triển khai hiệu quả công tác bảo hộ công dân, bảo hộ 1.250 công dân "
        "Việt Nam ở nước ngoài và đưa 300 ngư dân về nước an toàn.")
SECRET = "MẬT-KHÔNG-ĐƯỢC-ĐỌC"


def tcvn3_bytes(text: str) -> bytes:
    """Encode as TCVN3 (ABC) fonts did: toned capitals are written with the lower-case byte."""
    inverse = {letter: code for code, letter in TCVN3.items()}
    out = bytearray()
    for ch in text:
        if ch in inverse:
            out.append(inverse[ch])
        elif ord(ch) < 128:
            out.append(ord(ch))
        else:
            out.append(inverse[ch.lower()])
    return bytes(out)


def vni_bytes(text: str) -> bytes:
    inverse: dict[str, str] = {}
    for written, letter in VNI.items():
        inverse.setdefault(letter, written)
    return "".join(inverse.get(ch, ch) for ch in text).encode("cp1252")


def zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as entry:
            block = b"\0" * (1024 * 1024)
            for _ in range(260):  # 260 MB of zeros, about 250 KB compressed
                entry.write(block)


def xxe_docx(path: Path, secret_file: Path) -> None:
    make_docx(path, "Tiêu đề", "Mục", ["Đoạn văn bình thường về đối ngoại năm 2023."])
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{secret_file}">]>'
    xml = xml.replace("?>", "?>" + doctype, 1).replace("Đoạn văn bình thường", "Đoạn &secret; văn", 1)
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def encrypted_pdf(path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("mật-khẩu", canPrint=0))
    pdf.drawString(72, 720, "Secret text")
    pdf.showPage()
    pdf.save()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("hostile")
    sources = root / "sources"
    sources.mkdir()
    outside = root / "outside.txt"
    outside.write_text(f"{SECRET}\n\n{BODY}\n", encoding="utf-8")
    good = {
        "utf16-bom.txt": ("Tiêu đề UTF-16\n\n" + BODY).encode("utf-16"),
        "utf16-nobom.txt": ("Tiêu đề UTF-16 LE\n\n" + BODY).encode("utf-16-le"),
        "cp1258.txt": cp1258_bytes("Tiêu đề Windows-1258\n\n" + BODY),
        "tcvn3.txt": tcvn3_bytes("Tiêu đề TCVN3\n\n" + BODY),
        "vni.txt": vni_bytes("Tiêu đề VNI\n\n" + BODY),
        "nfd.txt": unicodedata.normalize("NFD", "Tiêu đề NFD\n\n" + BODY).encode(),
        "tên có dấu cách.txt": ("Tên tệp tiếng Việt\n\n" + BODY).encode(),
        "long-line.txt": ("Dòng dài\n\n" + " ".join([BODY] * 6000)).encode(),
        "page.html": ("<html><head><title>Trang</title><style>p{color:red}</style>"
                      "<script>alert('x'); var tracker = 'SCRIPT-TEXT';</script></head><body>"
                      "<iframe src='https://example.com/ad'>IFRAME-TEXT</iframe><article><h1>Tin đối ngoại</h1>"
                      f"<p>{BODY}</p><p>{BODY} Thêm một đoạn nữa.</p></article></body></html>").encode(),
    }
    for name, data in good.items():
        (sources / name).write_bytes(data)
    bad = {
        "empty.txt": b"",
        "blank.txt": b"   \n\t\n  ",
        "junk.txt": bytes(random.Random(7).randrange(256) for _ in range(5000)),
        "mangled.txt": bytes(b if i % 3 else 0xFF for i, b in enumerate(("Văn bản hỏng " * 300).encode())),
        "truncated.docx": None,
        "bomb.docx": None,
        "encrypted.pdf": None,
        "truncated.pdf": None,
        "scanned.pdf": None,
        "outside-link.txt": None,
        "huge.txt": None,
    }
    for name in ("empty.txt", "blank.txt", "junk.txt", "mangled.txt"):
        (sources / name).write_bytes(bad[name] or b"")
    whole = make_docx(root / "whole.docx", "Tiêu đề", "Mục", [BODY])
    (sources / "truncated.docx").write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    zip_bomb(sources / "bomb.docx")
    encrypted_pdf(sources / "encrypted.pdf")
    pdf = make_pdf(root / "whole.pdf", ["Bao cao nam 2023", "Noi dung"])
    (sources / "truncated.pdf").write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 3])
    make_pdf(sources / "scanned.pdf", None)
    os.symlink(outside, sources / "outside-link.txt")
    with (sources / "huge.txt").open("wb") as huge:
        huge.truncate(50 * 10**6)  # 50 MB, sparse: refused from its size, never read
    xxe_docx(sources / "entities.docx", outside)
    cli = Cli(root)
    result = cli.run("ingest")
    return {"root": root, "cli": cli, "result": result, "good": set(good) | {"entities.docx"}, "bad": set(bad)}


def test_every_bad_file_gets_one_warning_and_the_rest_is_indexed(hostile: dict[str, object]) -> None:
    result, cli = hostile["result"], hostile["cli"]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]  # type: ignore[attr-defined]
    for name in hostile["bad"]:  # type: ignore[attr-defined]
        mine = [w for w in warnings if f"sources/{name}:" in w]
        assert len(mine) == 1, (name, mine)
    data = cli.json("sources")  # type: ignore[attr-defined]
    indexed = {Path(s["path"]).name for s in data["sources"]}
    assert indexed == hostile["good"]
    failed = {Path(f["path"]).name for f in data["failures"]}
    assert failed == hostile["bad"]


def test_reasons_say_what_is_wrong(hostile: dict[str, object]) -> None:
    failures = {Path(f["path"]).name: f["reason"] for f in hostile["cli"].json("sources")["failures"]}  # type: ignore[attr-defined]
    assert "zip bomb" in failures["bomb.docx"]
    assert "encrypted" in failures["encrypted.pdf"]
    assert "outside the sources folder" in failures["outside-link.txt"]
    assert "too large" in failures["huge.txt"] and "50 MB" in failures["huge.txt"]
    assert "damaged or truncated" in failures["truncated.docx"]
    assert "binary" in failures["junk.txt"] or "encoding" in failures["junk.txt"]


def test_legacy_and_odd_encodings_come_out_as_unicode(hostile: dict[str, object]) -> None:
    cli = hostile["cli"]
    for name in ("tcvn3", "vni", "cp1258", "utf16-nobom", "utf16-bom", "nfd", "tên có dấu cách"):
        shown = cli.json("show", f"sources/{name}.txt")  # type: ignore[attr-defined]
        text = " ".join(p["text"] for p in shown["passages"])
        assert BODY in text, (name, text[:120])
    tcvn3 = cli.json("show", "sources/tcvn3.txt")  # type: ignore[attr-defined]
    assert tcvn3["encoding"] == "tcvn3" and any("TCVN3" in w for w in tcvn3["warnings"])


def test_nothing_outside_sources_and_no_markup_is_read(hostile: dict[str, object]) -> None:
    cli = hostile["cli"]
    everything = json.dumps([cli.json("show", s["id"]) for s in cli.json("sources")["sources"]],  # type: ignore[attr-defined]
                            ensure_ascii=False)
    assert SECRET not in everything  # neither the symlink nor the DOCX entity was followed
    assert "SCRIPT-TEXT" not in everything and "IFRAME-TEXT" not in everything and "color:red" not in everything


def test_a_pack_is_built_from_what_was_read(hostile: dict[str, object]) -> None:
    cli, root = hostile["cli"], hostile["root"]
    cli.run("build", "--year", "2023", "--format", "pdf", "--format", "docx", "--format", "md")  # type: ignore[attr-defined]
    markdown = (root / "output" / "2023-year-review.md").read_text(encoding="utf-8")  # type: ignore[operator]
    assert "1.250 công dân" in markdown and "cp1258.txt" in markdown and "tcvn3.txt" in markdown


def test_killed_ingests_never_leave_an_unusable_index(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    bundled = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.txt"))]
    for n in range(80):
        (sources / f"{n:03d}.txt").write_text(bundled[n % len(bundled)] + f"\n\nGhi chú số {n}.\n", encoding="utf-8")
    command = [sys.executable, "-m", "briefgen", "-C", str(tmp_path)]
    rng = random.Random(11)
    for _ in range(4):
        (tmp_path / ".briefgen" / "index.sqlite").unlink(missing_ok=True) if rng.random() < 0.3 else None
        for path in rng.sample(sorted(sources.iterdir()), 15):  # changes, so every run has work to do
            path.write_text(path.read_text(encoding="utf-8") + " Cập nhật.", encoding="utf-8")
        process = subprocess.Popen([*command, "ingest"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        listed = subprocess.run([*command, "sources", "--json"], capture_output=True, text=True, timeout=300)
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)["sources"]) == 80


def test_a_damaged_index_is_rebuilt_with_a_warning(cli: Cli) -> None:
    cli.run("ingest")
    index = cli.root / ".briefgen" / "index.sqlite"
    data = bytearray(index.read_bytes())
    data[100:4096] = os.urandom(3996)  # the header stays, the schema page does not
    index.write_bytes(bytes(data))
    for name in ("index.sqlite-wal", "index.sqlite-shm"):
        (cli.root / ".briefgen" / name).unlink(missing_ok=True)
    result = cli.run("ingest")
    assert "index was damaged" in result.stderr and "rebuilt" in result.stderr
    assert len(cli.json("sources")["sources"]) == 5
    assert (cli.root / ".briefgen" / "index.sqlite.damaged").exists()
