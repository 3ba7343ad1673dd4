"""Demo sign-ins work only in development: with DEBUG off, the published demo password signs nobody in."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from boards.demo import DEMO_PASSWORD


class DemoPasswordRefusedBackend(ModelBackend):
    """Django's own backend, except that the demo password is refused while DEBUG is off.

    A database seeded under DEBUG keeps its demo accounts when it is later served in production; refusing the
    password (printed in the README) at every sign-in closes them without anyone having to remember to."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not settings.DEBUG:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
