"""Bounds on work that hostile input could make endless: a wall-clock limit for one step."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class TimeLimit(BaseException):
    """A step ran past its time limit (not an Exception: no library's ``except Exception``
    on the way may swallow it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimit in the block once *seconds* have passed: an interval timer, in the main
    thread of a process (ingest's workers included); elsewhere, or without SIGALRM, the block
    is not bounded. An enclosing limit is set again afterwards."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TimeLimit

    previous = signal.signal(signal.SIGALRM, expired)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, outer)


MAX_WORKERS = 64  # parsing processes, however many are asked for
