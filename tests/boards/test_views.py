"""The home and meeting pages: what each role sees, Part 2 kept from the public, constant query counts."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from boards.models import AgendaItem, Meeting, Minute
from sbp import data_version
from sbp.models import Person

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode()


def make_draft_meeting():
    board = Meeting.objects.get(starts_at__date="2021-06-17").board
    return Meeting.objects.create(board=board, starts_at="2021-09-09T09:00Z")


def test_home_lists_the_board_and_its_meetings_to_the_public(client):
    make_draft_meeting()
    page = text_of(client.get(reverse("home")))
    assert "Safer Bromley Partnership Board" in page
    assert "Thursday 25 March 2021" in page
    assert "Thursday 17 June 2021" in page
    assert "Thursday 9 September 2021" not in page  # its agenda is not published yet


def words_of(response):
    return " ".join(strip_tags(response.content.decode()).split())


def test_home_says_what_the_service_is_and_when_the_last_meeting_was_when_none_is_coming(client):
    page = words_of(client.get(reverse("home")))
    assert "This service keeps the record of community safety partnership boards" in page
    assert "Published agendas and minutes of every board" in page
    assert "No meetings are scheduled" not in page
    assert "No meeting is scheduled yet. The last meeting was on Thursday 17 June 2021." in page


@pytest.mark.parametrize(
    ("role", "shown", "not_shown"),
    [
        ("member", ["The quarter's dashboard", "The actions register"], ["Your returns for"]),
        ("partner", ["The quarter's dashboard", "Your returns for"], ["Published agendas and minutes of every board"]),
    ],
)
def test_home_leads_a_signed_in_reader_to_their_own_work(client_for, role, shown, not_shown):
    client = client_for(role)
    # A partner returns for the organisation of their person record (strategy.access.own_organisation).
    Person.objects.filter(name="Dawn Helps").update(user_id=client.session["_auth_user_id"])
    page = words_of(client.get(reverse("home")))
    assert all(words in page for words in shown), page
    assert not any(words in page for words in not_shown)


def test_officers_also_see_meetings_whose_agenda_is_not_published(client_for):
    make_draft_meeting()
    page = text_of(client_for("officer").get(reverse("home")))
    assert "Thursday 9 September 2021" in page


def test_the_public_cannot_open_an_unpublished_meeting(client):
    draft = make_draft_meeting()
    response = client.get(reverse("meeting-detail", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_meeting_page_shows_the_agenda_contact_and_matters_arising(client, june_2021):
    page = text_of(client.get(reverse("meeting-detail", args=[june_2021.pk])))
    assert "CRIME PERFORMANCE DASHBOARD--UPDATE FROM THE POLICE" in page
    assert "stephen.wood@bromley.gov.uk" in page
    assert "Minute 9" in page
    assert "Minute 14" in page
    assert "An update will be provided at the meeting." in page


def test_matters_arising_quote_a_numbered_resolution_as_the_seed_does(client, june_2021):
    # Minute 9's only resolution continues "Resolved that"; minute 14's first of two is its own sentence.
    page = text_of(client.get(reverse("meeting-detail", args=[june_2021.pk])))
    assert "Resolved that the update on the VRAP be noted" in page
    assert "The results of the Crime Needs Assessment be reported" in page
    assert "Resolved that The results" not in page


def test_unapproved_minutes_are_for_signed_in_readers_only(client, client_for, march_2021):
    url = reverse("meeting-detail", args=[march_2021.pk])
    assert "Violence Reduction Plan Refresh Update" not in text_of(client.get(url))
    page = text_of(client_for("member").get(url))
    assert "Violence Reduction Plan Refresh Update" in page
    assert "alternate for Rachel Pankhurst" in page
    assert "RESOLVED" in page


def test_approved_minutes_are_public(client, december_2019):
    page = text_of(client.get(reverse("meeting-detail", args=[december_2019.pk])))
    assert "INFORMATION SHARING AGREEMENTS" in page


def add_part_2_business(meeting):
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=11,
        title="CONTRACT AWARD FOR CCTV MAINTENANCE",
        context="Tender prices from three bidders.",
        part="exempt",
        exempt_reason="Information relating to the financial or business affairs of any particular person",
        position=15,
    )
    Minute.objects.create(
        meeting=meeting, agenda_item=item, number=16, title="CONTRACT AWARD FOR CCTV", text="Bidder B won."
    )
    return item


@pytest.mark.parametrize(
    ("role", "sees_papers"),
    [("anonymous", False), ("no role", False), ("partner", False), ("officer", True), ("member", True)],
)
def test_part_2_business_reaches_only_those_entitled(client_for, march_2021, role, sees_papers):
    add_part_2_business(march_2021)
    march_2021.minutes_status = "approved"
    march_2021.minutes_approved_by = Meeting.objects.get(starts_at__date="2021-06-17")
    march_2021.save()
    page = text_of(client_for(role).get(reverse("meeting-detail", args=[march_2021.pk])))
    assert "financial or business affairs" in page
    for secret in ["CONTRACT AWARD", "Tender prices", "Bidder B won"]:
        assert (secret in page) is sees_papers
    assert ("Not for publication" in page) is not sees_papers


def test_meeting_page_query_count_does_not_grow_with_the_business(client_for, march_2021, django_assert_num_queries):
    client = client_for("member")
    url = reverse("meeting-detail", args=[march_2021.pk])
    client.get(url)
    data_version.changed()  # so both views draw the matters arising afresh
    with django_assert_num_queries(21) as before:
        client.get(url)
    for number in range(20, 40):
        Minute.objects.create(meeting=march_2021, number=number, title=f"Extra {number}", text="More business.")
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)
