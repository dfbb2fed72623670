"""Admin work on organisations and users, and the first admin from the command line."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from jobnet.accounts.models import Organisation, OrganisationKind, Role, User
from jobnet.accounts.passwords import hash_password
from jobnet.accounts.permissions import require_role
from jobnet.accounts.services import (
    check_new_password,
    find_organisation,
    find_user_by_email,
    normalise_email,
)
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.geo.districts import is_district


def list_organisations(actor: User) -> list[Organisation]:
    """All organisations by name (admins only)."""
    require_role(actor, Role.ADMIN)
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name).options(
        selectinload(Organisation.district_rows), selectinload(Organisation.users))))


def active_organisations(including: Organisation | None = None) -> list[Organisation]:
    """Active organisations by name, plus `including` (a user's current one), for select fields."""
    query = select(Organisation).where(Organisation.active.is_(True)).order_by(Organisation.name)
    organisations = list(db.session.scalars(query))
    if including is not None and including not in organisations:
        organisations = sorted([*organisations, including], key=lambda o: o.name.lower())
    return organisations


def create_organisation(actor: User, *, name: str, kind: str, district_ags: str | None,
                        email: str | None, website: str | None, active: bool,
                        other_districts: list[str] | tuple[str, ...] = ()) -> Organisation:
    """Add an organisation to the network (admins only)."""
    require_role(actor, Role.ADMIN)
    organisation = Organisation()
    _apply_organisation(organisation, name, kind, [district_ags, *other_districts], email,
                        website, active)
    db.session.add(organisation)
    _commit_unique_name()
    return organisation


def update_organisation(actor: User, organisation: Organisation, *, name: str, kind: str,
                        district_ags: str | None, email: str | None, website: str | None,
                        active: bool, other_districts: list[str] | tuple[str, ...] = ()) -> None:
    """Change an organisation's details (admins only; not deactivating one's own)."""
    require_role(actor, Role.ADMIN)
    if not active and organisation.id == actor.organisation_id:
        raise FieldError("active", _("Ihre eigene Organisation können Sie nicht deaktivieren, "
                                     "sonst könnten Sie sich nicht mehr anmelden."))
    _apply_organisation(organisation, name, kind, [district_ags, *other_districts], email,
                        website, active)
    _commit_unique_name()


def _apply_organisation(organisation: Organisation, name: str, kind: str,
                        districts: list[str | None], email: str | None, website: str | None,
                        active: bool) -> None:
    name = name.strip()
    same_name = select(Organisation.id).where(func.lower(Organisation.name) == name.lower())
    if organisation.id is not None:
        same_name = same_name.where(Organisation.id != organisation.id)
    if db.session.scalar(same_name) is not None:
        raise FieldError("name", _("Eine Organisation mit diesem Namen gibt es bereits."))
    if kind not in set(OrganisationKind):
        raise FieldError("kind", _("Bitte wählen Sie eine Art aus der Liste."))
    organisation.name, organisation.kind = name, kind
    organisation.districts = _checked_districts(kind, districts)
    organisation.email = normalise_email(email) if email else None
    organisation.website = website or None
    organisation.active = active


def _checked_districts(kind: str, districts: list[str | None]) -> list[str]:
    """The main district first, then the others; each a district of the region."""
    main, others = districts[0] or None, [ags for ags in districts[1:] if ags]
    if main is not None and not is_district(main):
        raise FieldError("district_ags", _("Bitte wählen Sie einen Kreis aus der Liste."))
    if any(not is_district(ags) for ags in others):
        raise FieldError("other_districts", _("Bitte wählen Sie nur Kreise aus der Liste."))
    if main is None and (others or kind == OrganisationKind.JOB_CENTRE):
        raise FieldError("district_ags", _("Ein kommunales Jobcenter braucht seinen Kreis.")
                         if not others else _("Bitte wählen Sie zuerst den Hauptkreis."))
    return [main, *others] if main else []


def _commit_unique_name() -> None:
    try:
        db.session.commit()
    except IntegrityError as error:
        # Another admin saved the same name between our check and the commit.
        db.session.rollback()
        raise FieldError("name", _("Eine Organisation mit diesem Namen gibt es bereits.")
                         ) from error


def list_users(actor: User) -> list[User]:
    """All users by name (admins only)."""
    require_role(actor, Role.ADMIN)
    return list(db.session.scalars(select(User).order_by(User.name, User.email)))


def update_user(actor: User, user: User, *, role: str, organisation_id: int, active: bool) -> None:
    """Change a user's role, organisation or active flag (admins only; never one's own lockout)."""
    require_role(actor, Role.ADMIN)
    if role not in set(Role):
        raise FieldError("role", _("Bitte wählen Sie eine Rolle aus der Liste."))
    # Refusing to demote or deactivate oneself keeps at least one active admin, the actor.
    if user.id == actor.id and role != Role.ADMIN:
        raise FieldError("role", _("Sie können sich nicht selbst die Administrationsrolle nehmen."))
    if user.id == actor.id and not active:
        raise FieldError("active", _("Sie können Ihr eigenes Konto nicht deaktivieren."))
    organisation = find_organisation(organisation_id)
    # Keeping someone in a deactivated organisation is allowed; moving anyone into one is not.
    moved = organisation is not None and organisation.id != user.organisation_id
    if organisation is None or (moved and not organisation.active):
        raise FieldError("organisation_id", _("Bitte wählen Sie eine aktive Organisation."))
    user.role, user.organisation, user.active = role, organisation, active
    db.session.commit()


def create_admin(email: str, name: str, organisation_name: str, password: str, *,
                 now: datetime) -> User:
    """Create an admin account, and its organisation as a partner when it does not exist yet."""
    email = normalise_email(email)
    if find_user_by_email(email) is not None:
        raise FieldError("email", _("Für diese Adresse gibt es bereits ein Konto."))
    check_new_password(password, email)
    organisation_name = organisation_name.strip()
    organisation = db.session.scalar(select(Organisation).where(
        func.lower(Organisation.name) == organisation_name.lower()))
    if organisation is None:
        organisation = Organisation(name=organisation_name, kind=OrganisationKind.PARTNER,
                                    created_at=now)
    elif not organisation.active:
        raise FieldError("organisation_id", _("Diese Organisation ist deaktiviert."))
    user = User(email=email, name=name.strip(), role=Role.ADMIN, organisation=organisation,
                password_hash=hash_password(password), created_at=now)
    db.session.add(user)
    db.session.commit()
    return user
