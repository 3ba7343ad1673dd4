"""Background work: building agenda packs (minutes of WeasyPrint time), asking for one, and publishing them."""

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from boards import notices, pack
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


def published(meeting, restricted):
    """The meeting's published builds for one audience, newest publication first."""
    return PackBuild.objects.filter(meeting=meeting, restricted=restricted, published_at__isnull=False).order_by(
        "-published_at", "-pk"
    )


def pack_to_serve(meeting, restricted):
    """What a download gets: once published, the newest published pack that is ready (an earlier publication
    while a revision builds), so later changes to papers or figures never alter what was sent out; before
    publication (or for meetings published before packs were recorded) the pack of the papers as they stand."""
    builds = list(published(meeting, restricted)[:5])
    if not builds:
        return request_pack(meeting, restricted)
    return next((build for build in builds if build.status == PackBuild.Status.READY), builds[0])


def publish_packs(meeting, when):
    """Publish both packs as the papers stand now; returns how many changed (0 when nothing had)."""
    changed = 0
    for restricted in (False, True):
        latest = published(meeting, restricted).first()
        build = request_pack(meeting, restricted)
        if latest is None or latest.pk != build.pk:
            PackBuild.objects.filter(pk=build.pk).update(published_at=when)
            changed += 1
    return changed


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
        notices.pack_failed(build)
        return
    kind = "restricted" if build.restricted else "public"
    name = f"{build.meeting.board.slug}-{build.meeting.starts_at:%Y-%m-%d}-{kind}.pdf"
    build.file.save(name, ContentFile(data), save=False)
    build.pages, build.status, build.finished_at = pages, PackBuild.Status.READY, timezone.now()
    build.save(update_fields=["file", "pages", "status", "finished_at"])
