"""Hostile input, round two (issue 18): file names that are not UTF-8 or hold controls, link
loops, paragraphs and passages of megabytes, templates that read files or never stop, damaged
or full disks, broken settings. Each test is built from the issue's reproduction; where the
expected behaviour is an error, it is one line naming the file or setting."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import BUNDLED, Cli

BODY = ("Năm 2023, Bộ Ngoại giao đã triển khai hiệu quả công tác bảo hộ công dân, bảo hộ 1.250 công dân "
        "Việt Nam ở nước ngoài và đưa 300 ngư dân về nước an toàn.")


def warnings_of(result: object) -> list[str]:
    """Return the warning lines a command printed on stderr."""
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]  # type: ignore[attr-defined]


def errors_of(result: object) -> list[str]:
    """Return stderr's lines, checking that the command failed with one `briefgen: error:` line
    and no traceback."""
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr, result.stderr  # type: ignore[attr-defined]
    errors = [line for line in lines if line.startswith("briefgen: error:")]
    assert len(errors) == 1, lines
    return errors


def bundled_project(root: Path) -> Cli:
    shutil.copytree(BUNDLED, root / "sources")
    return Cli(root)


# -- 1. file names that are not UTF-8 -----------------------------------------------------

def test_a_file_name_that_is_not_utf8_gets_one_warning_and_every_command_works(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    raw = os.fsencode(tmp_path / "sources") + b"/b\xe1o-c\xe1o.txt"
    with open(raw, "wb") as handle:
        handle.write(("Tiêu đề bài viết\n\n" + BODY + "\n").encode())
    result = cli.run("ingest")
    mine = [w for w in warnings_of(result) if "b\\xe1o-c\\xe1o.txt" in w]
    assert len(mine) == 1 and "not valid UTF-8" in mine[0], result.stderr
    listed = cli.json("sources")
    assert len(listed["sources"]) == 6 and not listed["failures"]
    assert "sources/b\\xe1o-c\\xe1o.txt" in {s["path"] for s in listed["sources"]}
    assert cli.json("search", "bảo hộ công dân")["hits"]
    cli.run("show", "b\\xe1o-c\\xe1o")
    cli.run("build", "--year", "2023", "--format", "md", "--format", "docx", "--format", "pdf")
    assert "`sources/b\\xe1o-c\\xe1o.txt`" in (tmp_path / "output" / "2023-year-review.md").read_text(encoding="utf-8")
    cli.run("yearly", "--format", "md")


# -- 4. a paragraph with thousands of years; every source bounded in time -------------------

def long_text(megabytes: float, single_passage: bool = False) -> str:
    """Return a title and one line of about *megabytes* MB: sentences each holding years (or,
    for *single_passage*, clauses with no sentence end, so the line stays one passage)."""
    parts: list[str] = []
    size = n = 0
    while size < megabytes * 10**6:
        if single_passage:
            # "lần thứ N" is an ordinal, not a figure: the pack is the passage, not a figure table
            part = f"công tác bảo hộ công dân năm {2000 + n % 25} được triển khai kịp thời lần thứ {n}, "
        else:
            part = (f"Năm {2000 + n % 25}, Bộ Ngoại giao đã bảo hộ {n} công dân Việt Nam ở nước ngoài và đưa 300 "
                    f"ngư dân về nước an toàn trong năm {2001 + n % 24}. ")
        parts.append(part)
        size += len(part.encode())
        n += 1
    return "Bảo hộ công dân năm 2023\n\n" + "".join(parts) + "\n"


def within(seconds: float, what: str, action: object) -> None:
    """Run *action*, failing with a message naming *what* when it takes longer than *seconds*
    (a generous bound against quadratic time, not a measurement)."""
    start = time.monotonic()
    action()  # type: ignore[operator]
    took = time.monotonic() - start
    assert took < seconds, f"{what} took {took:.0f} s, over the {seconds:.0f} s bound: time is no longer linear"


def test_a_10mb_line_and_a_1mb_passage_ingest_and_build_in_bounded_time(tmp_path: Path) -> None:
    # Before the fix the 10 MB line ran past 10 minutes (the year scan was quadratic) and the
    # 1 MB passage took the machine's memory (each figure kept a copy of its sentence).
    # Measured here after it: about 20 s and 3 s to ingest, 2 s and 8 s to build.
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "line.txt").write_text(long_text(10), encoding="utf-8")
    (tmp_path / "sources" / "passage.txt").write_text(long_text(1, single_passage=True), encoding="utf-8")
    cli = Cli(tmp_path)
    within(150, "ingesting a 10 MB line and a 1 MB passage", lambda: cli.run("ingest"))
    shown = cli.json("show", "passage")
    assert len(shown["passages"]) == 1 and len(shown["passages"][0]["text"]) > 700_000
    assert len(cli.json("show", "line")["passages"]) > 5000
    within(150, "building a theme pack citing them", lambda: cli.run(
        "build", "--theme", "citizen_protection", "--format", "md", "--format", "docx", "--format", "pdf"))
    assert (tmp_path / "output" / "theme-citizen_protection.pdf").stat().st_size > 0


def test_a_source_that_takes_too_long_is_refused_with_a_reason_and_remembered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest = importlib.import_module("briefgen.indexing.pipeline")  # where a source is read, cleaned, annotated

    real_clean = ingest.clean

    def slow_clean(blocks: object) -> object:
        if any("CHẬM" in str(block) for block in blocks):  # type: ignore[attr-defined]
            time.sleep(30)  # a rule that never finishes, cut short by the bound
        return real_clean(blocks)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "clean", slow_clean)
    monkeypatch.setattr(ingest, "MAX_SOURCE_SECONDS", 0.5)
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    cli = bundled_project(tmp_path)
    (tmp_path / "sources" / "slow.txt").write_text("CHẬM\n\n" + BODY + "\n", encoding="utf-8")
    start = time.monotonic()
    result = cli.run("ingest")
    assert time.monotonic() - start < 25
    mine = [w for w in warnings_of(result) if "sources/slow.txt" in w]
    assert len(mine) == 1 and "longer than 0.5 s" in mine[0], result.stderr
    listed = cli.json("sources")
    assert len(listed["sources"]) == 5
    assert [f["path"] for f in listed["failures"]] == ["sources/slow.txt"]
    again = cli.run("ingest")  # remembered: not read again until it changes
    assert "(unchanged)" in again.stderr and "slow.txt" in again.stderr


# -- 6. symbolic link loops ---------------------------------------------------------------

def test_link_loops_in_sources_get_one_warning_each_and_the_rest_is_read(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    sources = tmp_path / "sources"
    os.symlink("self.txt", sources / "self.txt")
    os.symlink("b.txt", sources / "a.txt")
    os.symlink("a.txt", sources / "b.txt")
    result = cli.run("ingest")
    for name in ("self.txt", "a.txt", "b.txt"):
        mine = [w for w in warnings_of(result) if f"sources/{name}:" in w]
        assert len(mine) == 1 and "link loop" in mine[0], (name, result.stderr)
    assert len(cli.json("sources")["sources"]) == 5
    cli.run("search", "ngoại giao")


# -- 17. names that forge log lines or drive the terminal ----------------------------------

def test_a_file_name_cannot_forge_a_log_line_or_reach_the_terminal_raw(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    name = "f\nbriefgen: error: FORGED LOG LINE\n\x1b[31mred\u202e.txt"
    (tmp_path / "sources" / name).write_text("x\n", encoding="utf-8")  # no body: a warning names it
    result = cli.run("-q", "ingest")
    assert not any(line.startswith("briefgen: error:") for line in result.stderr.splitlines()), result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    mine = [w for w in warnings_of(result) if "FORGED LOG LINE" in w]
    assert mine and all("f\\nbriefgen: error: FORGED LOG LINE\\n\\x1b[31mred\\u202e.txt" in w for w in mine)
    listing = cli.run("sources").stdout
    assert "\x1b" not in listing and "FORGED LOG LINE\n" not in listing


# -- 3. templates that read files ---------------------------------------------------------

SECRET = "MẬT-KHÔNG-ĐƯỢC-ĐỌC"


@pytest.mark.parametrize("statement", [
    "{% include SECRET_FILE %}",
    "{% include '../../secret.txt' %}",
    "{% include '../secret.txt' %}",
    "{% import SECRET_FILE as s %}",
    "{% extends SECRET_FILE %}",
    "{% include 'link.md.j2' %}",
])
def test_a_template_cannot_read_a_file_outside_the_templates_folders(tmp_path: Path, statement: str) -> None:
    root = tmp_path / "project"
    root.mkdir()
    cli = bundled_project(root)
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    templates = root / "templates"
    templates.mkdir()
    os.symlink(secret, templates / "link.md.j2")
    shipped = templates / "year.md.j2"  # a project received with such a template
    shipped.write_text(statement.replace("SECRET_FILE", repr(str(secret))) + "\n# Báo cáo\n", encoding="utf-8")
    cli.run("ingest")
    result = cli.run("build", "--year", "2018", "--format", "md", "--format", "pdf", code=None)
    assert result.exit_code != 0
    error = errors_of(result)[0]
    assert "year.md.j2" in error and "refused" in error, error
    assert not (root / "output" / "2018-year-review.md").exists()
    yearly = cli.run("yearly", "--format", "md", code=None)
    assert yearly.exit_code != 0 and "refused" in yearly.stderr
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (root / "output").glob("*.*"))
    assert SECRET not in everything


def test_templates_still_include_templates_of_their_own_folder(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    templates = tmp_path / "templates"
    (templates / "parts").mkdir(parents=True)
    (templates / "parts" / "note.md.j2").write_text("Ghi chú riêng của dự án.\n", encoding="utf-8")
    (templates / "year.md.j2").write_text("# Báo cáo\n\n{% include 'parts/note.md.j2' %}\n", encoding="utf-8")
    cli.run("build", "--year", "2018", "--format", "md")
    text = (tmp_path / "output" / "2018-year-review.md").read_text(encoding="utf-8")
    assert "Ghi chú riêng của dự án." in text


# -- 9, 10, 18. a full disk, bit rot, a folder in the index's place -------------------------

def scribble(index: Path, keep_stamp: bool) -> None:
    """Write random bytes over the later half of the index's pages, keeping its size and its
    modification time (and, with *keep_stamp*, briefgen's record of them, as if nothing had
    changed since the last check)."""
    before = index.stat()
    data = bytearray(index.read_bytes())
    start = len(data) // 2 // 4096 * 4096  # the later pages: passages and their search index, not the schema
    data[start:] = os.urandom(len(data) - start)
    index.write_bytes(bytes(data))
    os.utime(index, ns=(before.st_atime_ns, before.st_mtime_ns))
    if keep_stamp:
        from briefgen.store.sqlite import SqliteStore

        store = SqliteStore.__new__(SqliteStore)
        store.path = index
        (index.parent / "index.sqlite.checked").write_text(store._stamp(), encoding="utf-8")


@pytest.mark.parametrize("keep_stamp", [False, True], ids=["size-and-time-kept", "stamp-kept-too"])
def test_bit_rot_is_found_the_index_moved_aside_and_rebuilt(tmp_path: Path, keep_stamp: bool) -> None:
    cli = bundled_project(tmp_path)
    cli.run("ingest")
    index = tmp_path / ".briefgen" / "index.sqlite"
    scribble(index, keep_stamp)
    result = cli.run("sources")
    damaged = [w for w in warnings_of(result) if "damaged" in w]
    assert len(damaged) == 1 and "rebuilt" in damaged[0], result.stderr
    assert len(cli.json("sources")["sources"]) == 5
    assert (tmp_path / ".briefgen" / "index.sqlite.damaged").exists()
    assert cli.json("search", "ngoại giao")["hits"]


def test_a_second_damaged_index_never_replaces_the_first(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    cli.run("ingest")
    folder = tmp_path / ".briefgen"
    scribble(folder / "index.sqlite", keep_stamp=False)
    cli.run("ingest")
    first = (folder / "index.sqlite.damaged").read_bytes()
    scribble(folder / "index.sqlite", keep_stamp=False)
    result = cli.run("ingest")
    assert "index.sqlite.damaged.2" in result.stderr
    assert (folder / "index.sqlite.damaged").read_bytes() == first
    assert (folder / "index.sqlite.damaged.2").exists()
    assert len(cli.json("sources")["sources"]) == 5


FILL_DISK = """
import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
# No file may grow past 16 KB: the lock can be written, the index and its shared memory (32 KB) cannot
resource.setrlimit(resource.RLIMIT_FSIZE, (16384, resource.RLIM_INFINITY))
from briefgen.cli import main
sys.argv = ["briefgen", *sys.argv[1:]]
main()
"""


def test_a_disk_that_takes_no_more_leaves_the_index_untouched(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    cli.run("ingest")
    folder = tmp_path / ".briefgen"
    for name in ("index.sqlite-wal", "index.sqlite-shm"):  # a new run must create them
        (folder / name).unlink(missing_ok=True)
    (tmp_path / "sources" / "new.txt").write_text("Tiêu đề bài viết\n\n" + BODY + "\n", encoding="utf-8")
    healthy = (folder / "index.sqlite").read_bytes()

    for command in (["sources"], ["ingest"], ["search", "ngoại giao"]):
        done = subprocess.run([sys.executable, "-c", FILL_DISK, "-C", str(tmp_path), *command],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode != 0, (command, done.stdout)
        errors_of(done)
        assert "index.sqlite" in done.stderr and "left as it is" in done.stderr, done.stderr
        assert (folder / "index.sqlite").read_bytes() == healthy
        assert not list(folder.glob("*.damaged*"))
    assert len(cli.json("sources")["sources"]) == 6  # space again: all is well


def test_a_full_disk_is_said_as_such(tmp_path: Path) -> None:
    """The issue's reproduction, on a 2 MB tmpfs filled up to 8 KB (needs the right to mount)."""
    mount = tmp_path / "disk"
    mount.mkdir()

    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs is not permitted here (the RLIMIT_FSIZE test covers the index)")
    try:
        cli = bundled_project(mount)
        cli.run("ingest")
        folder = mount / ".briefgen"
        healthy = (folder / "index.sqlite").read_bytes()
        for name in ("index.sqlite-wal", "index.sqlite-shm"):
            (folder / name).unlink(missing_ok=True)
        with open(mount / "fill", "wb") as fill:
            free = shutil.disk_usage(mount).free
            fill.write(b"\0" * (free - 8192))
        result = cli.run("sources", code=None)
        assert result.exit_code != 0
        error = errors_of(result)[0]
        assert "disk is full" in error and "index.sqlite" in error, error
        assert (folder / "index.sqlite").read_bytes() == healthy
        assert not list(folder.glob("*.damaged*"))
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)  # lazily: a failed run may hold files


def test_an_index_that_is_a_folder_is_one_line_naming_it(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    (tmp_path / ".briefgen" / "index.sqlite").mkdir(parents=True)
    for command in (["ingest"], ["sources"], ["search", "ngoại giao"]):
        result = cli.run(*command, code=None)
        assert result.exit_code == 1
        error = errors_of(result)[0]
        assert "index.sqlite" in error and "folder" in error, error


# -- 8, 12. file names that would be Markdown, or that XML cannot hold ----------------------

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def pdf_outline_and_text(path: Path) -> tuple[list[str], str]:
    import pypdf

    reader = pypdf.PdfReader(str(path))

    def titles(items: list[object]) -> list[str]:
        found: list[str] = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [str(item.title)]  # type: ignore[attr-defined]
        return found

    return titles(reader.outline), "\n".join(page.extract_text() for page in reader.pages)


def test_file_names_cannot_add_a_cover_page_or_a_heading(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    cover = "f\n~~~briefgen-cover\nissuer: FAKE ISSUER\ntitle: FAKE\n~~~\n.txt"
    heading = "h\n\n# INJECTED HEADING\n\nafter.txt"
    for name in (cover, heading):
        (tmp_path / "sources" / name).write_text("Tiêu đề\n\n" + BODY + "\n", encoding="utf-8")
    cli.run("build", "--year", "2023", "--format", "md", "--format", "pdf", "--format", "docx")
    output = tmp_path / "output"
    lines = (output / "2023-year-review.md").read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("title: ") for line in lines) == 1  # one cover (the Markdown's front matter)
    assert not any(line.startswith(("issuer: FAKE", "# INJECTED", "title: FAKE")) for line in lines)
    assert any("INJECTED HEADING" in line for line in lines)  # the name is still cited, literally
    outline, text = pdf_outline_and_text(output / "2023-year-review.pdf")
    assert not any("INJECTED" in title for title in outline), outline
    assert text.count(MOTTO) == 1
    import docx

    document = docx.Document(str(output / "2023-year-review.docx"))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert not any("INJECTED" in h for h in headings), headings
    body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells)
    assert body.count(MOTTO) == 1


def test_the_code_and_link_filters_print_one_literal_line() -> None:
    from briefgen.config import load_config
    from briefgen.rendering.templating import environment

    env = environment(load_config(Path("/nonexistent-project")))
    out = env.from_string("{{ x | code }} {{ x | link }}").render(x="a\n\n# H\n~~~briefgen-cover\nb`c")
    assert "\n" not in out and "`a # H ~~~briefgen-cover b'c`" in out


def test_a_control_character_in_a_file_name_does_not_break_the_docx(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    (tmp_path / "sources" / "ctl\x01\x02.txt").write_text("Tiêu đề\n\n" + BODY + "\n", encoding="utf-8")
    cli.run("build", "--year", "2023", "--format", "docx", "--format", "pdf", "--format", "md")
    import docx

    document = docx.Document(str(tmp_path / "output" / "2023-year-review.docx"))
    assert document.paragraphs
    markdown = (tmp_path / "output" / "2023-year-review.md").read_text(encoding="utf-8")
    assert "ctl\\x01\\x02.txt" in markdown and "\x01" not in markdown


# -- 5. a zip bomb whose headers tell the truth about the first bytes only ------------------

def lying_docx(path: Path, extra_mib: int) -> None:
    """Write a .docx whose document.xml entry declares its real size and CRC while its deflate
    stream goes on for *extra_mib* MiB more (zeros: about 1 KB of stream per MiB)."""
    import struct
    import zipfile
    import zlib

    from .helpers import make_docx

    whole = make_docx(path.with_suffix(".whole.docx"), "Tiêu đề", "Mục", [BODY])
    with zipfile.ZipFile(whole) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    xml = parts["word/document.xml"]
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = packer.compress(xml) + b"".join(packer.compress(bytes(1 << 20)) for _ in range(extra_mib)) + packer.flush()
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        entries = package.infolist()
    target = next(e for e in entries if e.filename == "word/document.xml")
    # Rebuild the archive by hand: the entry's stream replaced, every offset after it moved.
    out = bytearray()
    central = bytearray()
    for entry in entries:
        start = entry.header_offset
        name_len, extra_len = struct.unpack("<HH", raw[start + 26 : start + 30])
        data_start = start + 30 + name_len + extra_len
        body = stream if entry is target else raw[data_start : data_start + entry.compress_size]
        header = bytearray(raw[start:data_start])
        struct.pack_into("<IIII", header, 14, zlib.crc32(xml) if entry is target else entry.CRC,
                         len(body), len(xml) if entry is target else entry.file_size, 0)
        struct.pack_into("<HH", header, 26, name_len, 0)
        header = header[: 30 + name_len]
        offset = len(out)
        out += header + body
        record = bytearray(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0,
                                       zlib.crc32(xml) if entry is target else entry.CRC, len(body),
                                       len(xml) if entry is target else entry.file_size, name_len, 0, 0, 0, 0, 0,
                                       offset))
        central += record + entry.filename.encode()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))


# The peak resident memory of this process image (VmHWM starts again at exec, unlike ru_maxrss,
# which would count the forked test runner).
READ_AND_MEASURE = """
import re, sys
from pathlib import Path
from briefgen.readers import read_document
path = Path(sys.argv[1])
document = read_document(path, path.read_bytes())
peak = re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)
print(int(peak) // 1024, " ".join(b.text for b in document.blocks))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="measures memory with Linux's /proc")
def test_a_deflate_stream_longer_than_declared_is_inflated_only_to_the_declared_size(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    lying_docx(bomb, extra_mib=1100)
    assert bomb.stat().st_size < 3 * 10**6
    done = subprocess.run([sys.executable, "-c", READ_AND_MEASURE, str(bomb)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    peak_mb, text = done.stdout.split(" ", 1)
    assert BODY in text
    assert int(peak_mb) < 400, f"reading a 1 MB .docx took {peak_mb} MB of memory: the stream was inflated"


# -- 14. a PDF whose page tree lists one page 100,000 times -------------------------------

def many_pages_pdf(path: Path, count: int, declared: int | None = None) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, NumberObject

    from .helpers import make_pdf

    one = make_pdf(path.parent.parent / "one-page.pdf", ["Bao cao nam 2023 ve cong tac bao ho cong dan.", "Noi dung"])
    writer = PdfWriter(clone_from=str(one))
    pages = writer._root_object["/Pages"]
    kids = pages["/Kids"]
    for _ in range(count - 1):
        kids.append(kids[0])
    pages[NameObject("/Count")] = NumberObject(count if declared is None else declared)
    with path.open("wb") as handle:
        writer.write(handle)


@pytest.mark.parametrize("declared", [None, 1], ids=["count-told", "count-lies"])
def test_a_pdf_of_100000_pages_is_refused_with_a_reason(tmp_path: Path, declared: int | None) -> None:
    cli = bundled_project(tmp_path)
    many_pages_pdf(tmp_path / "sources" / "pages.pdf", 100_000, declared)
    start = time.monotonic()
    result = cli.run("ingest")
    assert time.monotonic() - start < 40, "the pages were read"
    mine = [w for w in warnings_of(result) if "sources/pages.pdf:" in w]
    assert len(mine) == 1 and "100000 pages" in mine[0] and "2000" in mine[0], result.stderr
    assert len(cli.json("sources")["sources"]) == 5


# -- 15. bidirectional controls -------------------------------------------------------------

def test_bidirectional_controls_are_removed_in_normalising(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    text = f"RTLSTART \u202eevil.exe\u202c {controls}\n\n{BODY} \u2067ẩn\u2069.\n"
    (tmp_path / "sources" / "bidi.txt").write_text(text, encoding="utf-8")
    cli.run("ingest")
    shown = cli.json("show", "bidi")
    everything = json_text(shown)
    assert not any(ch in everything for ch in controls)
    assert "RTLSTART evil.exe" in everything and "ẩn." in everything


def json_text(data: object) -> str:
    import json

    return json.dumps(data, ensure_ascii=False)


# -- 16. sidecars ----------------------------------------------------------------------------

def test_sidecar_values_that_are_no_years_or_dates_are_refused_with_a_warning(tmp_path: Path) -> None:
    cli = bundled_project(tmp_path)
    (tmp_path / "sources" / "s.txt").write_text("Tiêu đề\n\n" + BODY + "\n", encoding="utf-8")
    (tmp_path / "sources" / "s.meta.toml").write_text(
        'years_mentioned = [true, 99999, -5]\npublished = "2019-02-31"\nyear_reviewed = true\n', encoding="utf-8")
    result = cli.run("ingest")
    mine = [w for w in warnings_of(result) if "s.meta.toml" in w]
    assert len(mine) == 3, result.stderr
    assert any("years_mentioned" in w for w in mine) and any("published" in w and "2019-02-31" in w for w in mine)
    shown = cli.json("show", "s")
    assert shown["published"] != "2019-02-31" and True not in shown["years_mentioned"]
    assert all(1900 <= year <= 2100 for year in shown["years_mentioned"]) and shown["year_reviewed"] is not True


# -- 19, 20, 21. settings -----------------------------------------------------------------

def config_error(tmp_path: Path, toml: str | None = None, env: dict[str, str] | None = None,
                 command: tuple[str, ...] = ("sources",)) -> str:
    """Return the one error line a command gives with this briefgen.toml and environment."""
    if not (tmp_path / "sources").exists():
        bundled_project(tmp_path)
    if toml is not None:
        (tmp_path / "briefgen.toml").write_text(toml, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefgen", "-C", str(tmp_path), *command], capture_output=True,
                            text=True, timeout=120, env={**os.environ, **(env or {})})
    assert result.returncode != 0, result.stdout
    return errors_of(result)[0]


def test_a_cache_setting_naming_a_file_is_one_line(tmp_path: Path) -> None:
    bundled_project(tmp_path)
    (tmp_path / "briefgen.toml.orig").write_text("# an old copy\n", encoding="utf-8")
    error = config_error(tmp_path, 'cache = "briefgen.toml.orig"\n')
    assert "'cache'" in error and "briefgen.toml.orig" in error and "not a folder" in error


@pytest.mark.parametrize("file", ["briefgen.toml", "themes.toml"])
def test_a_toml_file_nested_100000_deep_is_one_line(tmp_path: Path, file: str) -> None:
    bundled_project(tmp_path)
    (tmp_path / file).write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    error = config_error(tmp_path)
    assert file in error and "nested too deep" in error


def test_an_unknown_table_in_briefgen_toml_is_named(tmp_path: Path) -> None:
    error = config_error(tmp_path, '[briefgen]\nissuer = "BỘ NGOẠI GIAO"\n[briefgen.output]\nfolder = "x"\n')
    assert "[briefgen.output]" in error and "briefgen.toml" in error


@pytest.mark.parametrize("toml, env, setting", [
    ('issuer = "a\\u0000b"\n', {}, "'issuer'"),
    (None, {"BRIEFGEN_ISSUER": "BỘ\x01NGOẠI GIAO"}, "BRIEFGEN_ISSUER"),
    (None, {"BRIEFGEN_PLACE": "Hà\x1b[2JNội"}, "BRIEFGEN_PLACE"),
])
def test_a_text_setting_with_a_control_character_is_one_line_naming_it(
        tmp_path: Path, toml: str | None, env: dict[str, str], setting: str) -> None:
    error = config_error(tmp_path, toml, env, ("build", "--year", "2018", "--format", "docx"))
    assert setting in error and "control character" in error


def test_workers_that_are_no_number_are_one_line(tmp_path: Path) -> None:
    error = config_error(tmp_path, None, {"BRIEFGEN_WORKERS": "²"})
    assert "BRIEFGEN_WORKERS" in error


def test_workers_are_capped_outside_ingest_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing.context

    asked: list[int] = []
    real_pool = multiprocessing.context.ForkContext.Pool

    def pool(self: object, processes: int | None = None, *args: object, **kwargs: object) -> object:
        asked.append(processes or 0)
        return real_pool(self, processes, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(multiprocessing.context.ForkContext, "Pool", pool)
    monkeypatch.setenv("BRIEFGEN_WORKERS", "100000")
    sources = tmp_path / "sources"
    sources.mkdir()
    for n in range(70):
        (sources / f"{n:03d}.txt").write_text(f"Tiêu đề {n}\n\n{BODY} Ghi chú số {n}.\n", encoding="utf-8")
    Cli(tmp_path).run("sources")
    assert asked and max(asked) <= 64, asked


# -- 13. templates without end -------------------------------------------------------------

@pytest.mark.parametrize("body, reason", [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "longer than 1 s"),
    ("{% set items = [1] %}{% for x in items %}{{ items.append(x) }}{% endfor %}", "append"),
    ("{{ lipsum(100000000) }}", "lipsum"),
    ('{{ "x" * 100000000 * 20 }}', "over the limit"),
    ("{{ 10 ** 100000000 }}", "over the limit"),
    ('{% for i in range(100000) %}{{ "x" * 1000 }}{% endfor %}', "more than 50,000,000 characters"),
], ids=["10^10-loop", "growing-list", "lipsum", "string-times", "power", "output"])
def test_a_template_run_is_bounded_and_stops_with_one_line_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, reason: str) -> None:
    templating = importlib.import_module("briefgen.rendering.templating")
    # The endless loop is stopped by the clock (it would run for hours); the others must be
    # stopped by their own limits, well before a clock a loaded machine could reach.
    monkeypatch.setattr(templating, "MAX_TEMPLATE_SECONDS", 1 if "longer than" in reason else 30)
    cli = bundled_project(tmp_path)
    template = tmp_path / "endless.md.j2"
    template.write_text("# Báo cáo\n\n" + body + "\n", encoding="utf-8")
    cli.run("ingest")
    start = time.monotonic()
    result = cli.run("build", "--year", "2018", "--format", "md", "--template", str(template), code=None)
    assert time.monotonic() - start < 60, "the template was not stopped"
    assert result.exit_code != 0
    error = errors_of(result)[0]
    assert "endless.md.j2" in error and reason in error, error
