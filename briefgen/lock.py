"""The project lock: one briefgen run writes a project's index and outputs at a time."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shlex
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from .config import CONFIG_FILE, Config
from .errors import BriefgenError

_HELD: dict[str, int] = {}


LOCK_NAME = "lock"
_POLL = 0.2  # seconds between tries while waiting for another run


def _open_lock(path: Path) -> int:
    """Open the lock file without following a link and without truncating anything."""
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BriefgenError(f"{path}: the lock file is a symbolic link; briefgen never follows it "
                                "(remove it and run again)") from None
        raise BriefgenError(f"{path}: the lock file cannot be opened ({exc.strerror or exc})") from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise BriefgenError(f"{path}: the lock is not a regular file (remove it and run again)")
    return handle


@contextlib.contextmanager
def project_lock(config: Config) -> Iterator[None]:
    """Hold the project's lock (re-entrant within one process).

    A second process waits up to ``config.lock_wait`` seconds, then gets a one-line error
    saying what to do. A folder that is not a project (no sources folder) is refused before
    anything is created in it. The lock file is never a link and is never truncated.
    """
    if not config.has_sources:
        hint = "" if (config.root / CONFIG_FILE).exists() else \
            f"; to make a project here run 'briefgen init {shlex.quote(str(config.root))}'"
        raise BriefgenError(f"{config.sources}: no sources folder here (set 'sources' in briefgen.toml or use "
                            f"-C DIR){hint}")
    path = config.cache / LOCK_NAME
    key = str(path)
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        config.cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefgenError(f"{config.cache}: cannot be made ({exc.strerror or exc})") from None
    handle = _open_lock(path)
    try:
        deadline = time.monotonic() + config.lock_wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(handle, 64, 0).decode(errors="replace").strip() or "another process"
                    waited = f" after waiting {config.lock_wait:g} s" if config.lock_wait else ""
                    raise BriefgenError(f"{config.root}: another briefgen run ({holder}) is working on this "
                                        f"project{waited}; wait for it to finish, or run again with --wait") from None
                time.sleep(_POLL)
        os.pwrite(handle, f"pid {os.getpid()}".ljust(32).encode(), 0)
        _HELD[key] = 1
        try:
            yield
        finally:
            _HELD.pop(key, None)
            os.pwrite(handle, b" " * 32, 0)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


