"""`mapping|item:key`: look a key up in a dict whose key is itself a variable."""

from django import template

register = template.Library()


@register.filter
def item(mapping, key):
    return mapping.get(key) if mapping else None
