"""Extraction on a Dask cluster (loaders/dask_extract.py): a real ``distributed.LocalCluster``
of two worker processes gives the bytes one process writes, in input order, with the same
problems named; the bag entry point gives the records of the one-process path. Skipped when
the ``dask`` extra is not installed (``make test`` installs it)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.corpus import write
from geokg.errors import ConfigError
from loaders import dask_extract
from loaders.parallel import extract_records
from loaders.pipeline import RunReport

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")

ROOT = Path(__file__).resolve().parents[1]
BAD_LINES = ['{"id": "bad-1", "text": 5}', "{not json", '{"id": "bad-2", "text": ""}']


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0") as c:
        yield c


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """36 generated articles with three bad lines among them, and a second file of 12."""
    folder = tmp_path_factory.mktemp("dask-inputs")
    news, more = folder / "news.jsonl", folder / "more.jsonl"
    write(news, 36, seed=21)
    lines = news.read_text(encoding="utf-8").splitlines(keepends=True)
    for k, bad in zip((3, 17, 30), BAD_LINES, strict=True):
        lines.insert(k, bad + "\n")
    news.write_text("".join(lines), encoding="utf-8")
    write(more, 12, seed=22)
    return {"news": news, "more": more}


def geokg_extract(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geokg.cli", "extract", "--no-progress", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def one_worker(inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str, int]:
    out = tmp_path_factory.mktemp("one") / "out.jsonl"
    done = geokg_extract(str(inputs["news"]), str(inputs["more"]), "seeds", "--workers", "1", "-o", str(out))
    return out.read_bytes(), done.stderr, done.returncode


@pytest.mark.parametrize("where", ["scheduler", "local"])
def test_extract_on_a_cluster_writes_the_bytes_of_one_worker(where: str, cluster: distributed.LocalCluster,
                                                            inputs: dict[str, Path], tmp_path: Path,
                                                            one_worker: tuple[bytes, str, int]) -> None:
    expected, stderr, status = one_worker
    assert status == 3 and expected.count(b"\n") == 36 + 12 + 20
    address = cluster.scheduler_address if where == "scheduler" else "local"
    out = tmp_path / "out.jsonl"
    done = geokg_extract(str(inputs["news"]), str(inputs["more"]), "seeds", "--dask", address, "--workers", "2",
                         "-o", str(out))
    assert (out.read_bytes(), done.stderr, done.returncode) == (expected, stderr, status)
    assert f"{inputs['news']}:31: \"text\" is empty" in done.stderr  # problems named by file and line


def test_a_bag_of_records_gives_the_records_of_one_worker(cluster: distributed.LocalCluster,
                                                         inputs: dict[str, Path], tmp_path: Path) -> None:
    expected = list(extract_records([inputs["news"]], report=RunReport(), workers=1))
    with distributed.Client(cluster):
        lines = dask_bag.read_text(str(inputs["news"]), include_path=True, blocksize=4000)
        assert lines.npartitions > 3
        assert dask_extract.extract_bag(lines).compute() == expected
        outcomes = dask_extract.extract_outcomes(lines).compute()
        assert [str(x) for x in outcomes if not isinstance(x, dict)] == [
            f'{inputs["news"]}: record bad-1: "text" is a number, expected a string',
            f"{inputs['news']}: record '{{not json': invalid JSON (Expecting property name enclosed in double "
            "quotes, column 2)",
            f'{inputs["news"]}: record bad-2: "text" is empty']
        # records as dicts (no file: no default source), and the README's way of writing them
        dicts = dask_bag.from_sequence([json.loads(x) for x in inputs["more"].read_text("utf-8").splitlines()],
                                       npartitions=3)
        assert dask_extract.extract_bag(dicts).compute() == list(
            extract_records([inputs["more"]], report=RunReport(), workers=1))
        dask_extract.extract_bag(dask_bag.read_text(str(inputs["more"]), include_path=True, blocksize=3000)).map(
            dask_extract.to_line).to_textfiles(str(tmp_path / "out" / "*.jsonl"), encoding="utf-8",
                                               last_endline=True)
    parts = sorted((tmp_path / "out").glob("*.jsonl"), key=lambda p: int(p.stem))
    assert len(parts) > 1
    one = geokg_extract(str(inputs["more"]), "--workers", "1")
    assert b"".join(p.read_bytes() for p in parts) == one.stdout.encode("utf-8")


def test_clear_errors_without_dask_or_without_a_scheduler(monkeypatch: pytest.MonkeyPatch) -> None:
    done = geokg_extract("seeds", "--dask", "tcp://127.0.0.1:9", "-o", "/dev/null")
    assert done.returncode == 1
    assert done.stderr.startswith("geokg: no Dask scheduler answers at tcp://127.0.0.1:9 (")
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"Dask is not installed: `pip install 'geokg\[dask\]'`"), \
            dask_extract.client("local"):
        pass
