"""The actions register and each action: updates, closing, re-assigning."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django_tables2 import RequestConfig

from boards import access
from boards.filters import ActionFilter
from boards.forms import ActionForm, ActionUpdateForm, CloseActionForm
from boards.models import Action
from boards.tables import ActionTable
from sbp import locking
from sbp.history import history_of
from sbp.permissions import refuse
from sbp.roles import BOARD_READERS, RECORD_KEEPERS
from sbp.tables import BoundedPaginator, export_response


def register(request):
    if not access.can_see_actions(request.user):
        return refuse(request, "see the actions register", who=BOARD_READERS)
    actions = access.visible_actions(request.user, Action.objects.register())
    meetings = access.meetings_with_actions_for(request.user)
    filters = ActionFilter(request.GET or None, queryset=actions, meetings=meetings)
    table = ActionTable(filters.qs, today=timezone.localdate())
    if request.GET.get("_export"):
        RequestConfig(request, paginate=False).configure(table)  # sorted as on screen, every row
        if download := export_response(request, table, "actions"):
            return download
    RequestConfig(request, paginate={"per_page": 25, "paginator_class": BoundedPaginator}).configure(table)
    return render(request, "boards/actions_register.html", {"table": table, "filters": filters})


def action_detail(request, pk):
    action = get_object_or_404(Action.objects.register(), pk=pk)
    if not access.can_see_action(request.user, action):
        return refuse(request, "see this action", who=access.action_readers(action))
    context = {
        "action": action,
        "updates": action.updates.select_related("for_meeting", "author"),
        "history": history_of(action),
        "can_update": access.can_update_action(request.user, action),
        "can_edit": access.can_edit(request.user, action),
        "today": timezone.localdate(),
    }
    return render(request, "boards/action_detail.html", context)


def add_update(request, pk):
    action = get_object_or_404(Action.objects.select_related("minute__meeting__board", "minute__agenda_item"), pk=pk)
    if not access.can_see_action(request.user, action):
        return refuse(request, "see this action", who=access.action_readers(action))
    if not access.can_update_action(request.user, action):
        return refuse(request, "add an update to this action", who=(*RECORD_KEEPERS, "the partner that owns it"))
    form = ActionUpdateForm(request.POST or None, action=action)
    if form.is_valid():
        update = form.save(commit=False)
        update.action, update.written_on = action, timezone.localdate()
        update.author = getattr(request.user, "person", None)
        update.save()
        messages.success(request, "Update recorded.")
        return redirect("action-detail", action.pk)
    return render(
        request,
        "boards/action_form.html",
        {"form": form, "action": action, "heading": "Add an update", "saved_description": action.description},
    )


def close(request, pk):
    action = get_object_or_404(Action.objects.select_related("minute__meeting__board"), pk=pk)
    described = action.description  # as saved: binding the form puts the typing on `action`
    if not access.can_edit(request.user, action):
        return refuse(request, "close actions", who=RECORD_KEEPERS)
    form = CloseActionForm(request.POST or None, instance=action, today=timezone.localdate())
    if form.is_valid():
        form.instance.closed_by = request.user
        if locking.saved(form.save):
            messages.success(request, "Action closed.")
            return redirect("action-detail", action.pk)
    context = {"form": form, "action": action, "heading": "Close this action", "saved_description": described}
    return render(request, "boards/action_form.html", context, status=locking.status(form))


def edit(request, pk):
    action = get_object_or_404(Action.objects.select_related("minute__meeting__board"), pk=pk)
    described = action.description  # as saved: binding the form puts the typing on `action`
    if not access.can_edit(request.user, action):
        return refuse(request, "edit or re-assign actions", who=RECORD_KEEPERS)
    form = ActionForm(request.POST or None, instance=action)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, "Action saved.")
        return redirect("action-detail", action.pk)
    context = {"form": form, "action": action, "heading": "Edit or re-assign", "saved_description": described}
    return render(request, "boards/action_form.html", context, status=locking.status(form))
