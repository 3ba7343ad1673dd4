"""Pages of the open data lists: numbered, with the licence in the envelope of every page."""

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from boards.api import licence


class OpenDataPagination(PageNumberPagination):
    """`?page=2`; a page that does not exist (or is not a number) answers 404, as DRF's own does."""

    page_size = 50

    def get_paginated_response(self, data):
        return Response(
            {
                "licence": licence.STATEMENT,
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        found = super().get_paginated_response_schema(schema)
        found["properties"] = {"licence": LICENCE_SCHEMA, **found["properties"]}
        found["required"] = ["licence", *found["required"]]
        return found


LICENCE_SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
    "required": ["name", "url"],
}
