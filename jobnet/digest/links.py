"""The links of digest mails: signed manage/unsubscribe tokens and the links every digest carries."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app

from jobnet.accounts import tokens
from jobnet.digest.models import Subscription
from jobnet.mail.links import public_link
from jobnet.sqltypes import is_database_id

MANAGE_SALT = "jobnet-digest-manage"


def manage_token(subscription: Subscription, now: datetime) -> str:
    """A token for the manage and unsubscribe links (subscription id and its link nonce)."""
    return tokens.make_token(current_app.config["SECRET_KEY"], MANAGE_SALT,
                             [subscription.id, subscription.link_nonce], now)


def read_manage_token(token: str, now: datetime) -> tuple[int, str]:
    """(subscription id, nonce) of a manage token; LinkError when tampered or too old."""
    max_age = timedelta(days=current_app.config["DIGEST_LINK_MAX_AGE_DAYS"])
    payload = tokens.read_token(current_app.config["SECRET_KEY"], MANAGE_SALT, token, max_age, now)
    if (not isinstance(payload, list) or len(payload) != 2 or not is_database_id(payload[0])
            or not isinstance(payload[1], str)):
        raise tokens.LinkError("invalid")
    return payload[0], payload[1]


def subscriber_links(subscription: Subscription, now: datetime) -> dict[str, str]:
    """The links every digest carries: manage preferences, unsubscribe, post pages."""
    token = manage_token(subscription, now)
    return {"manage": public_link("digest.manage", token=token),
            "unsubscribe": public_link("digest.unsubscribe", token=token),
            # Post links are the prefix plus the id: building 50 URLs per mail through the
            # router would cost more than the rest of the mail.
            "post": public_link("posts.detail", post_id=1).removesuffix("1"),
            "question": public_link("threads.show", thread_id=1).removesuffix("1"),
            "subscribe": public_link("digest.subscribe")}
