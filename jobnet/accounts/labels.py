"""German (translatable) labels for roles and organisation kinds."""

from flask_babel import lazy_gettext as _l

from jobnet.accounts.models import OrganisationKind, Role

ROLE_LABELS = {
    Role.COORDINATOR: _l("Koordinator*in"),
    Role.ORGANISER: _l("Veranstalter*in"),
    Role.MODERATOR: _l("Moderator*in"),
    Role.ADMIN: _l("Administrator*in"),
}
ORGANISATION_KIND_LABELS = {
    OrganisationKind.JOB_CENTRE: _l("Kommunales Jobcenter"),
    OrganisationKind.PARTNER: _l("Partner"),
}
