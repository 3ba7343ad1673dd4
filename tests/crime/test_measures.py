"""Officers add and change measures in the app: a new measure is first-class the moment it is saved."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from crime.models import Area, Measure
from tests.conftest import BOROUGH_B, figure_for, read_shared

pytestmark = pytest.mark.django_db


def plain_all_burglary_2019(borough="Bromley"):
    rows = list(csv.reader(io.StringIO(read_shared(BOROUGH_B).decode("utf-8-sig"))))
    months = [i for i, column in enumerate(rows[0]) if column.startswith("2019")]
    return sum(int(row[i]) for row in rows[1:] if row[0] == "Burglary" and row[2] == borough for i in months)


def measure_data(components=(), **changes):
    data = {
        "name": "Burglary, every premises",
        "short_name": "",
        "description": "",
        "unit": "offences",
        "polarity": "lower",
        "green_max_change": "5",
        "amber_max_change": "20",
        "small_numbers_below": "20",
        "series_break": "",
        "source": "mps_files",
        "source_note": "",
        "components-TOTAL_FORMS": str(max(len(components), 2)),
        "components-INITIAL_FORMS": "0",
        "components-MIN_NUM_FORMS": "0",
        "components-MAX_NUM_FORMS": "1000",
    }
    blank_rows = [(1, "", "", "")] * (2 - len(components))  # as a browser posts them: the select says Add
    for i, (sign, layout, major, minor) in enumerate([*components, *blank_rows]):
        data |= {
            f"components-{i}-sign": str(sign),
            f"components-{i}-layout": layout,
            f"components-{i}-major_text": major,
            f"components-{i}-minor_text": minor,
        }
    return data | changes


ALL_BURGLARY = [(1, "B", "Burglary", ""), (1, "C", "BURGLARY", "")]


def test_an_officer_adds_a_measure_and_its_figures_agree_with_plain_python(client_for):
    response = client_for("officer").post(reverse("crime-add-measure"), measure_data(ALL_BURGLARY))
    assert response.status_code == 302
    measure = Measure.objects.get(slug="burglary-every-premises")
    bromley = Area.objects.get(kind="borough", name="Bromley")
    assert figure_for(measure, datetime.date(2019, 12, 1)).count == plain_all_burglary_2019()
    page = client_for("member").get(reverse("crime-figures"), {"measure": measure.slug, "area": bromley.pk,
                                                                "end": "2019-12", "baseline": 2019})  # fmt: skip
    assert f"{plain_all_burglary_2019():,}" in page.content.decode()
    listing = client_for("member").get(reverse("crime-measures")).content.decode()
    assert "Burglary, every premises" in listing
    assert "Adds Burglary (every minor category)" in listing


def test_a_category_no_file_has_is_refused_next_to_its_field_and_the_typing_kept(client_for):
    data = measure_data([(1, "B", "Burglery", "")])
    page = client_for("officer").post(reverse("crime-add-measure"), data).content.decode()
    assert "No imported layout B file has the major category &#x27;Burglery&#x27;." in page
    assert 'value="Burglery"' in page
    assert 'value="Burglary, every premises"' in page
    assert not Measure.objects.filter(name="Burglary, every premises").exists()


def test_a_minor_category_must_belong_to_its_major(client_for):
    page = client_for("officer").post(reverse("crime-add-measure"), measure_data([(1, "B", "Burglary", "Shoplifting")]))
    assert (
        "&#x27;Burglary&#x27; has no minor category &#x27;Shoplifting&#x27; in layout B files." in page.content.decode()
    )


def test_a_measure_from_the_files_needs_categories_and_thresholds_in_order(client_for):
    page = client_for("officer").post(reverse("crime-add-measure"), measure_data(amber_max_change="2")).content
    assert b"needs at least one category to add" in page
    assert b"Amber must start where Green ends" in page
    assert not Measure.objects.filter(name="Burglary, every premises").exists()


def test_a_measure_entered_by_hand_needs_no_categories(client_for):
    data = measure_data(name="Knife crime with injury", source="hand_entered")
    assert client_for("officer").post(reverse("crime-add-measure"), data).status_code == 302
    assert not Measure.objects.get(slug="knife-crime-with-injury").components.exists()


def test_a_second_measure_with_the_same_name_is_refused(client_for):
    data = measure_data(ALL_BURGLARY, name="Residential burglary")
    page = client_for("officer").post(reverse("crime-add-measure"), data).content.decode()
    assert "already exists" in page


def test_changing_a_measure_is_kept_in_its_history_and_the_slug_stays(client_for):
    measure = Measure.objects.get(slug="residential-burglary")
    components = list(measure.components.order_by("pk"))
    data = measure_data(
        [(c.sign, c.layout, c.major_text, c.minor_text) for c in components],
        name="Residential burglary (homes)",
        green_max_change="0",
    )
    data |= {f"components-{i}-id": str(c.pk) for i, c in enumerate(components)}
    data |= {"components-INITIAL_FORMS": str(len(components)), "components-TOTAL_FORMS": str(len(components))}
    data |= {"components-3-DELETE": "on", "version": measure.version}  # drop the layout C subtraction
    officer = client_for("officer")
    assert officer.post(reverse("crime-edit-measure", args=[measure.slug]), data).status_code == 302
    measure.refresh_from_db()
    assert (measure.slug, measure.name, measure.green_max_change) == ("residential-burglary", data["name"], 0)
    assert measure.components.count() == len(components) - 1
    page = officer.get(reverse("crime-edit-measure", args=[measure.slug])).content.decode()
    assert "Residential burglary (homes)" in page
    assert "History of the categories" in page
    assert "Deleted" in page


@pytest.mark.parametrize(
    ("changes", "components", "message"),
    [
        ({"name": ""}, ALL_BURGLARY, "This field is required."),
        ({"name": "!!!"}, ALL_BURGLARY, "Give the measure a name with letters or numbers in it."),
        ({}, [(1, "B", "", "Domestic Burglary")], "Give the major category the minor category belongs to."),
        ({"green_max_change": "five"}, ALL_BURGLARY, "Enter a number."),
    ],
)
def test_each_mistake_is_named_next_to_its_field_and_nothing_is_saved(client_for, changes, components, message):
    before = Measure.objects.count()
    page = client_for("officer").post(reverse("crime-add-measure"), measure_data(components, **changes))
    assert message in page.content.decode()
    assert Measure.objects.count() == before
