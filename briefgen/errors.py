"""The exceptions briefgen raises; the CLI turns them into one-line messages."""

from __future__ import annotations


class BriefgenError(Exception):
    """Base class of every error briefgen reports to a user."""

    exit_code = 1


class ConfigError(BriefgenError):
    """briefgen.toml or an option is wrong; the message says which and why."""

    exit_code = 2


class SourceError(BriefgenError):
    """One source file cannot be read; the message names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotFoundError(BriefgenError):
    """A source, theme or other named thing does not exist (or is ambiguous)."""

    exit_code = 2


class UsageError(BriefgenError):
    """A request that cannot be carried out as asked (bad combination of options)."""

    exit_code = 2


class StoreError(BriefgenError):
    """The index cannot be opened, read or written (busy, damaged, a full disk); the message
    names the index file and says what to do."""


class IndexDamaged(StoreError):
    """The index turned out damaged while in use; it has been moved aside (``warning`` says
    where), and the next open starts an empty index that ingest rebuilds."""

    def __init__(self, message: str, warning: str) -> None:
        super().__init__(message)
        self.warning = warning
