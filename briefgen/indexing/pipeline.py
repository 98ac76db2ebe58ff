"""One source through the pipeline: read, clean, describe, cut into passages, annotate;
and the pool of worker processes that does it for many files at once."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from ..annotate import passages as annotate
from ..annotate import shapes
from ..annotate.clean import clean
from ..annotate.metadata import detect
from ..annotate.resolve import pair_terms
from ..annotate.segment import segment
from ..annotate.themes import source_themes
from ..errors import SourceError
from ..limits import MAX_WORKERS, TimeLimit, time_limit
from ..model import Evidence, Passage, Source, Taxonomy
from ..readers import read_document
from ..text import ends_sentence
from .sidecar import parse_sidecar

log = logging.getLogger(__name__)

# A source is one article or report. A file above this size is refused before it is read, so
# memory stays bounded (a 20 MB text takes about 10 times its size while it is parsed).
MAX_SOURCE_BYTES = 20 * 10**6


# And one source may take this long to read, clean and annotate (a 10 MB single line takes
# about 20 s): past it the file is refused with the reason and remembered as failed, so a
# file that defeats a rule never holds the project's lock for good.
MAX_SOURCE_SECONDS = 300



def is_cut(text: str) -> bool:
    """Return True for a last paragraph that the excerpt's end cut off: it ends mid-sentence
    (neither as a sentence does nor on the colon that opens a list)."""
    return len(text.split()) >= 4 and not ends_sentence(text) and not text.rstrip("\"”’»)] ").endswith(":")


def mark_cut(passage: Passage) -> Passage:
    """Return a cut-off passage marked so: a figure whose counted noun runs into the cut is
    marked cut (its unit may be a fragment), and a person whose title runs into it keeps the
    name only."""
    end = len(passage.text.rstrip())
    figures = tuple(replace(f, cut=True) if f.end >= end - 1 else f for f in passage.figures)
    people = tuple(replace(x, title=None) if x.title and passage.text.rstrip().endswith(x.title) else x
                   for x in passage.people)
    return replace(passage, cut=True, figures=figures, people=people)


def build_source(source_id: str, path: Path, display_path: str, data: bytes, digest: str,
                 sidecar: Path | None, taxonomy: Taxonomy) -> tuple[Source, Evidence]:
    """Return one source read, cleaned, described, cut into passages and annotated (before
    corpus resolution settles its years)."""
    document = read_document(path, data)
    cleaned = clean(document.blocks)
    evidence = detect(cleaned, document.format_meta)
    warnings = list(document.warnings)
    if sidecar is not None:
        overrides, sidecar_warnings = parse_sidecar(sidecar)
        warnings += sidecar_warnings
        evidence = replace(evidence, overrides=overrides)
    body, passages = segment(source_id, cleaned.items)
    if not passages:
        warnings.append("no body text left after cleaning")
    # The passages are dated with what the source says of itself (and its sidecar); the
    # corpus step dates them again only if it settles the source's metadata otherwise.
    texts = [text for _, text in cleaned.items]
    flags = list(cleaned.flags)
    if shapes.lost_diacritics(texts):
        flags.append("lost diacritics")
    if shapes.lookalike_letters(texts):
        flags.append("look-alike letters")
    if shapes.dropped_letters(texts):
        flags.append("dropped letters")
    evidence = replace(evidence, meta=replace(evidence.meta, flags=tuple(flags)))
    for flag in flags:
        warnings.append(f"flagged: {flag}; packs leave this source out unless asked (--include-flagged)")
    meta = replace(evidence.meta, **evidence.overrides)
    if passages and not meta.title:
        warnings.append("no title found; references quote its opening words instead")
    passages = tuple(replace(p, years=annotate.passage_years(p, meta)) for p in annotate.annotate(passages, taxonomy))
    if passages and is_cut(passages[-1].text):
        passages = (*passages[:-1], mark_cut(passages[-1]))
    captions = [d.line for d in cleaned.dropped if d.reason == "photo caption"]
    source = Source(id=source_id, path=display_path, hash=digest, meta=meta, body=body,
                    passages=passages, dropped=cleaned.dropped,
                    warnings=tuple(f"{display_path}: {w}" for w in warnings), encoding=document.encoding,
                    themes=source_themes(passages, evidence.meta.title, taxonomy),
                    people=annotate.source_people(passages, evidence.meta.title, captions))
    return source, evidence


class Job(NamedTuple):
    """One file to read and parse, and what the store records of it."""

    source_id: str
    path: Path
    display: str
    sidecar: Path | None
    size: int
    mtime: int
    known_hash: str | None  # the stored hash: same bytes, nothing to parse
    notes: tuple[str, ...] = ()  # warnings about the file's name


Built = tuple[Source, Evidence, tuple[bytes, bytes]]


_TAXONOMY: Taxonomy | None = None  # the themes in use, set once per worker process


def _set_taxonomy(taxonomy: Taxonomy) -> None:
    global _TAXONOMY
    _TAXONOMY = taxonomy


def _build(job: Job) -> tuple[str, Built | None, str | None]:
    """Read and parse one file (in a worker process). Return its hash with the source, its
    evidence and its body's word pairs; or with nothing when its bytes are those stored; or
    with the reason it failed."""
    display = job.display
    try:
        data = job.path.read_bytes()
        extra = job.sidecar.read_bytes() if job.sidecar else b""
    except OSError as exc:
        return "", None, f"cannot be read ({exc.strerror or exc})"
    digest = hashlib.sha256(data + b"\0sidecar\0" + extra).hexdigest()
    if digest == job.known_hash:
        return digest, None, None
    assert _TAXONOMY is not None
    try:
        with time_limit(MAX_SOURCE_SECONDS):
            source, evidence = build_source(job.source_id, job.path, display, data, digest, job.sidecar, _TAXONOMY)
    except TimeLimit:
        return digest, None, (f"refused: reading it took longer than {MAX_SOURCE_SECONDS:g} s, the limit for one "
                              "source (split it into smaller files)")
    except SourceError as exc:
        return digest, None, exc.reason
    except Exception as exc:  # a reader library failing on a strange file must not stop the run
        log.debug("reading %s failed", display, exc_info=True)
        return digest, None, f"could not be read ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
    if job.notes:
        source = replace(source, warnings=(*(f"{display}: {note}" for note in job.notes), *source.warnings))
    return digest, (source, evidence, pair_terms(source.body)), None


@contextmanager
def parsers(workers: int | None, files: int, taxonomy: Taxonomy) -> Iterator[
        Callable[[list[Job]], Iterator[tuple[str, Built | None, str | None]]]]:
    """Yield a function that parses jobs lazily, in order: in a pool of *workers* processes
    (None: the machine's cores when there are many files), or in this process when that is 1."""
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if files >= 200 else 1
    workers = min(workers, MAX_WORKERS)  # as `ingest --workers` allows: never a process per file
    if workers <= 1 or files < 2:
        _set_taxonomy(taxonomy)
        yield lambda jobs: map(_build, jobs)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(min(workers, files), initializer=_set_taxonomy, initargs=(taxonomy,)) as pool:
        # Results come back in order as they are ready; the workers keep going meanwhile.
        yield lambda jobs: pool.imap(_build, jobs, chunksize=4)
