"""Themes: the taxonomy (shipped defaults plus a project's own file), phrase matching, and
finding a theme from what a user typed (an id, a label, with or without tones, or a unique
part of a label).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

from ..errors import ConfigError, NotFoundError
from ..model import Passage, Taxonomy, Theme
from ..text import fold, tokens

STRONG = 1.0
WEAK = 0.4
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

# -- tones -------------------------------------------------------------------------------
# Vietnamese tones are lexical: "Biển Đông" (the East Sea) and "biến động" (upheaval), or
# "thuốc" (medicine) and "thuộc" (belonging to), fold to the same letters. A phrase matches a
# syllable of a text written with diacritics only when the tone marks agree; a syllable
# written without any diacritic (a page that lost them, an ASCII image-alt line) matches by
# its letters alone. Vowel marks are not compared, nor where a page puts the tone mark
# ("hoà" = "hòa").
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_RAW_TOKEN = re.compile(r"\w+", re.UNICODE)
Tones = tuple[str, ...]


def tone(syllable: str) -> str:
    """Return the tone mark of *syllable* ("" for the level tone)."""
    return "".join(c for c in unicodedata.normalize("NFD", syllable) if c in _TONE_MARKS)


def _spelled(phrase: str) -> tuple[tuple[str, ...], Tones]:
    """Return a phrase's folded syllables and the tone of each as written."""
    return tuple(tokens(phrase)), tuple(tone(s) for s in _RAW_TOKEN.findall(unicodedata.normalize("NFC", phrase)))


# Each parsed theme's tones, phrase by phrase (folded phrase -> tones as the taxonomy writes
# them). A theme made elsewhere (a --topic) has none and matches by letters alone.
_TONES: dict[Theme, dict[tuple[str, ...], Tones]] = {}


def _phrase_tokens(phrases: object, where: str, key: str,
                   tones: dict[tuple[str, ...], Tones] | None = None) -> tuple[tuple[str, ...], ...]:
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        raise ConfigError(f"{where}: '{key}' must be a list of phrases")
    result = []
    for phrase in phrases:
        syllables, written = _spelled(phrase)
        if syllables and syllables not in result:
            result.append(syllables)
            if tones is not None and len(written) == len(syllables):
                tones.setdefault(syllables, written)
    return tuple(result)


def parse_themes(text: str, where: str) -> list[Theme]:
    """Return the themes of one taxonomy file's text; a problem raises ConfigError naming *where*."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML ({exc})") from exc
    except RecursionError as exc:  # tomllib recurses once per level of nesting
        raise ConfigError(f"{where}: not valid TOML (arrays or tables nested too deep)") from exc
    tables = data.get("theme", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{where}: themes are written as [[theme]] tables")
    themes = []
    for n, table in enumerate(tables, 1):
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: theme {n} is not a table; write each theme as a [[theme]] table")
        theme_id = table.get("id")
        if not isinstance(theme_id, str) or not _ID.match(theme_id):
            raise ConfigError(f"{where}: theme {n} needs an 'id' of lower-case letters, digits and '_'")
        for key in ("label_vi", "label_en", "description", "description_vi"):
            if key in table and not isinstance(table[key], str):
                raise ConfigError(f"{where}: theme '{theme_id}': '{key}' must be text")
        label_vi = table.get("label_vi") or table.get("label_en") or theme_id
        tones: dict[tuple[str, ...], Tones] = {}
        phrases = _phrase_tokens(table.get("phrases", []), f"{where}: theme '{theme_id}'", "phrases", tones)
        if not phrases:
            raise ConfigError(f"{where}: theme '{theme_id}' has no 'phrases'")
        theme = Theme(id=theme_id, label_vi=label_vi, label_en=str(table.get("label_en") or label_vi),
                      description=str(table.get("description", "")),
                      description_vi=str(table.get("description_vi", table.get("description", ""))),
                      phrases=phrases,
                      weak=_phrase_tokens(table.get("weak", []), f"{where}: theme '{theme_id}'", "weak", tones))
        _TONES[theme] = tones
        themes.append(theme)
    return themes


@cache
def _default_text() -> str:
    return resources.files("briefgen").joinpath("data/themes.toml").read_text(encoding="utf-8")


def load_taxonomy(project_file: Path | None = None) -> Taxonomy:
    """Return the default themes, replaced or extended by *project_file* when it exists."""
    default = _default_text()
    themes = parse_themes(default, "briefgen/data/themes.toml")
    digest = hashlib.sha256(default.encode())
    if project_file is not None and project_file.is_file():
        try:
            text = project_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{project_file}: cannot be read ({exc})") from exc
        digest.update(text.encode())
        by_id = {t.id: t for t in themes}
        for theme in parse_themes(text, str(project_file)):
            if theme.id not in by_id:
                themes.append(theme)
            by_id[theme.id] = theme
        themes = [by_id[t.id] for t in themes]
    return Taxonomy(themes=tuple(themes), digest=digest.hexdigest()[:16])


# -- matching ----------------------------------------------------------------------------

def score(text: str, theme: Theme) -> float:
    """Return how strongly *text* speaks of *theme*: each distinct strong phrase found counts
    1 (a repeat counts half again, twice at most), each weak phrase 0.4."""
    return scores(text, _alone(theme)).get(theme.id, 0.0)


@lru_cache(maxsize=32)
def _alone(theme: Theme) -> Taxonomy:
    """Return a taxonomy of one theme (kept, so that its phrase index is built once)."""
    return Taxonomy(themes=(theme,), digest=theme.id)


# (theme id, phrase, weight, tones as written or None)
_Entry = tuple[str, tuple[str, ...], float, Tones | None]
# Entries by single syllable, entries by first two syllables, and each theme id's position.
_PhraseIndex = tuple[dict[str, list[_Entry]], dict[tuple[str, str], list[_Entry]], dict[str, int]]


def _phrase_index(taxonomy: Taxonomy) -> _PhraseIndex:
    """Return every phrase of the taxonomy, (theme id, phrase, weight, tones), by its syllable
    when it has one and by its first two syllables otherwise: most syllables begin some
    phrase, far fewer pairs do."""
    single: dict[str, list[_Entry]] = {}
    double: dict[tuple[str, str], list[_Entry]] = {}
    for theme in taxonomy.themes:
        tones = _TONES.get(theme, {})
        for phrases, weight in ((theme.phrases, STRONG), (theme.weak, WEAK)):
            for phrase in phrases:
                entry = (theme.id, phrase, weight, tones.get(phrase))
                if len(phrase) == 1:
                    single.setdefault(phrase[0], []).append(entry)
                elif phrase:
                    double.setdefault((phrase[0], phrase[1]), []).append(entry)
    return single, double, {theme_id: n for n, theme_id in enumerate(taxonomy.ids)}


class _Written:
    """A text's syllables as written, beside its folded ones, to compare tones at a match
    (read only when a phrase with tones is found)."""

    def __init__(self, text: str, hay: list[str]) -> None:
        self.text, self.hay = text, hay
        self._raw: list[str] | None = None
        self._aligned = True

    def agrees(self, start: int, tones: Tones | None) -> bool:
        """Return whether the syllables from *start* carry *tones* (or no diacritic at all)."""
        if tones is None or not self._aligned:
            return True
        if self._raw is None:
            self._raw = _RAW_TOKEN.findall(unicodedata.normalize("NFC", self.text))
            self._aligned = len(self._raw) == len(self.hay)  # unaligned (rare symbols): letters alone
            if not self._aligned:
                return True
        for n, wanted in enumerate(tones):
            if _tone_differs(self._raw[start + n], self.hay[start + n], wanted):
                return False
        return True


@lru_cache(maxsize=65536)
def _tone_differs(syllable: str, folded: str, wanted: str) -> bool:
    """Return whether *syllable*, written with some diacritic, carries another tone than *wanted*."""
    return syllable.lower() != folded and tone(syllable) != wanted


def _found(text: str, taxonomy: Taxonomy) -> dict[_Entry, int]:
    """Return how often each phrase of the taxonomy is found in *text*, in one pass over its syllables."""
    hay = tokens(text)
    written = _Written(text, hay)
    if taxonomy.index is None:  # built once per taxonomy: hashing one to look it up costs more than scoring
        object.__setattr__(taxonomy, "index", _phrase_index(taxonomy))
    single, double, _ = taxonomy.index
    counts: dict[_Entry, int] = {}
    for i, syllable in enumerate(hay):
        for entry in single.get(syllable, ()):
            if entry[3] is None or written.agrees(i, entry[3]):
                counts[entry] = counts.get(entry, 0) + 1
    for i, pair in enumerate(pairwise(hay)):
        for entry in double.get(pair, ()):
            phrase = entry[1]
            if (len(phrase) == 2 or tuple(hay[i : i + len(phrase)]) == phrase) and (
                    entry[3] is None or written.agrees(i, entry[3])):
                counts[entry] = counts.get(entry, 0) + 1
    return counts


def scores(text: str, taxonomy: Taxonomy) -> dict[str, float]:
    """Return the score of every theme that *text* speaks of (positive scores only); the same
    scoring as :func:`score`, in one pass over the text's syllables."""
    totals: dict[str, float] = {}
    for (theme_id, _, weight, _), found in _found(text, taxonomy).items():
        totals[theme_id] = totals.get(theme_id, 0.0) + weight * _gain(found)
    order = taxonomy.index[2]
    return {t: round(v, 3) for t, v in sorted(totals.items(), key=lambda kv: order.get(kv[0], 0)) if v > 0}


def strong_themes(text: str, taxonomy: Taxonomy) -> set[str]:
    """Return the themes of which *text* says at least one strong phrase."""
    return {entry[0] for entry in _found(text, taxonomy) if entry[2] >= STRONG}


# A source is about a theme when its passages (and title) score at least this much in all,
# at least this share of its strongest theme, and one of them says a strong phrase of it:
# weak phrases only support a strong one ("hội nhập", "Bộ Chính trị" alone are no theme).
SOURCE_THEME_MIN = 2.0
SOURCE_THEME_SHARE = 0.3
_PASSAGE_CAP = 3.0  # one passage repeating a phrase does not make a whole source about it
_TITLE_WEIGHT = 2.0
# A weak phrase that a source keeps saying, at least this often in all, in at least two of
# its texts (title and passages) and in at least half of them, is what the source is about:
# a piece that says "hội nhập" in most of its paragraphs is about integration, though one
# mention is a formula. It then counts as strong in that source.
_REPEAT_MIN = 4


def _gain(found: int) -> float:
    """Return the score one phrase found *found* times adds at weight 1 (see :func:`scores`)."""
    return 1 + 0.5 * min(found - 1, 2)


def _repeated(texts: list[str], taxonomy: Taxonomy) -> tuple[list[dict[_Entry, int]], set[_Entry]]:
    """Return each text's weak phrases found (with counts) and those the texts keep saying."""
    per_text = [{e: n for e, n in _found(text, taxonomy).items() if e[2] < STRONG} for text in texts]
    total: dict[_Entry, int] = {}
    where: dict[_Entry, int] = {}
    for found in per_text:
        for entry, n in found.items():
            total[entry] = total.get(entry, 0) + n
            where[entry] = where.get(entry, 0) + 1
    kept = {e for e, n in total.items() if n >= _REPEAT_MIN and where[e] >= max(2, len(texts) / 2)}
    return per_text, kept


def source_themes(passages: tuple[Passage, ...], title: str | None, taxonomy: Taxonomy
                  ) -> tuple[tuple[str, float], ...]:
    """Return the themes a whole source is about, strongest first, with their scores."""
    texts = ([title] if title else []) + [p.text for p in passages]
    per_text, repeated = _repeated(texts, taxonomy)
    promoted = per_text[1:] if title else per_text

    def lift(found: dict[_Entry, int]) -> dict[str, float]:
        """Return what a text's repeated weak phrases add when they count as strong."""
        extra: dict[str, float] = {}
        for entry, n in found.items():
            if entry in repeated:
                extra[entry[0]] = extra.get(entry[0], 0.0) + (STRONG - entry[2]) * _gain(n)
        return extra

    totals: dict[str, float] = {}
    for passage, found in zip(passages, promoted, strict=True):
        extra = lift(found)
        for theme_id, value in passage.themes:
            totals[theme_id] = totals.get(theme_id, 0.0) + min(value + extra.pop(theme_id, 0.0), _PASSAGE_CAP)
        for theme_id, value in extra.items():
            totals[theme_id] = totals.get(theme_id, 0.0) + min(value, _PASSAGE_CAP)
    if title:
        extra = lift(per_text[0])
        title_scores = scores(title, taxonomy)
        for theme_id in set(title_scores) | set(extra):
            value = title_scores.get(theme_id, 0.0) + extra.get(theme_id, 0.0)
            totals[theme_id] = totals.get(theme_id, 0.0) + _TITLE_WEIGHT * min(value, _PASSAGE_CAP)
    if not totals:
        return ()
    top = max(totals.values())
    candidates = {t for t, v in totals.items() if v >= SOURCE_THEME_MIN and v >= SOURCE_THEME_SHARE * top}
    said = {entry[0] for entry in repeated} & candidates
    for text in (title, *(p.text for p in passages), *(p.heading for p in passages)):
        if candidates - said and text:
            said |= strong_themes(text, taxonomy) & candidates
    chosen = [(t, round(v, 2)) for t, v in totals.items() if t in said]
    return tuple(sorted(chosen, key=lambda kv: (-kv[1], kv[0])))


# Words a free-text topic does not search by ("về", "và", "của", …).
_TOPIC_STOP = frozenset([
    "ve", "va", "cua", "cac", "nhung", "trong", "cho", "voi", "tai", "la", "o", "de", "mot", "nam"
])


def topic_theme(text: str) -> Theme:
    """Return an ad-hoc theme made from a free-text topic: the whole text and each of its
    two-syllable runs are strong phrases, single content syllables are weak ones."""
    syllables = tokens(text)
    if not syllables:
        raise NotFoundError("the topic is empty: give some words to look for")
    phrases: list[tuple[str, ...]] = [tuple(syllables)]
    content = [s for s in syllables if s not in _TOPIC_STOP]
    for i in range(len(syllables) - 1):
        pair = (syllables[i], syllables[i + 1])
        if pair not in phrases and not set(pair) <= _TOPIC_STOP:
            phrases.append(pair)
    # Single syllables are too common in Vietnamese to signal a topic alone ("dân", "bảo"); a
    # one-word topic is matched by that word.
    weak: tuple[tuple[str, ...], ...] = ()
    if not content:
        raise NotFoundError(f"the topic '{text}' has no words to look for")
    slug = re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")[:40] or "topic"
    return Theme(id=f"topic_{slug}", label_vi=text.strip(), label_en=text.strip(), description=f"Topic: {text.strip()}",
                 description_vi=f"Chủ đề: {text.strip()}", phrases=tuple(phrases), weak=weak, adhoc=True)


# -- finding a theme from what a user typed ---------------------------------------------

def exact_theme(query: str, taxonomy: Taxonomy) -> Theme | None:
    """Return the theme whose id or label (either language, tones and case ignored) is *query*."""
    wanted = " ".join(tokens(query))
    if not wanted:
        return None
    exact = [t for t in taxonomy.themes
             if query.strip() == t.id or wanted in (" ".join(tokens(t.label_vi)), " ".join(tokens(t.label_en)),
                                                    " ".join(tokens(t.id.replace("_", " "))))]
    return exact[0] if len(exact) == 1 else None


def find_theme(query: str, taxonomy: Taxonomy) -> Theme:
    """Return the theme *query* names: an id, a label in either language (tones optional),
    or a unique part of a label. Several matches raise NotFoundError listing them."""
    wanted = " ".join(tokens(query))
    if not wanted:
        raise NotFoundError("no theme given (see 'briefgen themes')")
    exact = [t for t in taxonomy.themes
             if query.strip() == t.id or wanted in (" ".join(tokens(t.label_vi)), " ".join(tokens(t.label_en)),
                                                    " ".join(tokens(t.id.replace("_", " "))))]
    if len(exact) == 1:
        return exact[0]
    pattern = re.compile(r"(?:^| )" + re.escape(wanted) + r"(?: |$)")
    partial = [t for t in taxonomy.themes
               if any(pattern.search(" ".join(tokens(label))) for label in (t.label_vi, t.label_en,
                                                                             t.id.replace("_", " ")))]
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = ", ".join(f"{t.id} ({t.label_vi})" for t in partial)
        raise NotFoundError(f"'{query}' matches several themes: {names}; give one of these ids")
    raise NotFoundError(f"no theme '{query}' (see 'briefgen themes' for ids and labels)")
