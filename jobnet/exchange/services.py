"""Marking posts and keeping contacts: authorised, checked, limited and recorded here."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jobnet.accounts import throttle
from jobnet.accounts.models import Organisation, User
from jobnet.accounts.permissions import PermissionDenied
from jobnet.exchange import notify
from jobnet.exchange.models import (
    ExchangeChange,
    ExchangeMark,
    MarkType,
    OrganisationContact,
    Topic,
)
from jobnet.exchange.permissions import may_change_mark, may_edit_contacts, may_mark
from jobnet.extensions import db
from jobnet.forms.errors import FieldError, checked_text
from jobnet.posts.models import Post, Status

NOTE_MAX = 1000
NAME_MAX, EMAIL_MAX, PHONE_MAX, FUNCTION_MAX = 200, 254, 50, 200
MARK_FIELDS = ("note", "contact_user_id", "contact_name", "contact_email", "contact_phone")
CONTACT_FIELDS = ("topic", "name", "function", "phone", "email")


class PostClosed(Exception):
    """The post takes no new marks or changes (withdrawn, archived, a draft): a 409."""


class AlreadyMarked(Exception):
    """The organisation marked the post this way a moment ago (a second member at once): a 409."""

    def __init__(self, mark: ExchangeMark | None) -> None:
        super().__init__("already marked")
        self.mark = mark


class TooManyMarks(Exception):
    """Too many new marks in the window: a 429 with Retry-After."""

    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def mark_limit() -> throttle.Limit:
    config = current_app.config
    return throttle.Limit("exchange_mark", config["EXCHANGE_MARKS_PER_HOUR"], timedelta(hours=1))


def _record(user: User, organisation: Organisation, subject: str, subject_id: int, action: str,
            now: datetime, old: dict, new: dict, post_id: int | None = None) -> None:
    db.session.add(ExchangeChange(
        organisation_id=organisation.id, organisation_name=organisation.name, subject=subject,
        subject_id=subject_id, post_id=post_id, action=action, user_id=user.id, at=now,
        old=old, new=new))


def _values(row, fields: tuple[str, ...]) -> dict:
    return {name: getattr(row, name) for name in fields}


# Marks ----------------------------------------------------------------------------------------


def find_mark(post: Post, organisation_id: int, mark_type: str) -> ExchangeMark | None:
    return db.session.scalar(select(ExchangeMark).where(
        ExchangeMark.post_id == post.id, ExchangeMark.organisation_id == organisation_id,
        ExchangeMark.type == mark_type))


def _mark_values(user: User, mark_type: str, note: str | None, contact_user_id: int | None,
                 contact_name: str | None, contact_email: str | None,
                 contact_phone: str | None) -> dict:
    experience = mark_type == MarkType.EXPERIENCE
    values = {"note": checked_text(note, "note", NOTE_MAX, required=_(
        "Bitte schreiben Sie kurz, welche Erfahrung Ihre Organisation hat.") if experience else None)}
    if contact_user_id is not None:
        contact = db.session.get(User, contact_user_id)
        if contact is None or contact.organisation_id != user.organisation_id or not contact.active:
            raise FieldError("contact_user_id", _("Bitte wählen Sie eine Person Ihrer Organisation."))
    values.update(
        contact_user_id=contact_user_id,
        contact_name=checked_text(contact_name, "contact_name", NAME_MAX) or None,
        contact_email=checked_text(contact_email, "contact_email", EMAIL_MAX) or None,
        contact_phone=checked_text(contact_phone, "contact_phone", PHONE_MAX) or None)
    if experience and contact_user_id is None and not values["contact_name"]:
        raise FieldError("contact_user_id", _(
            "Bitte nennen Sie eine Ansprechperson: wählen Sie eine Person aus oder tragen Sie einen Namen ein."))
    return values


def save_mark(user: User, post: Post, mark_type: str, *, now: datetime, note: str | None = "",
              contact_user_id: int | None = None, contact_name: str | None = None,
              contact_email: str | None = None, contact_phone: str | None = None) -> ExchangeMark:
    """Mark the post for the user's organisation, or change the organisation's mark."""
    if mark_type not in MarkType.__members__.values():
        raise PermissionDenied(f"unknown mark type {mark_type!r}")
    if not may_mark(user, post):
        raise PermissionDenied("may not mark this post")
    if post.status != Status.PUBLISHED:
        raise PostClosed(_("Dieser Beitrag ist nicht (mehr) veröffentlicht. Markierungen sind "
                           "nur bei veröffentlichten Beiträgen möglich."))
    values = _mark_values(user, mark_type, note, contact_user_id, contact_name, contact_email,
                          contact_phone)
    mark = find_mark(post, user.organisation_id, mark_type)
    if mark is None:
        return _create_mark(user, post, mark_type, values, now)
    old = _values(mark, MARK_FIELDS)
    if old != values:
        for name, value in values.items():
            setattr(mark, name, value)
        mark.updated_at = now
        _record(user, user.organisation, "mark", mark.id, "updated", now, old, values, post.id)
    db.session.commit()
    return mark


def _create_mark(user: User, post: Post, mark_type: str, values: dict, now: datetime) -> ExchangeMark:
    limit = mark_limit()
    tally = throttle.hit(limit, throttle.keyed(f"user:{user.id}"), throttle.NO_CLIENT, now)
    if tally.exceeds(limit):
        db.session.commit()  # the refused attempt still counts
        raise TooManyMarks(tally.retry_after(limit, now))
    mark = ExchangeMark(post_id=post.id, organisation_id=user.organisation_id, type=mark_type,
                        created_by_id=user.id, created_at=now, updated_at=now, **values)
    db.session.add(mark)
    try:
        db.session.flush()
        _record(user, user.organisation, "mark", mark.id, "created", now, {},
                {"type": mark_type, **values}, post.id)
        db.session.commit()
    except IntegrityError:
        # Another member of the organisation marked the post in the same moment.
        db.session.rollback()
        raise AlreadyMarked(find_mark(post, user.organisation_id, mark_type)) from None
    notify.new_mark(post, mark_type, user.organisation, now=now)
    return mark


def remove_mark(user: User, mark: ExchangeMark, *, now: datetime) -> None:
    """Remove the organisation's mark (also on a post that has been archived since)."""
    if not may_change_mark(user, mark):
        raise PermissionDenied("may not remove this mark")
    _record(user, mark.organisation, "mark", mark.id, "removed", now,
            {"type": mark.type, **_values(mark, MARK_FIELDS)}, {}, mark.post_id)
    db.session.delete(mark)
    db.session.commit()


# Contacts per topic ---------------------------------------------------------------------------


def _contact_values(topic: str, name: str, function: str | None, phone: str | None,
                    email: str | None) -> dict:
    if topic not in Topic.__members__.values():
        raise FieldError("topic", _("Bitte wählen Sie ein Thema aus der Liste."))
    values = {"topic": topic,
              "name": checked_text(name, "name", NAME_MAX,
                                   required=_("Bitte geben Sie einen Namen an.")),
              "function": checked_text(function, "function", FUNCTION_MAX),
              "phone": checked_text(phone, "phone", PHONE_MAX),
              "email": checked_text(email, "email", EMAIL_MAX)}
    if not values["phone"] and not values["email"]:
        raise FieldError("phone", _("Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an."))
    return values


def save_contact(user: User, organisation: Organisation, contact: OrganisationContact | None, *,
                 now: datetime, topic: str, name: str, function: str | None = "",
                 phone: str | None = "", email: str | None = "") -> OrganisationContact:
    """Add a contact to the organisation, or change one (its coordinators only)."""
    if not may_edit_contacts(user, organisation):
        raise PermissionDenied("may not edit these contacts")
    if contact is not None and contact.organisation_id != organisation.id:
        raise PermissionDenied("contact of another organisation")
    values = _contact_values(topic, name, function, phone, email)
    if contact is None:
        contact = OrganisationContact(organisation_id=organisation.id, updated_at=now, **values)
        db.session.add(contact)
        db.session.flush()
        _record(user, organisation, "contact", contact.id, "created", now, {}, values)
    else:
        old = _values(contact, CONTACT_FIELDS)
        if old != values:
            for field, value in values.items():
                setattr(contact, field, value)
            contact.updated_at = now
            _record(user, organisation, "contact", contact.id, "updated", now, old, values)
    db.session.commit()
    return contact


def remove_contact(user: User, contact: OrganisationContact, *, now: datetime) -> None:
    """Remove a contact of the organisation (its coordinators only)."""
    if not may_edit_contacts(user, contact.organisation):
        raise PermissionDenied("may not edit these contacts")
    _record(user, contact.organisation, "contact", contact.id, "removed", now,
            _values(contact, CONTACT_FIELDS), {})
    db.session.delete(contact)
    db.session.commit()
