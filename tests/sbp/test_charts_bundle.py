"""The dashboard's plotly.js bundle: the small basic one, at the version the plotly package (which draws the
pack's charts through kaleido) carries, and holding every chart type sbp/charts.py draws."""

import datetime
import re
from pathlib import Path

import plotly
import pytest
from django.conf import settings

from sbp import charts
from sbp.models import DrawnChart

BUNDLE = Path(settings.BASE_DIR) / "static" / "vendor" / "plotly-basic.min.js"
PACKAGED = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
BASIC_TRACES = {"bar", "pie", "scatter"}  # what plotly.js-basic-dist holds


def version(path):
    return re.search(r"plotly\.js[^\n]* v(\d+\.\d+\.\d+)", path.read_text(errors="ignore")[:400]).group(1)


def test_the_bundle_is_the_plotly_js_version_of_the_plotly_package():
    assert version(BUNDLE) == version(PACKAGED)


def test_the_bundle_is_the_basic_one_and_a_quarter_the_size():
    assert "(basic - minified)" in BUNDLE.read_text(errors="ignore")[:200]
    assert BUNDLE.stat().st_size < PACKAGED.stat().st_size / 3


def test_every_chart_we_draw_is_a_trace_type_the_bundle_holds():
    figures = [
        charts.ranking("Rates", ["A", "B"], [1.0, 2.0], "A"),
        charts.trend("Trend", [datetime.date(2021, 1, 1)], [1], [2], "2021", "2019"),
        charts.hotspots("Wards", ["W"], [3]),
    ]
    assert {trace["type"] for figure in figures for trace in figure["data"]} <= BASIC_TRACES


@pytest.mark.django_db
def test_a_chart_is_drawn_once_and_then_read_back_in_one_query(django_assert_num_queries):
    figure = charts.hotspots("Top wards", ["Ward A", "Ward B"], [12, 7])
    first = charts.to_svg({"wards": figure})
    assert "<svg" in first["wards"]
    assert "Ward A" in first["wards"]  # real text, which the tagged PDF keeps
    assert DrawnChart.objects.count() == 1
    charts._drawn.clear()  # as in a new process
    with django_assert_num_queries(1):
        again = charts.to_svg({"same": figure})
    assert again["same"] == first["wards"]
    with django_assert_num_queries(0):  # and then from memory
        charts.to_svg({"same": figure})
