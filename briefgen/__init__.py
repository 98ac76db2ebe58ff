"""briefgen: briefing packs from Vietnamese foreign-affairs sources.

The library API; the command line (``briefgen.cli``) is a thin layer over it::

    from briefgen import load_config, ingest, list_sources, get_source, search
    config = load_config("path/to/project")
    report = ingest(config)
    hits = search(config, "bảo hộ công dân", year=2018)
    pack = build_pack(config, year=2018)     # a Pack: sections of cited items, references
"""

from __future__ import annotations

__version__ = "0.2.0"

from .api import (
                  build_pack,
                  figures,
                  get_source,
                  ingest,
                  list_failures,
                  list_sources,
                  render,
                  search,
                  taxonomy,
                  write_pack,
)
from .config import Config, load_config
from .errors import BriefgenError, ConfigError, NotFoundError, SourceError, UsageError
from .model import IngestReport, Metadata, Pack, Passage, SearchHit, Source

__all__ = [
    "BriefgenError", "Config", "ConfigError", "IngestReport", "Metadata", "NotFoundError", "Pack", "Passage",
    "SearchHit", "Source", "SourceError", "UsageError", "__version__", "build_pack", "figures", "get_source", "ingest",
    "list_failures", "list_sources", "load_config", "render", "search", "taxonomy", "write_pack",
]
