"""Who holds an account in a partnership, and who may switch one off: an officer deactivates a user of their own
partnership (never themselves, a superuser, or someone who also holds a role where the officer keeps no record)."""

from django.contrib.auth.models import User
from django.db.models import Prefetch

from sbp.models import PartnershipRole
from sbp.roles import RECORD_KEEPERS, has_role


def users_of(partnership):
    """Every account holding a role in the partnership, with those roles, deactivated ones included."""
    roles = PartnershipRole.objects.filter(partnership=partnership)
    return (
        User.objects.filter(partnership_roles__partnership=partnership)
        .distinct()
        .select_related("person")
        # Every role too, for can_deactivate: one query for the page, not one a user.
        .prefetch_related(Prefetch("partnership_roles", queryset=roles, to_attr="roles_here"), "partnership_roles")
        .order_by("username")
    )


def can_deactivate(officer, user, partnership):
    """A record keeper of the partnership may deactivate an active user who holds a role there, unless the user is
    themselves, a superuser, or holds a role in a partnership where the officer keeps no record: switching the
    account off would shut them out there too, which is that partnership's officers' decision."""
    if not has_role(officer, partnership, *RECORD_KEEPERS) or user == officer or user.is_superuser:
        return False
    held = {role.partnership_id for role in user.partnership_roles.all()}  # prefetched by users_of
    return partnership.pk in held and all(has_role(officer, pk, *RECORD_KEEPERS) for pk in held)


def deactivate(user):
    """The account can no longer sign in (Django's backends refuse an inactive user, and its sessions end); its
    person, roles and everything it recorded stay, so the record still says who did what."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    user.invitations.filter(accepted_at__isnull=True).delete()  # an unused link would switch the account back on
