"""Configuration: defaults < briefgen.toml < environment < command-line options, merged once."""

from __future__ import annotations

import datetime as _dt
import os
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .limits import MAX_WORKERS
from .model import DEFAULT_FORMATS, FORMATS
from .text import printable

CONFIG_FILE = "briefgen.toml"
_KEYS = {"sources": "sources", "cache": ".briefgen", "output": "output", "templates": "templates",
         "themes": "themes.toml"}
# Settings that are text, not paths: who issues the packs and where (the first page of a
# pack), and the author written into the documents' properties.
_TEXT_KEYS = {"issuer": "BỘ NGOẠI GIAO", "place": "Hà Nội", "author": "", "lang": "vi"}
LANGUAGES = ("vi", "en")
# Tables of their own: [yearly] says which years the scheduled job builds; [document] the
# official form of the first and last page (Decree 30/2020/NĐ-CP).
_TABLES = {"briefgen", "yearly", "document"}
# [document]: each optional. issuer and place default to the top-level settings of that name.
DOCUMENT_KEYS = ("parent", "issuer", "number", "symbol", "place", "recipients", "authority", "signer_title",
                 "signer_name")


@dataclass(frozen=True)
class DocumentForm:
    """The official form of a pack (Decree 30): who issues it, its number and symbol, to whom it
    goes and who signs it. Empty text leaves that element out."""

    parent: str = ""  # the governing body, above the issuer ("BỘ NGOẠI GIAO" above a department)
    number: str = ""  # the document number ("12"); blank leaves a space for the clerk
    symbol: str = ""  # the issuer's abbreviation after the kind's ("BNG" in "Số: 12/BC-BNG")
    recipients: tuple[str, ...] = ()  # the "Nơi nhận:" lines
    authority: str = ""  # the signing authority ("KT. BỘ TRƯỞNG", "TL. BỘ TRƯỞNG")
    signer_title: str = ""  # the signer's title ("THỨ TRƯỞNG")
    signer_name: str = ""  # the signer's name


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
    document: DocumentForm = field(default_factory=DocumentForm)
    draft: bool = False  # mark the packs "DỰ THẢO" (build --draft, a batch entry's draft = true)
    build_date: _dt.date = field(default_factory=_dt.date.today)  # SOURCE_DATE_EPOCH when set, else today
    docx_pages: bool = True  # fill the Word contents' page numbers with LibreOffice (BRIEFGEN_DOCX_PAGES=off: no)
    workers: int | None = None  # processes that parse sources (BRIEFGEN_WORKERS; None: the cores, for many files)
    formats: tuple[str, ...] = DEFAULT_FORMATS  # what packs are built in when no --format is given

    @property
    def has_sources(self) -> bool:
        """Return True when the sources folder exists (the project can be worked on)."""
        return self.sources.is_dir()

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
    form_table = _read_file(path, values, texts, problems) if path.exists() else {}
    for key in _KEYS:
        env = os.environ.get(f"BRIEFGEN_{key.upper()}")
        if env:
            values[key] = env
    for key in _TEXT_KEYS:
        env = os.environ.get(f"BRIEFGEN_{key.upper()}")
        if env:
            texts[key] = env.strip()
            problems += _text_problems(f"BRIEFGEN_{key.upper()}", texts[key])
    build_date = _build_date(problems)
    _env_formats(texts, problems)
    workers = _workers(problems)
    docx_pages = os.environ.get("BRIEFGEN_DOCX_PAGES", "").strip().lower() not in ("0", "off", "no", "false")
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
    for key in ("sources", "cache", "output", "templates"):
        if resolved[key].exists() and not resolved[key].is_dir():
            problems.append(f"'{key}' is {str(values[key])!r}, a file, not a folder ({resolved[key]})")
    if problems:
        raise ConfigError("; ".join(problems))
    one_line = {k: " ".join(str(v).split()) for k, v in form_table.items() if k != "recipients"}
    # [document] issuer and place take the place of the top-level keys; the environment still wins
    issuer = os.environ.get("BRIEFGEN_ISSUER", "").strip() or one_line.pop("issuer", "") or texts["issuer"]
    place = os.environ.get("BRIEFGEN_PLACE", "").strip() or one_line.pop("place", "") or texts["place"]
    one_line.pop("issuer", None)
    one_line.pop("place", None)
    recipients = form_table.get("recipients", [])
    lines = [recipients] if isinstance(recipients, str) else recipients
    document = DocumentForm(recipients=tuple(" ".join(r.split()) for r in lines if r.strip()), **one_line)
    return Config(root=base, sources=resolved["sources"], cache=resolved["cache"], output=resolved["output"],
                  templates=resolved["templates"], themes=resolved["themes"], issuer=issuer,
                  place=place, author=texts["author"], lang=texts["lang"],
                  yearly_years=texts.get("yearly_years", "reviewed"), document=document, build_date=build_date,
                  docx_pages=docx_pages, workers=workers,
                  formats=tuple(texts["formats"].split(",")) if "formats" in texts else DEFAULT_FORMATS)


def _env_formats(texts: dict[str, str], problems: list[str]) -> None:
    """Read BRIEFGEN_FORMATS ("pdf,md") into *texts*, or what is wrong with it into *problems*."""
    env = os.environ.get("BRIEFGEN_FORMATS", "").strip()
    if env:
        listed = [f.strip() for f in env.split(",") if f.strip()]
        problem = _formats_problem(listed)
        if problem:
            problems.append(f"BRIEFGEN_FORMATS: {problem}")
        else:
            texts["formats"] = ",".join(dict.fromkeys(listed))


def _formats_problem(value: object) -> str:
    """Return what is wrong with a ``formats`` setting (a list of pdf, docx, md), or ""."""
    if isinstance(value, list) and value and all(isinstance(v, str) and v in FORMATS for v in value):
        return ""
    return f"'formats' must be a list of {', '.join(FORMATS)}, such as [\"pdf\", \"docx\"]"


def _workers(problems: list[str]) -> int | None:
    """Return the number of parsing processes BRIEFGEN_WORKERS asks for (None: not set)."""
    env = os.environ.get("BRIEFGEN_WORKERS", "").strip()
    if not env:
        return None
    if not (env.isascii() and env.isdigit() and int(env) >= 1):  # "²" passes isdigit()
        problems.append(f"BRIEFGEN_WORKERS={printable(env)!r} is not a number of processes (a whole number from 1 to "
                        f"{MAX_WORKERS})")
        return None
    return min(int(env), MAX_WORKERS)


def _build_date(problems: list[str]) -> _dt.date:
    """Return the date builds are made on: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            problems.append(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds")
    return _dt.date.today()


def _read_file(path: Path, values: dict[str, str | Path], texts: dict[str, str],
               problems: list[str]) -> dict[str, str | list[str]]:
    """Read ``briefgen.toml`` into *values* (paths) and *texts* (text settings), adding what is
    wrong to *problems*; return its ``[document]`` table (empty when it has none or a bad one)."""
    form_table: dict[str, str | list[str]] = {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    except RecursionError as exc:  # tomllib recurses once per level of nesting
        raise ConfigError(f"{path}: not valid TOML (arrays or tables nested too deep)") from exc
    table = raw.get("briefgen", raw)
    yearly = raw.get("yearly", table.get("yearly"))
    if yearly is not None:
        try:
            texts["yearly_years"] = _yearly_years(yearly)
        except ConfigError as exc:
            problems.append(f"{path}: {exc}")
    form = raw.get("document", table.get("document"))
    if form is not None:
        form_problems = _document(form, texts)
        problems.extend(f"{path}: {problem}" for problem in form_problems)
        if not form_problems:
            form_table = dict(form)
    prefix = "briefgen." if "briefgen" in raw else ""
    for key, value in table.items():
        if isinstance(value, dict) and key in ("yearly", "document"):
            continue  # tables of their own, read above
        if isinstance(value, dict):
            # A table here is a typo for a setting ([briefgen.output] for output = …), never read.
            problems.append(f"{path}: unknown table [{prefix}{key}] (briefgen.toml has no tables of settings; "
                            "write the settings under [briefgen])")
            continue
        if key == "formats":
            problem = _formats_problem(value)
            if problem:
                problems.append(f"{path}: {problem}")
            else:
                texts["formats"] = ",".join(dict.fromkeys(value))
        elif key not in _KEYS and key not in _TEXT_KEYS:
            known = ", ".join(sorted([*_KEYS, *_TEXT_KEYS, "formats"]))
            problems.append(f"{path}: unknown setting '{key}' (known: {known})")
        elif not isinstance(value, str):
            kind = "a path string" if key in _KEYS else "text"
            problems.append(f"{path}: '{key}' must be {kind}, not {type(value).__name__}")
        elif key in _KEYS:
            values[key] = value
        elif _control(value):
            problems.append(f"{path}: '{key}' must be single-line text (it holds {_control(value)})")
        else:
            texts[key] = value.strip()
            problems += _text_problems(f"{path}: '{key}'", texts[key])
    return form_table


def _control(text: str) -> str:
    """Return the first control character of *text* as U+XXXX (a line break, a tab), or ""."""
    found = next((ch for ch in text if unicodedata.category(ch) in ("Cc", "Zl", "Zp")), None)
    return f"a control character, U+{ord(found):04X}" if found else ""


def _document(table: object, texts: dict[str, str]) -> list[str]:
    """Return the problems of a ``[document]`` table (unknown keys, values that are not single-line text)."""
    if not isinstance(table, dict):
        return ["'document' must be a table ([document])"]
    problems = []
    for key, value in table.items():
        name = f"document.{key}"
        if key not in DOCUMENT_KEYS:
            problems.append(f"unknown setting '{name}' (known: {', '.join(f'document.{k}' for k in DOCUMENT_KEYS)})")
            continue
        values = value if key == "recipients" and isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            kind = "text or a list of text" if key == "recipients" else "text"
            problems.append(f"'{name}' must be {kind}, not {type(value).__name__}")
            continue
        bad = next((_control(v) for v in values if _control(v)), "")
        if bad:
            problems.append(f"'{name}' must be single-line text (it holds {bad})")
    return problems


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
