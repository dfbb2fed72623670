"""German labels of the recorded ring changes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

RING_CHANGE_LABELS = {
    "created": _l("angelegt"),
    "renamed": _l("umbenannt"),
    "member_added": _l("Organisation aufgenommen"),
    "member_removed": _l("Organisation herausgenommen"),
    "moderator_added": _l("Moderation übertragen"),
    "moderator_removed": _l("Moderation beendet"),
}
