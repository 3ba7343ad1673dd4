"""python manage.py seed_demo: load the Bromley demo data (idempotent) and, with DEBUG on, demo sign-ins."""

from django.conf import settings
from django.core.management.base import BaseCommand

from boards import demo


class Command(BaseCommand):
    help = "Load the Safer Bromley Partnership Board demo data from the 17 June 2021 agenda pack."

    def handle(self, *args, **options):
        accounts = demo.load_all(with_users=settings.DEBUG)
        self.stdout.write(self.style.SUCCESS("Loaded the Bromley demo data (17 June 2021 agenda pack)."))
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off, so no demo sign-ins were created.")
            return
        self.stdout.write(f"Demo sign-ins (password: {demo.DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<12} {role}")
