"""The roles people hold in SBP Boards, as Django groups. What each may do is decided in the apps' views."""

from django.db import models


class RoleName(models.TextChoices):
    OFFICER = "Officer"
    DEMOCRATIC_SERVICES = "Democratic Services"
    BOARD_MEMBER = "Board Member"
    PARTNER = "Partner"


# What the 403 page calls each role, in the order it names them.
ROLE_WORDS = {
    RoleName.OFFICER: "officers",
    RoleName.DEMOCRATIC_SERVICES: "democratic services",
    RoleName.BOARD_MEMBER: "board members",
    RoleName.PARTNER: "partners",
}

# Who keeps the record (agendas, minutes, actions, figures, returns), and who reads the board's working papers.
RECORD_KEEPERS = (RoleName.OFFICER, RoleName.DEMOCRATIC_SERVICES)
BOARD_READERS = (*RECORD_KEEPERS, RoleName.BOARD_MEMBER, RoleName.PARTNER)


def has_role(user, *roles):
    """True when an active user is in any of the roles (superusers hold every role)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return not role_names(user).isdisjoint(roles)


def role_names(user):
    """The user's group names, read once per request (views ask several questions of one user)."""
    if not hasattr(user, "_sbp_role_names"):
        user._sbp_role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._sbp_role_names


def in_words(who):
    """Roles (and any plain words among them) as a list: (OFFICER, DEMOCRATIC_SERVICES) -> 'officers and
    democratic services'."""
    words = [ROLE_WORDS.get(role, role) for role in who]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
