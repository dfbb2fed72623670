"""The sentence of a notification, written when shown (in the reader's language)."""

from __future__ import annotations

from flask_babel import gettext as _

from jobnet.exchange.notification_models import Notification


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
    }
    return sentences.get(n.kind, lambda: n.subject)()
