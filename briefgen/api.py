"""Library entry points: everything a command (or a future web page) does is one call here."""

from __future__ import annotations

from collections.abc import Callable

from . import ingest as _ingest
from .config import Config
from .errors import BriefgenError
from .model import IngestReport, SearchHit, Source


def ingest(config: Config, progress: Callable[[str], None] | None = None) -> IngestReport:
    """Bring the index up to date with the sources folder; return counts and warnings."""
    return _ingest.ingest(config, progress)


def list_sources(config: Config, refresh: bool = True) -> list[tuple[Source, int]]:
    """Return every source (without passages) and its passage count, after refreshing the index."""
    if refresh:
        _ingest.ingest(config)
    store = _ingest.open_store(config)
    try:
        counts = store.passage_counts()
        return [(s.source, counts.get(s.source.id, 0)) for s in store.stored_sources(with_passages=False)]
    finally:
        store.close()


def list_failures(config: Config) -> dict[str, str]:
    """Return the files of the sources folder that could not be read, with the reason, by path."""
    store = _ingest.open_store(config)
    try:
        return store.failures()
    finally:
        store.close()


def get_source(config: Config, reference: str, refresh: bool = True) -> Source:
    """Return one source with its passages and dropped lines; *reference* is an id, a unique
    id prefix or a path."""
    if refresh:
        _ingest.ingest(config)
    store = _ingest.open_store(config)
    try:
        source = store.get(_ingest.find_source(store, reference, config))
        if source is None:  # pragma: no cover - find_source only returns stored ids
            raise BriefgenError(f"source '{reference}' vanished from the index")
        return source
    finally:
        store.close()


def search(config: Config, query: str, year: int | None = None, limit: int = 20,
           refresh: bool = True) -> list[SearchHit]:
    """Return passages ranked for *query* (diacritics ignored), optionally about one year."""
    if refresh:
        _ingest.ingest(config)
    store = _ingest.open_store(config)
    try:
        return store.search(query, year=year, limit=limit)
    finally:
        store.close()
