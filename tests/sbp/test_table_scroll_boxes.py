"""ADR 0029: every table a page shows sits in the one scroll box, labelled by the table's own caption."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from boards.tables import ActionTable, PoliceFiguresTable
from crime.tables import RankingTable
from sbp.tables import OutboxTable

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# The pack's templates become a PDF (boards/pack.py): paper cannot scroll, and the print rules fit tables there.
PAGE_TEMPLATES = sorted(p for p in TEMPLATES.rglob("*.html") if "pack" not in p.relative_to(TEMPLATES).parts)
BOX = re.compile(
    r'<div class="sbp-table-scroll"\s+role="region"\s+tabindex="0"\s+aria-labelledby="(?P<id>[^"]+)">\s*'
    r"<table [^>]*>\s*<caption (?P<attrs>[^>]*)>",
)


def tables_in(path):
    return path.read_text().count("<table")


@pytest.mark.parametrize(
    "path", [p for p in PAGE_TEMPLATES if tables_in(p)], ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_every_table_on_a_page_is_in_a_scroll_box_named_by_its_caption(path):
    text = path.read_text()
    boxes = list(BOX.finditer(text))
    assert len(boxes) == tables_in(path), "each <table> opens straight after the scroll box and starts with a caption"
    for box in boxes:
        assert f'id="{box["id"]}"' in box["attrs"], f"the box is labelled by {box['id']}, which is not the caption"


@pytest.mark.parametrize("table_class", [ActionTable, PoliceFiguresTable, RankingTable, OutboxTable])
def test_every_django_tables2_table_has_an_id_and_a_caption_for_its_box(table_class):
    assert table_class._meta.attrs["id"]
    assert table_class.caption


def test_the_django_tables2_template_labels_the_box_with_the_caption(rf):
    table = OutboxTable([])
    table.context = None
    html = render_to_string("sbp/_table.html", {"table": table, "request": rf.get("/")})
    assert 'role="region" tabindex="0" aria-labelledby="outbox-caption"' in " ".join(html.split())
    assert re.search(r'<caption[^>]*id="outbox-caption"[^>]*>Emails, newest first</caption>', html)
