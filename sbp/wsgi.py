"""WSGI entry point (gunicorn sbp.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sbp.settings")
application = get_wsgi_application()
