"""Attendance statistics over a period: each person's record, each organisation's, and at each meeting whether
every responsible authority attended (docs/decisions/0028-attendance-statistics.md).

The caller chooses the meetings (held meetings whose attendance the reader may see: `boards.access`); this
module only counts them. Three queries, however many meetings, people and organisations.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import F
from django.utils import timezone

from boards.models import Attendance
from sbp.models import Organisation

Sector = Organisation.Sector
# The responsible authorities of the Crime and Disorder Act 1998, s.5, in the order the page names them.
RESPONSIBLE_AUTHORITIES = [Sector.COUNCIL, Sector.POLICE, Sector.FIRE, Sector.PROBATION, Sector.HEALTH]


class Outcome(models.TextChoices):
    """One person at one meeting."""

    PRESENT = "present", "Present"
    PRESENT_VIRTUALLY = "present_virtually", "Present virtually"
    AS_ALTERNATE = "as_alternate", "Present as an alternate"
    SENT_ALTERNATE = "sent_alternate", "Sent an alternate"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    NOT_RECORDED = "not_recorded", "No record"


# Attended in person: the member's own percentage counts these (sending an alternate counts for the organisation).
ATTENDED = (Outcome.PRESENT, Outcome.PRESENT_VIRTUALLY, Outcome.AS_ALTERNATE)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def last_twelve_months(cls, today):
        """The twelve months to today: from the day after the same date a year before."""
        return cls(year_before(today) + datetime.timedelta(days=1), today)

    @classmethod
    def financial_year(cls, today):
        """The financial year (1 April to 31 March) that today falls in."""
        first = today.year if today.month >= 4 else today.year - 1
        return cls(datetime.date(first, 4, 1), datetime.date(first + 1, 3, 31))

    @classmethod
    def previous_financial_year(cls, today):
        this = cls.financial_year(today)
        return cls(this.start.replace(year=this.start.year - 1), this.end.replace(year=this.end.year - 1))


def year_before(day):
    """The same date a year earlier; 29 February goes back to 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def percent(part, whole):
    """A percentage to one decimal place; None when nothing was expected (no percentage, not 0%)."""
    return None if not whole else round(100 * part / whole, 1)


@dataclass
class PersonRow:
    person: object
    organisation: object
    role: str  # a boards.models.Role, or "" for someone who was not a member during the period
    expected: int = 0
    attended_expected: int = 0
    counts: Counter = field(default_factory=Counter)

    @property
    def percent_attended(self):
        return percent(self.attended_expected, self.expected)


@dataclass
class OrganisationRow:
    organisation: object
    expected: int = 0
    represented: int = 0

    @property
    def responsible_authority(self):
        """The sector when it is a responsible authority, else None."""
        return responsible_sector(self.organisation)

    @property
    def percent_represented(self):
        return percent(self.represented, self.expected)


@dataclass
class MeetingRow:
    meeting: object
    date: datetime.date
    counts: Counter  # Attendance.Status -> people
    alternates: int
    authorities_absent: list  # the RESPONSIBLE_AUTHORITIES no one sat for

    @property
    def all_authorities_attended(self):
        return not self.authorities_absent


@dataclass
class Statistics:
    period: Period
    meetings: list
    people: list
    organisations: list


def responsible_sector(organisation):
    if organisation is None or not organisation.statutory or organisation.sector not in RESPONSIBLE_AUTHORITIES:
        return None
    return Sector(organisation.sector)


def authorities_in_words(absent):
    """'Yes, all five' or 'No: Probation absent' / 'No: Fire and rescue and Probation absent'."""
    if not absent:
        return f"Yes, all {NUMBERS[len(RESPONSIBLE_AUTHORITIES)]}"
    names = [Sector(sector).label for sector in absent]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"No: {listed} absent"


NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def outcome(record, sent_alternate):
    """What one person's attendance at one meeting counts as. Someone sitting for a member is 'as an alternate'.
    A member for whom an alternate sat 'sent an alternate', even if their apologies are also recorded, so that
    each meeting counts once. A member recorded 'also present' was in the room: present. No row: 'no record'."""
    if record is not None and record.alternate_for_id is not None:
        return Outcome.AS_ALTERNATE
    if record is not None and record.status in (Attendance.Status.PRESENT, Attendance.Status.ALSO_PRESENT):
        return Outcome.PRESENT
    if record is not None and record.status == Attendance.Status.PRESENT_VIRTUALLY:
        return Outcome.PRESENT_VIRTUALLY
    if sent_alternate:
        return Outcome.SENT_ALTERNATE
    if record is None:
        return Outcome.NOT_RECORDED
    return Outcome(record.status)


def is_sitting(record):
    """Sits at the table: present (in person or virtually), in their own right or for a member. Officers 'also
    present' support the board; they do not sit on it, so they neither count for their organisation nor here."""
    return record.status in Attendance.PRESENT_STATUSES


def held_on(meeting):
    return timezone.localtime(meeting.starts_at).date()


def seat_organisation(membership):
    """Whom a member sits for: the organisation the membership names, else the member's own."""
    return membership.representing or membership.person.organisation


def in_period(meetings, period):
    return meetings.filter(starts_at__date__gte=period.start, starts_at__date__lte=period.end)


def memberships_during(board, period):
    return board.memberships.during(period.start, period.end).select_related("person__organisation", "representing")


def statistics(board, meetings, period):
    """The statistics of `meetings` (a queryset of the board's meetings the reader may count) held in `period`."""
    meetings = list(in_period(meetings, period).order_by("starts_at"))
    records = list(
        Attendance.objects.filter(meeting__in=meetings).select_related("person__organisation", "alternate_for")
    )
    # Earliest first, an unknown start first on every database: the latest membership gives a row its role.
    memberships = list(memberships_during(board, period).order_by(F("start_date").asc(nulls_first=True), "pk"))
    by_meeting = defaultdict(dict)
    for record in records:
        by_meeting[record.meeting_id][record.person_id] = record
    seats = {meeting.pk: seats_at(meeting, memberships) for meeting in meetings}
    return Statistics(
        period=period,
        meetings=[meeting_row(meeting, by_meeting[meeting.pk], seats[meeting.pk]) for meeting in meetings],
        people=people_rows(meetings, by_meeting, seats, memberships),
        organisations=organisation_rows(meetings, by_meeting, seats),
    )


def seats_at(meeting, memberships):
    """{person id: membership} of the members expected at the meeting (in force on its day)."""
    day = held_on(meeting)
    return {m.person_id: m for m in memberships if m.is_current_on(day)}


def organisations_sat_for(records, seats):
    """The organisations someone sat for at a meeting: a member's seat's, the seat of the member an alternate
    stood for, or (for anyone else recorded present) their own organisation."""
    sat_for = set()
    for record in filter(is_sitting, records.values()):
        seat = seats.get(record.alternate_for_id or record.person_id)
        organisation = seat_organisation(seat) if seat else record.person.organisation
        if organisation is not None:
            sat_for.add(organisation)
    return sat_for


def meeting_row(meeting, records, seats):
    represented = {responsible_sector(organisation) for organisation in organisations_sat_for(records, seats)}
    return MeetingRow(
        meeting=meeting,
        date=held_on(meeting),
        counts=Counter(record.status for record in records.values()),
        alternates=sum(1 for record in records.values() if record.alternate_for_id is not None),
        authorities_absent=[sector for sector in RESPONSIBLE_AUTHORITIES if sector not in represented],
    )


def people_rows(meetings, by_meeting, seats, memberships):
    """A row for everyone who was a member during the period or sat, sent apologies or was absent at one of its
    meetings; officers only ever 'also present' are left out (the meetings table counts them)."""
    rows = {}
    for membership in memberships:
        rows[membership.person_id] = PersonRow(membership.person, seat_organisation(membership), membership.role)
    for meeting in meetings:
        records, expected = by_meeting[meeting.pk], seats[meeting.pk]
        stood_for = {record.alternate_for_id for record in records.values() if record.alternate_for_id}
        for person_id in expected.keys() | records.keys():
            record = records.get(person_id)
            if person_id not in expected and record.status == Attendance.Status.ALSO_PRESENT:
                continue
            row = rows.get(person_id) or rows.setdefault(
                person_id, PersonRow(record.person, record.person.organisation, "")
            )
            result = outcome(record, person_id in stood_for)
            row.counts[result] += 1
            if person_id in expected:
                row.expected += 1
                row.attended_expected += result in ATTENDED
    return sorted(rows.values(), key=lambda row: (row.role == "", row.person.name))


def organisation_rows(meetings, by_meeting, seats):
    """Each organisation with a seat at one of the meetings: the meetings where it had a seat, and those of them
    where someone sat for it (an alternate for its member counts: the organisation attended)."""
    rows = {}
    for meeting in meetings:
        expected = {seat_organisation(seat) for seat in seats[meeting.pk].values()} - {None}
        sat_for = organisations_sat_for(by_meeting[meeting.pk], seats[meeting.pk])
        for organisation in expected:
            row = rows.setdefault(organisation.pk, OrganisationRow(organisation))
            row.expected += 1
            row.represented += organisation in sat_for
    return sorted(rows.values(), key=lambda row: (row.responsible_authority is None, row.organisation.name))
