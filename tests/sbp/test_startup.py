"""Start-up stays light: `manage.py` commands do not import the PDF, chart and data libraries they do not use."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
# Each takes from a tenth of a second to a second to import; only a pack build or a crime import needs them.
HEAVY = ("weasyprint", "pandas", "plotly", "kaleido", "pypdf")


def imported_by(*command):
    """Top-level module names a fresh `manage.py` imports to run `command`, read from `-X importtime`."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "manage.py", *command],
        cwd=PROJECT,
        env=os.environ | {"DJANGO_SECRET_KEY": "startup-test"},
        capture_output=True,
        text=True,
        check=True,
    )
    lines = (line.rpartition("|")[2] for line in result.stderr.splitlines() if line.startswith("import time:"))
    return {line.strip().partition(".")[0] for line in lines}


@pytest.mark.parametrize("command", [("check",), ("help",)])
def test_a_management_command_starts_without_the_pdf_chart_and_data_libraries(command):
    assert imported_by(*command) & set(HEAVY) == set()
