"""Germany's 16 states (Länder) by their two-digit key, the first two digits of every AGS.

A curated table rather than read from the region's data: the names never change, Hesse's folder
holds only one state, and tests/geo/test_states.py checks it against the VG250 `laender` layer.
"""

from __future__ import annotations

STATES: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


def state_of(ags: str | None) -> str:
    """The state key of a district or municipality key ("06435" -> "06"), or ""."""
    return ags[:2] if ags and ags[:2] in STATES else ""


def state_name(key: str | None) -> str:
    """The state's name ("03" -> "Niedersachsen"), or ""."""
    return STATES.get(key or "", "")
