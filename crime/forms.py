"""Forms for the crime pages: choosing figures, importing files, entering figures by hand, overriding a rating."""

from django import forms

from crime.models import Area, Measure, RagOverride, ReportedFigure

MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class MonthField(forms.DateField):
    """A month as YYYY-MM (the browser's month picker), held as its first day."""

    widget = MONTH
    input_formats = ["%Y-%m"]


class FiguresForm(forms.Form):
    measure = forms.ModelChoiceField(queryset=Measure.objects.exclude(components=None), to_field_name="slug")
    area = forms.ModelChoiceField(queryset=Area.objects.filter(kind=Area.Kind.BOROUGH), label="Borough")
    end = MonthField(label="Twelve months to", help_text="For example, 2021-05 for June 2020 to May 2021.")
    baseline = forms.IntegerField(min_value=2010, max_value=2100, initial=2019, label="Compare with the same months of")


class ImportForm(forms.Form):
    KINDS = [("crime", "MPS recorded crime (borough or ward)"), ("population", "ONS mid-year population estimates")]

    kind = forms.ChoiceField(choices=KINDS, widget=forms.RadioSelect, initial="crime", label="What the file holds")
    file = forms.FileField(label="CSV file")
    ward_vintage = forms.TypedChoiceField(
        choices=[("", "Decide from the file's months"), ("2014", "2014 wards"), ("2022", "2022 wards")],
        coerce=int,
        empty_value=None,
        required=False,
        label="Ward boundaries (ward files only)",
    )
    mid_year = forms.IntegerField(
        required=False, min_value=2000, max_value=2100, label="Mid-year (one-year population files)"
    )


class ReportedFigureForm(forms.ModelForm):
    class Meta:
        model = ReportedFigure
        fields = [
            "measure", "area", "statistic", "period_start", "period_end", "period_label", "value", "comparison_value",
            "comparison_label", "change_percent", "rank", "rag", "source", "note",
        ]  # fmt: skip
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period must end on or after its start.")
        return cleaned


class OverrideForm(forms.ModelForm):
    class Meta:
        model = RagOverride
        fields = ["rag", "reason"]
        labels = {"rag": "Rating", "reason": "Why the computed rating is not right"}
        widgets = {"rag": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 3})}
