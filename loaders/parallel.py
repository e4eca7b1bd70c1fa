"""Extraction on several processes: the same extractions as one process, in input order, streamed.

``extract_records`` reads the inputs lazily in this process and hands the articles to a pool of
worker processes (``multiprocessing``, ordered ``imap`` in chunks); at most a few chunks per
worker are in flight, so memory does not grow with the corpus. Each worker calls the public
``loaders.extract.extract`` and sends back the extraction contract's record (or, for
``geokg extract``, the JSON line itself, so that this process only writes).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tqdm import tqdm

from loaders.extract import extract
from loaders.models import Article
from loaders.pipeline import RunReport, json_line, read_articles
from loaders.problems import InternalError

T = TypeVar("T")
R = TypeVar("R")
CHUNK = 16  # articles sent to a worker at a time


def default_workers() -> int:
    """The cores this process may run on.

    >>> default_workers() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _record(item: Article) -> tuple[int, int, dict[str, Any]] | InternalError:
    try:
        rec = extract(item).to_json()
    except Exception as exc:  # the extractor's bug: this article is lost, the run goes on
        return InternalError.of(item.origin or f"article {item.id}", exc)
    return len(rec["entities"]), len(rec["events"]), rec


def _line(item: Article) -> tuple[int, int, str] | InternalError:
    out = _record(item)
    if isinstance(out, InternalError):
        return out
    return out[0], out[1], json_line(out[2])


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int, chunksize: int = CHUNK,
                ahead: int = 0) -> Iterator[R]:
    """``map(fn, items)`` on ``workers`` processes, results in input order, with at most a few
    chunks per worker (or ``ahead`` items, if more) read ahead of what the caller has taken.
    ``fn`` must be importable."""
    if workers <= 1:
        yield from map(fn, items)
        return
    room = threading.BoundedSemaphore(max(4 * workers * chunksize, ahead))
    stop = threading.Event()

    def feed() -> Iterator[T]:
        for item in items:
            while not room.acquire(timeout=0.2):
                if stop.is_set():
                    return
            yield item

    # spawn: workers start clean (no copy of this process's threads, sockets or Neo4j driver)
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        try:
            for out in pool.imap(fn, feed(), chunksize):
                room.release()
                yield out
        finally:
            stop.set()


#: How articles reach the extractor: ``mapper(fn, articles)`` yields ``fn`` of each, in order
#: (``ordered_map`` on this machine's processes, ``loaders.dask_extract.cluster_map`` on Dask).
Mapper = Callable[[Callable[[Article], Any], Iterable[Article]], Iterator[Any]]


def _extracted(paths: Iterable[str | Path], fmt: str | None, report: RunReport, workers: int | Mapper,
               progress: bool, fn: Callable[[Article], Any], max_chars: int | None,
               ahead: int = 0) -> Iterator[Any]:
    bar = tqdm(desc="extracting", unit=" articles", disable=not progress, leave=False, smoothing=0.1)
    mapper = workers if callable(workers) else (lambda f, items: ordered_map(f, items, workers, ahead=ahead))
    try:
        articles = read_articles(paths, fmt, report=report, max_chars=max_chars)
        for out in mapper(fn, articles):
            if isinstance(out, InternalError):
                report.errors.append(out)
                continue
            n_entities, n_events, payload = out
            report.articles += 1
            report.entities += n_entities
            report.events += n_events
            bar.update(1)
            yield payload
    finally:
        bar.close()


def extract_records(paths: Iterable[str | Path], fmt: str | None = None, *, report: RunReport | None = None,
                    workers: int | None = None, progress: bool = False,
                    max_chars: int | None = None, ahead: int = 0) -> Iterator[dict[str, Any]]:
    """The extraction record of every article of ``paths``, in input order, extracted on
    ``workers`` processes (default: every core); problems go into ``report``. ``ahead``: how
    many records the workers may extract before the caller takes them (a loader passes its
    batch size, so that the next batch is extracted while this one is written).

    >>> r = RunReport()
    >>> [x["article_id"] for x in extract_records(["seeds"], report=r, workers=2)][:1], r.articles
    (['sha1:fb926997f473a020'], 20)
    """
    report = report if report is not None else RunReport()
    yield from _extracted(paths, fmt, report, workers or default_workers(), progress, _record, max_chars, ahead)


def extract_lines(paths: Iterable[str | Path], fmt: str | None = None, *, report: RunReport | None = None,
                  workers: int | Mapper | None = None, progress: bool = False,
                  max_chars: int | None = None) -> Iterator[str]:
    """Like ``extract_records``, as the JSON Lines ``geokg extract`` writes. ``workers`` may
    also be a ``Mapper`` that runs the extraction elsewhere (a Dask cluster)."""
    report = report if report is not None else RunReport()
    yield from _extracted(paths, fmt, report, workers or default_workers(), progress, _line, max_chars)
