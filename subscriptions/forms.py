"""Forms for following cases: an email address, a choice of what to follow, and a honeypot."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length

from i18n import TranslatedForm
from campaigns.forms import single_line, stored_in_full


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class EmailForm(TranslatedForm):
    """An address, and a field people never see: bots that fill it are thanked and ignored."""

    email = StringField(_l("Your email address"), filters=[_strip],
                        validators=[DataRequired(_l("Please enter your email address.")), Length(max=254),
                                    single_line, stored_in_full,
                                    Email(_l("Please enter an email address like name@example.org."),
                                          check_deliverability=False)])
    website = StringField(_l("Leave this field empty"))

    @property
    def is_from_a_bot(self) -> bool:
        return bool(self.website.data)


class FollowForm(EmailForm):
    """One campaign's updates, or every campaign's: the /subscribe page and the campaign box."""

    follow = SelectField(_l("What to follow"), validators=[InputRequired(_l("Please choose what to follow."))])

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.follow.choices = [("all", _("All our cases: every update on every case")),
                               *((c.slug, _("Only %(ua)s: %(title)s", ua=c.ua_number, title=c.title))
                                 for c in campaigns)]


class ManageRequestForm(EmailForm):
    """Ask for a link to manage what an address follows."""


class ButtonForm(TranslatedForm):
    """No fields: a button's POST carries only the CSRF token."""
