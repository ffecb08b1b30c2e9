"""Letter previews for organisers: the PDF and the email a sample supporter's letter becomes."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from flask_babel import gettext as _

from letters.addresses import supporter_lines, supporter_town_lines
from letters.compose import Writer, compose
from letters.email import LetterEmail, letter_email
from letters.pdf import render_letters_pdf
from models import Campaign, LetterVersion, Target, TargetKind

# The sample supporter is a name and a postal address, as a supporter would type them: they stay
# as they are whatever the page's language. Their message is a note to the organiser, so it is
# written in the organiser's language.
SAMPLE_NAME = "Alex Sample"
SAMPLE_TOWN = "Leeds"
SAMPLE_COUNTRY = "United Kingdom"


def sample_message() -> str:
    return _("(A supporter's own words appear here when they add some.)")


def sample_writer(*, with_street: bool) -> Writer:
    """A made-up supporter; emails carry only the town and country, as real ones do. The address
    is laid out as a real supporter's is (letters/addresses.py), so the preview shows its shape."""
    sample = SimpleNamespace(address_line1="12 Example Street", address_line2="", city=SAMPLE_TOWN, region="",
                             postcode="LS1 1AA", country="GB")
    address = tuple(supporter_lines(sample) if with_street else supporter_town_lines(sample))
    return Writer(name=SAMPLE_NAME, address=address, town=SAMPLE_TOWN, country_name=SAMPLE_COUNTRY,
                  personal_message=sample_message(), country_code="GB")


def preview_target(campaign: Campaign, target_id: int | None) -> Target:
    """The chosen official, else the first one, else a stand-in that is never saved."""
    chosen = next((t for t in campaign.ordered_targets if t.id == target_id), None)
    if chosen is None and campaign.ordered_targets:
        chosen = campaign.ordered_targets[0]
    if chosen is not None:
        return chosen
    return Target(kind=TargetKind.primary, title=_("The official you add"), honorific="", name="", organisation="",
                  address_lines=[], city="", region="", postcode="", country="", emails=[], fax="", phone="",
                  salutation="", language="")


def preview_pdf(campaign: Campaign, target: Target, *, version: LetterVersion, today: date) -> bytes:
    """This version's letter, complete or not: organisers see a version before supporters can choose it."""
    letter = compose(campaign, target, sample_writer(with_street=True), language=version.language, today=today,
                     version=version)
    return render_letters_pdf([letter], title=_("Preview of the %(language)s letter for %(ua_number)s",
                                                 language=version.language, ua_number=campaign.ua_number))


def preview_email(campaign: Campaign, target: Target, *, version: LetterVersion, today: date) -> LetterEmail:
    """What the email channel would put in the outbox for this letter, for a sample supporter."""
    return letter_email(campaign, target, sample_writer(with_street=False), language=version.language,
                        today=today, version=version)
