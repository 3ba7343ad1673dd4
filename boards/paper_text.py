"""The words of an uploaded paper (a PDF), read once when it is uploaded and kept beside it for search."""

import logging

logger = logging.getLogger(__name__)

# Which text field keeps the words of which uploaded file, per model (boards.search indexes them).
TEXT_OF = {"AgendaItem": {"document": "document_text"}, "ReportAppendix": {"file": "file_text"}}


def read(file):
    """The text of every page; "" for a file pypdf cannot read (the upload is still kept: it may print)."""
    # Imported here: pypdf takes a while to import, and only an upload needs it (tests/sbp/test_startup.py).
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        file.seek(0)
        text = "\n".join(page.extract_text() or "" for page in PdfReader(file).pages)
    except (PyPdfError, ValueError, OSError, KeyError, TypeError) as error:
        logger.warning("No text read from %s: %s", getattr(file, "name", "a paper"), error)
        text = ""
    finally:
        file.seek(0)
    return text.replace("\x00", "")  # PostgreSQL text cannot hold NUL


def read_stored(field_file):
    """The text of a file already in storage (for papers uploaded before text was kept)."""
    if not field_file:
        return ""
    try:
        with field_file.open("rb") as file:
            return read(file)
    except OSError as error:  # listed but gone from storage: nothing to read
        logger.warning("Paper %s not found: %s", field_file.name, error)
        return ""


class PaperTextForm:
    """A model form mixin: when a paper is uploaded (or cleared), its text is read into its text field."""

    def _post_clean(self):
        super()._post_clean()
        for file_name, text_name in TEXT_OF.get(type(self.instance).__name__, {}).items():
            if file_name in self.fields and file_name in self.changed_data:
                upload = self.cleaned_data.get(file_name)
                setattr(self.instance, text_name, read(upload) if upload else "")
