"""Who may read and change crime figures. The figures are public data shared by every partnership, so a role in
any partnership is enough (docs/decisions/0018-roles-per-partnership.md)."""

from sbp.roles import BOARD_READERS, RECORD_KEEPERS, has_role_anywhere


def can_view_figures(user):
    """Figures are working papers of the boards: members, partners and officers of any partnership, not the
    public."""
    return has_role_anywhere(user, *BOARD_READERS)


def can_change_figures(user):
    """Officers of any partnership import files, enter figures by hand and override ratings."""
    return has_role_anywhere(user, *RECORD_KEEPERS)
