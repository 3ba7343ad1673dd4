"""Adding, editing, moving and removing agenda items."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from boards import access, agenda, redaction
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
    reader = access.reader(request.user, meeting)
    places = agenda.places(list(meeting.agenda_items.order_by("position")))
    form = AgendaItemForm(
        request.POST or None,
        request.FILES or None,
        places=places,
        shown=lambda item: redaction.item(reader, item),
        partnership=meeting.board.partnership_id,
    )
    if form.is_valid():
        try:
            item = agenda.add(meeting, form.save(commit=False), form.chosen_place())
        except agenda.TooManySubItems as refused:
            form.add_error("place", str(refused))
        else:
            messages.success(request, f"Item {item.reference} added.")
            return redirect(f"{meeting.get_absolute_url()}#agenda")
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


def remove_item(request, pk):
    """Asks first, on a page that lists what goes (the item, its sub-items, their papers); the POST removes."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=pk)
    if not access.can_edit(request.user, item):
        return refuse(request, "remove agenda items", who=RECORD_KEEPERS)
    going = agenda.removal(list(item.meeting.agenda_items.order_by("position")), item)
    if agenda.minuted(going):
        messages.error(request, "This item has minutes, so it stays on the agenda: the minutes are the record of it.")
        return redirect(f"{item.meeting.get_absolute_url()}#agenda")
    if request.method == "POST":
        gone = agenda.remove(item)
        if gone:
            messages.success(request, f"{removed_words(gone)} removed and the agenda renumbered.")
        else:
            messages.info(request, f"Item {item.reference} had already been removed.")
        return redirect(f"{item.meeting.get_absolute_url()}#agenda")
    reader = access.reader(request.user, item)
    context = {"item": redaction.item(reader, item), "meeting": item.meeting,
               "going": [shown(reader, row) for row in going],
               "published": item.meeting.agenda_published_at is not None}  # fmt: skip
    return render(request, "boards/remove_agenda_item.html", context)


def shown(reader, row):
    """An item going, and its papers, as the reader may see them."""
    return redaction.item(reader, row), agenda.papers_of(row) if redaction.shows_papers(reader, row) else []


def removed_words(gone):
    references = [row.reference for row in gone]
    return f"Item {references[0]}" + (f" and its sub-items {', '.join(references[1:])}" if len(gone) > 1 else "")


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
