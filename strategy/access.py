"""Who may read the strategy and who may submit, revise and accept partner returns."""

from sbp.roles import BOARD_READERS, RECORD_KEEPERS, RoleName, has_role
from strategy.models import ProgressUpdate


def can_read(user):
    return has_role(user, *BOARD_READERS)


def is_officer(user):
    return has_role(user, *RECORD_KEEPERS)


def own_organisation(user):
    """The organisation a partner user returns for (through their person record), or None."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.organisation if person else None


def can_submit(user, quarter=None):
    """Officers submit for any partner at any time; a partner for their own organisation, until the quarter's
    returns have been presented to the board (then what the board was given stands)."""
    if is_officer(user):
        return True
    if not has_role(user, RoleName.PARTNER) or own_organisation(user) is None:
        return False
    return quarter is None or not ProgressUpdate.objects.presented(quarter.year, quarter.number)


def can_revise(user, update):
    """Officers may revise a return at any time (a revision after presentation is flagged); a partner may
    revise its own return until the quarter's pack has presented it to the board."""
    if is_officer(user):
        return True
    if update.presented_at:
        return False
    organisation = own_organisation(user)
    return has_role(user, RoleName.PARTNER) and organisation is not None and organisation.pk == update.partner_id
