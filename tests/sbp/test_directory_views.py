"""The directory in the app: people and organisations (kept by any partnership's record keepers), a partnership's
name and its partner organisations with their lead contacts (its own record keepers only)."""

import pytest
from django.urls import reverse

from sbp.models import Organisation, PartnerOrganisation, Partnership, Person
from sbp.roles import RoleName
from tests.conftest import BROMLEY, make_user

pytestmark = pytest.mark.django_db


def person_data(**fields):
    return {"name": "Kim Lane", "honorific": "Dr", "job_title": "Director of Public Health", "email": "kim@example.org",
            "phone": "020 0000 0000", "initials": "KL", "version": ""} | fields  # fmt: skip


def test_an_officer_adds_a_person_and_edits_them_with_history(client_for):
    client = client_for("officer")
    assert client.post(reverse("manage-add-person"), person_data())["Location"] == reverse("manage-people")
    person = Person.objects.get(email="kim@example.org")
    assert (person.honorific, person.initials) == ("Dr", "KL")
    url = reverse("manage-edit-person", args=[person.pk])
    assert client.post(url, person_data(job_title="Chief Executive", version=person.version)).status_code == 302
    page = " ".join(client.get(url).content.decode().split())
    assert "History of changes (2)" in page
    assert "Director of Public Health" in page
    assert "Chief Executive" in page
    assert "Dr Kim Lane" in client.get(reverse("manage-people")).content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"email": "nope"}, "email", "Enter a valid email address."),
        ({"email": "KIM@example.org"}, "email", "Another person in the directory has this email address."),
    ],
)
def test_the_person_form_shows_the_error_at_the_field_and_keeps_the_typing(client_for, fields, field, error):
    Person.objects.create(name="Kim Other", email="kim@example.org")
    response = client_for("democratic").post(reverse("manage-add-person"), person_data(**fields))
    page = response.content.decode()
    assert error in page
    assert f'id="div_id_{field}" class="govuk-form-group govuk-form-group--error"' in page
    assert 'value="Director of Public Health"' in page


def test_an_organisation_is_added_with_its_kind_and_statutory_flag_once_whatever_its_capitals(client_for):
    client = client_for("officer")
    data = {"name": "Northfield Probation", "short_name": "NP", "sector": "probation", "statutory": "on", "version": ""}
    client.post(reverse("manage-add-organisation"), data)
    organisation = Organisation.objects.get(name="Northfield Probation")
    assert organisation.sector == Organisation.Sector.PROBATION
    assert organisation.statutory
    again = client.post(reverse("manage-add-organisation"), data | {"name": "northfield PROBATION"})
    assert "An organisation with this name is already in the directory." in again.content.decode()
    assert 'value="northfield PROBATION"' in again.content.decode()


def test_an_officer_renames_their_partnership_and_a_stale_save_is_refused(client_for):
    client = client_for("officer")
    partnership = Partnership.objects.get(slug=BROMLEY)
    url = reverse("manage-edit-partnership", args=[BROMLEY])
    client.post(url, {"name": partnership.name, "short_name": "SBP2", "version": partnership.version})
    stale = client.post(url, {"name": partnership.name, "short_name": "SBP3", "version": partnership.version})
    assert stale.status_code == 409
    assert Partnership.objects.get(slug=BROMLEY).short_name == "SBP2"


def test_a_partner_organisation_is_added_with_a_lead_contact_and_only_once(client_for):
    client = client_for("officer")
    organisation = Organisation.objects.create(name="Northfield Homes")
    lead = Person.objects.create(name="Lee Lead", organisation=organisation)
    url = reverse("manage-add-partner", args=[BROMLEY])
    client.post(url, {"organisation": organisation.pk, "lead_contact": lead.pk, "version": ""})
    partner = PartnerOrganisation.objects.get(partnership__slug=BROMLEY, organisation=organisation)
    assert partner.lead_contact == lead
    again = client.post(url, {"organisation": organisation.pk, "version": ""}).content.decode()
    assert "This organisation is already a partner." in again
    page = client.get(reverse("manage-partnership", args=[BROMLEY])).content.decode()
    assert "Northfield Homes" in page
    assert "Lee Lead" in page


def test_an_officer_of_b_cannot_rename_partnership_a_or_change_its_partners(client):
    northfield = Partnership.objects.create(name="Northfield", slug="northfield")
    client.force_login(make_user("northfield-officer", RoleName.OFFICER, partnership=northfield))
    response = client.post(reverse("manage-edit-partnership", args=[BROMLEY]), {"name": "Taken", "version": "1"})
    assert response.status_code == 403
    assert Partnership.objects.get(slug=BROMLEY).name != "Taken"
    assert client.get(reverse("manage-add-partner", args=[BROMLEY])).status_code == 403
    assert client.get(reverse("manage-users", args=[BROMLEY])).status_code == 403


def test_the_manage_link_is_offered_to_record_keepers_only(client_for):
    assert reverse("manage") in client_for("officer").get(reverse("home")).content.decode()
    assert reverse("manage") not in client_for("member").get(reverse("home")).content.decode()
