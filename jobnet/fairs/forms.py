"""The calendar's filters: the post list's own form (same names: district, target_group,
organisation), and the feed's strict reading of the same arguments."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from werkzeug.datastructures import MultiDict

from jobnet.accounts.models import Organisation
from jobnet.extensions import db
from jobnet.forms.fields import SelectField
from jobnet.posts.forms import PostFilterForm
from jobnet.posts.models import FairCoOrganiser, JobFair, Post
from jobnet.posts.queries import PostFilter

# What a feed URL may carry: the calendar's filters and the reminder switch.
FEED_ARGUMENTS = frozenset({"state", "district", "neighbours", "organisation", "target_group",
                            "erinnerung"})


def _organisation_choices() -> list[tuple[str, str]]:
    # Only organisations that ever announced or co-organised a fair: every partner would be noise.
    announced = select(Post.organisation_id).where(Post.id == JobFair.id)
    rows = db.session.execute(
        select(Organisation.id, Organisation.name).where(or_(
            Organisation.id.in_(announced),
            Organisation.id.in_(select(FairCoOrganiser.organisation_id))))
        .order_by(Organisation.name))
    return [("", _l("Alle Veranstalter")), *((str(i), name) for i, name in rows)]


class FairFilterForm(PostFilterForm):
    """The post list's filters, the organisation offered among fair organisers; the calendar
    shows only its own fields."""

    organisation = SelectField(_l("Veranstalter"), default="", choices=_organisation_choices)


class FeedArgumentsError(ValueError):
    """A feed URL with an argument it does not know or a value that names nothing."""


def feed_filter(args: MultiDict) -> tuple[PostFilter, bool]:
    """(filter, reminder) from a feed URL; FeedArgumentsError for anything else in it."""
    unknown = sorted(set(args) - FEED_ARGUMENTS)
    if unknown:
        raise FeedArgumentsError(_("Unbekannter Parameter: %(name)s. Erlaubt sind state, "
                                   "district, neighbours, organisation, target_group und "
                                   "erinnerung.",
                                   name=unknown[0][:40]))
    if any(len(args.getlist(name)) > 1 for name in args):
        raise FeedArgumentsError(_("Jeder Parameter darf nur einmal vorkommen."))
    reminder = args.get("erinnerung", "")
    if reminder not in ("", "0", "1"):
        raise FeedArgumentsError(_("erinnerung muss 1 oder 0 sein."))
    form = FairFilterForm(args)
    if not form.validate():
        bad = next(field.name for field in form if field.errors)
        raise FeedArgumentsError(_("Unbekannter Wert für %(name)s.", name=bad))
    return form.to_filter(), reminder == "1"
