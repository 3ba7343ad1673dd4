"""Project-level views: a health check for load balancers and monitoring."""

from django.http import HttpResponse


def health(request):
    """Answers without touching the database; also the 'trivial view' the benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")
