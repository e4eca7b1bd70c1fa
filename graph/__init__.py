"""Neo4j storage of extractions (schema, idempotent writer, cross-article resolution) and
exports to networkx and interactive pyvis maps."""

from graph.export import from_extractions, to_networkx

__all__ = ["from_extractions", "to_networkx"]
