"""Posts per district and kind counted in plain SQL, independent of the app's query code, and
the district table read back from a page with an HTML parser (html.parser: no lxml or html5lib
in this environment)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from html.parser import HTMLParser

from sqlalchemy import Date, bindparam, text

from jobnet.sqltypes import UTCDateTime

KINDS = ("settlement", "programme", "project", "fair")

_COUNTS = """
SELECT p.district_ags, p.kind, COUNT(*), COALESCE(SUM(s.jobs_expected), 0)
FROM post p
LEFT JOIN settlement s ON s.id = p.id
LEFT JOIN job_fair f ON f.id = p.id
WHERE p.status = 'published' AND p.district_ags IS NOT NULL
  AND (p.valid_until IS NULL OR p.valid_until >= :today)
  AND (p.kind <> 'fair' OR f.ends_at >= :now OR :past = 1)
  AND (:kind = '' OR p.kind = :kind)
  AND (:target_group = '' OR EXISTS (SELECT 1 FROM post_target_group g
                                     WHERE g.post_id = p.id AND g.code = :target_group))
GROUP BY p.district_ags, p.kind
"""


def sql_counts(db, *, now: datetime, today: date, kind: str = "", target_group: str = "",
               past: bool = False) -> dict[str, dict]:
    """{ags: {"kinds": {kind: n}, "posts": n, "jobs": n}} for published, current posts."""
    statement = text(_COUNTS).bindparams(bindparam("now", type_=UTCDateTime),
                                         bindparam("today", type_=Date))
    rows = db.session.execute(statement, {"now": now, "today": today, "past": int(past),
                                          "kind": kind, "target_group": target_group})
    counts: dict[str, dict] = defaultdict(
        lambda: {"kinds": dict.fromkeys(KINDS, 0), "posts": 0, "jobs": 0})
    for ags, row_kind, posts, jobs in rows:
        counts[ags]["kinds"][row_kind] = posts
        counts[ags]["posts"] += posts
        counts[ags]["jobs"] += int(jobs)
    return dict(counts)


class _TableParser(HTMLParser):
    """Rows of <table id="district-table">: attributes of each <tr> and the text of its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.section = ""
        self.caption: list[str] = []
        self.rows: list[dict] = []
        self.cell: dict | None = None
        self.in_caption = False
        self.in_hidden = False  # inside a <span hidden>, which nobody sees or hears

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "district-table":
            self.inside = True
        if not self.inside:
            return
        if tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.rows.append({"section": self.section, "attrs": attrs, "cells": []})
        elif tag in ("th", "td"):
            self.cell = {"tag": tag, "attrs": attrs, "text": "", "links": []}
            self.rows[-1]["cells"].append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.cell["links"].append(attrs)
        elif tag == "span" and "hidden" in attrs:
            self.in_hidden = True

    def handle_endtag(self, tag):
        if tag == "table" and self.inside:
            self.inside = False
        elif tag in ("th", "td"):
            self.cell = None
        elif tag == "caption":
            self.in_caption = False
        elif tag == "span":
            self.in_hidden = False

    def handle_data(self, data):
        if self.in_caption:
            self.caption.append(data)
        elif self.cell is not None and not self.in_hidden:
            self.cell["text"] += data


def read_table(html: str) -> _TableParser:
    """The district table of a page, parsed."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    assert parser.rows, "the page has no district table"
    return parser


def number(cell_text: str) -> int:
    """A count as the German page writes it ("1.200")."""
    return int(cell_text.strip().replace(".", "").replace(",", ""))
