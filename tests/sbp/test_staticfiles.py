"""Static files as production serves them: collected under hashed names with gzip and brotli copies, served by
WhiteNoise as immutable, and still found for PDF packs."""

import gzip
import json
import os
import re
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from sbp import pdf

pytestmark = pytest.mark.django_db

SOURCES = Path(settings.BASE_DIR) / "static"
PRODUCTION_STORAGES = settings.STORAGES | {"staticfiles": {"BACKEND": "sbp.staticfiles.HashedCompressedStorage"}}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic once for the module (compressing plotly.js takes a while), as `make serve` does."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def hashed_name(root, name):
    return json.loads((root / "staticfiles.json").read_text())["paths"][name]


@pytest.mark.parametrize("name", ["vendor/plotly-basic.min.js", "css/sbp.css", "js/sbp.js"])
def test_collectstatic_writes_a_hashed_name_with_gzip_and_brotli_copies_of_the_same_bytes(collected, name):
    hashed = hashed_name(collected, name)
    stem, extension = os.path.splitext(name)
    assert re.fullmatch(re.escape(stem) + r"\.[0-9a-f]{12}" + re.escape(extension), hashed)
    body = (collected / hashed).read_bytes()
    assert gzip.decompress((collected / f"{hashed}.gz").read_bytes()) == body
    assert brotli.decompress((collected / f"{hashed}.br").read_bytes()) == body


def test_only_the_hashed_names_are_kept(collected):
    assert not (collected / "css" / "sbp.css").exists()
    assert not (collected / "vendor" / "plotly-basic.min.js").exists()


def test_the_module_script_imports_govuk_frontend_by_its_hashed_name(collected):
    script = (collected / hashed_name(collected, "js/sbp.js")).read_text()
    assert f'from "./{Path(hashed_name(collected, "js/govuk-frontend.min.js")).name}"' in script


def test_pages_link_the_hashed_files_and_whitenoise_serves_them_compressed_for_ten_years(collected):
    client = Client()  # a new client loads the middleware, so WhiteNoise reads the collected folder
    page = client.get("/").content.decode()
    css_url = settings.STATIC_URL + hashed_name(collected, "css/sbp.css")
    assert f'href="{css_url}"' in page
    response = client.get(css_url, headers={"accept-encoding": "br, gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert brotli.decompress(b"".join(response.streaming_content)) == (SOURCES / "css" / "sbp.css").read_bytes()


def test_a_client_without_brotli_gets_gzip(collected):
    plotly_url = settings.STATIC_URL + hashed_name(collected, "vendor/plotly-basic.min.js")
    response = Client().get(plotly_url, headers={"accept-encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]


def test_pdf_packs_still_find_their_stylesheet_under_its_own_name(collected):
    fetched = pdf.StaticFilesFetcher().fetch(pdf.STATIC_BASE + "pdf/pack.css")
    assert fetched.read() == (SOURCES / "pdf" / "pack.css").read_bytes()


def test_no_template_names_a_static_file_by_its_path():
    """A path written out would miss the hashed name; every static file goes through {% static %}."""
    written = [
        f"{template.relative_to(settings.BASE_DIR)}: {match.group()}"
        for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        for match in re.finditer(r"""(?:src|href)=["']/static/[^"']*""", template.read_text())
    ]
    assert written == []
