"""Reference facts the tests check the geodata against: the 26 districts of Hesse with their keys."""

from typing import NamedTuple


class District(NamedTuple):
    ags: str
    name: str
    kind: str  # "Landkreis" or "Kreisfreie Stadt"


HESSE_DISTRICTS: tuple[District, ...] = (
    District("06411", "Darmstadt", "Kreisfreie Stadt"),
    District("06412", "Frankfurt am Main", "Kreisfreie Stadt"),
    District("06413", "Offenbach am Main", "Kreisfreie Stadt"),
    District("06414", "Wiesbaden", "Kreisfreie Stadt"),
    District("06431", "Bergstraße", "Landkreis"),
    District("06432", "Darmstadt-Dieburg", "Landkreis"),
    District("06433", "Groß-Gerau", "Landkreis"),
    District("06434", "Hochtaunuskreis", "Landkreis"),
    District("06435", "Main-Kinzig-Kreis", "Landkreis"),
    District("06436", "Main-Taunus-Kreis", "Landkreis"),
    District("06437", "Odenwaldkreis", "Landkreis"),
    District("06438", "Offenbach", "Landkreis"),
    District("06439", "Rheingau-Taunus-Kreis", "Landkreis"),
    District("06440", "Wetteraukreis", "Landkreis"),
    District("06531", "Gießen", "Landkreis"),
    District("06532", "Lahn-Dill-Kreis", "Landkreis"),
    District("06533", "Limburg-Weilburg", "Landkreis"),
    District("06534", "Marburg-Biedenkopf", "Landkreis"),
    District("06535", "Vogelsbergkreis", "Landkreis"),
    District("06611", "Kassel", "Kreisfreie Stadt"),
    District("06631", "Fulda", "Landkreis"),
    District("06632", "Hersfeld-Rotenburg", "Landkreis"),
    District("06633", "Kassel", "Landkreis"),
    District("06634", "Schwalm-Eder-Kreis", "Landkreis"),
    District("06635", "Waldeck-Frankenberg", "Landkreis"),
    District("06636", "Werra-Meißner-Kreis", "Landkreis"),
)
