"""The crime figures printed in the pack, entered as hand-entered figures with their source."""

from decimal import Decimal

import pytest

from crime.models import Area, Hotspot, ReportedFigure

pytestmark = pytest.mark.django_db


def test_there_are_32_london_boroughs_and_bromleys_22_wards_of_2014():
    assert Area.objects.filter(kind="borough", police_force__slug="metropolitan").count() == 32
    # The second demo partnership's district, made by the demo until the ONS lookup is imported.
    assert set(
        Area.objects.filter(kind="borough").exclude(police_force__slug="metropolitan").values_list("name", flat=True)
    ) == {"Charnwood"}
    assert not Area.objects.filter(name="City of London").exists()
    bromley = Area.objects.get(kind="borough", name="Bromley")
    assert (bromley.code, bromley.wards.filter(ward_vintage=2014).count()) == ("E09000006", 22)


@pytest.mark.parametrize(
    ("measure", "borough", "rank", "rate"),
    [
        ("tno", "Bromley", 8, "61"),
        ("tno", "Westminster", 32, "154.37"),
        ("ndvwi", "Bromley", 8, "3.679"),
        ("total-burglary", "Bromley", 6, "4.324"),
        ("theft-from-the-person", "Bromley", 7, "0.84"),
    ],
)
def test_ranking_tables_are_complete(measure, borough, rank, rate):
    figures = ReportedFigure.objects.filter(measure__slug=measure, statistic="rate_per_1000", period_end="2021-02-28")
    assert figures.count() == 32
    figure = figures.get(area__short_name=borough)
    assert (figure.rank, figure.value) == (rank, Decimal(rate))


@pytest.mark.parametrize(
    ("measure", "value", "change", "rag"),
    [
        ("domestic-abuse", "227", "-20", "green"),
        ("ndvwi", "129", "11", "amber"),
        ("asb-calls", "725", "15", "amber"),
        ("residential-burglary", "86", "-49", "green"),
    ],
)
def test_police_quarter_1_figures_keep_their_printed_change_and_rag(measure, value, change, rag):
    figure = ReportedFigure.objects.filter(measure__slug=measure, rag__gt="").get()
    assert (figure.value, figure.change_percent, figure.rag) == (Decimal(value), Decimal(change), rag)
    assert figure.source.startswith(("MOPAC", "MPS"))


def test_ward_hotspots_are_tied_to_2014_wards_and_keep_printed_names():
    table_9 = Hotspot.objects.filter(source__contains="Table 9").order_by("rank", "ward__name")
    assert [(h.rank, h.ward.name) for h in table_9][:4] == [
        (1, "Bromley Town"),
        (2, "Penge and Cator"),
        (3, "Crystal Palace"),
        (3, "Kelsey and Eden Park"),
    ]
    assert table_9.get(ward__name="Crystal Palace").note == "Printed as 'Cristal Palace'."
