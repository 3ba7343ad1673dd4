"""The data version: every change to the record changes it, so the cached figures and pack fingerprints keyed by
it are never older than the data. Each test changes the data one way and reads the page that must show it."""

import pytest
from django.db import transaction

from boards import minutes
from boards.models import Minute, PackBuild
from crime.models import ReportedFigure
from sbp import data_version
from tests.boards.test_dashboard import dashboard, tenfold_more_data

pytestmark = pytest.mark.django_db


def police_figure(name="Residential burglary"):
    return ReportedFigure.objects.filter(financial_year=2021, quarter=1, measure__name=name).first()


def test_a_saved_row_changes_the_version_and_a_built_pack_does_not():
    before = data_version.current()
    minute = Minute.objects.first()
    minute.save()
    after = data_version.current()
    assert after != before
    PackBuild.objects.filter(pk__in=PackBuild.objects.values("pk")[:1]).update(error="")
    PackBuild.objects.create(
        meeting=minute.meeting, restricted=False, content_hash="x", requested_at=minute.meeting.starts_at
    )
    assert data_version.current() == after


def test_a_save_with_history_writes_the_version_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    minute = Minute.objects.first()
    with CaptureQueriesContext(connection) as queries:
        minute.save()
    writes = [query["sql"] for query in queries if "sbp_dataversion" in query["sql"]]
    assert len(writes) == 1, writes
    assert minute.history.count() >= 1


def test_every_model_people_edit_is_watched_and_no_derived_one_is():
    from django.apps import apps

    watched = {model._meta.label_lower for model in apps.get_models() if data_version.is_watched(model)}
    assert {"boards.minute", "boards.agendaitem", "crime.release", "strategy.progressupdate", "sbp.person"} <= watched
    assert not watched & data_version.DERIVED
    assert not any(label.split(".")[1].startswith("historical") for label in watched)


def test_a_hand_entered_figure_changed_after_a_view_shows_at_once(client_for):
    client = client_for("member")
    figure = police_figure()
    assert f"{figure.value:,.0f}" in dashboard(client).content.decode()
    figure.value = 98765
    figure.save()
    assert "98,765" in dashboard(client).content.decode()


def test_an_import_after_a_view_shows_at_once(client_for):
    client = client_for("member")
    dashboard(client, "2026-27", "q4")
    tenfold_more_data()  # seven residential burglaries a month in every borough from 2026 on
    assert "84" in dashboard(client, "2026-27", "q4").content.decode()


def test_a_bulk_renumbering_changes_the_version_though_it_sends_no_signals(march_2021):
    before = data_version.current()
    minutes.renumber_meeting(march_2021)
    minutes.number_resolutions(march_2021.minutes.first())
    assert data_version.current() != before


def change_then_fail():
    with transaction.atomic():
        figure = police_figure()
        figure.value = 12345
        figure.save()
        raise RuntimeError("the rest of the save failed")


def test_a_rolled_back_change_leaves_a_version_whose_caches_are_true(client_for):
    before = data_version.current()
    with pytest.raises(RuntimeError):
        change_then_fail()
    assert data_version.current() == before
    assert "12,345" not in dashboard(client_for("member")).content.decode()


def test_the_dashboard_reads_its_figures_from_the_cache_until_the_data_changes(client_for, django_assert_num_queries):
    client = client_for("member")
    dashboard(client)
    with django_assert_num_queries(8):  # signed-in user, roles, the partnership, the data version, the tiles
        dashboard(client)
    police_figure().save()
    with django_assert_num_queries(23):  # the figures worked out again
        dashboard(client)
