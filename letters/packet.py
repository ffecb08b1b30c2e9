"""A supporter's PDF packet: the cover sheet and one letter per chosen target."""
from __future__ import annotations

from datetime import date

from flask import current_app, url_for
from flask_babel import gettext as _

from formatting import and_list, country_name, long_date
from i18n import interface_language
from letters.addresses import recipient_lines
from letters.compose import compose
from letters.document import CoverSheet, Envelope
from letters.email import writer_for
from letters.pdf import paper_for_country, render_letters_pdf


def postage_advice(from_country: str, to_countries: set[str], language: str = "en") -> str:
    """What stamp the letters need, in the cover sheet's language (`language` names the countries)."""
    abroad = {c for c in to_countries if c and c != from_country}
    if not abroad:
        return _("A standard domestic stamp is enough for one or two sheets in a normal envelope.")
    names = and_list(sorted(country_name(c, language) for c in abroad), language)
    return _("These letters go abroad (%(countries)s). Use international (airmail) postage for a standard letter "
             "up to 20 g — ask at the post office or buy an international stamp. Write the country in capitals "
             "on the last line of the address, as printed here.", countries=names)


def cover_sheet(campaign, action, targets, supporter_country: str) -> CoverSheet:
    """The cover sheet speaks the supporter's interface language, as the rest of its words do."""
    base = current_app.config["BASE_URL"]
    language = interface_language().code
    deadline = long_date(campaign.deadline, language) if campaign.deadline else ""
    envelopes = tuple(
        Envelope(label=t.label, address=tuple(recipient_lines(t)), is_copy=t.kind.value != "primary")
        for t in targets)
    return CoverSheet(
        campaign_title=campaign.title, ua_number=campaign.ua_number, deadline_text=deadline,
        envelopes=envelopes, postage_advice=postage_advice(supporter_country, {t.country for t in targets}, language),
        posted_url=base + url_for("campaigns.posted", secret=action.secret),
        posted_code=action.posted_code or "",
        posted_code_url=base + url_for("campaigns.posted_by_code"))


def action_pdf(campaign, action, letters, *, today: date, supporter=None) -> bytes:
    """`supporter` overrides the stored one: an address the supporter asked us not to keep is
    printed from the form they just sent (campaigns/forgetting.py)."""
    supporter = supporter or action.supporter
    targets = [letter.target for letter in letters]
    writer = writer_for(supporter, action.personal_message, with_street=True)
    composed = (compose(campaign, target, writer, language=action.language, today=today) for target in targets)
    return render_letters_pdf(composed, paper=paper_for_country(supporter.country),
                              cover=cover_sheet(campaign, action, targets, supporter.country))
