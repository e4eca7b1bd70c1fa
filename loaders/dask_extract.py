"""Extraction on a Dask cluster: past one machine (optional extra ``pip install geokg[dask]``).

Two ways in:

* ``geokg extract --dask ADDRESS`` (or ``--dask local``, a ``distributed.LocalCluster`` of
  this machine's cores): the inputs are read here, with every check of the local path
  (formats, the length limit, duplicates, problems named by file and line), and the articles
  go to the cluster's workers in chunks; the JSON lines come back in input order, the same
  bytes as one process writes. A few chunks per worker are in flight at a time, so memory
  here does not grow with the corpus (``cluster_map``).
* ``extract_bag(records)`` for a pipeline already on Dask: a ``dask.bag.Bag`` of records
  (JSON Lines objects as dicts or as lines of text) to a bag of extraction records (the
  contract's dicts), in the bag's order. ``extract_outcomes`` keeps, in place of a record
  that could not be read or extracted, the ``Problem`` or ``InternalError`` that says why.

Every worker needs geokg installed (the same version as the client): tasks name its
functions, they do not carry its code.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from geokg import config
from geokg.errors import ConfigError
from loaders.extract import extract
from loaders.jsonl import lone_surrogate, parse_line, record_article
from loaders.models import Article
from loaders.pipeline import json_line, too_long
from loaders.problems import InternalError, Problem

if TYPE_CHECKING:
    import dask.bag
    import distributed

T = TypeVar("T")
R = TypeVar("R")
CHUNK = 16  # articles per task
AHEAD = 4  # chunks in flight per worker thread

_MISSING = ("Dask is not installed: `pip install 'geokg[dask]'` (dask and distributed) on this machine and on "
            "every worker")


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ConfigError(_MISSING) from None
    return distributed


@contextmanager
def client(address: str, workers: int | None = None) -> Iterator[distributed.Client]:
    """A client of the scheduler at ``address`` (``tcp://host:8786``), or with ``local`` of a
    ``LocalCluster`` of ``workers`` processes (default: this machine's cores) started for the
    block and stopped after it: ``with client("local", workers=2) as c: ...`` (started for real
    in ``tests/test_dask.py``)."""
    dist = _distributed()
    if address == "local":
        from loaders.parallel import default_workers

        with dist.LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster, dist.Client(cluster) as c:
            yield c
        return
    try:
        c = dist.Client(address, timeout="10s")
    except OSError as exc:
        raise ConfigError(f"no Dask scheduler answers at {address} ({exc}): start one (`dask scheduler`, then "
                          "`dask worker ADDRESS` on each machine) or give --dask local") from None
    with c:
        yield c


def _chunk(fn: Callable[[T], R], items: list[T]) -> list[R]:
    return [fn(x) for x in items]


def cluster_map(dask_client: distributed.Client, fn: Callable[[T], R], items: Iterable[T],
                chunksize: int = CHUNK) -> Iterator[R]:
    """``map(fn, items)`` on the cluster's workers, results in input order, with at most
    ``AHEAD`` chunks per worker thread submitted ahead of what the caller has taken. ``fn``
    must be importable on the workers."""
    slots = max(1, sum(dask_client.nthreads().values())) * AHEAD
    pending: deque[Any] = deque()
    it = iter(items)
    try:
        while True:
            while len(pending) < slots:
                chunk = [x for _, x in zip(range(chunksize), it, strict=False)]
                if not chunk:
                    break
                pending.append(dask_client.submit(_chunk, fn, chunk, pure=False))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def mapper(dask_client: distributed.Client) -> Callable[[Callable[[Article], Any], Iterable[Article]], Iterator[Any]]:
    """``cluster_map`` on ``dask_client``, as ``loaders.parallel.extract_lines`` takes it."""
    return lambda fn, items: cluster_map(dask_client, fn, items)


# --- a bag of records ------------------------------------------------------------------------
Outcome = dict[str, Any] | Problem | InternalError


def _outcome(item: Any, limit: int) -> Outcome:
    """The extraction record of one input record, or what kept it out."""
    record, path = item if isinstance(item, tuple) and len(item) == 2 else (item, "")
    if isinstance(record, str):
        record = record.rstrip("\n").lstrip("\ufeff")
    where = _where(record, path)
    if isinstance(record, str):
        try:
            record = parse_line(record)
        except ValueError as exc:
            return Problem(where, str(exc))
        where = _where(record, path)
    if not isinstance(record, Article):
        if (bad := lone_surrogate(record)) is not None:
            return Problem(where, f"a lone surrogate (half of a UTF-16 pair, not a character) at {bad}")
        article = record_article(record, where, Path(path).stem if path else "")
        if isinstance(article, Problem):
            return article
        record = article
    if (problem := too_long(record, limit)) is not None:
        return problem
    try:
        return extract(record).to_json()
    except Exception as exc:  # the extractor's bug: this record is lost, the rest goes on
        return InternalError.of(where, exc)


def _where(record: Any, path: str) -> str:
    at = f"{path}: " if path else ""
    if isinstance(record, Article):
        return record.origin or f"{at}record {record.id}"
    if isinstance(record, dict) and isinstance(record.get("id"), str | int) and not isinstance(record["id"], bool):
        return f"{at}record {record['id']}"
    text = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False, default=str)
    return f"{at}record {text[:40]!r}"


def extract_outcomes(records: dask.bag.Bag, max_chars: int | None = None) -> dask.bag.Bag:
    """Per record of ``records``, in order: its extraction record (a dict), or the ``Problem``
    (bad input) or ``InternalError`` (a bug) that names it. A record is a JSON Lines object (a
    dict), a line of JSON Lines, a ``loaders.models.Article``, or a pair (line, path) as
    ``dask.bag.read_text(..., include_path=True)`` gives it (the file's stem is then the default
    ``source``, as ``geokg extract`` gives it). ``max_chars`` as ``--max-chars`` (read here, on
    the client, when not given).

    >>> import dask.bag as db
    >>> out = extract_outcomes(db.from_sequence(['{"id": "a", "text": "日米首脳が会談した。"}', "{"]))
    >>> [type(x).__name__ for x in out.compute(scheduler="sync")]
    ['dict', 'Problem']
    """
    limit = config.max_chars() if max_chars is None else max_chars
    return records.filter(_not_blank).map(_outcome, limit)


def _not_blank(item: Any) -> bool:
    """Blank lines are skipped, as a JSON Lines file's are."""
    text = item[0] if isinstance(item, tuple) and len(item) == 2 else item
    return not isinstance(text, str) or bool(text.strip().lstrip("\ufeff"))


def _is_record(x: Outcome) -> bool:
    return isinstance(x, dict)


def to_line(record: dict[str, Any]) -> str:
    """An extraction record as the line ``geokg extract`` writes, less its end of line (which
    ``Bag.to_textfiles`` adds).

    >>> to_line({"article_id": "a1", "entities": []})
    '{"article_id": "a1", "entities": []}'
    """
    return json_line(record)[:-1]


def extract_bag(records: dask.bag.Bag, max_chars: int | None = None) -> dask.bag.Bag:
    """The extraction records (the contract's dicts) of a bag of records, in its order; records
    that cannot be read or extracted are left out (``extract_outcomes`` says which and why).
    Unlike ``geokg extract``, an id given twice is extracted twice (a bag is not read in order).

    With files ``news/*.jsonl`` (the README's example, run in ``tests/test_dask.py``)::

        records = dask.bag.read_text("news/*.jsonl", include_path=True)
        extract_bag(records).map(to_line).to_textfiles("out/*.jsonl", encoding="utf-8", last_endline=True)
    """
    return extract_outcomes(records, max_chars).filter(_is_record)
