"""geokg: a geopolitical event knowledge graph from Japanese news.

The packages beside this one do the work: ``loaders`` (articles in, entities and dated
events out), ``graph`` (Neo4j storage, networkx and pyvis exports) and ``queries``
(canned Cypher). This package holds what they share: settings, errors, the vocabulary
of labels and relationship types, the local Neo4j server and the command line.
"""

__version__ = "0.1.0"
