"""The organisers' form that makes an API token: a name to know it by, its scopes, how long it lasts."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from api.tokens import EXPIRY_DAYS, SCOPE_LABELS
from campaigns.forms import CheckboxListField, at_least_one, single_line
from i18n import TranslatedForm


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ApiTokenForm(TranslatedForm):
    name = StringField(_l("What it is for"), filters=[_strip], validators=[
        DataRequired(_l("Please say what the token is for, e.g. “Website of the Leeds group”.")), Length(max=100),
        single_line])
    scopes = CheckboxListField(_l("It may"), validators=[at_least_one(_l("Please choose at least one scope."))])
    days = RadioField(_l("It stops working after"), coerce=int, default=90,
                      validators=[InputRequired(_l("Please choose how long it lasts."))])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scopes.choices = [SelectChoice(scope, label) for scope, label in SCOPE_LABELS.items()]
        self.days.choices = [SelectChoice(days, ngettext("%(num)s day", "%(num)s days", days)) for days in EXPIRY_DAYS]
