"""Production settings: development is explicit (LAMTHEO_DEV=1), production is refused without
its own secret key and host names, and a production environment passes Django's deployment
checks without a warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lamtheo.settings import env_bool

ROOT = Path(__file__).resolve().parent.parent

# A production environment: none of the caller's LAMTHEO_*/DJANGO_* variables (the test run's
# own LAMTHEO_DEV=1 above all), only what an operator sets.
BASE_ENV = {
    k: v
    for k, v in os.environ.items()
    if not k.startswith(("LAMTHEO_", "DJANGO_", "SECURE_", "CSRF_"))
    and k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG"}
}
PRODUCTION = {
    **BASE_ENV,
    "DJANGO_SETTINGS_MODULE": "lamtheo.settings",
    "SECRET_KEY": "q7!Zr4t$Wm2@pXe9Lk#Vd8sHc1&Nb6*Yf3^Gj5%Ua0(Ti-Oo=Ry+Ew_Qz~Ps|Mn",
    "ALLOWED_HOSTS": "lamtheo.example.vn",
    "DATABASE_URL": "postgres://lamtheo@127.0.0.1:5432/lamtheo",
}


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_production_environment_passes_the_deployment_checks_without_a_warning():
    result = manage(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_behind_a_tls_proxy_the_forwarded_protocol_is_believed_and_only_then():
    show = [
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)",
    ]
    assert manage(PRODUCTION, *show).stdout.splitlines()[-1] == "None"
    behind = manage({**PRODUCTION, "LAMTHEO_BEHIND_TLS_PROXY": "1"}, *show)
    assert behind.stdout.splitlines()[-1] == "('HTTP_X_FORWARDED_PROTO', 'https')", behind.stderr


def test_a_production_answer_carries_the_content_security_policy():
    """The policy is not a development setting: even the redirect to HTTPS carries it."""
    show = [
        "shell",
        "-c",
        "from django.test import Client; c = Client(HTTP_HOST='lamtheo.example.vn'); "
        "[print(r.status_code, r['Content-Security-Policy']) for r in "
        "(c.get('/dang-nhap/'), c.get('/dang-nhap/', secure=True))]",
    ]
    result = manage(PRODUCTION, *show)
    assert result.returncode == 0, result.stderr
    answers = [line.split(" ", 1) for line in result.stdout.splitlines()[-2:]]
    assert [status for status, _ in answers] == ["301", "200"]
    for _, policy in answers:
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy and "unsafe" not in policy


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_without_dev_mode_the_settings_refuse_to_start_without_a_key_or_hosts(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY and ALLOWED_HOSTS must be set in production" in result.stderr
    assert "Chưa đặt SECRET_KEY và ALLOWED_HOSTS cho máy chủ thật" in result.stderr
    # The built-in development key is never used outside development.
    assert "dev-only-not-a-secret" not in result.stdout + result.stderr


def test_dev_mode_starts_without_a_key_and_without_https_only_settings():
    env = {**BASE_ENV, "DJANGO_SETTINGS_MODULE": "lamtheo.settings", "LAMTHEO_DEV": "1"}
    result = manage(
        env,
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False False 0"


@pytest.mark.parametrize(
    "value, expected",
    [("1", True), ("TRUE", True), (" yes ", True), ("0", False), ("False", False), ("no", False)],
)
def test_env_bool_reads_the_six_words_in_any_case(monkeypatch, value, expected):
    monkeypatch.setenv("LAMTHEO_SOMETHING", value)
    assert env_bool("LAMTHEO_SOMETHING", not expected) is expected


def test_env_bool_unset_or_empty_is_the_default(monkeypatch):
    monkeypatch.delenv("LAMTHEO_SOMETHING", raising=False)
    assert env_bool("LAMTHEO_SOMETHING", True) is True
    monkeypatch.setenv("LAMTHEO_SOMETHING", "")
    assert env_bool("LAMTHEO_SOMETHING", False) is False


@pytest.mark.parametrize("value", ["maybe", "on", "off", "2", "y"])
def test_env_bool_refuses_anything_else(monkeypatch, value):
    monkeypatch.setenv("LAMTHEO_SOMETHING", value)
    with pytest.raises(ImproperlyConfigured, match="LAMTHEO_SOMETHING"):
        env_bool("LAMTHEO_SOMETHING", False)


def test_a_misspelt_boolean_stops_the_start():
    result = manage({**PRODUCTION, "DEBUG": "maybe"}, "check")
    assert result.returncode != 0
    assert "DEBUG='maybe'" in result.stderr
