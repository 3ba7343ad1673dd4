"""Pages for boards and meetings. Each view: check permission, fetch through a named query, render."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from boards import access
from boards.models import Action, Board, Meeting


def home(request):
    now = timezone.now()
    meetings = access.visible_meetings(request.user, Meeting.objects.select_related("board"))
    return render(
        request,
        "boards/home.html",
        {
            "boards": Board.objects.all(),
            "upcoming": meetings.upcoming(now),
            "past": meetings.past(now),
        },
    )


def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.with_business(), pk=pk)
    if not access.can_view_meeting(request.user, meeting):
        raise PermissionDenied
    show_minutes = access.can_view_minutes(request.user, meeting)
    return render(
        request,
        "boards/meeting_detail.html",
        {
            "meeting": meeting,
            "sees_exempt": access.sees_exempt_business(request.user),
            "show_minutes": show_minutes,
            "matters_arising": Action.objects.outstanding_for(meeting).prefetch_related("updates"),
            "members": meeting.board.memberships.current_on(meeting.starts_at.date()).select_related("person"),
            "today": timezone.localdate(),
        },
    )
