"""Calling meetings off: cancelling or postponing one, kept on record and marked, never deleted."""

from django.db import transaction

from boards.models import Meeting

# A meeting can be called off until it is held; a postponed one can be postponed again (a new date) or cancelled.
CAN_BE_CALLED_OFF = (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED, Meeting.Status.POSTPONED)


def can_be_called_off(meeting):
    """Held and cancelled meetings stay as they are: the record of what happened."""
    return meeting.status in CAN_BE_CALLED_OFF


@transaction.atomic
def call_off(meeting, status, reason, when, postponed_to=None):
    """Mark the meeting cancelled or postponed (with the new date, if known), saying why and when. Returns False,
    changing nothing, if it was held or cancelled meanwhile. The row is locked so two officers calling it off at
    once record one decision, not two."""
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not can_be_called_off(current):
        return False
    current.status, current.called_off_reason, current.called_off_at = status, reason, when
    current.postponed_to = postponed_to if status == Meeting.Status.POSTPONED else None
    current.save(update_fields=["status", "called_off_reason", "called_off_at", "postponed_to"])
    return True
