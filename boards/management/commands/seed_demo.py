"""python manage.py seed_demo: load the Bromley demo data and its demo sign-ins (idempotent); DEBUG only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from boards import demo


class Command(BaseCommand):
    help = "Load the Safer Bromley Partnership Board demo data from the 17 June 2021 agenda pack."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-packs",
            action="store_true",
            help="Do not record the published meetings' agenda packs yet (e.g. before the crime files are imported, "
            "since a published pack never changes afterwards).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # Demo meetings and sign-ins with a published password have no place in a production database.
            raise CommandError("seed_demo loads demo data and sign-ins: run it only with DJANGO_DEBUG=1.")
        accounts = demo.load_all(with_users=True)
        self.stdout.write(
            self.style.SUCCESS("Loaded the demo data: Safer Bromley (17 June 2021 agenda pack) and Charnwood.")
        )
        if not options["without_packs"]:
            demo.record_published_packs()
            self.stdout.write("Recorded the published agenda packs (built by the task worker).")
        self.stdout.write(f"Demo sign-ins (password: {demo.DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<18} {role}")
