"""Attendance statistics: the counts against the pack's minutes, who may count what, the period, alternates,
responsible authorities, the CSV downloads and the query budget."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boards import attendance_stats, minutes
from boards.attendance_stats import Outcome, Period, authorities_in_words
from boards.models import Attendance, Meeting, Membership
from sbp.models import Organisation, Person
from tests.factories import grow_attendance, make_partnership_b

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_9f2041f90890340f.txt"
Sector = Organisation.Sector


def minutes_of_march_2021():
    """The attendance list of the minutes of 25 March 2021, read from the pack: names printed under 'Present:',
    'Also Present:' and in the apologies minute."""
    text = SEED.read_text()
    start = text.index("Minutes of the virtual meeting held at 10.00 am on 25 March 2021")
    present_block = text[text.index("Present:", start) : text.index("Also Present:", start)]
    also_block = text[text.index("Also Present:", start) : text.index("1   WELCOME", start)]
    # A name opens its line and is followed by a comma or a bracket; wrapped capacities are not names.
    entry = re.compile(r"^\s*([A-Z][\w'’ .-]+?)\s*[,(]", re.MULTILINE)
    present = entry.findall(present_block.removeprefix("Present:"))
    also = entry.findall(also_block.removeprefix("Also Present:"))
    sentence = re.search(r"Apologies for absence were received from (.*?)\.\s", text[start:], re.DOTALL).group(1)
    sentence = re.sub(r"\([^)]*\)", "", " ".join(sentence.split()))
    apologies = [name.strip() for name in re.split(r",| and ", sentence) if name.strip()]
    return present, also, apologies


def stats_page(client, board, **params):
    return client.get(reverse("attendance-statistics", args=[board.slug]), params)


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def march_only(**extra):
    return {"date_from": "2021-03-25", "date_to": "2021-03-25", **extra}


def test_the_seed_is_read_as_printed():
    present, also, apologies = minutes_of_march_2021()
    assert len(present) == 17
    assert present[0] == "Councillor Kate Lymer"
    assert present[-1] == "Kevin McKenzie"
    assert also == ["Anthony Baldock"]
    assert len(apologies) == 9
    assert apologies[-1] == "Lucien Spencer"


def test_the_march_2021_meeting_counts_as_its_minutes_in_the_pack_list_it(client_for, march_2021):
    present, also, apologies = minutes_of_march_2021()
    # The pack prints Amanda Mumford both as present and among the apologies; the record keeps her present.
    surnames = {name.split()[-1] for name in present}
    double = [name for name in apologies if name.split()[-1] in surnames]
    assert double == ["Amanda Mumford"]
    client = client_for("partner")
    rows = csv_rows(stats_page(client, march_2021.board, **march_only(_export="csv", table="meetings")))
    assert rows == [
        {
            "Meeting": "2021-03-25",
            "Present": "0",  # a virtual meeting: everyone printed as present attended virtually
            "Present virtually": str(len(present)),
            "Of those present, alternates": "1",  # Jamie O'Malley for Rachel Pankhurst (minute 1)
            "Also present": str(len(also)),
            "Apologies": str(len(apologies) - len(double)),
            "Absent": "0",
            "Every responsible authority attended?": "No: Probation absent",
        }
    ]
    people = csv_rows(stats_page(client, march_2021.board, **march_only(_export="csv", table="people")))
    sitting = sum(int(row[column]) for row in people for column in ("Present virtually", "As an alternate"))
    assert sitting == len(present)
    assert sum(int(row["Apologies"]) for row in people) == len(apologies) - len(double)
    page = stats_page(client, march_2021.board, **march_only()).content.decode()
    assert "No: Probation absent" in page
    assert "1 meeting counted." in page


def test_the_public_count_a_meeting_only_once_its_minutes_are_approved(client, march_2021, june_2021):
    everything = {"date_from": "2019-01-01", "date_to": "2021-12-31"}
    rows = csv_rows(stats_page(client, march_2021.board, **everything, _export="csv", table="meetings"))
    assert [row["Meeting"] for row in rows] == ["2019-12-05"]  # approved on 25 March 2021
    minutes.approve(march_2021, june_2021)
    rows = csv_rows(stats_page(client, march_2021.board, **everything, _export="csv", table="meetings"))
    assert [row["Meeting"] for row in rows] == ["2019-12-05", "2021-03-25"]


@pytest.mark.parametrize("role", ["partner", "member", "officer"])
def test_the_partnerships_readers_count_meetings_whose_minutes_are_not_yet_approved(client_for, march_2021, role):
    rows = csv_rows(stats_page(client_for(role), march_2021.board, **march_only(_export="csv", table="meetings")))
    assert [row["Meeting"] for row in rows] == ["2021-03-25"]


def test_meetings_not_held_are_not_counted(client_for, march_2021, june_2021):
    """June 2021 is published, not held; a cancelled meeting is not held either."""
    march_2021.status, march_2021.called_off_at = Meeting.Status.CANCELLED, march_2021.starts_at
    march_2021.save()
    rows = csv_rows(
        stats_page(client_for("officer"), march_2021.board, date_from="2021-01-01", date_to="2021-12-31",
                   _export="csv", table="meetings")
    )  # fmt: skip
    assert rows == []


@pytest.mark.parametrize(
    ("start", "end", "counted"),
    [
        ("2021-03-25", "2021-03-25", ["2021-03-25"]),
        ("2021-03-26", "2021-12-31", []),
        ("2019-01-01", "2021-03-24", ["2019-12-05"]),
        ("2019-12-05", "2021-03-25", ["2019-12-05", "2021-03-25"]),
    ],
)
def test_the_period_counts_the_meetings_held_within_it_inclusive(client_for, march_2021, start, end, counted):
    response = stats_page(
        client_for("member"), march_2021.board, date_from=start, date_to=end, _export="csv", table="meetings"
    )
    assert [row["Meeting"] for row in csv_rows(response)] == counted


def test_the_default_period_is_the_last_twelve_months(client_for, march_2021):
    page = stats_page(client_for("member"), march_2021.board).content.decode()
    period = Period.last_twelve_months(timezone.localdate())
    assert f"{period.start:%-d %B %Y} to {period.end:%-d %B %Y}</h2>" in page
    assert "This financial year:" in page
    assert "Last financial year:" in page


@pytest.mark.parametrize(
    ("today", "twelve_months", "financial_year"),
    [
        (datetime.date(2021, 3, 25), (datetime.date(2020, 3, 26), datetime.date(2021, 3, 25)),
         (datetime.date(2020, 4, 1), datetime.date(2021, 3, 31))),
        (datetime.date(2021, 4, 1), (datetime.date(2020, 4, 2), datetime.date(2021, 4, 1)),
         (datetime.date(2021, 4, 1), datetime.date(2022, 3, 31))),
        (datetime.date(2024, 2, 29), (datetime.date(2023, 3, 1), datetime.date(2024, 2, 29)),
         (datetime.date(2023, 4, 1), datetime.date(2024, 3, 31))),
    ],
)  # fmt: skip
def test_the_periods_offered(today, twelve_months, financial_year):
    assert Period.last_twelve_months(today) == Period(*twelve_months)
    assert Period.financial_year(today) == Period(*financial_year)


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"date_from": "2021-13-01"}, "Enter a valid date"),
        ({"date_to": "yesterday"}, "Enter a valid date"),
        ({"date_from": "2021-04-01", "date_to": "2021-03-31"}, "on or before its end"),
        ({"date_to": "0001-01-01"}, "from 1 January 1900"),
        ({"date_from": "9999-12-31"}, "before the year 9999"),
        ({"date_from": "x" * 100_000, "_export": "csv"}, "Enter a valid date"),
        ({"date_to": "a\x00b"}, "Enter a valid date"),
    ],
)
def test_bad_dates_are_a_form_error_not_a_500(client, march_2021, params, error):
    response = stats_page(client, march_2021.board, **params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert error in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert 'for="id_date_from"' in response.content.decode()


def test_an_unknown_table_to_download_is_a_400(client, march_2021):
    response = stats_page(client, march_2021.board, _export="csv", table="secrets")
    assert response.status_code == 400
    assert b"Choose table=people, organisations or meetings" in response.content


def test_an_unknown_board_is_a_404(client):
    assert client.get(reverse("attendance-statistics", args=["no-such-board"])).status_code == 404


def test_an_alternate_counts_as_sent_for_their_member_and_their_organisation_attended(client_for, march_2021):
    client = client_for("officer")
    people = {row["Name"]: row for row in csv_rows(stats_page(client, march_2021.board, **march_only(
        _export="csv", table="people")))}  # fmt: skip
    pankhurst, omalley = people["Rachel Pankhurst"], people["Jamie O'Malley"]
    assert (pankhurst["Meetings expected"], pankhurst["Sent an alternate"], pankhurst["No record"]) == ("1", "1", "0")
    assert pankhurst["Attended in person or virtually"] == "0.0"  # she did not attend herself
    assert (omalley["Role"], omalley["Meetings expected"], omalley["As an alternate"]) == ("Not a member", "0", "1")
    assert omalley["Attended in person or virtually"] == ""  # never expected: no percentage
    assert "Anthony Baldock" not in people  # also present: counted in the meetings table only


def test_an_organisation_whose_only_member_sent_an_alternate_is_represented(march_2021):
    """LFB's one member stays away and sends an alternate from elsewhere: LFB still attended; fire is there."""
    mckenzie = Attendance.objects.get(meeting=march_2021, person__name="Kevin McKenzie")
    mckenzie.status = Attendance.Status.APOLOGIES
    mckenzie.save()
    stand_in = Person.objects.create(name="Stand In")
    Attendance.objects.create(
        meeting=march_2021, person=stand_in, status=Attendance.Status.PRESENT, alternate_for=mckenzie.person
    )
    stats = statistics_of(march_2021)
    lfb = next(row for row in stats.organisations if row.organisation.short_name == "LFB")
    assert (lfb.expected, lfb.represented, lfb.percent_represented) == (1, 1, 100.0)
    assert stats.meetings[0].authorities_absent == [Sector.PROBATION]
    mckenzie_row = next(row for row in stats.people if row.person.name == "Kevin McKenzie")
    assert mckenzie_row.counts == {Outcome.SENT_ALTERNATE: 1}  # apologies and an alternate: counted once, as sent


def test_an_organisation_not_represented_is_named_and_counted(march_2021):
    Attendance.objects.filter(meeting=march_2021, person__name="Kevin McKenzie").update(status="absent")
    stats = statistics_of(march_2021)
    lfb = next(row for row in stats.organisations if row.organisation.short_name == "LFB")
    assert (lfb.expected, lfb.represented, lfb.percent_represented) == (1, 0, 0.0)
    assert authorities_in_words(stats.meetings[0].authorities_absent) == "No: Fire and rescue and Probation absent"


def test_members_are_expected_only_at_meetings_held_while_they_were_members(march_2021, december_2019):
    sibun = Membership.objects.get(board=march_2021.board, person__name="Paul Sibun")
    sibun.start_date = datetime.date(2020, 1, 1)
    sibun.save()
    stats = attendance_stats.statistics(
        march_2021.board, march_2021.board.meetings.filter(status="held"), Period(december_2019.starts_at.date(),
                                                                                   march_2021.starts_at.date())
    )  # fmt: skip
    assert len(stats.meetings) == 2
    row = next(row for row in stats.people if row.person.name == "Paul Sibun")
    assert (row.expected, row.counts[Outcome.PRESENT_VIRTUALLY], row.percent_attended) == (1, 1, 100.0)
    lymer = next(row for row in stats.people if row.person.name == "Kate Lymer")
    assert lymer.expected == 2  # no start date: a member already in December 2019


@pytest.mark.parametrize(
    ("absent", "words"),
    [
        ([], "Yes, all five"),
        ([Sector.PROBATION], "No: Probation absent"),
        ([Sector.FIRE, Sector.PROBATION], "No: Fire and rescue and Probation absent"),
        ([Sector.COUNCIL, Sector.POLICE, Sector.HEALTH], "No: Local authority, Police and Health absent"),
    ],
)
def test_the_responsible_authorities_in_words(absent, words):
    assert authorities_in_words(absent) == words


@pytest.mark.parametrize(
    ("status", "sent", "expected"),
    [
        ("present", False, Outcome.PRESENT),
        ("present_virtually", False, Outcome.PRESENT_VIRTUALLY),
        ("also_present", False, Outcome.PRESENT),
        ("apologies", False, Outcome.APOLOGIES),
        ("apologies", True, Outcome.SENT_ALTERNATE),
        ("absent", False, Outcome.ABSENT),
        ("absent", True, Outcome.SENT_ALTERNATE),
        (None, True, Outcome.SENT_ALTERNATE),
        (None, False, Outcome.NOT_RECORDED),
    ],
)
def test_one_persons_outcome_at_one_meeting(status, sent, expected):
    record = None if status is None else Attendance(status=status)
    assert attendance_stats.outcome(record, sent) == expected


def test_an_alternate_sitting_is_counted_as_an_alternate_whatever_their_mode():
    assert attendance_stats.outcome(Attendance(status="present_virtually", alternate_for_id=1), False) == (
        Outcome.AS_ALTERNATE
    )


def test_the_csv_is_safe_to_open_with_iso_dates_and_plain_numbers(client_for, march_2021):
    Person.objects.filter(name="Dawn Helps").update(name="=HYPERLINK(1)")
    client = client_for("member")
    people = csv_rows(stats_page(client, march_2021.board, **march_only(_export="csv", table="people")))
    names = [row["Name"] for row in people]
    assert "'=HYPERLINK(1)" in names
    assert "=HYPERLINK(1)" not in names
    stowell = next(row for row in people if row["Name"] == "Joanne Stowell")
    assert stowell == {
        "Name": "Joanne Stowell", "Organisation": "London Borough of Bromley", "Role": "Vice-Chairman",
        "Meetings expected": "1", "Present": "0", "Present virtually": "1", "As an alternate": "0",
        "Sent an alternate": "0", "Apologies": "0", "Absent": "0", "No record": "0",
        "Attended in person or virtually": "100.0",
    }  # fmt: skip
    organisations = csv_rows(stats_page(client, march_2021.board, **march_only(_export="csv", table="organisations")))
    nps = next(row for row in organisations if row["Organisation"] == "London Community Rehabilitation Company")
    assert nps == {
        "Organisation": "London Community Rehabilitation Company", "Responsible authority": "Yes (Probation)",
        "Meetings expected": "1", "Meetings represented": "0", "Represented": "0.0",
    }  # fmt: skip
    response = stats_page(client, march_2021.board, **march_only(_export="csv", table="meetings"))
    assert 'filename="attendance-meetings-2021-03-25-2021-03-25.csv"' in response["Content-Disposition"]


def test_the_page_shows_a_chart_with_its_tables_and_captions(client_for, march_2021):
    page = stats_page(client_for("member"), march_2021.board, **march_only()).content.decode()
    assert 'data-chart="attendance-chart"' in page
    assert 'id="attendance-chart" type="application/json"' in page
    for caption in ("Each member&#x27;s attendance", "Each organisation with a seat on the board", "Each meeting"):
        assert re.search(rf'<caption class="govuk-table__caption govuk-table__caption--m"[^>]*>{caption}', page)
    assert "<label" in page
    assert 'for="id_date_to"' in page
    assert "sent an alternate" in page
    assert "Kate Lymer" in page
    assert "100%" in page


def statistics_of(meeting):
    day = meeting.starts_at.date()
    return attendance_stats.statistics(meeting.board, meeting.board.meetings.filter(pk=meeting.pk), Period(day, day))


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_the_page_makes_the_same_queries_with_ten_times_the_meetings(
    client_for, march_2021, django_assert_num_queries, role
):
    client = client_for(role)
    everything = {"date_from": "1990-01-01", "date_to": "2021-12-31"}
    grow_attendance(march_2021.board, meetings=3)
    stats_page(client, march_2021.board, **everything)  # sessions and the like are read once per process
    with CaptureQueriesContext(connection) as before:
        stats_page(client, march_2021.board, **everything)
    grow_attendance(march_2021.board, meetings=30)
    with django_assert_num_queries(len(before.captured_queries)):
        page = stats_page(client, march_2021.board, **everything).content.decode()
    held = 34 if role == "anonymous" else 35  # the public do not count March 2021: its minutes are not approved
    assert f"{held} meetings counted." in page
    assert page.count("Regular Alternate") == 1  # one row, its 33 meetings as an alternate


def test_a_role_in_another_partnership_counts_this_boards_meetings_as_the_public_do(client, march_2021):
    client.force_login(make_partnership_b().users["b officer"])
    everything = {"date_from": "2019-01-01", "date_to": "2021-12-31", "_export": "csv", "table": "meetings"}
    rows = csv_rows(stats_page(client, march_2021.board, **everything))
    assert [row["Meeting"] for row in rows] == ["2019-12-05"]


def test_the_home_page_links_each_boards_attendance_statistics(client, march_2021):
    page = client.get(reverse("home")).content.decode()
    url = reverse("attendance-statistics", args=[march_2021.board.slug])
    assert f'href="{url}">Attendance statistics<span class="govuk-visually-hidden"> of {march_2021.board.name}' in page


def test_a_person_with_two_memberships_has_one_row_with_their_latest_role(march_2021):
    lymer = Membership.objects.get(board=march_2021.board, person__name="Kate Lymer")
    Membership.objects.create(board=march_2021.board, person=lymer.person, start_date=datetime.date(2021, 7, 1))
    stats = attendance_stats.statistics(
        march_2021.board, march_2021.board.meetings.filter(status="held"),
        Period(datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
    )  # fmt: skip
    rows = [row for row in stats.people if row.person.name == "Kate Lymer"]
    assert [(row.role, row.expected) for row in rows] == [("member", 1)]
