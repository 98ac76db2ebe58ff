"""The SQLite backend of the store: one file, with an FTS5 index of diacritic-folded text.

Long because one class holds every statement of the backend; the table layout and row codecs
are in ``rows.py``, the connection's damage handling in ``connection.py`` and the ranked
search in ``search.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import IndexDamaged, StoreError
from ..model import (
    Dropped,
    Evidence,
    Figure,
    Fingerprint,
    Metadata,
    Passage,
    PassageSummary,
    Person,
    SearchHit,
    Source,
    StoredSource,
)
from ..text import fold, tokens
from . import search as _search
from .connection import Connection, Damaged, disk_full, is_damage
from .rows import (
    DATA_TABLES,
    SCHEMA,
    SCHEMA_VERSION,
    evidence_from_json,
    evidence_to_json,
    meta_from_json,
    meta_to_json,
    people_json,
)


class SqliteStore:
    """The embedded store of sources and passages in one SQLite file."""

    def __init__(self, path: Path, verify: bool = False) -> None:
        """Open (or create) the index at *path*. A damaged file is never used: it is moved
        aside and an empty index takes its place (ingest then rebuilds it from the sources),
        with a warning in ``self.warnings``. *verify* runs SQLite's quick check first."""
        self.path = path
        self.warnings: list[str] = []
        self._verified = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unusable(exc, "its folder cannot be made") from exc
        if path.is_dir():
            raise StoreError(f"{path}: a folder stands where the index file goes; move it away "
                                "(briefgen rebuilds the index from the sources)")
        try:
            self._open(verify)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise StoreError(f"{path}: the index is busy ({exc}); is another briefgen writing it?") from exc
            self._close_quietly()
            if not is_damage(exc):  # a full disk or an I/O error: the file is fine, leave it be
                raise self._unusable(exc) from exc
            damaged = self._move_aside()
            self.warnings.append(f"{path}: the index was damaged ({exc}); it is rebuilt from the sources "
                                 f"(the damaged file is kept as {damaged})")
            self._open_empty()
        self.db.on_damage = self._on_damage

    def _unusable(self, exc: BaseException, what: str = "the index cannot be opened") -> StoreError:
        """Return the error for an index that cannot be used though it is not damaged."""
        if disk_full(exc, self.path.parent):
            return StoreError(f"{self.path}: the disk is full ({exc}); the index was left as it is: free some "
                                 "space, then run briefgen again")
        return StoreError(f"{self.path}: {what} ({exc}); the index was left as it is")

    def _close_quietly(self) -> None:
        db: Connection | None = self.__dict__.get("db")  # not there when connecting failed
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
        self.db: Connection = sqlite3.connect(self.path, timeout=30, factory=Connection)
        # The quick check reads the whole file (0.45 s at 10,000 sources): it is skipped when
        # the file is as briefgen left it after the last check (same size and time).
        if verify and self._stamp() != self._read_stamp():
            result = self.db.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise Damaged(f"quick check: {result[0] if result else 'no answer'}")
        self._verified = verify
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self._migrate()
        self.db.executescript(SCHEMA)
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
        for table in (*DATA_TABLES, "info"):
            self.db.execute(f"DROP TABLE IF EXISTS {table}")
        self.db.commit()

    def reset(self) -> None:
        """Empty the index of sources and failures (inside the caller's transaction): a full
        re-read starts from nothing rather than replacing every row one by one."""
        for table in DATA_TABLES:
            self.db.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in SCHEMA.split(";"):
            if statement.strip():
                self.db.execute(statement)

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Close the store; an SQLite error that escaped a statement becomes a StoreError
        naming the index (the command line prints it as one line)."""
        self.close()
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"{self.path}: the index could not be used ({exc})") from exc

    def reopen(self) -> None:
        """Open the index again after it was found damaged and moved aside: an empty index
        takes its place, which ingest fills from the sources."""
        self._close_quietly()
        self._open_empty()
        self.db.on_damage = self._on_damage

    def _open_empty(self) -> None:
        """Open a new, empty index where a damaged one was moved aside."""
        try:
            self._open(False)
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise self._unusable(exc, "a new index cannot be created") from exc

    def close(self) -> None:
        """Close the database; a store opened with a check records the file as checked."""
        if self.db.gone:
            return
        self.db.close()
        self.db.gone = True
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
            terms: tuple[bytes, bytes]) -> list[bytes]:
        """Add or replace one source and its passages (replacing any source with its path or
        id), with the years already given to its passages and its body's word pairs *terms*
        (hashes, counts). Return the word-pair hashes of the sources it replaced."""
        replaced = [self.remove(source.path)]
        row = self.db.execute("SELECT path FROM sources WHERE id = ?", (source.id,)).fetchone()
        if row:
            replaced.append(self.remove(row[0]))
        self.db.execute(
            "INSERT INTO sources(id, path, hash, size, mtime_ns, encoding, evidence, meta, body, dropped, warnings,"
            " themes, people) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (source.id, source.path, source.hash, size, mtime_ns, source.encoding, evidence_to_json(evidence),
             meta_to_json(source.meta), source.body,
             json.dumps([asdict(d) for d in source.dropped], ensure_ascii=False),
             json.dumps(list(source.warnings), ensure_ascii=False),
             json.dumps([list(t) for t in source.themes]), people_json(source.people)))
        for passage in source.passages:
            cursor = self.db.execute(
                "INSERT INTO passages(source_id, passage, heading, start, end, text, years, kind, themes, figures,"
                " people, cut) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (source.id, passage.passage, passage.heading, passage.start, passage.end, passage.text,
                 json.dumps(list(passage.years)), passage.kind, json.dumps([list(t) for t in passage.themes]),
                 json.dumps([asdict(f) for f in passage.figures], ensure_ascii=False), people_json(passage.people),
                 int(passage.cut)))
            self.db.executemany("INSERT INTO passage_themes(passage_id, theme, score) VALUES (?, ?, ?)",
                                [(cursor.lastrowid, t, v) for t, v in passage.themes])
            self.db.executemany("INSERT INTO passage_years(passage_id, year) VALUES (?, ?)",
                                [(cursor.lastrowid, y) for y in passage.years])
            self.db.execute("INSERT INTO passage_fts(rowid, text, heading) VALUES (?, ?, ?)",
                            (cursor.lastrowid, fold(passage.text), fold(passage.heading or "")))
        self.db.execute("INSERT INTO source_terms(source_id, terms, counts) VALUES (?, ?, ?)",
                        (source.id, *terms))
        return [keys for keys in replaced if keys is not None]

    def put_failure(self, path: str, digest: str, size: int, mtime_ns: int, reason: str) -> bytes | None:
        """Remember that a file could not be read, so it is not re-read until it changes; return
        the word-pair hashes of the source it replaced (None: none)."""
        removed = self.remove(path)
        self.db.execute("INSERT INTO failures(path, hash, size, mtime_ns, reason) VALUES (?, ?, ?, ?, ?)",
                        (path, digest, size, mtime_ns, reason))
        return removed

    def remove(self, path: str) -> bytes | None:
        """Remove a source (or a remembered failure) by path; return the removed source's
        word-pair hashes (None when no source had that path)."""
        self.db.execute("DELETE FROM failures WHERE path = ?", (path,))
        row = self.db.execute("SELECT id FROM sources WHERE path = ?", (path,)).fetchone()
        if not row:
            return None
        ids = [r[0] for r in self.db.execute("SELECT id FROM passages WHERE source_id = ?", (row[0],))]
        self.db.executemany("DELETE FROM passage_fts WHERE rowid = ?", [(i,) for i in ids])
        for table in ("passage_years", "passage_themes"):
            self.db.execute(f"DELETE FROM {table} WHERE passage_id IN (SELECT id FROM passages WHERE source_id = ?)",
                            (row[0],))
        terms = self.db.execute("SELECT terms FROM source_terms WHERE source_id = ?", (row[0],)).fetchone()
        self.db.execute("DELETE FROM source_terms WHERE source_id = ?", (row[0],))
        self.db.execute("DELETE FROM passages WHERE source_id = ?", (row[0],))
        self.db.execute("DELETE FROM sources WHERE id = ?", (row[0],))
        return terms[0] if terms else b""

    def corpus_data(self) -> bytes | None:
        """Return what the corpus step keeps between runs (its document frequencies), or None."""
        row = self.db.execute("SELECT df FROM corpus_df WHERE id = 1").fetchone()
        return row[0] if row else None

    def save_corpus_data(self, data: bytes) -> None:
        """Keep *data* for the corpus step's next run (inside the caller's transaction)."""
        self.db.execute("INSERT OR REPLACE INTO corpus_df(id, df) VALUES (1, ?)", (data,))

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
        return (evidence_from_json(row[0]), meta_from_json(row[1])) if row else None

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
        self.db.execute("UPDATE sources SET meta = ? WHERE id = ?", (meta_to_json(meta), source_id))
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
            id=sid, path=path, hash=digest, meta=meta_from_json(meta), body=body,
            passages=self.source_passages(sid) if with_passages else (),
            dropped=tuple(Dropped(**d) for d in json.loads(dropped)), warnings=tuple(json.loads(warnings)),
            encoding=encoding, themes=tuple((k, v) for k, v in json.loads(themes)),
            people=tuple(Person(**p) for p in json.loads(people)))
        return StoredSource(source=source, evidence=evidence_from_json(evidence))

    _COLUMNS = "id, path, hash, encoding, evidence, meta, body, dropped, warnings, themes, people"

    def stored_sources(self, with_passages: bool = True) -> list[StoredSource]:
        """Return every stored source, ordered by id."""
        rows = self.db.execute(f"SELECT {self._COLUMNS} FROM sources ORDER BY id").fetchall()
        return [self._row_to_stored(row, with_passages) for row in rows]

    def source_info(self, ids: Iterable[str]) -> dict[str, tuple[str, Metadata, str]]:
        """Return (path, final metadata, hash) of the sources *ids* (unknown ids left out)."""
        return {sid: (path, meta_from_json(meta), digest) for sid, path, meta, digest in self._rows_in(
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

    def search(self, query: str, year: int | None = None, limit: int = 20, theme: str | None = None,
               theme_min: float = 1.0) -> list[SearchHit]:
        """Return passages ranked for *query* (see :func:`briefgen.store.search.search`)."""
        return _search.search(self.db, query, year, limit, theme, theme_min)
