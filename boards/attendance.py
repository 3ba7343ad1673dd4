"""Attendance rules: the order the minutes list people in, and who counts towards the quorum."""

from dataclasses import dataclass

from boards.models import Attendance, Role

CHAIR_FIRST = {Role.CHAIRMAN: 0, Role.VICE_CHAIRMAN: 1}
# The seed's minutes print "Present:", then "Also Present:"; apologies come in the apologies minute.
STATUS_ORDER = [
    Attendance.Status.PRESENT, Attendance.Status.PRESENT_VIRTUALLY, Attendance.Status.ALSO_PRESENT,
    Attendance.Status.APOLOGIES, Attendance.Status.ABSENT,
]  # fmt: skip


def in_minutes_order(attendances):
    """As the minutes print them: grouped by status in the order present, present virtually, also present,
    apologies, absent; within each, the Chairman, then the Vice-Chairman, then the rest as recorded (position,
    name)."""
    statuses = STATUS_ORDER
    return sorted(
        attendances,
        key=lambda a: (statuses.index(a.status), CHAIR_FIRST.get(a.role, 2), a.position, a.person.name),
    )


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
