"""Lamtheo settings: one module, driven by environment variables.

SQLite by default (zero set-up); set DATABASE_URL for PostgreSQL.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes"}
FALSE_WORDS = {"0", "false", "no"}


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no environment variable: 1/0, true/false, yes/no in any case; unset or empty is
    `default`. Anything else stops the start, rather than being silently read as "no"."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"Biến môi trường {name}={value!r} không hợp lệ: chỉ nhận 1/0, true/false, yes/no. "
        f"/ {name}={value!r} is not valid: use 1/0, true/false or yes/no."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"Biến môi trường {name}={value!r} phải là một số nguyên. "
            f"/ {name}={value!r} must be an integer."
        ) from None


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable, blanks around and empty items dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Development (make run/test/bench/demo, .ci/run, pytest) says so with LAMTHEO_DEV=1. Anything
# else is production: it must be given its own secret key and host names, and gets HTTPS-only
# settings.
DEV = env_bool("LAMTHEO_DEV", False)
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEV else "")
if not DEV and not (SECRET_KEY and ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "Chưa đặt SECRET_KEY và ALLOWED_HOSTS cho máy chủ thật (khi phát triển, kiểm thử: "
        "đặt LAMTHEO_DEV=1). / SECRET_KEY and ALLOWED_HOSTS must be set in production "
        "(for development and tests set LAMTHEO_DEV=1)."
    )
if not SECRET_KEY:
    # Development and tests only: outside LAMTHEO_DEV=1 the start is refused above.
    SECRET_KEY = "dev-only-not-a-secret"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "lamtheo.core",
    "lamtheo.orgs",
    "lamtheo.people",
    "lamtheo.campaign",
    "lamtheo.pledges",
    "lamtheo.handbook",
    "lamtheo.learning",
    "lamtheo.documents",
    "lamtheo.inspections",
    "lamtheo.signin",
    "lamtheo.accounts",
    "lamtheo.dashboard",
    "lamtheo.home",
    "lamtheo.demo",
    "axes",
    "captcha",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # First: every response gets the Content-Security-Policy header, the redirect to HTTPS and
    # the static files included.
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A one-time code's first log-in sets a new password before anything else.
    "lamtheo.accounts.middleware.MustChangePasswordMiddleware",
    # user.is_verified(): the session passed the second step (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # After accounts' "must change password" redirect: a person who must use two-factor
    # sign-in and has not passed it is sent to its setup or its verify step.
    "lamtheo.signin.middleware.TwoFactorMiddleware",
    "lamtheo.core.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lamtheo.urls"
WSGI_APPLICATION = "lamtheo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lamtheo" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lamtheo.home.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dashboard read while a handbook entry is being written.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's default hashers, then the one of one-time codes (lamtheo/accounts/hashers.py): a
# code is re-hashed with the first one when it is used, and replaced at once anyway.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "lamtheo.accounts.hashers.OneTimeCodeHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Log-in throttling (django-axes): the site's log-in and the admin's both go through the
# backend, which refuses every attempt, the right password included, while locked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # The person's code or phone number, any case, blanks around ignored (lamtheo.signin).
    "lamtheo.signin.backends.LoginNameBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# A username OR an address: guessing one account's password from many addresses, and trying
# many accounts from one address, are both stopped. Failures of unknown usernames count too,
# so the lockout does not tell whether an account exists.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "signin/login.html"
# Failures count per log-in name as typed, trimmed and lower-cased ("DV001 " and "dv001" are
# one name; a phone number in any writing is its digits from 0), so a change of case does not
# buy five more tries.
AXES_USERNAME_CALLABLE = "lamtheo.signin.backends.axes_username"
AXES_HTTP_RESPONSE_CODE = 429
# The client address is REMOTE_ADDR unless the operator says how many reverse proxies stand
# in front (each appending the address it received the request from to X-Forwarded-For).
proxy_count = env_int("LAMTHEO_PROXY_COUNT", 0)


def client_address_behind_proxies(request) -> str | None:
    """The address the outermost of `proxy_count` proxies saw: counted from the right of
    X-Forwarded-For, so whatever a client puts in the header itself is never used."""
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) >= proxy_count and forwarded[-proxy_count]:
        return forwarded[-proxy_count]
    return request.META.get("REMOTE_ADDR")


if proxy_count > 0:
    AXES_CLIENT_IP_CALLABLE = client_address_behind_proxies
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "login"
# Two-factor sign-in (django-otp, lamtheo.signin): required of administrators, inspectors and
# committees above the cell (orgs.scope.requires_two_factor) unless this is false; `make run`
# turns it off so the demo's officers are not asked for an authenticator app.
LAMTHEO_REQUIRE_2FA = env_bool("LAMTHEO_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = os.environ.get("LAMTHEO_OTP_ISSUER", "Lamtheo")
# A reset link by e-mail is good for one hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["lamtheo.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded files live outside the web root and are served only by views that check scope.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("LAMTHEO_UPLOADS_DIR", BASE_DIR / "var" / "uploads"))
STATICFILES_DIRS = [BASE_DIR / "lamtheo" / "static"]
if (BASE_DIR / "node_modules" / "htmx.org" / "dist").exists():
    STATICFILES_DIRS.append(("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lamtheo@localhost")
# django.core.mail.backends.smtp.EmailBackend's server (Django's defaults when unset).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# The site's address for links in e-mails (e.g. https://lamtheo.example.vn); when set it is
# used instead of the address of the request that caused the mail.
LAMTHEO_BASE_URL = os.environ.get("LAMTHEO_BASE_URL", "").strip().rstrip("/")

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
# HTTPS only, outside development (`manage.py check --deploy` lists what is left).
SESSION_COOKIE_SECURE = not DEV
CSRF_COOKIE_SECURE = not DEV
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEV)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEV else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEV)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEV)
# Behind a reverse proxy that ends TLS, the request reaches the application as plain HTTP: only
# then is the proxy's X-Forwarded-Proto believed (the proxy must set it, overwriting the
# client's), or SECURE_SSL_REDIRECT would redirect for ever.
if env_bool("LAMTHEO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Origins (scheme and host, e.g. https://lamtheo.example.vn) whose forms may post here when
# they differ from the request's own host, e.g. behind a proxy that rewrites Host.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Content-Security-Policy (django-csp): the browser runs only the application's own script files
# and stylesheets, from its own origin; no inline <script>, no <style> block, no style="…" or
# onclick="…" attribute (the tests walk every page for them). Images from here and data: URLs;
# forms post only here; no page may be framed. docs/operator-guide.md says how to allow another
# origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Campaign rules that organizations set differently.
LAMTHEO = {
    # A month's handbook entry is on time when submitted by this day of the next month.
    "HANDBOOK_DUE_DAY": env_int("LAMTHEO_HANDBOOK_DUE_DAY", 5),
    "HANDBOOK_OPEN_DAY": env_int("LAMTHEO_HANDBOOK_OPEN_DAY", 25),  # a month opens for submitting
    "MAX_UPLOAD_MB": env_int("LAMTHEO_MAX_UPLOAD_MB", 20),
    # The place name (địa danh) of the date line of printed minutes, e.g. "Nha Trang";
    # empty prints the date alone.
    "DOCUMENT_PLACE": os.environ.get("LAMTHEO_DOCUMENT_PLACE", "").strip(),
    # Feedback (phản ánh): the file one may attach, and how often one client (an address, or
    # an account) may send a report or try a look-up, per hour (README, Security).
    "FEEDBACK_MAX_UPLOAD_MB": env_int("LAMTHEO_FEEDBACK_MAX_UPLOAD_MB", 5),
    "FEEDBACK_PER_HOUR": env_int("LAMTHEO_FEEDBACK_PER_HOUR", 5),
    "FEEDBACK_LOOKUPS_PER_HOUR": env_int("LAMTHEO_FEEDBACK_LOOKUPS_PER_HOUR", 10),
    # Files a client may attach on the form step in an hour (stored before the check page).
    "FEEDBACK_FILES_PER_HOUR": env_int("LAMTHEO_FEEDBACK_FILES_PER_HOUR", 10),
}

# The challenge of the public feedback form (django-simple-captcha): a sum drawn as an image,
# answered in a text box; no script, so it works without JavaScript and under the CSP above.
# Each challenge is a row that lives 5 minutes and is removed when answered (right or wrong).
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "x"
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)
CAPTCHA_FONT_SIZE = 30
CAPTCHA_IMAGE_SIZE = (120, 44)
CAPTCHA_2X_IMAGE = False
# Tests answer "PASSED" (lamtheo/settings_pytest.py); a wrong answer is still refused.
CAPTCHA_TEST_MODE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
# In development the static files are read where they lie (finders, checked on each request);
# there is no collected STATIC_ROOT, and WhiteNoise would warn at start-up that it is missing.
WHITENOISE_AUTOREFRESH = DEV
CSRF_FAILURE_VIEW = "lamtheo.core.views.csrf_failure"
