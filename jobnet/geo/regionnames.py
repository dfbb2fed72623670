"""How to name a region in German and English, and how far past its border a post may lie.

scripts/build_geodata.py writes these into the region's metadata.json ("names",
"max_outside_km"); jobnet/geo/regiondata.py falls back to them, by the key prefix, for a folder
built before those fields existed. German needs several forms of a name: "Karte der Beiträge in
Hessen", "außerhalb Hessens", "Ganz Hessen"; the Saarland takes an article ("im Saarland").
"""

from __future__ import annotations

# A state's border is open: a job fair in Mainz belongs to the Hessian network. Germany's border
# is the network's edge: 0 km, plus a little for the borders' generalisation (VG250 at
# 1:250,000): Kleinhüningen (Basel) lies 0.24 km past it, Kreuzlingen 0.44 km, Basel 2.3 km.
STATE_MAX_OUTSIDE_KM = 30.0
COUNTRY_MAX_OUTSIDE_KM = 0.2

# Forms per language. "genitive" is the form after "außerhalb"/"outside" and "Karte"/"map of".
FORM_KEYS = ("name", "in", "genitive", "whole")


def _state(de: str, genitive: str, en: str) -> dict[str, dict[str, str]]:
    return {"de": {"name": de, "in": f"in {de}", "genitive": genitive, "whole": f"ganz {de}"},
            "en": {"name": en, "in": f"in {en}", "genitive": en, "whole": f"all of {en}"}}


NAMES_BY_PREFIX: dict[str, dict[str, dict[str, str]]] = {
    "": _state("Deutschland", "Deutschlands", "Germany"),
    "01": _state("Schleswig-Holstein", "Schleswig-Holsteins", "Schleswig-Holstein"),
    "02": _state("Hamburg", "Hamburgs", "Hamburg"),
    "03": _state("Niedersachsen", "Niedersachsens", "Lower Saxony"),
    "04": _state("Bremen", "Bremens", "Bremen"),
    "05": _state("Nordrhein-Westfalen", "Nordrhein-Westfalens", "North Rhine-Westphalia"),
    "06": _state("Hessen", "Hessens", "Hesse"),
    "07": _state("Rheinland-Pfalz", "von Rheinland-Pfalz", "Rhineland-Palatinate"),
    "08": _state("Baden-Württemberg", "Baden-Württembergs", "Baden-Württemberg"),
    "09": _state("Bayern", "Bayerns", "Bavaria"),
    "10": {"de": {"name": "Saarland", "in": "im Saarland", "genitive": "des Saarlandes",
                  "whole": "das ganze Saarland"},
           "en": {"name": "Saarland", "in": "in Saarland", "genitive": "Saarland",
                  "whole": "all of Saarland"}},
    "11": _state("Berlin", "Berlins", "Berlin"),
    "12": _state("Brandenburg", "Brandenburgs", "Brandenburg"),
    "13": _state("Mecklenburg-Vorpommern", "Mecklenburg-Vorpommerns",
                 "Mecklenburg-Western Pomerania"),
    "14": _state("Sachsen", "Sachsens", "Saxony"),
    "15": _state("Sachsen-Anhalt", "Sachsen-Anhalts", "Saxony-Anhalt"),
    "16": _state("Thüringen", "Thüringens", "Thuringia"),
}


def region_names(prefix: str, name: str) -> dict[str, dict[str, str]]:
    """The forms for a region of that key prefix; a region given only a name (e.g. a
    Regierungsbezirk built with --name) gets forms that need no declension ("von X")."""
    if prefix in NAMES_BY_PREFIX and (not name or name == NAMES_BY_PREFIX[prefix]["de"]["name"]):
        return NAMES_BY_PREFIX[prefix]
    return {"de": {"name": name, "in": f"in {name}", "genitive": f"von {name}",
                   "whole": f"ganz {name}"},
            "en": {"name": name, "in": f"in {name}", "genitive": name, "whole": f"all of {name}"}}


def max_outside_km(prefix: str) -> float:
    """Germany ends at its border; a part of it reaches 30 km into its neighbours."""
    return COUNTRY_MAX_OUTSIDE_KM if prefix == "" else STATE_MAX_OUTSIDE_KM
