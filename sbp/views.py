"""Project-level views: a health check for load balancers and monitoring, and the 400 page."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string


def health(request):
    """Answers without touching the database; also the 'trivial view' the benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request, exception):
    """Django's 400 handler, also saying when a form's fields were over DATA_UPLOAD_MAX_MEMORY_SIZE: its fields
    cannot be read back, so there is no form to show the error next to. The exception's text is not shown."""
    context = {"too_big": isinstance(exception, RequestDataTooBig), "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    return HttpResponseBadRequest(render_to_string("400.html", context, request=request))
