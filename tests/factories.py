"""Small factories for tests that need more business than the demo holds (query budgets at tenfold data)."""

from datetime import timedelta

from boards.models import Action, ActionUpdate, AgendaItem, Attendance, Meeting, Minute
from sbp.models import Organisation, Person


def grow_business(before, meetings, actions_each):
    """Earlier meetings of `before`'s board, each with a minuted item, open actions owned by a person and an
    organisation, an update on each action for `before`, and an attendance row: what a busy board accumulates."""
    person = Person.objects.order_by("pk").first()
    organisation = Organisation.objects.order_by("pk").first()
    first = Meeting.objects.count()  # so that a second call adds meetings on other dates, minutes with other numbers
    for n in range(first, first + meetings):
        meeting = Meeting.objects.create(
            board=before.board,
            starts_at=before.starts_at - timedelta(days=3650 + 30 * n),
            status=Meeting.Status.PUBLISHED,
            agenda_published_at=before.starts_at - timedelta(days=3660 + 30 * n),
            minutes_status=Meeting.MinutesStatus.CIRCULATED,
        )
        item = AgendaItem.objects.create(meeting=meeting, number=1, position=1, title=f"Business {n}")
        minute = Minute.objects.create(meeting=meeting, agenda_item=item, number=1000 + n, title=f"Business {n}")
        Attendance.objects.create(meeting=meeting, person=person, status=Attendance.Status.PRESENT)
        actions = Action.objects.bulk_create(
            Action(
                minute=minute,
                description=f"Action {n}.{a}",
                action_by="SB",
                owner_person=person,
                owner_organisation=organisation,
                due_date=before.starts_at.date(),
            )
            for a in range(actions_each)
        )
        ActionUpdate.objects.bulk_create(
            ActionUpdate(action=action, for_meeting=before, written_on=before.starts_at.date(), text="Going well.")
            for action in actions
        )
