"""The list's organisation filter: which organisations the select offers, and which ids it accepts.

The select offers the active organisations that announce or co-organise a post the public can
see; any existing organisation is accepted by id, so a saved link to one whose posts have ended
shows an empty list, as the exports and the API do (docs/architecture.md, "Posts").
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from wtforms import ValidationError
from wtforms.fields.choices import Choice

from jobnet import clock  # read as clock.utcnow(), so tests can pin the time
from jobnet.accounts.models import Organisation
from jobnet.clock import local_today
from jobnet.content_version import current_version
from jobnet.extensions import db
from jobnet.forms.fields import SelectField
from jobnet.posts.models import FairCoOrganiser, Post
from jobnet.posts.queries import visible_conditions

_MEMO = "jobnet_filter_organisations"  # app.extensions: ((version, day), options)


def publishing_organisations(*, now: datetime) -> list[tuple[int, str]]:
    """(id, name) of the active organisations with a visible post of their own or co-organised,
    by name; read once per content version and day in each process (every list and map page
    asks, and its answer changes only with a write or a post's last day)."""
    version = current_version(recent=True)
    key = (version, local_today(now))
    stored = current_app.extensions.get(_MEMO)
    if version != "empty" and stored is not None and stored[0] == key:
        return stored[1]
    rows = _publishing(now)
    current_app.extensions[_MEMO] = (key, rows)
    return rows


def _publishing(now: datetime) -> list[tuple[int, str]]:
    # One indexed probe per organisation (post.organisation_id, the co-organiser's key), which
    # stops at its first visible post: a few hundred organisations, not every post.
    own = select(Post.id).where(Post.organisation_id == Organisation.id,
                                *visible_conditions(Post, now))
    co_organised = select(FairCoOrganiser.fair_id).join(
        Post, Post.id == FairCoOrganiser.fair_id).where(
        FairCoOrganiser.organisation_id == Organisation.id, *visible_conditions(Post, now))
    rows = db.session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.active.is_(True), or_(own.exists(), co_organised.exists()))
        .order_by(Organisation.name, Organisation.id))
    return [(row.id, row.name) for row in rows]


def choices_fingerprint(*, now: datetime) -> str:
    """Changes whenever the select's options do (a post's first or last visible day moves an
    organisation in or out; a rename bumps the general content version anyway)."""
    text = "\n".join(f"{i}\t{name}" for i, name in publishing_organisations(now=now))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def organisation_by_key(value: str) -> Organisation | None:
    """The organisation a query-string value names, or None for garbage and unknown ids."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) < 10):
        return None
    return db.session.get(Organisation, int(value))


class OrganisationFilterField(SelectField):
    """The select of publishing organisations; an organisation chosen by a link but not offered
    (its posts have ended) is shown as chosen rather than silently replaced by "all"."""

    def __init__(self, label, **kwargs):
        super().__init__(label, default="", validate_choice=False, choices=_choices, **kwargs)

    def pre_validate(self, form) -> None:
        if self.data and organisation_by_key(self.data) is None:
            raise ValidationError(_l("Diese Organisation gibt es nicht."))

    def iter_choices(self):
        choices = super().iter_choices()
        if self.data and not any(choice.selected for choice in choices):
            chosen = organisation_by_key(self.data)
            if chosen is not None:
                choices.append(Choice(str(chosen.id), chosen.name, True, None))
        return choices


def _choices() -> list[tuple[str, object]]:
    return [("", _l("Alle Organisationen")),
            *((str(i), name) for i, name in publishing_organisations(now=clock.utcnow()))]
