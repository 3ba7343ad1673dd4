"""The board's event emails (boards/notices.py): who receives each, hooked into the views and the pack task."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from boards import agenda, notices, tasks
from boards.models import Meeting, Membership, PackBuild
from sbp.models import EmailPreference, MessageKind, OutboxMessage, Person
from sbp.roles import RoleName
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def board_with_addresses(june_2021):
    """Two current members of June 2021's board with addresses, and a former member with one."""
    current = list(june_2021.board.memberships.current_on(timezone.localdate()).select_related("person")[:2])
    for n, membership in enumerate(current):
        Person.objects.filter(pk=membership.person_id).update(email=f"member{n}@example.org")
    former = Person.objects.create(name="Fay Former", email="fay.former@example.org")
    Membership.objects.create(
        board=june_2021.board, person=former, start_date="2019-01-01", end_date="2020-12-31", position=99
    )
    members = june_2021.board.memberships.current_on(timezone.localdate()).exclude(person__email="")
    addresses = set(members.values_list("person__email", flat=True))
    assert {"member0@example.org", "member1@example.org"} <= addresses
    assert "fay.former@example.org" not in addresses
    return {"current": addresses, "former": former}


def next_meeting(june_2021):
    starts = datetime.datetime(2021, 9, 16, 10, 0, tzinfo=LONDON)
    return agenda.create_next_meeting(june_2021, starts, "Civic Centre", Meeting.Mode.IN_PERSON)


def sent(kind):
    return set(OutboxMessage.objects.filter(kind=kind).values_list("to", flat=True))


def test_publishing_an_agenda_emails_every_current_member_with_an_address(client_for, june_2021, board_with_addresses):
    meeting = next_meeting(june_2021)
    response = client_for("democratic").post(reverse("publish-agenda", args=[meeting.pk]))
    assert response.status_code == 302
    assert sent(MessageKind.AGENDA_PUBLISHED) == board_with_addresses["current"]
    body = OutboxMessage.objects.filter(kind=MessageKind.AGENDA_PUBLISHED).first().body
    assert f"http://127.0.0.1:8000/meetings/{meeting.pk}/" in body
    assert f"http://127.0.0.1:8000/meetings/{meeting.pk}/pack.pdf" in body
    assert "Thursday 16 September 2021, 10:00" in body


def test_publishing_first_asks_to_confirm_saying_who_will_see_it_and_what_is_fixed(
    client_for, june_2021, board_with_addresses
):
    meeting = next_meeting(june_2021)
    meeting.agenda_items.create(number=20, position=99, title="Depot sale", part="exempt", exempt_reason="Para 3")
    page = client_for("democratic").get(reverse("publish-agenda", args=[meeting.pk])).content.decode()
    assert "Once published, the agenda is public and cannot be unpublished." in page
    assert "1 Part 2 (exempt) item shows" in page
    assert f"{len(board_with_addresses['current'])} board members are emailed" in page
    assert "Depot sale" not in page  # the confirmation says what happens, not what the exempt business is
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None
    assert not sent(MessageKind.AGENDA_PUBLISHED)


def test_the_agenda_email_lists_a_part_2_item_only_as_the_public_sees_it(june_2021, board_with_addresses):
    meeting = next_meeting(june_2021)
    meeting.agenda_items.create(number=20, position=99, title="Sale of the depot to Acme", part="exempt",
                                exempt_reason="Paragraph 3", public_title="Property matter")  # fmt: skip
    agenda.publish(meeting, datetime.datetime(2021, 9, 8, 9, 0, tzinfo=LONDON))
    notices.agenda_published(meeting)
    body = OutboxMessage.objects.filter(kind=MessageKind.AGENDA_PUBLISHED).first().body
    assert "20. Property matter" in body
    assert "Acme" not in body


def test_a_member_who_turned_agendas_off_is_not_emailed(client_for, june_2021, board_with_addresses):
    person = Person.objects.get(email="member0@example.org")
    EmailPreference.objects.create(person=person, kind=MessageKind.AGENDA_PUBLISHED, receives=False)
    address = reverse("publish-agenda", args=[next_meeting(june_2021).pk])
    asked = client_for("democratic").get(address).content.decode()
    client_for("democratic").post(address)
    assert sent(MessageKind.AGENDA_PUBLISHED) == board_with_addresses["current"] - {"member0@example.org"}
    # The confirm page said beforehand how many it would email: the number that were.
    assert f"{len(board_with_addresses['current']) - 1} board members are emailed" in asked


def test_circulating_minutes_emails_the_members_a_link_and_not_the_minutes(client_for, june_2021, board_with_addresses):
    june_2021.minutes_status = Meeting.MinutesStatus.DRAFT
    june_2021.save()
    client_for("officer").post(reverse("circulate-minutes", args=[june_2021.pk]))
    assert sent(MessageKind.MINUTES_CIRCULATED) == board_with_addresses["current"]
    body = OutboxMessage.objects.filter(kind=MessageKind.MINUTES_CIRCULATED).first().body
    assert f"/meetings/{june_2021.pk}/#minutes" in body
    assert not any(minute.text and minute.text[:40] in body for minute in june_2021.minutes.all())


def action_post(owner):
    return {
        "title": "AOB", "text": "", "agenda_item": "", "version": 1,
        "resolutions-TOTAL_FORMS": "0", "resolutions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "2", "actions-INITIAL_FORMS": "0",
        "actions-0-description": "Report on quad bike seizures", "actions-0-action_by": "RO",
        "actions-0-owner_person": owner.pk, "actions-0-due_date": "2021-07-01",
        "actions-1-description": "Nobody named", "actions-1-action_by": "Partners",
    }  # fmt: skip


def test_an_action_created_with_an_owner_emails_that_owner_once_the_minute_is_saved(
    client_for, june_2021, django_capture_on_commit_callbacks
):
    owner = Person.objects.create(name="Rob Owner", email="rob.owner@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("officer").post(reverse("add-minute", args=[june_2021.pk]), action_post(owner))
    assert response.status_code == 302
    message = OutboxMessage.objects.get(kind=MessageKind.ACTION_ASSIGNED)
    assert message.to == "rob.owner@example.org"
    assert message.status == OutboxMessage.Status.SENT
    assert "Report on quad bike seizures" in message.body
    assert "due 1 July 2021" in message.body


def test_editing_the_minute_again_does_not_email_the_owner_again(client_for, june_2021):
    owner = Person.objects.create(name="Rob Owner", email="rob.owner@example.org")
    client = client_for("officer")
    client.post(reverse("add-minute", args=[june_2021.pk]), action_post(owner))
    minute = june_2021.minutes.get()
    action = minute.actions.get(action_by="RO")
    notices.actions_assigned([action])
    assert OutboxMessage.objects.filter(kind=MessageKind.ACTION_ASSIGNED).count() == 1


def test_a_failed_pack_build_emails_the_partnerships_democratic_services(june_2021):
    clerk = make_user("clerk", RoleName.DEMOCRATIC_SERVICES)
    Person.objects.create(name="Clara Clerk", email="clara.clerk@example.org", user=clerk)
    officer = make_user("pack-officer", RoleName.OFFICER)
    Person.objects.create(name="Otto Officer", email="otto.officer@example.org", user=officer)
    item = june_2021.agenda_items.get(number=4, suffix="a")
    item.document.save("broken.pdf", ContentFile(b"%PDF-1.4 not really a PDF"))
    build = tasks.request_pack(june_2021, restricted=False)
    build.refresh_from_db()
    assert build.status == PackBuild.Status.FAILED
    assert sent(MessageKind.PACK_FAILED) == {"clara.clerk@example.org"}
    body = OutboxMessage.objects.get(kind=MessageKind.PACK_FAILED).body
    assert "public agenda pack" in body
    assert f"/meetings/{june_2021.pk}/" in body


def test_two_publishers_at_once_publish_the_agenda_once_and_email_the_members_once(june_2021, board_with_addresses):
    """Each read the meeting unpublished; only the first publish goes through, so nobody is emailed twice."""
    meeting = next_meeting(june_2021)
    first, second = Meeting.objects.get(pk=meeting.pk), Meeting.objects.get(pk=meeting.pk)
    assert agenda.publish(first, timezone.now()) is True
    assert agenda.publish(second, timezone.now()) is False
    assert Meeting.history.filter(id=meeting.pk, status=Meeting.Status.PUBLISHED).count() == 1
