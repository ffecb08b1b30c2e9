"""The form that registers a webhook endpoint."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from campaigns.forms import CheckboxListField, at_least_one, single_line
from i18n import TranslatedForm
from webhooks import labels
from webhooks.events import EVENTS
from webhooks.targets import MAX_URL_LENGTH


class EndpointForm(TranslatedForm):
    url = StringField(_l("Address (URL) that receives the events"), filters=[lambda value: (value or "").strip()],
                      validators=[DataRequired(_l("Please enter the address.")), Length(max=MAX_URL_LENGTH),
                                  single_line])
    description = StringField(_l("What it is (for organisers)"), filters=[lambda value: (value or "").strip()],
                              validators=[Optional(), Length(max=200), single_line])
    events = CheckboxListField(_l("Events to send"),
                               choices=[SelectChoice(name, labels.EVENTS[name]) for name in EVENTS],
                               validators=[at_least_one(_l("Please choose at least one event."))])
