"""Inputs to extractions: read every source, extract every article, report what was skipped."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from tqdm import tqdm

from loaders.extract import extract
from loaders.models import Extraction
from loaders.sources import Problem, read_inputs


@dataclass
class RunReport:
    """What one run read, extracted and skipped."""

    articles: int = 0
    entities: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)


def extract_inputs(
    paths: Iterable[str | Path], fmt: str | None = None, *, report: RunReport | None = None,
    progress: bool = False,
) -> Iterator[Extraction]:
    """Extract every article of ``paths``; problems go into ``report`` and the run goes on.

    >>> r = RunReport()
    >>> n = sum(1 for _ in extract_inputs(["seeds/000_55682db804c659e6.txt"], report=r))
    >>> n, r.skipped
    (20, 0)
    """
    report = report if report is not None else RunReport()
    bar = tqdm(desc="extracting", unit=" articles", disable=not progress, leave=False)
    try:
        for item in read_inputs(list(paths), fmt):
            if isinstance(item, Problem):
                report.problems.append(item)
                continue
            ex = extract(item)
            report.articles += 1
            report.entities += len(ex.entities)
            report.events += len(ex.events)
            bar.update(1)
            yield ex
    finally:
        bar.close()


def write_jsonl(extractions: Iterable[Extraction], out: IO[str]) -> int:
    """Write the extraction contract's JSON Lines; returns the number of lines."""
    n = 0
    for ex in extractions:
        out.write(json.dumps(ex.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n


def read_extractions(path: str | Path) -> Iterator[dict]:
    """Read back a file written by ``write_jsonl`` (one JSON object a line)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
