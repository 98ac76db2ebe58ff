"""Legacy Word sources (.doc, Word 97–2003), read through a converter the machine has.

No maintained Python package reads the binary Word format, so the file is converted by a
program found on the machine: LibreOffice (``soffice --headless --convert-to docx``), whose
.docx is read by the .docx reader, so headings and tables are kept; else antiword, which
gives the text and the tables but no headings (a warning says so); else the file is not
read and its one-line reason says to save it as .docx.

A converter runs without a shell on a copy of the bytes in a temporary folder (with a
LibreOffice profile of its own there, so parallel runs never share one), within
CONVERT_TIMEOUT seconds, after which it is killed with everything it started; its output
is read back and the folder deleted. The ingest opens only files whose size, time or
bytes changed, so an unchanged .doc is never converted again.

Files named .doc that are something else, as offices often have, are read for what they
are: RTF, .docx, or a web page saved by Word.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import SourceError
from ..model import Block, RawDocument
from ..text import normalize

CONVERT_TIMEOUT = 120  # seconds for one file
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
SAVE_AS_DOCX = ("a Word 97-2003 .doc is read with LibreOffice or antiword, and neither is installed here: "
                "open it in Word or LibreOffice, save it as .docx (Word Document) and ingest again")


def find_converter() -> tuple[str, str] | None:
    """Return ("soffice" or "antiword", its path) for the best converter on PATH, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return "soffice", found
    if sys.platform == "darwin" and os.access(_MAC_SOFFICE, os.X_OK):
        return "soffice", _MAC_SOFFICE
    found = shutil.which("antiword")
    return ("antiword", found) if found else None


def _run(path: Path, command: list[str], folder: Path, what: str) -> bytes:
    """Run *command* in *folder* (no shell, no input) and return its standard output; a
    failure or a timeout raises SourceError (the program and all it started are killed)."""
    env = dict(os.environ, HOME=str(folder))
    process = subprocess.Popen(command, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise SourceError(path, f"{what} did not convert it within {CONVERT_TIMEOUT} s; "
                                "save it as .docx and ingest again") from None
    finally:
        if process.poll() is None:
            _kill(process)
    if process.returncode != 0:
        message = stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f": {message[-1][:160]}" if message else ""
        raise SourceError(path, f"{what} could not convert it (exit {process.returncode}{detail}); damaged or "
                                "password-protected? Save it as .docx and ingest again")
    return stdout


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin in its group
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.communicate()


def convert_with_soffice(path: Path, data: bytes, soffice: str) -> bytes:
    """Return the .docx LibreOffice makes of the .doc bytes *data*."""
    with tempfile.TemporaryDirectory(prefix="briefgen-doc-") as tmp:
        folder = Path(tmp)
        source = folder / "source.doc"
        source.write_bytes(data)
        out = folder / "out"
        out.mkdir()
        _run(path, [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--invisible",
                    "--nologo", "--norestore", "--nodefault", "--nolockcheck",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)], folder, "LibreOffice")
        result = out / "source.docx"
        if not result.is_file():
            raise SourceError(path, "LibreOffice could not convert it (damaged or password-protected?); "
                                    "save it as .docx and ingest again")
        return result.read_bytes()


def convert_with_antiword(path: Path, data: bytes, antiword: str) -> str:
    """Return the text antiword gives of the .doc bytes *data* (UTF-8, one line per paragraph)."""
    with tempfile.TemporaryDirectory(prefix="briefgen-doc-") as tmp:
        folder = Path(tmp)
        source = folder / "source.doc"
        source.write_bytes(data)
        output = _run(path, [antiword, "-w", "0", "-m", "UTF-8.txt", str(source)], folder, "antiword")
    return output.decode("utf-8", errors="replace")


def _antiword_blocks(text: str) -> list[Block]:
    """Return one block per paragraph line; a table row ("|a  |b  |") as its cells joined by " | "."""
    blocks: list[Block] = []
    for line in normalize(text).split("\n"):
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            cells = [normalize(cell) for cell in line[1:-1].split("|")]
            line = " | ".join(cell for cell in cells if cell)
        if line and line != "[pic]":
            blocks.append(Block(line))
    return blocks


def read(path: Path, data: bytes) -> RawDocument:
    """Return the blocks of a legacy Word document (converted), or of what a file named .doc
    really holds; without a converter raise SourceError saying to save it as .docx."""
    head = data.lstrip()[:512]
    if head.startswith(b"{\\rtf"):
        from . import rtf

        document = rtf.read(path, data)
        return _noted(document, "an RTF file named .doc; read as RTF")
    if data.startswith(b"PK\x03\x04"):
        from . import docx

        return _noted(docx.read(path, data), "a .docx file named .doc; read as .docx")
    if b"<html" in head.lower() or head.lower().startswith(b"<!doctype html"):
        from . import html

        return _noted(html.read(path, data), "a web page named .doc; read as HTML")
    if not data.startswith(_OLE):
        raise SourceError(path, "not a Word 97-2003 document (damaged, or another kind of file named .doc)")
    if _WORD_STREAM not in data:
        raise SourceError(path, "not a Word 97-2003 document (an Office file without Word text; damaged?)")
    converter = find_converter()
    if converter is None:
        raise SourceError(path, SAVE_AS_DOCX)
    kind, program = converter
    if kind == "soffice":
        from . import docx

        converted = docx.read(path, convert_with_soffice(path, data, program))
        return RawDocument(path=path, blocks=converted.blocks, format_meta=converted.format_meta,
                           warnings=converted.warnings)
    blocks = _antiword_blocks(convert_with_antiword(path, data, program))
    return RawDocument(path=path, blocks=tuple(blocks),
                       warnings=("read with antiword, which keeps no headings: install LibreOffice, or save it as "
                                 ".docx, for them",))


def _noted(document: RawDocument, note: str) -> RawDocument:
    return RawDocument(path=document.path, blocks=document.blocks, format_meta=document.format_meta,
                       encoding=document.encoding, warnings=(*document.warnings, note))
