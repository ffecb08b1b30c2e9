"""inbox_key: every spelling that reaches one inbox compares equal, and different inboxes stay apart."""
from __future__ import annotations

import pytest

from inboxes import inbox_key, same_inbox


@pytest.mark.parametrize("spelling", [
    "gosaparov@gmail.com", "go.saparov@gmail.com", "go.saparov+x@gmail.com", "Go.Saparov@GMAIL.com",
    "go.saparov@googlemail.com", "g.o.s.a.p.a.r.o.v+ua-118@googlemail.com", " gosaparov@gmail.com. ",
])
def test_the_spellings_of_one_gmail_inbox_are_one_inbox(spelling):
    assert inbox_key(spelling) == "gosaparov@gmail.com"


@pytest.mark.parametrize(("first", "second"), [
    ("jane+news@example.org", "JANE@example.org"),                 # sub-addressing anywhere
    ("jane@bücher.example", "Jane@xn--bcher-kva.example"),         # IDNA and Unicode domains
    ("ivan.petrov@ya.ru", "ivan-petrov@yandex.com"),               # Yandex: dot and hyphen are one
    ("a.b_c-d+x@pm.me", "abcd@protonmail.com"),                    # Proton ignores . _ -
    ("tim@me.com", "tim@icloud.com"),                              # Apple's three domains
    ("ｊａｎｅ@example.org", "jane@example.org"),                   # full-width letters (NFKC)
])
def test_aliases_reach_the_same_inbox(first, second):
    assert same_inbox(first, second)


@pytest.mark.parametrize(("first", "second"), [
    ("go.saparov@example.org", "gosaparov@example.org"),           # dots matter outside Gmail
    ("jane@outlook.com", "jane@hotmail.com"),                      # separate Microsoft mailboxes
    ("jane@example.org", "jane@example.com"),
    ("джейн@example.org", "джон@example.org"),
])
def test_different_inboxes_stay_apart(first, second):
    assert not same_inbox(first, second)


def test_what_is_not_an_address_still_equals_itself():
    for text in ("", "no-at-sign", "@example.org", "+tag@example.org"):
        assert inbox_key(text) == inbox_key(text.upper())


def test_a_domain_in_idna_folds_like_one_in_unicode():
    assert same_inbox("jane@straße.example", "jane@xn--strae-oqa.example")
