"""Forms for following cases: an email address, a choice of what to follow and how often, and a honeypot."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length

from i18n import TranslatedForm
from campaigns.forms import single_line, stored_in_full
from campaigns.themes import theme_label
from formatting import country_choices, page_language
from subscriptions.scopes import ALL, NEW, country_scope, theme_scope

EACH = "each"
WEEKLY = "weekly"


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
    """What to follow (one campaign's updates, every campaign's, or new cases: all of them, a
    country's or a theme's) and how often: the /subscribe page and the campaign box."""

    follow = SelectField(_l("What to follow"), validators=[InputRequired(_l("Please choose what to follow."))])
    # Not required: the campaign box has no such field, and then it is an email each time.
    how_often = RadioField(_l("How often"), default=EACH, choices=[
        SelectChoice(EACH, _l("An email each time there is news")),
        SelectChoice(WEEKLY, _l("One weekly digest: new cases, updates and good news"))])

    def __init__(self, *args, campaigns, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Option groups in a plain select: it works without script, with a keyboard and a screen reader.
        one_case, one_theme = _("Updates on one case"), _("New urgent actions on one theme")
        one_country = _("New urgent actions in one country")
        self.follow.choices = [
            SelectChoice(ALL, _("All our cases: every update on every case")),
            SelectChoice(NEW, _("Every new urgent action, as soon as it goes live")),
            *(SelectChoice(c.slug, _("Only %(ua)s: %(title)s", ua=c.ua_number, title=c.title), optgroup=one_case)
              for c in campaigns),
            *(SelectChoice(theme_scope(t), theme_label(t), optgroup=one_theme) for t in themes),
            *(SelectChoice(country_scope(code), name, optgroup=one_country)
              for code, name in country_choices(page_language()))]

    @property
    def is_digest(self) -> bool:
        return self.how_often.data == WEEKLY


class ManageRequestForm(EmailForm):
    """Ask for a link to manage what an address follows."""


class ButtonForm(TranslatedForm):
    """No fields: a button's POST carries only the CSRF token."""


class FollowFrequencyForm(TranslatedForm):
    """The manage page's switch: one subscription to the weekly digest, or back."""

    how_often = SelectField(choices=[SelectChoice(EACH), SelectChoice(WEEKLY)], validators=[InputRequired()])

    @property
    def is_digest(self) -> bool:
        return self.how_often.data == WEEKLY
