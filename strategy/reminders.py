"""Reminders of partners' quarterly returns: to each partner organisation's lead contact, a week before its
return is due and once it is overdue, unless the organisation has returned for that quarter. Run by
`manage.py send_reminders`; each reminder is keyed by organisation and deadline, so it is sent once."""

from datetime import timedelta

from django.urls import reverse
from django.utils.dateformat import format as format_date

from sbp import outbox
from sbp.models import MessageKind, PartnerOrganisation
from strategy.models import ProgressUpdate, ReturnDeadline
from strategy.quarters import Quarter

DUE_WITHIN = timedelta(days=7)
# An overdue return is chased by email for four weeks; after that it is a matter for the board, not a reminder
# (and catching up with --date does not mail a year of old deadlines).
OVERDUE_FOR = timedelta(days=28)


def deadlines_to_chase(day):
    """The deadlines due within a week or overdue for under four weeks, of quarters their strategy still covers: a
    strategy shortened after its deadlines were set keeps them (its history), but chases none after its end."""
    near = ReturnDeadline.objects.filter(due_on__gte=day - OVERDUE_FOR, due_on__lte=day + DUE_WITHIN)
    return [
        deadline for deadline in near.select_related("strategy")
        if Quarter(deadline.financial_year, deadline.quarter) in deadline.strategy.quarters
    ]  # fmt: skip


def has_returned(deadline, organisation_id):
    """Whether the organisation has sent any return to the strategy for the deadline's quarter."""
    return ProgressUpdate.objects.filter(
        priority__strategy=deadline.strategy_id,
        partner=organisation_id,
        financial_year=deadline.financial_year,
        quarter=deadline.quarter,
    ).exists()


def reminder(deadline, partner, day):
    """(subject, body, key) of the reminder: 'due' before the day, 'overdue' after it."""
    quarter = Quarter(deadline.financial_year, deadline.quarter)
    overdue = deadline.due_on < day
    state = "overdue" if overdue else "due"
    link = outbox.absolute(reverse("strategy-submit-return", args=[quarter.year_slug, quarter.slug]))
    subject = f"{partner.organisation}: {quarter.label} return {state}"
    body = (
        f"As lead contact for {partner.organisation}, its {quarter.label} return to the {deadline.strategy} "
        f"{'was' if overdue else 'is'} due on {format_date(deadline.due_on, 'l j F Y')}, and none has been "
        f"received.\n\nSubmit it, signed in, here: {link}"
    )
    return subject, body, f"return-{state}:{partner.pk}:{deadline.pk}"


def send_all(day):
    """Queue every return reminder due on `day`; returns how many were queued."""
    sent = 0
    for deadline in deadlines_to_chase(day):
        partners = PartnerOrganisation.objects.filter(
            partnership=deadline.strategy.partnership_id, lead_contact__isnull=False
        ).select_related("organisation", "lead_contact")
        for partner in partners:
            if has_returned(deadline, partner.organisation_id):
                continue
            subject, body, key = reminder(deadline, partner, day)
            sent += bool(
                outbox.send(
                    to=partner.lead_contact,
                    subject=subject,
                    body=body,
                    kind=MessageKind.RETURN_DUE,
                    partnership=deadline.strategy.partnership_id,
                    key=key,
                )
            )
    return sent
