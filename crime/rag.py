"""The RAG rules for crime figures. Each rule is a function; its docstring is the rule."""

from decimal import Decimal

from crime.models import Polarity
from sbp.rag import Rag
from sbp.significance import Signal


def change_rating(measure, change, signal=None):
    """Green for a reduction or a rise up to the measure's green limit (default +5%); Amber up to its amber
    limit (default +20%); Red above. For a measure where higher is better, a fall counts as the rise would.
    A measure that needs a real change stays Amber while the change is within normal variation (`signal`, from
    sbp.significance). No rating when there is no change to rate (a zero baseline)."""
    if change is None:
        return None
    if measure.needs_signal and signal in (None, Signal.NONE):
        return Rag.AMBER
    worsening = change if measure.polarity == Polarity.LOWER_IS_BETTER else -change
    if worsening <= measure.green_max_change:
        return Rag.GREEN
    if worsening <= measure.amber_max_change:
        return Rag.AMBER
    return Rag.RED


def ranking_band(rank, of):
    """Ranking tables are banded in thirds of the `of` areas ranked, as the pack prints them (of thirty-two
    boroughs: 1-11 Green, 12-21 Amber, the rest Red)."""
    if rank <= round(Decimal(of) / 3):
        return Rag.GREEN
    if rank <= round(Decimal(2 * of) / 3):
        return Rag.AMBER
    return Rag.RED
