"""The base form: CSRF (Flask-WTF), text cleaning, refusal of files, and service round trips."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.exceptions import BadRequest
from wtforms import Field, HiddenField, PasswordField, StringField, TextAreaField
from wtforms.fields.core import UnboundField

from jobnet.csrf import MaskedFormCSRF
from jobnet.forms.errors import FieldError
from jobnet.forms.text import clean_multiline, single_line, strip_surrounding


class NonTextInput(BadRequest):
    """A form got a file or another non-text value; no JobNet form takes one."""

    description = _l("Dieses Formular nimmt nur Text an, keine Dateien.")


def _with_first_validator(unbound: UnboundField, validator) -> UnboundField:
    # Validators may be passed positionally (label, validators) or by keyword.
    args, kwargs = list(unbound.args), dict(unbound.kwargs)
    if len(args) >= 2:
        args[1] = [validator, *(args[1] or ())]
    else:
        kwargs["validators"] = [validator, *(kwargs.get("validators") or ())]
    return UnboundField(unbound.field_class, *args, **kwargs)


class BaseForm(FlaskForm):
    """Every JobNet form. The one text policy (docs/architecture.md, "Forms"):

    - single-line fields lose surrounding spaces and refuse line breaks and control characters,
      which could smuggle headers into mails or break PostgreSQL (NUL);
    - multi-line fields get Unix line ends and lose control characters other than tab/newline;
    - passwords stay exactly as typed; hidden fields are checked by the code that reads them;
    - a file or other non-text value in any field is a 400 (NonTextInput).
    """

    class Meta:
        csrf_class = MaskedFormCSRF

        def wrap_formdata(self, form, formdata):
            try:
                data = super().wrap_formdata(form, formdata)
            except (TypeError, ValueError):  # a JSON body that is not an object
                raise NonTextInput() from None
            if data is not None and not all(
                    isinstance(value, str) for _name, values in data.lists() for value in values):
                raise NonTextInput()
            return data

        def bind_field(self, form, unbound_field, options):
            cls = unbound_field.field_class
            if issubclass(cls, TextAreaField):
                options["filters"] = (clean_multiline, *unbound_field.kwargs.get("filters", ()))
            elif issubclass(cls, StringField) and not issubclass(cls, PasswordField):
                options["filters"] = (strip_surrounding, *unbound_field.kwargs.get("filters", ()))
                if not issubclass(cls, HiddenField):  # not typed; its reader checks it
                    unbound_field = _with_first_validator(unbound_field, single_line)
            return unbound_field.bind(form=form, **options)

    def values(self) -> dict:
        """Field data by name, without the CSRF token and the buttons."""
        return {name: field.data for name, field in self._fields.items()
                if name != "csrf_token" and field.type != "SubmitField"}

    def submitted_to(self, service: Callable[[], object]) -> bool:
        """Validate a submitted form and call the service; False when either refused.

        A FieldError from the service is shown next to its field, like the form's own checks.
        """
        if not self.validate_on_submit():
            return False
        try:
            service()
        except FieldError as error:
            self.add_error(error)
            return False
        return True

    def add_error(self, error: FieldError) -> None:
        """Show a service's refusal next to the field it concerns."""
        target: Field | None = self._fields.get(error.field)
        if target is None:
            raise LookupError(f"form has no field {error.field!r}")
        target.errors = [*target.errors, error.message]
