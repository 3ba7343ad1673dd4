"""Printing a percentage change as the papers do: signed, with the decimals it was given and no padding."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def signed_percent(value):
    """-51.9 -> '-51.9%', 45.20 -> '+45.2%', 0 -> '0%'; None -> 'n/a' (a zero baseline has no change)."""
    if value is None:
        return "n/a"
    number = Decimal(value).normalize()
    return f"{'+' if number > 0 else ''}{number:f}%"
