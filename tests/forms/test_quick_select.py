"""QuickSelect writes the same HTML as WTForms' own Select, which it replaces for speed."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectChoice
from wtforms import SelectField as LibrarySelectField

from jobnet.forms.fields import SelectField

CHOICES = [SelectChoice("", "Alle"), SelectChoice("06435", "Main-Kinzig-Kreis"),
           SelectChoice('x"><script>', '<b>&amp; "böse"</b>'), SelectChoice("ohne", "")]
GROUPED = [SelectChoice("06435", "Main-Kinzig-Kreis", optgroup="Hessen"),
           SelectChoice("03159", "Göttingen", optgroup="Niedersachsen"),
           SelectChoice("x", "mit Attribut", render_kw={"disabled": True}, optgroup="Niedersachsen")]


def rendered(field_class, choices, chosen: str) -> str:
    class OneSelect(Form):
        pick = field_class("Auswahl", choices=choices, validate_choice=False)

    form = OneSelect(MultiDict({"pick": chosen}))
    return str(form.pick(class_="wide"))


@pytest.mark.parametrize("choices", [CHOICES, GROUPED], ids=["plain", "grouped"])
@pytest.mark.parametrize("chosen", ["", "06435", 'x"><script>', "03159", "fehlt"])
def test_the_same_html_as_the_library_for_any_choice(choices, chosen):
    ours = rendered(SelectField, choices, chosen)
    assert ours == rendered(LibrarySelectField, choices, chosen)
    assert "<script>" not in ours
