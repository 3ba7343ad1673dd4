"""The minutes' rules: numbering across meetings, locking once approved, approval and amendment."""

from django.db import transaction
from django.db.models import Max
from django.utils.dateformat import format as format_date

from boards.models import AgendaItem, Meeting, Minute, MinuteAmendment, Resolution


class MinutesLocked(Exception):
    """Approved minutes are a correct record: they change only by a recorded amendment."""


def next_number(meeting):
    """Minute numbers continue from the board's previous meetings (the pack's 'minute 40' of December 2019)."""
    highest = Minute.objects.filter(meeting__board=meeting.board, meeting__starts_at__lte=meeting.starts_at).aggregate(
        highest=Max("number")
    )["highest"]
    return (highest or 0) + 1


def check_unlocked(meeting):
    if meeting.are_minutes_approved:
        raise MinutesLocked(f"The minutes of {meeting} are approved; record an amendment instead.")


@transaction.atomic
def save(form):
    """Save a minute's form (a VersionedModelForm): refused while the minutes are locked, and, like every edit,
    refused with sbp.locking.EditConflict if someone saved the minute after this edit began."""
    check_unlocked(form.instance.meeting)
    minute = form.save()
    if minute.meeting.minutes_status == Meeting.MinutesStatus.NONE:
        Meeting.objects.filter(pk=minute.meeting_id).update(minutes_status=Meeting.MinutesStatus.DRAFT)
    return minute


def circulate(meeting):
    check_unlocked(meeting)
    meeting.minutes_status = Meeting.MinutesStatus.CIRCULATED
    meeting.save(update_fields=["minutes_status"])


@transaction.atomic
def approve(meeting, at_meeting):
    """Agree the minutes as a correct record at a later meeting, and minute that resolution there."""
    if at_meeting.board_id != meeting.board_id or at_meeting.starts_at <= meeting.starts_at:
        raise ValueError("Minutes are approved at a later meeting of the same board.")
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_by = at_meeting
    meeting.save(update_fields=["minutes_status", "minutes_approved_by"])
    minute = approval_minute(at_meeting)
    held_on = format_date(meeting.starts_at, "jS F Y")
    Resolution.objects.create(
        minute=minute,
        number=None if not minute.resolutions.exists() else minute.resolutions.count() + 1,
        text=f"the minutes of the meeting held on {held_on} be agreed as a correct record.",
    )
    return minute


def approval_minute(meeting):
    """The later meeting's minute for its 'minutes of the last meeting' item, created if not yet written."""
    item = meeting.agenda_items.filter(standing_kind=AgendaItem.StandingKind.MINUTES).first()
    existing = meeting.minutes.filter(agenda_item=item).first() if item else None
    if existing:
        return existing
    title = item.title if item else "MINUTES OF THE LAST MEETING"
    return Minute.objects.create(meeting=meeting, agenda_item=item, number=next_number(meeting), title=title)


def amend(minute, text, reason, user, when):
    """Record a correction to an approved minute; the approved text itself is never edited."""
    return MinuteAmendment.objects.create(minute=minute, text=text, reason=reason, recorded_by=user, recorded_at=when)


@transaction.atomic
def number_resolutions(minute):
    """One resolution is unnumbered ('RESOLVED that ...'); several are numbered 1), 2) in order."""
    resolutions = list(minute.resolutions.order_by("number", "pk"))
    minute.resolutions.update(number=None)
    if len(resolutions) > 1:
        for number, resolution in enumerate(resolutions, 1):
            resolution.number = number
            resolution.save(update_fields=["number"])
