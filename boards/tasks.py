"""Background work: building agenda packs (minutes of WeasyPrint time), asking for one, and publishing them."""

import logging

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from boards import notices, pack, pack_failures, printed_figures
from boards.models import PackBuild

logger = logging.getLogger(__name__)


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


def record_step(build_id):
    """A progress callback for pack.build: each finished stage is written at once, in its own statement, so the
    "being built" page (another request) sees it while the build goes on. A plain UPDATE of one column: the step
    is nothing any cached figure or pack depends on, so the data version (sbp.data_version) is left alone."""

    def done(step):
        PackBuild.objects.filter(pk=build_id).update(step=step)

    return done


@task
def build_pack(build_id):
    """Build and store one pack. A failure is recorded on the build; earlier good builds stay."""
    build = PackBuild.objects.select_related("meeting__board").get(pk=build_id)
    try:
        built = pack.assemble(build.meeting, build.restricted, progress=record_step(build.pk))
        # Kept from the figures this PDF laid out, not worked out again: published, they are open data (ADR 0030).
        printed = printed_figures.freeze(built.dashboard)
    except Exception as error:  # any failure must reach the page that asked, not vanish in a worker log
        logger.error("Pack build %s failed: %s", build.pk, pack_failures.technical(error), exc_info=error)
        build.status, build.error, build.explanation, build.finished_at = (
            PackBuild.Status.FAILED,
            pack_failures.technical(error),
            pack_failures.words(error),
            timezone.now(),
        )
        build.save(update_fields=["status", "error", "explanation", "finished_at"])
        notices.pack_failed(build)
        return
    kind = "restricted" if build.restricted else "public"
    name = f"{build.meeting.board.slug}-{build.meeting.starts_at:%Y-%m-%d}-{kind}.pdf"
    build.file.save(name, ContentFile(built.pdf), save=False)
    build.pages, build.status, build.finished_at = built.pages, PackBuild.Status.READY, timezone.now()
    build.printed_figures = printed
    build.save(update_fields=["file", "pages", "status", "finished_at", "printed_figures"])
