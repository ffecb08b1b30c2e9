"""Postal address blocks, written the way the destination's post expects them.

The order of the lines and the parts each has come from the address's country (letters/postal.py,
Google's address data): "10115 Berlin" in Germany, "Springfield, IL 62701" in the United States,
the postcode first and the largest part down for an address typed in Japanese. The country goes
last, in English and in capitals, as the Universal Postal Union asks of international mail: the
post of the country the letter leaves from, of any country it crosses and of the destination can
all read it, whatever language the letter itself is in.
"""
from __future__ import annotations

from formatting import country_name
from letters import postal


def postal_country_line(country: str) -> str:
    return postal.country_line(country) or country_name(country).upper()


def recipient_lines(target, *, from_country: str | None = None) -> list[str]:
    """Name, title, organisation, then the address in its country's order, and the country.

    The country line is left out when the letter stays inside that country.
    """
    lines = []
    if target.display_name and target.display_name != target.title:
        lines.append(target.display_name)
    if target.title:
        lines.append(target.title)
    if target.organisation:
        lines.append(target.organisation)
    lines.extend(postal.lines(target.country, street_lines=target.address_lines or [], city=target.city,
                              region=target.region, postcode=target.postcode))
    if target.country and target.country != from_country:
        lines.append(postal_country_line(target.country))
    return lines


def supporter_lines(supporter) -> list[str]:
    """The supporter's return address for a posted letter, country last as on any envelope."""
    lines = postal.lines(supporter.country, street_lines=[supporter.address_line1, supporter.address_line2],
                         city=supporter.city, region=supporter.region, postcode=supporter.postcode)
    if supporter.country:
        lines.append(postal_country_line(supporter.country))
    return lines


def supporter_town_lines(supporter) -> list[str]:
    """Where an email letter says its writer lives: the town (and state, province…) in the
    country's order, then the country; never the street or the postcode."""
    lines = postal.lines(supporter.country, street_lines=[], city=supporter.city,
                         region=supporter.region, postcode="")
    if supporter.country:
        lines.append(country_name(supporter.country))
    return lines


def supporter_town(supporter) -> str:
    """The town a letter names its writer's home by: where the country's addresses have no town
    (Japan, Singapore), the region, else the country."""
    if supporter.city:
        return supporter.city
    region = supporter.region
    if region:
        return postal.region_name(supporter.country, region)
    return country_name(supporter.country)
