"""What is announced when a meeting is called off: who is told, and the words. The email outbox sends it.

The words name only the board, the date, the reason and the contact officer, never an agenda item: nothing of
the business, and so nothing of Part 2, is in them.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateformat import format as format_date

from boards.membership import members_on_the_day
from boards.models import Meeting


@dataclass(frozen=True)
class Announcement:
    recipients: list  # the people told (each has an email address)
    subject: str
    body: str


def recipients(meeting):
    """The board's members on the day of the meeting (the one rule, boards.membership) who have an address."""
    return [person for person in members_on_the_day(meeting) if person.email]


def when(moment):
    return format_date(timezone.localtime(moment), r"l j F Y \a\t g.i a")


def meeting_cancelled(meeting):
    """The announcement of a cancelled or postponed meeting (`meeting.status` says which)."""
    postponed = meeting.status == Meeting.Status.POSTPONED
    word = "postponed" if postponed else "cancelled"
    lines = [f"The meeting of the {meeting.board.name} on {when(meeting.starts_at)} has been {word}."]
    if meeting.called_off_reason:
        lines.append(f"Reason: {meeting.called_off_reason}")
    if postponed:
        lines.append(
            f"It will now be held on {when(meeting.postponed_to)}." if meeting.postponed_to
            else "A new date will be announced."
        )  # fmt: skip
    if meeting.contact_officer:
        contact = meeting.contact_officer
        lines.append(f"Contact: {contact.name}" + (f", {contact.email}" if contact.email else ""))
    day = format_date(timezone.localtime(meeting.starts_at), "j F Y")
    subject = f"{word.capitalize()}: {meeting.board.name}, {day}"
    return Announcement(recipients(meeting), subject, "\n\n".join(lines))
