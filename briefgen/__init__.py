"""briefgen: briefing packs from Vietnamese foreign-affairs sources.

The library API; the command line (``briefgen.cli``) is a thin layer over it::

    from briefgen import load_config, ingest, list_sources, get_source, search
    config = load_config("path/to/project")
    report = ingest(config)
    hits = search(config, "bảo hộ công dân", year=2018)
    pack = build_pack(config, year=2018)     # a Pack: sections of cited items, references

Names are loaded on first use, so importing one part of briefgen (a renderer, a reader)
does not load the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .version import __version__

# name -> the module that defines it
_API = {
    **dict.fromkeys(("build_pack", "figures", "get_source", "ingest", "list_failures", "list_sources", "render",
                     "render_formats", "search", "search_named", "taxonomy", "write_pack", "yearly", "batch", "clean",
                     "run", "Session"), "build"),
    **dict.fromkeys(("Config", "load_config"), "config"),
    **dict.fromkeys(("BriefgenError", "ConfigError", "NotFoundError", "SourceError", "StoreError", "UsageError"),
                    "errors"),
    **dict.fromkeys(("IngestReport", "Metadata", "Pack", "Passage", "SearchHit", "Source"), "model"),
}

__all__ = [
    "BriefgenError", "Config", "ConfigError", "IngestReport", "Metadata", "NotFoundError", "Pack", "Passage",
    "SearchHit", "Session", "Source", "SourceError", "StoreError", "UsageError", "__version__", "batch", "build_pack",
    "clean", "figures", "get_source", "ingest", "list_failures", "list_sources", "load_config", "render",
    "render_formats", "run", "search", "search_named", "taxonomy", "write_pack", "yearly",
]

if TYPE_CHECKING:
    from .build import (
        Session,
        batch,
        build_pack,
        clean,
        figures,
        get_source,
        ingest,
        list_failures,
        list_sources,
        render,
        render_formats,
        run,
        search,
        search_named,
        taxonomy,
        write_pack,
        yearly,
    )
    from .config import Config, load_config
    from .errors import BriefgenError, ConfigError, NotFoundError, SourceError, StoreError, UsageError
    from .model import IngestReport, Metadata, Pack, Passage, SearchHit, Source




def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
