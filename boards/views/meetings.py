"""The public and member-facing pages: home, a meeting, and creating and publishing meetings."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from boards import access, agenda, attendance, cycle, notices, schedule, structured_data, tasks
from boards.forms import CallOffForm, NewMeetingForm, NextMeetingForm
from boards.models import Board, Meeting
from sbp import data_version
from sbp.models import Partnership
from sbp.permissions import refuse
from sbp.roles import BOARD_READERS, RECORD_KEEPERS, RoleName
from strategy import access as strategy_access
from strategy.quarters import Quarter

# The home page lists this many of each board's latest past meetings; the rest are in the archive.
RECENT = 3
# A meeting page shows this many of its matters arising, oldest first; the register lists them all, and the
# pack's Appendix A prints them all.
MATTERS_ARISING_SHOWN = 50


def home(request):
    """What the service is, where to start, and every board with its next and recent meetings: the published
    ones for everyone, drafts for the partnership's own readers, in the same queries however many boards."""
    now = timezone.now()
    meetings = access.visible_meetings(request.user, Meeting.objects.select_related("board"))
    upcoming, past = {}, {}
    for meeting in meetings.upcoming(now):
        upcoming.setdefault(meeting.board_id, []).append(meeting)
    # Each board's latest few, and whether there are more, in one query for every board.
    latest = Window(RowNumber(), partition_by="board_id", order_by=F("starts_at").desc())
    for meeting in meetings.past(now).annotate(latest=latest).filter(latest__lte=RECENT + 1):
        past.setdefault(meeting.board_id, []).append(meeting)
    partnerships = []
    for partnership in Partnership.objects.prefetch_related("boards"):
        boards = [
            board_meetings(board, upcoming.get(board.pk, []), past.get(board.pk, []))
            for board in partnership.boards.all()
        ]
        partnerships.append({"partnership": partnership, "boards": boards})
    context = {
        "partnerships": partnerships,
        "boards_to_start": access.boards_to_start(request.user, Board.objects.all()),
        "reads_boards": access.can_see_actions(request.user),
        # The quarter whose returns are being gathered now, for those who make them.
        "returns_quarter": Quarter.containing(timezone.localdate())
        if strategy_access.partnerships_submitted_to(request.user)
        else None,
    }
    return render(request, "boards/home.html", context)


def board_meetings(board, upcoming, past):
    """`past`: the board's latest RECENT + 1 past meetings, newest first, the last only telling there are more."""
    return {"board": board, "upcoming": upcoming, "past": past[:RECENT], "more_past": len(past) > RECENT}


def archive(request):
    """Every meeting the reader may see, newest first, a page at a time; one partnership's with ?partnership=."""
    meetings = access.visible_meetings(request.user, Meeting.objects.select_related("board")).order_by("-starts_at")
    # Only a slug is looked up: anything else (a NUL byte, which PostgreSQL refuses in text) names no partnership.
    wanted = request.GET.get("partnership", "")
    partnership = Partnership.objects.filter(slug=wanted).first() if slug_re.match(wanted) else None
    if partnership:
        meetings = meetings.of(partnership)
    page = Paginator(meetings, 25).get_page(request.GET.get("page"))
    boards = sorted({meeting.board for meeting in page.object_list}, key=lambda board: board.name)
    return render(request, "boards/archive.html", {"page": page, "partnership": partnership, "boards": boards})


def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.with_business(), pk=pk)
    if not access.can_view_meeting(request.user, meeting):
        return refuse(request, "see a meeting before its agenda is published", who=BOARD_READERS)
    arising = access.matters_arising(request.user, meeting)
    return render(
        request,
        "boards/meeting_detail.html",
        {
            "meeting": meeting,
            "record": access.meeting_record(request.user, meeting),
            "can_download_restricted": access.can_download_pack(request.user, meeting, restricted=True),
            "can_edit": access.can_edit(request.user, meeting),
            "can_call_off": schedule.can_be_called_off(meeting),
            "minutes_are_draft": meeting.minutes_status == Meeting.MinutesStatus.DRAFT,
            "can_publish": access.can_publish_and_approve(request.user, meeting),
            "matters_arising": arising[:MATTERS_ARISING_SHOWN],
            "matters_arising_count": arising.count,  # called by the template only when it draws them afresh
            "reader": access.reader(request.user, meeting),
            "data_version": data_version.current(),
            "members": meeting.board.memberships.current_on(meeting.starts_at.date()).select_related("person"),
            "quorum": attendance.quorum(meeting),
            "pack_publications": list(
                tasks.published(meeting, restricted=False).values_list("published_at", flat=True)
            ),
            "today": timezone.localdate(),
            "held": meeting.has_been_held(timezone.now()),
            "event_json_ld": structured_data.json_ld(meeting),  # None until the meeting is public
        },
    )


def next_meeting(request, pk):
    previous = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_edit(request.user, previous):
        return refuse(request, "create meetings", who=RECORD_KEEPERS)
    form = NextMeetingForm(request.POST or None, board=previous.board, after=previous.starts_at)
    if form.is_valid():
        data = form.cleaned_data
        meeting = agenda.create_next_meeting(previous, form.starts_at(), data["venue"], data["mode"], data["web_link"])
        messages.success(request, "Meeting created with the standing items of the last agenda.")
        return redirect("meeting-detail", meeting.pk)
    # A postponed meeting's new date, else the date the board's cycle gives.
    proposed = timezone.localtime(previous.postponed_to or cycle.proposed_start(previous.board, previous.starts_at))
    if not form.is_bound:
        form.initial.update(venue=previous.venue, mode=previous.mode, web_link=previous.web_link,
                            date=proposed.date(), time=proposed.time())  # fmt: skip
    return render(request, "boards/next_meeting.html", {"form": form, "previous": previous, "proposed": proposed})


def new_meeting(request, slug):
    """A meeting made from scratch: a board's first, with the default standing items if wanted."""
    board = get_object_or_404(Board, slug=slug)
    if not access.can_edit(request.user, board):
        return refuse(request, "create meetings", who=RECORD_KEEPERS)
    form = NewMeetingForm(request.POST or None, board=board)
    if form.is_valid():
        meeting = agenda.create_meeting(form.meeting(), form.cleaned_data["standing_items"])
        messages.success(request, "Meeting created.")
        return redirect("meeting-detail", meeting.pk)
    return render(request, "boards/new_meeting.html", {"form": form, "board": board})


def call_off(request, pk, status):
    """Cancel or postpone a meeting: it stays on record, marked, and its members are told (boards.announcements)."""
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    postponing = status == Meeting.Status.POSTPONED
    if not access.can_edit(request.user, meeting):
        return refuse(request, "postpone meetings" if postponing else "cancel meetings", who=RECORD_KEEPERS)
    form = CallOffForm(request.POST or None, meeting=meeting, postponing=postponing)
    if not schedule.can_be_called_off(meeting):
        messages.error(request, f"This meeting is {meeting.get_status_display().lower()}: it cannot be called off.")
        return redirect("meeting-detail", meeting.pk)
    if form.is_valid():
        if schedule.call_off(meeting, status, form.cleaned_data["reason"], timezone.now(), form.postponed_to()):
            meeting.refresh_from_db()  # call_off wrote its own locked copy: announce what it recorded
            notices.meeting_called_off(meeting)
            messages.success(request, f"The meeting is {Meeting.Status(status).label.lower()}.")
        else:
            messages.error(request, "Someone else changed this meeting first: it was not called off.")
        return redirect("meeting-detail", meeting.pk)
    return render(request, "boards/call_off.html", {"form": form, "meeting": meeting, "postponing": postponing})


def publish_agenda(request, pk):
    """GET says what publishing does (who will see what, what is fixed from then on); the POST publishes."""
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_publish_and_approve(request.user, meeting):
        return refuse(request, "publish agendas", who=(RoleName.DEMOCRATIC_SERVICES,))
    if meeting.is_called_off:
        messages.error(request, f"This meeting is {meeting.get_status_display().lower()}: its agenda is not published.")
        return redirect("meeting-detail", meeting.pk)
    if meeting.agenda_published_at:
        messages.info(request, "The agenda is already published.")
        return redirect("meeting-detail", meeting.pk)
    if request.method != "POST":
        items = list(meeting.agenda_items.all())
        context = {
            "meeting": meeting,
            "items": len(items),
            "exempt_items": sum(item.is_exempt for item in items),
            "emailed": len(notices.agenda_recipients(meeting)),
        }
        return render(request, "boards/publish_agenda.html", context)
    if not agenda.publish(meeting, timezone.now()):
        messages.info(request, "The agenda is already published.")
        return redirect("meeting-detail", meeting.pk)
    notices.agenda_published(meeting)
    messages.success(request, "The agenda is published.")
    return redirect("meeting-detail", meeting.pk)


@require_POST
def publish_revised_pack(request, pk):
    """After a published agenda's papers change: publish the packs as they now stand, or say nothing changed."""
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_publish_and_approve(request.user, meeting):
        return refuse(request, "publish agenda packs", who=(RoleName.DEMOCRATIC_SERVICES,))
    if not meeting.agenda_published_at:
        messages.error(request, "Publish the agenda first: its pack is published with it.")
    elif tasks.publish_packs(meeting, timezone.now()):
        messages.success(request, "A revised agenda pack is published. Until it is built, the earlier one is served.")
    else:
        messages.success(request, "The papers have not changed since the pack was published: nothing to revise.")
    return redirect("meeting-detail", meeting.pk)
