"""One family of domain errors, mapped to HTTP statuses in exactly one place (web/errors.py).

Messages are English msgids with %(name)s placeholders; the web layer translates them.
"""

from __future__ import annotations


def _(message: str) -> str:
    """Mark a message for translation without translating it here (the domain has no locale)."""
    return message


class MedflowError(Exception):
    """Base class: a message template plus the values that fill it."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.template = message
        self.params = params


class FieldNames(tuple):
    """Field keys filling a message's placeholder; the web layer names each field by its label."""

    def __str__(self) -> str:
        return ", ".join(self)


class Invalid(MedflowError):
    """The request itself is malformed or misses a required field (HTTP 400)."""


class NotAllowed(MedflowError):
    """The caller may not do this (HTTP 403)."""


class Unknown(MedflowError):
    """The thing does not exist, or the caller may not see it (HTTP 404)."""


class NotPossible(MedflowError):
    """The action is not possible in the current state (HTTP 409)."""


class StaleVersion(NotPossible):
    """Someone changed the case after the caller read it (HTTP 409)."""


class Problem:
    """One problem found in a data file, with where it is."""

    __slots__ = ("file", "line", "message")

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file, self.line, self.message = file, line, message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"


class DefinitionError(Exception):
    """A data file (workflow, organisation, topics) has problems; all are listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
