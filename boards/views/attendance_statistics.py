"""The attendance statistics of a board over a period: people, organisations and meetings, with CSV downloads.

Open to everyone: it counts only the meetings whose attendance the reader may see (boards.access), so the public
count the meetings whose approved minutes print it.
"""

from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from boards import access, attendance_stats
from boards.forms import AttendancePeriodForm
from boards.models import Board
from boards.tables import AttendanceByMeetingTable, AttendanceByOrganisationTable, AttendanceByPersonTable
from sbp import charts
from sbp.tables import export_response

TABLES = {
    "people": AttendanceByPersonTable,
    "organisations": AttendanceByOrganisationTable,
    "meetings": AttendanceByMeetingTable,
}


def statistics(request, slug):
    board = get_object_or_404(Board.objects.select_related("partnership"), slug=slug)
    today = timezone.localdate()
    form = AttendancePeriodForm(request.GET, today=today)
    context = {"board": board, "form": form, "choices": period_choices(today)}
    if not form.is_valid():
        return render(request, "boards/attendance_statistics.html", context, status=400)
    period = form.cleaned_data["period"]
    stats = attendance_stats.statistics(board, access.meetings_with_attendance_for(request.user, board), period)
    tables = {name: table(getattr(stats, name)) for name, table in TABLES.items()}
    if request.GET.get("_export"):
        if (wanted := request.GET.get("table", "people")) not in tables:
            return HttpResponseBadRequest("Choose table=people, organisations or meetings to download.")
        if download := export_response(request, tables[wanted], f"attendance-{wanted}-{period.start}-{period.end}"):
            return download
    context |= {"period": period, "stats": stats, "tables": tables, "chart": chart(stats.people)}
    return render(request, "boards/attendance_statistics.html", context)


def chart(people):
    """The members' percentages as bars; people never expected have no percentage and no bar."""
    shown = [row for row in people if row.percent_attended is not None]
    return charts.percentages(
        "Meetings attended in person or virtually",
        [row.person.name for row in shown],
        [row.percent_attended for row in shown],
        "% of the meetings expected",
    )


def period_choices(today):
    return [
        ("The last 12 months", attendance_stats.Period.last_twelve_months(today)),
        ("This financial year", attendance_stats.Period.financial_year(today)),
        ("Last financial year", attendance_stats.Period.previous_financial_year(today)),
    ]
