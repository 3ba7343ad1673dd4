"""Filters for the actions register (django-filter)."""

import django_filters
from django.utils import timezone

from boards.models import Action, Meeting
from sbp.models import Organisation


class ActionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Action.Status.choices, empty_label="Any status")
    # As long as the field it searches: a longer value is an error beside the field, not a query (SQLite
    # refuses a LIKE pattern of 100,000 characters outright).
    action_by = django_filters.CharFilter(
        label="Action by (initials)", lookup_expr="iexact", max_length=Action._meta.get_field("action_by").max_length
    )
    owner_organisation = django_filters.ModelChoiceFilter(
        label="Organisation", queryset=Organisation.objects.all(), empty_label="Any organisation"
    )
    meeting = django_filters.ModelChoiceFilter(
        label="Meeting",
        field_name="minute__meeting",
        queryset=Meeting.objects.select_related("board"),
        empty_label="Any meeting",
    )
    arising_for = django_filters.ModelChoiceFilter(
        label="Matters arising at",
        queryset=Meeting.objects.select_related("board"),
        empty_label="Any meeting",
        method="filter_arising_for",
    )
    overdue = django_filters.ChoiceFilter(
        label="Overdue",
        choices=[("yes", "Overdue only"), ("no", "Not overdue")],
        empty_label="Overdue or not",
        method="filter_overdue",
    )

    class Meta:
        model = Action
        fields = ["status", "action_by", "owner_organisation", "meeting", "arising_for", "overdue"]

    def __init__(self, *args, meetings=None, **kwargs):
        """`meetings`: those the reader may choose from (their partnerships' meetings), every meeting if None."""
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.filters["meeting"].queryset = self.filters["arising_for"].queryset = meetings.select_related("board")

    def filter_arising_for(self, queryset, name, value):
        """The open actions from earlier meetings that a meeting takes as its matters arising."""
        return queryset & Action.objects.arising_for(value)

    def filter_overdue(self, queryset, name, value):
        overdue = {"status": Action.Status.OPEN, "due_date__lt": timezone.localdate()}
        return queryset.filter(**overdue) if value == "yes" else queryset.exclude(**overdue)
