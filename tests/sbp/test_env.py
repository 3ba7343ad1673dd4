"""Whole-number settings (gunicorn workers, email port) are read from the environment or refused by name."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from sbp.env import env_int


@pytest.mark.parametrize(("raw", "expected"), [("3", 3), (" 8 ", 8), ("", 7)])
def test_a_whole_number_is_read_and_an_empty_one_takes_the_default(monkeypatch, raw, expected):
    monkeypatch.setenv("SBP_COUNT", raw)
    assert env_int("SBP_COUNT", default=7) == expected


@pytest.mark.parametrize("raw", ["0", "-2", "two", "2.5"])
def test_anything_but_a_whole_number_of_at_least_the_minimum_is_an_error_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("SBP_COUNT", raw)
    with pytest.raises(ImproperlyConfigured, match=f"SBP_COUNT='{raw}' is not a whole number of at least 1"):
        env_int("SBP_COUNT", default=7, minimum=1)


def test_zero_is_a_whole_number_where_the_minimum_allows_it(monkeypatch):
    monkeypatch.setenv("SBP_COUNT", "0")
    assert env_int("SBP_COUNT", default=7) == 0
