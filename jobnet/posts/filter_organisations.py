"""The list's organisation filter: which organisations the select offers, and which ids it accepts.

The select offers the active organisations that announce or co-organise a post the public can
see; any existing organisation is accepted by id, so a saved link to one whose posts have ended
shows an empty list, as the exports and the API do (docs/architecture.md, "Posts").
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from wtforms import ValidationError
from wtforms.fields.choices import Choice

from jobnet import clock  # read as clock.utcnow(), so tests can pin the time
from jobnet.accounts.models import Organisation
from jobnet.extensions import db
from jobnet.forms.fields import SelectField
from jobnet.posts.models import FairCoOrganiser, Post
from jobnet.posts.queries import visible_conditions


def publishing_organisations(*, now: datetime) -> list[tuple[int, str]]:
    """(id, name) of the active organisations with a visible post of their own or co-organised,
    by name."""
    visible = select(Post.id).where(*visible_conditions(Post, now))
    announcing = select(Post.organisation_id).where(*visible_conditions(Post, now))
    co_organising = select(FairCoOrganiser.organisation_id).where(
        FairCoOrganiser.fair_id.in_(visible))
    rows = db.session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.active.is_(True),
               or_(Organisation.id.in_(announcing), Organisation.id.in_(co_organising)))
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
