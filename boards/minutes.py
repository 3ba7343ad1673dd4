"""The minutes' rules: numbering as the board numbers them, locking once approved, approval and amendment."""

from django.db import transaction
from django.db.models import F, Max
from django.utils.dateformat import format as format_date

from boards.models import SUFFIXES, AgendaItem, Meeting, Minute, MinuteAmendment, Resolution, numbering_year
from sbp import data_version

# Numbers are moved this far out of the way while renumbering, so the unique constraints never see a clash.
SHIFT = 100_000


class MinutesLocked(Exception):
    """Approved minutes are a correct record: they change only by a recorded amendment."""


def next_number(meeting):
    """A free number for a minute about to be written: one after the highest of the board's numbering year.
    Its place is then settled by `renumber`, in agenda order."""
    year = numbering_year(meeting.board, meeting.starts_at)
    highest = Minute.objects.filter(board=meeting.board, numbering_year=year).aggregate(highest=Max("number"))
    return (highest["highest"] or 0) + 1


def agenda_order(minute):
    """Meetings in date order; within a meeting, the order of the agenda items minuted, then minutes with no
    item in their present order (a new one has the highest number, so it comes last)."""
    item = minute.agenda_item
    return (minute.meeting.starts_at, item.position if item else SHIFT, minute.number, minute.suffix, minute.pk)


def numbers_in_order(minutes):
    """{minute id: (number, suffix)} for a board's numbering year, numbered 1, 2, ... in agenda order.

    Approved minutes are a correct record and keep their numbers. A minute that must come before them when no
    number is free there takes the number before with a letter (48a, 48b), as councils do. A sub-minute (7a)
    stays a sub-minute of the minute before it.
    """
    ordered = sorted(minutes, key=agenda_order)
    numbers, number, letter = {}, 0, 0
    for index, minute in enumerate(ordered):
        if minute.meeting.are_minutes_approved:
            number, letter = minute.number, SUFFIXES.index(minute.suffix)
            continue
        later = [m.number for m in ordered[index + 1 :] if m.meeting.are_minutes_approved]
        if minute.suffix and number:
            letter += 1
        elif not later or number + 1 < later[0]:
            number, letter = number + 1, 0
        elif number:
            letter += 1
        else:  # nothing at all is free before an approved minute 1: it keeps the free number it was given
            continue
        numbers[minute.pk] = (number, SUFFIXES[letter])
    return numbers


@transaction.atomic
def renumber(board, year):
    """Give the unapproved minutes of a board's numbering year their numbers in agenda order."""
    minutes = list(Minute.objects.filter(board=board, numbering_year=year).select_related("meeting", "agenda_item"))
    current = {minute.pk: (minute.number, minute.suffix) for minute in minutes}
    changed = {pk: place for pk, place in numbers_in_order(minutes).items() if current[pk] != place}
    if changed:
        Minute.objects.filter(pk__in=changed).update(number=F("number") + SHIFT)
        for pk, (number, suffix) in changed.items():
            Minute.objects.filter(pk=pk).update(number=number, suffix=suffix)
        data_version.changed()  # bulk updates send no model signals


def renumber_meeting(meeting):
    renumber(meeting.board, numbering_year(meeting.board, meeting.starts_at))


def check_unlocked(meeting):
    if meeting.are_minutes_approved:
        raise MinutesLocked(f"The minutes of {meeting} are approved; record an amendment instead.")


@transaction.atomic
def save(form):
    """Save a minute's form (a VersionedModelForm): refused while the minutes are locked, and, like every edit,
    refused with sbp.locking.EditConflict if someone saved the minute after this edit began."""
    check_unlocked(form.instance.meeting)
    minute = form.save()
    renumber_meeting(minute.meeting)
    minute.refresh_from_db(fields=["number", "suffix"])
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
    minute = Minute.objects.create(meeting=meeting, agenda_item=item, number=next_number(meeting), title=title)
    renumber_meeting(meeting)  # it takes its place in the approving meeting's agenda order
    minute.refresh_from_db(fields=["number", "suffix"])
    return minute


def amend(minute, text, reason, user, when):
    """Record a correction to an approved minute; the approved text itself is never edited."""
    return MinuteAmendment.objects.create(minute=minute, text=text, reason=reason, recorded_by=user, recorded_at=when)


@transaction.atomic
def number_resolutions(minute):
    """One resolution is unnumbered ('RESOLVED that ...'); several are numbered 1), 2) in order."""
    resolutions = list(minute.resolutions.order_by("number", "pk"))
    minute.resolutions.update(number=None)
    data_version.changed()  # a bulk update sends no model signals
    if len(resolutions) > 1:
        for number, resolution in enumerate(resolutions, 1):
            resolution.number = number
            resolution.save(update_fields=["number"])
