"""The board members' quarterly dashboard, one per partnership."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django_tables2 import RequestConfig

from boards import access, dashboard
from boards.tables import PoliceFiguresTable
from sbp.models import Partnership
from sbp.permissions import refuse
from sbp.roles import BOARD_READERS, partnerships_where
from sbp.tables import export_response
from strategy.quarters import Quarter


def choose(request):
    """/dashboard/: the dashboard of the user's only partnership, or a choice of theirs."""
    if not access.can_see_actions(request.user):
        return refuse(request, "see the dashboard", who=BOARD_READERS)
    partnerships = list(Partnership.objects.filter(pk__in=partnerships_where(request.user, *BOARD_READERS)))
    if len(partnerships) == 1:
        return redirect("partnership-dashboard", partnerships[0].slug)
    return render(request, "boards/dashboard_choice.html", {"partnerships": partnerships})


def latest(request, partnership):
    partnership = get_object_or_404(Partnership, slug=partnership)
    if not access.can_see_dashboard(request.user, partnership):
        return refuse(request, f"see the dashboard of {partnership.name}", who=BOARD_READERS)
    quarter = dashboard.latest_quarter(partnership=partnership)
    if quarter is None:
        return render(request, "boards/dashboard_empty.html", {"partnership": partnership})
    return redirect("dashboard-quarter", partnership.slug, quarter.year_slug, quarter.slug)


def quarterly(request, partnership, year, quarter):
    partnership = get_object_or_404(Partnership, slug=partnership)
    if not access.can_see_dashboard(request.user, partnership):
        return refuse(request, f"see the dashboard of {partnership.name}", who=BOARD_READERS)
    try:
        chosen = Quarter.from_slugs(year, quarter)
    except ValueError as error:
        raise Http404(str(error)) from error
    board = dashboard.build(chosen, access.reader(request.user, partnership), partnership=partnership)
    table = PoliceFiguresTable(board.crime)
    if download := export_response(request, table, f"police-figures-{chosen.year_slug}-{chosen.slug}"):
        return download
    RequestConfig(request, paginate=False).configure(table)
    context = {"board": board, "police_table": table, "partnership": partnership}
    return render(request, "boards/dashboard.html", context)
