"""python manage.py seed_demo: load the Bromley demo data (idempotent) and, with DEBUG on, demo sign-ins."""

from django.conf import settings
from django.core.management.base import BaseCommand

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
        accounts = demo.load_all(with_users=settings.DEBUG)
        self.stdout.write(self.style.SUCCESS("Loaded the Bromley demo data (17 June 2021 agenda pack)."))
        if not options["without_packs"]:
            demo.record_published_packs()
            self.stdout.write("Recorded the published agenda packs (built by the task worker).")
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off, so no demo sign-ins were created.")
            return
        self.stdout.write(f"Demo sign-ins (password: {demo.DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<12} {role}")
