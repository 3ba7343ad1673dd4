"""CSV downloads of the open data lists (`?format=csv`): one row per result, flat columns, safe in a spreadsheet."""

import csv
import io

from rest_framework.renderers import BaseRenderer

from sbp.tables import neutralise


def flat(row, prefix=""):
    """{column: value} of one result: nested objects become `outer_inner` columns, lists of plain values one cell
    joined by '; ', and lists of objects are left to their own list (e.g. agenda items at /api/v1/agenda-items/)."""
    found = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            found |= flat(value, f"{name}_")
        elif isinstance(value, list):
            if not any(isinstance(part, dict | list) for part in value):
                found[name] = "; ".join(str(part) for part in value)
        else:
            found[name] = value
    return found


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        results = data.get("results", [data]) if isinstance(data, dict) else data
        rows = [flat(result) for result in results]
        columns = list(dict.fromkeys(column for row in rows for column in row))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: neutralise(value) for column, value in row.items()})
        return out.getvalue().encode(self.charset)
