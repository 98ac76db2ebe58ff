"""Typed, frozen data passed between briefgen's stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .figures import Figure
from .people import Person

Certainty = Literal["stated", "inferred", "unknown"]
BlockKind = Literal["text", "heading", "title"]


@dataclass(frozen=True)
class Block:
    """One line or paragraph as a reader found it, with what the format says it is."""

    text: str
    kind: BlockKind = "text"


@dataclass(frozen=True)
class RawDocument:
    """What a reader returns: the text blocks of one file and the metadata its format carries."""

    path: Path
    blocks: tuple[Block, ...]
    format_meta: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dropped:
    """A line left out of the cleaned body, with the reason it was left out."""

    line: str
    reason: str


@dataclass(frozen=True)
class Metadata:
    """What briefgen knows about a source (detected, then overridden by a sidecar)."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    published_certainty: Certainty = "unknown"
    year_reviewed: int | None = None
    year_reviewed_certainty: Certainty = "unknown"
    year_tasks: int | None = None
    year_tasks_certainty: Certainty = "unknown"
    years_mentioned: tuple[int, ...] = ()
    year_reviewed_from: str | None = None  # the evidence that decided year_reviewed, in words
    year_reviewed_source: str | None = None  # the other source the year was taken from (the corpus step)
    flags: tuple[str, ...] = ()  # damage found in the text: packs leave the source out unless asked


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the cleaned body and the inner heading it sits under."""

    text: str
    heading: str | None


@dataclass(frozen=True)
class Passage:
    """A searchable unit: one paragraph (or a sentence-aligned part of a long one)."""

    source_id: str
    passage: int  # ordinal within the source, from 1
    heading: str | None
    start: int  # character offsets into the source's cleaned body
    end: int
    text: str
    years: tuple[int, ...] = ()
    kind: str = "context"  # result | task | context
    themes: tuple[tuple[str, float], ...] = ()  # (theme id, score), strongest first
    figures: tuple[Figure, ...] = ()
    people: tuple[Person, ...] = ()
    cut: bool = False  # the source's last passage, cut off by the excerpt's end (mid-word or mid-sentence)


@dataclass(frozen=True)
class Source:
    """One ingested source: its metadata, cleaned body, passages and what cleaning dropped."""

    id: str
    path: str
    hash: str
    meta: Metadata
    body: str
    passages: tuple[Passage, ...]
    dropped: tuple[Dropped, ...]
    warnings: tuple[str, ...] = ()
    encoding: str | None = None
    themes: tuple[tuple[str, float], ...] = ()  # assigned themes, strongest first
    people: tuple[Person, ...] = ()


@dataclass(frozen=True)
class SearchHit:
    """One ranked passage for a query."""

    source_id: str
    passage: int
    heading: str | None
    start: int
    end: int
    score: float
    match: Literal["phrase", "all", "some", "theme"]
    text: str
    title: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did."""

    read: int
    unchanged: int
    removed: int
    failed: int
    warnings: tuple[str, ...]  # problems met in this run
    sources: int
    remembered: tuple[str, ...] = ()  # files that failed before and are still unchanged
    failures: tuple[Failure, ...] = ()  # every file of the sources folder not in the index, new or remembered

    @property
    def all_warnings(self) -> tuple[str, ...]:
        """Return this run's warnings and the remembered failures."""
        return self.warnings + self.remembered


@dataclass(frozen=True)
class Failure:
    """A file of the sources folder that is not in the index, and why."""

    path: str
    reason: str
    new: bool  # met in this run (False: remembered from an earlier run, the file unchanged)
