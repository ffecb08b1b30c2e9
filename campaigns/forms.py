"""The take-action form. Its field names are a contract: partner sites post to them."""
from __future__ import annotations

import re
from functools import lru_cache

from flask_babel import get_locale
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import (BooleanField, HiddenField, RadioField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.fields.choices import Choice, SelectChoice
from wtforms.validators import (DataRequired, Email, InputRequired, Length, Optional, Regexp,
                                ValidationError)
from wtforms.widgets import CheckboxInput, ListWidget, Select, html_params

from campaigns.submission import Submission, SupporterDetails
from formatting import country_choices
from letters.languages import letter_language_label
from models import Channel

# Anything below a space (tabs, line breaks, NUL…), DEL, and the bidi controls that can disguise text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

CHANNEL_CHOICES = [
    SelectChoice("pdf", "Print and post — a ready-to-sign PDF letter"),
    SelectChoice("email", "Email — sent for you after you confirm your address"),
    SelectChoice("mailto", "My own email app — we prefill the message"),
]


def single_line(form, field) -> None:
    if field.data and _CONTROL.search(field.data):
        raise ValidationError("Please use one line without special characters.")


def stored_in_full(form, field) -> None:
    """An address is kept lower-cased, which lengthens a few letters ("İ" becomes two): it must
    still fit the 254 characters an address may have."""
    if field.data and len(field.data.strip().lower()) > 254:
        raise ValidationError("Please enter an email address like name@example.org.")


def no_control_characters(form, field) -> None:
    if field.data and _CONTROL_MULTILINE.search(field.data):
        raise ValidationError("Please remove the special characters from this text.")


def at_least_one(message: str):
    # Not DataRequired: that would mark every checkbox `required` and make browsers demand all of them.
    def check(form, field) -> None:
        if not field.data:
            raise ValidationError(message)
    return check


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class CountrySelect(Select):
    """Select's markup, with the 250 options rendered once: only the chosen one differs per page."""

    def __call__(self, field, **kwargs) -> Markup:
        kwargs.setdefault("id", field.id)
        for flag in dir(field.flags):  # `required`, as Select adds it
            if flag in self.validation_attrs and flag not in kwargs:
                kwargs[flag] = getattr(field.flags, flag)
        options = list(_country_options())
        chosen = _country_index().get(field.data)
        if chosen is not None:
            choice = _country_select_choices()[chosen]
            options[chosen] = Select.render_option(Choice(choice.value, choice.label, True, choice.render_kw))
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{''.join(options)}</select>")


class CountryField(SelectField):
    """The country list, checked by set membership: WTForms would walk all 250 choices per request."""

    widget = CountrySelect()

    def __init__(self, *args, **kwargs) -> None:
        # Given as a callable, the list is looked at only when a page shows it, not for every POST.
        super().__init__(*args, choices=_country_select_choices, **kwargs)

    def pre_validate(self, form) -> None:
        if not self.process_errors and self.data not in _country_index():
            raise ValidationError(self.gettext("Not a valid choice."))


class CheckboxListField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ActionForm(FlaskForm):
    class Meta:
        # CSRFProtect checks every POST before the view runs (extensions.py); checking the token
        # again here, and signing a fresh one for each submission, would only cost time on the
        # busiest form there is. The page sends the token as a plain hidden field.
        csrf = False

    name = StringField("Your name", filters=[_strip],
                       validators=[DataRequired("Please enter your name."), Length(max=200), single_line])
    email = StringField("Your email address", filters=[_strip], validators=[
        DataRequired("Please enter your email address."), Length(max=254), single_line, stored_in_full,
        Email("Please enter an email address like name@example.org.", check_deliverability=False)])
    address_line1 = StringField("Street and number", filters=[_strip],
                                validators=[Optional(), Length(max=200), single_line])
    address_line2 = StringField("Address line 2 (optional)", filters=[_strip],
                                validators=[Optional(), Length(max=200), single_line])
    city = StringField("Town or city", filters=[_strip],
                       validators=[DataRequired("Please enter your town or city."), Length(max=120), single_line])
    postcode = StringField("Postcode", filters=[_strip], validators=[Optional(), Length(max=20), single_line])
    country = CountryField("Country", validators=[InputRequired("Please choose your country.")])
    personal_message = TextAreaField(
        "A few words of your own (optional)", filters=[_strip],
        validators=[Optional(), Length(max=1500, message="Please keep your message under 1,500 characters."),
                    no_control_characters])
    targets = CheckboxListField("Who to write to", coerce=int,
                                validators=[at_least_one("Please choose at least one person to write to.")])
    channel = RadioField("How to send", choices=CHANNEL_CHOICES, default="pdf",
                         validators=[InputRequired("Please choose how to send your letters.")])
    language = SelectField("Language of the letter", validators=[InputRequired("Please choose a language.")])
    wants_copy = BooleanField("Email me a copy of my letters (email only)", default=False)
    wants_updates = BooleanField("Email me updates on this case (you can leave at any time)", default=False)
    # Printed letters are made at once and the address is never stored: see campaigns/forgetting.py.
    forget_address = BooleanField("Don't keep my address: make my printed letters now and forget it",
                                  default=False)
    form_nonce = HiddenField(validators=[DataRequired(), Length(min=16, max=64),
                                         Regexp(r"^[A-Za-z0-9_-]+$", message="Please reload the form.")])
    # A honeypot: hidden from people by CSS and from screen readers, filled in by bots.
    website = StringField("Leave this empty", validators=[Optional()])

    @property
    def is_bot(self) -> bool:
        return bool(self.website.data)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets.choices = [SelectChoice(t.id, _target_choice_label(t)) for t in campaign.ordered_targets]
        # Complete versions only, the officials' preferred language first (models/campaign.py).
        interface = str(get_locale() or "en")
        self.language.choices = [SelectChoice(code, letter_language_label(code, interface))
                                 for code in campaign.letter_languages]
        self._post_only = {t.id: t.label for t in campaign.targets if not t.emails}
        if not self.is_submitted():
            self.targets.data = [t.id for t in campaign.primary_targets]
            self.language.data = next(iter(campaign.letter_languages), None)

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        # Posted letters need a return address; email and mail-app letters only name the town.
        if self.channel.data == "pdf" and not self.address_line1.data and not self.address_line1.errors:
            self.address_line1.errors = [
                "Please enter your street address: it goes at the top of your printed letter."]
            is_valid = False
        # An email cannot reach an official we have no email address for: say so, rather than
        # count a letter that goes nowhere.
        by_post_only = [self._post_only[i] for i in self.targets.data or [] if i in self._post_only]
        if self.channel.data in ("email", "mailto") and by_post_only and not self.targets.errors:
            self.targets.errors = [f"We have no email address for {' or '.join(by_post_only)}: untick "
                                   f"{'them' if len(by_post_only) > 1 else 'this name'}, or choose Print and post."]
            is_valid = False
        return is_valid

    def submission(self) -> Submission:
        """The validated form as plain values for campaigns.actions.take_action."""
        details = SupporterDetails(
            name=self.name.data, email=self.email.data, address_line1=self.address_line1.data or "",
            address_line2=self.address_line2.data or "", city=self.city.data, postcode=self.postcode.data or "",
            country=self.country.data)
        return Submission(details=details, target_ids=list(self.targets.data), channel=Channel(self.channel.data),
                          language=self.language.data, form_nonce=self.form_nonce.data,
                          personal_message=self.personal_message.data or "", wants_copy=self.wants_copy.data,
                          wants_updates=self.wants_updates.data, forget_address=self.forget_address.data)


@lru_cache(maxsize=1)
def _country_select_choices() -> tuple[SelectChoice, ...]:
    return (SelectChoice("", "Choose your country…"),
            *(SelectChoice(code, name) for code, name in country_choices()))


@lru_cache(maxsize=1)
def _country_options() -> tuple[Markup, ...]:
    return tuple(Select.render_option(Choice(choice.value, choice.label, False, choice.render_kw))
                 for choice in _country_select_choices())


@lru_cache(maxsize=1)
def _country_index() -> dict[str, int]:
    """Each code's place in the list: the codes to validate against, and the option to mark chosen."""
    return {choice.value: index for index, choice in enumerate(_country_select_choices())}


def _target_choice_label(target) -> str:
    role = "write to" if target.kind.value == "primary" else "copy to"
    return f"{target.label} ({role}{'' if target.emails else '; by post only'})"
