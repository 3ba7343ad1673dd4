"""The board members' quarterly dashboard."""

from django.http import Http404
from django.shortcuts import redirect, render
from django_tables2 import RequestConfig

from boards import access, dashboard
from boards.tables import PoliceFiguresTable
from sbp.permissions import refuse
from sbp.roles import BOARD_READERS
from sbp.tables import export_response
from strategy.quarters import Quarter


def latest(request):
    if not access.can_see_actions(request.user):
        return refuse(request, "see the dashboard", who=BOARD_READERS)
    quarter = dashboard.latest_quarter()
    if quarter is None:
        return render(request, "boards/dashboard_empty.html")
    return redirect("dashboard-quarter", quarter.year_slug, quarter.slug)


def quarterly(request, year, quarter):
    if not access.can_see_actions(request.user):
        return refuse(request, "see the dashboard", who=BOARD_READERS)
    try:
        chosen = Quarter.from_slugs(year, quarter)
    except ValueError as error:
        raise Http404(str(error)) from error
    board = dashboard.build(chosen, access.reader(request.user))
    table = PoliceFiguresTable(board.crime)
    if download := export_response(request, table, f"police-figures-{chosen.year_slug}-{chosen.slug}"):
        return download
    RequestConfig(request, paginate=False).configure(table)
    return render(request, "boards/dashboard.html", {"board": board, "police_table": table})
