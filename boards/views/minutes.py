"""Writing minutes with their resolutions and actions, circulating, approving and amending them."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from boards import access, minutes, notices
from boards.forms import (
    ActionFormSet,
    AmendmentForm,
    ApproveMinutesForm,
    MinuteForm,
    ResolutionFormSet,
    with_another,
)
from boards.models import Meeting, Minute
from sbp import locking
from sbp.history import history_of
from sbp.permissions import refuse
from sbp.roles import RECORD_KEEPERS, RoleName


def add_minute(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_edit(request.user, meeting):
        return refuse(request, "write minutes", who=RECORD_KEEPERS)
    if meeting.are_minutes_approved:
        return locked(request, meeting)
    return edit_form(request, meeting, Minute(meeting=meeting, number=minutes.next_number(meeting)))


def locked(request, meeting):
    """Back to approved minutes, saying why they cannot change and how a correction is made."""
    messages.info(
        request,
        format_html(
            "These minutes are approved as a correct record, so they cannot change. To correct one, "
            '<a class="govuk-notification-banner__link" href="{}">record an amendment</a> from the minute it corrects.',
            f"{meeting.get_absolute_url()}#minutes",
        ),
    )
    return redirect(f"{meeting.get_absolute_url()}#minutes")


def edit_minute(request, pk):
    minute = get_object_or_404(Minute.objects.select_related("meeting__board"), pk=pk)
    if not access.can_edit(request.user, minute):
        return refuse(request, "edit minutes", who=RECORD_KEEPERS)
    if minute.meeting.are_minutes_approved:
        messages.info(request, "These minutes are approved as a correct record: record an amendment instead.")
        return redirect("amend-minute", minute.pk)
    return edit_form(request, minute.meeting, minute)


ADD_ANOTHER = ("resolutions", "actions")


def edit_form(request, meeting, minute):
    data = request.POST if request.method == "POST" else None
    adding = data is not None and data.get("add") in ADD_ANOTHER
    if adding:  # "Add another ..." without JavaScript: the same page, all the typing kept, one more empty row
        data = with_another(data, data["add"])
    form = MinuteForm(data, instance=minute, meeting=meeting)
    resolutions = ResolutionFormSet(data, instance=minute, prefix="resolutions")
    actions = ActionFormSet(data, instance=minute, prefix="actions")
    valid = data is not None and not adding and form.is_valid() and resolutions.is_valid() and actions.is_valid()
    if valid and locking.saved(lambda: save_all(form, resolutions, actions)):
        messages.success(request, f"Minute {minute.reference} saved.")
        return redirect(f"{meeting.get_absolute_url()}#minute-{minute.pk}")
    context = {
        "form": form,
        "resolutions": resolutions,
        "actions": actions,
        "meeting": meeting,
        "minute": minute,
        "history": history_of(minute) if minute.pk else [],
        "adding": data["add"] if adding else "",
    }
    return render(request, "boards/minute_form.html", context, status=locking.status(form, actions))


@transaction.atomic
def save_all(form, resolutions, actions):
    """The minute, its resolutions and its actions are saved together or not at all."""
    minute = minutes.save(form)
    resolutions.instance = actions.instance = minute
    resolutions.save()
    actions.save()
    notices.actions_assigned(actions.new_objects)
    minutes.number_resolutions(minute)


@require_POST
def circulate(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_edit(request.user, meeting):
        return refuse(request, "circulate minutes", who=RECORD_KEEPERS)
    try:
        minutes.circulate(meeting)
        notices.minutes_circulated(meeting)
    except minutes.MinutesLocked:
        return locked(request, meeting)
    messages.success(request, "The minutes are marked as circulated.")
    return redirect("meeting-detail", meeting.pk)


def approve(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_publish_and_approve(request.user, meeting):
        return refuse(request, "approve minutes", who=(RoleName.DEMOCRATIC_SERVICES,))
    form = ApproveMinutesForm(request.POST or None, meeting=meeting)
    if form.is_valid():
        minutes.approve(meeting, form.cleaned_data["at_meeting"])
        messages.success(request, "The minutes are approved as a correct record, and locked.")
        return redirect("meeting-detail", meeting.pk)
    return render(request, "boards/approve_minutes.html", {"form": form, "meeting": meeting})


def amend(request, pk):
    minute = get_object_or_404(Minute.objects.select_related("meeting__board"), pk=pk)
    if not access.can_edit(request.user, minute):
        return refuse(request, "record amendments to minutes", who=RECORD_KEEPERS)
    form = AmendmentForm(request.POST or None)
    if form.is_valid():
        minutes.amend(minute, form.cleaned_data["text"], form.cleaned_data["reason"], request.user, timezone.now())
        messages.success(request, "The amendment is recorded beside the approved minute.")
        return redirect("meeting-detail", minute.meeting_id)
    return render(request, "boards/amend_minute.html", {"form": form, "minute": minute})
