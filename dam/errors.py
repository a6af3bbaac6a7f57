"""Errors a user can cause: each carries a one-line message and is never shown as a traceback."""


class DamError(Exception):
    """A user-facing error with a clear one-line message."""

    exit_code = 2


class NotFound(DamError):
    """The named thing does not exist (or the actor may not see it)."""


class Conflict(DamError):
    """The change clashes with what is already there (a duplicate name, a cycle)."""


class Rejected(DamError):
    """Input that cannot be accepted: corrupt, unsupported, too large or hostile."""


class LibraryVersionError(DamError):
    """The catalog was written by a newer version of The Library."""


class LibraryLocked(DamError):
    """Another process holds the catalog open for writing."""
