"""Attendance rules: who counts towards the quorum."""

from dataclasses import dataclass

from boards.models import Attendance


@dataclass(frozen=True)
class Quorum:
    members_present: int
    required: int | None

    @property
    def is_quorate(self):
        """None when the board sets no quorum: the question does not arise."""
        return None if self.required is None else self.members_present >= self.required


def quorum(meeting):
    """Members present in person or virtually, and alternates sitting for a member, count; 'also present' do not."""
    present = meeting.attendances.filter(status__in=Attendance.PRESENT_STATUSES)
    members = meeting.board.memberships.current_on(meeting.starts_at.date()).values("person")
    counted = present.filter(person__in=members).count() + present.filter(alternate_for__in=members).count()
    return Quorum(members_present=counted, required=meeting.board.quorum)
