"""gunicorn takes its workers, threads, address and timeouts from the environment and logs requests to stdout."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def ambient():
    """This environment without gunicorn's own variables (GUNICORN_CMD_ARGS too), so only the test's count."""
    return {key: value for key, value in os.environ.items() if not key.startswith("GUNICORN_") and key != "PORT"}


def gunicorn_config(**env):
    """gunicorn's own reading of sbp/gunicorn.conf.py (`--print-config`), as {setting: value}."""
    result = subprocess.run(
        [GUNICORN, "--print-config", "-c", "sbp/gunicorn.conf.py", "sbp.wsgi"],
        cwd=PROJECT,
        env=ambient() | env,
        capture_output=True,
        text=True,
        check=False,
    )
    settings = dict(line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
    return {key.strip(): value.strip() for key, value in settings.items()}, result


def test_workers_threads_address_and_timeout_come_from_the_environment():
    config, _ = gunicorn_config(
        GUNICORN_WORKERS="3", GUNICORN_THREADS="2", GUNICORN_TIMEOUT="90", GUNICORN_BIND="0.0.0.0:9000"
    )
    assert (config["workers"], config["threads"], config["timeout"]) == ("3", "2", "90")
    assert config["bind"] == "['0.0.0.0:9000']"


def test_without_an_address_it_listens_on_localhost_at_port():
    config, _ = gunicorn_config(PORT="8123")
    assert config["bind"] == "['127.0.0.1:8123']"


def test_requests_are_logged_to_stdout_with_their_time():
    config, _ = gunicorn_config()
    assert config["accesslog"] == "-"
    assert config["access_log_format"].endswith("%(M)sms")


def test_a_number_that_does_not_parse_stops_gunicorn_naming_the_variable():
    _, result = gunicorn_config(GUNICORN_WORKERS="many")
    assert "GUNICORN_WORKERS='many' is not a whole number" in result.stderr
