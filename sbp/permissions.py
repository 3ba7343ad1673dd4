"""How every view says no: a signed-out visitor is sent to sign in, a signed-in user is told 403."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def refuse(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
