"""URL converters shared by every blueprint."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

from jobnet.sqltypes import MAX_DATABASE_ID


class DatabaseIdConverter(IntegerConverter):
    """`<id:name>`: a positive row id; larger numbers are a 404, never a failing query (500)."""

    def __init__(self, map, **kwargs) -> None:
        super().__init__(map, min=1, max=MAX_DATABASE_ID, **kwargs)


CONVERTERS = {"id": DatabaseIdConverter}
