"""`briefgen verify DRAFT.docx`: which quoted paragraphs of an edited Word draft still say what
their sources say.

A DOCX briefgen builds carries, invisibly, what this needs: each quoted paragraph's footnote
holds a hidden bookmark (``_bgq<n>_<hash>``, and ``_bgr<n>_<hash>`` round the note's mark in
the text, which LibreOffice keeps where it drops the notes' bookmarks), and a custom XML part (namespace
``urn:briefgen:verify:1``) gives for each bookmark the passages the paragraph quotes, the hash
of its text and the section it stood in, and the hashes of the draft's other paragraphs.
Word keeps both when staff edit and save, and renumbers the notes as paragraphs move.

Each quoted paragraph is found by its note, wherever it now is, and reported as verbatim
(its text is still in the cited passage), edited (with a word-level diff against the part
of the passage it came from) or editor's (in the paragraph or character style
"Ý kiến biên tập", not checked), and moved when it now stands in another section. A
recorded paragraph whose note is gone has lost its citation (found by its text) or was
removed; a paragraph with no note that was not in the draft as built is new and uncited.
The source text comes from the project's index.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config
from .errors import ConfigError

if TYPE_CHECKING:
    from .store import Store

EDITOR_STYLE = "Ý kiến biên tập"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Finding:
    """One paragraph of the draft, as verify judges it."""

    status: str  # verbatim | edited | editor | citation_lost | removed | new
    text: str
    section: str
    passages: tuple[str, ...] = ()
    moved_from: str | None = None  # the section it stood in when built, when it has moved
    diff: str = ""  # edited: the word-level changes, "[-old-] {+new+}"

    @property
    def moved(self) -> bool:
        """Return True when the paragraph now stands in another section than when built."""
        return self.moved_from is not None

    @property
    def problem(self) -> bool:
        """Return True when the paragraph is worth a reader's look (all but verbatim in place)."""
        return self.status not in ("verbatim", "editor") or self.moved

    def as_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data."""
        return {"status": self.status, "moved": self.moved, "moved_from": self.moved_from, "section": self.section,
                "passages": list(self.passages), "text": self.text, "diff": self.diff}


@dataclass
class Report:
    """What verify found in one draft."""

    path: Path
    findings: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Return True when a quoted paragraph no longer matches its source (and is not the editor's)."""
        return any(f.status == "edited" for f in self.findings)

    def count(self, status: str) -> int:
        """Return how many findings have *status* ("moved" counts the moved ones)."""
        if status == "moved":
            return sum(f.moved for f in self.findings)
        return sum(f.status == status for f in self.findings)

    def as_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        counts = {s: self.count(s) for s in ("verbatim", "edited", "editor", "moved", "citation_lost", "removed",
                                             "new")}
        return {"draft": str(self.path), "ok": not self.failed, "counts": counts,
                "findings": [f.as_dict() for f in self.findings]}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _record(package: zipfile.ZipFile, path: Path) -> tuple[dict[str, dict[str, str]], set[str]]:
    """Return the draft's record: each quoted paragraph's entry by its bookmark, and the hashes
    of the other paragraphs."""
    from lxml import etree

    # imported here, as in the functions below: docx_checks loads python-docx, which the
    # CLI's start-up does not
    from .rendering.docx_checks import VERIFY_NS

    for name in package.namelist():
        if name.startswith("customXml/item") and "Props" not in name and name.endswith(".xml"):
            blob = package.read(name)
            if VERIFY_NS.encode() not in blob[:400]:
                continue
            root = etree.fromstring(blob)
            quoted = {e.get("key"): dict(e.attrib) for e in root.iter(f"{{{VERIFY_NS}}}quoted")}
            plain = {e.get("sha256") for e in root.iter(f"{{{VERIFY_NS}}}plain")}
            return {k: v for k, v in quoted.items() if k}, {p for p in plain if p}
    raise ConfigError(f"{path}: no briefgen record in this document (verify reads drafts built by "
                      "briefgen build --format docx, version 0.3 or later)")


def _note_keys(package: zipfile.ZipFile) -> dict[str, list[str]]:
    """Return each footnote's id and the briefgen bookmarks in it."""
    from lxml import etree

    if "word/footnotes.xml" not in package.namelist():
        return {}
    root = etree.fromstring(package.read("word/footnotes.xml"))
    found = {}
    for note in root.iter(f"{_W}footnote"):
        keys = [b.get(f"{_W}name") for b in note.iter(f"{_W}bookmarkStart")
                if (b.get(f"{_W}name") or "").startswith("_bgq")]
        found[note.get(f"{_W}id") or ""] = [k for k in keys if k]
    return found


def _styles(package: zipfile.ZipFile) -> dict[str, str]:
    """Return the style names by id."""
    from lxml import etree

    if "word/styles.xml" not in package.namelist():
        return {}
    root = etree.fromstring(package.read("word/styles.xml"))
    names = {}
    for style in root.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        names[style.get(f"{_W}styleId") or ""] = name.get(f"{_W}val") if name is not None else ""
    return names


def _paragraph(p: Any, styles: dict[str, str]) -> tuple[str, str, bool, list[str], list[str]]:
    """Return a body paragraph's style name, its text outside the editor's character style,
    whether it is all the editor's, the ids of its footnotes and the keys of the bookmarks
    round its note marks."""
    ppr = p.find(f"{_W}pPr")
    pstyle = ppr.find(f"{_W}pStyle") if ppr is not None else None
    style = styles.get(pstyle.get(f"{_W}val"), pstyle.get(f"{_W}val")) if pstyle is not None else ""
    kept: list[str] = []
    editor_text = False
    notes = []
    for run in p.iter(f"{_W}r"):
        rpr = run.find(f"{_W}rPr")
        rstyle = rpr.find(f"{_W}rStyle") if rpr is not None else None
        rname = styles.get(rstyle.get(f"{_W}val"), rstyle.get(f"{_W}val")) if rstyle is not None else ""
        for child in run:
            if child.tag == f"{_W}footnoteReference":
                notes.append(child.get(f"{_W}id") or "")
            elif child.tag in (f"{_W}t", f"{_W}tab", f"{_W}br"):
                text = (child.text or "") if child.tag == f"{_W}t" else " "
                if rname.startswith(EDITOR_STYLE):
                    editor_text = editor_text or bool(text.strip())
                else:
                    kept.append(text)
    text = _flat("".join(kept))
    marks = ["_bgq" + (b.get(f"{_W}name") or "").removeprefix("_bgr") for b in p.iter(f"{_W}bookmarkStart")
             if (b.get(f"{_W}name") or "").startswith("_bgr")]
    return style or "", text, style == EDITOR_STYLE or (editor_text and not text), notes, marks


def _passages(config: Config, store: Store | None, ids: set[str]) -> dict[str, str]:
    if store is None:
        raise ConfigError(f"{config.root}: no index to read the sources from; run briefgen ingest in the project "
                          "the draft was built in (or pass -C PROJECT)")
    texts = {}
    for source_id in sorted({i.rpartition(":")[0] for i in ids}):
        source = store.get(source_id)
        for p in source.passages if source else ():
            key = f"{source_id}:{p.passage}"
            if key in ids:
                texts[key] = _flat(p.text)
    return texts


def word_diff(source: str, text: str) -> str:
    """Return the word-level changes from the part of *source* that *text* comes from to *text*:
    removed words as ``[-…-]``, added ones as ``{+…+}``."""
    old, new = source.split(), text.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if blocks:  # the span of the passage the paragraph quotes (a key sentence is part of one)
        old = old[blocks[0].a - blocks[0].b if blocks[0].a >= blocks[0].b else 0:
                  blocks[-1].a + blocks[-1].size + (len(new) - blocks[-1].b - blocks[-1].size)]
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    parts = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        change = []
        if a2 > a1:
            change.append("[-" + " ".join(old[a1:a2]) + "-]")
        if b2 > b1:
            change.append("{+" + " ".join(new[b1:b2]) + "+}")
        context = " ".join(old[max(0, a1 - 3):a1])
        parts.append(("… " + context + " " if context else "") + " ".join(change))
    return " | ".join(parts)


def _quotes(source: str, text: str) -> bool:
    """Return True when *text* is in *source* as written (a key sentence may open with a capital)."""
    return bool(text) and (text in source or text[:1].lower() + text[1:] in source)


def _closeness(sources: list[str], text: str) -> float:
    """Return how close *text* is to the closest of *sources* (1.0 when quoted as written)."""
    if any(_quotes(source, text) for source in sources):
        return 1.0
    return max((_similar(source, text) for source in sources), default=0.0)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=a.split(), b=b.split(), autojunk=False).ratio()


@dataclass(frozen=True)
class _Draft:
    """What verify reads in a draft: the record (the quoted paragraphs by bookmark, the hashes
    of the others), the bookmarks in each footnote, the style names and the body element."""

    quoted: dict[str, dict[str, str]]
    plain: set[str]
    note_keys: dict[str, list[str]]
    styles: dict[str, str]
    body: Any


def _read_draft(path: Path) -> _Draft:
    """Return what verify needs from the draft at *path*; raise ConfigError when it is not a
    Word document briefgen built."""
    from lxml import etree

    from .rendering.ooxml_package import read_package

    data = read_package(path, "not a Word document (.docx)")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        quoted, plain = _record(package, path)
        note_keys = _note_keys(package)
        styles = _styles(package)
        if "word/document.xml" not in package.namelist():
            raise ConfigError(f"{path}: not a Word document (no word/document.xml)")
        body = etree.fromstring(package.read("word/document.xml")).find(f"{_W}body")
    return _Draft(quoted, plain, note_keys, styles, body)


def _quoted_finding(entry: dict[str, str], text: str, section: str, editor: bool,
                    sources: dict[str, str]) -> Finding:
    """Return the finding for a paragraph found by its note: the editor's, verbatim (its
    recorded hash, or its text in a cited passage) or edited (with the diff against the
    closest cited passage), and moved when it stands in another section than when built."""
    from .rendering.docx_checks import text_hash

    passages = tuple(entry.get("passages", "").split())
    moved = entry.get("section", "") if entry.get("section", "") != section else None
    if editor:
        status, diff = "editor", ""
    elif text_hash(text) == entry.get("sha256") or any(_quotes(sources.get(i, ""), text) for i in passages):
        status, diff = "verbatim", ""
    else:
        best = max((sources.get(i, "") for i in passages), key=lambda s: _similar(s, text), default="")
        status, diff = "edited", word_diff(best, text) if best else "the cited passage is no longer indexed"
    return Finding(status, text, section, passages, moved, diff)


def _body_findings(draft: _Draft, sources: dict[str, str], report: Report,
                   seen: set[str]) -> list[tuple[str, str, bool]]:
    """Add a finding to *report* for each quoted paragraph of the body found by its note (its
    key to *seen*), and return the paragraphs with no note that were not in the draft as built:
    their text, section and whether they are the editor's."""
    from .rendering.docx_checks import text_hash

    section = ""
    uncited: list[tuple[str, str, bool]] = []
    for p in draft.body if draft.body is not None else ():
        if p.tag != f"{_W}p":
            continue  # tables: the first page, the figures and the signature are not quoted text
        style, text, editor, notes, marks = _paragraph(p, draft.styles)
        if style.lower().startswith("heading") or style == "Title":
            section = text
            continue
        if style.lower().startswith("toc") or not (text or editor):
            continue
        # a quoted paragraph is known by the bookmark in its note (Word keeps it) or the one
        # round its note mark (LibreOffice keeps that one); without a note it has lost its citation
        keys = [k for k in dict.fromkeys([*(k for n in notes for k in draft.note_keys.get(n, [])), *marks])
                if k in draft.quoted] if notes else []
        if not keys:
            if text_hash(text) not in draft.plain:
                uncited.append((text, section, editor))
            continue
        for key in keys[-1:]:  # a paragraph's quoted passages sit in its last note
            seen.add(key)
            report.findings.append(_quoted_finding(draft.quoted[key], text, section, editor, sources))
    return uncited


def _unfound_findings(quoted: dict[str, dict[str, str]], seen: set[str], uncited: list[tuple[str, str, bool]],
                      sources: dict[str, str], report: Report) -> None:
    """Add a finding to *report* for each recorded paragraph whose note was not found: its
    citation is lost when a paragraph with no note has its text (or, reworded, is close to its
    passages), else it was removed. The paragraphs matched are taken out of *uncited*."""
    from .rendering.docx_checks import text_hash

    for key, entry in quoted.items():
        if key in seen:
            continue
        passages = tuple(entry.get("passages", "").split())
        match = next((u for u in uncited if text_hash(u[0]) == entry.get("sha256")), None)
        if match is None and uncited:  # reworded as well: its text is still in the passage, or close to it
            scores = [_closeness([sources.get(i, "") for i in passages], u[0]) for u in uncited]
            top = max(range(len(uncited)), key=lambda n: scores[n])
            match = uncited[top] if scores[top] >= 0.6 else None
        if match is not None:
            uncited.remove(match)
            report.findings.append(Finding("citation_lost", match[0], match[1], passages))
        else:
            report.findings.append(Finding("removed", "", entry.get("section", ""), passages))


def verify(config: Config, path: Path, store: Store | None) -> Report:
    """Return what an edited draft's quoted paragraphs are now, compared with their sources."""
    draft = _read_draft(path)
    ids = {i for entry in draft.quoted.values() for i in entry.get("passages", "").split()}
    sources = _passages(config, store, ids)
    report = Report(Path(path))
    seen: set[str] = set()
    uncited = _body_findings(draft, sources, report, seen)
    _unfound_findings(draft.quoted, seen, uncited, sources, report)
    for text, where, editor in uncited:
        report.findings.append(Finding("new", text, where, (), None, "editor's wording" if editor else ""))
    return report
