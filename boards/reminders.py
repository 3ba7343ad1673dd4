"""The weekly actions digests: each owner's open actions due within a week or overdue, and each partner
organisation's, to its lead contact. Run by `manage.py send_reminders`; keyed by ISO week, so a second run in
the same week sends nothing again."""

from datetime import timedelta

from django.urls import reverse

from boards.models import Action
from boards.notices import action_line
from sbp import outbox
from sbp.models import MessageKind, PartnerOrganisation

DUE_WITHIN = timedelta(days=7)


def iso_week(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def due_or_overdue(day):
    """Open actions due by a week from `day` (so every overdue one too), soonest first."""
    return (
        Action.objects.open()
        .filter(due_date__lte=day + DUE_WITHIN)
        .select_related("minute__meeting__board__partnership", "minute__agenda_item", "owner_person")
        .order_by("due_date", "pk")
    )


def grouped(actions, by):
    """{(owner, partnership pk): [actions]}: a digest lists one partnership's actions, as its outbox shows it."""
    groups = {}
    for action in actions:
        groups.setdefault((by(action), action.minute.meeting.board.partnership_id), []).append(action)
    return groups


def digest_body(intro, actions, day):
    lines = "\n".join(action_line(action, day) for action in actions)
    register = outbox.absolute(reverse("actions"))
    return f"{intro}\n\n{lines}\n\nThe actions register, to add an update: {register}"


def owner_digests(day):
    """To each person who owns actions due within a week or overdue: one list per partnership a week."""
    sent = 0
    actions = due_or_overdue(day).filter(owner_person__isnull=False)
    for (person, partnership_id), theirs in grouped(actions, lambda action: action.owner_person).items():
        sent += bool(
            outbox.send(
                to=person,
                subject=f"Your actions due this week or overdue ({len(theirs)})",
                body=digest_body("These actions of yours are open and due within a week, or overdue:", theirs, day),
                kind=MessageKind.ACTIONS_DIGEST,
                partnership=partnership_id,
                key=f"actions-digest:{person.pk}:{partnership_id}:{iso_week(day)}",
            )
        )
    return sent


def partner_digests(day):
    """To each partner organisation's lead contact: the organisation's actions due within a week or overdue."""
    sent = 0
    actions = due_or_overdue(day).filter(owner_organisation__isnull=False)
    leads = {
        (partner.organisation_id, partner.partnership_id): partner
        for partner in PartnerOrganisation.objects.filter(lead_contact__isnull=False).select_related(
            "lead_contact", "organisation"
        )
    }
    for (organisation_id, partnership_id), theirs in grouped(
        actions, lambda action: action.owner_organisation_id
    ).items():
        partner = leads.get((organisation_id, partnership_id))
        if partner is None:
            continue
        intro = f"As lead contact for {partner.organisation}, these of its actions are due within a week, or overdue:"
        sent += bool(
            outbox.send(
                to=partner.lead_contact,
                subject=f"{partner.organisation}: actions due this week or overdue ({len(theirs)})",
                body=digest_body(intro, theirs, day),
                kind=MessageKind.PARTNER_ACTIONS_DIGEST,
                partnership=partnership_id,
                key=f"partner-actions-digest:{partner.pk}:{iso_week(day)}",
            )
        )
    return sent
