"""What a run could not use, and why: bad input (``Problem``) and our own bugs (``InternalError``).

The readers import ``Problem`` from here, never from ``loaders.sources`` (the dispatcher that
imports them), so there is no import circle inside ``loaders/``.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A file or record that was skipped, and why.

    ``where`` is the file, with ``:line`` for a line of a line-oriented file.

    >>> str(Problem("feed.jsonl:12", "invalid JSON (Expecting value, column 1)"))
    'feed.jsonl:12: invalid JSON (Expecting value, column 1)'
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class InternalError:
    """An exception no reader or extractor expected: a bug in geokg, not bad input.

    The run skips the file or record it happened on and goes on; the traceback is kept for
    ``geokg --debug``.

    >>> try:
    ...     1 / 0
    ... except ZeroDivisionError as exc:
    ...     err = InternalError.of("a.jsonl:3", exc)
    >>> str(err)
    'a.jsonl:3: internal error (a bug in geokg, not in the input): ZeroDivisionError: division by zero'
    >>> err.traceback.splitlines()[0]
    'Traceback (most recent call last):'
    """

    where: str
    error: str
    traceback: str

    @classmethod
    def of(cls, where: str, exc: BaseException) -> InternalError:
        text = "".join(traceback.format_exception(exc))
        return cls(where, f"{type(exc).__name__}: {exc}", text)

    def __str__(self) -> str:
        return f"{self.where}: internal error (a bug in geokg, not in the input): {self.error}"
