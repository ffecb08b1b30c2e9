"""The country of an address whose envelope has no country line, from its city line alone.

A section writes the copies to embassies in its own country for its own readers, so the envelope ends
with "10117 Berlin", "1010 Wien", "1180 Uccle" or "28010 Madrid" and no country. The country is taken
from that line only when the line leaves no doubt:

- the town is one of the cities below, where sections send their copies (embassies, consulates and
  missions sit in the capitals, a few large cities and, in Belgium, the communes of the Brussels region),
- the postcode has the shape the country's post gives it, and stands on the side of the town the
  country writes it on (Google's address data, as `letters.postal` reads it: "10117 Berlin" is German,
  but "Berlin, CT 06037" or "Berlin 10117" is not), and
- no other country passes both tests.

A postcode written with the old international prefix of its country ("D-10117", "A-1010", "CH-3003",
"L-1234") names the country even when the town is not listed, if the postcode fits it.

The sheet's language is no guide: a German sheet's target in Ankara also writes "06659 Ankara", so a
5-digit postcode before the town would make Turkey Germany. An address none of this settles keeps no
country, which the organiser fills in: an empty country is better than a wrong one.

The table is small on purpose: a world gazetteer (tens of megabytes of town names) would answer for
towns no copy is ever sent to, and its names shared by several countries would need the same tests.
US, Canadian, British and Irish city lines say their country by their own shape (see envelopes.py).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from campaigns.importer.values import country_code
from letters.postal import address_format, check

# The cities where a section's copies go, by country, as the section's readers and the sheet languages
# write them (the town's own name first, then its names in English, French, German and Spanish).
_CITIES = {
    "AT": ("Wien", "Vienna", "Vienne", "Viena", "Graz", "Linz", "Salzburg", "Innsbruck"),
    "BE": ("Bruxelles", "Brussel", "Brussels", "Brüssel", "Bruselas",
           # The communes of the Brussels region, where most embassies are, in French and in Dutch.
           "Anderlecht", "Auderghem", "Oudergem", "Berchem-Sainte-Agathe", "Sint-Agatha-Berchem", "Etterbeek",
           "Evere", "Forest", "Vorst", "Ganshoren", "Ixelles", "Elsene", "Jette", "Koekelberg",
           "Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek", "Saint-Gilles", "Sint-Gillis", "Saint-Josse-ten-Noode",
           "Sint-Joost-ten-Node", "Schaerbeek", "Schaarbeek", "Uccle", "Ukkel", "Watermael-Boitsfort",
           "Watermaal-Bosvoorde", "Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe", "Woluwe-Saint-Pierre",
           "Sint-Pieters-Woluwe", "Antwerpen", "Anvers", "Antwerp", "Liège", "Luik", "Gent", "Gand", "Ghent"),
    "CH": ("Bern", "Berne", "Berna", "Genève", "Genf", "Geneva", "Ginebra", "Zürich", "Zurich"),
    "DE": ("Berlin", "Bonn", "Frankfurt am Main", "Frankfurt", "Hamburg", "München", "Munich", "Köln", "Cologne",
           "Düsseldorf", "Stuttgart"),
    "ES": ("Madrid", "Barcelona", "Sevilla", "Seville", "Séville", "Bilbao", "Valencia"),
    "FR": ("Paris", "Marseille", "Lyon", "Strasbourg", "Straßburg", "Estrasburgo"),
    "IT": ("Roma", "Rome", "Rom", "Milano", "Milan", "Mailand"),
    "LU": ("Luxembourg", "Luxemburg", "Luxemburgo"),
    "PT": ("Lisboa", "Lisbon", "Lisbonne", "Lissabon", "Porto"),
}
# Countries that are one city: an envelope's last line "Hong Kong", "Singapore" or "Monaco" is its city and its
# country at once, with no town line above it ("9 Lung Wo Walk, Admiralty" names a district, not the town).
CITY_STATES = frozenset({"GI", "HK", "MC", "MO", "SG", "VA"})
# The old international prefixes of postcodes ("D-10117 Berlin"): the country's sign on cars.
_PREFIXES = {"A": "AT", "B": "BE", "CH": "CH", "D": "DE", "E": "ES", "F": "FR", "I": "IT", "L": "LU", "P": "PT"}
_PREFIXED = re.compile(r"^(?P<prefix>[A-Z]{1,2})-(?P<postcode>\d{4,6})$")


def _folded(name: str) -> str:
    """A town's name as looked up: lower case, without accents, hyphens as spaces ('Genève' → 'geneve')."""
    name = re.sub(r"[\s\-]+", " ", name).strip(" .").casefold()
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))


@lru_cache(maxsize=1)
def _countries_of_cities() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for country, cities in _CITIES.items():
        for city in cities:
            found.setdefault(_folded(city), set()).add(country)
    return {city: frozenset(countries) for city, countries in found.items()}


def _fits(country: str, postcode: str, postcode_first: bool) -> bool:
    """The postcode has the country's shape and stands on the side of the town the country writes it on."""
    fields = address_format(country).fields
    if "postcode" not in fields or "city" not in fields:
        return False
    if (fields.index("postcode") < fields.index("city")) != postcode_first:
        return False
    return _postcode_fits(country, postcode)


def _postcode_fits(country: str, postcode: str) -> bool:
    """The postcode has the shape the country's post gives it."""
    return "postcode" in address_format(country).fields and "postcode" not in check(
        country, street="", city="", region="", postcode=postcode, needs_street=False).errors


def country_of_city_line(city: str, postcode: str, *, postcode_first: bool) -> str | None:
    """'Berlin', '10117', postcode first → 'DE'; None unless exactly one country fits (see the module)."""
    if not postcode:
        return None
    if match := _PREFIXED.match(postcode):
        country = _PREFIXES.get(match["prefix"])
        return country if country and _fits(country, match["postcode"], postcode_first) else None
    if (country := country_code(city)) in CITY_STATES:
        # "Singapore 229481": the city-state's name is its town, on either side of a postcode of its shape.
        return country if _postcode_fits(country, postcode) else None
    # "Berlin-Mitte", "Frankfurt/Main", "Etterbeek (Bruxelles)": the town before its district, if the whole
    # name is not one ("Woluwe-Saint-Lambert" is).
    towns = _countries_of_cities()
    countries = towns.get(_folded(city)) or towns.get(_folded(re.split(r"[-/(]", city, maxsplit=1)[0]), ())
    candidates = [country for country in sorted(countries) if _fits(country, postcode, postcode_first)]
    return candidates[0] if len(candidates) == 1 else None
