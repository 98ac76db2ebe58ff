"""A LibreOffice pass over a Word draft: lay it out headless to PDF, read the page each
heading lands on (from the PDF's outline), and draw the first page as a thumbnail.

Used by the DOCX renderer to write page numbers into the contents. It runs only where
``soffice`` (or ``libreoffice``) is on PATH and the config's ``docx_pages`` is on
(``BRIEFGEN_DOCX_PAGES`` is not ``off``); each conversion takes a second or two, with a
fresh LibreOffice profile in a temporary folder so that builds running at once never share
one.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from types import TracebackType
from typing import Any

TIMEOUT = 180  # seconds for one conversion


class LayoutError(Exception):
    """LibreOffice could not lay the draft out; the message says why."""


def office() -> str | None:
    """Return the LibreOffice program to run, or None (not installed)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


class Session:
    """A temporary folder and LibreOffice profile for the conversions of one draft."""

    def __init__(self, program: str) -> None:
        self.program = program
        self._tmp = tempfile.TemporaryDirectory(prefix="briefgen-layout-")
        self.folder = Path(self._tmp.name)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._tmp.cleanup()

    def pdf(self, docx: bytes) -> bytes:
        """Return LibreOffice's PDF of a DOCX."""
        source = self.folder / "draft.docx"
        source.write_bytes(docx)
        target = self.folder / "draft.pdf"
        target.unlink(missing_ok=True)
        profile = (self.folder / "profile").as_uri()
        command = [self.program, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                   "--convert-to", "pdf", "--outdir", str(self.folder), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LayoutError(f"{Path(self.program).name} failed: {exc}") from exc
        if not target.is_file():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise LayoutError(f"{Path(self.program).name} wrote no PDF (exit {done.returncode}"
                              f"{': ' + said[-1] if said else ''})")
        return target.read_bytes()

    def thumbnail(self, pdf: bytes) -> bytes | None:
        """Return the PDF's first page as a small PNG (poppler's pdftoppm), or None without it."""
        program = shutil.which("pdftoppm")
        if program is None:
            return None
        source = self.folder / "thumbnail.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run([program, "-png", "-r", "36", "-f", "1", "-l", "1", "-singlefile", str(source),
                            str(self.folder / "thumbnail")], capture_output=True, timeout=60, check=True)
            return (self.folder / "thumbnail.png").read_bytes()
        except (OSError, subprocess.SubprocessError):
            return None


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def heading_pages(pdf: bytes, titles: list[str]) -> list[int] | None:
    """Return the page (from 1) of each heading, in order, from the PDF's outline; None when
    the outline does not hold them all in that order."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(pdf))
        outline: list[tuple[str, int]] = []

        def walk(entries: list[Any]) -> None:
            for entry in entries:
                if isinstance(entry, list):
                    walk(entry)
                else:
                    page = reader.get_destination_page_number(entry)
                    outline.append((_flat(entry.title), page + 1 if page is not None else 0))

        walk(reader.outline)
    except Exception:  # a PDF pypdf cannot read: no numbers, said by the caller
        return None
    pages = []
    at = 0
    for title in titles:
        wanted = _flat(title)
        while at < len(outline) and outline[at][0] != wanted:
            at += 1
        if at == len(outline):
            return None
        pages.append(outline[at][1])
        at += 1
    return pages
