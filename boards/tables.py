"""The actions register as a django-tables2 table (sortable, paginated, exportable)."""

import django_tables2 as tables
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from sbp.templatetags.figures import signal_words, signed_percent

# A column of sentences keeps a readable width on a phone; its table scrolls in its box (ADR 0029).
PROSE = "sbp-table__prose"


class ActionTable(tables.Table):
    minute = tables.Column(
        verbose_name="Minute", accessor="minute__number", order_by=("minute__meeting__starts_at", "minute__number")
    )
    meeting = tables.DateColumn(verbose_name="Meeting", accessor="minute__meeting__starts_at", format="j M Y")
    description = tables.Column(verbose_name="Action", attrs={"th": {"class": PROSE}})
    action_by = tables.Column(verbose_name="Action by")
    owner_organisation = tables.Column(verbose_name="Organisation", accessor="owner_organisation__name")
    due_date = tables.DateColumn(verbose_name="Due", format="j M Y")
    status = tables.Column(verbose_name="Status")

    caption = "Actions matching the filters"  # read by sbp/_table.html, which labels the scroll box with it

    class Meta:
        attrs = {"id": "actions-register"}
        empty_text = "No actions match."
        order_by = ("due_date",)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def render_minute(self, record):
        return format_html(
            '<a class="govuk-link" href="{}">Minute {}</a>',
            reverse("action-detail", args=[record.pk]),
            record.minute.reference,
        )

    def value_minute(self, record):
        return record.minute.reference

    def render_status(self, record):
        if record.is_overdue(self.today):
            return format_html(
                '{} <strong class="govuk-tag govuk-tag--red">Overdue</strong>', record.get_status_display()
            )
        return record.get_status_display()

    def value_status(self, record):
        return "Overdue" if record.is_overdue(self.today) else record.get_status_display()


class PoliceFiguresTable(tables.Table):
    """The police section of the dashboard: one row per measure, RAG in words as well as colour."""

    measure = tables.Column(
        accessor="measure__name", verbose_name="Measure", order_by=("measure__name",), attrs={"th": {"class": PROSE}}
    )
    period = tables.Column(verbose_name="Period")
    count = tables.Column(verbose_name="Count", attrs={"td": {"class": "govuk-table__cell--numeric"}})
    comparison = tables.Column(verbose_name="Comparison", attrs={"td": {"class": "govuk-table__cell--numeric"}})
    change = tables.Column(verbose_name="Change %", attrs={"td": {"class": "govuk-table__cell--numeric"}})
    signal = tables.Column(verbose_name="Real change?", orderable=False, empty_values=())
    rating = tables.Column(verbose_name="RAG")
    hotspots = tables.Column(verbose_name="Ward hotspots", orderable=False, empty_values=())

    caption = "Police figures for the quarter"  # read by sbp/_table.html, which labels the scroll box with it

    class Meta:
        attrs = {"id": "police-figures"}
        empty_text = "No police figures for this quarter."
        orderable = True

    def render_measure(self, record):
        cautions = format_html_join(
            "", '<span class="govuk-body-s sbp-caution">{}</span>', ((c,) for c in [*record.cautions, *record.notes])
        )
        return format_html("<strong>{}</strong>{}", record.measure.name, cautions)

    def value_measure(self, record):
        return record.measure.name

    def render_count(self, value):
        return floatformat(value, "-2g")

    def value_count(self, value):
        return value

    def render_comparison(self, record):
        number = floatformat(record.comparison, "-2g") if record.comparison is not None else ""
        return format_html('{} <span class="govuk-body-s">{}</span>', number, record.comparison_label)

    def value_comparison(self, record):
        return "" if record.comparison is None else record.comparison

    def render_change(self, value):
        return signed_percent(value)

    def render_signal(self, record):
        return signal_words(record)

    def value_signal(self, record):
        return signal_words(record)

    def value_change(self, value):
        return value

    def render_rating(self, record):
        rating = render_to_string("sbp/_rag.html", {"rag": record.rating})
        if record.override:
            return format_html('{} <span class="govuk-body-s">Override: {}</span>', rating, record.override.reason)
        return rating

    def value_rating(self, record):
        words = (record.rating or "not rated").capitalize()
        return f"{words} (override: {record.override.reason})" if record.override else words

    def render_hotspots(self, record):
        names = [hotspot.ward.name for hotspot in record.hotspots]
        return format_html_join("", "{}<br>", ((f"{n}. {name}",) for n, name in enumerate(names, 1))) if names else ""

    def value_hotspots(self, record):
        return "; ".join(hotspot.ward.name for hotspot in record.hotspots)
