"""Which inbox an email address reaches: spellings of one mailbox compare equal.

Mail providers deliver many spellings of an address to one inbox: any case, a `+tag`
(sub-addressing), and at some providers dots or other punctuation in the local part and
several domains for one account (`go.saparov+x@googlemail.com` reaches `gosaparov@gmail.com`).
Everything that must recognise an inbox rather than a string uses `inbox_key`: the safety
guard that keeps our mail away from officials, the per-address limits, blocks, and telling
one supporter from another. It errs on the side of "the same inbox": for a guard or a limit,
treating two addresses as one is safe; the reverse is not.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import idna

# Stored beside the address (supporters.inbox), so never longer than an address may be. Folding
# can lengthen text many times over (NFKC makes "ﷺ" eighteen letters); past this length no real
# inbox is told apart, and two that share the first 254 characters count as one, the safe way.
LONGEST = 254


@dataclass(frozen=True)
class _Provider:
    domain: str                 # the account's own domain, which every alias maps to
    ignored: str = ""           # characters of the local part the provider does not read
    joined: str = ""            # characters it reads as one: each is written as the first


_GOOGLE = _Provider("gmail.com", ignored=".")
# Proton reads neither dots, hyphens nor underscores in a local part.
_PROTON = _Provider("proton.me", ignored="._-")
# Yandex logins treat a dot and a hyphen as the same character.
_YANDEX = _Provider("yandex.ru", joined="-.")
_APPLE = _Provider("icloud.com")

PROVIDERS: dict[str, _Provider] = {
    "gmail.com": _GOOGLE, "googlemail.com": _GOOGLE,
    "proton.me": _PROTON, "pm.me": _PROTON, "protonmail.com": _PROTON, "protonmail.ch": _PROTON,
    **{domain: _YANDEX for domain in ("yandex.ru", "yandex.com", "yandex.by", "yandex.kz", "yandex.ua",
                                      "yandex.com.tr", "ya.ru")},
    "icloud.com": _APPLE, "me.com": _APPLE, "mac.com": _APPLE,
}


@lru_cache(maxsize=4096)
def inbox_key(address: str) -> str:
    """The inbox an address reaches, as one string: 'Go.Saparov+X@GoogleMail.com' → 'gosaparov@gmail.com'.

    Case is folded and Unicode normalised (NFKC), the domain is written in Unicode (an IDNA
    `xn--` label and its Unicode form are one domain), the `+tag` is dropped at every domain,
    and the rules of the providers above are applied; at most LONGEST characters. Anything
    that is not an address comes back folded, so it still compares equal to itself.
    """
    return _key(address)[:LONGEST]


def _key(address: str) -> str:
    text = unicodedata.normalize("NFKC", address or "").strip().casefold()
    local, at, domain = text.rpartition("@")
    if not at or not local:
        return text
    domain = _unicode_domain(domain.rstrip("."))
    local = local.split("+", 1)[0] or local
    provider = PROVIDERS.get(domain)
    if provider is not None:
        domain = provider.domain
        local = "".join(ch for ch in local if ch not in provider.ignored) or local
        for ch in provider.joined[1:]:
            local = local.replace(ch, provider.joined[0])
    return f"{local}@{domain}"


def same_inbox(first: str, second: str) -> bool:
    return inbox_key(first) == inbox_key(second)


def _unicode_domain(domain: str) -> str:
    labels = []
    for label in domain.split("."):
        if label.startswith("xn--"):
            try:
                label = idna.decode(label).casefold()  # IDNA 2008, folded like the rest
            except (idna.IDNAError, UnicodeError):
                pass  # not a valid IDNA label: compared as written
        labels.append(label)
    return ".".join(labels)
