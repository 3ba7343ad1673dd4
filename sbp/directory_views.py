"""The directory in the app's own pages: people and organisations (shared by every partnership, so any
partnership's record keepers keep them, as they do the shared crime figures), and a partnership's own name and
partner organisations (its record keepers only)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sbp import locking
from sbp.forms import OrganisationForm, PartnerOrganisationForm, PartnershipForm, PersonForm
from sbp.history import history_of
from sbp.models import Organisation, PartnerOrganisation, Partnership, Person
from sbp.permissions import refuse
from sbp.roles import RECORD_KEEPERS, has_role, has_role_anywhere

FORM_PAGE = "sbp/manage/form.html"


def keeps_directory(request):
    return has_role_anywhere(request.user, *RECORD_KEEPERS)


def people(request):
    if not keeps_directory(request):
        return refuse(request, "manage people", who=RECORD_KEEPERS)
    rows = Person.objects.select_related("organisation", "user")
    return render(request, "sbp/manage/people.html", {"people": rows})


def organisations(request):
    if not keeps_directory(request):
        return refuse(request, "manage organisations", who=RECORD_KEEPERS)
    return render(request, "sbp/manage/organisations.html", {"organisations": Organisation.objects.all()})


def edit_person(request, pk=None):
    if not keeps_directory(request):
        return refuse(request, "manage people", who=RECORD_KEEPERS)
    person = get_object_or_404(Person, pk=pk) if pk else Person()
    form = PersonForm(request.POST or None, instance=person)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"{form.instance.name} saved.")
        return redirect("manage-people")
    return form_page(request, form, "Edit a person" if pk else "Add a person", person, "manage-people")


def edit_organisation(request, pk=None):
    if not keeps_directory(request):
        return refuse(request, "manage organisations", who=RECORD_KEEPERS)
    organisation = get_object_or_404(Organisation, pk=pk) if pk else Organisation()
    form = OrganisationForm(request.POST or None, instance=organisation)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"{form.instance.name} saved.")
        return redirect("manage-organisations")
    title = "Edit an organisation" if pk else "Add an organisation"
    return form_page(request, form, title, organisation, "manage-organisations")


def edit_partnership(request, partnership):
    partnership = get_object_or_404(Partnership, slug=partnership)
    if not has_role(request.user, partnership, *RECORD_KEEPERS):
        return refuse(request, "edit the partnership", who=RECORD_KEEPERS)
    form = PartnershipForm(request.POST or None, instance=partnership)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, "Partnership saved.")
        return redirect("manage-partnership", partnership.slug)
    return form_page(request, form, "Edit the partnership", partnership, "manage-partnership", partnership.slug)


def edit_partner(request, partnership, pk=None):
    """Add a partner organisation to the partnership, or change who leads for it."""
    partnership = get_object_or_404(Partnership, slug=partnership)
    if not has_role(request.user, partnership, *RECORD_KEEPERS):
        return refuse(request, "manage partner organisations", who=RECORD_KEEPERS)
    partner = get_object_or_404(partnership.partners, pk=pk) if pk else PartnerOrganisation()
    form = PartnerOrganisationForm(request.POST or None, instance=partner, partnership=partnership)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"Partner {form.instance.organisation} saved.")
        return redirect("manage-partnership", partnership.slug)
    title = f"Lead contact for {partner.organisation}" if pk else "Add a partner organisation"
    return form_page(request, form, title, partner, "manage-partnership", partnership.slug)


def form_page(request, form, title, row, back, *back_args):
    """One form page for the directory's edits: the form, the row's history, and the way back."""
    context = {
        "form": form,
        "title": title,
        "history": history_of(row) if row.pk else [],
        "back": reverse(back, args=back_args),
    }
    return render(request, FORM_PAGE, context, status=locking.status(form))
