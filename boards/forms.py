"""Forms officers fill in. Each validates next to the field and keeps what was typed."""

import contextlib
import datetime
from zoneinfo import ZoneInfo

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import inlineformset_factory
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from boards import attendance_stats, search
from boards.agenda import Place
from boards.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Board,
    DeclarationOfInterest,
    Meeting,
    Minute,
    Part,
    Report,
    Resolution,
)
from boards.paper_text import PaperTextForm
from sbp.locking import Difference, VersionedModelForm
from sbp.models import Partnership, Person
from sbp.uploads import LimitedFileField
from strategy.models import Priority

DATE = forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class NextMeetingForm(forms.Form):
    date = forms.DateField(widget=DATE, help_text="For example, 9 September 2021.")
    time = forms.TimeField(widget=TIME, initial=datetime.time(10, 0))
    venue = forms.CharField(max_length=300, required=False)
    mode = forms.ChoiceField(choices=Meeting.Mode.choices, initial=Meeting.Mode.IN_PERSON, label="How it meets")
    web_link = forms.URLField(
        max_length=500, required=False, label="Web link to join (virtual or hybrid meetings)",
        help_text="For example, https://teams.microsoft.com/... Shown only when the meeting is virtual or hybrid.",
    )  # fmt: skip

    def __init__(self, *args, board, after, **kwargs):
        super().__init__(*args, **kwargs)
        self.board, self.after = board, after

    def starts_at(self):
        zone = ZoneInfo(settings.TIME_ZONE)
        return datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"], tzinfo=zone)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if self.after is not None and self.starts_at() <= self.after:
            self.add_error("date", "The next meeting must be after this one.")
        elif Meeting.objects.filter(board=self.board, starts_at=self.starts_at()).exists():
            self.add_error("date", "The board already has a meeting at that date and time.")
        return cleaned


class NewMeetingForm(NextMeetingForm):
    """A meeting made from scratch (a board's first): the next-meeting fields, and what it copies from none."""

    title = forms.CharField(
        max_length=200, required=False, help_text="Leave blank to use the board's name, as most meetings do."
    )
    contact_officer = forms.ModelChoiceField(queryset=Person.objects.order_by("name"), required=False)
    standing_items = forms.BooleanField(
        required=False, initial=True, label="Start the agenda with the standing items",
        help_text="Welcome and apologies, minutes of the last meeting, matters arising, any other business and date "
        "of next meeting.",
    )  # fmt: skip
    field_order = ["title", "date", "time", "mode", "venue", "web_link", "contact_officer", "standing_items"]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, board=board, after=None, **kwargs)

    def meeting(self):
        data = self.cleaned_data
        return Meeting(
            board=self.board, title=data["title"], starts_at=self.starts_at(), mode=data["mode"],
            venue=data["venue"], web_link=data["web_link"], contact_officer=data["contact_officer"],
        )  # fmt: skip


class CallOffForm(forms.Form):
    """Cancelling or postponing a meeting: why, and for a postponement the new date when it is known."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text="Shown on the meeting page to everyone who can see the meeting, and sent to its members.",
    )  # fmt: skip
    new_date = forms.DateField(widget=DATE, required=False, label="New date", help_text="Leave blank if not known.")
    new_time = forms.TimeField(widget=TIME, required=False, label="New time")

    def __init__(self, *args, meeting, postponing, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if not postponing:
            del self.fields["new_date"], self.fields["new_time"]

    def postponed_to(self):
        day = self.cleaned_data.get("new_date")
        if day is None:
            return None
        at = self.cleaned_data.get("new_time") or timezone.localtime(self.meeting.starts_at).time()
        return datetime.datetime.combine(day, at.replace(tzinfo=None), tzinfo=ZoneInfo(settings.TIME_ZONE))

    def clean(self):
        cleaned = super().clean()
        if "new_date" in self.fields and not self.errors:
            if cleaned.get("new_time") and not cleaned.get("new_date"):
                self.add_error("new_date", "Give the new date as well as the new time.")
            elif (moved_to := self.postponed_to()) is not None and moved_to == self.meeting.starts_at:
                self.add_error("new_date", "The new date and time must differ from the meeting's.")
        return cleaned


class PaperField(LimitedFileField):
    """An agenda paper or appendix: a PDF no bigger than DJANGO_MAX_PAPER_MB."""

    limit_setting = "MAX_PAPER_MB"
    what = "paper"


def place_words(place, shown):
    """A place on the agenda as the add form offers it; `shown` is the item as the redaction policy shows it."""
    if place.item is None:
        return "At the start of the agenda" if place.kind == Place.Kind.START else "At the end of the agenda"
    if place.kind == Place.Kind.UNDER:
        return f"As a sub-item of item {shown.reference}, {shown.title}"
    return f"After item {shown.reference}, {shown.title} (and its sub-items)"


class AgendaItemForm(PaperTextForm, VersionedModelForm):
    # Not required: a form sent without it (as before places existed) adds the item at the end.
    place = forms.ChoiceField(
        label="Where it goes on the agenda", help_text="Items after it are renumbered.", required=False
    )

    class Meta:
        model = AgendaItem
        fields = ["title", "context", "kind", "standing_kind", "priority", "presenter", "part", "exempt_reason",
                  "public_title", "document"]  # fmt: skip
        labels = {
            "context": "Text printed under the item",
            "standing_kind": "What the standing item is for",
            "priority": "Strategy priority it discusses",
            "part": "Business",
            "public_title": "Title the public may read (Part 2 only)",
            "document": "Paper (PDF)",
        }
        widgets = {"context": forms.Textarea(attrs={"rows": 4}), "part": forms.RadioSelect}
        field_classes = {"document": PaperField}

    def __init__(self, *args, places=None, shown=None, partnership=None, **kwargs):
        """`places` (boards.agenda.places) when adding an item; `shown` gives each item as the reader sees it;
        `partnership`: the meeting's, whose strategies' priorities alone the item may discuss."""
        super().__init__(*args, **kwargs)
        self.places = {f"{place.kind}-{place.item.pk if place.item else ''}": place for place in places or []}
        if places is None:
            del self.fields["place"]
        else:
            self.fields["place"].choices = [
                (key, place_words(place, place.item and shown(place.item))) for key, place in self.places.items()
            ]
            self.fields["place"].initial = next(reversed(self.places))
        self.fields["presenter"].queryset = Person.objects.order_by("name")
        self.fields["standing_kind"].help_text = (
            "A strategy progress report carries every priority's returns and ratings for the meeting's quarter into "
            "the pack, and is copied to the next meeting. A strategy document, on an item of any kind, prints the "
            "strategy in force on the meeting's day."
        )
        priorities = Priority.objects.filter(strategy__partnership=partnership).select_related("strategy")
        self.fields["priority"].queryset = priorities.order_by("-strategy__starts_on", "number")
        self.fields["priority"].label_from_instance = lambda p: f"{p.strategy}: {p}"

    def chosen_place(self):
        return self.places.get(self.cleaned_data.get("place"), Place(Place.Kind.END))

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "read"):
            head = document.read(5)
            document.seek(0)
            if head != b"%PDF-":
                raise ValidationError("The paper must be a PDF file.")
        return document

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("part") == "exempt" and not cleaned.get("exempt_reason", "").strip():
            self.add_error("exempt_reason", "Give the reason this item is exempt, e.g. the Schedule 12A paragraph.")
        if cleaned.get("part") == "public":
            cleaned["exempt_reason"] = cleaned["public_title"] = ""
        purpose = cleaned.get("standing_kind")
        if purpose and purpose not in AgendaItem.ANY_KIND_PURPOSES and cleaned.get("kind") != AgendaItem.Kind.STANDING:
            # Only standing items are copied to the next meeting (boards.agenda.create_next_meeting).
            self.add_error("kind", "An item with a standing purpose must be a standing item.")
        return cleaned


ATTENDANCE_CHOICES = [("", "Not recorded")] + [
    (value, label) for value, label in Attendance.Status.choices if value != Attendance.Status.ALSO_PRESENT
]


class AttendanceForm(forms.Form):
    """One choice per member of the board on the day of the meeting, saved from the grid's version."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.fields["version"].initial = meeting.attendance_version
        recorded = {a.person_id: a.status for a in meeting.attendances.all()}
        for membership in members:
            self.fields[f"member_{membership.person_id}"] = forms.ChoiceField(
                label=membership.person.name,
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=recorded.get(membership.person_id, ""),
            )
        self.members = members

    def statuses(self):
        return {m.person: self.cleaned_data[f"member_{m.person_id}"] for m in self.members}

    def show_conflict(self, meeting):
        """Someone saved the attendance first: list where their grid and this one differ, and keep this one."""
        saved = {a.person_id: a.status for a in meeting.attendances.all()}
        words = dict(ATTENDANCE_CHOICES)
        self.conflict = [
            Difference(person.name, words.get(saved.get(person.pk, ""), ""), words[status])
            for person, status in self.statuses().items()
            if saved.get(person.pk, "") != status
        ]
        self.data = self.data.copy()
        self.data["version"] = meeting.attendance_version


class AlternateForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.order_by("name"), label="Who attended")
    alternate_for = forms.ModelChoiceField(queryset=Person.objects.none(), label="As alternate for")
    capacity = forms.CharField(max_length=300, required=False, help_text="Their job title, as it will be minuted.")

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alternate_for"].queryset = Person.objects.filter(pk__in=[m.person_id for m in members])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("person") and cleaned.get("person") == cleaned.get("alternate_for"):
            self.add_error("alternate_for", "A member cannot be their own alternate.")
        return cleaned


class AlsoPresentForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.order_by("name"), label="Who was also present")
    capacity = forms.CharField(max_length=300, required=False, help_text="e.g. Public Protection Division")


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = DeclarationOfInterest
        fields = ["person", "agenda_item", "interest"]
        widgets = {"interest": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["person"].queryset = Person.objects.order_by("name")


class MinuteForm(VersionedModelForm):
    class Meta:
        model = Minute
        fields = ["agenda_item", "title", "text"]
        labels = {"agenda_item": "Agenda item", "text": "Minute"}
        help_texts = {"text": "Plain text; a blank line starts a new paragraph and lines starting '- ' make a list."}
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["agenda_item"].required = False
        self.fields["title"].required = False
        self.fields["title"].help_text = "Leave blank to use the agenda item's title."

    def clean(self):
        cleaned = super().clean()
        # Most minutes are headed as their agenda item is: the officer types a title only when it differs.
        if not cleaned.get("title"):
            if cleaned.get("agenda_item") is None:
                self.add_error("title", "Give the minute a title, or choose the agenda item it minutes.")
            else:
                cleaned["title"] = cleaned["agenda_item"].title
        return cleaned


def with_another(data, prefix):
    """The submitted data with room for one more form in the `prefix` formset: the no-JavaScript 'add another'
    (static/js/formsets.js adds the row in the page instead, without the round trip)."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    with contextlib.suppress(ValueError):  # a broken management form: the formset reports it itself
        data[key] = str(min(int(data.get(key, 0)), ROWS_AT_ONCE - 1) + 1)
    return data


# More than any minute has needed; a formset refuses more than its max_num anyway.
ROWS_AT_ONCE = 50

ResolutionFormSet = inlineformset_factory(
    Minute,
    Resolution,
    fields=["text"],
    labels={"text": "RESOLVED that"},
    widgets={"text": forms.Textarea(attrs={"rows": 2})},
    extra=1,
    can_delete=True,
    max_num=ROWS_AT_ONCE,
)


class ActionForm(VersionedModelForm):
    class Meta:
        model = Action
        fields = ["description", "action_by", "owner_person", "owner_organisation", "due_date"]
        labels = {
            "action_by": "Action (initials as printed)",
            "owner_person": "Owner",
            "owner_organisation": "Owner's organisation",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_date": DATE}

    def clean(self):
        cleaned = super().clean()
        # An action owned by a person is their organisation's to update, unless another is named.
        owner = cleaned.get("owner_person")
        if owner is not None and cleaned.get("owner_organisation") is None:
            cleaned["owner_organisation"] = owner.organisation
        return cleaned


ActionFormSet = inlineformset_factory(Minute, Action, form=ActionForm, extra=1, can_delete=True, max_num=ROWS_AT_ONCE)


class ApproveMinutesForm(forms.Form):
    at_meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label="Agreed as a correct record at")

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = Meeting.objects.filter(
            board=meeting.board, starts_at__gt=meeting.starts_at
        ).order_by("starts_at")


class AmendmentForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="The correction")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why it is needed")


class ActionUpdateForm(forms.ModelForm):
    class Meta:
        model = ActionUpdate
        fields = ["text", "for_meeting"]
        labels = {"text": "Update", "for_meeting": "For the matters arising of"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["for_meeting"].queryset = Meeting.objects.filter(
            board=action.minute.meeting.board, starts_at__gt=action.minute.meeting.starts_at
        ).order_by("starts_at")
        self.fields["for_meeting"].required = False


CLOSED_OUTCOMES = [(Action.Status.COMPLETED, "Completed"), (Action.Status.DROPPED, "No longer required")]


class CloseActionForm(VersionedModelForm):
    """Closing is an edit of the action like any other: refused if someone changed the action meanwhile."""

    class Meta:
        model = Action
        fields = ["status", "closed_on", "closure_note"]
        labels = {"status": "Outcome", "closed_on": "Date it was done", "closure_note": "Note"}
        widgets = {
            "status": forms.RadioSelect,
            "closed_on": DATE,
            "closure_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (Action.Status.COMPLETED, "Completed"),
            (Action.Status.DROPPED, "No longer required"),
        ]
        self.fields["closed_on"].required = True
        self.fields["closed_on"].initial = today
        self.today = today

    def clean_status(self):
        if self.cleaned_data["status"] == Action.Status.OPEN:
            raise ValidationError("Choose whether the action was completed or is no longer required.")
        return self.cleaned_data["status"]

    def clean_closed_on(self):
        closed_on = self.cleaned_data["closed_on"]
        if closed_on > self.today:
            raise ValidationError("The date it was done cannot be in the future.")
        return closed_on


class ReportForm(VersionedModelForm):
    """The council report front sheet for an agenda item, in the order the sheet prints it."""

    def clean_part(self):
        # Part 2 is decided on the agenda item, so that one rule (boards.redaction) withholds everything under it.
        part = self.cleaned_data["part"]
        if part == Part.EXEMPT and self.instance.agenda_item.part != Part.EXEMPT:
            raise ValidationError(
                "This agenda item is Part 1. To keep this report out of the public pack, make the item Part 2 "
                "(with its exempt reason) first."
            )
        return part

    class Meta:
        model = Report
        fields = [
            "report_number", "part", "decision_maker", "date", "decision_type", "title", "contact_officer",
            "chief_officer", "ward", "reason", "recommendations", "non_applicable_sections", "background_documents",
            "policy_implications", "financial_implications", "staff_implications", "legal_implications",
            "customer_impact", "ward_councillor_views",
        ]  # fmt: skip
        widgets = {"date": DATE, "part": forms.RadioSelect} | {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["reason", "recommendations", "background_documents", "policy_implications",
                         "financial_implications", "staff_implications", "legal_implications", "customer_impact",
                         "ward_councillor_views"]
        }  # fmt: skip


# Dates a board can have met on; outside them a year before or after would not be a date at all.
PERIOD_BOUNDS = [
    MinValueValidator(datetime.date(1900, 1, 1), "Enter a date from 1 January 1900."),
    MaxValueValidator(datetime.date(9998, 12, 31), "Enter a date before the year 9999."),
]


class AttendancePeriodForm(forms.Form):
    """The period of the attendance statistics (a GET form). Blank dates default: 'to' today, 'from' a year
    before 'to'."""

    date_from = forms.DateField(
        widget=DATE, required=False, label="From", help_text="For example, 1 April 2021.", validators=PERIOD_BOUNDS
    )
    date_to = forms.DateField(
        widget=DATE, required=False, label="To", help_text="For example, 31 March 2022.", validators=PERIOD_BOUNDS
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        end = cleaned.get("date_to") or self.today
        start = cleaned.get("date_from") or attendance_stats.Period.last_twelve_months(end).start
        if start > end:
            self.add_error("date_from", "The start of the period must be on or before its end.")
        cleaned["period"] = attendance_stats.Period(start, end)
        return cleaned


class SearchForm(forms.Form):
    """The search page's GET form: words, and where and when to look."""

    q = forms.CharField(label="Search for", max_length=500, required=False)
    board = forms.ModelChoiceField(
        label="Board", queryset=Board.objects.order_by("name"), required=False, empty_label="Any board"
    )
    partnership = forms.ModelChoiceField(
        label="Partnership", queryset=Partnership.objects.order_by("name"), required=False,
        empty_label="Any partnership",
    )  # fmt: skip
    date_from = forms.DateField(
        label="Meetings from", help_text="For example, 2021-06-17", required=False, widget=forms.DateInput(
            attrs={"type": "date"}
        ),
    )  # fmt: skip
    date_to = forms.DateField(
        label="Meetings to", help_text="For example, 2021-12-31", required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()  # so that the error summary above the form lists its errors
        # The lists read as plain values: a ModelChoiceField reads its own through a server-side cursor on PostgreSQL,
        # four round trips a list, and the two cost a search 2 ms there (bench/search.py). Its queryset still
        # decides what is a valid choice.
        for name in ("board", "partnership"):
            field = self.fields[name]
            field.choices = [("", field.empty_label), *field.queryset.values_list("pk", "name")]
        # Drawn by `control` below, not by the widgets' templates: the page is rendered on every search.
        for name, field in self.fields.items():
            css = "govuk-select" if isinstance(field, forms.ModelChoiceField) else "govuk-input"
            if name.startswith("date_"):
                css += " govuk-input--width-10"
            described = [f"id_{name}_hint"] if field.help_text else []
            if self.is_bound and name in self.errors:
                css += " govuk-select--error" if "select" in css else " govuk-input--error"
                described.append(f"id_{name}_error")
            field.widget.attrs.update({"class": css} | ({"aria-describedby": " ".join(described)} if described else {}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date.")
        return cleaned

    def filters(self):
        data = self.cleaned_data
        return search.Filters(data["board"], data["partnership"], data["date_from"], data["date_to"])

    def controls(self):
        """Each field with its control's HTML, for the page to lay out."""
        return [(field, control(field)) for field in self]


def control(field):
    """A search field's input or select as Django's own widget draws it, with what was typed or chosen kept and an
    error marked (tests/boards/test_search.py compares the two), drawn here: the page is drawn on every search,
    and the widgets' templates, a template an option, cost more than the rest of the page's form; drawn by a
    template of our own, the field cost a fifth of a millisecond each (bench/search.py)."""
    widget, value = field.field.widget, field.value()
    attributes = {"name": field.html_name, "id": field.auto_id} | ({"aria-invalid": "true"} if field.errors else {})
    attributes |= widget.attrs
    if isinstance(widget, forms.Select):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((choice, mark_safe(" selected") if str(choice) == chosen else "", label)
             for choice, label in field.field.choices),
        )  # fmt: skip
        return format_html("<select{}>{}</select>", flatatt(attributes), options)
    if (shown := widget.format_value(value)) is not None:
        attributes["value"] = shown
    return format_html("<input{}>", flatatt({"type": widget.input_type} | attributes))
