"""URL converters shared by every blueprint."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

# The largest value of the databases' INTEGER primary keys (SQLite and PostgreSQL alike).
MAX_DATABASE_ID = 2_147_483_647


class DatabaseIdConverter(IntegerConverter):
    """`<id:name>`: a positive row id; larger numbers are a 404, never a failing query (500)."""

    def __init__(self, map, **kwargs) -> None:
        super().__init__(map, min=1, max=MAX_DATABASE_ID, **kwargs)


CONVERTERS = {"id": DatabaseIdConverter}
