"""German (translatable) labels for the codes stored in posts."""

from flask_babel import lazy_gettext as _l

from jobnet.posts.models import Accessibility, FairState, ProgrammeType, Status, TargetGroup

STATUS_LABELS = {
    Status.DRAFT: _l("Entwurf"),
    Status.PUBLISHED: _l("Veröffentlicht"),
    Status.ARCHIVED: _l("Archiviert"),
    Status.UNPUBLISHED: _l("Von der Moderation zurückgezogen"),
    Status.IN_REVIEW: _l("Wartet auf Prüfung durch die Moderation"),
}
PROGRAMME_TYPE_LABELS = {
    ProgrammeType.NEW_OCCUPATION: _l("Neues Berufsbild"),
    ProgrammeType.NEW_TRAINING: _l("Neuer Ausbildungsgang"),
    ProgrammeType.RETRAINING: _l("Umschulung"),
}
TARGET_GROUP_LABELS = {
    TargetGroup.YOUTH_U25: _l("Junge Menschen unter 25"),
    TargetGroup.REFUGEES: _l("Geflüchtete und Zugewanderte"),
    TargetGroup.LONG_TERM_UNEMPLOYED: _l("Langzeitarbeitslose"),
    TargetGroup.SINGLE_PARENTS: _l("Alleinerziehende"),
    TargetGroup.OVER_50: _l("Menschen über 50"),
    TargetGroup.DISABILITIES: _l("Menschen mit Behinderungen"),
    TargetGroup.WOMEN_RETURNING: _l("Berufsrückkehrerinnen"),
    TargetGroup.OTHERS: _l("Weitere"),
}
ACTION_LABELS = {
    "created": _l("angelegt"),
    "updated": _l("bearbeitet"),
    "published": _l("veröffentlicht"),
    "archived": _l("archiviert"),
    "republished": _l("wieder veröffentlicht"),
    "unpublished": _l("von der Moderation zurückgezogen"),
    "review_requested": _l("überarbeitet und zur Prüfung an die Moderation gegeben"),
    "approved": _l("von der Moderation geprüft und wieder veröffentlicht"),
    "expired": _l("automatisch archiviert (Ablaufdatum erreicht)"),
    "fair_ended": _l("automatisch archiviert (Jobbörse vorbei)"),
    "relocated": _l("Landkreis und Gemeinde neu bestimmt (Geodaten aktualisiert)"),
    "moved": _l("verschoben"),
    "cancelled": _l("abgesagt"),
}
FAIR_STATE_LABELS = {
    FairState.SCHEDULED: _l("Findet statt"),
    FairState.MOVED: _l("Verschoben"),
    FairState.CANCELLED: _l("Abgesagt"),
}
ACCESSIBILITY_LABELS = {
    Accessibility.STEP_FREE: _l("Stufenloser Zugang"),
    Accessibility.ACCESSIBLE_TOILET: _l("Barrierefreie Toilette"),
    Accessibility.SIGN_LANGUAGE: _l("Gebärdensprachdolmetschung"),
    Accessibility.INDUCTION_LOOP: _l("Induktive Höranlage"),
    Accessibility.EASY_LANGUAGE: _l("Informationen in Leichter Sprache"),
    Accessibility.QUIET_ROOM: _l("Ruheraum"),
    Accessibility.DISABLED_PARKING: _l("Behindertenparkplätze"),
}
