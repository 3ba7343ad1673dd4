"""Small factories for tests that need more business than the demo holds: tenfold data for query budgets, and a
second partnership (B) beside the demo's (A)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.core.files.base import ContentFile
from weasyprint import HTML

from boards.models import Action, ActionUpdate, AgendaItem, Attendance, Board, Meeting, Minute, PackBuild, Part
from sbp.models import Organisation, Partnership, PartnershipRole, Person
from sbp.roles import RoleName
from strategy.models import Priority, ProgressUpdate, Strategy
from strategy.quarters import Quarter


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


def grow_attendance(board, meetings):
    """Earlier held meetings of the board, their minutes approved, each with every member's attendance (present,
    present virtually, apologies or absent in turn) and an alternate: a board's record over the years."""
    members = list(board.memberships.filter(end_date__isnull=True).select_related("person"))
    approver = board.meetings.order_by("-starts_at").first()
    first = Meeting.objects.count()  # so that a second call adds meetings on other dates
    statuses = [Attendance.Status.PRESENT, Attendance.Status.PRESENT_VIRTUALLY, Attendance.Status.APOLOGIES,
                Attendance.Status.ABSENT]  # fmt: skip
    for n in range(first, first + meetings):
        meeting = Meeting.objects.create(
            board=board,
            starts_at=datetime(2000, 1, 1, 10, tzinfo=UTC) + timedelta(days=30 * n),
            status=Meeting.Status.HELD,
            minutes_status=Meeting.MinutesStatus.APPROVED,
            minutes_approved_by=approver,
        )
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, person=m.person, status=statuses[(n + i) % 4]) for i, m in enumerate(members)
        )
        stand_in, absent = Person.objects.get_or_create(name="Regular Alternate")[0], members[-1].person
        Attendance.objects.filter(meeting=meeting, person=absent).update(status=Attendance.Status.APOLOGIES)
        Attendance.objects.create(meeting=meeting, person=stand_in, status="present", alternate_for=absent)


@dataclass
class OtherPartnership:
    """Partnership B beside the demo's: its own board, business and people, to prove that a role in one
    partnership opens nothing of another's."""

    partnership: object
    board: object
    published: object  # a published meeting with a Part 1 and a Part 2 item, each minuted with an action
    exempt_item: object
    draft: object  # a meeting whose agenda is not published
    action: object  # minuted under the Part 1 item
    exempt_action: object
    progress_update: object  # a partner return to B's strategy, 2021-22 Q1
    users: dict  # "b officer", "b member", "b partner", "a officer b member"


B_SECRET = "zqxB-secretzqx"  # in every text of B's Part 2 item and of its draft meeting, for the leak tests


def make_partnership_b():
    from tests.conftest import BROMLEY, make_user

    partnership = Partnership.objects.create(name="Safer Northfield Partnership", slug="safer-northfield")
    board = Board.objects.create(partnership=partnership, name="Safer Northfield Partnership Board", slug="snpb")
    starts = datetime(2021, 6, 10, 10, 0, tzinfo=UTC)
    published = Meeting.objects.create(
        board=board, starts_at=starts, status=Meeting.Status.PUBLISHED, agenda_published_at=starts - timedelta(days=7)
    )
    open_item = AgendaItem.objects.create(meeting=published, number=1, position=1, title="Northfield open business")
    exempt_item = AgendaItem.objects.create(
        meeting=published, number=2, position=2, title=f"Northfield exempt {B_SECRET}", context=B_SECRET,
        part=Part.EXEMPT, exempt_reason="Information relating to an individual",
    )  # fmt: skip
    paper = HTML(string=f"<p>Northfield paper {B_SECRET}</p>").write_pdf()  # a real PDF: packs merge it
    exempt_item.document.save("b-secret.pdf", ContentFile(paper))
    organisation = Organisation.objects.create(name="Northfield Homes")
    open_minute = Minute.objects.create(meeting=published, agenda_item=open_item, number=1, title="Open business")
    exempt_minute = Minute.objects.create(
        meeting=published, agenda_item=exempt_item, number=2, title=f"Exempt {B_SECRET}", text=B_SECRET
    )
    action = Action.objects.create(
        minute=open_minute,
        description="Northfield open action",
        action_by="NH",
        owner_organisation=organisation,
        due_date=starts.date(),
    )
    exempt_action = Action.objects.create(minute=exempt_minute, description=f"Exempt action {B_SECRET}", action_by="NH")
    draft = Meeting.objects.create(board=board, starts_at=datetime(2021, 9, 9, 10, 0, tzinfo=UTC))
    AgendaItem.objects.create(meeting=draft, number=1, position=1, title=f"Draft business {B_SECRET}")
    strategy = Strategy.objects.create(
        partnership=partnership, title="Northfield strategy", slug="northfield", starts_on=date(2021, 4, 1),
        ends_on=date(2024, 3, 31),
    )  # fmt: skip
    priority = Priority.objects.create(strategy=strategy, number=1, title="Northfield priority")
    progress_update = ProgressUpdate.objects.create(
        priority=priority, partner=organisation, financial_year=2021, quarter=1, narrative=f"Return {B_SECRET}"
    )
    bromley = Partnership.objects.get(slug=BROMLEY)
    users = {
        "b officer": make_user("b-officer", RoleName.OFFICER, partnership=partnership),
        "b member": make_user("b-member", RoleName.BOARD_MEMBER, partnership=partnership),
        "b partner": make_user("b-partner", RoleName.PARTNER, partnership=partnership),
        "a officer b member": make_user("a-officer-b-member", RoleName.OFFICER, partnership=bromley),
    }
    PartnershipRole.objects.create(
        user=users["a officer b member"], partnership=partnership, role=RoleName.BOARD_MEMBER
    )
    Person.objects.create(name="Pat Northfield", organisation=organisation, user=users["b partner"])
    return OtherPartnership(partnership, board, published, exempt_item, draft, action, exempt_action,
                            progress_update, users)  # fmt: skip


def make_public_meeting(board, starts_at, **fields):
    """A meeting of `board` whose agenda was published a week before it: what the public calendars and feeds
    list."""
    fields = {"status": Meeting.Status.PUBLISHED, "agenda_published_at": starts_at - timedelta(days=7)} | fields
    return Meeting.objects.create(board=board, starts_at=starts_at, **fields)


def make_published_figures(meeting):
    """A published public pack of `meeting` holding the police lines its quarter's dashboard shows, kept as a
    build keeps them (boards.printed_figures), without laying out a PDF: for tests of who reads a published
    quarter's figures, not of the pack (tests/boards/test_published_figures.py builds real ones)."""
    from boards import dashboard, printed_figures, redaction

    quarter = Quarter.containing(meeting.starts_at.date())
    shown = dashboard.build(quarter, redaction.PUBLIC, meeting.board.partnership)
    return PackBuild.objects.create(
        meeting=meeting, restricted=False, content_hash="published-figures", status=PackBuild.Status.READY,
        requested_at=meeting.agenda_published_at, published_at=meeting.agenda_published_at,
        printed_figures=printed_figures.freeze(shown),
    )  # fmt: skip
