"""The pages of email: the outbox Democratic Services and officers watch, and each person's choice of emails."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from sbp import outbox
from sbp.forms import EmailPreferencesForm
from sbp.models import OutboxMessage, Person
from sbp.permissions import refuse
from sbp.roles import RECORD_KEEPERS, has_role, has_role_anywhere, is_signed_in, partnerships_where
from sbp.tables import BoundedPaginator, OutboxTable


def outbox_page(request):
    """Every message of the partnerships where the user keeps the record, newest first."""
    if not has_role_anywhere(request.user, *RECORD_KEEPERS):
        return refuse(request, "see the outbox", who=RECORD_KEEPERS)
    sent = OutboxMessage.objects.filter(partnership__in=partnerships_where(request.user, *RECORD_KEEPERS))
    table = OutboxTable(sent.select_related("partnership"))
    RequestConfig(request, paginate={"per_page": 25, "paginator_class": BoundedPaginator}).configure(table)
    return render(request, "sbp/outbox.html", {"table": table})


@require_POST
def send_again(request, pk):
    """A failed email queued again, by a record keeper of its partnership."""
    message = get_object_or_404(OutboxMessage, pk=pk)
    if message.partnership_id is None or not has_role(request.user, message.partnership_id, *RECORD_KEEPERS):
        return refuse(request, "send emails again", who=RECORD_KEEPERS)
    if outbox.send_again(message):
        messages.success(request, f"The email to {message.to} is queued to be sent again.")
    else:
        messages.info(request, f"The email to {message.to} has not failed, so it was not queued again.")
    return redirect("outbox")


def preferences(request, token):
    """Reached from the link in every email: the signed token is the permission, so members without an account
    can use it too."""
    person = Person.objects.filter(pk=outbox.person_pk_from(token)).first()
    if person is None:
        raise Http404("This link is not one we sent.")
    form = EmailPreferencesForm(request.POST if request.method == "POST" else None, person=person)
    if form.is_valid():
        form.save()
        messages.success(request, "Your choices are saved.")
        return redirect("email-preferences", token)
    return render(request, "sbp/email_preferences.html", {"form": form, "person": person})


def my_preferences(request):
    """A signed-in user's way to the same page, when the directory knows them."""
    if not is_signed_in(request.user):
        return refuse(request, "choose which emails they receive", who=("signed-in users",))
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        return render(request, "sbp/email_preferences_unknown.html")
    return redirect("email-preferences", outbox.preferences_token(person))
