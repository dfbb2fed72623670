"""Forms of the exchange: a mark, a contact, the directory's search (CSRF through BaseForm)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, StringField, TextAreaField
from wtforms.validators import Optional

from jobnet.accounts.models import User
from jobnet.exchange.labels import TOPIC_LABELS
from jobnet.exchange.services import FUNCTION_MAX, NAME_MAX, NOTE_MAX, PHONE_MAX
from jobnet.forms.base import BaseForm
from jobnet.forms.fields import SelectField, email_field, select_field
from jobnet.forms.validators import NOT_IN_LIST, length, phone_number, required


def _optional_text(label, maximum: int, **kwargs) -> StringField:
    return StringField(label, [Optional(), length(max=maximum)], **kwargs)


class MarkForm(BaseForm):
    note = TextAreaField(_l("Notiz"), [length(max=NOTE_MAX)])
    contact_user_id = SelectField(_l("Ansprechperson aus Ihrer Organisation"), coerce=str,
                                  choices=[], invalid_choice_message=NOT_IN_LIST,
                                  validate_choice=True, default="")
    contact_name = _optional_text(_l("… oder Name einer anderen Ansprechperson"), NAME_MAX)
    contact_email = email_field(_l("E-Mail der Ansprechperson"), is_required=False)
    contact_phone = StringField(_l("Telefon der Ansprechperson"),
                                [Optional(), length(max=PHONE_MAX), phone_number])

    def offer_people(self, people: list[User]) -> None:
        self.contact_user_id.choices = [SelectChoice("", _l("– niemand ausgewählt –")),
                                        *(SelectChoice(str(p.id), p.name) for p in people)]

    def service_values(self) -> dict:
        chosen = self.contact_user_id.data
        return {"note": self.note.data, "contact_user_id": int(chosen) if chosen else None,
                "contact_name": self.contact_name.data, "contact_email": self.contact_email.data,
                "contact_phone": self.contact_phone.data}


def _topic_choices() -> list[SelectChoice]:
    return [SelectChoice(topic.value, label) for topic, label in TOPIC_LABELS.items()]


class ContactForm(BaseForm):
    topic = select_field(_l("Thema"))
    name = StringField(_l("Name"), [required(), length(max=NAME_MAX)])
    function = _optional_text(_l("Funktion"), FUNCTION_MAX)
    phone = StringField(_l("Telefon"), [Optional(), length(max=PHONE_MAX), phone_number])
    email = email_field(_l("E-Mail"), is_required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.topic.choices = _topic_choices()


class DirectoryForm(BaseForm):
    """The directory's search: read from the query string, no CSRF (a GET)."""

    class Meta:
        csrf = False

    q = _optional_text(_l("Name enthält"), 100)
    topic = SelectField(_l("Ansprechperson für"), coerce=str, validate_choice=True,
                        invalid_choice_message=NOT_IN_LIST, default="")
    group = SelectField(_l("Gruppiert nach"), coerce=str, validate_choice=True,
                        invalid_choice_message=NOT_IN_LIST,
                        choices=[SelectChoice("district", _l("Landkreis")),
                                 SelectChoice("state", _l("Bundesland")),
                                 SelectChoice("type", _l("Art"))],
                        default="district")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.topic.choices = [SelectChoice("", _l("alle Themen")), *_topic_choices()]
