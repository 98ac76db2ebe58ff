"""The passage store: SQLite with an FTS5 index of diacritic-folded text.

One module behind a small interface (add or replace a source, remove one, read them back,
search passages), so that a shared store (PostgreSQL full-text search) can implement the
same methods later.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import shutil
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from .annotate.resolve import DocumentFrequency, pair_terms
from .errors import BriefgenError
from .model import Dropped, Evidence, Figure, Metadata, Passage, PassageSummary, Person, SearchHit, Source, StoredSource
from .text import fold, tokens

SCHEMA_VERSION = "6"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources(
    id TEXT PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    encoding TEXT,
    evidence TEXT NOT NULL,
    meta TEXT NOT NULL,
    body TEXT NOT NULL,
    dropped TEXT NOT NULL,
    warnings TEXT NOT NULL,
    themes TEXT NOT NULL DEFAULT '[]',
    people TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS failures(
    path TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    passage INTEGER NOT NULL,
    heading TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    years TEXT NOT NULL DEFAULT '[]',
    kind TEXT NOT NULL DEFAULT 'context',
    themes TEXT NOT NULL DEFAULT '[]',
    figures TEXT NOT NULL DEFAULT '[]',
    people TEXT NOT NULL DEFAULT '[]',
    cut INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS passages_source ON passages(source_id, passage);
CREATE TABLE IF NOT EXISTS passage_years(
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    PRIMARY KEY(year, passage_id)
);
CREATE TABLE IF NOT EXISTS passage_themes(
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY(theme, passage_id)
);
-- Lookups by passage (updating or removing a source's passages) must not scan these tables.
CREATE INDEX IF NOT EXISTS passage_years_passage ON passage_years(passage_id);
CREATE INDEX IF NOT EXISTS passage_themes_passage ON passage_themes(passage_id);
-- Each source's word pairs (hashes and counts) and their document frequencies over the
-- corpus: what the same-event similarity needs, without reading the texts again.
CREATE TABLE IF NOT EXISTS source_terms(
    source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    terms BLOB NOT NULL,
    counts BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS corpus_df(id INTEGER PRIMARY KEY CHECK (id = 1), df BLOB NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS passage_fts USING fts5(
    text, heading, tokenize = 'unicode61 remove_diacritics 2'
);
"""


_DATA_TABLES = ("passage_fts", "passage_themes", "passage_years", "passages", "source_terms", "corpus_df", "failures",
                "sources")


@dataclass(frozen=True)
class Fingerprint:
    """What the store remembers of a file to tell whether it changed."""

    path: str
    hash: str
    size: int
    mtime_ns: int
    failed: bool






def _people_json(people: tuple[Person, ...]) -> str:
    return json.dumps([asdict(p) for p in people], ensure_ascii=False)


def _meta_to_json(meta: Metadata) -> str:
    return json.dumps(asdict(meta), ensure_ascii=False)


def _meta_from_json(raw: str) -> Metadata:
    data = json.loads(raw)
    data["years_mentioned"] = tuple(data.get("years_mentioned", ()))
    data["flags"] = tuple(data.get("flags", ()))
    return Metadata(**data)


def _evidence_to_json(ev: Evidence) -> str:
    return json.dumps({"meta": asdict(ev.meta), "lead_day_month": ev.lead_day_month,
                       "has_task_language": ev.has_task_language, "is_review": ev.is_review,
                       "outlets": ev.outlets, "overrides": ev.overrides}, ensure_ascii=False)


def _evidence_from_json(raw: str) -> Evidence:
    data = json.loads(raw)
    meta = data["meta"]
    meta["years_mentioned"] = tuple(meta.get("years_mentioned", ()))
    lead = data.get("lead_day_month")
    return Evidence(meta=Metadata(**meta), lead_day_month=(lead[0], lead[1]) if lead else None,
                    has_task_language=data.get("has_task_language", False), is_review=data.get("is_review", False),
                    outlets=data.get("outlets", {}), overrides=_overrides(data.get("overrides", {})))


def _overrides(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if k == "years_mentioned" else v for k, v in raw.items()}


def fts_query(words: list[str], mode: Literal["phrase", "all", "some"]) -> str:
    """Return an FTS5 MATCH expression for folded *words*, each quoted (no FTS syntax leaks).

    The phrase and all-words tiers look at the passage's own text; any-word matching (and
    the BM25 score) also counts its heading.
    """
    quoted = [f'"{w}"' for w in words]
    if mode == "phrase":
        return 'text : "' + " ".join(words) + '"'
    if mode == "all":
        return "text : (" + " AND ".join(quoted) + ")"
    return " OR ".join(quoted)


# FTS5's BM25 constants (fts5_aux.c).
_K1 = 1.2
_B = 0.75


def _varints(data: bytes) -> list[int]:
    """Return the SQLite varints of *data* (FTS5's averages record: rows, then tokens per column)."""
    values: list[int] = []
    i = 0
    while i < len(data):
        value = 0
        for k in range(9):
            byte = data[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values


class IndexDamaged(BriefgenError):
    """The index turned out damaged while in use; it has been moved aside (``warning`` says
    where), and the next open starts an empty index that ingest rebuilds."""

    def __init__(self, message: str, warning: str) -> None:
        super().__init__(message)
        self.warning = warning


class _Damaged(sqlite3.DatabaseError):
    """SQLite's quick check found the file damaged."""


# SQLite's primary result codes that say the file itself is not a sound database; every
# other error (a full disk, an I/O error, a lock, a folder in the file's place) leaves the
# file as it is.
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 10, 11, 13, 26


def is_damage(exc: BaseException) -> bool:
    """Return True when *exc* says the database file is damaged (malformed, not a database)."""
    if isinstance(exc, _Damaged):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _disk_full(exc: BaseException, folder: Path) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF == _SQLITE_FULL:
        return True
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if isinstance(code, int) and code & 0xFF == _SQLITE_IOERR:  # a full disk fails the shared-memory file first
        with contextlib.suppress(OSError):
            return shutil.disk_usage(folder).free < 1 << 20
    return False


class _Cursor(sqlite3.Cursor):
    """A cursor whose errors while rows are read reach the store (a damaged page is often met
    only then)."""

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            self.connection._damaged(exc)  # type: ignore[attr-defined]
            raise

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as exc:
            self.connection._damaged(exc)  # type: ignore[attr-defined]
            raise

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as exc:
            self.connection._damaged(exc)  # type: ignore[attr-defined]
            raise


class _Connection(sqlite3.Connection):
    """A connection that hands an error saying the file is damaged to the store, wherever it
    happens (a statement, a row, a commit)."""

    on_damage: Callable[[sqlite3.DatabaseError], None] | None = None
    gone = False  # closed by on_damage: the transaction's end must not touch it again

    def _damaged(self, exc: sqlite3.DatabaseError) -> None:
        if self.on_damage is not None and is_damage(exc):
            self.on_damage(exc)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return self.cursor(_Cursor).execute(sql, parameters)
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            raise

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            raise

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        try:
            return super().executescript(script)
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            raise

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            raise

    def __exit__(self, *exc_info: Any) -> Any:
        if self.gone:
            return False
        try:
            return super().__exit__(*exc_info)
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            raise


# A stricter group is cut to this many rows (times the places asked for) by its own BM25
# before its rows are ordered by the any-word score.
_RERANK = 3


class SqliteStore:
    """The embedded store of sources and passages in one SQLite file."""

    def __init__(self, path: Path, verify: bool = False) -> None:
        """Open (or create) the index at *path*. A damaged file is never used: it is moved
        aside and an empty index takes its place (ingest then rebuilds it from the sources),
        with a warning in ``self.warnings``. *verify* runs SQLite's quick check first."""
        self.path = path
        self.warnings: list[str] = []
        self._vocab = False
        self._verified = False
        self._df: DocumentFrequency | None = None
        self._df_changed = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unusable(exc, "its folder cannot be made") from exc
        if path.is_dir():
            raise BriefgenError(f"{path}: a folder stands where the index file goes; move it away "
                                "(briefgen rebuilds the index from the sources)")
        try:
            self._open(verify)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise BriefgenError(f"{path}: the index is busy ({exc}); is another briefgen writing it?") from exc
            self._close_quietly()
            if not is_damage(exc):  # a full disk or an I/O error: the file is fine, leave it be
                raise self._unusable(exc) from exc
            damaged = self._move_aside()
            self.warnings.append(f"{path}: the index was damaged ({exc}); it is rebuilt from the sources "
                                 f"(the damaged file is kept as {damaged})")
            try:
                self._open(False)
            except sqlite3.DatabaseError as again:
                self._close_quietly()
                raise self._unusable(again, "a new index cannot be created") from again
        self.db.on_damage = self._on_damage

    def _unusable(self, exc: BaseException, what: str = "the index cannot be opened") -> BriefgenError:
        """Return the error for an index that cannot be used though it is not damaged."""
        if _disk_full(exc, self.path.parent):
            return BriefgenError(f"{self.path}: the disk is full ({exc}); the index was left as it is: free some "
                                 "space, then run briefgen again")
        return BriefgenError(f"{self.path}: {what} ({exc}); the index was left as it is")

    def _close_quietly(self) -> None:
        db: _Connection | None = self.__dict__.get("db")  # not there when connecting failed
        if db is not None:
            db.gone = True
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _move_aside(self) -> str:
        """Move the damaged index (and its log) to the first free ``index.sqlite.damaged``,
        ``….damaged.2``, … and return that name: an earlier damaged file is never replaced."""
        n = 1
        while True:
            name = self.path.name + ".damaged" + (f".{n}" if n > 1 else "")
            if not any(self.path.with_name(name + c).exists() or self.path.with_name(name + c).is_symlink()
                       for c in ("", "-wal", "-shm")):
                break
            n += 1
        for companion in ("", "-wal", "-shm"):
            source = self.path.with_name(self.path.name + companion)
            if source.exists():
                target = self.path.with_name(name + companion)
                try:
                    os.link(source, target)  # fails rather than replace a file that appeared meanwhile
                    source.unlink()
                except OSError:
                    source.rename(target)
        return name

    def _on_damage(self, exc: sqlite3.DatabaseError) -> None:
        """Move the index aside when SQLite finds it damaged in use; raise IndexDamaged."""
        self._close_quietly()
        self._verified = False
        name = self._move_aside()
        raise IndexDamaged(
            f"{self.path}: the index was found damaged ({exc}); it was moved aside as {name} and is rebuilt from the "
            "sources by the next command",
            f"{self.path}: the index was damaged ({exc}); it is rebuilt from the sources (the damaged file is kept "
            f"as {name})") from exc

    def _open(self, verify: bool) -> None:
        self.db: _Connection = sqlite3.connect(self.path, timeout=30, factory=_Connection)
        # The quick check reads the whole file (0.45 s at 10,000 sources): it is skipped when
        # the file is as briefgen left it after the last check (same size and time).
        if verify and self._stamp() != self._read_stamp():
            result = self.db.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise _Damaged(f"quick check: {result[0] if result else 'no answer'}")
        self._verified = verify
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self._migrate()
        self.db.executescript(_SCHEMA)
        if self.get_info("schema") != SCHEMA_VERSION:
            self.set_info("schema", SCHEMA_VERSION)
        self.db.commit()

    def _migrate(self) -> None:
        """Drop an index written by another schema version; ingest rebuilds it from the sources."""
        tables = {name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "info" not in tables:
            return
        row = self.db.execute("SELECT value FROM info WHERE key = 'schema'").fetchone()
        if row and row[0] == SCHEMA_VERSION:
            return
        for table in (*_DATA_TABLES, "info"):
            self.db.execute(f"DROP TABLE IF EXISTS {table}")
        self.db.commit()

    def reset(self) -> None:
        """Empty the index of sources and failures (inside the caller's transaction): a full
        re-read starts from nothing rather than replacing every row one by one."""
        for table in _DATA_TABLES:
            self.db.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                self.db.execute(statement)
        self._df = None
        self._df_changed = True

    def close(self) -> None:
        """Close the database; a store opened with a check records the file as checked."""
        if self.db.gone:
            return
        self.db.close()
        if self._verified:
            with contextlib.suppress(OSError):
                temporary = self._checked.with_name(self._checked.name + ".tmp")
                temporary.write_text(self._stamp(), encoding="utf-8")
                temporary.replace(self._checked)

    def _stamp(self) -> str:
        """Return the index file's size and time, and its write-ahead log's size."""
        try:
            main = self.path.stat()
        except OSError:
            return ""
        wal = self.path.with_name(self.path.name + "-wal")
        # The inode and change time too: a write that keeps the size and sets the time back
        # (bit rot "with size and mtime kept") still changes the file's ctime.
        return (f"{main.st_size} {main.st_mtime_ns} {wal.stat().st_size if wal.exists() else 0} "
                f"{main.st_ino} {main.st_ctime_ns}")

    @property
    def _checked(self) -> Path:
        """Where the index file's stamp is kept after a check (``index.sqlite.checked``)."""
        return self.path.with_name(self.path.name + ".checked")

    def _read_stamp(self) -> str | None:
        try:
            return self._checked.read_text(encoding="utf-8")
        except OSError:
            return None

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the index file and empty it (after a large write)."""
        with contextlib.suppress(sqlite3.OperationalError):  # a reader holds the log: next time
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run a block of writes atomically."""
        with self.db:
            yield

    # -- bookkeeping -------------------------------------------------------------------

    def get_info(self, key: str) -> str | None:
        """Return a stored setting (schema version, rules version), or None."""
        row = self.db.execute("SELECT value FROM info WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_info(self, key: str, value: str) -> None:
        """Store a setting."""
        self.db.execute("INSERT OR REPLACE INTO info(key, value) VALUES (?, ?)", (key, value))

    def fingerprints(self) -> dict[str, Fingerprint]:
        """Return what the store remembers of every file it has seen, by path."""
        result = {path: Fingerprint(path, h, size, mtime, False) for path, h, size, mtime in
                  self.db.execute("SELECT path, hash, size, mtime_ns FROM sources")}
        for path, h, size, mtime in self.db.execute("SELECT path, hash, size, mtime_ns FROM failures"):
            result[path] = Fingerprint(path, h, size, mtime, True)
        return result

    def failures(self) -> dict[str, str]:
        """Return the reason each failed file could not be read, by path."""
        return dict(self.db.execute("SELECT path, reason FROM failures ORDER BY path").fetchall())

    def touch(self, path: str, size: int, mtime_ns: int) -> None:
        """Record a new size and time for a file whose content did not change."""
        for table in ("sources", "failures"):
            self.db.execute(f"UPDATE {table} SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path))

    # -- writing -------------------------------------------------------------------------

    def put(self, source: Source, evidence: Evidence, size: int, mtime_ns: int,
            terms: tuple[bytes, bytes] | None = None) -> None:
        """Add or replace one source and its passages (replacing any source with its path or
        id), with the years already given to its passages. *terms* are the body's word pairs
        (:func:`briefgen.resolve.pair_terms`, computed here when not given)."""
        self.remove(source.path)
        row = self.db.execute("SELECT path FROM sources WHERE id = ?", (source.id,)).fetchone()
        if row:
            self.remove(row[0])
        self.db.execute(
            "INSERT INTO sources(id, path, hash, size, mtime_ns, encoding, evidence, meta, body, dropped, warnings,"
            " themes, people) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (source.id, source.path, source.hash, size, mtime_ns, source.encoding, _evidence_to_json(evidence),
             _meta_to_json(source.meta), source.body,
             json.dumps([asdict(d) for d in source.dropped], ensure_ascii=False),
             json.dumps(list(source.warnings), ensure_ascii=False),
             json.dumps([list(t) for t in source.themes]), _people_json(source.people)))
        for passage in source.passages:
            cursor = self.db.execute(
                "INSERT INTO passages(source_id, passage, heading, start, end, text, years, kind, themes, figures,"
                " people, cut) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (source.id, passage.passage, passage.heading, passage.start, passage.end, passage.text,
                 json.dumps(list(passage.years)), passage.kind, json.dumps([list(t) for t in passage.themes]),
                 json.dumps([asdict(f) for f in passage.figures], ensure_ascii=False), _people_json(passage.people),
                 int(passage.cut)))
            self.db.executemany("INSERT INTO passage_themes(passage_id, theme, score) VALUES (?, ?, ?)",
                                [(cursor.lastrowid, t, v) for t, v in passage.themes])
            self.db.executemany("INSERT INTO passage_years(passage_id, year) VALUES (?, ?)",
                                [(cursor.lastrowid, y) for y in passage.years])
            self.db.execute("INSERT INTO passage_fts(rowid, text, heading) VALUES (?, ?, ?)",
                            (cursor.lastrowid, fold(passage.text), fold(passage.heading or "")))
        keys, counts = terms if terms is not None else pair_terms(source.body)
        self.db.execute("INSERT INTO source_terms(source_id, terms, counts) VALUES (?, ?, ?)",
                        (source.id, keys, counts))
        self.document_frequency().add(keys)
        self._df_changed = True

    def put_failure(self, path: str, digest: str, size: int, mtime_ns: int, reason: str) -> None:
        """Remember that a file could not be read, so it is not re-read until it changes."""
        self.remove(path)
        self.db.execute("INSERT INTO failures(path, hash, size, mtime_ns, reason) VALUES (?, ?, ?, ?, ?)",
                        (path, digest, size, mtime_ns, reason))

    def remove(self, path: str) -> bool:
        """Remove a source (or a remembered failure) by path; return True when one existed."""
        self.db.execute("DELETE FROM failures WHERE path = ?", (path,))
        row = self.db.execute("SELECT id FROM sources WHERE path = ?", (path,)).fetchone()
        if not row:
            return False
        ids = [r[0] for r in self.db.execute("SELECT id FROM passages WHERE source_id = ?", (row[0],))]
        self.db.executemany("DELETE FROM passage_fts WHERE rowid = ?", [(i,) for i in ids])
        for table in ("passage_years", "passage_themes"):
            self.db.execute(f"DELETE FROM {table} WHERE passage_id IN (SELECT id FROM passages WHERE source_id = ?)",
                            (row[0],))
        terms = self.db.execute("SELECT terms FROM source_terms WHERE source_id = ?", (row[0],)).fetchone()
        if terms:
            self.document_frequency().add(terms[0], -1)
            self._df_changed = True
            self.db.execute("DELETE FROM source_terms WHERE source_id = ?", (row[0],))
        self.db.execute("DELETE FROM passages WHERE source_id = ?", (row[0],))
        self.db.execute("DELETE FROM sources WHERE id = ?", (row[0],))
        return True

    def document_frequency(self) -> DocumentFrequency:
        """Return the corpus's word-pair document frequencies (read once, kept up to date)."""
        if self._df is None:
            row = self.db.execute("SELECT df FROM corpus_df WHERE id = 1").fetchone()
            self._df = DocumentFrequency(zlib.decompress(row[0]) if row else None)
        return self._df

    def save_document_frequency(self) -> bool:
        """Write the document frequencies back when sources came or went (added, replaced,
        removed, or replaced by a failure) since the last save; return whether they did."""
        changed = self._df_changed
        if self._df is not None and changed:
            # Mostly zeros in a small corpus: compressed, it takes a few hundred KB, not 32 MB.
            self.db.execute("INSERT OR REPLACE INTO corpus_df(id, df) VALUES (1, ?)",
                            (zlib.compress(self._df.counts.tobytes(), 1),))
        self._df_changed = False
        return changed

    def terms(self, ids: Iterable[str]) -> dict[str, tuple[bytes, bytes]]:
        """Return the word pairs (hashes, counts) of the sources *ids*."""
        result = {}
        for sid in ids:
            row = self.db.execute("SELECT terms, counts FROM source_terms WHERE source_id = ?", (sid,)).fetchone()
            if row:
                result[sid] = (row[0], row[1])
        return result

    def iter_terms(self) -> Iterator[tuple[str, bytes, bytes]]:
        """Yield (id, hashes, counts) of every source's word pairs, a page at a time."""
        yield from self._pages("SELECT source_id, terms, counts FROM source_terms WHERE source_id > ?"
                               " ORDER BY source_id LIMIT 500")

    def reviewed_years(self) -> dict[str, tuple[int | None, int | None]]:
        """Return each source's reviewed year as its own text (or sidecar) gives it, and as
        stored after the corpus step: (own, final)."""
        rows = self.db.execute(
            "SELECT id, coalesce(json_extract(evidence, '$.overrides.year_reviewed'),"
            " json_extract(evidence, '$.meta.year_reviewed')), json_extract(meta, '$.year_reviewed') FROM sources")
        return {sid: (own, final) for sid, own, final in rows}

    def flagged(self) -> dict[str, tuple[str, ...]]:
        """Return the sources whose text is flagged as damaged, with their flags."""
        rows = self.db.execute("SELECT id, json_extract(meta, '$.flags') FROM sources"
                               " WHERE json_array_length(json_extract(meta, '$.flags')) > 0")
        return {sid: tuple(json.loads(flags)) for sid, flags in rows}

    def year_sources(self) -> dict[str, str | None]:
        """Return, for each source, the other source its reviewed year was taken from (or None)."""
        rows = self.db.execute("SELECT id, json_extract(meta, '$.year_reviewed_source') FROM sources")
        return {sid: origin for sid, origin in rows}

    def evidence(self, source_id: str) -> tuple[Evidence, Metadata] | None:
        """Return a source's evidence and final metadata, or None."""
        row = self.db.execute("SELECT evidence, meta FROM sources WHERE id = ?", (source_id,)).fetchone()
        return (_evidence_from_json(row[0]), _meta_from_json(row[1])) if row else None

    def _pages(self, sql: str) -> Iterator[Any]:
        last = ""
        while True:
            rows = self.db.execute(sql, (last,)).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def body(self, source_id: str) -> str:
        """Return a source's cleaned body ("" for an unknown id)."""
        row = self.db.execute("SELECT body FROM sources WHERE id = ?", (source_id,)).fetchone()
        return row[0] if row else ""

    def set_meta(self, source_id: str, meta: Metadata, passage_years: dict[int, tuple[int, ...]]) -> None:
        """Store a source's final metadata and the years of each of its passages."""
        self.db.execute("UPDATE sources SET meta = ? WHERE id = ?", (_meta_to_json(meta), source_id))
        rows = self.db.execute("SELECT id, passage FROM passages WHERE source_id = ?", (source_id,)).fetchall()
        for pid, ordinal in rows:
            years = passage_years.get(ordinal, ())
            self.db.execute("UPDATE passages SET years = ? WHERE id = ?", (json.dumps(list(years)), pid))
            self.db.execute("DELETE FROM passage_years WHERE passage_id = ?", (pid,))
            self.db.executemany("INSERT INTO passage_years(passage_id, year) VALUES (?, ?)",
                                [(pid, y) for y in years])

    # -- reading -------------------------------------------------------------------------

    _PASSAGE_COLUMNS = "p.source_id, p.passage, p.heading, p.start, p.end, p.text, p.years, p.kind, p.themes, " \
        "p.figures, p.people, p.cut"

    @staticmethod
    def _row_to_passage(row: tuple[Any, ...]) -> Passage:
        sid, n, h, s, e, t, y, kind, themes, figures, people, cut = row
        return Passage(source_id=sid, passage=n, heading=h, start=s, end=e, text=t, years=tuple(json.loads(y)),
                       kind=kind, themes=tuple((k, v) for k, v in json.loads(themes)),
                       figures=tuple(Figure(**f) for f in json.loads(figures)),
                       people=tuple(Person(**p) for p in json.loads(people)), cut=bool(cut))

    def source_passages(self, source_id: str) -> tuple[Passage, ...]:
        """Return the passages of one source, in order."""
        return tuple(self._row_to_passage(row) for row in self.db.execute(
            f"SELECT {self._PASSAGE_COLUMNS} FROM passages p WHERE p.source_id = ? ORDER BY p.passage", (source_id,)))

    @staticmethod
    def _about(year: int | None, theme: str | None) -> tuple[str, list[int | str]]:
        """Return the WHERE clause (and its arguments) of passages about *year* and *theme*."""
        where: list[str] = []
        args: list[int | str] = []
        if year is not None:
            where.append("p.id IN (SELECT passage_id FROM passage_years WHERE year = ?)")
            args.append(year)
        if theme is not None:
            where.append("p.id IN (SELECT passage_id FROM passage_themes WHERE theme = ?)")
            args.append(theme)
        return (" WHERE " + " AND ".join(where) if where else ""), args

    def passages(self, year: int | None = None, theme: str | None = None) -> list[Passage]:
        """Return passages (about *year*, or with *theme* scored), ordered by source and position."""
        where, args = self._about(year, theme)
        return [self._row_to_passage(row) for row in self.db.execute(
            f"SELECT {self._PASSAGE_COLUMNS} FROM passages p{where} ORDER BY p.source_id, p.passage", args)]

    def passage_summaries(self, year: int | None = None, theme: str | None = None) -> list[PassageSummary]:
        """Return what ranks the passages about *year* (or with *theme* scored) without their
        text: kind, years, theme scores and the number of figures."""
        where, args = self._about(year, theme)
        rows = self.db.execute("SELECT p.id, p.source_id, p.passage, p.kind, p.years, p.themes,"
                               f" json_array_length(p.figures) FROM passages p{where}", args)
        return [PassageSummary(pid, sid, n, kind, tuple(json.loads(years)),
                               tuple((k, v) for k, v in json.loads(themes)), figures)
                for pid, sid, n, kind, years, themes, figures in rows]

    def passages_by_id(self, ids: Iterable[int]) -> dict[int, Passage]:
        """Return the passages of the given row ids, by id."""
        return {row[0]: self._row_to_passage(row[1:]) for row in self._rows_in(
            f"SELECT p.id, {self._PASSAGE_COLUMNS} FROM passages p WHERE p.id IN ({{}})", ids)}

    def matching(self, phrases: Iterable[tuple[str, ...]]) -> list[int]:
        """Return the ids of the passages whose text holds any of *phrases* (folded syllables)."""
        quoted = ['"' + " ".join(p) + '"' for p in phrases if p and tokens(" ".join(p)) == list(p)]
        if not quoted:
            return []
        return [r for (r,) in self.db.execute("SELECT rowid FROM passage_fts WHERE passage_fts MATCH ?",
                                              ("text : (" + " OR ".join(quoted) + ")",))]

    def years(self, kinds: tuple[str, ...] | None = None) -> list[int]:
        """Return the years passages are about (only passages of *kinds*, when given)."""
        if kinds is None:
            return [y for (y,) in self.db.execute("SELECT DISTINCT year FROM passage_years ORDER BY year")]
        return [y for (y,) in self.db.execute(
            "SELECT DISTINCT y.year FROM passage_years y JOIN passages p ON p.id = y.passage_id"
            f" WHERE p.kind IN ({', '.join('?' * len(kinds))}) ORDER BY y.year", kinds)]

    def theme_counts(self, minimum: float) -> dict[tuple[str, int], int]:
        """Return how many passages of each year have each theme (score at least *minimum*)."""
        rows = self.db.execute(
            "SELECT t.theme, y.year, COUNT(*) FROM passage_themes t JOIN passage_years y USING (passage_id)"
            " WHERE t.score >= ? GROUP BY t.theme, y.year", (minimum,)).fetchall()
        return {(theme, year): n for theme, year, n in rows}

    def _row_to_stored(self, row: tuple[Any, ...], with_passages: bool = True) -> StoredSource:
        sid, path, digest, encoding, evidence, meta, body, dropped, warnings, themes, people = row
        source = Source(
            id=sid, path=path, hash=digest, meta=_meta_from_json(meta), body=body,
            passages=self.source_passages(sid) if with_passages else (),
            dropped=tuple(Dropped(**d) for d in json.loads(dropped)), warnings=tuple(json.loads(warnings)),
            encoding=encoding, themes=tuple((k, v) for k, v in json.loads(themes)),
            people=tuple(Person(**p) for p in json.loads(people)))
        return StoredSource(source=source, evidence=_evidence_from_json(evidence))

    _COLUMNS = "id, path, hash, encoding, evidence, meta, body, dropped, warnings, themes, people"

    def stored_sources(self, with_passages: bool = True) -> list[StoredSource]:
        """Return every stored source, ordered by id."""
        rows = self.db.execute(f"SELECT {self._COLUMNS} FROM sources ORDER BY id").fetchall()
        return [self._row_to_stored(row, with_passages) for row in rows]

    def source_info(self, ids: Iterable[str]) -> dict[str, tuple[str, Metadata, str]]:
        """Return (path, final metadata, hash) of the sources *ids* (unknown ids left out)."""
        return {sid: (path, _meta_from_json(meta), digest) for sid, path, meta, digest in self._rows_in(
            "SELECT id, path, meta, hash FROM sources WHERE id IN ({})", ids)}

    def _rows_in(self, sql: str, keys: Iterable[Any]) -> Iterator[Any]:
        """Yield the rows of *sql* for the distinct *keys*, its ``{}`` the placeholders of a
        chunk of them (SQLite limits the parameters of one statement)."""
        wanted = sorted(set(keys))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            yield from self.db.execute(sql.format(", ".join("?" * len(chunk))), chunk)

    def passage_counts(self) -> dict[str, int]:
        """Return the number of passages of each source."""
        return dict(self.db.execute("SELECT source_id, COUNT(*) FROM passages GROUP BY source_id").fetchall())

    def get(self, source_id: str) -> Source | None:
        """Return one source with its passages, or None."""
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM sources WHERE id = ?", (source_id,)).fetchone()
        return self._row_to_stored(row).source if row else None

    def ids_and_paths(self) -> list[tuple[str, str]]:
        """Return (id, path) of every source."""
        return self.db.execute("SELECT id, path FROM sources ORDER BY id").fetchall()

    def _bm25(self, words: list[str], rowids: list[int]) -> dict[int, float]:
        """Return the score FTS5's ``bm25(passage_fts, 1.0, 0.4)`` gives *rowids* for the
        any-word query of *words*, computed here for a few rows (FTS5 computes it only
        for the rows its own query matches)."""
        if not rowids:
            return {}
        if not self._vocab:
            self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_vocab"
                            " USING fts5vocab(main, passage_fts, 'row')")
            self._vocab = True
        block = self.db.execute("SELECT block FROM passage_fts_data WHERE id = 1").fetchone()
        counts = _varints(block[0]) if block else []
        rows, total = (counts[0], sum(counts[1:])) if counts and counts[0] else (1, 1)
        average = total / rows
        idf: dict[str, float] = {}
        for word in dict.fromkeys(words):
            hit = self.db.execute("SELECT doc FROM temp.passage_vocab WHERE term = ?", (word,)).fetchone()
            n = hit[0] if hit else 0
            idf[word] = max(math.log((rows - n + 0.5) / (n + 0.5)), 1e-6)
        scores: dict[int, float] = {}
        for rowid in rowids:
            row = self.db.execute("SELECT text, heading FROM passage_fts WHERE rowid = ?", (rowid,)).fetchone()
            if row is None:
                continue
            text, heading = tokens(row[0]), tokens(row[1] or "")
            length = len(text) + len(heading)
            tf_text, tf_heading = Counter(text), Counter(heading)
            value = 0.0
            for word in words:
                weighted = tf_text[word] + 0.4 * tf_heading[word]
                value += idf[word] * weighted * (_K1 + 1) / (weighted + _K1 * (1 - _B + _B * length / average))
            scores[rowid] = value
        return scores

    def search(self, query: str, year: int | None = None, limit: int = 20, theme: str | None = None,
               theme_min: float = 1.0) -> list[SearchHit]:
        """Return passages ranked for *query*, diacritics ignored and "đ" read as "d".

        Passages holding the whole query as a phrase come first, then those holding all
        its syllables, then those holding some; within each group the syllable-level BM25
        score (FTS5's ``bm25``, the heading counting less than the text) decides. A
        passage's inner heading is searched with it.

        Each group is one FTS5 query ranked and cut inside SQLite (``ORDER BY bm25 LIMIT``)
        with the year and theme filters joined in; a stricter group is cut by its own BM25
        to a few times the places free, and those rows are then ordered by the any-word
        score. A looser group is asked only when the stricter ones leave places free, so
        no match is scored in Python beyond those few rows.
        """
        words = tokens(query)
        if not words or limit <= 0:
            return []
        modes: tuple[Literal["phrase", "all", "some"], ...] = ("phrase", "all", "some") if len(words) > 1 else ("some",)
        where = ["passage_fts MATCH ?"]
        filters: list[Any] = []
        if year is not None:
            where.append("+rowid IN (SELECT passage_id FROM passage_years WHERE year = ?)")
            filters.append(year)
        if theme is not None:
            where.append("+rowid IN (SELECT passage_id FROM passage_themes WHERE theme = ? AND score >= ?)")
            filters += [theme, theme_min]
        sql = (f"SELECT rowid, -bm25(passage_fts, 1.0, 0.4) FROM passage_fts WHERE {' AND '.join(where)}"
               " ORDER BY bm25(passage_fts, 1.0, 0.4), rowid LIMIT ?")
        found: dict[int, tuple[Literal["phrase", "all", "some"], float]] = {}
        rank = {"phrase": 2, "all": 1, "some": 0}
        for mode in modes:
            # A stricter group's rows match the looser queries too: ask for as many more.
            wanted = limit - len(found)
            cut = wanted if mode == "some" else max(wanted * _RERANK, 40)
            rows = self.db.execute(sql, (fts_query(words, mode), *filters, len(found) + cut)).fetchall()
            fresh = [rowid for rowid, _ in rows if rowid not in found]
            if mode != "some":
                # Within a stricter group the passage richest in the query's syllables comes
                # first, as in the any-word group: its few rows are scored by that query.
                scores = self._bm25(words, fresh)
                fresh.sort(key=lambda r: (-scores.get(r, 0.0), r))
            else:
                scores = dict(rows)
            label: Literal["phrase", "all", "some"] = "phrase" if len(words) == 1 else mode
            for rowid in fresh[:wanted]:
                found[rowid] = (label, scores.get(rowid, 0.0))
            if len(found) >= limit:
                break
        hits: list[SearchHit] = []
        for rowid, (label, value) in found.items():
            row = self.db.execute(
                "SELECT p.source_id, p.passage, p.heading, p.start, p.end, p.text, s.meta, s.path "
                "FROM passages p JOIN sources s ON s.id = p.source_id WHERE p.id = ?", (rowid,)).fetchone()
            if row is None:
                continue
            sid, n, heading, start, end, text, meta, path = row
            hits.append(SearchHit(source_id=sid, passage=n, heading=heading, start=start, end=end,
                                  score=round(rank[label] * 100 + min(value, 99.0), 4), match=label, text=text,
                                  title=json.loads(meta).get("title"), path=path))
        return hits
