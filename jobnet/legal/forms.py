"""The accessibility feedback form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import Optional

from jobnet.forms.base import BaseForm
from jobnet.forms.fields import email_field
from jobnet.forms.validators import length, required
from jobnet.legal.feedback import Feedback


class FeedbackForm(BaseForm):
    message = TextAreaField(_l("Ihre Rückmeldung"), [required(), length(10, 5000)], description=_l(
        "Was hat nicht funktioniert, oder welche Inhalte brauchen Sie in einer anderen Form? "
        "10 bis 5.000 Zeichen."))
    page = StringField(_l("Betroffene Seite (freiwillig)"), [Optional(), length(max=500)],
                       description=_l("Adresse oder Name der Seite, z. B. „Karte“."))
    name = StringField(_l("Ihr Name (freiwillig)"), [Optional(), length(max=200)])
    email = email_field(_l("Ihre E-Mail-Adresse (freiwillig)"), is_required=False,
                        description=_l("Nur nötig, wenn Sie eine Antwort möchten."))
    submit = SubmitField(_l("Rückmeldung senden"))

    def feedback(self, locale: str) -> Feedback:
        """The entered report for the service."""
        return Feedback(message=self.message.data, page=self.page.data or "",
                        name=self.name.data or "", email=self.email.data or "", locale=locale)
