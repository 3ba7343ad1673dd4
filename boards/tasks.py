"""Background work: building agenda packs (minutes of WeasyPrint time), and asking for one."""

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from boards import pack
from boards.models import PackBuild


def request_pack(meeting, restricted):
    """The pack build for the meeting's current content: ready, building, or just queued."""
    digest = pack.fingerprint(meeting, restricted)
    current = PackBuild.objects.filter(meeting=meeting, restricted=restricted, content_hash=digest).first()
    if current and current.status != PackBuild.Status.FAILED:
        return current
    build = PackBuild.objects.create(
        meeting=meeting, restricted=restricted, content_hash=digest, requested_at=timezone.now()
    )
    build_pack.enqueue(build.pk)
    build.refresh_from_db()
    return build


def last_good(meeting, restricted):
    return PackBuild.objects.filter(meeting=meeting, restricted=restricted, status=PackBuild.Status.READY).first()


@task
def build_pack(build_id):
    """Build and store one pack. A failure is recorded on the build; earlier good builds stay."""
    build = PackBuild.objects.select_related("meeting__board").get(pk=build_id)
    try:
        data, pages = pack.build(build.meeting, build.restricted)
    except Exception as error:  # any failure must reach the page that asked, not vanish in a worker log
        build.status, build.error, build.finished_at = (
            PackBuild.Status.FAILED,
            f"{type(error).__name__}: {error}",
            timezone.now(),
        )
        build.save(update_fields=["status", "error", "finished_at"])
        return
    kind = "restricted" if build.restricted else "public"
    name = f"{build.meeting.board.slug}-{build.meeting.starts_at:%Y-%m-%d}-{kind}.pdf"
    build.file.save(name, ContentFile(data), save=False)
    build.pages, build.status, build.finished_at = pages, PackBuild.Status.READY, timezone.now()
    build.save(update_fields=["file", "pages", "status", "finished_at"])
