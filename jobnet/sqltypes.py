"""Column types shared by the models, and the range of their integer row ids."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


# The largest value of the databases' INTEGER primary keys (SQLite and PostgreSQL alike).
MAX_DATABASE_ID = 2_147_483_647


def is_database_id(value: object) -> bool:
    """Whether a value from outside (URL, token, form) can be a row id: an int, not a bool, in
    range; anything else would fail in the query (SQLite: OverflowError, a 500)."""
    return type(value) is int and 0 < value <= MAX_DATABASE_ID


class UTCDateTime(TypeDecorator):
    """A timezone-aware datetime stored as naive UTC, so SQLite and PostgreSQL agree."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs a timezone-aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)

