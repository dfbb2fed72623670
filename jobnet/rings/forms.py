"""Forms of the ring pages: a ring's name, a member organisation, a moderator."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, StringField

from jobnet.accounts.models import Organisation, User
from jobnet.forms.base import BaseForm
from jobnet.forms.fields import select_field
from jobnet.forms.validators import length, required
from jobnet.rings.services import NAME_MAX


class RingNameForm(BaseForm):
    name = StringField(_l("Name des Vergleichsrings"), [required(), length(max=NAME_MAX)])


class RingMemberForm(BaseForm):
    organisation_id = select_field(_l("Organisation"), coerce=int)

    def __init__(self, *args, organisations: Iterable[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = [SelectChoice(o.id, o.name) for o in organisations]


class RingModeratorForm(BaseForm):
    user_id = select_field(_l("Person"), coerce=int)

    def __init__(self, *args, users: Iterable[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user_id.choices = [SelectChoice(u.id, f"{u.name} ({u.organisation.name})")
                                for u in users]
