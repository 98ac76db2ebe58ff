"""The command line: each command parses its options, calls one library function, prints."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
import textwrap
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, api, jsonify
from .config import Config, load_config
from .errors import BriefgenError
from .text import printable

F = TypeVar("F", bound=Callable[..., Any])


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _warn(message: str) -> None:
    click.echo(f"warning: {printable(message)}", err=True)  # one line, whatever a name holds


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
            return func(*args, **kwargs)
        except (BriefgenError, sqlite3.Error) as exc:
            if click.get_current_context().find_root().obj.get("verbose"):
                raise
            if isinstance(exc, sqlite3.Error):
                exc = BriefgenError(f"the index could not be used ({exc})")
            click.echo(f"briefgen: error: {printable(str(exc))}", err=True)
            sys.exit(exc.exit_code)
    return wrapper  # type: ignore[return-value]


def _refreshed(ctx: click.Context) -> Config:
    """Return the configuration after bringing the index up to date (new problems on stderr).

    While another run holds the project (a scheduled build), the index is read as it is.
    """
    config = _config(ctx)
    try:
        report = api.ingest(config)
    except BriefgenError as exc:
        if "another briefgen run" not in str(exc):
            raise
        _warn(f"{exc}; showing the index as it is")
        return config
    for warning in report.warnings:
        _warn(warning)
    return config


def _config(ctx: click.Context) -> Config:
    obj = ctx.find_root().obj
    if "config" not in obj:
        obj["config"] = load_config(obj.get("project"))
    config: Config = obj["config"]
    return config


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
@click.option("-C", "--project", type=click.Path(file_okay=False), default=None,
              help="Project folder (default: the current folder; env BRIEFGEN_PROJECT).")
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
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


@main.command()
@click.option("--strict", is_flag=True, help="Exit with status 1 when any source has a warning.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, envvar="BRIEFGEN_WORKERS",
              help="Processes that parse files (default: the cores for large folders; 1 turns the pool off).")
@click.option("--json", "as_json", is_flag=True, help="Print the counts and warnings as JSON.")
@click.pass_context
@_handle_errors
def ingest(ctx: click.Context, strict: bool, workers: int | None, as_json: bool) -> None:
    """Read the sources folder into the passage index (only what changed).

    Example:

        briefgen ingest
    """
    verbose = ctx.find_root().obj.get("verbose")
    config = _config(ctx)
    if _interactive(as_json) and not verbose:
        from .ingest import discover

        with click.progressbar(length=len(discover(config.sources)), label="Reading sources",
                               show_pos=True) as bar:
            report = api.ingest(config, progress=lambda path, read: bar.update(1), workers=workers)
    else:
        def show(path: str, read: bool) -> None:
            if read:
                click.echo(f"reading {path}", err=True)
        report = api.ingest(config, progress=show if verbose else None, workers=workers)
    if as_json:
        _emit_json(jsonify.ingest_report(report))
    else:
        for warning in report.all_warnings:
            _warn(warning)
        if report.read == 0 and report.removed == 0 and report.failed == 0:
            _say(f"Nothing changed: {report.unchanged} files unchanged, nothing re-read "
                 f"({report.sources} sources in the index).")
        else:
            _say(f"Read {report.read}, unchanged {report.unchanged}, removed {report.removed}, "
                 f"failed {report.failed}; {report.sources} sources in the index.")
    if strict and report.all_warnings:
        sys.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print {\"sources\": [...]} as JSON.")
@click.pass_context
@_handle_errors
def sources(ctx: click.Context, as_json: bool) -> None:
    """List the sources with their detected metadata and warnings.

    Example:

        briefgen sources --json
    """
    config = _refreshed(ctx)
    items = api.list_sources(config, refresh=False)
    failures = api.list_failures(config)
    if as_json:
        _emit_json({"sources": [jsonify.source_summary(s, n) for s, n in items],
                    "failures": [{"path": path, "reason": reason} for path, reason in failures.items()]})
        return
    if not items:
        click.echo("No sources. Put .txt, .md, .html, .docx or .pdf files in the sources folder.")
    for source, count in items:
        meta = source.meta
        years = f"reviews {meta.year_reviewed or '?'}, tasks {meta.year_tasks or '?'}"
        published = f"{meta.published} ({meta.published_certainty})" if meta.published else "date unknown"
        click.echo(f"{source.id}  {meta.title or '(no title)'}")
        click.echo(f"    {meta.outlet or 'outlet unknown'} · {meta.author or 'author unknown'} · {published} · "
                   f"{years} · {count} passages")
        for warning in source.warnings:
            click.echo(f"    warning: {warning}")
    for path, reason in failures.items():
        click.echo(f"not indexed: {path}: {reason}")


@main.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the source, its passages and dropped lines as JSON.")
@click.pass_context
@_handle_errors
def show(ctx: click.Context, source: str, as_json: bool) -> None:
    """Show one source as briefgen sees it: metadata, passages and every dropped line.

    SOURCE is an id (or a unique start of one) or a path.

    Example:

        briefgen show 004
    """
    item = api.get_source(_refreshed(ctx), source, refresh=False)
    if as_json:
        _emit_json(jsonify.source_detail(item))
        return
    data = jsonify.source_summary(item, len(item.passages))
    for key in ("id", "path", "title", "outlet", "author", "url", "published", "published_certainty",
                "year_reviewed", "year_tasks", "years_mentioned", "encoding"):
        click.echo(f"{key:>20}: {data[key] if data[key] not in (None, []) else '-'}")
    for warning in item.warnings:
        click.echo(f"{'warning':>20}: {warning}")
    click.echo("\nPassages:")
    heading = None
    for p in item.passages:
        if p.heading != heading and p.heading:
            click.echo(f"\n  ## {p.heading}")
        heading = p.heading
        click.echo(textwrap.fill(p.text, width=100, initial_indent=f"  [{p.passage}] ", subsequent_indent="      "))
    click.echo("\nDropped lines:")
    for d in item.dropped:
        click.echo(f"  - {d.reason}: {d.line}")


@main.command()
@click.argument("query")
@click.option("--year", type=int, default=None, help="Only passages about this year.")
@click.option("--theme", default=None, help="Only passages about this theme (id, label or unique part of a label).")
@click.option("--topic", default=None, help="Only passages about this free-text topic.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Number of hits.")
@click.option("--json", "as_json", is_flag=True, help="Print {\"query\": ..., \"hits\": [...]} as JSON.")
@click.pass_context
@_handle_errors
def search(ctx: click.Context, query: str, year: int | None, theme: str | None, topic: str | None, limit: int,
           as_json: bool) -> None:
    """Search passages; diacritics are optional ("bao ho cong dan" finds "bảo hộ công dân").

    Whole phrases rank above scattered words.

    Example:

        briefgen search "doi ngoai da phuong" --year 2018 --theme multilateral
    """
    hits = api.search(_refreshed(ctx), query, year=year, limit=limit, refresh=False, theme=theme, topic=topic)
    if as_json:
        _emit_json({"query": query, "year": year, "theme": theme, "topic": topic,
                    "hits": [jsonify.hit(h) for h in hits]})
        return
    if not hits:
        click.echo("No passage matches.")
    for rank, h in enumerate(hits, 1):
        click.echo(f"{rank:>3}. {h.source_id} ¶{h.passage} ({h.match}, {h.score:.2f})"
                   + (f" — {h.heading}" if h.heading else ""))
        click.echo(textwrap.fill(h.text, width=100, initial_indent="     ", subsequent_indent="     ",
                                 max_lines=3, placeholder=" …"))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print {\"themes\": [...]} as JSON.")
@click.pass_context
@_handle_errors
def themes(ctx: click.Context, as_json: bool) -> None:
    """List the themes (ids, labels, descriptions) and how many passages each has per year.

    The defaults ship with briefgen; a project's themes.toml replaces or adds themes.

    Example:

        briefgen themes
    """
    config = _refreshed(ctx)
    taxonomy = api.taxonomy(config)
    counts = api.theme_counts(config, refresh=False)
    data = [jsonify.theme(t, counts) for t in taxonomy.themes]
    if as_json:
        _emit_json({"themes": data})
        return
    for item in data:
        per_year = ", ".join(f"{y}: {n}" for y, n in item["passages_by_year"].items()) or "no passages"
        click.echo(f"{item['id']:<34} {item['label_vi']} / {item['label_en']}")
        click.echo(f"{'':<34} {item['passages']} passages ({per_year})")


@main.command()
@click.option("--year", type=int, default=None, help="Only figures of this year.")
@click.option("--theme", default=None, help="Only figures of passages about this theme.")
@click.option("--json", "as_json", is_flag=True, help="Print {\"figures\": [...]} as JSON.")
@click.pass_context
@_handle_errors
def figures(ctx: click.Context, year: int | None, theme: str | None, as_json: bool) -> None:
    """List the figures found in the sources: quantities with their counted noun.

    Example:

        briefgen figures --year 2018 --theme citizen_protection
    """
    found = api.figures(_refreshed(ctx), year=year, theme=theme, refresh=False)
    if as_json:
        _emit_json({"figures": [jsonify.figure(f, p) for f, p in found]})
        return
    if not found:
        click.echo("No figures found.")
    for f, p in found:
        data = jsonify.figure(f, p)
        click.echo(f"{data['year'] or '----'}  {f.text:<40} {data['value']:>14} {f.kind:<8} {p.source_id} ¶{p.passage}")


@main.command()
@click.option("--year", type=int, default=None, help="A review pack of this year.")
@click.option("--theme", default=None, help="A pack on this theme (id, label or unique part of a label).")
@click.option("--topic", default=None, help="A pack on this free-text topic.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["pdf", "docx", "md"]),
              envvar="BRIEFGEN_BUILD_FORMAT", help="Output format, repeatable (default: pdf and docx).")
@click.option("--output", type=click.Path(file_okay=False), default=None, help="Output folder (default: ./output).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of the headings (passages stay as written).")
@click.option("--name", default=None, help="Base name of the output files.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A Jinja2 template of your own (copy briefgen's year.md.j2 or theme.md.j2).")
@click.option("--reference-docx", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Take the Word styles, page setup, header and footer from this .docx.")
@click.pass_context
@_handle_errors
def build(ctx: click.Context, year: int | None, theme: str | None, topic: str | None, formats: tuple[str, ...],
          output: str | None, lang: str, name: str | None, template: Path | None,
          reference_docx: Path | None) -> None:
    """Build one briefing pack: a year's review, a theme, or a free-text topic.

    Writes NAME.pdf / NAME.docx / NAME.md and NAME.json (what the pack cites and was made
    from) into ./output, each file whole or not at all.

    Example:

        briefgen build --year 2018 --format pdf --format docx
    """
    if sum(x is not None for x in (year, theme, topic)) != 1:
        raise click.UsageError("give exactly one of --year, --theme or --topic")
    from .jobs import PackSpec, run

    label = f"year {year}" if year is not None else f"theme '{theme}'" if theme is not None else f"topic '{topic}'"
    spec = PackSpec(label=label, year=year, theme=theme, topic=topic, formats=tuple(formats or ("pdf", "docx")),
                    lang=lang, template=template, reference_docx=reference_docx, name=name,
                    output=Path(output).resolve() if output else None)
    report = run(_config(ctx), [spec], force=True)
    _report(report, ctx)


def _report(report: Any, ctx: click.Context) -> None:
    """Print what a run of packs did; exit 1 naming every pack that failed."""
    for warning in report.warnings:
        _warn(warning)
    for result in report.results:
        if result.note:
            _warn(f"{result.spec.label}: {result.note}")
        if result.status == "built":
            for path in result.files:
                _say(f"wrote {path}")
        elif result.status == "unchanged":
            _say(f"unchanged: {result.spec.label} ({', '.join(p.name for p in result.files)}); inputs as before")
    failed = report.failed
    for result in failed:
        click.echo(f"briefgen: error: {result.reason}", err=True)
    if len(report.results) > 1:
        counts = {s: sum(1 for r in report.results if r.status == s) for s in ("built", "unchanged", "failed")}
        _say(f"{counts['built']} built, {counts['unchanged']} unchanged, {counts['failed']} failed")
    if failed:
        sys.exit(failed[0].exit_code if len(report.results) == 1 else 1)


def _run_with_bar(config: Config, specs: list[Any], force: bool) -> Any:
    from .jobs import run

    if _interactive() and len(specs) > 1:
        bar: Any
        with click.progressbar(length=len(specs), label="Building packs", show_pos=True,
                               item_show_func=lambda s: s.label if s else "") as bar:
            def step(spec: Any) -> None:
                bar.current_item = spec
                bar.update(1)
            return run(config, specs, force=force, progress=step)
    return run(config, specs, force=force)


@main.command()
@click.option("--years", default=None, metavar="A-B|all",
              help="Years to build: a range (2018-2024), a list (2018,2020) or all (default: every year "
                   "the sources report on).")
@click.option("--format", "formats", multiple=True, type=click.Choice(["pdf", "docx", "md"]),
              envvar="BRIEFGEN_YEARLY_FORMAT", help="Output format, repeatable (default: pdf and docx).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of the labels.")
@click.option("--output", type=click.Path(file_okay=False), default=None, help="Output folder (default: ./output).")
@click.option("--force", is_flag=True, help="Rebuild every pack, even those whose inputs did not change.")
@click.pass_context
@_handle_errors
def yearly(ctx: click.Context, years: str | None, formats: tuple[str, ...], lang: str, output: str | None,
           force: bool) -> None:
    """Build the review pack of every year, rebuilding only what changed.

    Ingests first; a pack whose cited passages, template, options and briefgen version are
    as before is not rebuilt. output/manifest.json records every pack. Exits 1 when any pack
    failed (the others are still built).

    Example:

        briefgen yearly --years 2018-2024 --format pdf --format docx
    """
    from .jobs import PackSpec, parse_years, project_lock

    config = _config(ctx)
    with project_lock(config):
        api.ingest(config)
        chosen = parse_years(years, config)
    if not chosen:
        _warn("the sources report no results or tasks for any year; nothing to build")
        return
    folder = Path(output).resolve() if output else None
    specs = [PackSpec(label=f"year {y}", year=y, formats=tuple(formats or ("pdf", "docx")), lang=lang, output=folder)
             for y in chosen]
    _report(_run_with_bar(config, specs, force), ctx)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Rebuild every pack, even those whose inputs did not change.")
@click.pass_context
@_handle_errors
def batch(ctx: click.Context, file: Path, force: bool) -> None:
    """Build the packs listed in a batch file (packs.toml), rebuilding only what changed.

    One [[pack]] table per pack with exactly one of year, theme or topic, and optional
    formats, lang, template, name; top-level output and formats set defaults. A bad entry
    fails alone (named in the message); the exit status is 1 when any pack failed.

    Example:

        briefgen batch packs.toml
    """
    from .jobs import read_batch

    config = _config(ctx)
    _report(_run_with_bar(config, read_batch(file.resolve(), config), force), ctx)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.pass_context
@_handle_errors
def init(ctx: click.Context, folder: Path) -> None:
    """Make a new project folder: briefgen.toml, sources/, templates and themes to edit.

    Example:

        briefgen init my-briefings && cd my-briefings
    """
    from .project import init_project

    for path in init_project(folder.resolve()):
        _say(f"created {path}")
    _say(f"Next: put your articles in {folder / 'sources'}, then run 'briefgen -C {folder} yearly'.")


if __name__ == "__main__":  # pragma: no cover
    main()
