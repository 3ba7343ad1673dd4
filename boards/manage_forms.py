"""Forms for administering boards and their memberships in the app. Each validates next to the field, keeps what
was typed, and saves through the one lock (sbp/locking.py)."""

from django import forms

from boards import membership as rules
from boards.models import Board, Membership
from sbp.locking import VersionedModelForm

DATE = forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}, format="%Y-%m-%d")


class BoardForm(VersionedModelForm):
    class Meta:
        model = Board
        fields = [
            "name", "slug", "short_name", "host", "quorum", "minute_numbering", "municipal_year_starts",
            "meetings_every_months", "usual_weekday", "usual_time",
        ]  # fmt: skip
        labels = {
            "host": "Host organisation",
            "municipal_year_starts": "Month the municipal year starts (1 to 12)",
            "meetings_every_months": "Months between meetings",
            "usual_weekday": "Usual day of the week",
            "usual_time": "Usual start time",
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership

    def clean_municipal_year_starts(self):
        month = self.cleaned_data["municipal_year_starts"]
        if not 1 <= month <= 12:
            raise forms.ValidationError("Enter a month from 1 (January) to 12 (December).")
        return month


class MembershipForm(VersionedModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "representing", "capacity", "alternate", "start_date", "end_date", "position"]
        labels = {
            "representing": "Organisation represented",
            "start_date": "Joining date",
            "end_date": "Leaving date",
            "alternate": "Named alternate",
            "position": "Position on the printed list",
        }
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        if self.instance.pk:  # a membership stays the same person's; a new person gets a new membership
            del self.fields["person"]
        else:
            del self.fields["end_date"]
            self.initial.setdefault("position", rules.next_position(board))

    def clean(self):
        cleaned = super().clean()
        board, row = self.instance.board, self.instance
        person = cleaned.get("person", row.person if row.person_id else None)
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The leaving date must be on or after the joining date.")
        if person and cleaned.get("alternate") == person:
            self.add_error("alternate", "A member cannot be their own alternate.")
        if person and end is None and rules.open_membership_of(board, person, row):
            field = "person" if "person" in self.fields else "end_date"  # editing: the person is not on the form
            self.add_error(field, f"{person} is already a member of this board.")
        holder = rules.holder_of(board, cleaned.get("role"), row)
        if holder and end is None:
            self.add_error("role", f"{holder.person} is {holder.get_role_display()}: end that membership first.")
        return cleaned


class EndMembershipForm(VersionedModelForm):
    """Leaving the board sets the leaving date; the membership stays on the record."""

    class Meta:
        model = Membership
        fields = ["end_date"]
        labels = {"end_date": "Leaving date"}
        widgets = {"end_date": DATE}
        help_texts = {"end_date": "Their last day as a member. For example, 31 March 2022."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = True

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if self.instance.start_date and end < self.instance.start_date:
            raise forms.ValidationError("The leaving date must be on or after the joining date.")
        return end
