from __future__ import annotations

from django.contrib.auth.hashers import check_password

from lamtheo.accounts.codes import ALPHABET, LENGTH, code_hash, new_code


def test_codes_are_random_and_avoid_characters_people_confuse():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == LENGTH and set(c) <= set(ALPHABET) for c in codes)
    assert not set("il1o0j") & set(ALPHABET)


def test_a_code_is_kept_only_as_a_hash_of_the_one_time_code_hasher(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "lamtheo.accounts.hashers.OneTimeCodeHasher",
    ]
    code = new_code()
    hashed = code_hash(code)
    assert hashed.startswith("lamtheo_code_pbkdf2_sha256$30000$") and code not in hashed
    assert check_password(code, hashed) and not check_password(code.upper(), hashed)
