"""Typed, frozen data passed between briefgen's stages.

Long because every type that crosses a stage boundary lives here and nowhere else: what a
reader returns, a source and its passages, figures, people and themes, a pack and its
parts, and what a run of packs reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

Certainty = Literal["stated", "inferred", "unknown"]
BlockKind = Literal["text", "heading", "title"]
FigureKind = Literal["count", "money", "percent", "duration", "other"]
FORMATS = ("pdf", "docx", "md")  # what a pack can be rendered in
DEFAULT_FORMATS = ("pdf", "docx")  # what a pack is built in when no format is asked for


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


@dataclass(frozen=True)
class Figure:
    """One quantity as written in a passage, with its parsed value."""

    text: str  # as written: qualifier, number, scale, unit
    value: float
    unit: str | None
    qualifier: str | None
    kind: FigureKind
    start: int  # offsets of `text` in the passage
    end: int
    sentence: str
    value_max: float | None = None  # the upper end of a range ("8-9 triệu")
    cut: bool = False  # its counted noun runs into the excerpt's end: the unit may be cut short

    def as_dict(self) -> dict[str, object]:
        """Return the figure's own fields (without the passage it belongs to)."""
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        data: dict[str, object] = {"text": self.text, "value": value, "unit": self.unit, "qualifier": self.qualifier,
                                   "kind": self.kind, "sentence": self.sentence}
        if self.value_max is not None:
            data["value_max"] = int(self.value_max) if float(self.value_max).is_integer() else self.value_max
        if self.cut:
            data["cut"] = True
        return data


@dataclass(frozen=True)
class Person:
    """A named official as written: the name and the title next to it (or None)."""

    name: str
    title: str | None

    def as_dict(self) -> dict[str, str | None]:
        """Return the person as the JSON outputs show it."""
        return {"name": self.name, "title": self.title}


@dataclass(frozen=True)
class Theme:
    """One theme: labels, description and the phrases that signal it (folded syllables)."""

    id: str
    label_vi: str
    label_en: str
    description: str
    description_vi: str
    phrases: tuple[tuple[str, ...], ...]
    weak: tuple[tuple[str, ...], ...] = ()
    adhoc: bool = False  # made from a --topic text

    def label(self, lang: str = "vi") -> str:
        """Return the label in *lang* ("vi" or "en")."""
        return self.label_en if lang == "en" else self.label_vi


@dataclass(frozen=True)
class Taxonomy:
    """The themes in use, in their file order, and a fingerprint of where they came from."""

    themes: tuple[Theme, ...]
    digest: str
    index: Any = field(default=None, compare=False, repr=False)  # the phrases indexed for scoring (themes.py)

    def get(self, theme_id: str) -> Theme | None:
        """Return the theme with this id, or None."""
        return next((t for t in self.themes if t.id == theme_id), None)

    @property
    def ids(self) -> tuple[str, ...]:
        """Return the theme ids in order."""
        return tuple(t.id for t in self.themes)


class PassageSummary(NamedTuple):
    """What ranks a passage, without its text: enough to shortlist a pack's candidates."""

    id: int
    source_id: str
    passage: int
    kind: str
    years: tuple[int, ...]
    themes: tuple[tuple[str, float], ...]
    figures: int  # how many


@dataclass(frozen=True)
class StoredSource:
    """A source as stored: the evidence its own text gave, and the final source."""

    source: Source
    evidence: Evidence


@dataclass(frozen=True)
class Reference:
    """One numbered entry of the reference list: a source and what is known of it."""

    number: int
    source_id: str
    path: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    published_certainty: str
    url: str | None
    lead: str | None = None  # for a source without a title: the first words of its body, printed in quotes


@dataclass(frozen=True)
class Citation:
    """A pointer from an item to a reference entry and the passage it comes from."""

    number: int
    source_id: str
    passage: int


@dataclass(frozen=True)
class Item:
    """One cited statement of a pack: a passage (or its key sentence) with its citations."""

    text: str
    citations: tuple[Citation, ...]
    source_id: str
    passage: int
    kind: str
    years: tuple[int, ...]
    themes: tuple[str, ...]
    heading: str | None = None
    key_point: int | None = None  # its key sentence is this key point (taken out of the text here)
    published: str | None = None  # its source's date (ISO, maybe a month): the year of a day written without one
    day: str | None = None  # a key point's day with its year ("27/11/2023") when its sentence leaves the year out


@dataclass(frozen=True)
class FigureRow:
    """One row of the key-figures table."""

    text: str
    value: float
    unit: str | None
    qualifier: str | None
    kind: str
    year: int | None
    sentence: str
    citations: tuple[Citation, ...]
    value_max: float | None = None  # the upper end of a range ("8-9 triệu")
    about: str | None = None  # the country the figure is about, when it is not Viet Nam
    differs: tuple[str, ...] = ()  # other sources' figures of the same measure and year that disagree
    # The measure it is one year of, when the key figures give that measure for three years or
    # more ("kiều hối (USD)"): what a chart draws. None for any other figure.
    measure: str | None = None
    # The source's date (ISO), when the figure is a running total up to it ("Từ ngày 10/4 đến
    # nay, … hơn 60 chuyến bay"): the table says "tính đến" that date.
    as_of: str | None = None


@dataclass(frozen=True)
class PersonRow:
    """One person mentioned in a pack, with the title written next to the name."""

    name: str
    title: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Outcome:
    """A result that answers a task of the plan-against-outcome table: a short clause of it,
    where it is in the pack (its key point, or the theme group of its item) and its citations."""

    text: str
    citations: tuple[Citation, ...]
    source_id: str
    passage: int
    where: str | None  # "key_points", the theme id of the result's group ("" for the other results), or
    # None: the body leaves the result out (it says little else), and only this table quotes it
    key_point: int | None = None  # the number of the key point it is quoted from


@dataclass(frozen=True)
class PlanRow:
    """One task set for the year (a short clause of it, cited) beside the results that answer it
    (none: no result is reported)."""

    task: str
    citations: tuple[Citation, ...]
    source_id: str
    passage: int
    outcomes: tuple[Outcome, ...] = ()


@dataclass(frozen=True)
class Section:
    """A part of a pack: a heading key (labelled by the template), items or rows, subsections."""

    # key_points | key_figures | results | chronology | tasks_set | plan | tasks_next | people | by_year | group
    key: str
    title: str | None = None  # for groups: the theme label or the year
    items: tuple[Item, ...] = ()
    figures: tuple[FigureRow, ...] = ()
    people: tuple[PersonRow, ...] = ()
    sections: tuple[Section, ...] = ()
    theme: str | None = None
    year: int | None = None
    plan: tuple[PlanRow, ...] = ()  # the plan-against-outcome table (key "plan")


@dataclass(frozen=True)
class Pack:
    """A briefing pack, ready to render."""

    kind: str  # year | theme | topic
    scope: str  # "2018", a theme id or a topic text
    title_vi: str
    title_en: str
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    year: int | None = None
    theme: Theme | None = None
    empty: bool = False
    note: str | None = None  # why a pack is empty, in plain words
    known_years: tuple[int, ...] = ()  # for an empty year pack: the years the corpus does speak of
    left_out: tuple[tuple[str, tuple[str, ...]], ...] = ()  # flagged sources with passages for it, not used
    inputs: tuple[str, ...] = field(default=())  # hashes of every cited source, for rebuild decisions
    cited: tuple[CitedPassage, ...] = ()  # every passage the pack cites, as it was when assembled (sorted)
    review: tuple[ReviewNote, ...] = ()  # where an editor should look before signing


@dataclass(frozen=True)
class Evidence:
    """What one document says about itself; the corpus step turns it into final metadata."""

    meta: Metadata
    lead_day_month: tuple[int, int] | None = None
    has_task_language: bool = False
    is_review: bool = False
    outlets: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)  # from the source's sidecar


@dataclass(frozen=True)
class Fingerprint:
    """What the store remembers of a file to tell whether it changed."""

    path: str
    hash: str
    size: int
    mtime_ns: int
    failed: bool


@dataclass(frozen=True)
class PackSpec:
    """One pack to build: exactly one of year, theme or topic, and how to write it."""

    label: str  # how messages name it: "year 2018", "pack 3 (theme 'asean')"
    year: int | None = None
    theme: str | None = None
    topic: str | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    lang: str | None = None  # None: the project's language
    template: Path | None = None
    reference_docx: Path | None = None
    name: str | None = None
    output: Path | None = None
    problem: str | None = None  # a malformed batch entry: reported as this pack's failure
    if_empty: str = "fail"  # a pack with nothing in it: fail (say which years there are), skip, or write
    origin: str = "build"  # what defines the pack: build, yearly, or batch:<file> (kept in the manifest)
    include_flagged: bool = False  # use sources flagged as damaged too
    draft: bool = False  # mark the pack "DỰ THẢO" on its first page (build --draft, a batch entry's draft = true)


@dataclass(frozen=True)
class OutputFile:
    """One file a pack run wrote or found up to date."""

    path: Path
    format: str
    sha256: str


@dataclass(frozen=True)
class PackResult:
    """What happened to one pack in a run."""

    spec: PackSpec
    status: str  # built | unchanged | skipped | failed
    files: tuple[OutputFile, ...] = ()
    reason: str | None = None  # why it failed or was skipped
    note: str | None = None  # why an empty pack that was written has nothing in it; what a renderer could not do
    exit_code: int = 0  # for a failure: 2 when the request was wrong (unknown theme, bad template), else 1
    kind: str | None = None
    scope: str | None = None
    left_out: tuple[tuple[str, tuple[str, ...]], ...] = ()  # flagged sources the pack did not use
    review: tuple[ReviewNote, ...] = ()  # the pack's review report


@dataclass
class RunReport:
    """What one run did: the ingest (its warnings and the sources not indexed), and each pack."""

    warnings: list[str] = field(default_factory=list)
    results: list[PackResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)  # sources not in the index, new and remembered
    removed: list[Path] = field(default_factory=list)  # outputs pruned after the run

    @property
    def failed(self) -> list[PackResult]:
        """Return the packs that failed."""
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        """Return how many packs ended with *status*."""
        return sum(1 for r in self.results if r.status == status)


@dataclass
class CleanReport:
    """What ``briefgen clean`` removed (or, with a dry run, would remove), and what it kept."""

    removed: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # files left although their pack is gone, with why


class CitedPassage(NamedTuple):
    """A passage a pack cites, as it was when the pack was assembled: what its files depend on."""

    source_id: str
    passage: int
    start: int
    end: int
    sha256: str  # of the passage's text


class ReviewNote(NamedTuple):
    """One place of a pack an editor should check: why, where, and what it says."""

    reason: str  # "year inferred" | "cut" | "flagged source" | "figures differ"
    section: str  # the pack section's key (results, tasks_set, key_figures, …)
    source_id: str
    passage: int
    text: str  # the item's first words, or the figures that differ
