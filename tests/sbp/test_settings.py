"""Settings come from the environment and refuse values that do not parse."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from sbp.env import env_bool, env_list


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


def load_settings(**env):
    """Import the settings module in a fresh interpreter with exactly this environment."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    code = "import sbp.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)"
    return subprocess.run([sys.executable, "-c", code], env=clean | env, capture_output=True, text=True, check=False)


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
