"""The sentence of a notification, written when shown (in the reader's language)."""

from __future__ import annotations

from flask_babel import gettext as _

from jobnet.exchange.notification_models import Notification
from jobnet.posts.history import FIELD_LABELS


def _fields(detail: str) -> str:
    return ", ".join(str(FIELD_LABELS.get(name, name)) for name in detail.split(",") if name)


def line(notification: Notification) -> str:
    n = notification
    sentences = {
        "question": lambda: _("Neue Frage von %(actor)s zu „%(subject)s“",
                              actor=n.actor, subject=n.subject),
        "network_question": lambda: _("Neue Frage an das Netzwerk von %(actor)s: „%(subject)s“",
                                      actor=n.actor, subject=n.subject),
        "reply": lambda: _("Neue Antwort von %(actor)s zu „%(subject)s“",
                           actor=n.actor, subject=n.subject),
        "hidden": lambda: _("Die Moderation hat Ihren Text zu „%(subject)s“ ausgeblendet. "
                            "Grund: %(actor)s", actor=n.actor, subject=n.subject),
        "mark_experience": lambda: _("%(actor)s hat Erfahrung mit „%(subject)s“",
                                     actor=n.actor, subject=n.subject),
        "mark_interest": lambda: _("%(actor)s hat Interesse an „%(subject)s“",
                                   actor=n.actor, subject=n.subject),
        "post": lambda: _("Neuer Beitrag von %(actor)s: „%(subject)s“",
                          actor=n.actor, subject=n.subject),
        "post_updated": lambda: _("%(actor)s hat „%(subject)s“ geändert: %(fields)s",
                                  actor=n.actor, subject=n.subject, fields=_fields(n.detail)),
        "fair_moved": lambda: _("Die Jobbörse „%(subject)s“ von %(actor)s wurde verschoben",
                                actor=n.actor, subject=n.subject),
        "fair_cancelled": lambda: _("Die Jobbörse „%(subject)s“ von %(actor)s wurde abgesagt",
                                    actor=n.actor, subject=n.subject),
        "post_withdrawn": lambda: _("„%(subject)s“ von %(actor)s wurde zurückgezogen",
                                    actor=n.actor, subject=n.subject),
        "post_archived": lambda: _("„%(subject)s“ von %(actor)s wurde archiviert",
                                   actor=n.actor, subject=n.subject),
    }
    return sentences.get(n.kind, lambda: n.subject)()
