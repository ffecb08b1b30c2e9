"""mailto: links that open the supporter's own mail app with the letter already written."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from letters.compose import Writer, as_plain_text, compose
from letters.recipients import letter_recipients

# Some mail clients and browsers cut mailto: links near 2,000 characters; stay under that.
MAX_URL_LENGTH = 1900
_ELLIPSIS = "\n\n[…]"


def mailto_url(to: list[str], subject: str, body: str, cc: list[str] | None = None) -> str:
    """Encode every part (RFC 6068), shortening the body at a paragraph or word when needed."""
    head = "mailto:" + ",".join(quote(address, safe="@") for address in to)
    params = []
    if cc:
        params.append("cc=" + ",".join(quote(address, safe="@") for address in cc))
    params.append("subject=" + quote(subject, safe=""))
    prefix = head + "?" + "&".join(params) + "&body="
    encoded = quote(body, safe="")
    if len(prefix) + len(encoded) <= MAX_URL_LENGTH:
        return prefix + encoded
    return prefix + quote(_shorten(body, MAX_URL_LENGTH - len(prefix)), safe="")


def _shorten(body: str, budget: int) -> str:
    paragraphs = body.split("\n\n")
    kept: list[str] = []
    for paragraph in paragraphs:
        candidate = "\n\n".join([*kept, paragraph]) + _ELLIPSIS
        if len(quote(candidate, safe="")) > budget:
            break
        kept.append(paragraph)
    if kept:
        return "\n\n".join(kept) + _ELLIPSIS
    words: list[str] = []
    for word in body.split(" "):
        if len(quote(" ".join([*words, word]) + _ELLIPSIS, safe="")) > budget:
            break
        words.append(word)
    return " ".join(words) + _ELLIPSIS


@dataclass(frozen=True)
class MailAppLetter:
    """A letter as the supporter's own mail app gets it: addressed by the one rule for letters."""

    to: list[str]
    subject: str
    text: str

    @property
    def url(self) -> str:
        return mailto_url(self.to, self.subject, self.text)


def mail_app_letter(campaign, target, writer: Writer, *, language: str, today: date) -> MailAppLetter:
    composed = compose(campaign, target, writer, language=language, today=today)
    return MailAppLetter(to=letter_recipients(campaign, target).to, subject=composed.subject,
                         text=as_plain_text(composed))
