"""The OpenAPI 3.1 description of every /api/v1 endpoint, built from the same names the views
use (filters, limits, schemas), served as JSON and rendered as a page for people."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from jobnet.api import geo, ogc, posts
from jobnet.api.licence import licence_member
from jobnet.api.schemas import components, ref
from jobnet.geo.districts import district_choices, region_states
from jobnet.geo.settings import geo_settings
from jobnet.posts.labels import TARGET_GROUP_LABELS
from jobnet.posts.models import Kind

JSON, GEOJSON = "application/json", "application/geo+json"
OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.1"


def _param(name: str, schema: dict, description: str, *, required: bool = False,
           where: str = "query") -> dict:
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema}


def _filters() -> list[dict]:
    boolean = {"type": "boolean"}
    day = {"type": "string", "format": "date"}
    return [
        _param("kind", {"type": "string", "enum": [k.value for k in Kind]}, _("Art des Beitrags.")),
        _param("state", {"type": "string", "enum": [key for key, _name in region_states()]},
               _("Bundesland (die ersten zwei Stellen des Amtlichen Gemeindeschlüssels, "
                 "z. B. 06 Hessen).")),
        _param("district", {"type": "string", "enum": [ags for ags, _label in district_choices()]},
               _("Landkreis oder kreisfreie Stadt (Amtlicher Gemeindeschlüssel, 5 Stellen).")),
        _param("neighbours", boolean, _("Mit district: auch die angrenzenden Kreise.")),
        _param("target_group", {"type": "string", "enum": list(TARGET_GROUP_LABELS)},
               _("Zielgruppe.")),
        _param("organisation", {"type": "integer", "minimum": 1, "maximum": 999_999_999},
               _("Nummer der Organisation, die den Beitrag veröffentlicht oder mitveranstaltet.")),
        _param("date_from", day, _("Jobbörsen ab diesem Tag, andere Beiträge veröffentlicht ab "
                                   "diesem Tag.")),
        _param("date_to", day, _("Bis zu diesem Tag (einschließlich); nicht vor date_from.")),
        _param("upcoming", boolean, _("Nur kommende Jobbörsen, die nächste zuerst.")),
        _param("past", boolean, _("Auch Jobbörsen, die vorbei sind.")),
        _param("q", {"type": "string", "maxLength": 200}, _("Suchwörter (alle müssen vorkommen).")),
        _param("ring", {"type": "integer", "minimum": 1, "maximum": 999_999_999},
               _("Nummer eines Vergleichsrings: Beiträge seiner Mitglieder. Nur für angemeldete "
                 "Mitglieder des Rings; sonst 400 wie für einen unbekannten Ring.")),
    ]


def _answer(description: str, schema: str | None, media: str = JSON) -> dict:
    answer: dict[str, Any] = {"description": description}
    if schema is not None:
        answer["content"] = {media: {"schema": ref(schema)}}
    return answer


def _errors(*codes: int) -> dict:
    texts = {400: _("Ungültige Parameter: die Meldung nennt, welcher und warum."),
             404: _("Gibt es nicht oder ist nicht veröffentlicht.")}
    return {str(code): _answer(texts[code], "Error") for code in codes}


def _get(summary: str, description: str, parameters: list[dict], ok: dict,
         *errors: int, tag: str) -> dict:
    return {"get": {"summary": summary, "description": description, "tags": [tag],
                    "parameters": parameters, "responses": {"200": ok, **_errors(400, *errors)}}}


def _paging(maximum: int, default: int, clamp: bool) -> list[dict]:
    limit = _param("limit", {"type": "integer", "minimum": 1, "maximum": maximum,
                             "default": default},
                   _("Höchstens so viele Einträge pro Seite (%(max)d).", max=maximum)
                   + (" " + _("Größere Werte gelten als %(max)d.", max=maximum) if clamp else ""))
    cursor = _param("cursor", {"type": "string", "maxLength": 64},
                    _("Undurchsichtige Marke aus dem next-Link der vorigen Seite."))
    return [limit, cursor]


def _post_paths() -> dict:
    page_params = _filters() + _paging(posts.MAX_LIMIT, posts.DEFAULT_LIMIT, clamp=False)
    post_id = _param("post_id", {"type": "integer", "minimum": 1, "maximum": 2_147_483_647},
                     _("Nummer des Beitrags."), required=True, where="path")
    tag = _("Beiträge")
    return {
        "/api/v1/posts": _get(
            _("Veröffentlichte Beiträge"),
            _("Eine Seite der veröffentlichten Beiträge in der Reihenfolge der Liste (neueste "
              "zuerst; mit upcoming die nächste Jobbörse zuerst). Der next-Link (auch im "
              "Link-Header) führt zur nächsten Seite; neue Beiträge verschieben keine Seite."),
            page_params, _answer(_("Eine Seite Beiträge."), "PostList"), tag=tag),
        "/api/v1/posts.geojson": _get(
            _("Veröffentlichte Beiträge als GeoJSON"),
            _("Dieselben Beiträge, Filter und Seiten als GeoJSON-FeatureCollection (RFC 7946)."),
            page_params, _answer(_("Eine Seite Beiträge."), "PostCollection", GEOJSON), tag=tag),
        "/api/v1/posts/{post_id}": _get(
            _("Ein veröffentlichter Beitrag"), _("Alle öffentlichen Angaben eines Beitrags."),
            [post_id], _answer(_("Der Beitrag."), "PostWithLicence"), 404, tag=tag),
    }


def _geo_paths() -> dict:
    tag = _("Orte")
    number = {"type": "number"}
    return {
        "/api/v1/geocode": _get(
            _("Orte suchen"), _("Orte, Gemeinden und Veranstaltungsorte in der Region zum Text."),
            [_param("q", {"type": "string", "minLength": 1, "maxLength": 200},
                    _("Ortsname oder Postleitzahl und Ort."), required=True),
             _param("limit", {"type": "integer", "minimum": 1, "maximum": geo.MAX_LIMIT,
                              "default": 10}, _("Höchstens so viele Treffer.")),
             _param("near", {"type": "string", "pattern": "^[0-9]{2}([0-9]{3}([0-9]{3})?)?$"},
                    _("Schlüssel (AGS) des eigenen Landes, Kreises oder der Gemeinde: "
                      "gleichnamige Orte dort zuerst."))],
            _answer(_("Treffer, der beste zuerst."), "GeocodeAnswer"), tag=tag),
        "/api/v1/locate": _get(
            _("Punkt zuordnen"), _("Landkreis und Gemeinde eines Punkts (WGS84)."),
            [_param("lat", {**number, "minimum": -90, "maximum": 90}, _("Breitengrad."),
                    required=True),
             _param("lon", {**number, "minimum": -180, "maximum": 180}, _("Längengrad."),
                    required=True)],
            _answer(_("Zuordnung des Punkts."), "LocateAnswer"), tag=tag),
        "/api/v1/districts": {"get": {
            "summary": _("Landkreise und kreisfreie Städte"), "tags": [tag],
            "description": _("Die Grenzen als GeoJSON; mit ETag zwischengespeichert."),
            "parameters": [_param("zoom", {"type": "integer", "minimum": 0, "maximum": geo.MAX_ZOOM},
                                  _("Zoomstufe der Karte: bis 7 vereinfachte Grenzen für den "
                                    "Überblick, sonst die genaueren."))], "responses": {
                "200": _answer(_("Die Grenzen."), "Districts"),
                "304": {"description": _("Unverändert seit dem ETag in If-None-Match.")},
                **_errors(400)}}},
    }


def _ogc_paths() -> dict:
    tag = "OGC API – Features"
    f = [_param("f", {"type": "string", "enum": ["json", "geojson"]}, _("Format (nur JSON)."))]
    items = (_filters() + _paging(ogc.MAX_LIMIT, ogc.DEFAULT_LIMIT, clamp=True) + f + [
        _param("bbox", {"type": "array", "minItems": 4, "maxItems": 6,
                        "items": {"type": "number"}},
               _("West,Süd,Ost,Nord in Grad (CRS84).")),
        _param("datetime", {"type": "string"},
               _("Zeitpunkt oder Intervall nach RFC 3339, z. B. 2027-03-01T00:00:00Z/..; "
                 "Jobbörsen zählen mit ihrer Dauer, andere Beiträge mit ihrer Veröffentlichung."))])
    for param in items:
        if param["name"] == "bbox":
            param.update(style="form", explode=False)
    feature_id = _param("featureId", {"type": "integer", "minimum": 1, "maximum": 2_147_483_647},
                        _("Nummer des Beitrags."), required=True, where="path")
    root = "/api/v1/ogc"
    return {
        root: _get(_("Startseite"), _("Verweise auf Beschreibung, Konformität und Daten."), f,
                   _answer(_("Die Startseite."), "OgcLanding"), tag=tag),
        f"{root}/conformance": _get(_("Konformität"), _("Erfüllte Konformitätsklassen."), f,
                                    _answer(_("Die Klassen."), "OgcConformance"), tag=tag),
        f"{root}/collections": _get(_("Sammlungen"), _("Die Sammlung posts."), f,
                                    _answer(_("Die Sammlungen."), "OgcCollections"), tag=tag),
        f"{root}/collections/posts": _get(_("Sammlung posts"), _("Beschreibung und Ausdehnung."),
                                          f, _answer(_("Die Sammlung."), "OgcCollection"),
                                          tag=tag),
        f"{root}/collections/posts/items": _get(
            _("Beiträge als Features"), _("Seiten der veröffentlichten Beiträge; numberMatched "
                                          "zählt alle Treffer."), items,
            _answer(_("Eine Seite Features."), "OgcFeatureCollection", GEOJSON), tag=tag),
        f"{root}/collections/posts/items/{{featureId}}": _get(
            _("Ein Beitrag als Feature"), _("Ein veröffentlichter Beitrag."), [feature_id, *f],
            _answer(_("Das Feature."), "OgcFeature", GEOJSON), 404, tag=tag),
    }


def description() -> dict:
    """The whole OpenAPI 3.1 document, in the request's language."""
    licence = licence_member()
    paths = {**_post_paths(), **_ogc_paths(), **_geo_paths(), "/api/v1/openapi.json": {"get": {
        "summary": _("Diese Beschreibung"), "tags": ["OpenAPI"], "parameters": [],
        "responses": {"200": {"description": _("OpenAPI 3.1"),
                              "content": {OPENAPI_TYPE: {"schema": {"type": "object"}},
                                          JSON: {"schema": {"type": "object"}}}},
                      **_errors(400)}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": f"{geo_settings().product_name} API", "version": "1.0.0",
                 "description": _("Lesender Zugriff auf die veröffentlichten Beiträge und die "
                                  "Geodaten von %(product)s. Nur GET, ohne Anmeldung, von jeder "
                                  "Herkunft (CORS). Fehler sind JSON {\"error\": …}; andere "
                                  "Methoden als GET und HEAD ergeben 405 mit Allow-Header.",
                                  product=geo_settings().product_name),
                 "license": {"name": licence["name"], "url": licence["url"]}},
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": components()},
    }
