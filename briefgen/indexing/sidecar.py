"""Sidecars: ``NAME.meta.toml`` beside a source corrects or adds its metadata, field by
field, each checked for type (a wrong field is ignored with a warning, never fatal)."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..model import Metadata
from ..text import file_label, format_date, normalize, parse_iso_date, printable

_META_FIELDS = {f.name: f for f in fields(Metadata)  # where a year came from is briefgen's own record
                if f.name not in ("year_reviewed_from", "year_reviewed_source")}


def parse_sidecar(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Return (overrides, warnings) from a sidecar: any Metadata field, checked for type."""
    name = file_label(path.name)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{name}: sidecar ignored (not valid TOML: {exc})"]
    except RecursionError:
        return {}, [f"{name}: sidecar ignored (not valid TOML: arrays or tables nested too deep)"]
    overrides: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        if key not in _META_FIELDS:
            warnings.append(f"{name}: unknown field '{key}' ignored")
        elif key.startswith("year_") and not key.endswith("certainty") and not _is_year(value):
            warnings.append(f"{name}: '{key}' must be a year, got {value!r}; ignored")
        elif key == "years_mentioned" and not (isinstance(value, list) and all(_is_year(v) for v in value)):
            warnings.append(f"{name}: 'years_mentioned' must be a list of years (1900-2100), got "
                            f"{printable(repr(value))[:80]}; ignored")
        elif key.endswith("certainty") and value not in ("stated", "inferred", "unknown"):
            warnings.append(f"{name}: '{key}' must be stated, inferred or unknown; ignored")
        elif key == "published" and not (isinstance(value, str) and parse_iso_date(value)):
            warnings.append(f"{name}: 'published' must be a date that exists, YYYY, YYYY-MM or YYYY-MM-DD, got "
                            f"{printable(repr(value))[:80]}; ignored")
        elif key == "flags" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            warnings.append(f"{name}: 'flags' must be a list of text; ignored")
        elif key == "flags":
            overrides[key] = tuple(" ".join(normalize(v).split()) for v in value if v.strip())
        elif key in ("title", "outlet", "author", "url") and not isinstance(value, str):
            warnings.append(f"{name}: '{key}' must be text; ignored")
        elif key in ("title", "outlet", "author", "url"):
            cleaned = " ".join(normalize(value).split())  # NFC, no controls, one line
            if cleaned:
                overrides[key] = cleaned
        elif key == "published":
            parts = parse_iso_date(value)
            assert parts is not None and parts.year is not None  # checked above
            overrides[key] = format_date(parts.year, parts.month, parts.day)  # "2019-5-3" is 2019-05-03
        else:
            overrides[key] = tuple(value) if key == "years_mentioned" else value
    if "published" in overrides:
        overrides.setdefault("published_certainty", "stated")
    for year_key in ("year_reviewed", "year_tasks"):
        if year_key in overrides:
            overrides.setdefault(f"{year_key}_certainty", "stated")
    if "year_reviewed" in overrides:
        overrides["year_reviewed_from"] = "the sidecar"
    return overrides, warnings


def _is_year(value: Any) -> bool:
    # A TOML true is a Python int: it is no year.
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100
