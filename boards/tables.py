"""The django-tables2 tables of the boards pages: the actions register, the dashboard's police figures and the
attendance statistics (sortable or not, exportable through sbp.tables)."""

import django_tables2 as tables
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from boards.attendance_stats import Outcome, authorities_in_words
from boards.models import Role
from sbp import rag
from sbp.tables import DateColumn
from sbp.templatetags.figures import signal_words, signed_percent

# A column of sentences keeps a readable width on a phone; its table scrolls in its box (ADR 0029).
PROSE = "sbp-table__prose"


class ActionTable(tables.Table):
    minute = tables.Column(
        verbose_name="Minute", accessor="minute__number", order_by=("minute__meeting__starts_at", "minute__number")
    )
    meeting = DateColumn(verbose_name="Meeting", accessor="minute__meeting__starts_at", format="j M Y")
    description = tables.Column(verbose_name="Action", attrs={"th": {"class": PROSE}})
    action_by = tables.Column(verbose_name="Action by")
    owner_organisation = tables.Column(verbose_name="Organisation", accessor="owner_organisation__name")
    due_date = DateColumn(verbose_name="Due", format="j M Y")
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
    rating = tables.Column(verbose_name="RAG", empty_values=())  # "Not rated" in words, never a dash
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
        words = rag.in_words(record.rating)
        return f"{words} (override: {record.override.reason})" if record.override else words

    def render_hotspots(self, record):
        names = [hotspot.ward.name for hotspot in record.hotspots]
        return format_html_join("", "{}<br>", ((f"{n}. {name}",) for n, name in enumerate(names, 1))) if names else ""

    def value_hotspots(self, record):
        return "; ".join(hotspot.ward.name for hotspot in record.hotspots)


NUMERIC = {"td": {"class": "govuk-table__cell--numeric"}}


def count_column(outcome, verbose_name=None):
    return tables.Column(accessor=f"counts__{outcome}", verbose_name=verbose_name or outcome.label, attrs=NUMERIC)


def percent_words(value):
    return "No meetings expected" if value is None else f"{floatformat(value, '-1')}%"


class AttendanceByPersonTable(tables.Table):
    """Each person's attendance over the period (boards.attendance_stats.PersonRow)."""

    caption = "Each member's attendance, and that of others who sat or sent apologies"

    name = tables.Column(accessor="person__name", verbose_name="Name")
    organisation = tables.Column(accessor="organisation__name", verbose_name="Organisation", default="")
    role = tables.Column(verbose_name="Role", empty_values=())
    expected = tables.Column(verbose_name="Meetings expected", attrs=NUMERIC)
    present = count_column(Outcome.PRESENT)
    present_virtually = count_column(Outcome.PRESENT_VIRTUALLY)
    as_alternate = count_column(Outcome.AS_ALTERNATE, "As an alternate")
    sent_alternate = count_column(Outcome.SENT_ALTERNATE)
    apologies = count_column(Outcome.APOLOGIES)
    absent = count_column(Outcome.ABSENT)
    not_recorded = count_column(Outcome.NOT_RECORDED)
    percent_attended = tables.Column(verbose_name="Attended in person or virtually", empty_values=(), attrs=NUMERIC)

    class Meta:
        attrs = {"id": "attendance-people"}
        orderable = False
        empty_text = "No members in this period."

    def render_role(self, value):
        return Role(value).label if value else "Not a member"

    def value_role(self, value):
        return self.render_role(value)

    def render_percent_attended(self, value):
        return percent_words(value)

    def value_percent_attended(self, value):
        return "" if value is None else value


class AttendanceByOrganisationTable(tables.Table):
    """Each organisation with a seat: the meetings it was expected at and represented at."""

    caption = "Each organisation with a seat on the board"

    organisation = tables.Column(accessor="organisation__name", verbose_name="Organisation")
    responsible_authority = tables.Column(verbose_name="Responsible authority", empty_values=())
    expected = tables.Column(verbose_name="Meetings expected", attrs=NUMERIC)
    represented = tables.Column(verbose_name="Meetings represented", attrs=NUMERIC)
    percent_represented = tables.Column(verbose_name="Represented", empty_values=(), attrs=NUMERIC)

    class Meta:
        attrs = {"id": "attendance-organisations"}
        orderable = False
        empty_text = "No organisations had a seat in this period."

    def render_responsible_authority(self, value):
        return f"Yes ({value.label})" if value else "No"

    def value_responsible_authority(self, value):
        return self.render_responsible_authority(value)

    def render_percent_represented(self, value):
        return percent_words(value)

    def value_percent_represented(self, value):
        return "" if value is None else value


class AttendanceByMeetingTable(tables.Table):
    """Each meeting: who attended as the minutes record it, and whether every responsible authority was there."""

    caption = "Each meeting: attendance as minuted, and the responsible authorities"

    date = DateColumn(verbose_name="Meeting", format="j F Y")
    present = tables.Column(accessor="counts__present", verbose_name="Present", attrs=NUMERIC)
    present_virtually = tables.Column(
        accessor="counts__present_virtually", verbose_name="Present virtually", attrs=NUMERIC
    )
    alternates = tables.Column(verbose_name="Of those present, alternates", attrs=NUMERIC)
    also_present = tables.Column(accessor="counts__also_present", verbose_name="Also present", attrs=NUMERIC)
    apologies = tables.Column(accessor="counts__apologies", verbose_name="Apologies", attrs=NUMERIC)
    absent = tables.Column(accessor="counts__absent", verbose_name="Absent", attrs=NUMERIC)
    authorities = tables.Column(
        accessor="authorities_absent", verbose_name="Every responsible authority attended?", empty_values=()
    )

    class Meta:
        attrs = {"id": "attendance-meetings"}
        orderable = False
        empty_text = "No meetings in this period whose attendance you may see."

    def render_date(self, record):
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            record.meeting.get_absolute_url(),
            date_format(record.date, "j F Y"),
        )

    def value_date(self, value):
        return value  # a date: ISO in CSV

    def render_authorities(self, value):
        return authorities_in_words(value)

    def value_authorities(self, value):
        return authorities_in_words(value)
