"""What was published stays exactly as published (ADR 0030): a published public pack's police lines, kept by its
build from the figures the PDF laid out, are the quarter's open data figures, whatever is imported or corrected
later. Bromley's 2025/26 Q3 has no figures entered by hand: every line is worked out from the imported MPS files.
"""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from boards import dashboard, redaction, tasks
from boards.models import AgendaItem, PackBuild
from crime import importer, mps_csv
from sbp.models import Partnership
from strategy.quarters import Quarter
from tests.conftest import BROMLEY
from tests.factories import grow_business, make_public_meeting

pytestmark = pytest.mark.django_db

Q3_2025 = Quarter(2025, 3)  # October to December 2025: the CONNECT release's last month is December
# A later MPS publication (March 2026's) covering December 2025 again: Bromley's December burglaries become 1.
REVISED = "MajorText,MinorText,LookUp_BoroughName,202512,202601,202602\nBurglary,Domestic Burglary,Bromley,1,2,3\n"


@pytest.fixture
def december_2025(june_2021):
    """A published Bromley meeting in 2025/26 Q3 whose agenda is the crime performance dashboard alone."""
    meeting = make_public_meeting(june_2021.board, datetime.datetime(2025, 12, 11, 10, tzinfo=datetime.UTC))
    AgendaItem.objects.create(
        meeting=meeting, number=1, position=1, title="Crime performance dashboard",
        standing_kind=AgendaItem.StandingKind.PERFORMANCE,
    )  # fmt: skip
    return meeting


def figures_url():
    return reverse("api-crime-figures", args=[BROMLEY, "2025-26", "q3"])


def served(client):
    response = client.get(figures_url())
    assert response.status_code == 200
    return response.json()["results"]


def listed(client):
    quarters = client.get(reverse("api-quarters")).json()["results"]
    return {(row["partnership"], row["financial_year"], row["quarter"]) for row in quarters}


def pdf_text(build):
    with build.file.open("rb") as handle:
        pages = PdfReader(io.BytesIO(handle.read())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def pages_now():
    """The Q3 police lines the dashboard page shows now, worked out from the counts as they stand."""
    bromley = Partnership.objects.get(slug=BROMLEY)
    return {line.measure.slug: line.count for line in dashboard.build(Q3_2025, redaction.PUBLIC, bromley).crime}


def test_a_computed_quarter_serves_the_figures_its_published_pack_printed(client, december_2025):
    tasks.publish_packs(december_2025, december_2025.agenda_published_at)
    assert (BROMLEY, "2025-26", "q3") in listed(client)
    figures = {row["measure"]: row for row in served(client)}
    assert set(figures) == {"total-burglary", "residential-burglary", "theft-of-a-motor-vehicle", "sexual-offences"}
    text = pdf_text(december_2025.pack_builds.get(restricted=False, status=PackBuild.Status.READY))
    for row in figures.values():
        assert row["source"] == "MPS recorded crime data (imported)"
        counts = f"{int(row['count']):,} {int(row['comparison']):,}"
        assert f"{row['measure_name']} {row['period']} {counts} {row['comparison_label']}" in text
    burglary = figures["total-burglary"]
    assert (burglary["count"], burglary["rating"], burglary["rating_words"]) == (pages_now()["total-burglary"],
                                                                                 "green", "Green")  # fmt: skip
    assert burglary["change_significance"] == f"Yes, a real fall (z = {burglary['z_score']})"
    ranking = burglary["ranking"]
    assert (ranking["of"], ranking["group"], ranking["population"]) == (32, "London", "ONS mid-2024 estimate")
    assert f"{ranking['rank']} Bromley {ranking['rate_per_1000']}" in text  # its row of the rankings table
    assert figures["sexual-offences"]["ranking"] is None  # not ranked in the pack


def test_a_revised_release_after_publication_changes_the_pages_not_the_published_figures(client, december_2025):
    tasks.publish_packs(december_2025, december_2025.agenda_published_at)
    before = client.get(figures_url()).content
    counts_before = pages_now()
    importer.import_file(mps_csv.read(REVISED.encode(), "revised.csv"), None, timezone.now())
    assert pages_now()["total-burglary"] < counts_before["total-burglary"]  # the counts really did change
    assert client.get(figures_url()).content == before
    assert client.get(figures_url(), {"format": "csv"}).status_code == 200
    # Until the revised pack is published: then its figures are the ones the public were given.
    tasks.publish_packs(december_2025, timezone.now())
    burglary = next(row for row in served(client) if row["measure"] == "total-burglary")
    assert burglary["count"] == pages_now()["total-burglary"]


def test_a_pack_built_but_not_published_supplies_no_figures(client, december_2025):
    build = tasks.request_pack(december_2025, restricted=False)
    build.refresh_from_db()
    assert build.printed_figures["lines"]  # it printed them, yet nobody published it
    assert (BROMLEY, "2025-26", "q3") not in listed(client)
    assert client.get(figures_url()).status_code == 404


def test_a_published_restricted_pack_alone_supplies_no_figures(client, december_2025):
    build = tasks.request_pack(december_2025, restricted=True)
    PackBuild.objects.filter(pk=build.pk).update(published_at=timezone.now())
    build.refresh_from_db()
    assert build.printed_figures["lines"]
    assert build.published_at
    assert (BROMLEY, "2025-26", "q3") not in listed(client)
    assert client.get(figures_url()).status_code == 404


def test_every_listed_quarter_answers_with_its_figures(client, december_2025):
    tasks.publish_packs(december_2025, december_2025.agenda_published_at)
    quarters = client.get(reverse("api-quarters")).json()["results"]
    assert quarters
    for quarter in quarters:
        assert client.get(quarter["figures_url"]).status_code == 200


def test_the_figures_cost_the_same_queries_with_ten_times_the_published_packs(client, december_2025, june_2021):
    tasks.publish_packs(december_2025, december_2025.agenda_published_at)
    with CaptureQueriesContext(connection) as before:
        served(client)
    printed = december_2025.pack_builds.get(restricted=False).printed_figures
    grow_business(june_2021, meetings=10, actions_each=0)
    older = december_2025.agenda_published_at - datetime.timedelta(days=1)
    PackBuild.objects.bulk_create(
        PackBuild(meeting=meeting, restricted=False, content_hash=str(n), status=PackBuild.Status.READY,
                  requested_at=older, published_at=older, printed_figures=printed | {"quarter": 1 + n % 4})
        for n, meeting in enumerate(june_2021.board.meetings.exclude(pk=december_2025.pk))
    )  # fmt: skip
    with CaptureQueriesContext(connection) as after:
        assert served(client)
    assert len(after.captured_queries) == len(before.captured_queries) <= 4
