"""One-time codes: random, short enough to type from a paper slip, without the characters
people confuse (l/1, o/0, i/j) and in lower case (what a phone keyboard types)."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import get_hashers_by_algorithm, make_password

from lamtheo.accounts.hashers import OneTimeCodeHasher

ALPHABET = "abcdefghkmnpqrstuvwxyz23456789"
LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_hash(code: str) -> str:
    """The code's password hash: OneTimeCodeHasher where the settings list it (they do;
    the tests' settings keep only a fast hasher, which is then used)."""
    if OneTimeCodeHasher.algorithm in get_hashers_by_algorithm():
        return make_password(code, hasher=OneTimeCodeHasher.algorithm)
    return make_password(code)
