"""The crime page, the dashboard and the agenda pack show the same figures: one pipeline, overrides included."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from boards import pack
from boards.models import AgendaItem, Board, Meeting
from crime.models import Area, Measure
from tests.conftest import BROMLEY, figure_for

pytestmark = pytest.mark.django_db
DECEMBER = datetime.date(2025, 12, 1)  # the latest month in the shared files
REASON = "A run of burglaries across Bromley Town in the autumn."


def pack_text(meeting):
    data, _ = pack.build(meeting, restricted=False)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def meeting_in_december_2025():
    meeting = Meeting.objects.create(
        board=Board.objects.get(slug="safer-bromley-partnership-board"),
        starts_at=datetime.datetime(2025, 12, 11, 10, tzinfo=ZoneInfo("Europe/London")),
    )
    AgendaItem.objects.create(meeting=meeting, number=1, position=1, title="CRIME PERFORMANCE DASHBOARD",
                              kind="standing", standing_kind="performance")  # fmt: skip
    return meeting


def test_an_override_set_on_the_crime_page_appears_on_the_dashboard_and_in_the_pack(client_for):
    burglary = Measure.objects.get(slug="total-burglary")
    bromley = Area.objects.get(kind="borough", name="Bromley")
    figure = figure_for(burglary, DECEMBER)
    assert figure.override is None
    officer = client_for("officer")
    url = reverse("crime-override", args=[burglary.slug, bromley.pk, "2025-12"])
    assert officer.post(url, {"rag": "red", "reason": REASON, "version": ""}).status_code == 302

    choice = {"measure": burglary.slug, "area": bromley.pk, "end": "2025-12", "baseline": 2019}
    crime_page = officer.get(reverse("crime-figures"), choice).content.decode()
    assert f"Override of {figure.computed_rating}" in crime_page
    assert REASON in crime_page
    dashboard = officer.get(reverse("dashboard-quarter", args=[BROMLEY, "2025-26", "q3"])).content.decode()
    line = dashboard[dashboard.index("Total burglary") :]
    line = line[: line.index("</tr>")]
    assert f"{figure.count:,}" in line
    assert "Red" in line
    assert f"Override: {REASON}" in line
    export = officer.get(
        reverse("dashboard-quarter", args=[BROMLEY, "2025-26", "q3"]), {"_export": "csv"}
    ).content.decode()
    assert f"Red (override: {REASON})" in export
    text = " ".join(pack_text(meeting_in_december_2025()).split())  # table cells wrap over lines
    row = text[text.index("Total burglary") :][:600]
    assert f"{figure.count:,}" in row
    assert "Red" in row
    assert "Override: A run of burglaries" in row


def test_the_crime_page_dashboard_and_pack_give_the_same_count_change_and_rank():
    burglary = Measure.objects.get(slug="residential-burglary")
    figure = figure_for(burglary, DECEMBER)
    from boards import dashboard, redaction
    from sbp.models import Partnership
    from strategy.quarters import Quarter

    shown = dashboard.build(Quarter(2025, 3), redaction.PUBLIC, Partnership.objects.get(slug="safer-bromley"))
    line = next(line for line in shown.crime if line.measure == burglary)
    assert (line.count, line.baseline, line.change, line.rating) == (
        figure.count, figure.baseline, figure.change, figure.rating
    )  # fmt: skip
    ranking = next(table for table in shown.rankings if table.measure == burglary)
    bromley = next(row for row in ranking.rows if row.area.name == "Bromley")
    assert (bromley.rank, bromley.rate, bromley.change) == (figure.ranked.rank, figure.ranked.rate, figure.rank_change)
