"""A filter in words, for the titles of what shows it elsewhere (feeds, embedded maps)."""

from __future__ import annotations

from flask_babel import gettext as _

from jobnet.accounts.models import Organisation
from jobnet.extensions import db
from jobnet.geo.districts import district_label
from jobnet.geo.states import state_name
from jobnet.posts.kinds import KIND_PLURALS
from jobnet.posts.labels import TARGET_GROUP_LABELS
from jobnet.posts.queries import PostFilter


def selection_text(post_filter: PostFilter) -> str:
    """E.g. "Jobbörsen (Junge Menschen unter 25): Landkreis Fulda und Nachbarkreise"."""
    kind = "fair" if post_filter.upcoming else post_filter.kind
    what = str(KIND_PLURALS[kind]) if kind else _("Beiträge")
    if post_filter.target_group:
        what += f" ({TARGET_GROUP_LABELS[post_filter.target_group]})"
    organisation = (db.session.get(Organisation, post_filter.organisation)
                    if post_filter.organisation is not None else None)
    if organisation is not None:
        what = _("%(what)s von %(organisation)s", what=what, organisation=organisation.name)
    if not post_filter.district and post_filter.state:
        return _("%(what)s: %(district)s", what=what, district=state_name(post_filter.state))
    if not post_filter.district:
        return what
    # "Beiträge: Main-Kinzig-Kreis", not "in Main-Kinzig-Kreis": district names need different
    # articles ("im Landkreis", "in der Stadt").
    place = district_label(post_filter.district)
    if post_filter.neighbours:
        return _("%(what)s: %(district)s und Nachbarkreise", what=what, district=place)
    return _("%(what)s: %(district)s", what=what, district=place)
