"""Configuration: defaults < briefgen.toml < environment < command-line options, merged once."""

from __future__ import annotations

import os
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

CONFIG_FILE = "briefgen.toml"
_KEYS = {"sources": "sources", "cache": ".briefgen", "output": "output", "templates": "templates",
         "themes": "themes.toml"}
# Settings that are text, not paths: who issues the packs and where (the first page of a
# pack), and the author written into the documents' properties.
_TEXT_KEYS = {"issuer": "BỘ NGOẠI GIAO", "place": "Hà Nội", "author": ""}


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

    @property
    def index_path(self) -> Path:
        """Return the path of the SQLite passage index."""
        return self.cache / "index.sqlite"


def _text_problems(setting: str, value: str) -> list[str]:
    """Return the problem of a text setting holding a control or format character (a DOCX
    cannot hold most of them; a terminal obeys them): one line naming the setting."""
    bad = [ch for ch in value if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")]
    if not bad:
        return []
    return [f"{setting} holds a control character (U+{ord(bad[0]):04X}); write it as plain text on one line"]


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
        except RecursionError as exc:  # tomllib recurses once per level of nesting
            raise ConfigError(f"{path}: not valid TOML (arrays or tables nested too deep)") from exc
        table = raw.get("briefgen", raw)
        prefix = "briefgen." if "briefgen" in raw else ""
        for key, value in table.items():
            if isinstance(value, dict):
                # A table here is a typo for a setting ([briefgen.output] for output = …), never read.
                problems.append(f"{path}: unknown table [{prefix}{key}] (briefgen.toml has no tables of settings; "
                                "write the settings under [briefgen])")
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
                problems += _text_problems(f"{path}: '{key}'", texts[key])
    for key in _KEYS:
        env = os.environ.get(f"BRIEFGEN_{key.upper()}")
        if env:
            values[key] = env
    for key in _TEXT_KEYS:
        env = os.environ.get(f"BRIEFGEN_{key.upper()}")
        if env:
            texts[key] = env.strip()
            problems += _text_problems(f"BRIEFGEN_{key.upper()}", texts[key])
    for key, value in overrides.items():
        if key not in _KEYS:
            problems.append(f"unknown option '{key}'")
        elif value is not None:
            values[key] = value
    if problems:
        raise ConfigError("; ".join(problems))
    resolved = {key: (base / Path(value)).resolve() for key, value in values.items()}
    for key in ("sources", "cache", "output", "templates"):
        if resolved[key].exists() and not resolved[key].is_dir():
            problems.append(f"'{key}' is {str(values[key])!r}, a file, not a folder ({resolved[key]})")
    if problems:
        raise ConfigError("; ".join(problems))
    return Config(root=base, sources=resolved["sources"], cache=resolved["cache"], output=resolved["output"],
                  templates=resolved["templates"], themes=resolved["themes"], issuer=texts["issuer"],
                  place=texts["place"], author=texts["author"])
