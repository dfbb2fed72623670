"""German (translatable) labels for topics, mark types and the directory's groups."""

from flask_babel import lazy_gettext as _l

from jobnet.exchange.models import MarkType, Topic
from jobnet.exchange.thread_models import WorkTopic

TOPIC_LABELS = {
    Topic.EMPLOYER_SERVICE: _l("Arbeitgeberservice"),
    Topic.INTEGRATION: _l("Integration"),
    Topic.JOB_FAIRS: _l("Jobbörsen"),
    Topic.PROJECTS: _l("Projekte"),
}
MARK_LABELS = {
    MarkType.EXPERIENCE: _l("Wir haben Erfahrung damit"),
    MarkType.INTEREST: _l("Interesse"),
}
# The directory's types: the network's municipal job centres, the joint job centres run with
# the employment agency, and every other partner (jobnet/exchange/directory.py).
TYPE_LABELS = {
    "kjc": _l("Kommunale Jobcenter (Netzwerk)"),
    "joint": _l("Gemeinsame Einrichtungen (Jobcenter mit der Agentur für Arbeit)"),
    "partner": _l("Weitere Partner"),
}
CHANGE_LABELS = {
    "mark": {"created": _l("Markierung gesetzt"), "updated": _l("Markierung geändert"),
             "removed": _l("Markierung entfernt")},
    "contact": {"created": _l("Ansprechperson hinzugefügt"),
                "updated": _l("Ansprechperson geändert"),
                "removed": _l("Ansprechperson entfernt")},
}
FIELD_LABELS = {
    "type": _l("Art"), "note": _l("Notiz"), "contact_user_id": _l("Ansprechperson (Mitglied)"),
    "contact_name": _l("Ansprechperson"), "contact_email": _l("E-Mail"),
    "contact_phone": _l("Telefon"), "topic": _l("Thema"), "name": _l("Name"),
    "function": _l("Funktion"), "phone": _l("Telefon"), "email": _l("E-Mail"),
}
# The kinds of work a question to the network is about (jobnet/exchange/thread_models.py).
WORK_TOPIC_LABELS = {
    WorkTopic.TRAINING: _l("Berufe und Qualifizierung"),
    WorkTopic.TARGET_GROUP: _l("Zielgruppen"),
    WorkTopic.EMPLOYER_SERVICE: _l("Arbeitgeberservice"),
    WorkTopic.JOB_FAIRS: _l("Jobbörsen"),
}
