"""Settings come from the environment and refuse values that do not parse."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sbp.env import env_bool, env_int, env_list


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("on", True), ("0", False), ("false", False), ("", False)],
)
def test_yes_no_values_are_read(monkeypatch, raw, expected):
    monkeypatch.setenv("SBP_FLAG", raw)
    assert env_bool("SBP_FLAG") is expected


@pytest.mark.parametrize("raw", ["2", "ture", "debug", "y e s"])
def test_a_misspelt_yes_no_value_is_an_error(monkeypatch, raw):
    monkeypatch.setenv("SBP_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="SBP_FLAG"):
        env_bool("SBP_FLAG")


def test_a_list_with_an_empty_item_is_an_error(monkeypatch):
    monkeypatch.setenv("SBP_HOSTS", "example.org,,other.org")
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        env_list("SBP_HOSTS", [])


def clean_environment():
    return {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}


def load_settings(code="print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)", **env):
    """Import the settings module in a fresh interpreter with exactly this environment, then run `code`."""
    code = f"import sbp.settings as s; {code}"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean_environment() | env, capture_output=True, text=True, check=False
    )


def setting(name, **env):
    """One setting as the app would have it with exactly this environment (its str(), or the error raised)."""
    result = load_settings(f"print(getattr(s, {name!r}, 'unset'))", **env)
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def test_without_debug_a_secret_key_is_required():
    result = load_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_runs_with_a_development_key_and_sqlite():
    result = load_settings(DJANGO_DEBUG="1")
    assert result.stdout.split()[:2] == ["True", "django.db.backends.sqlite3"]


def test_database_url_selects_postgresql():
    result = load_settings(DJANGO_SECRET_KEY="k", DATABASE_URL="postgres://u:p@db.example:5432/sbp")
    assert "django.db.backends.postgresql" in result.stdout


def test_an_unusable_database_url_is_an_error():
    result = load_settings(DJANGO_SECRET_KEY="k", DATABASE_URL="nosuchdb://x")
    assert "DATABASE_URL is not a database URL we can use" in result.stderr


def test_allowed_hosts_come_from_the_environment():
    result = load_settings(DJANGO_SECRET_KEY="k", DJANGO_ALLOWED_HOSTS="boards.example.gov.uk")
    assert "['boards.example.gov.uk']" in result.stdout


@pytest.mark.parametrize("raw", ["-1", "eight", "1.5"])
def test_a_number_that_is_not_a_whole_number_of_at_least_zero_is_an_error(monkeypatch, raw):
    monkeypatch.setenv("SBP_NUMBER", raw)
    with pytest.raises(ImproperlyConfigured, match="SBP_NUMBER"):
        env_int("SBP_NUMBER", 3)


def test_a_number_is_read_and_its_default_used_when_unset(monkeypatch):
    monkeypatch.setenv("SBP_NUMBER", " 12 ")
    assert env_int("SBP_NUMBER", 3) == 12
    assert env_int("SBP_UNSET_NUMBER", 3) == 3


PRODUCTION = {"DJANGO_SECRET_KEY": "k", "DJANGO_ALLOWED_HOSTS": "boards.example.gov.uk"}
DEVELOPMENT = {"DJANGO_DEBUG": "1"}


@pytest.mark.parametrize(
    ("name", "production", "development"),
    [
        ("SECURE_SSL_REDIRECT", "True", "False"),
        ("SECURE_HSTS_SECONDS", "31536000", "0"),
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "True", "False"),
        ("SECURE_HSTS_PRELOAD", "False", "False"),
        ("SECURE_PROXY_SSL_HEADER", "unset", "unset"),  # Django's default, None: no header is trusted
        ("CSRF_TRUSTED_ORIGINS", "['https://boards.example.gov.uk']", "['https://localhost', 'https://127.0.0.1']"),
        ("SESSION_COOKIE_AGE", "28800", "28800"),
        ("SESSION_EXPIRE_AT_BROWSER_CLOSE", "False", "False"),
        ("AXES_FAILURE_LIMIT", "5", "5"),
        ("AXES_COOLOFF_TIME", "0:30:00", "0:30:00"),
        ("MAX_PAPER_MB", "20", "20"),
        ("MAX_CRIME_FILE_MB", "100", "100"),
    ],
)
def test_security_settings_are_on_by_default_without_debug(name, production, development):
    assert setting(name, **PRODUCTION) == production
    assert setting(name, **DEVELOPMENT) == development


@pytest.mark.parametrize(
    ("name", "variable", "raw", "expected"),
    [
        ("SECURE_SSL_REDIRECT", "DJANGO_SECURE_SSL_REDIRECT", "0", "False"),
        ("SECURE_HSTS_SECONDS", "DJANGO_SECURE_HSTS_SECONDS", "3600", "3600"),
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", "no", "False"),
        ("SECURE_HSTS_PRELOAD", "DJANGO_SECURE_HSTS_PRELOAD", "1", "True"),
        ("SECURE_PROXY_SSL_HEADER", "DJANGO_SECURE_PROXY_SSL_HEADER", "1", "('HTTP_X_FORWARDED_PROTO', 'https')"),
        ("CSRF_TRUSTED_ORIGINS", "DJANGO_CSRF_TRUSTED_ORIGINS", "https://a.example", "['https://a.example']"),
        ("SESSION_COOKIE_AGE", "DJANGO_SESSION_HOURS", "2", "7200"),
        ("SESSION_EXPIRE_AT_BROWSER_CLOSE", "DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", "1", "True"),
        ("AXES_FAILURE_LIMIT", "DJANGO_SIGN_IN_FAILURE_LIMIT", "3", "3"),
        ("AXES_COOLOFF_TIME", "DJANGO_SIGN_IN_COOLOFF_MINUTES", "90", "1:30:00"),
        ("AXES_COOLOFF_TIME", "DJANGO_SIGN_IN_COOLOFF_MINUTES", "0", "None"),  # locked until an admin unlocks
        ("MAX_PAPER_MB", "DJANGO_MAX_PAPER_MB", "5", "5"),
        ("MAX_CRIME_FILE_MB", "DJANGO_MAX_CRIME_FILE_MB", "300", "300"),
        ("DATA_UPLOAD_MAX_MEMORY_SIZE", "DJANGO_MAX_FORM_MB", "1", "1048576"),
    ],
)
def test_each_security_setting_is_overridden_from_the_environment(name, variable, raw, expected):
    assert setting(name, **PRODUCTION, **{variable: raw}) == expected


def test_preloading_hsts_is_never_silenced_once_chosen():
    assert setting("SILENCED_SYSTEM_CHECKS", **PRODUCTION) == "['security.W021']"
    assert setting("SILENCED_SYSTEM_CHECKS", **PRODUCTION, DJANGO_SECURE_HSTS_PRELOAD="1") == "unset"


def test_sqlite_gets_wal_a_busy_timeout_and_immediate_transactions():
    options = setting("DATABASES", **PRODUCTION, DATABASE_URL="sqlite:////tmp/x.sqlite3")
    assert "'init_command': 'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;'" in options
    assert "'timeout': 60" in options
    assert "'transaction_mode': 'IMMEDIATE'" in options
    waiting = setting(
        "DATABASES", **PRODUCTION, DATABASE_URL="sqlite:////tmp/x.sqlite3", DJANGO_SQLITE_TIMEOUT_SECONDS="5"
    )
    assert "'timeout': 5" in waiting


def test_postgresql_gets_no_sqlite_options():
    options = setting("DATABASES", **PRODUCTION, DATABASE_URL="postgres://u:p@db.example:5432/sbp")
    assert "django.db.backends.postgresql" in options
    assert "OPTIONS" not in options


def test_the_deploy_checks_pass_under_production_settings(tmp_path):
    """`manage.py check --deploy` with DEBUG off, a long random key and real hosts: no warning at all."""
    env = clean_environment() | {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "boards.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_with_the_https_redirect_on_pages_redirect_but_the_health_check_answers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    page = client.get("/")
    assert page.status_code == 301
    assert page["Location"] == "https://testserver/"
    health = client.get("/healthz")
    assert (health.status_code, health.content) == (200, b"ok")
