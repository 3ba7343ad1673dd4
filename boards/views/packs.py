"""Agenda pack downloads: served when built, otherwise a page that says it is being built."""

from django.http import FileResponse, HttpResponseNotFound
from django.shortcuts import get_object_or_404, render

from boards import access
from boards.models import AgendaItem, Meeting, PackBuild
from boards.tasks import last_good, pack_to_serve
from sbp.permissions import refuse
from sbp.roles import BOARD_READERS

# What a refused download was, and who may: the public pack is refused only before the agenda is published.
PACK_REFUSALS = {
    False: ("download a pack before its agenda is published", BOARD_READERS),
    True: ("download the restricted pack with Part 2 papers", access.FULL_READERS),
}


def download(request, pk, restricted=False):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    if not access.can_download_pack(request.user, meeting, restricted):
        return refuse(request, *PACK_REFUSALS[restricted])
    build = pack_to_serve(meeting, restricted)
    if build.status == PackBuild.Status.READY:
        return pdf_response(build)
    context = {"meeting": meeting, "build": build, "previous": last_good(meeting, restricted), "restricted": restricted,
               "refreshing": True}  # fmt: skip
    return render(
        request, "boards/pack_status.html", context, status=202 if build.status == PackBuild.Status.BUILDING else 500
    )


def build_status(request, pk):
    """One build's progress: the page the "being built" page refreshes to, which offers the pack once ready."""
    build = get_object_or_404(PackBuild.objects.select_related("meeting__board"), pk=pk)
    if not access.can_download_pack(request.user, build.meeting, build.restricted):
        return refuse(request, *PACK_REFUSALS[build.restricted])
    previous = None if build.is_ready else last_good(build.meeting, build.restricted)
    context = {"meeting": build.meeting, "build": build, "previous": previous, "restricted": build.restricted,
               "refreshing": request.GET.get("refresh") != "off"}  # fmt: skip
    return render(request, "boards/pack_status.html", context)


def stored_pack(request, pk):
    """An earlier pack build, e.g. the last good one while a new build has failed."""
    build = get_object_or_404(PackBuild.objects.select_related("meeting__board"), pk=pk, status=PackBuild.Status.READY)
    if not access.can_download_pack(request.user, build.meeting, build.restricted):
        return refuse(request, *PACK_REFUSALS[build.restricted])
    return pdf_response(build)


def pdf_response(build):
    return FileResponse(
        build.file.open("rb"), content_type="application/pdf", filename=build.file.name.rsplit("/", 1)[-1]
    )


def paper(request, pk):
    """An uploaded paper. Uploads are never served as plain media files: Part 2 papers must stay behind this check."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    if not item.document:
        return HttpResponseNotFound()
    if not access.can_view_meeting(request.user, item.meeting):
        return refuse(request, "read papers before the agenda is published", who=BOARD_READERS)
    if not access.can_see_paper(request.user, item):
        return refuse(request, "read Part 2 papers", who=access.FULL_READERS)
    return FileResponse(item.document.open("rb"), content_type="application/pdf", filename=f"item-{item.reference}.pdf")
