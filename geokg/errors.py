"""One exception root for the project, so callers can catch ours and nothing else.

Every message says what happened and what to do about it.
"""

from __future__ import annotations


class GeoKGError(Exception):
    """Root of every error this project raises on purpose."""


class ConfigError(GeoKGError):
    """A setting is missing or malformed."""


class Neo4jUnavailable(GeoKGError):
    """No Neo4j server can be reached or started."""


class InputError(GeoKGError):
    """An input file or record cannot be read. ``where`` names the file and line/record."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class QueryError(GeoKGError):
    """A canned query is unknown or was given bad parameters."""
