"""Printing a percentage change as the papers do: signed, with the decimals it was given and no padding."""

from decimal import Decimal

from django import template

from sbp.significance import Signal

register = template.Library()


@register.filter
def signed_percent(value):
    """-51.9 -> '-51.9%', 45.20 -> '+45.2%', 0 -> '0%'; None -> 'n/a' (a zero baseline has no change)."""
    if value is None:
        return "n/a"
    number = Decimal(value).normalize()
    return f"{'+' if number > 0 else ''}{number:f}%"


@register.filter
def signal_words(figure):
    """Whether a figure's change is real, beyond normal variation for its counts, in words with its z-score:
    'Yes, a real rise (z = 4.09)', 'No, within normal variation (z = 0.42)'; '' when there are not two counts to
    test (sbp.significance)."""
    if figure.signal is None:
        return ""
    return f"{VERDICTS[figure.signal]} (z = {figure.z})"


VERDICTS = {
    Signal.RISE: "Yes, a real rise",
    Signal.FALL: "Yes, a real fall",
    Signal.NONE: "No, within normal variation",
}
