"""The district ranking table, in the pack's shape: rank, district, rate per 1,000, position change, RAG band."""

import django_tables2 as tables
from django.template.defaultfilters import floatformat

from crime import rag


class RankingTable(tables.Table):
    rank = tables.Column(verbose_name="Rank (1 = lowest rate)")
    borough = tables.Column(accessor="area__name", verbose_name="District", order_by=("area__name",))
    count = tables.Column(verbose_name="Offences")
    population = tables.Column(verbose_name="Population")
    rate = tables.Column(verbose_name="Rate per 1,000")
    band = tables.Column(verbose_name="RAG band", empty_values=(), orderable=False)

    caption = (
        "Districts ranked by rate per 1,000 population"  # read by sbp/_table.html, which labels the scroll box with it
    )

    class Meta:
        attrs = {"id": "borough-ranking"}
        order_by = ("rank",)
        row_attrs = {"class": lambda record, table: "sbp-highlight" if record.area.pk == table.highlight else ""}

    def __init__(self, *args, highlight, **kwargs):
        super().__init__(*args, **kwargs)
        self.highlight = highlight

    # Pages print counts as the pack does (2,147); exports keep plain numbers for spreadsheets.
    def render_count(self, value):
        return floatformat(value, "0g")

    def value_count(self, value):
        return value

    def render_population(self, value):
        return floatformat(value, "0g")

    def value_population(self, value):
        return value

    def render_band(self, record):
        return rag.ranking_band(record.rank, len(self.data)).label

    def value_band(self, record):
        return rag.ranking_band(record.rank, len(self.data)).label
