"""The pages of email: the outbox Democratic Services and officers watch, and each person's choice of emails."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django_tables2 import RequestConfig

from sbp import outbox
from sbp.forms import EmailPreferencesForm
from sbp.models import OutboxMessage, Person
from sbp.permissions import refuse
from sbp.roles import RECORD_KEEPERS, has_role_anywhere, is_signed_in, partnerships_where
from sbp.tables import BoundedPaginator, OutboxTable


def outbox_page(request):
    """Every message of the partnerships where the user keeps the record, newest first."""
    if not has_role_anywhere(request.user, *RECORD_KEEPERS):
        return refuse(request, "see the outbox", who=RECORD_KEEPERS)
    sent = OutboxMessage.objects.filter(partnership__in=partnerships_where(request.user, *RECORD_KEEPERS))
    table = OutboxTable(sent.select_related("partnership"))
    RequestConfig(request, paginate={"per_page": 25, "paginator_class": BoundedPaginator}).configure(table)
    return render(request, "sbp/outbox.html", {"table": table})


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
