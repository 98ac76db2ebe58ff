"""briefgen: briefing packs from Vietnamese foreign-affairs sources.

The library API; the command line (``briefgen.cli``) is a thin layer over it::

    from briefgen import load_config, ingest, list_sources, get_source, search
    config = load_config("path/to/project")
    report = ingest(config)
    hits = search(config, "bảo hộ công dân", year=2018)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import get_source, ingest, list_failures, list_sources, search
from .config import Config, load_config
from .errors import BriefgenError, ConfigError, NotFoundError, SourceError
from .model import IngestReport, Metadata, Passage, SearchHit, Source

__all__ = [
    "BriefgenError", "Config", "ConfigError", "IngestReport", "Metadata", "NotFoundError", "Passage",
    "SearchHit", "Source", "SourceError", "__version__", "get_source", "ingest", "list_failures", "list_sources",
    "load_config", "search",
]
