"""Metadata of one source: years reviewed and tasked, publication date, outlet, author, URL.

Detection works on the cleaned body only (boilerplate never dates an article). The years come
from :mod:`.years`; a year that cannot be told from the text is left for
:mod:`briefgen.annotate.resolve`, which looks at the rest of the corpus; a date that cannot be
stated is inferred (and marked so) or left unknown.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from ..model import Certainty, Evidence, Metadata
from ..text import (
    DAY_MONTH,
    YEAR,
    DateParts,
    date_parts,
    fold,
    format_date,
    iso_date_at_start,
    iso_year_month,
    valid_date,
)
from .bylines import PageDate, lead_tag, tag_name
from .clean import Cleaned
from .cues import cue_pattern
from .years import YearDecision, YearMention, calendar_mentions, carried_out_year, decide_years, year_mentions

# ---------------------------------------------------------------------------------------
# Dates, outlets


_LEAD_DATE = re.compile(
    r"^(?:(?:vao\s+)?(?:sang|chieu|toi|trua|dem|hom)\s*(?:nay|qua)?\s*(?:ngay\s*)?|ngay\s+)"
    rf"\(?{DAY_MONTH}(?:\s*[/\-.]\s*(?P<year>{YEAR}))?(?!\d)\)?\s*[,:]"
)
_TODAY_DATE = re.compile(rf"\b(?:sang|chieu|toi|trua|hom)\s+nay\s*\(\s*(?:ngay\s*)?{DAY_MONTH}\s*\)")
_URL_DATE = (
    re.compile(rf"/(?P<year>{YEAR})/(?P<month>0[1-9]|1[0-2])(?:/(?P<day>0[1-9]|[12]\d|3[01]))?/"),
    re.compile(rf"/(?P<year>{YEAR})(?P<month>0[1-9]|1[0-2])/"),
    re.compile(rf"[-/](?P<year>{YEAR})(?P<month>0[1-9]|1[0-2])(?P<day>[0-2]\d|3[01])\d{{6,}}\b"),
)


@cache
def known_hosts() -> dict[str, str]:
    """Return the packaged table of outlet names by web host."""
    raw = tomllib.loads(resources.files("briefgen.data").joinpath("outlets.toml").read_text("utf-8"))
    return dict(raw["hosts"])


def outlet_for_url(url: str | None) -> str | None:
    """Return the known outlet name of *url*'s host, or None."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    hosts = known_hosts()
    while host:
        if host in hosts:
            return hosts[host]
        host = host.partition(".")[2] if host.count(".") > 1 else ""
    return None


def lead_outlet(paragraph: str) -> str | None:
    """Return the outlet named at the head of a lead ("TTXVN - Ngày 25/1, …"), or None."""
    tag = lead_tag(paragraph, "")
    return tag_name(tag) if tag else None


def lead_date(paragraphs: list[str]) -> DateParts | None:
    """Return the date (the year may be missing) of the dateline opening the first paragraphs."""
    for paragraph in paragraphs[:3]:
        tag = lead_tag(paragraph, "")
        rest = paragraph[len(tag):].lstrip() if tag else paragraph
        folded = fold(rest)
        found = _LEAD_DATE.match(folded) or _TODAY_DATE.search(folded[:300])
        if found and valid_date(*(parts := date_parts(found))):
            return parts
    return None


def url_date(url: str | None) -> DateParts | None:
    """Return the date (the day may be missing) written in a URL path (/2019/11/15/, /201711/), or None."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in _URL_DATE:
        match = pattern.search(path)
        if match:
            return date_parts(match)
    return None


# ---------------------------------------------------------------------------------------
# One document




# A document that sets tasks, one that reviews a period (data/cues.toml [document], folded).
_TASK_LANGUAGE = re.compile(rf"\b{cue_pattern('document', 'tasks')}\b")
_REVIEW_LANGUAGE = re.compile(rf"\b{cue_pattern('document', 'review')}\b")


def detect(cleaned: Cleaned, format_meta: dict[str, str] | None = None) -> Evidence:
    """Return the metadata one document gives about itself."""
    format_meta = format_meta or {}
    texts = [text for kind, text in cleaned.items if kind == "text"]
    published, certainty, lead_day_month = _published(cleaned, format_meta, texts)
    page_year, page_month = iso_year_month(published) if published and certainty == "stated" else (None, None)
    years = decide_years(_year_mentions(cleaned), page_year, page_month)
    if years.reviewed is None and lead_day_month is not None:
        years = _carried_out(texts, lead_day_month, years)
    outlet, outlets = _outlet(cleaned, format_meta, texts)
    meta = Metadata(
        title=cleaned.title or format_meta.get("title"),
        outlet=outlet,
        author=cleaned.author or format_meta.get("author"),
        url=cleaned.url or format_meta.get("url"),
        published=published,
        published_certainty=certainty if published else "unknown",
        year_reviewed=years.reviewed,
        year_reviewed_certainty=years.reviewed_certainty,
        year_tasks=years.tasks,
        year_tasks_certainty=years.tasks_certainty,
        years_mentioned=years.mentioned,
        year_reviewed_from=years.reviewed_from,
    )
    folded = [fold(text) for text in [cleaned.title or "", *texts]]
    has_tasks = any(_TASK_LANGUAGE.search(text) for text in folded)
    is_review = any(_REVIEW_LANGUAGE.search(text) for text in folded)
    return Evidence(meta=meta, lead_day_month=lead_day_month, has_task_language=has_tasks, is_review=is_review,
                    outlets=outlets)


def _carried_out(texts: list[str], day_month: tuple[int, int], years: YearDecision) -> YearDecision:
    """Return the year of a lead's dateline without a year ("Chiều 14/9, … triển khai Nghị quyết số
    12 ngày 3/6/2021") whose event carries out documents the lead dates, when the text
    otherwise tells no year (inferred: the event follows the document, in the first year it can)."""
    day, month = day_month
    for paragraph in texts[:3]:
        year = carried_out_year(paragraph, day, month)
        if year is not None:
            return replace(years, reviewed=year, reviewed_certainty="inferred",
                           reviewed_from=f"the lead: its dateline {day}/{month} follows the document it carries out")
    return years


def _year_mentions(cleaned: Cleaned) -> list[YearMention]:
    """Return the years the title, headings and paragraphs write, and those their calendars give."""
    mentions: list[YearMention] = []
    if cleaned.title:
        mentions += year_mentions(cleaned.title, "title")
    for kind, text in cleaned.items:
        mentions += year_mentions(text, "heading" if kind == "heading" else "text")
        mentions += calendar_mentions(text, "heading" if kind == "heading" else "text")
    return mentions


def _published(cleaned: Cleaned, format_meta: dict[str, str], texts: list[str]
               ) -> tuple[str | None, Certainty, tuple[int, int] | None]:
    """Return the publication date (ISO, maybe partial), how sure, and the day and month of a
    dateline without a year when nothing else dates the page.

    A date the page states (a dateline, a stamp, its own metadata) is stated; one from the lead's
    dateline or the URL is inferred."""
    page: PageDate | None = cleaned.page_date
    declared = iso_date_at_start(format_meta.get("date", ""))
    if page is None and declared is not None and declared.day is not None:
        page = PageDate(*declared, "page")  # a date the page's own metadata declares (HTML meta, front matter)
    lead = lead_date(texts)
    if page is not None and page.year is not None:
        return format_date(page.year, page.month, page.day), "stated", None
    if lead is not None and lead.year is not None:
        return format_date(lead.year, lead.month, lead.day), "inferred", None
    if (from_url := url_date(cleaned.url)) is not None and from_url.year is not None:
        return format_date(from_url.year, from_url.month, from_url.day), "inferred", None
    if lead is not None and lead.day is not None and lead.month is not None:
        return None, "unknown", (lead.day, lead.month)
    return None, "unknown", None


def _outlet(cleaned: Cleaned, format_meta: dict[str, str], texts: list[str]) -> tuple[str | None, dict[str, str]]:
    """Return the outlet and every outlet found, by how it was found: a byline first, then a
    masthead, the lead's dateline, the URL's host, a source line, a credit, the page's metadata."""
    outlets = dict(cleaned.outlets)
    for paragraph in texts[:3]:
        if prefix := lead_outlet(paragraph):
            outlets.setdefault("dateline", prefix)
            break
    if cleaned.url and (known := outlet_for_url(cleaned.url)):
        outlets["url"] = known
    if format_meta.get("sitename"):
        outlets.setdefault("page", format_meta["sitename"])
    for how in ("byline", "masthead", "dateline", "url", "source line", "credit", "page"):
        if outlets.get(how):
            return outlets[how], outlets
    return None, outlets
