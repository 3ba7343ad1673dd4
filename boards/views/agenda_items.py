"""Adding, editing, moving and removing agenda items."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boards import access, agenda
from boards.forms import AgendaItemForm, ReportForm
from boards.models import AgendaItem, Meeting, Report
from sbp import locking
from sbp.history import history_of
from sbp.permissions import refuse
from sbp.roles import RECORD_KEEPERS


def add_item(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_edit(request.user, meeting):
        return refuse(request, "add agenda items", who=RECORD_KEEPERS)
    form = AgendaItemForm(
        request.POST or None, request.FILES or None, adding=True, partnership=meeting.board.partnership_id
    )
    if form.is_valid():
        agenda.append(meeting, form.save(commit=False), form.cleaned_data["as_sub_item"])
        messages.success(request, "Agenda item added.")
        return redirect("meeting-detail", meeting.pk)
    return render(request, "boards/agenda_item_form.html", {"form": form, "meeting": meeting})


def edit_item(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=pk)
    if not access.can_edit(request.user, item):
        return refuse(request, "edit agenda items", who=RECORD_KEEPERS)
    form = AgendaItemForm(
        request.POST or None, request.FILES or None, instance=item, partnership=item.meeting.board.partnership_id
    )
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"Item {item.reference} saved.")
        return redirect("meeting-detail", item.meeting_id)
    context = {"form": form, "meeting": item.meeting, "item": item, "history": history_of(item)}
    return render(request, "boards/agenda_item_form.html", context, status=locking.status(form))


@require_POST
def move_item(request, pk, offset):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=pk)
    if not access.can_edit(request.user, item):
        return refuse(request, "move agenda items", who=RECORD_KEEPERS)
    agenda.move(item, offset)
    return redirect(f"{item.meeting.get_absolute_url()}#agenda")


@require_POST
def remove_item(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=pk)
    if not access.can_edit(request.user, item):
        return refuse(request, "remove agenda items", who=RECORD_KEEPERS)
    agenda.remove(item)
    messages.success(request, f"Item '{item.title}' removed and the agenda renumbered.")
    return redirect(f"{item.meeting.get_absolute_url()}#agenda")


def edit_report(request, pk):
    """Write or edit the report front sheet that goes with an agenda item (and into its pack)."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=pk)
    if not access.can_edit(request.user, item):
        return refuse(request, "write report front sheets", who=RECORD_KEEPERS)
    report = Report.objects.filter(agenda_item=item).first() or Report(
        agenda_item=item, title=item.title, part=item.part
    )
    form = ReportForm(request.POST or None, instance=report)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"Report front sheet for item {item.reference} saved.")
        return redirect(f"{item.meeting.get_absolute_url()}#agenda")
    return render(request, "boards/report_form.html", {"form": form, "item": item}, status=locking.status(form))
