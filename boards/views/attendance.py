"""Recording who attended: members' attendance, alternates, others also present, and declarations."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from boards import access, attendance
from boards.forms import AlsoPresentForm, AlternateForm, AttendanceForm, DeclarationForm
from boards.models import Attendance, Meeting
from sbp import locking
from sbp.permissions import refuse
from sbp.roles import RECORD_KEEPERS

FORMS = {"members": AttendanceForm, "alternate": AlternateForm, "also_present": AlsoPresentForm}


def record_attendance(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_edit(request.user, meeting):
        return refuse(request, "record attendance", who=RECORD_KEEPERS)
    members = list(meeting.board.memberships.current_on(meeting.starts_at.date()).select_related("person"))
    which = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "members": AttendanceForm(request.POST if which == "members" else None, meeting=meeting, members=members),
        "alternate": AlternateForm(request.POST if which == "alternate" else None, members=members),
        "also_present": AlsoPresentForm(request.POST if which == "also_present" else None),
    }
    if (
        which in forms
        and forms[which].is_valid()
        and locking.saved(lambda: save_attendance(meeting, which, forms[which]))
    ):
        messages.success(request, "Attendance saved.")
        return redirect("attendance", meeting.pk)
    context = {
        "meeting": meeting,
        "forms": forms,
        "attendances": attendance.in_minutes_order(meeting.attendances.select_related("person", "alternate_for")),
        "quorum": attendance.quorum(meeting),
    }
    return render(request, "boards/attendance.html", context, status=locking.status(forms["members"]))


@transaction.atomic
def save_attendance(meeting, which, form):
    data = form.cleaned_data
    if which == "members":
        # Adding an alternate or someone also present adds a row; the grid rewrites everyone's status.
        locking.claim_for(form, meeting, field="attendance_version")
        for membership in form.members:
            person, status = membership.person, data[f"member_{membership.person_id}"]
            if status:
                # The role and place on the membership list decide the order the minutes print people in.
                defaults = {"status": status, "role": membership.role, "position": membership.position}
                Attendance.objects.update_or_create(meeting=meeting, person=person, defaults=defaults)
            else:
                Attendance.objects.filter(meeting=meeting, person=person, alternate_for__isnull=True).delete()
    elif which == "alternate":
        Attendance.objects.update_or_create(
            meeting=meeting,
            person=data["person"],
            defaults={"status": "present", "alternate_for": data["alternate_for"], "capacity": data["capacity"]},
        )
    else:
        Attendance.objects.update_or_create(
            meeting=meeting, person=data["person"], defaults={"status": "also_present", "capacity": data["capacity"]}
        )


def add_declaration(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_edit(request.user, meeting):
        return refuse(request, "record declarations of interest", who=RECORD_KEEPERS)
    form = DeclarationForm(request.POST or None, meeting=meeting)
    if form.is_valid():
        declaration = form.save(commit=False)
        declaration.meeting = meeting
        declaration.save()
        messages.success(request, "Declaration of interest recorded.")
        return redirect("meeting-detail", meeting.pk)
    return render(request, "boards/declaration_form.html", {"form": form, "meeting": meeting})
