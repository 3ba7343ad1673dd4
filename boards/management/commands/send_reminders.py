"""Queue the week's reminders: actions digests and partners' returns. Run it daily from cron; it is idempotent
(every reminder is keyed in the outbox), so a second run the same day or week sends nothing again."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from boards import reminders as action_reminders
from strategy import reminders as return_reminders


class Command(BaseCommand):
    help = "Queue reminder emails (actions due or overdue, partners' returns due or overdue) as of today."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as of this day (YYYY-MM-DD), to test or to catch up.")

    def handle(self, *args, **options):
        day = self.day(options["date"])
        with transaction.atomic():  # delivery starts once every reminder of the run is recorded
            owners = action_reminders.owner_digests(day)
            partners = action_reminders.partner_digests(day)
            returns = return_reminders.send_all(day)
        self.stdout.write(
            f"{day:%Y-%m-%d}: queued {owners} actions digests, {partners} partner actions digests "
            f"and {returns} return reminders."
        )

    def day(self, text):
        if not text:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--date must be a day as YYYY-MM-DD, not {text!r}.") from None
