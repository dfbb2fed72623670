"""Reading an uploaded CSV: its encoding (UTF-8 with or without BOM, Windows-1252 from Excel),
its separator (";" from German Excel or ","), the header against the export's columns."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask_babel import gettext as _

from jobnet.opendata.licence import LICENCE_COLUMNS
from jobnet.opendata.records import columns
from jobnet.posts.kinds import field_spec

MAX_ROWS = 2000
SEPARATORS = (";", ",")
# In the export but not taken from a file: JobNet sets them (number, address, organisation, the
# place's district and municipality, times, a fair's state and co-organisers).
EXPORT_ONLY = frozenset({"id", "url", "organisation", "district_ags", "district_name",
                         "municipality_ags", "municipality_name", "published_at", "updated_at",
                         "state", "state_note", "co_organisers"})
FORMULA_STARTS = ("=", "+", "-", "@")


class BadFile(ValueError):
    """A file JobNet cannot read as a list of posts; the message is German."""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]  # the importable columns the file has
    rows: tuple[tuple[int, dict[str, str]], ...]  # (line number in the file, values by column)


def importable(name: str) -> bool:
    spec = field_spec(name)
    return name == "kind" or (spec is not None and not spec.derived)


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 (a BOM is dropped), else Windows-1252, else BadFile."""
    if not raw.strip():
        raise BadFile(_("Die Datei ist leer."))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        raise BadFile(_("Die Datei ist UTF-16-kodiert. Bitte speichern Sie sie als „CSV UTF-8“."))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # Excel's "CSV (Trennzeichen-getrennt)" on German Windows
    except UnicodeDecodeError:
        raise BadFile(_("Die Zeichenkodierung der Datei ist unbekannt. Bitte speichern Sie sie "
                        "als „CSV UTF-8“.")) from None


def _header(text: str) -> tuple[str, list[str]]:
    first = text.splitlines()[0] if text.splitlines() else ""
    known = {column.name for column in columns()}
    best = max(SEPARATORS, key=lambda sep: len(known & {c.strip() for c in first.split(sep)}))
    names = [name.strip() for name in next(csv.reader([first], delimiter=best))]
    if "kind" not in names or "title" not in names:
        raise BadFile(_("Die erste Zeile muss die Spaltennamen enthalten, getrennt durch „;“ "
                        "oder „,“, darunter „kind“ und „title“ (wie im Export)."))
    return best, names


def read_table(raw: bytes) -> Table:
    """The file as rows of importable values, or BadFile for what no row could fix."""
    text = decode(raw)
    separator, names = _header(text)
    known = {column.name for column in columns()} | set(LICENCE_COLUMNS)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise BadFile(_("Unbekannte Spalten: %(names)s. Erlaubt sind die Spalten des Exports.",
                        names=", ".join(unknown)))
    if len(set(names)) != len(names):
        raise BadFile(_("Eine Spalte steht zweimal in der ersten Zeile."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    next(reader)
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) == MAX_ROWS:
            raise BadFile(_("Die Datei hat mehr als %(n)d Zeilen. Bitte teilen Sie sie auf.",
                            n=MAX_ROWS))
        if len(cells) > len(names):
            raise BadFile(_("Zeile %(line)d hat mehr Zellen als die erste Zeile Spalten. Ist "
                            "das Trennzeichen überall gleich?", line=reader.line_num))
        values = {name: _as_text(cell) for name, cell in zip(names, cells) if importable(name)}
        rows.append((reader.line_num, values))
    if not rows:
        raise BadFile(_("Die Datei enthält nur die Kopfzeile, aber keine Beiträge."))
    return Table(tuple(name for name in names if importable(name)), tuple(rows))


def _as_text(cell: str) -> str:
    # The export writes "'=..." so spreadsheets show a formula as text; read it back as typed.
    # Any other cell starting with "=" stays text too: nothing here ever evaluates a cell.
    cell = cell.strip()
    if cell.startswith("'") and cell[1:2] in FORMULA_STARTS:
        return cell[1:]
    return cell
