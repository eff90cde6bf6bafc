"""Coded errors and warnings.

Every problem a user can run into has a stable code (``E0xx`` for errors, ``W0xx`` for
warnings) so that it can be searched for in the docs and asserted on in tests. Messages
name the file (and line, for record formats) they are about.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Stable error and warning codes; the value is the message template's short name."""

    E001 = "unreadable file"
    E002 = "binary data"
    E003 = "empty text"
    E004 = "missing publication date"
    E005 = "impossible publication date"
    E006 = "unknown format"
    E007 = "unknown model"
    E008 = "database unreachable"
    E009 = "bad record"
    E010 = "undecodable text"
    E011 = "broken feed"
    E012 = "bad option"
    E013 = "not found"
    E014 = "input too large"
    E015 = "bad feed list"
    E016 = "fetch failed"
    E017 = "bad actor dictionary"
    E018 = "not allowed"
    E019 = "query too costly"
    E020 = "web assets missing"
    E021 = "scheduler unreachable"
    E022 = "worker failed"
    E023 = "bad output target"
    E024 = "bad dataset"
    E025 = "request too long"
    W001 = "skipped record"
    W002 = "text decoded with a fallback encoding"
    W003 = "already stored"
    W004 = "malformed feed read leniently"
    W005 = "webhook not delivered"
    W006 = "page not fetched"

    @property
    def is_warning(self) -> bool:
        return self.name.startswith("W")


class DatelineError(Exception):
    """Base class for every error Dateline reports to users.

    ``str(error)`` reads ``E004 missing publication date: notes.txt: no date header ...``.
    """

    def __init__(
        self,
        code: Code,
        detail: str,
        *,
        path: str | None = None,
        line: int | None = None,
    ) -> None:
        self.code = code
        self.detail = detail
        self.path = path
        self.line = line
        super().__init__(self.message)

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    @property
    def message(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.code.name} {self.code.value}: {where}{self.detail}"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code.name,
            "error": self.code.value,
            "detail": self.detail,
            "path": self.path,
            "line": self.line,
        }


class ReadError(DatelineError):
    """An input file or record could not be turned into an article."""


class ModelError(DatelineError):
    """The requested spaCy pipeline cannot be loaded."""


class StoreError(DatelineError):
    """The store cannot be opened or written."""


class FetchError(DatelineError):
    """A feed, page or robots.txt could not be downloaded (``dateline watch``).

    ``status`` is the HTTP status when the server answered; ``retry_after`` the seconds
    it asked us to wait (429/503), if any."""

    def __init__(
        self,
        code: Code,
        detail: str,
        *,
        path: str | None = None,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(code, detail, path=path)
        self.status = status
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        """Worth trying again later: timeouts, refused connections, 408/429 and 5xx."""
        return self.status is None or self.status in (408, 425, 429) or self.status >= 500


class OptionError(DatelineError):
    """A command-line or API option has an invalid value."""
