"""Text officers type is rendered as Markdown and can never inject script into a page."""

import pytest

from sbp.templatetags.rich_text import rich_text


def test_markdown_lists_and_emphasis_are_kept():
    html = rich_text("Standing items:\n\n- NDVWI\n- **ASB**")
    assert "<li>NDVWI</li>" in html
    assert "<strong>ASB</strong>" in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_script_cannot_get_through(attack):
    html = rich_text(attack).lower()
    for danger in ["<script", "onerror", "javascript:", "<iframe", "style="]:
        assert danger not in html
