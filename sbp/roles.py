"""The roles people hold in each partnership (sbp.PartnershipRole), and the questions every app asks of them.

What each role may do is decided in the apps' access modules; every question names the partnership it is about.
"""

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


def has_role(user, partnership, *roles):
    """True when an active user holds any of the roles in `partnership` (a Partnership or its pk); superusers hold
    every role in every partnership."""
    if not is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return not role_names(user).get(partnership_key(partnership), frozenset()).isdisjoint(roles)


def has_role_anywhere(user, *roles):
    """True when an active user holds any of the roles in at least one partnership (for what partnerships share,
    such as the crime figures, which are public data)."""
    if not is_signed_in(user):
        return False
    return user.is_superuser or any(not held.isdisjoint(roles) for held in role_names(user).values())


def partnerships_where(user, *roles):
    """The pks of the partnerships where the user holds any of the roles, for filtering lists: a set, or for a
    superuser a subquery of every partnership (no query is made until the list is)."""
    from sbp.models import Partnership  # sbp.models imports RoleName from here

    if not is_signed_in(user):
        return frozenset()
    if user.is_superuser:
        return Partnership.objects.values("pk")
    return frozenset(pk for pk, held in role_names(user).items() if not held.isdisjoint(roles))


def partnership_key(where):
    """The pk of the partnership `where` belongs to: a Partnership, its pk, or any row that says which partnership
    it belongs to (`partnership_id`: a board, a meeting and all its business, a strategy, a return ...)."""
    from sbp.models import Partnership  # sbp.models imports RoleName from here

    if isinstance(where, int):
        return where
    return where.pk if isinstance(where, Partnership) else where.partnership_id


def is_signed_in(user):
    return user.is_authenticated and user.is_active


def role_names(user):
    """{partnership pk: the user's role names there}, read in one query per request (views ask several questions
    of one user, and list pages one per row)."""
    from sbp.models import PartnershipRole  # sbp.models imports RoleName from here

    if not hasattr(user, "_sbp_role_names"):
        held = {}
        for partnership_id, role in PartnershipRole.objects.filter(user=user).values_list("partnership_id", "role"):
            held.setdefault(partnership_id, set()).add(role)
        user._sbp_role_names = {pk: frozenset(roles) for pk, roles in held.items()}
    return user._sbp_role_names


def in_words(who):
    """Roles (and any plain words among them) as a list: (OFFICER, DEMOCRATIC_SERVICES) -> 'officers and
    democratic services'."""
    words = [ROLE_WORDS.get(role, role) for role in who]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
