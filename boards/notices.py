"""The emails the board's events send: an agenda published, minutes circulated, an action assigned, a pack that
failed to build. Each is queued through the outbox (sbp/outbox.py) by one call from the view or task.

Email leaves the site for inboxes anyone may forward, so no body carries Part 2 (exempt) business: what is said
of the agenda is what `boards/redaction.py` shows the public, and minutes and exempt actions are only linked to.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from boards import announcements, redaction
from boards.membership import members_on_the_day
from sbp import outbox
from sbp.models import MessageKind, Person
from sbp.roles import RoleName


def when(meeting):
    return format_date(timezone.localtime(meeting.starts_at), "l j F Y, H:i")


def public_agenda(meeting):
    """The agenda as the public read it: a Part 2 item is its number and the title officers chose to publish."""
    lines = []
    for row in meeting.agenda_items.all():
        shown = redaction.item(redaction.PUBLIC, row)
        lines.append(f"  {shown.reference}. {shown.title}")
    return "\n".join(lines)


def agenda_recipients(meeting):
    """Who is emailed when the agenda is published (asked by the confirm page too, so it says the true number)."""
    return outbox.reached(members_on_the_day(meeting), MessageKind.AGENDA_PUBLISHED)


def agenda_published(meeting):
    """To every current member of the board: the meeting, its public agenda, and links to its page and pack."""
    subject = f"Agenda published: {meeting.board}, {format_date(meeting.starts_at, 'j F Y')}"
    page = outbox.absolute(meeting.get_absolute_url())
    pack = outbox.absolute(reverse("meeting-pack", args=[meeting.pk]))
    venue = f"Venue: {meeting.venue}\n" if meeting.venue else ""
    body = (
        f"The agenda for the meeting of the {meeting.board} on {when(meeting)} is published.\n\n"
        f"{venue}"
        f"Agenda:\n{public_agenda(meeting)}\n\n"
        f"The meeting page: {page}\nThe public agenda pack (PDF): {pack}\n\n"
        "Board members read any Part 2 (exempt) papers signed in, from the meeting page; they are never sent by email."
    )
    for person in agenda_recipients(meeting):
        outbox.send(
            to=person, subject=subject, body=body, kind=MessageKind.AGENDA_PUBLISHED, partnership=meeting,
            key=f"agenda-published:{meeting.pk}:{person.pk}:{meeting.agenda_published_at:%Y%m%d%H%M%S}",
        )  # fmt: skip


def minutes_circulated(meeting):
    """To every current member of the board: the draft minutes are ready for comment (linked, never quoted)."""
    subject = f"Draft minutes for comment: {meeting.board}, {format_date(meeting.starts_at, 'j F Y')}"
    body = (
        f"The draft minutes of the meeting of the {meeting.board} on {when(meeting)} are circulated for comment.\n\n"
        f"Read them, signed in, on the meeting page: {outbox.absolute(meeting.get_absolute_url())}#minutes\n\n"
        "Please send any corrections to Democratic Services before the next meeting, which approves them."
    )
    today = timezone.localdate().isoformat()
    for person in members_on_the_day(meeting):
        outbox.send(
            to=person, subject=subject, body=body, kind=MessageKind.MINUTES_CIRCULATED, partnership=meeting,
            key=f"minutes-circulated:{meeting.pk}:{person.pk}:{today}",
        )  # fmt: skip


def action_line(action, today):
    """One action as an email may describe it: an action of Part 2 business is only its minute and a link."""
    link = outbox.absolute(reverse("action-detail", args=[action.pk]))
    due = f", due {format_date(action.due_date, 'j F Y')}" if action.due_date else ""
    overdue = " (OVERDUE)" if action.is_overdue(today) else ""
    if not redaction.shows_action(redaction.PUBLIC, action):
        return f"- An action from Part 2 (exempt) business, minute {action.minute.reference}{due}{overdue}: {link}"
    return f"- {action.description} (minute {action.minute.reference}{due}){overdue}: {link}"


def actions_assigned(actions):
    """To the owner of each new action that names a person."""
    today = timezone.localdate()
    for action in actions:
        if action.owner_person is None:
            continue
        meeting = action.minute.meeting
        outbox.send(
            to=action.owner_person,
            subject=f"An action for you from the {meeting.board}",
            body=f"The {meeting.board} has minuted an action for you on {when(meeting)}:\n\n"
            f"{action_line(action, today)}",
            kind=MessageKind.ACTION_ASSIGNED,
            partnership=meeting,
            key=f"action-assigned:{action.pk}:{action.owner_person_id}",
        )


def democratic_services(partnership_id):
    """The people who hold the Democratic Services role in the partnership."""
    return Person.objects.filter(
        user__is_active=True,
        user__partnership_roles__partnership=partnership_id,
        user__partnership_roles__role=RoleName.DEMOCRATIC_SERVICES,
    ).distinct()


def pack_failed(build):
    """To the partnership's Democratic Services: the pack did not build. The error stays on the meeting page (it
    may quote a Part 2 paper's name)."""
    meeting = build.meeting
    audience = "restricted (Part 2)" if build.restricted else "public"
    for person in democratic_services(meeting.partnership_id):
        outbox.send(
            to=person,
            subject=f"Agenda pack not built: {meeting.board}, {format_date(meeting.starts_at, 'j F Y')}",
            body=f"The {audience} agenda pack for the meeting on {when(meeting)} could not be built.\n\n"
            f"The meeting page says why and can build it again: {outbox.absolute(meeting.get_absolute_url())}",
            kind=MessageKind.PACK_FAILED,
            partnership=meeting,
            key=f"pack-failed:{build.pk}:{person.pk}",
        )


def meeting_called_off(meeting):
    """To the board's members on the day: the meeting is cancelled or postponed (boards/announcements.py says
    who and in what words, none of them from the agenda)."""
    announcement = announcements.meeting_cancelled(meeting)
    for person in announcement.recipients:
        outbox.send(
            to=person, subject=announcement.subject, body=announcement.body, kind=MessageKind.MEETING_CALLED_OFF,
            partnership=meeting, key=f"called-off:{meeting.pk}:{meeting.status}:{meeting.postponed_to}:{person.pk}",
        )  # fmt: skip
