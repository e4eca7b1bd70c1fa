"""Inputs to extractions: read every source, extract every article, report what was skipped.

Work per record is bounded: an article whose text is longer than ``max_chars`` (the
``--max-chars`` option, else ``GEOKG_MAX_CHARS``, else ``config.DEFAULT_MAX_CHARS``) is
skipped with a ``Problem`` naming it, before any tokenizing. An article read twice in one
run (the same id and text) is extracted once; a different text under an id already read is
a ``Problem`` (the first is kept). Bad input is a ``Problem``; an
exception nobody expected is an ``InternalError`` (a bug, with its traceback) for the file
or record it happened on. Either way the run goes on with the next one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from geokg import config
from geokg.errors import InputError
from loaders.contract import check_record
from loaders.extract import extract
from loaders.jsonl import lone_surrogate, parse_line
from loaders.models import Article, Extraction
from loaders.problems import InternalError, Problem
from loaders.sources import check_format, input_files, read_file


@dataclass
class RunReport:
    """What one run read, extracted and skipped."""

    articles: int = 0
    entities: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    errors: list[InternalError] = field(default_factory=list)
    duplicates: int = 0  # articles read twice (same id, same text): extracted once

    @property
    def skipped(self) -> int:
        return len(self.problems) + len(self.errors)


def extract_inputs(
    paths: Iterable[str | Path], fmt: str | None = None, *, report: RunReport | None = None,
    progress: bool = False, max_chars: int | None = None,
) -> Iterator[Extraction]:
    """Extract every article of ``paths``; problems go into ``report`` and the run goes on.

    ``max_chars`` (0 for no limit) defaults to the setting ``config.max_chars()``.

    >>> r = RunReport()
    >>> n = sum(1 for _ in extract_inputs(["seeds/000_55682db804c659e6.txt"], report=r))
    >>> n, r.skipped
    (20, 0)
    >>> r = RunReport()
    >>> n = sum(1 for _ in extract_inputs(["seeds/000_55682db804c659e6.txt"], report=r, max_chars=130))
    >>> n, r.skipped, str(r.problems[0])  # doctest: +ELLIPSIS
    (6, 14, 'seeds/000_55682db804c659e6.txt:4: article sha1:fb926997f473a020: 131 characters, over the ...')
    """
    report = report if report is not None else RunReport()
    bar = tqdm(desc="extracting", unit=" articles", disable=not progress, leave=False)
    try:
        for item in read_articles(paths, fmt, report=report, max_chars=max_chars):
            try:
                ex = extract(item)
            except Exception as exc:  # the extractor's bug: this article is lost, the run goes on
                report.errors.append(InternalError.of(item.origin or f"article {item.id}", exc))
                continue
            report.articles += 1
            report.entities += len(ex.entities)
            report.events += len(ex.events)
            bar.update(1)
            yield ex
    finally:
        bar.close()


def read_articles(paths: Iterable[str | Path], fmt: str | None = None, *, report: RunReport,
                  max_chars: int | None = None) -> Iterator[Article]:
    """The articles of ``paths`` that are to be extracted: read, within the length limit, each
    once. What is skipped goes into ``report`` (a reader's bug as an ``InternalError``).

    >>> r = RunReport()
    >>> len(list(read_articles(["seeds/000_55682db804c659e6.txt", "seeds"], report=r))), r.duplicates
    (20, 0)
    """
    check_format(fmt)
    limit = config.max_chars() if max_chars is None else max_chars
    seen: dict[str, tuple[str, bytes]] = {}
    for path in input_files(list(paths)):
        if isinstance(path, Problem):
            report.problems.append(path)
            continue
        yield from _read_file(path, fmt, limit, report, seen)


def _read_file(path: Path, fmt: str | None, limit: int, report: RunReport,
               seen: dict[str, tuple[str, bytes]]) -> Iterator[Article]:
    items = read_file(path, fmt)
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as exc:  # a reader's bug: the rest of this file is lost, the run goes on
            report.errors.append(InternalError.of(str(path), exc))
            return
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        if (problem := too_long(item, limit)) is not None:
            report.problems.append(problem)
            continue
        digest = hashlib.sha1(item.text.encode("utf-8", "surrogatepass")).digest()
        first = seen.setdefault(item.id, (item.origin, digest))
        if first[1] == digest and first[0] != item.origin:
            report.duplicates += 1  # the same article twice (two snapshots of one feed): once is enough
            continue
        if first[1] != digest:
            report.problems.append(Problem(item.origin or f"article {item.id}", f"article {item.id}: a different "
                                           f"text under the id of the article at {first[0]}, which is kept; skipped"))
            continue
        yield item


def too_long(article: Article, limit: int) -> Problem | None:
    """A ``Problem`` naming ``article`` when its text is over ``limit`` characters (0: no limit).

    >>> print(too_long(Article(id="a1", text="本文。" * 40, origin="in.jsonl:7"), 100).message)
    article a1: 120 characters, over the limit of 100 (raise it with --max-chars or GEOKG_MAX_CHARS); skipped
    """
    n = len(article.text)
    if not limit or n <= limit:
        return None
    return Problem(article.origin or f"article {article.id}",
                   f"article {article.id}: {n:,} characters, over the limit of {limit:,} "
                   "(raise it with --max-chars or GEOKG_MAX_CHARS); skipped")


# Characters that JSON leaves raw but that many line readers (Python's str.splitlines, some
# editors) take for line ends: escaped, so that one record stays one line for every reader.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_line(record: dict[str, Any]) -> str:
    """One record as the line ``geokg extract`` writes (line-break characters escaped)."""
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def write_jsonl(extractions: Iterable[Extraction], out: IO[str]) -> int:
    """Write the extraction contract's JSON Lines; returns the number of lines.

    >>> import io
    >>> out = io.StringIO()
    >>> write_jsonl(extract_inputs(["tests/data/bad/articles/control.jsonl"]), out)
    3
    >>> len(out.getvalue().splitlines())
    3
    """
    n = 0
    for ex in extractions:
        out.write(json_line(ex.to_json()))
        n += 1
    return n


def read_extractions(path: str | Path, problems: list[Problem] | None = None) -> Iterator[dict[str, Any]]:
    """Read back a file written by ``write_jsonl`` (one JSON object a line).

    A line that is not a record the writer can store (``loaders.contract.check_record``) goes
    into ``problems`` as a ``Problem`` naming the file and line, and reading goes on; without
    a ``problems`` list it raises ``InputError``.
    """
    where = str(path)
    try:
        f = open(path, encoding="utf-8", errors="strict")  # noqa: SIM115 - closed below, lines are lazy
    except OSError as exc:
        _problem(Problem(where, f"cannot be read: {exc.strerror or exc}"), problems)
        return
    with f:
        lineno = 0
        while True:
            lineno += 1
            try:
                line = f.readline()
            except UnicodeDecodeError as exc:
                _problem(Problem(f"{where}:{lineno}", f"not UTF-8: byte 0x{exc.object[exc.start:exc.start + 1].hex()} "
                                                      "cannot be decoded; the rest of the file is not read"), problems)
                return
            if not line:
                return
            if not line.strip():
                continue
            try:
                record = parse_line(line.rstrip("\r\n"))
            except ValueError as exc:
                _problem(Problem(f"{where}:{lineno}", str(exc)), problems)
                continue
            if (bad := check_record(record)) is None and (at := lone_surrogate(record)) is not None:
                bad = f"a lone surrogate at {at}"
            if bad is not None:
                _problem(Problem(f"{where}:{lineno}", bad), problems)
                continue
            yield record


def _problem(problem: Problem, problems: list[Problem] | None) -> None:
    if problems is None:
        raise InputError(problem.where, problem.message)
    problems.append(problem)
