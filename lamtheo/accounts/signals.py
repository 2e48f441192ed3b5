"""A password chosen by any way clears "must change password".

Django's User.set_password keeps the new raw password on the instance until save() has
run (and not when a login merely upgrades the hash of the same password), so a save that
follows set_password is a new password of the person's own: the first log-in, the reset by
e-mail, the change of password. A one-time code is written as a hash (accounts.codes),
never through set_password, so issuing one does not clear what it sets.

(The state is not read from the hash's algorithm: Django re-hashes a one-time code with the
default hasher at the first log-in, so the prefix does not last until the new password.)
"""

from __future__ import annotations

from lamtheo.accounts import services


def password_saved(sender, *, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created or raw or getattr(instance, "_password", None) is None:
        return
    services.password_chosen(user=instance)
