"""Reminders of partners' returns (strategy/reminders.py): to the lead contacts of partners with no return for the
quarter, a week before the deadline and once it is overdue."""

import datetime

import pytest

from sbp.models import MessageKind, OutboxMessage, PartnerOrganisation
from strategy import reminders
from strategy.models import ProgressUpdate, ReturnDeadline

pytestmark = pytest.mark.django_db
# The demo's leads (fixtures/bromley/board.toml); only LBB and the MPS returned for 2021/22 Q1.
LEADS = {
    "London Borough of Bromley": "joanne.stowell@example.org",
    "Metropolitan Police Service": "craig.knight@example.org",
    "London Fire Brigade": "kevin.mckenzie@example.org",
    "London Ambulance Service": "bill.kelly@example.org",
    "Clarion Housing Group": "dawn.helps@example.org",
    "Bromley Clinical Commissioning Group": "clare.lewin@example.org",
}
RETURNED_Q1 = {"London Borough of Bromley", "Metropolitan Police Service"}


def reminded():
    return set(OutboxMessage.objects.filter(kind=MessageKind.RETURN_DUE).values_list("to", flat=True))


def test_an_overdue_return_is_chased_from_the_lead_contacts_of_partners_that_sent_none():
    assert reminders.send_all(datetime.date(2021, 7, 1)) == 4
    assert reminded() == {email for name, email in LEADS.items() if name not in RETURNED_Q1}
    message = OutboxMessage.objects.get(to="kevin.mckenzie@example.org")
    assert message.subject == "London Fire Brigade: 2021/22 Q1 return overdue"
    assert "was due on Friday 4 June 2021" in message.body
    assert "/strategy/returns/2021-22/q1/new/" in message.body


def test_a_return_due_within_a_week_is_chased_from_every_partner_yet_to_send_it():
    reminders.send_all(datetime.date(2021, 8, 27))  # Q2 is due on 3 September; Q1 is long past chasing
    assert reminded() == set(LEADS.values())
    assert OutboxMessage.objects.filter(subject__endswith="2021/22 Q2 return due").count() == 6


def test_a_partner_that_returns_is_no_longer_chased():
    fire = PartnerOrganisation.objects.get(organisation__name="London Fire Brigade")
    priority = ReturnDeadline.objects.get(quarter=1).strategy.priorities.first()
    ProgressUpdate.objects.create(priority=priority, partner=fire.organisation, financial_year=2021, quarter=1)
    reminders.send_all(datetime.date(2021, 7, 1))
    assert "kevin.mckenzie@example.org" not in reminded()


def test_each_reminder_is_sent_once_however_often_the_reminders_run():
    for day in range(1, 8):
        reminders.send_all(datetime.date(2021, 7, day))
    assert OutboxMessage.objects.filter(kind=MessageKind.RETURN_DUE).count() == 4


def test_nothing_is_sent_between_deadlines():
    assert reminders.send_all(datetime.date(2021, 7, 20)) == 0


def test_a_strategy_shortened_after_its_deadlines_were_set_chases_none_after_its_end():
    q2 = ReturnDeadline.objects.get(financial_year=2021, quarter=2)
    strategy = q2.strategy
    strategy.ends_on = datetime.date(2021, 6, 30)  # ends with Q1: its Q2 deadline stays on record
    strategy.save(update_fields=["ends_on"])
    assert reminders.send_all(datetime.date(2021, 8, 27)) == 0
    assert ReturnDeadline.objects.filter(pk=q2.pk).exists()
