"""Public records written as CSV (German Excel and RFC 4180) and GeoJSON (RFC 7946), in chunks.

Every writer takes an iterator of posts and yields text a few hundred rows at a time, so an
export of any size needs the memory of one chunk (bench/bench_export.py measures it).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from jobnet.opendata.records import Column, public_record
from jobnet.posts.models import Post

CHUNK_ROWS = 200  # rows per yielded chunk: fewer, larger writes; still small in memory
# OWASP "CSV Injection": spreadsheet programs run a cell starting with these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " | "  # between the items of a list in one cell (target groups, links …)
COORDINATE_DECIMALS = 6  # about 10 cm; RFC 7946 advises no more


@dataclass(frozen=True)
class CsvVariant:
    """How a CSV file is written: German Excel opens `;` with a BOM and decimal commas."""

    delimiter: str
    bom: bool
    decimal_comma: bool


EXCEL = CsvVariant(delimiter=";", bom=True, decimal_comma=True)
RFC4180 = CsvVariant(delimiter=",", bom=False, decimal_comma=False)


def neutralised(text: str) -> str:
    """Text a spreadsheet shows as text, never runs: a leading ' before a formula character."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(value: object, variant: CsvVariant) -> str:
    """One value as a CSV cell; numbers stay numbers, text cannot become a formula."""
    if type(value) is str:  # the common case first: this runs for every cell
        return "'" + value if value.startswith(FORMULA_START) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if variant.decimal_comma else text
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    return neutralised(str(value))


def csv_chunks(posts: Iterable[Post], columns: Sequence[Column], variant: CsvVariant,
               constant: Sequence[tuple[str, str]] = ()) -> Iterator[str]:
    """The CSV text: a header of column names, then one row per post (CRLF, as RFC 4180);
    `constant` columns (name, text) end every row with the same cell (the licence)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=variant.delimiter, lineterminator="\r\n")
    names = [column.name for column in columns]
    writer.writerow(names + [name for name, _text in constant])
    yield ("\ufeff" if variant.bom else "") + _drain(buffer)
    tail = [csv_cell(text, variant) for _name, text in constant]
    for rows, post in enumerate(posts, start=1):
        record = public_record(post)
        writer.writerow([csv_cell(record.get(name), variant) for name in names] + tail)
        if rows % CHUNK_ROWS == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def feature(post: Post) -> dict[str, object]:
    """A post as a GeoJSON Feature: its point (or null) and its record without coordinates."""
    properties = public_record(post)
    latitude, longitude = properties.pop("latitude"), properties.pop("longitude")
    geometry = None
    if latitude is not None and longitude is not None:
        geometry = {"type": "Point", "coordinates": [round(float(longitude), COORDINATE_DECIMALS),
                                                     round(float(latitude), COORDINATE_DECIMALS)]}
    return {"type": "Feature", "id": post.id, "geometry": geometry, "properties": properties}


def geojson_chunks(posts: Iterable[Post], members: dict[str, object]) -> Iterator[str]:
    """A FeatureCollection with foreign members (licence, attribution) before its features."""
    head = json.dumps({"type": "FeatureCollection", **members}, ensure_ascii=False)
    yield head[:-1] + ', "features": ['
    parts: list[str] = []
    separator = ""
    for post in posts:
        parts.append(separator + json.dumps(feature(post), ensure_ascii=False))
        separator = ",\n"
        if len(parts) == CHUNK_ROWS:
            yield "".join(parts)
            parts.clear()
    yield "".join(parts) + "]}\n"
