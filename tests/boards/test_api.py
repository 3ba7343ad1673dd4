"""The open data API (/api/v1/, boards/api): published business only, exactly as the public sees it, to everyone."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from boards import tasks
from boards.api import licence
from boards.models import AgendaItem, Attendance, Meeting, Membership, Minute, Resolution
from crime.models import Area, Measure, ReportedFigure
from sbp.models import Organisation, Partnership, Person
from tests.conftest import BROMLEY
from tests.factories import grow_business
from tests.test_no_leaks import leaks, part_2_business  # noqa: F401 (the fixture, shared with the leak test)

pytestmark = pytest.mark.django_db

LISTS = ["api-partnerships", "api-boards", "api-organizations", "api-people", "api-memberships", "api-meetings",
         "api-agenda-items", "api-minutes", "api-resolutions", "api-attendance", "api-quarters"]  # fmt: skip
DETAILS = {
    "api-partnership": lambda: Partnership.objects.get(slug=BROMLEY).pk,
    "api-board": lambda: Meeting.objects.get(starts_at__date="2021-06-17").board_id,
    "api-organization": lambda: Organisation.objects.order_by("pk").first().pk,
    "api-person": lambda: Membership.objects.order_by("pk").first().person_id,
    "api-membership": lambda: Membership.objects.order_by("pk").first().pk,
    "api-meeting": lambda: Meeting.objects.get(starts_at__date="2021-06-17").pk,
    "api-agenda-item": lambda: AgendaItem.objects.filter(meeting__starts_at__date="2021-06-17").first().pk,
    "api-minute": lambda: Minute.objects.filter(meeting__minutes_status="approved").first().pk,
    "api-resolution": lambda: Resolution.objects.filter(minute__meeting__minutes_status="approved").first().pk,
}
OFFSET_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def every_api_answer(client, ids):
    """(url, text) of every list page and every detail with each id, as JSON and as CSV."""
    urls = [reverse(name) for name in LISTS]
    urls += [reverse(name, args=[pk]) for name in DETAILS for pk in ids]
    quarters = client.get(reverse("api-quarters")).json()["results"]
    urls += [quarter["figures_url"] for quarter in quarters]
    for url in urls:
        for query in ({}, {"format": "csv"}):
            response = client.get(url, query)
            assert response.status_code in (200, 404), url
            yield url, response.content.decode()


def test_the_schema_generates_and_validates(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert "Open Government Licence v3.0" in text
    assert "/api/v1/meetings/{id}/" in text


def test_the_schema_is_served(client):
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    assert response.json()["info"]["license"]["name"] == licence.NAME
    assert response["Link"] == licence.LINK_HEADER


@pytest.mark.parametrize("name", LISTS)
def test_every_list_says_its_licence_in_json_and_csv(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.json()
    assert body["licence"] == {"name": "Open Government Licence v3.0", "url": licence.URL}
    assert body["count"] == len(body["results"]) or body["next"]
    assert response["Link"] == f'<{licence.URL}>; rel="license"'
    exported = client.get(reverse(name), {"format": "csv"})
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")
    assert exported["Link"] == response["Link"]
    assert len(csv_rows(exported)) == len(body["results"])


@pytest.mark.parametrize("name", DETAILS)
def test_every_detail_answers_in_json_and_csv_with_the_licence(client, name):
    url = reverse(name, args=[DETAILS[name]()])
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["id"] == DETAILS[name]()
    assert licence.URL in response["Link"]
    rows = csv_rows(client.get(url, {"format": "csv"}))
    assert len(rows) == 1
    assert rows[0]["id"] == str(DETAILS[name]())


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("name", ["api-meetings", "api-meeting"])
def test_the_api_is_read_only(client, name, method):
    url = reverse(name, args=[DETAILS["api-meeting"]()]) if name in DETAILS else reverse(name)
    assert getattr(client, method)(url).status_code == 405
    member = User.objects.get(username="member")
    client.force_login(member)
    assert getattr(client, method)(url).status_code == 405


def test_the_public_and_a_board_member_get_the_same_answer(client, part_2_business):  # noqa: F811
    june = part_2_business["meetings"][0]
    url = reverse("api-meeting", args=[june.pk])
    public = client.get(url).content
    client.force_login(User.objects.get(username="member"))  # who reads Part 2 on the pages
    assert client.get(url).content == public
    minutes = client.get(reverse("api-minutes")).content
    client.logout()
    assert client.get(reverse("api-minutes")).content == minutes


@pytest.mark.parametrize("reader", ["anonymous", "member", "officer"])
def test_no_part_2_text_reaches_any_api_answer_whoever_asks(client, part_2_business, reader):  # noqa: F811
    if reader != "anonymous":
        client.force_login(User.objects.get(username=reader))
    secrets = part_2_business["secrets"]
    ids = sorted({row.pk for row in [*part_2_business["rows"], *part_2_business["meetings"]]})
    found, served = {}, 0
    for url, text in every_api_answer(client, ids):
        served += 1
        found |= {f"{url}: {where}": token for token, where in leaks(text, secrets).items()}
    assert not found
    assert served > 2 * (len(LISTS) + len(DETAILS))


def test_a_part_2_item_shows_only_its_number_public_title_and_reason(client, part_2_business):  # noqa: F811
    item = part_2_business["item"]
    shown = client.get(reverse("api-agenda-item", args=[item.pk])).json()
    assert shown["number"] == 11
    assert shown["exempt"]
    assert shown["withheld"]
    assert shown["title"] == "Contract award"
    assert shown["exempt_reason"] == item.exempt_reason
    assert shown["context"] == ""
    assert shown["paper_url"] is None
    assert shown["presenter_id"] is None
    meeting = client.get(reverse("api-meeting", args=[item.meeting_id])).json()
    assert shown in meeting["agenda_items"]


def test_a_part_2_minute_of_approved_minutes_appears_only_as_withheld(client, part_2_business):  # noqa: F811
    minute = Minute.objects.get(meeting=part_2_business["meetings"][0], number=99)
    shown = client.get(reverse("api-minute", args=[minute.pk])).json()
    assert shown["withheld"]
    assert shown["reference"] == "99"
    assert shown["title"] == "Contract award"
    assert shown["text"] == ""
    assert shown["resolutions"] == []
    assert shown["actions"] == []
    resolutions = client.get(reverse("api-resolutions")).json()["results"]
    assert minute.pk not in {row["minute_id"] for row in resolutions}
    assert client.get(reverse("api-resolution", args=[minute.resolutions.get().pk])).status_code == 404


def test_approved_minutes_carry_their_resolutions_and_actions(client):
    approved = Meeting.objects.filter(minutes_status="approved").order_by("-starts_at").first()
    listed = [row for row in client.get(reverse("api-minutes")).json()["results"] if row["meeting_id"] == approved.pk]
    assert len(listed) == approved.minutes.count() > 0
    assert all(row["text"] or row["resolutions"] for row in listed)
    assert sum(len(row["resolutions"]) for row in listed) == Resolution.objects.filter(minute__meeting=approved).count()
    assert sum(len(row["actions"]) for row in listed) == approved.minutes.filter(actions__isnull=False).count()


def test_unpublished_meetings_and_unapproved_minutes_are_absent(client, june_2021):
    draft = Meeting.objects.create(board=june_2021.board, starts_at="2021-09-09T09:00Z", title="A draft")
    item = AgendaItem.objects.create(meeting=draft, number=1, position=1, title="Draft business")
    minute = Minute.objects.create(meeting=draft, agenda_item=item, number=500, title="Draft minute")
    client.force_login(User.objects.get(username="officer"))  # who reads the draft on its page
    assert draft.pk not in {row["id"] for row in client.get(reverse("api-meetings")).json()["results"]}
    assert client.get(reverse("api-meeting", args=[draft.pk])).status_code == 404
    assert client.get(reverse("api-agenda-item", args=[item.pk])).status_code == 404
    assert client.get(reverse("api-minute", args=[minute.pk])).status_code == 404
    assert june_2021.minutes_status != Meeting.MinutesStatus.APPROVED  # approved only by a later meeting
    minutes = client.get(reverse("api-minutes")).json()["results"]
    assert june_2021.pk not in {row["meeting_id"] for row in minutes}
    attendance = client.get(reverse("api-attendance")).json()["results"]
    assert june_2021.pk not in {row["meeting_id"] for row in attendance}


def test_attendance_is_listed_as_the_approved_minutes_print_it(client):
    approved = Meeting.objects.filter(minutes_status="approved").order_by("-starts_at").first()
    people = Person.objects.order_by("pk")[:4]
    for position, (person, status) in enumerate(
        zip(people, ["apologies", "also_present", "present", "absent"], strict=True)
    ):
        Attendance.objects.create(meeting=approved, person=person, status=status, position=position)
    rows = [row for row in client.get(reverse("api-attendance")).json()["results"] if row["meeting_id"] == approved.pk]
    assert len(rows) == Attendance.objects.filter(meeting=approved).count() > 0
    statuses = [row["status"] for row in rows]
    order = ["present", "present_virtually", "also_present", "apologies", "absent"]
    assert statuses == sorted(statuses, key=order.index)


def test_people_carry_only_public_facts(client):
    person = Membership.objects.order_by("pk").first().person
    Person.objects.filter(pk=person.pk).update(email="private.person@example.org", phone="07700 900123")
    shown = client.get(reverse("api-person", args=[person.pk])).json()
    assert set(shown) == {"id", "name", "honorific_prefix", "job_title", "organization_id"}
    listed = client.get(reverse("api-people"), {"format": "csv"}).content.decode()
    assert person.name in listed
    assert "private.person@example.org" not in listed
    assert "07700" not in listed


def test_a_person_the_papers_never_name_is_not_listed(client):
    stranger = Person.objects.create(name="Nobody Named Anywhere")
    assert client.get(reverse("api-person", args=[stranger.pk])).status_code == 404


def test_memberships_are_popolo_shaped(client):
    membership = Membership.objects.exclude(representing=None).order_by("pk").first()
    shown = client.get(reverse("api-membership", args=[membership.pk])).json()
    assert shown["person_id"] == membership.person_id
    assert shown["organization_id"] == membership.board_id
    assert shown["on_behalf_of_id"] == membership.representing_id
    assert shown["role"] == membership.role
    assert shown["label"] == membership.capacity


def test_partnerships_carry_their_districts_gss_codes(client):
    bromley = Partnership.objects.get(slug=BROMLEY)
    shown = client.get(reverse("api-partnership", args=[bromley.pk])).json()
    assert shown["district_gss_codes"] == [Area.objects.get(kind="borough", name="Bromley").code]
    assert shown["board_ids"] == [board.pk for board in bromley.boards.order_by("name")]
    row = csv_rows(client.get(reverse("api-partnership", args=[bromley.pk]), {"format": "csv"}))[0]
    assert row["district_gss_codes"] == "E09000006"


def test_dates_and_times_are_iso_8601_with_their_offset(client, june_2021):
    shown = client.get(reverse("api-meeting", args=[june_2021.pk])).json()
    assert OFFSET_DATETIME.match(shown["start_date"]), shown["start_date"]
    assert shown["start_date"].endswith("+01:00")  # June in London: British Summer Time
    assert datetime.datetime.fromisoformat(shown["start_date"]) == june_2021.starts_at
    membership = Membership.objects.order_by("pk").first()
    Membership.objects.filter(pk=membership.pk).update(start_date=datetime.date(2020, 5, 1))
    assert client.get(reverse("api-membership", args=[membership.pk])).json()["start_date"] == "2020-05-01"


def test_lists_page_through_fifty_at_a_time(client, june_2021):
    grow_business(june_2021, meetings=60, actions_each=0)
    first = client.get(reverse("api-meetings")).json()
    assert len(first["results"]) == 50
    assert first["count"] > 60
    second = client.get(first["next"]).json()
    assert second["previous"]
    assert len(second["results"]) == first["count"] - 50
    assert not {row["id"] for row in first["results"]} & {row["id"] for row in second["results"]}
    assert client.get(reverse("api-meetings"), {"page": 2, "format": "csv"}).status_code == 200


@pytest.mark.parametrize("query", [{"page": "x"}, {"page": "0"}, {"page": "999"}, {"page": "a\x00b"},
                                   {"format": "xml"}, {"format": "x" * 10_000}])  # fmt: skip
def test_bad_query_parameters_answer_404_never_500(client, query):
    assert client.get(reverse("api-meetings"), query).status_code == 404


@pytest.mark.parametrize("name", LISTS)
def test_each_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, june_2021, name):
    grow_business(june_2021, meetings=30, actions_each=2)
    with django_assert_max_num_queries(8):
        assert client.get(reverse(name)).status_code == 200


def test_the_docs_page_lists_every_list_with_the_schema_and_the_licence(client):
    page = client.get(reverse("api-index")).content.decode()
    for name in LISTS:
        assert f'href="{reverse(name)}?format=csv"' in page
    assert reverse("api-schema") in page
    assert "Open Government Licence v3.0" in page
    assert licence.URL in page


def bromley_q1_figure():
    """A figure entered by hand for the 2021/22 Q1 report, as the June 2021 pack presented it."""
    return ReportedFigure.objects.filter(area__name="Bromley", financial_year=2021, quarter=1, statistic="count")


def publish_packs(meeting, when=None):
    """Publish the meeting's packs as democratic services do: built now, their police lines kept (ADR 0030)."""
    tasks.publish_packs(meeting, when or meeting.agenda_published_at)


def test_published_quarters_and_the_figures_their_pack_printed(client, june_2021):
    publish_packs(june_2021)
    quarters = client.get(reverse("api-quarters")).json()["results"]
    q1 = [row for row in quarters if row["partnership"] == BROMLEY and row["financial_year"] == "2021-22"]
    assert [row["quarter"] for row in q1] == ["q1"]
    figures = client.get(q1[0]["figures_url"]).json()["results"]
    stored = {row.measure.slug: row for row in bromley_q1_figure().select_related("measure")}
    assert figures
    assert {row["measure"] for row in figures} <= set(stored)
    for row in figures:
        assert Decimal(str(row["count"])) == stored[row["measure"]].value
        assert row["area_gss_code"] == "E09000006"
        assert row["rating"] in ("red", "amber", "green", None)


def test_officers_notes_on_figures_never_reach_the_api(client, june_2021):
    row = bromley_q1_figure().first()
    ReportedFigure.objects.filter(pk=row.pk).update(note="zqxOfficerNotezqx")
    publish_packs(june_2021)  # the restricted pack prints the note: the public's figures must not carry it
    url = reverse("api-crime-figures", args=[BROMLEY, "2021-22", "q1"])
    assert row.measure.slug in client.get(url).content.decode()
    assert "zqxOfficerNotezqx" not in client.get(url).content.decode()
    assert "zqxOfficerNotezqx" not in client.get(url, {"format": "csv"}).content.decode()


def test_a_figure_corrected_after_publication_is_served_as_published_until_a_revised_pack(client, june_2021):
    publish_packs(june_2021)
    row = bromley_q1_figure().first()
    url = reverse("api-crime-figures", args=[BROMLEY, "2021-22", "q1"])
    printed = next(line["count"] for line in client.get(url).json()["results"] if line["measure"] == row.measure.slug)
    row.value = Decimal("4321")
    row.save()  # as the figures page saves an officer's correction
    figures = client.get(url).json()["results"]
    assert 4321 not in [line["count"] for line in figures]
    assert printed in [line["count"] for line in figures]
    publish_packs(june_2021, timezone.now())
    assert 4321 in [line["count"] for line in client.get(url).json()["results"]]


@pytest.mark.parametrize(("year", "quarter"), [("2021-22", "q3"), ("2021-23", "q1"), ("9999-00", "q1"),
                                               ("2021-22", "q9"), ("x", "y")])  # fmt: skip
def test_a_quarter_no_published_pack_gave_answers_404(client, year, quarter):
    assert client.get(reverse("api-crime-figures", args=[BROMLEY, year, quarter])).status_code == 404


def test_a_quarter_whose_performance_item_is_part_2_is_not_published(client, june_2021):
    june_2021.agenda_items.filter(standing_kind="performance").update(part="exempt", exempt_reason="Paragraph 7")
    publish_packs(june_2021)
    assert june_2021.pack_builds.get(restricted=True).printed_figures["lines"]  # the public pack withholds them
    quarters = client.get(reverse("api-quarters")).json()["results"]
    assert not [row for row in quarters if row["partnership"] == BROMLEY and row["financial_year"] == "2021-22"
                and row["quarter"] == "q1"]  # fmt: skip
    assert client.get(reverse("api-crime-figures", args=[BROMLEY, "2021-22", "q1"])).status_code == 404


def test_a_measure_off_the_partnerships_police_lines_is_not_served(client, june_2021):
    publish_packs(june_2021)
    served = client.get(reverse("api-crime-figures", args=[BROMLEY, "2021-22", "q1"])).json()["results"]
    shown = Partnership.objects.get(slug=BROMLEY).figures.measures.filter(police_line=True)
    assert {row["measure"] for row in served} <= set(
        Measure.objects.filter(pk__in=shown.values("measure")).values_list("slug", flat=True)
    )
