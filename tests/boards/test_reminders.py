"""The weekly actions digests (boards/reminders.py) and `manage.py send_reminders`: who gets what, and a second run
sends nothing again."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from boards import reminders
from boards.models import Action, AgendaItem, Minute
from sbp.models import EmailPreference, MessageKind, OutboxMessage, Person

pytestmark = pytest.mark.django_db
JULY_1 = datetime.date(2021, 7, 1)  # a Thursday of ISO week 2021-W26


def run(day="2021-07-01"):
    out = StringIO()
    call_command("send_reminders", "--date", day, stdout=out)
    return out.getvalue()


def messages(kind):
    return OutboxMessage.objects.filter(kind=kind)


def test_the_demo_sends_reminders_as_of_1_july_2021():
    assert "queued 1 actions digests, 1 partner actions digests and 4 return reminders" in run()
    digest = messages(MessageKind.ACTIONS_DIGEST).get()
    assert digest.to == "joanne.stowell@example.org"
    assert digest.body.count("(OVERDUE)") == 2
    assert digest.key == f"actions-digest:{digest.person_id}:{digest.partnership_id}:2021-W26"
    partner = messages(MessageKind.PARTNER_ACTIONS_DIGEST).get()
    assert partner.subject.startswith("London Borough of Bromley: actions due this week or overdue (2)")


def test_running_the_reminders_twice_sends_nothing_twice():
    run()
    count = OutboxMessage.objects.count()
    assert "queued 0 actions digests, 0 partner actions digests and 0 return reminders" in run()
    assert OutboxMessage.objects.count() == count
    run("2021-07-02")  # later the same ISO week: still the same digests
    assert OutboxMessage.objects.count() == count


def test_the_next_week_brings_the_next_digest():
    run()
    run("2021-07-08")
    assert messages(MessageKind.ACTIONS_DIGEST).count() == 2


def make_action(minute, owner, due, **fields):
    return Action.objects.create(minute=minute, description=fields.pop("description", "Tidy the park"),
                                 action_by="XX", owner_person=owner, due_date=due, **fields)  # fmt: skip


def test_a_digest_lists_open_actions_due_within_a_week_and_overdue_only(june_2021):
    owner = Person.objects.create(name="Olive Owner", email="olive.owner@example.org")
    minute = Minute.objects.create(meeting=june_2021, number=50, title="Parks")
    make_action(minute, owner, JULY_1 + datetime.timedelta(days=7), description="Due in a week")
    make_action(minute, owner, JULY_1 - datetime.timedelta(days=30), description="Long overdue")
    make_action(minute, owner, JULY_1 + datetime.timedelta(days=8), description="Due in eight days")
    make_action(minute, owner, JULY_1, description="Closed already", status="completed", closed_on=JULY_1)
    reminders.owner_digests(JULY_1)
    body = messages(MessageKind.ACTIONS_DIGEST).get(to=owner.email).body
    assert "Due in a week" in body
    assert "Long overdue" in body
    assert "Due in eight days" not in body
    assert "Closed already" not in body


def test_a_digest_never_quotes_an_action_of_part_2_business(june_2021):
    owner = Person.objects.create(name="Olive Owner", email="olive.owner@example.org")
    item = AgendaItem.objects.create(meeting=june_2021, number=30, position=98, title="Exempt matter", part="exempt",
                                     exempt_reason="Paragraph 1")  # fmt: skip
    minute = Minute.objects.create(meeting=june_2021, agenda_item=item, number=51, title="Exempt matter")
    make_action(minute, owner, JULY_1, description="Interview the suspect Smith")
    reminders.owner_digests(JULY_1)
    body = messages(MessageKind.ACTIONS_DIGEST).get(to=owner.email).body
    assert "Smith" not in body
    assert "An action from Part 2 (exempt) business, minute 51" in body


def test_an_owner_who_turned_digests_off_gets_none(june_2021):
    owner = Person.objects.create(name="Olive Owner", email="olive.owner@example.org")
    EmailPreference.objects.create(person=owner, kind=MessageKind.ACTIONS_DIGEST, receives=False)
    make_action(Minute.objects.create(meeting=june_2021, number=52, title="Parks"), owner, JULY_1)
    reminders.owner_digests(JULY_1)
    assert not messages(MessageKind.ACTIONS_DIGEST).filter(to=owner.email).exists()


def test_a_partner_organisations_digest_goes_to_its_lead_contact_in_that_partnership_only():
    from tests.factories import make_partnership_b

    b = make_partnership_b()  # B's open action is owned by Northfield Homes, which has no lead contact in B
    reminders.partner_digests(JULY_1)
    assert not messages(MessageKind.PARTNER_ACTIONS_DIGEST).filter(partnership=b.partnership).exists()
    assert set(messages(MessageKind.PARTNER_ACTIONS_DIGEST).values_list("to", flat=True)) == {
        "joanne.stowell@example.org"
    }


def test_a_date_that_is_not_a_day_is_refused_in_words():
    with pytest.raises(CommandError, match="--date must be a day as YYYY-MM-DD"):
        run("2021-13-01")
