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
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:  # ingest, figures and render are left out: to mypy they are the submodules of those names
    from .api import (
        build_pack,
        get_source,
        list_failures,
        list_sources,
        search,
        taxonomy,
        write_pack,
    )
    from .config import Config, load_config
    from .errors import BriefgenError, ConfigError, NotFoundError, SourceError, UsageError
    from .model import IngestReport, Metadata, Pack, Passage, SearchHit, Source

# The public names and the module each comes from: imported on first use (PEP 562), so that
# importing one submodule (a renderer) does not load the whole library (the index, sqlite3).
# The functions ingest, figures and render share their names with submodules (briefgen.ingest,
# briefgen.figures, the package briefgen.render), which the import system binds here when it
# loads them: once api is loaded, its functions are bound and stay, as when this file imported
# them eagerly (see _Package).
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


class _Package(types.ModuleType):
    """This package's module object: when the import system binds the loaded ``api`` here, api's
    functions are bound with it, and a submodule loaded later under one of their names does
    not replace the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _WHERE.get(name) == "api" and "api" in vars(self):
            return  # a submodule named like an API function: the function stays; sys.modules has the module
        super().__setattr__(name, value)
        if name == "api":
            for key, where in _WHERE.items():
                if where == "api":
                    super().__setattr__(key, getattr(value, key))


sys.modules[__name__].__class__ = _Package
