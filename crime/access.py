"""Who may read and change crime figures. The figures are public data shared by every partnership, so a role in
any partnership is enough (docs/decisions/0018-roles-per-partnership.md)."""

from crime.models import FiguresSetting
from sbp.roles import BOARD_READERS, RECORD_KEEPERS, has_role, has_role_anywhere


def can_view_figures(user):
    """Figures are working papers of the boards: members, partners and officers of any partnership, not the
    public."""
    return has_role_anywhere(user, *BOARD_READERS)


def can_set_figures_of(user, partnership):
    """How a partnership's figures are worked out is its own record keepers' to change."""
    return has_role(user, partnership, *RECORD_KEEPERS)


def can_rate(user, area):
    """An override of a district's rating is for the record keepers of a partnership that covers it (any record
    keeper's where none does): it shows on that partnership's dashboard and packs."""
    partnerships = FiguresSetting.objects.filter(districts=area).values_list("partnership", flat=True)
    if not partnerships:
        return can_change_figures(user)
    return any(has_role(user, partnership, *RECORD_KEEPERS) for partnership in partnerships)


def can_change_figures(user):
    """Officers of any partnership import files, enter figures by hand and override ratings."""
    return has_role_anywhere(user, *RECORD_KEEPERS)
