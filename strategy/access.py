"""Who may read the strategy and who may submit, revise and accept partner returns, in each partnership.

`where` is a Partnership, its pk, or a row that says which partnership it belongs to (a strategy, a priority, a
return: `sbp.roles.partnership_key`). A role in one partnership says nothing about another's returns.
"""

from sbp.roles import BOARD_READERS, RECORD_KEEPERS, RoleName, has_role, has_role_anywhere, partnerships_where
from strategy.models import ProgressUpdate


def can_read(user, where=None):
    """The strategy and returns are working papers of a partnership's board; where=None: of any partnership."""
    return has_role_anywhere(user, *BOARD_READERS) if where is None else has_role(user, where, *BOARD_READERS)


def is_officer(user, where=None):
    return has_role_anywhere(user, *RECORD_KEEPERS) if where is None else has_role(user, where, *RECORD_KEEPERS)


def readable_partnerships(user):
    """The partnerships whose strategy and returns the user reads (pks, or a subquery for a superuser)."""
    return partnerships_where(user, *BOARD_READERS)


def readable_returns(user, updates):
    return updates.of_any(readable_partnerships(user))


def own_organisation(user):
    """The organisation a partner user returns for (through their person record), or None."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.organisation if person else None


def submits_as_officer(user):
    """Someone who keeps a record anywhere submits as an officer, for any partner, to their own partnerships'
    strategies; everyone else submits as a partner, for their own organisation (strategy.forms.ReturnForm)."""
    return is_officer(user)


def partnerships_submitted_to(user):
    """The partnerships whose strategies the user may add returns to."""
    if submits_as_officer(user):
        return partnerships_where(user, *RECORD_KEEPERS)
    return partnerships_where(user, RoleName.PARTNER) if own_organisation(user) else frozenset()


def can_submit(user, quarter=None):
    """Officers submit for any partner at any time; a partner for their own organisation, until the quarter's
    returns have been presented to their partnership's board (then what the board was given stands)."""
    if is_officer(user):
        return True
    if not has_role_anywhere(user, RoleName.PARTNER) or own_organisation(user) is None:
        return False
    theirs = ProgressUpdate.objects.of_any(partnerships_where(user, RoleName.PARTNER))
    return quarter is None or not theirs.presented(quarter.year, quarter.number)


def can_revise(user, update):
    """The partnership's officers may revise a return at any time (a revision after presentation is flagged); its
    partners may revise their own organisation's return until the quarter's pack has presented it to the board."""
    if is_officer(user, update):
        return True
    if update.presented_at:
        return False
    organisation = own_organisation(user)
    return (
        has_role(user, update, RoleName.PARTNER) and organisation is not None and organisation.pk == update.partner_id
    )
