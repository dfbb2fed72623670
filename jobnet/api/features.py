"""A published post as a GeoJSON Feature (RFC 7946): a Point in WGS84, its public record as
properties; posts without coordinates have a null geometry."""

from __future__ import annotations

from jobnet.opendata.records import public_record
from jobnet.posts.models import Post


def feature(post: Post, links: list[dict] | None = None) -> dict:
    """The post as a Feature; `links` for OGC API answers."""
    geometry = None
    if post.latitude is not None and post.longitude is not None:
        # RFC 7946 3.1.1: longitude first; six decimals are about 0.1 m.
        geometry = {"type": "Point",
                    "coordinates": [round(post.longitude, 6), round(post.latitude, 6)]}
    result = {"type": "Feature", "id": post.id, "geometry": geometry,
              "properties": public_record(post)}
    if links is not None:
        result["links"] = links
    return result
