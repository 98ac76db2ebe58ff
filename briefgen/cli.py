"""The command line: each command parses its options, calls one library function, prints.

Long because it holds every command's options, help text and printing; no command does any
work of its own (each calls ``briefgen.build``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import shlex
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import build as lib
from . import jsonify
from .config import Config, load_config
from .errors import BriefgenError
from .text import plural, printable
from .version import __version__

F = TypeVar("F", bound=Callable[..., Any])
_RESOURCES = "briefgen.resources"  # the ExitStack of the running command (its session)


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _warn(message: str) -> None:
    click.echo(f"warning: {printable(message)}", err=True)  # one line, whatever a name holds


def _set_root(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is not None:
            ctx.find_root().obj[key] = value
        return value
    return callback


def _project_option(func: F) -> F:
    """-C/--project, accepted after the command name as well as before it."""
    return click.option("-C", "--project", type=click.Path(exists=True, file_okay=False), default=None,
                        expose_value=False, callback=_set_root("project"), is_eager=True,
                        help="Project folder (default: the current folder).")(func)


def _wait_option(func: F) -> F:
    """--wait [SECONDS]: wait for another run's lock instead of stopping at once."""
    return click.option("--wait", type=click.FloatRange(0), is_flag=False, flag_value=float("inf"), default=None,
                        expose_value=False, callback=_set_root("wait"), metavar="[SECONDS]",
                        help="When another briefgen run holds the project, wait for it (for SECONDS at most; "
                             "without a number, until it ends) instead of stopping.")(func)


def _failures_json(failures: Any) -> list[dict[str, Any]]:
    return [jsonify.failure(f) for f in failures]


def _say(message: str) -> None:
    """Print a progress or result line, unless --quiet."""
    ctx = click.get_current_context(silent=True)
    if ctx is None or not ctx.find_root().obj.get("quiet"):
        click.echo(message)


def _interactive(as_json: bool = False) -> bool:
    """Return True when progress bars may be drawn: a terminal, not --json, not --quiet."""
    ctx = click.get_current_context(silent=True)
    quiet = bool(ctx and ctx.find_root().obj.get("quiet"))
    return sys.stdout.isatty() and not as_json and not quiet


def _handle_errors(func: F) -> F:
    """Turn library errors into one-line messages and exit codes (tracebacks with --verbose)."""
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            # The command's session (its store) is closed here, so an error met while closing
            # it is reported as any other.
            with contextlib.ExitStack() as resources:
                click.get_current_context().meta[_RESOURCES] = resources
                return func(*args, **kwargs)
        except BriefgenError as exc:
            if click.get_current_context().find_root().obj.get("verbose"):
                raise
            click.echo(f"briefgen: error: {printable(str(exc))}", err=True)
            sys.exit(exc.exit_code)
    return wrapper  # type: ignore[return-value]


def _refreshed(ctx: click.Context) -> lib.Session:
    """Return the command's session after bringing the index up to date; every problem met,
    and every file that is not in the index (new or remembered), is printed on stderr, one
    line each (also under --quiet), and kept for the command's --json (``failures``).

    While another run holds the project (a scheduled build), the index is read as it is.
    The session (its store) is closed when the command ends.
    """
    session: lib.Session = ctx.meta[_RESOURCES].enter_context(lib.Session(_config(ctx)))
    refreshed = session.refresh()
    for warning in refreshed.warnings:
        _warn(warning)
    ctx.find_root().obj["failures"] = list(refreshed.failures)
    return session


def _met_failures(ctx: click.Context) -> list[dict[str, Any]]:
    return _failures_json(ctx.find_root().obj.get("failures", []))


def _config(ctx: click.Context) -> Config:
    obj = ctx.find_root().obj
    if "config" not in obj:
        config = load_config(obj.get("project"))
        if obj.get("wait") is not None:
            config = replace(config, lock_wait=float(obj["wait"]))
        obj["config"] = config
    result: Config = obj["config"]
    return result


class _Group(click.Group):
    """Usage errors in one line ("briefgen: error: …"), not Click's three-line block."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            command = exc.ctx.command_path if isinstance(exc, click.UsageError) and exc.ctx else "briefgen"
            click.echo(f"briefgen: error: {exc.format_message()} (see '{command} --help')", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("briefgen: stopped", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "BRIEFGEN"})
@click.option("-C", "--project", type=click.Path(exists=True, file_okay=False), default=None,
              help="Project folder (default: the current folder; env BRIEFGEN_PROJECT). Also accepted after "
                   "the command name.")
@click.option("-v", "--verbose", is_flag=True, help="Show every file read and full tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.version_option(__version__, prog_name="briefgen")
@click.pass_context
def main(ctx: click.Context, project: str | None, verbose: bool, quiet: bool) -> None:
    """Turn a folder of Vietnamese foreign-affairs articles into cited briefing packs.

    Sources live in ./sources (or where briefgen.toml points); the passage index is kept in
    ./.briefgen. Every listing command accepts --json and then prints one JSON document.
    Every option can also be set with an environment variable BRIEFGEN_<COMMAND>_<OPTION>
    (for example BRIEFGEN_YEARLY_FORMAT="pdf docx").

    Example:

        briefgen ingest && briefgen build --year 2018
    """
    ctx.obj = {"project": project, "verbose": verbose, "quiet": quiet and not verbose}
    if ctx.invoked_subcommand == "init" and project:  # init makes its folder inside the project folder
        ctx.obj["init_base"] = project
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


@main.command()
@click.option("--strict", is_flag=True, help="Exit with status 1 when any source has a warning or is not indexed.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, envvar="BRIEFGEN_WORKERS",
              help="Processes that parse files (default: the cores for large folders; 1 turns the pool off).")
@click.option("--json", "as_json", is_flag=True, help="Print the counts, failures and warnings as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def ingest(ctx: click.Context, strict: bool, workers: int | None, as_json: bool) -> None:
    """Read the sources folder into the passage index (only what changed).

    Every file that cannot be indexed is named on stderr on every run while it stays so.

    Example:

        briefgen ingest
    """
    verbose = ctx.find_root().obj.get("verbose")
    config = _config(ctx)
    if _interactive(as_json) and not verbose:
        with click.progressbar(length=lib.count_sources(config), label="Reading sources",
                               show_pos=True) as bar:
            report = lib.ingest(config, progress=lambda path, read: bar.update(1), workers=workers)
    else:
        def show(path: str, read: bool) -> None:
            if read:
                click.echo(f"reading {path}", err=True)
        report = lib.ingest(config, progress=show if verbose else None, workers=workers)
    for warning in report.all_warnings:
        _warn(warning)
    if as_json:
        _emit_json(jsonify.ingest_report(report))
    else:
        failed = len(report.failures)
        old = failed - sum(f.new for f in report.failures)
        failed_text = f"failed {failed}" + (f" ({old} unchanged since an earlier run)" if old else "")
        if report.read == 0 and report.removed == 0 and failed == 0:
            _say(f"Nothing changed: {plural(report.unchanged, 'file')} unchanged, nothing re-read "
                 f"({plural(report.sources, 'source')} in the index).")
        else:
            _say(f"Read {report.read}, unchanged {report.unchanged}, removed {report.removed}, "
                 f"{failed_text}; {plural(report.sources, 'source')} in the index.")
    if strict and (report.all_warnings or report.failures):
        sys.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print {\"sources\": [...], \"failures\": [...]} as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def sources(ctx: click.Context, as_json: bool) -> None:
    """List the sources with their detected metadata and warnings.

    Example:

        briefgen sources --json
    """
    items = _refreshed(ctx).sources()
    failures = _met_failures(ctx)
    if as_json:
        _emit_json({"sources": [jsonify.source_summary(s, n) for s, n in items], "failures": failures})
        return
    if not items:
        click.echo("No sources. Put .txt, .md, .html, .docx or .pdf files in the sources folder.")
    for source, count in items:
        meta = source.meta
        years = f"reviews {meta.year_reviewed or '?'}, tasks {meta.year_tasks or '?'}"
        published = f"{meta.published} ({meta.published_certainty})" if meta.published else "date unknown"
        click.echo(f"{source.id}  {meta.title or '(no title)'}")
        click.echo(f"    {meta.outlet or 'outlet unknown'} · {meta.author or 'author unknown'} · {published} · "
                   f"{years} · {plural(count, 'passage')}")
        for warning in source.warnings:
            click.echo(f"    warning: {warning}")
    for failure in failures:
        click.echo(f"not indexed: {failure['path']}: {failure['reason']}")


@main.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the source, its passages and dropped lines as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def show(ctx: click.Context, source: str, as_json: bool) -> None:
    """Show one source as briefgen sees it: metadata, passages and every dropped line.

    SOURCE is an id (or a unique start of one) or a path; tones are optional where that is
    unique ("briefgen show diem-nhan").

    Example:

        briefgen show 004
    """
    item = _refreshed(ctx).source(source)
    if as_json:
        data = jsonify.source_detail(item)
        data["failures"] = _met_failures(ctx)
        _emit_json(data)
        return
    data = jsonify.source_summary(item, len(item.passages))
    for key in ("id", "path", "title", "outlet", "author", "url", "published", "published_certainty",
                "year_reviewed", "year_reviewed_from", "year_tasks", "years_mentioned", "encoding", "passage_count"):
        value = data[key]
        click.echo(f"{key:>20}: {', '.join(map(str, value)) if isinstance(value, list) else value or '-'}")
    click.echo(f"{'themes':>20}: {', '.join(t['id'] for t in data['themes']) or '-'}")
    click.echo(f"{'people':>20}: {'; '.join(_person(p) for p in data['people']) or '-'}")
    for warning in item.warnings:
        click.echo(f"{'warning':>20}: {warning}")
    click.echo("\nPassages:")
    heading = None
    for p in item.passages:
        if p.heading != heading and p.heading:
            click.echo(f"\n  ## {p.heading}")
        heading = p.heading
        shown = jsonify.passage(p)
        facts = [p.kind, ", ".join(map(str, p.years)) or "no year"]
        if shown["themes"]:
            facts.append("themes " + ", ".join(t["id"] for t in shown["themes"]))
        if shown["people"]:
            facts.append("people " + "; ".join(_person(x) for x in shown["people"]))
        if shown["figures"]:
            facts.append(plural(len(shown["figures"]), "figure"))
        click.echo(textwrap.fill(p.text, width=100, initial_indent=f"  [{p.passage}] ", subsequent_indent="      "))
        click.echo(f"      ({' · '.join(facts)})")
    dropped = [d for d in item.dropped if d.reason != "title"]
    click.echo("\nDropped lines:" if dropped else "\nDropped lines: none")
    for d in dropped:
        click.echo(f"  - {d.reason}: {d.line}")


def _person(p: dict[str, Any]) -> str:
    return f"{p['name']} ({p['title']})" if p.get("title") else str(p["name"])


@main.command()
@click.argument("query")
@click.option("--year", type=int, default=None, help="Only passages about this year.")
@click.option("--theme", default=None, help="Only passages about this theme (id, label or unique part of a label).")
@click.option("--topic", default=None, help="Only passages about this free-text topic.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Number of hits.")
@click.option("--json", "as_json", is_flag=True, help="Print {\"query\": ..., \"hits\": [...]} as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def search(ctx: click.Context, query: str, year: int | None, theme: str | None, topic: str | None, limit: int,
           as_json: bool) -> None:
    """Search passages; diacritics are optional ("bao ho cong dan" finds "bảo hộ công dân").

    Passages holding the whole phrase come first, then those holding every word; passages
    holding only some of the words are listed below a divider. A query that is a theme's
    name in either language ("citizen protection") searches that theme.

    Example:

        briefgen search "doi ngoai da phuong" --year 2018 --theme multilateral
    """
    found = _refreshed(ctx).search_named(query, year=year, limit=limit, theme=theme, topic=topic)
    hits, theme, note = found.hits, found.theme, found.note
    if as_json:
        _emit_json({"query": query, "year": year, "theme": theme, "topic": topic, "note": note,
                    "hits": [jsonify.hit(h) for h in hits], "failures": _met_failures(ctx)})
        return
    if note:
        click.echo(f"note: {note}", err=True)
    if not hits:
        click.echo("No passage matches.")
    strong = any(h.match in ("phrase", "all", "theme") for h in hits)
    divided = False
    for rank, h in enumerate(hits, 1):
        if strong and h.match == "some" and not divided:
            click.echo("  ---- passages below hold only some of the words ----")
            divided = True
        click.echo(f"{rank:>3}. {h.source_id} ¶{h.passage} ({h.match}, {h.score:.2f})"
                   + (f" — {h.heading}" if h.heading else ""))
        click.echo(textwrap.fill(h.text, width=100, initial_indent="     ", subsequent_indent="     ",
                                 max_lines=3, placeholder=" …"))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print {\"themes\": [...]} as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def themes(ctx: click.Context, as_json: bool) -> None:
    """List the themes (ids, labels, descriptions) and how many passages each has per year.

    The defaults ship with briefgen; a project's themes.toml replaces or adds themes.

    Example:

        briefgen themes
    """
    session = _refreshed(ctx)
    taxonomy = session.taxonomy
    counts = session.theme_counts()
    data = [jsonify.theme(t, counts) for t in taxonomy.themes]
    if as_json:
        _emit_json({"themes": data, "failures": _met_failures(ctx)})
        return
    for item in data:
        per_year = ", ".join(f"{y}: {n}" for y, n in item["passages_by_year"].items())
        vi, en = item["label_vi"], item["label_en"]
        labels = vi if vi == en else f"{vi} / {en}"
        click.echo(f"{item['id']:<34} {labels}")
        click.echo(f"{'':<34} {plural(item['passages'], 'passage')}" + (f" ({per_year})" if per_year else ""))


@main.command()
@click.option("--year", type=int, default=None, help="Only figures of this year.")
@click.option("--theme", default=None, help="Only figures of passages about this theme.")
@click.option("--json", "as_json", is_flag=True, help="Print {\"figures\": [...]} as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def figures(ctx: click.Context, year: int | None, theme: str | None, as_json: bool) -> None:
    """List the figures found in the sources: quantities with their counted noun.

    Example:

        briefgen figures --year 2018 --theme citizen_protection
    """
    found = _refreshed(ctx).figures(year=year, theme=theme)
    if as_json:
        _emit_json({"figures": [jsonify.figure(f, p) for f, p in found], "failures": _met_failures(ctx)})
        return
    if not found:
        click.echo("No figures found.")
    for f, p in found:
        data = jsonify.figure(f, p)
        click.echo(f"{data['year'] or '----'}  {f.text:<40} {data['value']:>14} {f.kind:<8} {p.source_id} ¶{p.passage}")


_YEAR = click.IntRange(lib.YEAR_MIN, lib.YEAR_MAX)


@main.command()
@click.option("--year", type=_YEAR, default=None,
              help=f"A review pack of this year ({lib.YEAR_MIN}-{lib.YEAR_MAX}).")
@click.option("--theme", default=None, help="A pack on this theme (id, label or unique part of a label).")
@click.option("--topic", default=None, help="A pack on this free-text topic.")
@click.option("--format", "formats", multiple=True, type=click.Choice(lib.FORMATS),
              envvar="BRIEFGEN_BUILD_FORMAT",
              help="Output format, repeatable (default: the project's 'formats', pdf and docx).")
@click.option("--output", type=click.Path(file_okay=False), default=None, help="Output folder (default: ./output).")
@click.option("--lang", type=click.Choice(lib.LANGUAGES), default=None,
              help="Language of the headings (passages stay as written; default: the project's 'lang', vi).")
@click.option("--name", default=None, help="Base name of the output files.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A Jinja2 template of your own (copy briefgen's year.md.j2 or theme.md.j2).")
@click.option("--reference-docx", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Take the Word styles, page setup, header and footer from this .docx.")
@click.option("--allow-empty", is_flag=True, help="Write the pack even when the sources have nothing for it.")
@click.option("--include-flagged", is_flag=True,
              help="Use sources flagged as damaged too (lost diacritics, look-alike or dropped letters, "
                   "markup residue).")
@click.option("--draft", is_flag=True, help="Mark the pack \"DỰ THẢO\" (a draft) on its first page.")
@click.option("--json", "as_json", is_flag=True, help="Print what was built (paths and hashes) as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def build(ctx: click.Context, year: int | None, theme: str | None, topic: str | None, formats: tuple[str, ...],
          output: str | None, lang: str | None, name: str | None, template: Path | None,
          reference_docx: Path | None, allow_empty: bool, include_flagged: bool, draft: bool,
          as_json: bool) -> None:
    """Build one briefing pack: a year's review, a theme, or a free-text topic.

    Writes NAME.pdf / NAME.docx / NAME.md and NAME.json (what the pack cites and was made
    from) into ./output, each file whole or not at all. A pack the sources have nothing for
    is not written (exit 1, naming the years they do cover) unless --allow-empty.

    Example:

        briefgen build --year 2018 --format pdf --format docx
    """
    if sum(x is not None for x in (year, theme, topic)) != 1:
        raise click.UsageError("give exactly one of --year, --theme or --topic")
    config = _config(ctx)
    label = f"year {year}" if year is not None else f"theme '{theme}'" if theme is not None else f"topic '{topic}'"
    spec = lib.PackSpec(label=label, year=year, theme=theme, topic=topic, formats=tuple(formats or config.formats),
                    lang=lang, template=template, reference_docx=reference_docx, name=name,
                    output=Path(output).resolve() if output else None, if_empty="write" if allow_empty else "fail",
                    include_flagged=include_flagged,
                    draft=draft)
    report = lib.run(config, [spec], force=True)
    _report(report, ctx, as_json, summary=False)


def _report(report: Any, ctx: click.Context, as_json: bool, strict: bool = False, summary: bool = True) -> None:
    """Print what a run of packs did (or its JSON); exit 1 naming every pack that failed, and
    under --strict also when a source could not be indexed."""
    for warning in report.warnings:
        _warn(warning)
    if as_json:
        _emit_json(jsonify.run_report(report))
    for result in report.results:  # warnings go to stderr, with --json too
        if result.note and result.status == "built":
            _warn(f"{result.spec.label}: {result.note}")
        if result.review and result.status == "built":
            reasons = Counter(note.reason for note in result.review)
            _warn(f"{result.spec.label}: review before signing: " + ", ".join(
                f"{n} {reason}" for reason, n in sorted(reasons.items())) + " (the pack's JSON lists each)")
        if result.left_out and result.status in ("built", "unchanged"):
            named = ", ".join(f"{sid} ({', '.join(flags)})" for sid, flags in result.left_out)
            _warn(f"{result.spec.label}: left out {plural(len(result.left_out), 'flagged source')}: {named}; "
                  "--include-flagged uses them")
        if as_json:
            continue
        if result.status == "built":
            for f in result.files:
                _say(f"wrote {f.path}")
        elif result.status == "unchanged":
            _say(f"unchanged: {result.spec.label} ({', '.join(f.path.name for f in result.files)}); inputs as before")
    if not as_json:
        for line in lib.skipped_lines(report):
            _say(line)
        for path in getattr(report, "removed", []):
            _say(f"removed {path}")
    failed = report.failed
    for result in failed:
        click.echo(f"briefgen: error: {result.reason}", err=True)
    if summary:
        counts = lib.summary_line(report)
        if (failed or report.failures) and (as_json or ctx.find_root().obj.get("quiet")):
            click.echo(counts, err=True)  # a quiet or JSON scheduled run still ends with what failed
        elif not as_json:
            _say(counts)
    if failed:
        sys.exit(failed[0].exit_code if len(report.results) == 1 else 1)
    if strict and report.failures:
        sys.exit(1)


class _Bar:
    """A progress bar over a run's packs, drawn on a terminal once their number is known."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.render_finish()

    def step(self, spec: Any, total: int) -> None:
        if total < 2 or not _interactive():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Building packs", show_pos=True,
                                         item_show_func=lambda s: s.label if s else "")
            self.bar.render_progress()
        self.bar.current_item = spec
        self.bar.update(1)


@main.command()
@click.option("--years", default=None, metavar="reviewed|all|A-B",
              help="Years to build: reviewed (every year some source reviews; the default, or the [yearly] "
                   "years setting), all (every year a passage reports on), a range (2018-2024) or a list "
                   "(2018,2020).")
@click.option("--format", "formats", multiple=True, type=click.Choice(lib.FORMATS),
              envvar="BRIEFGEN_YEARLY_FORMAT",
              help="Output format, repeatable (default: the project's 'formats', pdf and docx).")
@click.option("--lang", type=click.Choice(lib.LANGUAGES), default=None,
              help="Language of the labels (default: the project's 'lang', vi).")
@click.option("--output", type=click.Path(file_okay=False), default=None, help="Output folder (default: ./output).")
@click.option("--force", is_flag=True, help="Rebuild every pack, even those whose inputs did not change.")
@click.option("--prune", is_flag=True, help="Afterwards remove the outputs no pack definition produces any more.")
@click.option("--strict", is_flag=True, help="Exit with status 1 also when a source could not be indexed.")
@click.option("--json", "as_json", is_flag=True, help="Print what was built, unchanged, skipped and failed as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def yearly(ctx: click.Context, years: str | None, formats: tuple[str, ...], lang: str | None, output: str | None,
           force: bool, prune: bool, strict: bool, as_json: bool) -> None:
    """Build the review pack of every year some source reviews, rebuilding only what changed.

    Ingests first (every file that cannot be indexed is named on stderr); a pack whose cited
    passages, template, options and briefgen version are as before is not rebuilt; years
    only mentioned are skipped and named. output/briefgen-manifest.json records every pack.
    Exits 1 when any pack failed (the others are still built), and with --strict also when
    a source could not be indexed.

    Example:

        briefgen yearly --years 2018-2024 --format pdf --format docx
    """
    config = _config(ctx)
    with _Bar() as bar:
        report = lib.yearly(config, years, tuple(formats or config.formats), lang,
                             Path(output).resolve() if output else None, force, prune, bar.step)
    if not report.results and not as_json:
        _warn("no source reviews any year yet; nothing to build")
    _report(report, ctx, as_json, strict)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Rebuild every pack, even those whose inputs did not change.")
@click.option("--strict", is_flag=True, help="Exit with status 1 also when a source could not be indexed.")
@click.option("--json", "as_json", is_flag=True, help="Print what was built, unchanged, skipped and failed as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def batch(ctx: click.Context, file: Path, force: bool, strict: bool, as_json: bool) -> None:
    """Build the packs listed in a batch file (packs.toml), rebuilding only what changed.

    One [[pack]] table per pack with exactly one of year, theme or topic, and optional
    formats, lang, template, name, output, allow_empty; top-level output, formats and lang
    set defaults. A bad entry fails alone (named in the message); the exit status is 1 when
    any pack failed, and with --strict also when a source could not be indexed.

    Example:

        briefgen batch packs.toml
    """
    config = _config(ctx)
    with _Bar() as bar:
        report = lib.batch(config, file.resolve(), force, bar.step)
    _report(report, ctx, as_json, strict)


@main.command()
@click.option("--dry-run", is_flag=True, help="Only list what would be removed.")
@click.option("--batch", "batches", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A batch file whose packs are still wanted (repeatable).")
@click.option("--output", type=click.Path(file_okay=False), default=None, help="Output folder (default: ./output).")
@click.option("--json", "as_json", is_flag=True, help="Print {\"removed\": [...], \"kept\": [...]} as JSON.")
@_project_option
@_wait_option
@click.pass_context
@_handle_errors
def clean(ctx: click.Context, dry_run: bool, batches: tuple[Path, ...], output: str | None, as_json: bool) -> None:
    """Remove the packs no definition produces any more (the files briefgen recorded).

    Year packs of years `yearly` does not build (no source reviews them, or outside the
    [yearly] years setting), and packs of a batch file that no longer lists them, go; packs
    built by hand for a theme or topic stay. A file edited since briefgen wrote it is kept.

    Example:

        briefgen clean --dry-run
    """
    report = _refreshed(ctx).clean(Path(output).resolve() if output else None,
                                   tuple(b.resolve() for b in batches), dry_run)
    if as_json:
        _emit_json({"dry_run": dry_run, "removed": [str(p) for p in report.removed], "kept": report.kept})
        return
    for path in report.removed:
        _say(f"{'would remove' if dry_run else 'removed'} {path}")
    for line in report.kept:
        _warn(line)
    if not report.removed:
        _say("Nothing to remove.")


@main.command()
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print every paragraph's finding as JSON.")
@_project_option
@click.pass_context
@_handle_errors
def verify(ctx: click.Context, draft: Path, as_json: bool) -> None:
    """Check a Word draft staff have edited against the sources it quotes.

    Finds every quoted paragraph by its footnote and says whether its text is still verbatim
    from the cited passage, edited (with the changed words) or moved to another section, and
    which paragraphs lost their citation or are new and uncited. Exit 1 when a quoted
    paragraph no longer matches its source, unless it is in the style "Ý kiến biên tập"
    (the editor's own wording). The source text comes from the project's index.

    Example:

        briefgen verify output/2018-year-review.docx
    """
    report = lib.verify(_config(ctx), draft)
    if as_json:
        _emit_json(report.as_dict())
    else:
        quoted = sum(f.status in ("verbatim", "edited", "editor") for f in report.findings)
        parts = [f"{report.count(s)} {label}" for s, label in
                 (("verbatim", "verbatim"), ("edited", "edited"), ("editor", "editor's wording"), ("moved", "moved"))
                 if report.count(s) or s == "verbatim"]
        others = [f"{report.count(s)} {label}" for s, label in
                  (("citation_lost", "lost its citation" if report.count("citation_lost") == 1 else
                    "lost their citation"), ("removed", "removed"), ("new", "new and uncited")) if report.count(s)]
        _say(f"{draft}: {plural(quoted, 'quoted paragraph')} ({', '.join(parts)})"
             + (f"; {', '.join(others)}" if others else ""))
        labels = {"edited": "edited", "citation_lost": "citation lost", "removed": "removed", "new": "new, uncited"}
        for f in report.findings:
            if not f.problem:
                continue
            where = f"[{f.section}]" if f.section else ""
            text = textwrap.shorten(f.text, 90, placeholder=" …") if f.text else "(the paragraph is gone)"
            kinds = [labels[f.status]] if f.status in labels else []
            if f.moved:
                kinds.append(f"moved from [{f.moved_from}]")
            _say(f"{', '.join(kinds)}: {where} {text}" + (f" ({' '.join(f.passages)})" if f.passages else ""))
            if f.diff:
                _say(f"    {f.diff}")
    if report.failed:
        sys.exit(1)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.pass_context
@_handle_errors
def init(ctx: click.Context, folder: Path) -> None:
    """Make a new project folder: briefgen.toml, sources/, templates and themes to edit.

    Example:

        briefgen init my-briefings && cd my-briefings
    """
    base = Path(ctx.find_root().obj.get("init_base") or ".")
    target = folder if folder.is_absolute() else base / folder
    for path in lib.init_project(target.resolve()):
        _say(f"created {path}")
    where = shlex.quote(str(target))
    _say(f"Next: put your articles in {shlex.quote(str(target / 'sources'))}, then run:\n"
         f"    briefgen -C {where} yearly")


if __name__ == "__main__":  # pragma: no cover
    main()
