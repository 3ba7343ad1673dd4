"""HTML to PDF with WeasyPrint, and the page surgery a document with merged PDFs needs. Knows nothing of boards.

One render: WeasyPrint lays the document out once; page numbers for cross-references come from CSS
`target-counter()` in that same layout, and anchors' pages are read from the laid-out document.
"""

import io
import mimetypes
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject
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
    """Lay out once, note which page each anchor landed on, and write the PDF as PDF/UA (tagged)."""
    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticFilesFetcher()).render()
    anchors = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)  # an element split over pages is anchored on each: keep the first
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")  # tagged, with the PDF/UA identification
    return Rendered(pdf, anchors, len(document.pages))


def page_count(pdf_bytes):
    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)


def merge_onto(base_pdf, inserts, footer_space=0.06):
    """Draw each inserted PDF's pages onto the base document's placeholder pages, starting at the given index.

    `inserts` maps a zero-based page index to PDF bytes. Each inserted page becomes a Form XObject drawn once,
    scaled to fit above the base page's footer, so the running footer ("Page N") stays on every page. Forms
    keep the inserted content as it is: nothing is parsed or renamed, which is what makes merging cheap.
    """
    # Incremental: only the changed pages are written after the original bytes, not the whole document again.
    writer = PdfWriter(io.BytesIO(base_pdf), incremental=True)
    for start, pdf_bytes in inserts.items():
        for offset, page in enumerate(PdfReader(io.BytesIO(pdf_bytes)).pages):
            draw_page(writer, writer.pages[start + offset], page, footer_space)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def draw_page(writer, target, page, footer_space):
    width, height = float(target.mediabox.width), float(target.mediabox.height)
    usable = height * (1 - footer_space)
    scale = min(width / float(page.mediabox.width), usable / float(page.mediabox.height))
    name = NameObject(f"/SbpInsert{id(page)}")
    resources = target[NameObject("/Resources")].get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    resources["/XObject"].get_object()[name] = writer._add_object(as_form(writer, page))
    contents = target.get("/Contents")
    parts = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    # The page's own content (WeasyPrint's) may leave its coordinate system flipped: wrap it in q ... Q so
    # the form is drawn in the default space.
    before, after = (
        stream(b"q"),
        stream(f"Q q {scale:.5f} 0 0 {scale:.5f} 0 {height - usable:.2f} cm {name} Do Q".encode()),
    )
    target[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *parts, writer._add_object(after)])


def stream(data):
    made = DecodedStreamObject()
    made.set_data(data)
    return made


def as_form(writer, page):
    """A PDF page as a Form XObject: its content stream unchanged, its resources copied into the writer."""
    contents = page.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in page.mediabox]),
            NameObject("/Resources"): page["/Resources"].get_object().clone(writer),
        }
    )
    return form
