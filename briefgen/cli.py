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

F = TypeVar("F", bound=Callable[..., Any])


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


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
            click.echo(f"briefgen: error: {exc}", err=True)
            sys.exit(exc.exit_code)
    return wrapper  # type: ignore[return-value]


def _refreshed(ctx: click.Context) -> Config:
    """Return the configuration after bringing the index up to date (new problems on stderr)."""
    config = _config(ctx)
    for warning in api.ingest(config).warnings:
        _warn(warning)
    return config


def _config(ctx: click.Context) -> Config:
    obj = ctx.find_root().obj
    if "config" not in obj:
        obj["config"] = load_config(obj.get("project"))
    config: Config = obj["config"]
    return config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "--project", type=click.Path(file_okay=False), default=None,
              help="Project folder (default: the current folder).")
@click.option("-v", "--verbose", is_flag=True, help="Show progress and full tracebacks.")
@click.version_option(__version__, prog_name="briefgen")
@click.pass_context
def main(ctx: click.Context, project: str | None, verbose: bool) -> None:
    """Turn a folder of Vietnamese foreign-affairs articles into cited briefing packs.

    Sources live in ./sources (or where briefgen.toml points); the passage index is kept in
    ./.briefgen. Every listing command accepts --json and then prints one JSON document.
    """
    ctx.obj = {"project": project, "verbose": verbose}
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


@main.command()
@click.option("--strict", is_flag=True, help="Exit with status 1 when any source has a warning.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts and warnings as JSON.")
@click.pass_context
@_handle_errors
def ingest(ctx: click.Context, strict: bool, as_json: bool) -> None:
    """Read the sources folder into the passage index (only what changed).

    Example:

        briefgen ingest
    """
    verbose = ctx.find_root().obj.get("verbose")
    report = api.ingest(_config(ctx), progress=(lambda p: click.echo(f"reading {p}", err=True)) if verbose else None)
    if as_json:
        _emit_json(jsonify.ingest_report(report))
    else:
        for warning in report.all_warnings:
            _warn(warning)
        if report.read == 0 and report.removed == 0 and report.failed == 0:
            click.echo(f"Nothing changed: {report.unchanged} files unchanged, nothing re-read "
                       f"({report.sources} sources in the index).")
        else:
            click.echo(f"Read {report.read}, unchanged {report.unchanged}, removed {report.removed}, "
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
              help="Output format, repeatable (default: pdf and docx).")
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
    config = _refreshed(ctx)
    pack = api.build_pack(config, year=year, theme=theme, topic=topic, refresh=False)
    if pack.empty:
        _warn(pack.note or "nothing relevant found")
    folder = Path(output).resolve() if output else None
    for path in api.write_pack(config, pack, list(formats or ("pdf", "docx")), folder, lang, name, template,
                               reference_docx):
        click.echo(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
