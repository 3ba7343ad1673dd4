"""The actions register as a django-tables2 table (sortable, paginated, exportable)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html


class ActionTable(tables.Table):
    minute = tables.Column(
        verbose_name="Minute", accessor="minute__number", order_by=("minute__meeting__starts_at", "minute__number")
    )
    meeting = tables.DateColumn(verbose_name="Meeting", accessor="minute__meeting__starts_at", format="j M Y")
    description = tables.Column(verbose_name="Action")
    action_by = tables.Column(verbose_name="Action by")
    owner_organisation = tables.Column(verbose_name="Organisation", accessor="owner_organisation__name")
    due_date = tables.DateColumn(verbose_name="Due", format="j M Y")
    status = tables.Column(verbose_name="Status")

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
