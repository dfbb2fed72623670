"""JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the API's answers; the post records are
derived from the open-data columns, so a new field shows up here without a second list."""

from __future__ import annotations

from typing import Any

from jobnet.opendata.records import columns
from jobnet.posts.kinds import KINDS, FieldType, field_spec
from jobnet.posts.labels import TARGET_GROUP_LABELS
from jobnet.posts.models import FairState, Kind

Schema = dict[str, Any]
REF = "#/components/schemas/"
# Columns that every published post has; the rest may be null.
ALWAYS_SET = frozenset({"id", "kind", "url", "title", "summary", "organisation", "place",
                        "published_at", "updated_at", "target_groups", "links", "state",
                        "co_organisers"})
KIND_SCHEMAS = {Kind.SETTLEMENT: "Settlement", Kind.PROGRAMME: "Programme",
                Kind.PROJECT: "Project", Kind.FAIR: "JobFair"}
_STRING = {FieldType.LINE, FieldType.TEXT, FieldType.MARKDOWN, FieldType.EMAIL, FieldType.PHONE}


def ref(name: str) -> Schema:
    return {"$ref": REF + name}


def _choices(name: str) -> list[str] | None:
    if name == "kind":
        return [kind.value for kind in Kind]
    if name == "state":
        return [state.value for state in FairState]
    if name == "target_groups":
        return list(TARGET_GROUP_LABELS)
    spec = field_spec(name)
    return list(spec.choices) if spec is not None and spec.choices else None


def _value_schema(name: str, type_: FieldType) -> Schema:
    if type_ == FieldType.INTEGER:
        return {"type": "integer"}
    if type_ == FieldType.COORDINATE:
        return {"type": "number"}
    if type_ == FieldType.BOOLEAN:
        return {"type": "boolean"}
    if type_ == FieldType.DATE:
        return {"type": "string", "format": "date"}
    if type_ == FieldType.DATETIME:
        return {"type": "string", "format": "date-time"}
    if type_ == FieldType.URL:
        return {"type": "string", "format": "uri"}
    if type_ in (FieldType.CHOICES, FieldType.LINKS):
        item: Schema = {"type": "string"}
        if (codes := _choices(name)) is not None:
            item["enum"] = codes
        return {"type": "array", "items": item}
    if type_ == FieldType.CHOICE and (codes := _choices(name)) is not None:
        return {"type": "string", "enum": codes}
    return {"type": "string"}


def _nullable(name: str, kind: str) -> bool:
    if name in ALWAYS_SET:
        return False
    column = KINDS[kind].model.__mapper__.columns.get(name)
    return column is None or column.nullable or name.startswith("contact_")


def _column_schema(name: str, type_: FieldType, kind: str, label: Any) -> Schema:
    schema = _value_schema(name, type_)
    if name == "kind":
        schema = {"type": "string", "const": kind}
    if _nullable(name, kind):
        schema = {**schema, "type": [schema["type"], "null"]}
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return {**schema, "description": str(label)}


def record_schema(kind: str, *, with_licence: bool = False) -> Schema:
    """A post of the kind as public_record gives it: every column present, nothing else."""
    properties = {c.name: _column_schema(c.name, c.type, kind, c.label) for c in columns(kind)}
    if with_licence:
        properties["license"] = ref("Licence")
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


def _one_of_kinds(suffix: str = "") -> Schema:
    return {"oneOf": [ref(name + suffix) for name in KIND_SCHEMAS.values()]}


def _feature(links: bool) -> Schema:
    properties: Schema = {
        "type": {"const": "Feature"},
        "id": {"type": "integer"},
        "geometry": {"oneOf": [ref("Point"), {"type": "null"}]},
        "properties": ref("Post"),
    }
    if links:
        properties["links"] = {"type": "array", "items": ref("Link")}
    return {"type": "object", "properties": properties, "required": ["type", "id", "geometry",
            "properties"], "additionalProperties": False}


def _area() -> Schema:
    return {"type": "object", "required": ["ags", "name"], "additionalProperties": False,
            "properties": {"ags": {"type": "string"}, "name": {"type": "string"}}}


def _nullable_ref(name: str) -> Schema:
    return {"oneOf": [ref(name), {"type": "null"}]}


def _object(properties: Schema, optional: tuple[str, ...] = ()) -> Schema:
    return {"type": "object", "properties": properties, "additionalProperties": False,
            "required": [name for name in properties if name not in optional]}


def components() -> dict[str, Schema]:
    """Every named schema of the description."""
    schemas: dict[str, Schema] = {}
    for kind, name in KIND_SCHEMAS.items():
        schemas[name] = record_schema(kind)
        schemas[name + "WithLicence"] = record_schema(kind, with_licence=True)
    number = {"type": "number"}
    string = {"type": "string"}
    schemas.update({
        "Post": _one_of_kinds(),
        "PostWithLicence": _one_of_kinds("WithLicence"),
        "Error": _object({"error": string}),
        "Licence": _object({"name": string, "url": {"type": "string", "format": "uri"},
                            "attribution": string}),
        "Link": _object({"href": {"type": "string", "format": "uri"}, "rel": string,
                         "type": string, "title": string}, optional=("type", "title")),
        "Point": _object({"type": {"const": "Point"}, "coordinates": {
            "type": "array", "items": number, "minItems": 2, "maxItems": 2}}),
        "Feature": _feature(links=False),
        "OgcFeature": {**_feature(links=True), "properties": {
            **_feature(links=True)["properties"], "license": ref("Licence")}},
        "PostList": _object({"items": {"type": "array", "items": ref("Post")},
                             "next": {"type": ["string", "null"], "format": "uri"},
                             "license": ref("Licence")}),
        "PostCollection": _object({
            "type": {"const": "FeatureCollection"},
            "features": {"type": "array", "items": ref("Feature")},
            "next": {"type": ["string", "null"], "format": "uri"}, "license": ref("Licence")}),
        "OgcFeatureCollection": _object({
            "type": {"const": "FeatureCollection"},
            "features": {"type": "array", "items": ref("Feature")},
            "timeStamp": {"type": "string", "format": "date-time"},
            "numberMatched": {"type": "integer", "minimum": 0},
            "numberReturned": {"type": "integer", "minimum": 0},
            "links": {"type": "array", "items": ref("Link")}, "license": ref("Licence")}),
        "Area": _area(),
        "GeocodeResult": _object({
            "label": string, "lat": number, "lon": number,
            "confidence": {"type": "number", "minimum": 0, "maximum": 1}, "kind": string,
            "district": _nullable_ref("Area"), "municipality": _nullable_ref("Area"),
            "state": _nullable_ref("Area")}),
        "GeocodeAnswer": _object({"query": string,
                                  "results": {"type": "array", "items": ref("GeocodeResult")},
                                  "hint": string}, optional=("hint",)),
        "LocateAnswer": _object({
            "lat": number, "lon": number, "inside": {"type": "boolean"},
            "accepted": {"type": "boolean"}, "district": _nullable_ref("Area"),
            "municipality": _nullable_ref("Area"),
            "distance_to_border_km": {"type": ["number", "null"]},
            "nearest_district": _nullable_ref("Area"), "message": string},
            optional=("nearest_district", "message")),
        "Districts": {"type": "object", "required": ["type", "features"], "properties": {
            "type": {"const": "FeatureCollection"}, "attribution": string,
            "features": {"type": "array", "items": {
                "type": "object", "required": ["type", "properties", "geometry"],
                "properties": {"type": {"const": "Feature"}, "properties": _object({
                    "ags": string, "name": string, "kind": string, "label": string}),
                    "geometry": {"type": "object", "required": ["type", "coordinates"],
                                 "properties": {"type": {"enum": ["Polygon", "MultiPolygon"]},
                                                "coordinates": {"type": "array"}}}}}}}},
    })
    schemas.update(_ogc_schemas())
    return schemas


def _ogc_schemas() -> dict[str, Schema]:
    links = {"type": "array", "items": ref("Link")}
    string = {"type": "string"}
    collection = _object({
        "id": string, "title": string, "description": string, "itemType": {"const": "feature"},
        "crs": {"type": "array", "items": string},
        "extent": {"type": "object", "properties": {"spatial": {"type": "object", "properties": {
            "bbox": {"type": "array", "items": {"type": "array", "items": {"type": "number"},
                                                 "minItems": 4, "maxItems": 4}},
            "crs": string}}}},
        "links": links})
    return {
        "OgcLanding": _object({"title": string, "description": string, "links": links}),
        "OgcConformance": _object({"conformsTo": {"type": "array", "items": string}}),
        "OgcCollection": collection,
        "OgcCollections": _object({"links": links, "collections": {"type": "array",
                                                                   "items": ref("OgcCollection")}}),
    }
