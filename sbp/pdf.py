"""HTML to PDF with WeasyPrint, and the page surgery a document with merged PDFs needs. Knows nothing of boards.

One render: WeasyPrint lays the document out once; page numbers for cross-references come from CSS
`target-counter()` in that same layout, and anchors' pages are read from the laid-out document.
"""

import io
import mimetypes
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from pypdf import PdfReader, PdfWriter, Transformation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_BASE = "https://static.invalid/static/"


class StaticFilesFetcher(URLFetcher):
    """Serve our static files to WeasyPrint from the finders; refuse every other URL (no network, no files)."""

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_BASE):
            raise ValueError(f"Refusing to fetch {url!r} while making a PDF.")
        path = finders.find(url.removeprefix(STATIC_BASE))
        if not path:
            raise ValueError(f"No static file {url!r}.")
        with open(path, "rb") as handle:
            kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=handle.read(), headers={"Content-Type": kind})


@dataclass
class Rendered:
    pdf: bytes
    anchors: dict  # anchor id -> zero-based page index
    pages: int


def render(html):
    """Lay out once, note which page each anchor landed on, and write the PDF (tagged for accessibility)."""
    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticFilesFetcher()).render()
    anchors = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)  # an element split over pages is anchored on each: keep the first
    pdf = document.write_pdf(pdf_tags=True)
    return Rendered(pdf, anchors, len(document.pages))


def page_count(pdf_bytes):
    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)


def merge_onto(base_pdf, inserts, footer_space=0.06):
    """Draw each inserted PDF's pages onto the base document's placeholder pages, starting at the given index.

    `inserts` maps a zero-based page index to PDF bytes. Each inserted page is scaled to fit above the
    base page's footer, so the base document's running footer ("Page N") stays on every page.
    """
    # Incremental: only the changed pages are written after the original bytes, not the whole document again.
    writer = PdfWriter(io.BytesIO(base_pdf), incremental=True)
    for start, pdf_bytes in inserts.items():
        for offset, page in enumerate(PdfReader(io.BytesIO(pdf_bytes)).pages):
            target = writer.pages[start + offset]
            width, height = float(target.mediabox.width), float(target.mediabox.height)
            usable = height * (1 - footer_space)
            scale = min(width / float(page.mediabox.width), usable / float(page.mediabox.height))
            shift = height - usable
            target.merge_transformed_page(page, Transformation().scale(scale).translate(0, shift))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
