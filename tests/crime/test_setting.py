"""A partnership's own setting for its figures, changed by officers in the app: its area, group, baseline and
the dashboard's measures."""

import pytest
from django.urls import reverse

from crime import comparison
from crime.models import Area, FiguresSetting, Measure
from sbp.models import Partnership
from sbp.roles import RoleName

pytestmark = pytest.mark.django_db


def setting():
    return FiguresSetting.objects.get(partnership__slug="safer-bromley")


def posted(current, **changes):
    """The form as the page would post it for `current`, with `changes`."""
    rows = list(current.measures.order_by("position"))
    data = {
        "version": current.version,
        "districts": [district.pk for district in current.districts.all()],
        "family": [district.pk for district in current.family.all()],
        "source": current.source,
        "comparison": current.comparison,
        "group_name": current.group_name,
        "group_members": current.group_members,
        "baseline": current.baseline,
        "baseline_year": current.baseline_year or "",
        "measures-TOTAL_FORMS": len(rows),
        "measures-INITIAL_FORMS": len(rows),
    }
    for index, row in enumerate(rows):
        data |= {
            f"measures-{index}-id": row.pk,
            f"measures-{index}-measure": row.measure_id,
            f"measures-{index}-position": row.position,
            f"measures-{index}-police_line": "on" if row.police_line else "",
            f"measures-{index}-ranked": "on" if row.ranked else "",
        }
    return {key: value for key, value in (data | changes).items() if value != ""}


def url():
    return reverse("crime-setting", args=["safer-bromley"])


def test_the_demo_ranks_bromley_among_the_mps_boroughs_against_2019():
    basis = comparison.for_setting(setting(), Area.objects.get(kind="borough", name="Bromley"))
    assert len(basis.group) == 32
    assert {area.police_force.name for area in basis.group} == {"Metropolitan Police Service"}
    assert basis.baseline_year == 2019


def test_an_officer_changes_the_baseline_and_the_group_and_the_dashboard_follows(client_for):
    client = client_for("officer")
    assert client.get(url()).status_code == 200
    bromley, bexley, croydon = (Area.objects.get(kind="borough", name=n) for n in ("Bromley", "Bexley", "Croydon"))
    data = posted(
        setting(),
        comparison="family",
        family=[bromley.pk, bexley.pk, croydon.pk],
        group_name="South East London",
        group_members="neighbouring boroughs",
        baseline="year_before",
        baseline_year="",
    )
    response = client.post(url(), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    basis = comparison.for_setting(setting(), Area.objects.get(kind="borough", name="Bromley"))
    assert [area.name for area in basis.group] == ["Bexley", "Bromley", "Croydon"]
    assert basis.baseline_year is None
    page = client.get(reverse("dashboard-quarter", args=["safer-bromley", "2021-22", "q1"])).content.decode()
    assert "South East London rankings" in page
    assert "Rank of the 3 neighbouring boroughs" in page


def test_a_named_group_without_the_partnership_is_an_error_at_its_field_and_keeps_the_typing(client_for):
    client = client_for("officer")
    bexley, croydon = (Area.objects.get(kind="borough", name=n) for n in ("Bexley", "Croydon"))
    data = posted(setting(), comparison="family", family=[bexley.pk, croydon.pk], group_name="Typed name")
    response = client.post(url(), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Include the partnership&#x27;s own district(s)" in page
    assert 'value="Typed name"' in page
    assert setting().comparison == FiguresSetting.Comparison.FORCE


def test_a_baseline_year_is_needed_for_a_baseline_year(client_for):
    response = client_for("officer").post(url(), posted(setting(), baseline="fixed_year", baseline_year=""))
    assert "Give the baseline year, for example 2019." in response.content.decode()
    assert setting().baseline_year == 2019


def test_a_measure_twice_on_the_dashboard_is_refused(client_for):
    current = setting()
    data = posted(current) | {
        "measures-TOTAL_FORMS": current.measures.count() + 1,
        f"measures-{current.measures.count()}-measure": Measure.objects.get(slug="tno").pk,
        f"measures-{current.measures.count()}-position": 99,
        f"measures-{current.measures.count()}-ranked": "on",
    }
    response = client_for("officer").post(url(), data)
    assert "Each measure can be on the dashboard once" in response.content.decode()


def test_a_stale_save_is_refused_with_both_versions(client_for):
    current = setting()
    stale = posted(current, group_name="Mine")
    FiguresSetting.objects.filter(pk=current.pk).update(version=current.version + 1, group_name="Theirs")
    response = client_for("officer").post(url(), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Theirs" in page
    assert "Mine" in page
    assert setting().group_name == "Theirs"


@pytest.mark.parametrize("role", ["member", "partner", "no role"])
def test_only_record_keepers_change_it(client_for, role):
    assert client_for(role).get(url()).status_code == 403


def test_an_unknown_partnership_is_not_found(client_for):
    assert client_for("officer").get(reverse("crime-setting", args=["nowhere"])).status_code == 404
    assert not Partnership.objects.filter(slug="nowhere").exists()


def test_the_mps_files_are_refused_for_a_district_outside_the_met(client_for):
    charnwood = FiguresSetting.objects.get(partnership__slug="charnwood")
    data = posted(charnwood, source="mps_files")
    client = client_for("admin")
    response = client.post(reverse("crime-setting", args=["charnwood"]), data)
    assert "The MPS files cover only the Metropolitan Police&#x27;s boroughs" in response.content.decode()


def test_a_named_group_across_forces_is_refused(client_for):
    croydon = Area.objects.get(kind="borough", name="Croydon")
    charnwood = FiguresSetting.objects.get(partnership__slug="charnwood")
    districts = list(charnwood.districts.all())
    data = posted(charnwood, comparison="family", family=[d.pk for d in districts] + [croydon.pk])
    response = client_for("admin").post(reverse("crime-setting", args=["charnwood"]), data)
    assert "Choose districts of the partnership&#x27;s own police force" in response.content.decode()


def test_a_measure_of_the_other_source_is_refused(client_for):
    current = setting()
    index = current.measures.count()
    data = posted(current) | {
        "measures-TOTAL_FORMS": index + 1,
        f"measures-{index}-measure": Measure.objects.get(slug="policeuk-burglary").pk,
        f"measures-{index}-position": 99,
        f"measures-{index}-police_line": "on",
    }
    response = client_for("officer").post(url(), data)
    assert "Burglary (police.uk) counts another source&#x27;s files" in response.content.decode()


def test_another_partnerships_officer_cannot_change_it(client_for):
    from tests.conftest import make_user

    charnwood = Partnership.objects.get(slug="charnwood")
    stranger = make_user("test-charnwood-officer", RoleName.OFFICER, partnership=charnwood)
    client = client_for("anonymous")
    client.force_login(stranger)
    assert client.get(url()).status_code == 403
    assert client.get(reverse("crime-setting", args=["charnwood"])).status_code == 200
