"""The subscribable meeting calendars (RFC 5545): a board's or a partnership's public meetings as events.

A calendar app fetches a calendar signed out, and its address is passed on, so a calendar holds only what the
public may see (boards.access.public_meetings) and an event says nothing of the agenda: the meeting's name, time,
place, status and page. Times are in the site's zone (settings.TIME_ZONE), with its VTIMEZONE, so a June meeting reads
+01:00 and a December one +00:00 in every calendar app.
"""

from datetime import UTC, date
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import dateformat, timezone
from icalendar import Calendar, Event, Timezone

from boards import access
from boards.models import Meeting
from sbp.outbox import absolute

PRODID = "-//SBP Boards//Meeting calendars//EN"
# A postponed meeting will not take place at its time: its event is cancelled there, and says so in its summary.
# The new date, when one is set, is a meeting (and an event) of its own.
STATUSES = {Meeting.Status.CANCELLED: "CANCELLED", Meeting.Status.POSTPONED: "CANCELLED"}
CONFIRMED = "CONFIRMED"
CALLED_OFF_PREFIX = {Meeting.Status.CANCELLED: "Cancelled: ", Meeting.Status.POSTPONED: "Postponed: "}


def zone():
    return ZoneInfo(settings.TIME_ZONE)


def calendar_for_board(board):
    return calendar(board.name, board.meetings.all())


def calendar_for_partnership(partnership):
    return calendar(partnership.name, Meeting.objects.of(partnership))


def calendar(name, meetings):
    """The calendar called `name` of the public ones among `meetings`, as iCalendar bytes. One query."""
    rows = list(with_revisions(access.public_meetings(meetings)))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", f"The public meetings of {name}")
    cal.add("x-wr-timezone", zone().key)
    cal.add_component(vtimezone(rows))
    for meeting in rows:
        cal.add_component(event(meeting))
    return cal.to_ical()


def with_revisions(meetings):
    """The meetings with their board, how many times each was saved and when last (from its history): the
    event's SEQUENCE and DTSTAMP, so a calendar app knows a changed meeting from one it already holds."""
    saves = Meeting.history.model.objects.filter(id=OuterRef("pk")).order_by().values("id")
    return (
        meetings.select_related("board")
        .annotate(
            saves=Subquery(saves.annotate(n=Count("history_id")).values("n")),
            saved_at=Subquery(saves.annotate(last=Max("history_date")).values("last")),
        )
        .order_by("starts_at")
    )


def vtimezone(meetings):
    """The zone's rules over the years the meetings span (RFC 5545 wants one for every TZID used)."""
    years = [timezone.localtime(m.starts_at).year for m in meetings] or [timezone.localdate().year]
    return Timezone.from_tzid(zone().key, first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1))


def event(meeting):
    e = Event()
    e.add("uid", uid(meeting))
    e.add("dtstamp", stamp(meeting))
    e.add("last-modified", stamp(meeting))
    e.add("sequence", sequence(meeting))
    e.add("dtstart", timezone.localtime(meeting.starts_at, zone()))
    e.add("dtend", timezone.localtime(meeting.expected_end, zone()))
    e.add("summary", summary(meeting))
    if where := location(meeting):
        e.add("location", where)
    e.add("url", absolute(meeting.get_absolute_url()))
    e.add("status", STATUSES.get(meeting.status, CONFIRMED))
    e.add("description", description(meeting))
    return e


def uid(meeting):
    """Stable for the meeting's life, and unique to this site: the meeting's id at the site's host."""
    return f"meeting-{meeting.pk}@{urlsplit(settings.SITE_URL).hostname}"


def stamp(meeting):
    """When the meeting was last changed (RFC 5545: DTSTAMP of a calendar without METHOD), in UTC. A meeting
    with no history (written before history was kept) falls back to its publication, else its start."""
    when = getattr(meeting, "saved_at", None) or meeting.agenda_published_at or meeting.starts_at
    return when.astimezone(UTC)


def sequence(meeting):
    """How many times the meeting was changed after it was made: it only ever rises, as RFC 5545 asks."""
    return max((getattr(meeting, "saves", None) or 1) - 1, 0)


def summary(meeting):
    return CALLED_OFF_PREFIX.get(meeting.status, "") + meeting.name


def location(meeting):
    """The venue; for a meeting held online the link to join; for a hybrid meeting both."""
    online = meeting.web_link if meeting.has_web_link else ""
    if meeting.mode == Meeting.Mode.IN_PERSON or not online:
        return meeting.venue
    if meeting.mode == Meeting.Mode.VIRTUAL or not meeting.venue:
        return online
    return f"{meeting.venue}, or online: {online}"


def description(meeting):
    lines = []
    if meeting.is_called_off:
        lines.append(called_off(meeting))
    if meeting.has_web_link:
        lines.append(f"Join online: {meeting.web_link}")
    lines.append(f"Agenda and papers: {absolute(meeting.get_absolute_url())}")
    lines.append(f"All meetings of the board: {absolute(reverse('board', args=[meeting.board.slug]))}")
    return "\n".join(lines)


def called_off(meeting):
    """What the meeting page's banner says: called off when, why, and the new date of a postponed meeting."""
    said = f"This meeting was {meeting.get_status_display().lower()} on {long_date(meeting.called_off_at)}."
    if meeting.postponed_to:
        said += f" It will now be held on {long_date(meeting.postponed_to)} at {clock(meeting.postponed_to)}."
    elif meeting.status == Meeting.Status.POSTPONED:
        said += " A new date will be announced."
    if meeting.called_off_reason:
        said += f" Reason: {meeting.called_off_reason}"
    return said


def long_date(when):
    return dateformat.format(timezone.localtime(when), "l j F Y")


def clock(when):
    return dateformat.format(timezone.localtime(when), "g.i a")
