"""Export the graph to the tools analysts already use: GraphML and GEXF (Gephi, networkx,
Cytoscape, yEd), CSV (spreadsheets) and Parquet (pandas, DuckDB, Spark).

Everything is written from ``graph.tables``: GraphML and GEXF as one file whose nodes are the
entities and whose edges are the events (names, labels, types, dates, evidence and article as
attributes); CSV and Parquet as a folder holding ``entities``, ``events`` and ``articles``.

In the graph files a node's ``label`` is its name (what Gephi and yEd show), ``entity_label``
its kind (Country, Person …); an edge's ``label`` is its event type. GEXF edges also carry the
period of their date as ``start``/``end``, so Gephi's timeline can filter them.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Final

import networkx as nx
import pandas as pd

from geokg import vocab
from geokg.errors import GeoKGError
from graph.periods import period
from graph.tables import Tables

FORMATS: Final = ("graphml", "gexf", "csv", "parquet")
FOLDER_FORMATS: Final = frozenset({"csv", "parquet"})
CSV_ENCODING: Final = "utf-8-sig"  # the byte-order mark makes spreadsheet programs read Japanese as UTF-8


class ExportError(GeoKGError):
    """An export could not be written (an unknown format, a path of the wrong kind, a missing library)."""


def format_for(path: str | Path, fmt: str | None) -> str:
    """The format asked for, else the one the file name says (``x.graphml``, ``x.gexf``).

    >>> format_for("out/graph.gexf", None), format_for("out/tables", "parquet")
    ('gexf', 'parquet')
    """
    if fmt:
        if fmt not in FORMATS:
            raise ExportError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("graphml", "gexf"):
        return suffix
    raise ExportError(f"say which format to write to {path} with --format ({'|'.join(FORMATS)})")


def _plain(value: Any) -> Any:
    """A value GraphML/GEXF can hold: numpy scalars as Python ones, missing values as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in df.astype(object).to_dict("records"):
        plain = {str(k): _plain(v) for k, v in row.items()}
        out.append({k: v for k, v in plain.items() if v is not None and v != ""})
    return out


def to_graph(tables: Tables, *, timeline: bool = False) -> nx.MultiDiGraph:
    """The entities and events as a MultiDiGraph with only plain, non-missing attributes
    (edges keyed by their uid). ``timeline`` adds GEXF's ``start``/``end`` to dated edges.

    >>> from graph.tables import from_extractions
    >>> g = to_graph(from_extractions([]))
    >>> g.number_of_nodes(), g.graph["name"]
    (0, 'geokg')
    """
    g = nx.MultiDiGraph(name="geokg")
    for row in _records(tables.entities):
        node = row.pop("id")
        row["entity_label"] = row.pop("label", None) or ""
        row["label"] = row.get("name") or node
        g.add_node(node, **row)
    for row in _records(tables.events):
        source, target, uid = row.pop("source"), row.pop("target"), row.pop("uid")
        for end in (source, target):
            if end not in g:  # an edge to an entity the tables lack still shows its end
                g.add_node(end, label=end, entity_label="")
        row["event_type"] = row.pop("type")
        row["label"] = row["event_type"]
        row["symmetric"] = row["event_type"] in vocab.SYMMETRIC
        when = period(row.get("date"), row.get("date_precision")) if timeline else None
        if when:
            row["start"], row["end"] = when
        g.add_edge(source, target, key=uid, **row)
    return g


def write(tables: Tables, path: str | Path, fmt: str) -> list[Path]:
    """Write ``tables`` as ``fmt`` to ``path`` (a file for graphml/gexf, a folder for
    csv/parquet); return the files written.

    >>> import tempfile
    >>> from graph.tables import from_extractions
    >>> out = Path(tempfile.mkdtemp()) / "t"
    >>> [p.name for p in write(from_extractions([]), out, "csv")]
    ['entities.csv', 'events.csv', 'articles.csv']
    """
    fmt = format_for(path, fmt)
    out = Path(path)
    if fmt in FOLDER_FORMATS:
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out} is a file: {fmt} export writes a folder of tables there")
        out.mkdir(parents=True, exist_ok=True)
        return [_write_table(df, out / f"{name}.{fmt}", fmt) for name, df in tables.items()]
    if out.is_dir():
        raise ExportError(f"{out} is a folder: {fmt} export writes one file; give a file name such as graph.{fmt}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(to_graph(tables), out, encoding="utf-8", prettyprint=True, named_key_ids=True)
    else:
        nx.write_gexf(to_graph(tables, timeline=True), out, encoding="utf-8", prettyprint=True, version="1.2draft")
    return [out]


def _write_table(df: pd.DataFrame, path: Path, fmt: str) -> Path:
    if fmt == "csv":
        df.to_csv(path, index=False, encoding=CSV_ENCODING, lineterminator="\n")
        return path
    try:
        import pyarrow  # noqa: F401  (pandas' Parquet engine)
    except ImportError as exc:
        raise ExportError("Parquet needs pyarrow: pip install 'geokg[parquet]' (or pip install pyarrow)") from exc
    df.to_parquet(path, index=False, engine="pyarrow")
    return path
