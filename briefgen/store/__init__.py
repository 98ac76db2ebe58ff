"""The store: where sources, their passages and what the corpus step keeps are held between runs.

Every stage that keeps or reads sources talks to a :class:`Store` and to nothing below it;
:func:`open_store` opens the project's (today the SQLite file in the project's cache, by
``briefgen.store.sqlite``; a shared PostgreSQL store for a team implements the same
protocol). A store is a context manager: leaving it closes it, and an error of the database
itself leaves it as a :class:`briefgen.errors.StoreError` with a one-line message.

Writes happen inside ``with store.transaction():``; reads may happen at any time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Protocol

from ..config import Config
from ..model import Evidence, Fingerprint, Metadata, Passage, PassageSummary, SearchHit, Source, StoredSource


class Store(Protocol):
    """What briefgen needs of a store of sources and passages."""

    path: Path  # where it lives (shown in messages)
    warnings: list[str]  # what opening it met (a damaged file moved aside and replaced)

    def __enter__(self) -> Store: ...

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...

    def close(self) -> None:
        """Close the store (leaving a ``with`` block does it)."""

    def reopen(self) -> None:
        """Start again with an empty store after it was found damaged (ingest refills it)."""

    # -- bookkeeping: which files it holds, and settings of the store itself

    def transaction(self) -> AbstractContextManager[None]:
        """Return a block inside which writes happen atomically."""

    def checkpoint(self) -> None:
        """Fold pending writes into the store's file after a large write (may do nothing)."""

    def get_info(self, key: str) -> str | None:
        """Return a stored setting (the rules fingerprint the sources were read with), or None."""

    def set_info(self, key: str, value: str) -> None:
        """Store a setting."""

    def fingerprints(self) -> dict[str, Fingerprint]:
        """Return what the store remembers of every file it has seen (read or failed), by path."""

    def failures(self) -> dict[str, str]:
        """Return the reason each failed file could not be read, by path."""

    def touch(self, path: str, size: int, mtime_ns: int) -> None:
        """Record a new size and time for a file whose content did not change."""

    def reset(self) -> None:
        """Empty the store of sources, failures and corpus data (inside a transaction)."""

    # -- writing sources

    def put(self, source: Source, evidence: Evidence, size: int, mtime_ns: int,
            terms: tuple[bytes, bytes]) -> list[bytes]:
        """Add or replace a source with its passages and word pairs; return the word-pair
        hashes of the sources it replaced."""

    def put_failure(self, path: str, digest: str, size: int, mtime_ns: int, reason: str) -> bytes | None:
        """Remember that a file could not be read (until it changes); return the word-pair
        hashes of the source it replaced (None: none)."""

    def remove(self, path: str) -> bytes | None:
        """Remove a source or failure by path; return the source's word-pair hashes (None: no source)."""

    def set_meta(self, source_id: str, meta: Metadata, passage_years: dict[int, tuple[int, ...]]) -> None:
        """Store a source's final metadata and the years of each of its passages."""

    # -- what the corpus step reads and keeps

    def reviewed_years(self) -> dict[str, tuple[int | None, int | None]]:
        """Return each source's reviewed year by its own text and as finally stored: (own, final)."""

    def year_sources(self) -> dict[str, str | None]:
        """Return, per source, the other source its year was taken from (or None)."""

    def evidence(self, source_id: str) -> tuple[Evidence, Metadata] | None:
        """Return a source's evidence and final metadata, or None."""

    def body(self, source_id: str) -> str:
        """Return a source's cleaned body ("" for an unknown id)."""

    def terms(self, ids: Iterable[str]) -> dict[str, tuple[bytes, bytes]]:
        """Return the word pairs (hashes, counts) of the sources *ids*."""

    def iter_terms(self) -> Iterator[tuple[str, bytes, bytes]]:
        """Yield (id, hashes, counts) of every source's word pairs, a page at a time."""

    def corpus_data(self) -> bytes | None:
        """Return what the corpus step kept at its last run, or None."""

    def save_corpus_data(self, data: bytes) -> None:
        """Keep *data* for the corpus step's next run."""

    # -- reading

    def get(self, source_id: str) -> Source | None:
        """Return one source with its passages, or None."""

    def ids_and_paths(self) -> list[tuple[str, str]]:
        """Return (id, path) of every source, by id."""

    def stored_sources(self, with_passages: bool = True) -> list[StoredSource]:
        """Return every source with the evidence its own text gave, by id."""

    def source_info(self, ids: Iterable[str]) -> dict[str, tuple[str, Metadata, str]]:
        """Return (path, final metadata, hash) of the sources *ids* (unknown ids left out)."""

    def source_passages(self, source_id: str) -> tuple[Passage, ...]:
        """Return the passages of one source, in order."""

    def passage_counts(self) -> dict[str, int]:
        """Return how many passages each source has."""

    def flagged(self) -> dict[str, tuple[str, ...]]:
        """Return the sources flagged as damaged, with their flags."""

    def passages(self, year: int | None = None, theme: str | None = None) -> list[Passage]:
        """Return the passages about *year* and/or scored for *theme*, by source and position."""

    def passage_summaries(self, year: int | None = None, theme: str | None = None) -> list[PassageSummary]:
        """Return what ranks those passages, without their text."""

    def passages_by_id(self, ids: Iterable[int]) -> dict[int, Passage]:
        """Return the passages of the given ids (from summaries or :meth:`matching`)."""

    def matching(self, phrases: Iterable[tuple[str, ...]]) -> list[int]:
        """Return the ids of the passages holding any of *phrases* (folded syllables)."""

    def years(self, kinds: tuple[str, ...] | None = None) -> list[int]:
        """Return the years passages are about (of *kinds* only, when given)."""

    def theme_counts(self, minimum: float) -> dict[tuple[str, int], int]:
        """Return how many passages of each year have each theme at *minimum* or more."""

    def search(self, query: str, year: int | None = None, limit: int = 20, theme: str | None = None,
               theme_min: float = 1.0) -> list[SearchHit]:
        """Return passages ranked for *query* (phrase, then all words, then some; diacritics ignored)."""


def open_store(config: Config, verify: bool = False) -> Store:
    """Open the project's store, to be used as a context manager (*verify*: check the file's
    integrity first, as ingest does; a damaged file is moved aside and replaced)."""
    from .sqlite import SqliteStore  # the backend (and sqlite3) load only when a store is opened

    return SqliteStore(config.index_path, verify)
