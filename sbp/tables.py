"""Table exports that are safe to open in a spreadsheet, and the outbox table."""

import datetime

import django_tables2 as tables
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_tables2.export import TableExport

# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a quote to text a spreadsheet would treat as a formula; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell(value, export_format):
    """A date stays a date for a spreadsheet (a real date cell in Excel) and becomes ISO 8601 text elsewhere."""
    if isinstance(value, datetime.date) and export_format != "xlsx":
        return value.isoformat()
    return neutralise(value)


class DateColumn(tables.DateColumn):
    """A date on the page as the pack prints it ("17 Jun 2021"); in an export, the date itself, taken in local
    time when the value is a moment (a meeting at 00:30 BST is on the 17th, not the 16th as UTC would say).
    django-tables2's own DateColumn exports ISO text, which Excel keeps as text."""

    def value(self, value, **kwargs):
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).date()
        if isinstance(value, datetime.date):
            return value
        return super().value(value=value, **kwargs)


class BoundedPaginator(Paginator):
    """Pages of 1 to 100 rows whatever ?per_page= asks: below one there is no first page, above it every row."""

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), 100), *args, **kwargs)


def export_response(request, table, name):
    """The table as a download when the request asks for one (?_export=csv or xlsx), else None."""
    export_format = request.GET.get("_export")
    if not SafeTableExport.is_valid_format(export_format):
        return None
    return SafeTableExport(export_format, table).response(f"{name}.{export_format}")


class SafeTableExport(TableExport):
    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        rows = [tuple(cell(value, self.format) for value in row) for row in dataset]
        del dataset[:]
        for row in rows:
            dataset.append(row)
        return dataset


class OutboxTable(tables.Table):
    """The outbox page: every message with what happened to it. Bodies are not shown: each carries its
    recipient's preferences link."""

    created_at = tables.DateTimeColumn(verbose_name="Queued", format="j M Y H:i")
    partnership = tables.Column(verbose_name="Partnership", accessor="partnership__name")
    to = tables.Column(verbose_name="To")
    subject = tables.Column(verbose_name="Subject")
    kind = tables.Column(verbose_name="About")
    status = tables.Column(verbose_name="Status")
    sent_at = tables.DateTimeColumn(verbose_name="Sent", format="j M Y H:i")
    error = tables.Column(verbose_name="Error", default="")
    again = tables.TemplateColumn(
        template_name="sbp/_send_again.html", orderable=False, empty_values=(),
        verbose_name=mark_safe('<span class="govuk-visually-hidden">Send again</span>'),  # a heading for screen readers
    )  # fmt: skip  # a failed email's button to queue it again

    caption = "Emails, newest first"  # read by sbp/_table.html, which labels the scroll box with it

    class Meta:
        attrs = {"id": "outbox"}
        empty_text = "No emails yet."
        # What happened first, with a failed email's reason and its button, so neither is off the edge of the box.
        sequence = ("created_at", "status", "error", "again", "to", "subject", "kind", "sent_at", "partnership")
        order_by = ("-created_at",)
