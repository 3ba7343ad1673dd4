"""How every view says no: a signed-out visitor is sent to sign in, a signed-in user is told 403 and who may."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from sbp.roles import in_words


def refuse(request, doing, who):
    """Refuse `doing` ("edit agenda items"); the 403 page says "Only <who, in words> can <doing>."."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(f"Only {in_words(who)} can {doing}.")
