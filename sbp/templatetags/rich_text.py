"""The `rich_text` filter: Markdown typed by officers, rendered and then sanitised so it cannot inject script."""

from functools import lru_cache

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


@register.filter
def rich_text(text):
    return mark_safe(rendered(text or ""))


@lru_cache(maxsize=4096)
def rendered(text):
    """The safe HTML of some Markdown; a pure function of the text, so a minute read on every page view is
    converted once per process."""
    html = markdown_lib.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    # nh3 removes anything not allow-listed (script, event handlers, javascript: URLs) after Markdown runs.
    return nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener noreferrer")
