"""Configuration: defaults < briefgen.toml < environment < command-line options, merged once."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

CONFIG_FILE = "briefgen.toml"
_KEYS = {"sources": "sources", "cache": ".briefgen", "output": "output", "templates": "templates",
         "themes": "themes.toml"}
# Settings that are text, not paths: who issues the packs and where (the first page of a
# pack), and the author written into the documents' properties.
_TEXT_KEYS = {"issuer": "BỘ NGOẠI GIAO", "place": "Hà Nội", "author": "", "lang": "vi"}
LANGUAGES = ("vi", "en")
# Tables of their own: [yearly] says which years the scheduled job builds.
_TABLES = {"briefgen", "yearly"}


@dataclass(frozen=True)
class Config:
    """Where a project keeps its sources, cache, outputs and templates (absolute paths)."""

    root: Path
    sources: Path
    cache: Path
    output: Path
    templates: Path
    themes: Path  # the project's own theme file (used when it exists)
    issuer: str = _TEXT_KEYS["issuer"]
    place: str = _TEXT_KEYS["place"]
    author: str = _TEXT_KEYS["author"]
    lang: str = "vi"  # the project's language: packs in it carry no language in their file names
    yearly_years: str = "reviewed"  # what `yearly` builds without --years: reviewed, all, or years
    lock_wait: float = 0.0  # seconds to wait for another run's lock (0: stop at once; inf: until it ends)

    @property
    def has_sources(self) -> bool:
        """Return True when the sources folder exists (the project can be worked on)."""
        return self.sources.is_dir()

    @property
    def index_path(self) -> Path:
        """Return the path of the SQLite passage index."""
        return self.cache / "index.sqlite"


def load_config(root: str | Path | None = None, **overrides: str | Path | None) -> Config:
    """Return the project's configuration.

    Values come from the defaults, then ``briefgen.toml`` in *root* (its ``[briefgen]``
    table or top level), then ``BRIEFGEN_SOURCES``/``BRIEFGEN_CACHE``/``BRIEFGEN_OUTPUT``/
    ``BRIEFGEN_TEMPLATES``/``BRIEFGEN_THEMES`` (and ``BRIEFGEN_ISSUER``/``BRIEFGEN_PLACE``/
    ``BRIEFGEN_AUTHOR`` for the text settings), then *overrides* that are not None. Relative
    paths are relative to *root*. Every problem is reported at once in one ConfigError.
    """
    base = Path(root or os.environ.get("BRIEFGEN_PROJECT") or Path.cwd()).resolve()
    values: dict[str, str | Path] = dict(_KEYS)
    texts: dict[str, str] = dict(_TEXT_KEYS)
    problems: list[str] = []
    path = base / CONFIG_FILE
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        table = raw.get("briefgen", raw)
        yearly = raw.get("yearly", table.get("yearly"))
        if yearly is not None:
            try:
                texts["yearly_years"] = _yearly_years(yearly)
            except ConfigError as exc:
                problems.append(f"{path}: {exc}")
        for key, value in table.items():
            if isinstance(value, dict):
                continue
            if key not in _KEYS and key not in _TEXT_KEYS:
                known = ", ".join(sorted([*_KEYS, *_TEXT_KEYS]))
                problems.append(f"{path}: unknown setting '{key}' (known: {known})")
            elif not isinstance(value, str):
                kind = "a path string" if key in _KEYS else "text"
                problems.append(f"{path}: '{key}' must be {kind}, not {type(value).__name__}")
            elif key in _KEYS:
                values[key] = value
            else:
                texts[key] = value.strip()
    for key in _KEYS:
        env = os.environ.get(f"BRIEFGEN_{key.upper()}")
        if env:
            values[key] = env
    for key in _TEXT_KEYS:
        env = os.environ.get(f"BRIEFGEN_{key.upper()}")
        if env:
            texts[key] = env.strip()
    if texts["lang"] not in LANGUAGES:
        problems.append(f"'lang' must be one of {', '.join(LANGUAGES)}, not '{texts['lang']}'")
    for key, value in overrides.items():
        if key not in _KEYS:
            problems.append(f"unknown option '{key}'")
        elif value is not None:
            values[key] = value
    if problems:
        raise ConfigError("; ".join(problems))
    resolved = {key: (base / Path(value)).resolve() for key, value in values.items()}
    return Config(root=base, sources=resolved["sources"], cache=resolved["cache"], output=resolved["output"],
                  templates=resolved["templates"], themes=resolved["themes"], issuer=texts["issuer"],
                  place=texts["place"], author=texts["author"], lang=texts["lang"],
                  yearly_years=texts.get("yearly_years", "reviewed"))


def _yearly_years(table: object) -> str:
    """Return the ``[yearly] years`` setting as text: "reviewed", "all", "2018-2024" or "2016,2018"."""
    if not isinstance(table, dict):
        raise ConfigError("'yearly' must be a table ([yearly])")
    unknown = sorted(set(table) - {"years"})
    if unknown:
        raise ConfigError(f"unknown setting 'yearly.{unknown[0]}' (known: yearly.years)")
    value = table.get("years", "reviewed")
    if isinstance(value, list) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return ",".join(str(v) for v in value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ConfigError("'yearly.years' must be \"reviewed\", \"all\", a range such as \"2018-2024\" "
                      "or a list of years")
