"""Atom 1.0 feeds (RFC 4287) of the post list, written with feedgen.

Entry ids are tag: URIs (RFC 4151) built from the post's number only, so they never change when
a post is edited, moved or the feed's filters differ: feed readers recognise a post they know.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from feedgen.feed import FeedGenerator
from flask import current_app

from jobnet.geo.settings import geo_settings
from jobnet.opendata.licence import Licence
from jobnet.opendata.records import post_url
from jobnet.posts.kinds import KIND_LABELS
from jobnet.posts.models import Post

TAG_YEAR = "2026"  # the year JobNet first published feeds; part of every tag: URI


def tag_authority() -> str:
    """ATOM_TAG_AUTHORITY, or the public host with the year feeds began."""
    configured = current_app.config["ATOM_TAG_AUTHORITY"]
    if configured:
        return configured
    return f"{urlsplit(current_app.config['PUBLIC_BASE_URL']).hostname},{TAG_YEAR}"


def entry_id(post_id: int) -> str:
    return f"tag:{tag_authority()}:beitrag-{post_id}"


def feed_id(filter_args: dict[str, str]) -> str:
    return f"tag:{tag_authority()}:beitraege?{urlencode(sorted(filter_args.items()))}"


def atom_feed(posts: Iterable[Post], *, title: str, self_url: str, page_url: str,
              filter_args: dict[str, str], licence: Licence, now: datetime) -> tuple[bytes, datetime]:
    """The feed's XML and its `updated` instant (the newest entry's, or now when it is empty)."""
    feed = FeedGenerator()
    feed.id(feed_id(filter_args))
    feed.title(title)
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.link(href=licence.url, rel="license")
    feed.rights(licence.rights())
    feed.author({"name": geo_settings().product_name, "uri": licence.source})
    feed.generator(geo_settings().product_name)
    feed.language("de")
    newest: datetime | None = None
    for post in posts:
        entry = feed.add_entry(order="append")
        entry.id(entry_id(post.id))
        entry.title(post.title)
        entry.link(href=post_url(post.id), rel="alternate", type="text/html")
        entry.updated(post.updated_at)
        if post.published_at is not None:
            entry.published(post.published_at)
        entry.author({"name": post.organisation.name})
        entry.summary(post.summary)
        entry.category(term=post.kind, label=str(KIND_LABELS[post.kind]))
        newest = max(newest or post.updated_at, post.updated_at)
    updated = newest or now
    feed.updated(updated)
    return feed.atom_str(pretty=False), updated

