"""SQLite connections that report a damaged file wherever SQLite notices it (a statement,
a row being read, a commit), and how to tell damage from a full disk or a busy file."""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any


class Damaged(sqlite3.DatabaseError):
    """SQLite's quick check found the file damaged."""


# SQLite's primary result codes that say the file itself is not a sound database; every
# other error (a full disk, an I/O error, a lock, a folder in the file's place) leaves the
# file as it is.
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 10, 11, 13, 26


def is_damage(exc: BaseException) -> bool:
    """Return True when *exc* says the database file is damaged (malformed, not a database)."""
    if isinstance(exc, Damaged):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def disk_full(exc: BaseException, folder: Path) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF == _SQLITE_FULL:
        return True
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if isinstance(code, int) and code & 0xFF == _SQLITE_IOERR:  # a full disk fails the shared-memory file first
        with contextlib.suppress(OSError):
            return shutil.disk_usage(folder).free < 1 << 20
    return False


class Cursor(sqlite3.Cursor):
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


class Connection(sqlite3.Connection):
    """A connection that hands an error saying the file is damaged to the store, wherever it
    happens (a statement, a row, a commit)."""

    on_damage: Callable[[sqlite3.DatabaseError], None] | None = None
    gone = False  # closed by on_damage: the transaction's end must not touch it again

    def _damaged(self, exc: sqlite3.DatabaseError) -> None:
        if self.on_damage is not None and is_damage(exc):
            self.on_damage(exc)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return self.cursor(Cursor).execute(sql, parameters)
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
