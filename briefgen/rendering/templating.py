"""Templates: a pack becomes Markdown through a Jinja2 template, the one source of every format.

The template decides the order, headings and wording of a pack. It runs in Jinja2's
sandbox, and every value it prints is escaped for Markdown unless a filter made it markup
on purpose (citations, links), so source text can never become markup or template code.
Special blocks (the first page, the table of contents, a chart, the reference list) are
fenced code blocks with a ``briefgen-…`` info string, which the document tree reads.
"""

from __future__ import annotations

import datetime as _dt
import re
import traceback
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

from ..config import Config
from ..errors import ConfigError
from ..limits import TimeLimit, time_limit
from ..model import Citation, FigureRow, Pack, Section, Taxonomy
from ..text import plain_number, xml_safe
from .markdown import escape

TEMPLATE_NAMES = {"year": "year.md.j2", "theme": "theme.md.j2", "topic": "theme.md.j2"}
# A template run is bounded: in time, in what it writes, and in the size of any one value it
# makes (a string or list multiplied, a power, a lipsum); Jinja's sandbox already bounds
# range() to 100,000 items, and the immutable sandbox lets no list grow under a loop.
MAX_TEMPLATE_SECONDS = 60
MAX_TEMPLATE_OUTPUT = 50_000_000  # characters; a pack citing megabyte passages writes a few million
MAX_VALUE_ITEMS = 1_000_000  # characters or items of one value made by an operator
MAX_LIPSUM = 100  # paragraphs
_URL_OK = re.compile(r"^https?://[^\s<>\"`\\]+$")


def vn_date(day: _dt.date) -> str:
    """Return a date as Decree 30/2020/NĐ-CP writes it: days below 10 and the months 1 and 2
    with a leading zero ("ngày 06 tháng 01 năm 2025", "ngày 05 tháng 3 năm 2025")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(iso: str) -> str:
    """Return an ISO date, or a year and month, as a table writes it: "06/08/2020", "08/2020"."""
    return "/".join(reversed(iso.split("-")))


def en_date(day: _dt.date) -> str:
    """Return a date as English prose writes it: "6 January 2025"."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _finalize(value: Any) -> Any:
    """Escape every printed value for Markdown, except markup made on purpose by a filter."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape(" ".join(str(value).split()))  # one line: a value can never start a block


def _plain(value: Any) -> Markup:
    """Return a value for a fenced block: one line, no backtick runs (fence content is literal)."""
    text = " ".join(str(value if value is not None else "").split())
    return Markup(re.sub(r"`{3,}", "", text))


def _cite(citations: tuple[Citation, ...]) -> Markup:
    """Return an item's footnote marks: first the source whose words it quotes, then the others
    that tell the same (in the order of the references)."""
    if not citations:
        return Markup("")
    quoted = citations[0].number
    return Markup("".join(f"[^{n}]" for n in [quoted, *sorted({c.number for c in citations} - {quoted})]))


def _one_line(value: Any) -> str:
    return " ".join(str(value if value is not None else "").split())


def _link(url: str | None) -> Markup:
    url = _one_line(url)
    if not url:
        return Markup("")
    if _URL_OK.match(url):
        return Markup(f"<{url}>")
    return Markup(escape(url))


def _code(text: str) -> Markup:
    """Return a value as inline code: one line (a newline would end the span and start a
    block: a heading, a fence), no backticks."""
    return Markup("`" + _one_line(text).replace("`", "'") + "`")


def _scaled(value: float) -> tuple[str, str]:
    """Return a value as a number and its scale word ("15,7", "tỷ"); the word may be ""."""
    for scale, word in ((1e9, "tỷ"), (1e6, "triệu")):
        if abs(value) >= scale and round(value / scale, 2) * scale == round(value, 0):
            return plain_number(round(value / scale, 2)), word
    return plain_number(value), ""


def _number(row: FigureRow) -> str:
    """Return a figure's value for a table as the source qualifies it: its qualifier ("gần",
    "trên"), its range ("8–9 triệu") and large values with their scale word ("15,7 tỷ")."""
    number, word = _scaled(row.value)
    if row.value_max is not None and row.value_max != row.value:
        top, top_word = _scaled(row.value_max)
        number = f"{number} {word}–{top}".replace("  ", " ") if word != top_word else f"{number}–{top}"
        word = top_word
    shown = f"{number} {word}".strip()
    return f"{row.qualifier.lower()} {shown}" if row.qualifier else shown


SAID_WORDS = 12  # words of a figure's clause quoted beside it
SUBJECT_WORDS = 4  # … and more, for the clause before it that says what the figure measures


# Words a clause cannot open on without the subject of the clause before it ("Bệnh viện dã chiến
# cấp 2, được phiên chế 63 thành viên": what has 63 members is the hospital).
_NEEDS_SUBJECT = frozenset({"được", "bị", "đã", "đều", "cũng", "vẫn", "sẽ", "đang"})


def _said_after(row: FigureRow, before: FigureRow | None = None) -> str:
    """Return what a key figure measures (:func:`_said`), or the figure's own words when the row
    *before* it in the table says the same ("1.589 ngư dân /189 tàu cá" twice: the second row
    reads "189 tàu cá")."""
    said = _said(row)
    same = before is not None and "".join(_said(before).split()) == "".join(said.split())
    return row.text if same else said


def _said(row: FigureRow) -> str:
    """Return what a key figure measures (:func:`_said_words`), its brackets as the source sets
    them: none opened with a space after it, and one the words open closed after them
    ("thời gian chuẩn bị ngắn nhất (10 ngày)")."""
    said = re.sub(r"([(\[])\s+", r"\1", _said_words(row))
    for opening, closing in ("()", "[]"):
        if said.count(closing) > said.count(opening):  # its opening was cut before the words ("… khách mời), có …")
            said = re.sub(rf"\s*\{closing}", "", said, count=1)
        if said.count(opening) > said.count(closing) and not said.endswith("…"):
            said += closing
    return said


def _said_words(row: FigureRow) -> str:
    """Return what a key figure measures, in its sentence's words: its clause up to the figure
    ("người Việt vẫn gửi tiền về nước nhiều hơn, tăng gần 3%"), at most SAID_WORDS words (with
    "…" where it is cut), and the clause before when its own has only a verb before the figure
    ("tăng") or opens on a word that needs its subject ("được"); a figure that opens its clause
    takes the words after it ("Hơn 80 văn kiện được thông qua"). The figure's own words when
    the sentence does not hold them."""
    at = row.sentence.find(row.text)
    if at < 0:
        return row.text
    clauses = re.split(r"(?<=[,;:])\s", row.sentence[:at])
    before = clauses[-1].split()
    # the words after it, to a mark (not a number's own: "12,5 tỷ"), a bracket or an aside's dash
    after = re.split(r"[,;:.…]+(?=\s|$)|[)(\[\]]|\s[-–]\s", row.sentence[at + len(row.text):])[0].split()
    needs_subject = bool(before) and before[0].lower() in _NEEDS_SUBJECT and len(before) <= SUBJECT_WORDS
    if len(clauses) >= 2 and (0 < len(before) < 3 or needs_subject):
        # "tăng gần 3% so với năm 2019" says what rose in the clause before: that clause's end,
        # then the figure's own clause whole
        own = [*before, *row.text.split(), *after]
        subject = clauses[-2].split()
        lead = subject[-max(3, SAID_WORDS + SUBJECT_WORDS - len(own)):]
        return ("… " if len(lead) < len(subject) else "") + " ".join([*lead, *own])
    if len(clauses) >= 2 and clauses[-2].endswith(",") and len(before) >= 2 and \
            " ".join(before[:2]).lower() in clauses[-2].lower() and not re.search(r"\d", clauses[-2]):
        # "quan hệ đối tác chiến lược, đối tác toàn diện với 30 quốc gia": the figure counts both
        # items of a list whose head the comma repeats, not the last alone (a clause with a figure
        # of its own is another row's)
        words = [*clauses[-2].split(), *before, *row.text.split()]
        shown = " ".join(words[-(SAID_WORDS + SUBJECT_WORDS):])
        return ("… " if len(words) > SAID_WORDS + SUBJECT_WORDS else "") + shown
    if len(before) < 3:
        words = [*before, *row.text.split(), *after]
        shown = " ".join(words[:SAID_WORDS])
        return shown + (" …" if len(words) > SAID_WORDS else "")
    # A share says of what right after it ("100% quân số", "39% dân số thế giới"): those words too,
    # up to a word that opens what follows ("trong thời gian …", "so với …").
    base = _share_base(after) if row.unit == "%" else []
    words = [*before, *row.text.split()]
    shown = " ".join([*words[-SAID_WORDS:], *base])
    return ("… " if len(words) > SAID_WORDS else "") + shown


SHARE_BASE_WORDS = 4
_AFTER_BASE = frozenset({"trong", "tại", "vào", "của", "so", "để", "cho", "với", "và", "từ", "đến", "khi", "nhưng",
                         "là", "được", "đã", "sẽ", "trên", "dưới", "hơn", "theo", "ở", "cùng", "năm", "lên", "xuống",
                         "còn", "mỗi", "hằng", "hàng", "sau", "trước", "nữa", "gần", "khoảng", "qua", "thì"})


def _share_base(after: list[str]) -> list[str]:
    """Return the words that say what a share is of: those after it up to one of _AFTER_BASE, at
    most SHARE_BASE_WORDS (none when more come before it: the clause goes on)."""
    base = []
    for word in after:
        if word.lower() in _AFTER_BASE or any(c.isdigit() for c in word):
            break
        base.append(word)
    return base if len(base) <= SHARE_BASE_WORDS else []


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    """Return 1-39 as a Roman numeral, as official documents number their parts (I, II, …)."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


class TemplateRefused(ConfigError):
    """A template asked to load a file from outside the templates folders."""


def _check_name(name: str, project_dir: Path | None) -> None:
    """Refuse a template name that could lead outside the templates folders: absolute, with
    '..' or a backslash, or a link in the project's folder that leads out of it."""
    parts = name.split("/")
    if (not name or name.startswith("/") or "\\" in name or "\0" in name or any(p in ("", ".", "..") for p in parts)
            or Path(name).is_absolute()):
        raise TemplateRefused(f"'{name}' is refused: templates load only from the project's templates folder "
                              "and briefgen's own, by a relative name without '..'")
    if project_dir is not None and (project_dir / name).exists():
        try:
            inside = (project_dir / name).resolve().is_relative_to(project_dir.resolve())
        except (OSError, RuntimeError):  # a link loop
            inside = False
        if not inside:
            raise TemplateRefused(f"'{name}' is refused: it is a link leading out of {project_dir}")


class _Loader(BaseLoader):
    """Finds a template: the file given, else the project's templates folder, else briefgen's
    own. Nothing else is ever read: a name that is absolute, holds '..' or is a link out of
    the templates folder is refused (an include, import or extends cannot read any file)."""

    def __init__(self, project_dir: Path | None, explicit: Path | None) -> None:
        self.project_dir = project_dir
        self.explicit = explicit

    def get_source(self, environment: Any, template: str) -> tuple[str, str | None, Any]:
        path: Path | None
        if template == "__explicit__" and self.explicit is not None:
            if not self.explicit.is_file():
                raise TemplateNotFound(str(self.explicit))
            text, path = _read(self.explicit), self.explicit
        else:
            _check_name(template, self.project_dir)
            text, path = default_template(self.project_dir, template)
        if path is None:
            return text, None, lambda: True
        mtime = path.stat().st_mtime
        return text, str(path), lambda p=path, m=mtime: p.is_file() and p.stat().st_mtime == m


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: the template cannot be read as UTF-8 text ({exc})") from exc


def default_template(project_dir: Path | None, name: str) -> tuple[str, Path | None]:
    """Return the text of template *name*: the project's templates/NAME when it exists (with
    its path), else briefgen's own (path None)."""
    if project_dir is not None and (project_dir / name).is_file():
        return _read(project_dir / name), project_dir / name
    packaged = resources.files("briefgen").joinpath("templates", name)
    if not packaged.is_file():
        raise TemplateNotFound(name)
    return packaged.read_text(encoding="utf-8"), None


class _BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with the operators that can make one huge value checked first."""

    intercepted_binops = frozenset(["*", "**", "%"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
                if sized and len(seq) * times > MAX_VALUE_ITEMS:
                    raise SecurityError(f"a value of {len(seq) * times:,} items is over the limit of "
                                        f"{MAX_VALUE_ITEMS:,}")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and \
                    max(left.bit_length(), 1) * right > 64 * 1024:
                raise SecurityError("a power over the limit of 65,536 bits")
        elif operator == "%" and isinstance(left, str) and any(
                int(width) > 10_000 for width in re.findall(r"%[-+ #0]*(\d+)", left)):
            raise SecurityError("a format width over the limit of 10,000")
        return super().call_binop(context, operator, left, right)


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # Jinja's own argument names
    if not (isinstance(n, int) and 0 <= n <= MAX_LIPSUM and isinstance(max, int) and max <= 1000):
        raise SecurityError(f"lipsum({n}) is over the limit of {MAX_LIPSUM} paragraphs of 1000 words")
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


def _bounded_width(name: str, default: Any) -> Any:
    def bounded(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        if isinstance(width, int) and width > 10_000:
            raise SecurityError(f"{name}({width}) is over the limit of 10,000")
        return default(value, width, *args, **kwargs)
    return bounded


def environment(config: Config, template: Path | None = None) -> SandboxedEnvironment:
    """Return the sandboxed Jinja2 environment that renders packs to Markdown."""
    env = _BoundedEnvironment(loader=_Loader(config.templates, template), autoescape=False, finalize=_finalize,
                               undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                               lstrip_blocks=True)
    env.filters.update(plain=_plain, cite=_cite, link=_link, code=_code, number=_number, said=_said_after, roman=_roman,
                       vn_date=vn_date, en_date=en_date, short_date=short_date)
    env.filters.update(center=_bounded_width("center", env.filters["center"]),
                       indent=_bounded_width("indent", env.filters["indent"]))
    env.globals["lipsum"] = _lipsum
    return env


def _render_bounded(template: Any, where: object, **values: Any) -> str:
    """Return a template's output, stopping it past MAX_TEMPLATE_SECONDS or MAX_TEMPLATE_OUTPUT."""
    parts: list[str] = []
    size = 0
    try:
        with time_limit(MAX_TEMPLATE_SECONDS):
            for part in template.generate(**values):
                size += len(part)
                if size > MAX_TEMPLATE_OUTPUT:
                    raise ConfigError(f"{where}: the template wrote more than {MAX_TEMPLATE_OUTPUT:,} characters "
                                      "(the limit for one pack); stopped")
                parts.append(part)
    except TimeLimit:
        raise ConfigError(f"{where}: the template ran longer than {MAX_TEMPLATE_SECONDS:g} s (the limit for one "
                          "pack); stopped") from None
    return "".join(parts)


def markdown(pack: Pack, config: Config, taxonomy: Taxonomy, lang: str = "vi", template: Path | None = None) -> str:
    """Return the pack written out by its template (``--template FILE`` or the default one)."""
    env = environment(config, template)
    name = "__explicit__" if template is not None else TEMPLATE_NAMES[pack.kind]
    by_key = {s.key: s for s in pack.sections}

    def section(key: str) -> Section:
        return by_key.get(key) or Section(key=key)

    def theme_label(theme_id: str | None) -> str:
        theme = taxonomy.get(theme_id) if theme_id else None
        return theme.label(lang) if theme else ""

    try:
        # No control character reaches a format: a DOCX cannot hold one, a terminal obeys it.
        return xml_safe(_render_bounded(
            env.get_template(name), template or name, pack=pack, section=section, theme_label=theme_label, lang=lang,
            issuer=config.issuer, place=config.place, build_date=config.build_date, references=pack.references,
            document=config.document, draft=config.draft))
    except TemplateNotFound as exc:
        raise ConfigError(f"template not found: {exc}") from exc
    except TemplateRefused as exc:
        raise ConfigError(f"{template or name}: {exc}") from exc
    except ConfigError:
        raise
    except Exception as exc:  # TemplateError, or Python errors inside the template ({{ 1/0 }})
        where = template or name
        line = template_line(exc)
        first = str(exc).splitlines()[0] if str(exc) else ""
        raise ConfigError(f"{where}{f', line {line}' if line else ''}: the template failed "
                          f"({type(exc).__name__}: {first})") from exc


def template_line(exc: BaseException) -> int | None:
    """Return the template line an error was raised at: the syntax error's, or the innermost
    traceback frame that Jinja2 maps to a template."""
    if isinstance(exc, TemplateSyntaxError) and exc.lineno:
        return exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename == "<template>":
            return frame.lineno
    return None
