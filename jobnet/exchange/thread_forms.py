"""Forms of questions and answers (CSRF through BaseForm); the services check the values again."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

from jobnet.accounts.models import Organisation
from jobnet.exchange.labels import WORK_TOPIC_LABELS
from jobnet.exchange.threads import BODY_MAX, REASON_MAX, TITLE_MAX
from jobnet.forms.base import BaseForm
from jobnet.forms.errors import FieldError
from jobnet.forms.fields import MultiCheckboxField, SelectField
from jobnet.forms.validators import NOT_IN_LIST, length
from jobnet.geo.districts import grouped_district_choices
from jobnet.posts.labels import TARGET_GROUP_LABELS


def _target_groups() -> list[SelectChoice]:
    return [SelectChoice(code.value, label) for code, label in TARGET_GROUP_LABELS.items()]


def _topics() -> list[SelectChoice]:
    return [SelectChoice(t.value, label) for t, label in WORK_TOPIC_LABELS.items()]


class MessageForm(BaseForm):
    """A question on a post, or an answer (with the message it quotes)."""

    body = TextAreaField(_l("Ihr Text"), [length(max=BODY_MAX)])
    # Organisations are picked from a list and stored as references ("@KCA"); an id that is
    # not (any more) an organisation is refused by the service with a message at the field.
    mentions = SelectMultipleField(_l("Organisation erwähnen"), coerce=str, choices=[],
                                   validate_choice=False)
    quote_of = HiddenField()

    def offer_organisations(self, organisations: list[Organisation]) -> None:
        self.mentions.choices = [SelectChoice(str(o.id), o.name) for o in organisations]

    def mention_ids(self) -> list[int]:
        try:
            return [int(value) for value in self.mentions.data or ()]
        except ValueError:
            raise FieldError("mentions", str(_l("Bitte wählen Sie aus der Liste."))) from None

    def quote_id(self) -> int | None:
        value = (self.quote_of.data or "").strip()
        return int(value) if value.isdigit() else None


class QuestionForm(MessageForm):
    """A question to the network."""

    title = StringField(_l("Ihre Frage in einer Zeile"), [length(max=TITLE_MAX)])
    topic = SelectField(_l("Thema"), coerce=str, validate_choice=True,
                        invalid_choice_message=NOT_IN_LIST, default="")
    districts = SelectMultipleField(_l("Landkreise (freiwillig)"), coerce=str,
                                    validate_choice=True)
    # The posts' target groups, as checkboxes like on the post form.
    target_groups = MultiCheckboxField(_l("Zielgruppen (freiwillig)"), coerce=str,
                                       choices=_target_groups)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.topic.choices = [SelectChoice("", _l("– bitte wählen –")), *_topics()]
        self.districts.choices = grouped_district_choices()


class ReasonForm(BaseForm):
    """A report to the moderators, or a moderator's reason for hiding."""

    reason = TextAreaField(_l("Grund"), [length(max=REASON_MAX)])


class QuestionFilterForm(BaseForm):
    """The filters of the network's questions: read from the query string, no CSRF (a GET)."""

    class Meta:
        csrf = False

    topic = SelectField(_l("Thema"), coerce=str, validate_choice=True,
                        invalid_choice_message=NOT_IN_LIST, default="")
    district = SelectField(_l("Landkreis"), coerce=str, validate_choice=True,
                           invalid_choice_message=NOT_IN_LIST, default="")
    target_group = SelectField(_l("Zielgruppe"), coerce=str, validate_choice=True,
                               invalid_choice_message=NOT_IN_LIST, default="",
                               choices=lambda: [SelectChoice("", _l("Alle Zielgruppen")),
                                                *_target_groups()])
    state = SelectField(_l("Stand"), coerce=str, validate_choice=True,
                        invalid_choice_message=NOT_IN_LIST, default="",
                        choices=[SelectChoice("", _l("alle")), SelectChoice("open", _l("offen")),
                                 SelectChoice("answered", _l("beantwortet"))])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.topic.choices = [SelectChoice("", _l("alle Themen")), *_topics()]
        self.district.choices = grouped_district_choices(("", _l("alle Landkreise")))


class AnsweredForm(BaseForm):
    """The asker's (or a moderator's) button: "1" marks the question answered, else open."""

    answered = HiddenField()


class FollowForm(BaseForm):
    """A follow button: what (target, key), which action, and the page to go back to; the
    service checks target and key."""

    target = HiddenField()
    key = HiddenField()
    action = HiddenField()
    next = HiddenField()


class FrequencyForm(BaseForm):
    """How often notification mails come."""

    frequency = RadioField(_l("Benachrichtigungen per Mail"), coerce=str, validate_choice=True,
                           invalid_choice_message=NOT_IN_LIST, choices=[])
