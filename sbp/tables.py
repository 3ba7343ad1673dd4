"""Table exports that are safe to open in a spreadsheet."""

from django.core.paginator import Paginator
from django_tables2.export import TableExport

# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a quote to text a spreadsheet would treat as a formula; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
        rows = [tuple(neutralise(value) for value in row) for row in dataset]
        del dataset[:]
        for row in rows:
            dataset.append(row)
        return dataset
