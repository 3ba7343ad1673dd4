"""`user|keeps_records`: whether to offer the management pages (each page still asks sbp.roles itself)."""

from django import template

from sbp.roles import RECORD_KEEPERS, has_role_anywhere

register = template.Library()


@register.filter
def keeps_records(user):
    return has_role_anywhere(user, *RECORD_KEEPERS)
