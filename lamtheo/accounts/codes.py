"""One-time codes: random, short enough to type from a paper slip, without the characters
people confuse (l/1, o/0, i/j) and in lower case (what a phone keyboard types)."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import make_password

from lamtheo.accounts.hashers import OneTimeCodeHasher

ALPHABET = "abcdefghkmnpqrstuvwxyz23456789"
LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_hash(code: str) -> str:
    return make_password(code, hasher=OneTimeCodeHasher())
