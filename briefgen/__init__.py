"""briefgen: briefing packs from Vietnamese foreign-affairs sources.

The library API; the command line (``briefgen.cli``) is a thin layer over it::

    from briefgen import load_config, ingest, list_sources, get_source, search
    config = load_config("path/to/project")
    report = ingest(config)
    hits = search(config, "bảo hộ công dân", year=2018)
    pack = build_pack(config, year=2018)     # a Pack: sections of cited items, references
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:  # ingest and figures are left out: to mypy they are the submodules of those names
    from .api import (
        build_pack,
        get_source,
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

# The public names and the module each comes from: imported on first use (PEP 562), so that
# importing one submodule (a renderer) does not load the whole library (the index, sqlite3).
# The functions ingest and figures share their names with submodules, which the import system
# binds here when it loads them; so the first use of any API name binds every one of api's, and
# the functions win, as when this file imported them eagerly.
_WHERE = {
    **dict.fromkeys(("build_pack", "figures", "get_source", "ingest", "list_failures", "list_sources", "render",
                     "search", "taxonomy", "write_pack"), "api"),
    **dict.fromkeys(("Config", "load_config"), "config"),
    **dict.fromkeys(("BriefgenError", "ConfigError", "NotFoundError", "SourceError", "UsageError"), "errors"),
    **dict.fromkeys(("IngestReport", "Metadata", "Pack", "Passage", "SearchHit", "Source"), "model"),
}

__all__ = [
    "BriefgenError", "Config", "ConfigError", "IngestReport", "Metadata", "NotFoundError", "Pack", "Passage",
    "SearchHit", "Source", "SourceError", "UsageError", "__version__", "build_pack", "figures", "get_source", "ingest",
    "list_failures", "list_sources", "load_config", "render", "search", "taxonomy", "write_pack",
]


def __getattr__(name: str) -> Any:
    """Return a public name of the API, importing its module on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    loaded = importlib.import_module(f".{module}", __name__)
    globals().update({key: getattr(loaded, key) for key, where in _WHERE.items() if where == module})
    return globals()[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
