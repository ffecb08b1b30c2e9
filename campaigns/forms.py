"""The take-action form. Its field names are a contract: partner sites post to them."""
from __future__ import annotations

import re
from functools import lru_cache

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from markupsafe import Markup
from wtforms import (BooleanField, HiddenField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.fields.choices import Choice, SelectChoice
from wtforms.validators import (DataRequired, Email, InputRequired, Length, Optional, Regexp,
                                ValidationError)
from wtforms.widgets import CheckboxInput, ListWidget, Select, html_params

from campaigns.address_form import GENERIC_LABELS, RegionField, check_address, fit_to_country
from campaigns.submission import Submission, SupporterDetails
from formatting import country_choices, or_list, page_language
from i18n import TranslatedForm, interface_language
from letters.languages import letter_language_label
from letters.pdf import unprintable
from models import Channel

# Anything below a space (tabs, line breaks, NUL…), DEL, and the bidi controls that can disguise text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

CHANNEL_CHOICES = [
    SelectChoice("pdf", _l("Print and post — a ready-to-sign PDF letter")),
    SelectChoice("email", _l("Email — sent for you after you confirm your address")),
    SelectChoice("mailto", _l("My own email app — we prefill the message")),
]


def single_line(form, field) -> None:
    if field.data and _CONTROL.search(field.data):
        raise ValidationError(_("Please use one line without special characters."))


def stored_in_full(form, field) -> None:
    """An address is kept lower-cased, which lengthens a few letters ("İ" becomes two): it must
    still fit the 254 characters an address may have."""
    if field.data and len(field.data.strip().lower()) > 254:
        raise ValidationError(_("Please enter an email address like name@example.org."))


def no_control_characters(form, field) -> None:
    if field.data and _CONTROL_MULTILINE.search(field.data):
        raise ValidationError(_("Please remove the special characters from this text."))


def at_least_one(message):
    # Not DataRequired: that would mark every checkbox `required` and make browsers demand all of them.
    def check(form, field) -> None:
        if not field.data:
            raise ValidationError(str(message))
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
        language = page_language()
        options = list(_country_options(language))
        chosen = _country_index(language).get(field.data)
        if chosen is not None:
            choice = _country_select_choices(language)[chosen]
            options[chosen] = Select.render_option(Choice(choice.value, choice.label, True, choice.render_kw))
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{''.join(options)}</select>")


class CountryField(SelectField):
    """The country list, checked by set membership: WTForms would walk all 250 choices per request."""

    widget = CountrySelect()

    def __init__(self, *args, **kwargs) -> None:
        # Given as a callable, the list is looked at only when a page shows it, not for every POST.
        super().__init__(*args, choices=lambda: _country_select_choices(page_language()), **kwargs)

    def pre_validate(self, form) -> None:
        if not self.process_errors and self.data not in _country_index("en"):  # the same codes in every language
            raise ValidationError(self.gettext("Not a valid choice."))


_EVENT_CODE = re.compile(r"^[A-Za-z0-9_-]{16,32}$")


def event_code(value):
    return value if isinstance(value, str) and _EVENT_CODE.match(value) else ""


class WholeNumberField(IntegerField):
    """A whole number no longer than any count kept here could be (a database integer has 10 digits).
    WTForms' range check turns the number into a float, which a number of 400 digits overflows."""

    MAX_DIGITS = 12

    def process_formdata(self, valuelist):
        if valuelist and len(str(valuelist[0]).strip().lstrip("+-")) > self.MAX_DIGITS:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))
        super().process_formdata(valuelist)


class CheckboxListField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ActionForm(TranslatedForm):
    class Meta:
        # CSRFProtect checks every POST before the view runs (extensions.py); checking the token
        # again here, and signing a fresh one for each submission, would only cost time on the
        # busiest form there is. The page sends the token as a plain hidden field.
        csrf = False

    name = StringField(_l("Your name"), filters=[_strip],
                       validators=[DataRequired(_l("Please enter your name.")), Length(max=200), single_line])
    email = StringField(_l("Your email address"), filters=[_strip], validators=[
        DataRequired(_l("Please enter your email address.")), Length(max=254), single_line, stored_in_full,
        Email(_l("Please enter an email address like name@example.org."), check_deliverability=False)])
    address_line1 = StringField(_l("Street and number"), filters=[_strip],
                                validators=[Optional(), Length(max=200), single_line])
    address_line2 = StringField(_l("Address line 2 (optional)"), filters=[_strip],
                                validators=[Optional(), Length(max=200), single_line])
    # Required or not by the country (campaigns/address_form.py), as are the region and postcode.
    city = StringField(_l("Town or city"), filters=[_strip],
                       validators=[Optional(), Length(max=120), single_line])
    region = RegionField(GENERIC_LABELS["region"], filters=[_strip],
                         validators=[Optional(), Length(max=120), single_line])
    postcode = StringField(_l("Postcode"), filters=[_strip], validators=[Optional(), Length(max=20), single_line])
    country = CountryField(_l("Country"), validators=[InputRequired(_l("Please choose your country."))])
    personal_message = TextAreaField(
        _l("A few words of your own (optional)"), filters=[_strip],
        validators=[Optional(), Length(max=1500, message=_l("Please keep your message under 1,500 characters.")),
                    no_control_characters])
    targets = CheckboxListField(_l("Who to write to"), coerce=int,
                                validators=[at_least_one(_l("Please choose at least one person to write to."))])
    # Translators: the heading over the choice of print and post, email, or the supporter's own mail app.
    channel = RadioField(_l("How to send"), choices=CHANNEL_CHOICES, default="pdf",
                         validators=[InputRequired(_l("Please choose how to send your letters."))])
    language = SelectField(_l("Language of the letter"), validators=[InputRequired(_l("Please choose a language."))])
    wants_copy = BooleanField(_l("Email me a copy of my letters (email only)"), default=False)
    wants_updates = BooleanField(_l("Email me updates on this case (you can leave at any time)"), default=False)
    # Printed letters are made at once and the address is never stored: see campaigns/forgetting.py.
    forget_address = BooleanField(_l("Don't keep my address: make my printed letters now and forget it"),
                                  default=False)
    form_nonce = HiddenField(validators=[DataRequired(), Length(min=16, max=64),
                                         Regexp(r"^[A-Za-z0-9_-]+$", message=_l("Please reload the form."))])
    # The event whose QR link opened the form (events/tally.py counts it); anything else is left out,
    # never an error: a supporter's letters do not depend on it.
    event = HiddenField(filters=[event_code])
    # A honeypot: hidden from people by CSS and from screen readers, filled in by bots.
    website = StringField(_l("Leave this empty"), validators=[Optional()])

    # A printed letter must show what was typed: refuse, field by field, characters no font of
    # the letters has (rather than print "?" or empty boxes).
    def _printable(self, field) -> None:
        if self.channel.data == "pdf" and field.data:
            missing = unprintable(field.data)
            if missing:
                raise ValidationError(_l("We cannot print these characters in a letter: %(characters)s. "
                                         "Please write them another way or leave them out.",
                                         characters=" ".join(missing[:10])))

    validate_name = validate_address_line1 = validate_address_line2 = _printable
    validate_city = validate_postcode = validate_personal_message = _printable

    @property
    def is_bot(self) -> bool:
        return bool(self.website.data)

    def __init__(self, *args, campaign, letter_languages, **kwargs):
        """letter_languages: the languages of the campaign's complete versions, officials' first."""
        super().__init__(*args, **kwargs)
        self.targets.choices = [SelectChoice(t.id, _target_choice_label(t)) for t in campaign.ordered_targets]
        interface = str(get_locale() or "en")
        self.language.choices = [SelectChoice(code, letter_language_label(code, interface))
                                 for code in letter_languages]
        self._post_only = {t.id: t.label for t in campaign.targets if not t.emails}
        if not self.is_submitted():
            self.targets.data = [t.id for t in campaign.primary_targets]
            self.language.data = next(iter(letter_languages), None)
        fit_to_country(self)

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        # Posted letters need a return address; email and mail-app letters only name the town.
        is_valid = check_address(self, needs_street=self.channel.data == "pdf") and is_valid
        # An email cannot reach an official we have no email address for: say so, rather than
        # count a letter that goes nowhere.
        by_post_only = [self._post_only[i] for i in self.targets.data or [] if i in self._post_only]
        if self.channel.data in ("email", "mailto") and by_post_only and not self.targets.errors:
            names = or_list(by_post_only)
            self.targets.errors = [ngettext("We have no email address for %(names)s: untick this name, or choose "
                                            "Print and post.",
                                            "We have no email address for %(names)s: untick them, or choose "
                                            "Print and post.", len(by_post_only), names=names)]
            is_valid = False
        return is_valid

    def submission(self, *, widget_site: str | None = None) -> Submission:
        """The validated form as plain values for campaigns.actions.take_action.
        widget_site: sent through the embedded widget on this listed site ("" unknown)."""
        details = SupporterDetails(
            name=self.name.data, email=self.email.data, address_line1=self.address_line1.data or "",
            address_line2=self.address_line2.data or "", city=self.city.data or "",
            region=self.checked_address.region, postcode=self.checked_address.postcode, country=self.country.data)
        return Submission(details=details, target_ids=list(self.targets.data), channel=Channel(self.channel.data),
                          language=self.language.data, form_nonce=self.form_nonce.data,
                          personal_message=self.personal_message.data or "", wants_copy=self.wants_copy.data,
                          wants_updates=self.wants_updates.data, forget_address=self.forget_address.data,
                          locale=interface_language().code, event_code=self.event.data or "",
                          widget_site=widget_site)


# Keyed by the page's language, which is also the language gettext answers in when a key is first
# met: each list holds its own placeholder and names, sorted as that language reads them.
@lru_cache(maxsize=16)
def _country_select_choices(language: str) -> tuple[SelectChoice, ...]:
    return (SelectChoice("", _("Choose your country…")),
            *(SelectChoice(code, name) for code, name in country_choices(language)))


@lru_cache(maxsize=16)
def _country_options(language: str) -> tuple[Markup, ...]:
    return tuple(Select.render_option(Choice(choice.value, choice.label, False, choice.render_kw))
                 for choice in _country_select_choices(language))


@lru_cache(maxsize=16)
def _country_index(language: str) -> dict[str, int]:
    """Each code's place in the list: the codes to validate against, and the option to mark chosen."""
    return {choice.value: index for index, choice in enumerate(_country_select_choices(language))}


def _target_choice_label(target) -> str:
    if target.kind.value == "primary":
        if target.emails:
            return _("%(official)s (write to)", official=target.label)
        return _("%(official)s (write to; by post only)", official=target.label)
    if target.emails:
        return _("%(official)s (copy to)", official=target.label)
    return _("%(official)s (copy to; by post only)", official=target.label)
