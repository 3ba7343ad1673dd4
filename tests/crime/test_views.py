"""The crime pages: figures, the ranking table and its export, importing, hand-entered figures, overrides."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crime.models import Area, CountBlock, Release, ReportedFigure

pytestmark = pytest.mark.django_db
BROMLEY_2019 = {"measure": "residential-burglary", "end": "2019-12", "baseline": "2018"}


def figures(client, **params):
    bromley = Area.objects.get(kind="borough", name="Bromley").pk
    return client.get(reverse("crime-figures"), BROMLEY_2019 | {"area": bromley} | params)


def test_figures_page_shows_count_change_rate_rank_and_rag(client_for):
    page = figures(client_for("member")).content.decode()
    assert "2,147" in page
    assert "of 32 (1 = lowest rate)" in page
    assert "Rate per 1,000" in page
    assert "6.483" in page
    assert 'class="govuk-table__row sbp-highlight' in page
    assert "sbp-rag--" in page


def test_ranking_export_is_csv_with_every_borough(client_for):
    rows = list(csv.reader(io.StringIO(figures(client_for("member"), _export="csv").content.decode())))
    assert rows[0][:3] == ["Rank (1 = lowest rate)", "District", "Offences"]
    assert len(rows) == 33
    assert rows[[r[1] for r in rows].index("Bromley")][1:3] == ["Bromley", "2147"]


def test_a_bad_upload_is_explained_next_to_the_field_and_changes_nothing(client_for):
    before = (Release.objects.count(), CountBlock.objects.count())
    bad = SimpleUploadedFile(
        "release.csv", b"MajorText,MinorText,LookUp_BoroughName,202001\nTheft,Shoplifting,Bromly,3\n"
    )
    page = client_for("officer").post(reverse("crime-import"), {"kind": "crime", "file": bad}).content.decode()
    assert "release.csv, row 2, column &#x27;borough&#x27;: unknown borough name" in page
    assert (Release.objects.count(), CountBlock.objects.count()) == before


def test_an_upload_imports_and_appears_in_the_history(client_for):
    good = SimpleUploadedFile(
        "small.csv", b"MajorText,MinorText,LookUp_BoroughName,202601\nTheft,Shoplifting,Bromley,3\n"
    )
    client = client_for("officer")
    assert client.post(reverse("crime-import"), {"kind": "crime", "file": good}).status_code == 302
    assert "small.csv" in client.get(reverse("crime-import")).content.decode()


def test_a_hand_entered_figure_keeps_its_source(client_for):
    measure = ReportedFigure.objects.filter(measure__slug="knife-crime").first().measure
    data = {
        "measure": measure.pk, "area": Area.objects.get(kind="borough", name="Bromley").pk, "statistic": "count",
        "period_start": "2021-07-01", "period_end": "2021-09-30", "value": "14",
        "source": "MOPAC weapon enabled crime dashboard",
    }  # fmt: skip
    assert client_for("officer").post(reverse("crime-add-figure"), data).status_code == 302
    assert ReportedFigure.objects.get(measure=measure, period_start="2021-07-01").source.startswith("MOPAC")


def test_an_override_is_shown_as_an_override_with_its_reason(client_for):
    client = client_for("officer")
    bromley = Area.objects.get(kind="borough", name="Bromley").pk
    url = reverse("crime-override", args=["residential-burglary", bromley, "2019-12"])
    assert (
        client.post(url, {"rag": "amber", "reason": "A series of high-value burglaries in Cray Valley."}).status_code
        == 302
    )
    page = figures(client).content.decode()
    assert "Override of" in page
    assert "A series of high-value burglaries in Cray Valley." in page


def test_a_hand_entered_figure_with_its_period_backwards_is_refused_and_kept(client_for):
    measure = ReportedFigure.objects.filter(measure__slug="knife-crime").first().measure
    data = {
        "measure": measure.pk, "area": Area.objects.get(kind="borough", name="Bromley").pk, "statistic": "count",
        "period_start": "2021-09-30", "period_end": "2021-07-01", "value": "14", "source": "MOPAC dashboard",
    }  # fmt: skip
    before = ReportedFigure.objects.count()
    page = client_for("officer").post(reverse("crime-add-figure"), data).content.decode()
    assert "The period must end on or after its start." in page
    assert 'value="MOPAC dashboard"' in page
    assert ReportedFigure.objects.count() == before


def test_figures_page_query_count_does_not_grow_with_the_data(client_for, django_assert_num_queries):
    from tests.conftest import import_shared

    client = client_for("member")
    import_shared("MPS_Ward_Level_Crime_recent24_202009-202208_oldwards.csv")  # so ward hotspots are shown
    end = {"end": "2021-12", "baseline": "2019"}
    with django_assert_num_queries(24) as before:  # the default choice, the comparison group, then the figures
        # pipeline loads each kind of row once
        figures(client, **end)
    import_shared("MPS_Borough_Level_Crime_recent24_202202-202401.csv")  # another release: more blocks, more months
    import_shared("MPS_Ward_Level_Crime_recent24_202401-202512.csv")  # and more ward counts
    with django_assert_num_queries(len(before.captured_queries)):
        page = figures(client, **end).content.decode()
    assert "Ward hotspots" in page


@pytest.mark.parametrize("end", ["0001-01", "1999-12", "2101-01"])
def test_a_month_outside_the_years_of_figures_is_an_error_at_its_field(client_for, end):
    # Twelve months before January of year 1 is year 0, which no date holds: this was a 500.
    response = figures(client_for("officer"), end=end)
    assert response.status_code == 200
    assert "Enter a month from 2000 to 2100." in response.content.decode()


@pytest.mark.parametrize("end", ["0001-01", "2101-01", "2021-5", "２０２１-05", "2021-05\n"])
def test_an_override_for_a_month_outside_them_is_not_found(client_for, end):
    bromley = Area.objects.get(kind="borough", name="Bromley").pk
    url = reverse("crime-override", args=["residential-burglary", bromley, end])
    assert client_for("officer").get(url).status_code == 404
