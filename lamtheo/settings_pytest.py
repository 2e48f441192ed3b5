"""The settings of a pytest run (pyproject's DJANGO_SETTINGS_MODULE): Lamtheo's settings in
development mode, LAMTHEO_DEV=1, when the caller left LAMTHEO_DEV unset or empty. A conftest.py is
too late for this: pytest-django loads the settings before any conftest."""

import os

if not os.environ.get("LAMTHEO_DEV", "").strip():
    os.environ["LAMTHEO_DEV"] = "1"

from lamtheo.settings import *  # noqa: E402, F403

# The public feedback form's challenge accepts "PASSED" in tests (a wrong answer is still
# refused): django-simple-captcha reads this once, at import.
CAPTCHA_TEST_MODE = True
# ... and logs that choice as an error at import; the warning filter in pyproject.toml and this
# quiet logger keep it out of every test run's output.
LOGGING = {
    **LOGGING,  # noqa: F405
    "loggers": {"captcha.conf.settings": {"level": "CRITICAL"}},
}
