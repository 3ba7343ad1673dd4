"""python manage.py build_pack MEETING_ID --out FILE [--restricted]: build an agenda pack now, in this process."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from boards import pack
from boards.models import Meeting


class Command(BaseCommand):
    help = "Build a meeting's agenda pack as PDF (public unless --restricted, which includes Part 2 papers)."

    def add_arguments(self, parser):
        parser.add_argument("meeting", type=int)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--restricted", action="store_true")

    def handle(self, *args, meeting, out, restricted, **options):
        try:
            found = Meeting.objects.get(pk=meeting)
        except Meeting.DoesNotExist as error:
            raise CommandError(f"There is no meeting {meeting}.") from error
        data, pages = pack.build(found, restricted)
        out.write_bytes(data)
        self.stdout.write(f"{out}: {pages} pages, {'restricted' if restricted else 'public'} pack for {found}.")
