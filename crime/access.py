"""Who may read and change crime figures."""

from sbp.roles import BOARD_READERS, RECORD_KEEPERS, has_role


def can_view_figures(user):
    """Figures are working papers of the board: members, partners and officers, not the public."""
    return has_role(user, *BOARD_READERS)


def can_change_figures(user):
    """Officers import files, enter figures by hand and override ratings."""
    return has_role(user, *RECORD_KEEPERS)
