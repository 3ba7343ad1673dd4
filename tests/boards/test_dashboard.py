"""The quarterly dashboard: the pack's priorities and police figures, and a query count that does not grow."""

import datetime
import re

import pytest
from django.urls import reverse

from crime import importer, mps_csv
from sbp import data_version
from strategy.quarters import Quarter
from tests.conftest import BROMLEY

pytestmark = pytest.mark.django_db
Q1 = reverse_q1 = ("2021-22", "q1")


def dashboard(client, year="2021-22", quarter="q1"):
    return client.get(reverse("dashboard-quarter", args=[BROMLEY, year, quarter]))


def test_the_latest_quarter_with_data_is_the_default(client_for):
    client = client_for("member")
    response = client.get(reverse("dashboard"))  # the member's only partnership's dashboard
    assert response["Location"] == reverse("partnership-dashboard", args=[BROMLEY])
    response = client.get(response["Location"])
    assert response["Location"] == reverse("dashboard-quarter", args=[BROMLEY, "2021-22", "q1"])


def test_q1_2021_22_shows_the_four_priorities_and_the_police_figures_as_printed(client_for):
    page = dashboard(client_for("member")).content.decode()
    for title in ["Safer neighbourhoods", "Violence Against Women and Girls", "Keeping young people safe",
                  "Stand together against hate crime and extremism"]:  # fmt: skip
        assert title in page
    rows = {line.measure.slug: line for line in dashboard(client_for("member")).context["board"].crime}
    assert (rows["domestic-abuse"].change, rows["domestic-abuse"].rating) == (-20, "green")
    assert rows["ndvwi"].rating == "amber"
    assert (rows["asb-calls"].change, rows["asb-calls"].rating) == (15, "amber")
    assert (rows["total-burglary"].change, rows["total-burglary"].rating) == (-49, "green")
    assert (str(rows["theft-of-a-motor-vehicle"].change), rows["theft-of-a-motor-vehicle"].rating) == ("-9.85", "green")
    assert '<strong class="sbp-rag sbp-rag--amber">Amber</strong>' in page


def test_a_figure_printed_without_a_rag_is_not_rated_rather_than_given_a_colour_of_ours(client_for):
    """The pack prints no RAG for sex offences: a computed colour beside that note would contradict it."""
    response = dashboard(client_for("member"))
    rows = {line.measure.slug: line for line in response.context["board"].crime}
    assert rows["sexual-offences"].rating is None
    assert "No RAG status is printed for sex offences." in rows["sexual-offences"].notes
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Sexual offences(?:(?!</tr>).)*</tr>", response.content.decode(), re.S)
    assert "Not rated" in row.group(0)


def test_priority_one_is_rolled_up_to_amber_by_its_worst_return(client_for):
    tiles = dashboard(client_for("member")).context["board"].tiles
    assert [(tile.priority.number, tile.rating) for tile in tiles] == [
        (1, "amber"),
        (2, "green"),
        (3, "green"),
        (4, "green"),
    ]
    assert tiles[0].minutes == []  # discussed at the March 2021 meeting, a quarter before


def test_rankings_and_their_charts_come_from_the_imported_data(client_for):
    board = dashboard(client_for("member")).context["board"]
    assert board.window.end == datetime.date(2021, 6, 1)
    ranking = {r.measure.slug: r for r in board.rankings}["residential-burglary"]
    assert len(ranking.rows) == 32
    assert ranking.chart["data"][0]["y"].count("Bromley (this district)") == 1
    page = dashboard(client_for("member")).content.decode()
    assert 'id="chart-ranking-residential-burglary" type="application/json"' in page
    assert "<script>" not in page  # chart data only as json_script, drawn by the static script


def test_a_quarter_with_no_data_says_so(client_for):
    page = dashboard(client_for("member"), "2030-31", "q2").content.decode()
    assert "No returns this quarter." in page
    assert "No police figures for this quarter." in page


@pytest.mark.parametrize(("year", "quarter"), [("2021-23", "q1"), ("2021-22", "q5"), ("21-22", "q1")])
def test_a_malformed_quarter_is_not_found(client_for, year, quarter):
    assert dashboard(client_for("member"), year, quarter).status_code == 404


def tenfold_more_data():
    """Another ten releases' worth of counts for every borough, in months after the demo data."""
    header = "MajorText,MinorText,LookUp_BoroughName," + ",".join(
        f"{2026 + m // 12}{m % 12 + 1:02d}" for m in range(120)
    )
    boroughs = [name for _, name, _ in __import__("crime.mps_areas", fromlist=["BOROUGHS"]).BOROUGHS]
    rows = [f"Burglary,Domestic Burglary,{name}," + ",".join(["7"] * 120) for name in boroughs]
    content = "\n".join([header, *rows]) + "\n"
    importer.import_file(mps_csv.read(content.encode(), "more.csv"), None, datetime.datetime.now(datetime.UTC))


def test_dashboard_query_count_is_constant_as_data_grows_tenfold(client_for, django_assert_num_queries):
    client = client_for("member")
    dashboard(client)
    data_version.changed()
    # Twenty-three whatever the data the first time: the partnership's setting, its measures and comparison group,
    # then the figures pipeline (crime.figures) loads counts, populations and overrides once. Eight once the
    # figures are cached (sbp.data_version): user, roles, the partnership the URL
    # names, version, tiles.
    with django_assert_num_queries(23) as cold:
        dashboard(client)
    with django_assert_num_queries(8):
        dashboard(client)
    tenfold_more_data()
    with django_assert_num_queries(len(cold.captured_queries)):
        dashboard(client)
    with django_assert_num_queries(8):
        dashboard(client)


def test_financial_quarters():
    quarter = Quarter.from_slugs("2021-22", "q1")
    assert (quarter.label, quarter.first_month, quarter.last_month) == (
        "2021/22 Q1",
        datetime.date(2021, 4, 1),
        datetime.date(2021, 6, 1),
    )
    assert Quarter.containing(datetime.date(2022, 2, 14)) == Quarter(2021, 4)
    assert (quarter.previous(), Quarter(2021, 4).next()) == (Quarter(2020, 4), Quarter(2022, 1))


def test_the_police_figures_sort_and_export_with_rag_in_words(client_for):
    import csv
    import io

    client = client_for("member")
    url = reverse("dashboard-quarter", args=[BROMLEY, "2021-22", "q1"])
    rows = list(csv.reader(io.StringIO(client.get(url, {"_export": "csv"}).content.decode())))
    assert rows[0][:7] == ["Measure", "Period", "Count", "Comparison", "Change %", "Real change?", "RAG"]
    by_measure = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_measure["Anti-social behaviour calls"]["RAG"] == "Amber"
    assert float(by_measure["Domestic abuse"]["Change %"]) == -20
    # sqrt(2)(sqrt(725) - sqrt(631)) of the two counts the report printed: |z| >= 2 is beyond normal variation.
    assert by_measure["Anti-social behaviour calls"]["Real change?"] == "Yes, a real rise (z = 2.55)"
    page = client.get(url, {"sort": "-change"}).content.decode()
    assert page.index("Anti-social behaviour calls") < page.index("Knife crime")


def test_a_priority_tile_links_only_to_minutes_of_its_own_quarter(client_for):
    client = client_for("member")
    march = client.get(reverse("dashboard-quarter", args=[BROMLEY, "2020-21", "q4"])).content.decode()
    june = client.get(reverse("dashboard-quarter", args=[BROMLEY, "2021-22", "q1"])).content.decode()
    assert "minute 7a, 25 Mar 2021" in march
    assert "minute 7a, 25 Mar 2021" not in june
