"""Postal address blocks, written the way the destination's post expects them."""
from __future__ import annotations

from formatting import country_name

# Countries that write "City, ST 12345" on one line (and the region before the code).
_CITY_REGION_POSTCODE = {"US", "CA", "AU"}
# Countries that write the postcode after the city on its own line.
_CITY_THEN_POSTCODE = {"GB", "IE", "RU", "TM", "KZ", "UA", "BY"}


def city_line(city: str, region: str, postcode: str, country: str) -> list[str]:
    if country in _CITY_REGION_POSTCODE:
        head = ", ".join(part for part in (city, region) if part)
        return [" ".join(part for part in (head, postcode) if part)] if head or postcode else []
    if country in _CITY_THEN_POSTCODE:
        return [line for line in (city, region, postcode) if line]
    line = " ".join(part for part in (postcode, city) if part)
    return [line for line in (line, region) if line]


def recipient_lines(target, *, from_country: str | None = None) -> list[str]:
    """Name, title, organisation, street, city line, then the country in capitals.

    The country line is left out when the letter stays inside that country.
    """
    lines = []
    if target.display_name and target.display_name != target.title:
        lines.append(target.display_name)
    if target.title:
        lines.append(target.title)
    if target.organisation:
        lines.append(target.organisation)
    lines.extend(line for line in target.address_lines if line)
    lines.extend(city_line(target.city, target.region, target.postcode, target.country))
    if target.country and target.country != from_country:
        lines.append(country_name(target.country).upper())
    return lines


def supporter_lines(supporter) -> list[str]:
    lines = [line for line in (supporter.address_line1, supporter.address_line2) if line]
    lines.extend(city_line(supporter.city, "", supporter.postcode, supporter.country))
    if supporter.country:
        lines.append(country_name(supporter.country))
    return lines
