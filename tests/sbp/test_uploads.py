"""Every upload form refuses a file over its limit next to the field, and big crime files still get through."""

import re

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from boards.models import AgendaItem, Report
from crime.models import Release
from tests.conftest import SHARED_DATA, make_user

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
WARD_FILE = "MPS_Ward_Level_Crime_recent24_202401-202512.csv"  # 2.3 MB


def pdf(size):
    return SimpleUploadedFile("paper.pdf", b"%PDF-1.7\n" + b"0" * (size - 9), content_type="application/pdf")


def error_next_to(page, field):
    """The text of the field's form group up to its input: its label, hint and error message (the design
    system's markup), with spaces of any kind made single spaces."""
    group = re.search(rf'id="div_id_{field}" class="[^"]*--error">(.*?)<input[^>]* name="{field}"', page, re.S)
    assert group, f"no form group in error for {field}"
    return " ".join(re.sub(r"<[^>]+>", " ", group.group(1)).split())


def test_a_paper_over_its_limit_is_refused_next_to_the_field(client_for, settings, june_2021):
    settings.MAX_PAPER_MB = 1
    data = {"title": "BIG PAPER", "kind": "report", "part": "public", "document": pdf(MB + MB // 2)}
    response = client_for("officer").post(reverse("add-agenda-item", args=[june_2021.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Error: The paper is 1.5 MB: it must be 1.0 MB or smaller." in error_next_to(page, "document")
    assert 'value="BIG PAPER"' in page
    assert not AgendaItem.objects.filter(title="BIG PAPER").exists()


def test_a_paper_within_its_limit_is_saved(client_for, settings, june_2021):
    settings.MAX_PAPER_MB = 1
    data = {"title": "SMALL PAPER", "kind": "report", "part": "public", "document": pdf(MB - 1)}
    response = client_for("officer").post(reverse("add-agenda-item", args=[june_2021.pk]), data)
    assert response.status_code == 302
    assert AgendaItem.objects.get(title="SMALL PAPER").document.size == MB - 1


def test_a_crime_file_over_its_limit_is_refused_next_to_the_field(client_for, settings):
    settings.MAX_CRIME_FILE_MB = 1
    before = Release.objects.count()
    upload = SimpleUploadedFile(WARD_FILE, (SHARED_DATA / WARD_FILE).read_bytes())
    response = client_for("officer").post(reverse("crime-import"), {"kind": "crime", "file": upload})
    assert response.status_code == 200
    assert "Error: The file is 2.3 MB: it must be 1.0 MB or smaller." in error_next_to(
        response.content.decode(), "file"
    )
    assert Release.objects.count() == before


def test_a_crime_file_bigger_than_the_form_data_limit_still_imports(client_for, settings):
    """DATA_UPLOAD_MAX_MEMORY_SIZE counts form fields only: a file is streamed to disk whatever that limit."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    upload = SimpleUploadedFile(WARD_FILE, (SHARED_DATA / WARD_FILE).read_bytes())
    response = client_for("officer").post(reverse("crime-import"), {"kind": "crime", "file": upload})
    assert response.status_code == 302
    assert Release.objects.filter(file_name=WARD_FILE).exists()


def test_form_fields_bigger_than_their_limit_get_a_page_saying_so(client_for, settings, june_2021):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    client = client_for("officer")
    client.raise_request_exception = False
    data = {"title": "LONG", "kind": "report", "part": "public", "context": "x" * (2 * MB)}
    response = client.post(reverse("add-agenda-item", args=[june_2021.pk]), data)
    page = " ".join(response.content.decode().split())
    assert response.status_code == 400
    assert "The form you sent was too large" in page
    assert "more than 1.0 MB of text besides any files" in page
    assert 'nonce=""' not in page  # rendered with the request, so the page's script still runs
    assert not AgendaItem.objects.filter(title="LONG").exists()


@pytest.mark.parametrize(
    ("model", "field", "inline"), [(AgendaItem, "document", None), (Report, "file", "ReportAppendix")]
)
def test_the_admin_upload_forms_meet_the_paper_limit(settings, model, field, inline):
    settings.MAX_PAPER_MB = 1
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = make_user("test-admin", is_staff=True, is_superuser=True)
    if inline:
        [inline_admin] = [i for i in model_admin.inlines if i.model.__name__ == inline]
        form = inline_admin(model, admin.site).get_formset(request).form
    else:
        form = model_admin.get_form(request)
    with pytest.raises(ValidationError) as refused:
        form.base_fields[field].clean(pdf(2 * MB))
    assert refused.value.messages == ["The paper is 2.0\xa0MB: it must be 1.0\xa0MB or smaller."]
