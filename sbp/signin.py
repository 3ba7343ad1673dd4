"""The sign-in page's answer to a locked-out sign-in (django-axes calls it): the same page, saying why."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timeuntil


def locked_out(request, original_response=None, credentials=None):
    """Too many failed sign-ins for this username from this address: 429 with the sign-in page and a message.

    The form is unbound on purpose: a bound form would try the password again and count another failure."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    cool_off, now = get_cool_off(request), timezone.now()
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "locked_out": True,
        "cool_off": timeuntil(now + cool_off, now) if cool_off else None,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registration/login.html", context, status=429)
