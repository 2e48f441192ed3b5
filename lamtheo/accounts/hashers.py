"""The hash of a one-time code.

A one-time code is 10 characters drawn at random from 30 (about 49 bits), lives until its
first use and is replaced by the person's own password at once; Django's default PBKDF2
(1,000,000 iterations, about half a second here) would make issuing a đảng bộ's
hundreds of accounts a minutes-long request. This hasher is the same PBKDF2-SHA256 with
fewer iterations; Django re-hashes with the default one whenever a password is checked.
"""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class OneTimeCodeHasher(PBKDF2PasswordHasher):
    algorithm = "lamtheo_code_pbkdf2_sha256"
    iterations = 30_000
