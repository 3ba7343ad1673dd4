"""Forms for the crime pages: choosing figures, importing files, entering figures by hand, overriding a rating."""

from django import forms
from django.utils.text import slugify

from crime import months as calendar
from crime.models import (
    METROPOLITAN,
    Area,
    CrimeCategory,
    DashboardMeasure,
    FiguresSetting,
    Measure,
    MeasureComponent,
    RagOverride,
    Release,
    ReportedFigure,
    Source,
)
from sbp.locking import VersionedModelForm
from sbp.uploads import LimitedFileField

MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class MonthField(forms.DateField):
    """A month as YYYY-MM (the browser's month picker), held as its first day."""

    widget = MONTH
    input_formats = ["%Y-%m"]

    def validate(self, value):
        super().validate(value)
        if value and value.year not in calendar.YEARS:
            raise forms.ValidationError(
                f"Enter a month from {calendar.YEARS.start} to {calendar.YEARS.stop - 1}.", code="out_of_range"
            )


class FiguresForm(forms.Form):
    measure = forms.ModelChoiceField(queryset=Measure.objects.exclude(components=None), to_field_name="slug")
    area = forms.ModelChoiceField(queryset=Area.objects.filter(kind=Area.Kind.BOROUGH), label="District")
    end = MonthField(label="Twelve months to", help_text="For example, 2021-05 for June 2020 to May 2021.")
    baseline = forms.IntegerField(min_value=2010, max_value=2100, initial=2019, label="Compare with the same months of")


class CrimeFileField(LimitedFileField):
    """A whole MPS or ONS release, or police.uk months (a zip of a force's months runs to tens of megabytes, as a
    ward file of a whole force does: DJANGO_MAX_CRIME_FILE_MB)."""

    limit_setting = "MAX_CRIME_FILE_MB"
    what = "file"


class ImportForm(forms.Form):
    KINDS = [
        ("crime", "Recorded crime: an MPS file (borough or ward), or a police.uk street file or zip of them"),
        ("population", "ONS population: mid-year estimates or Census"),
    ]

    kind = forms.ChoiceField(choices=KINDS, widget=forms.RadioSelect, initial="crime", label="What the file holds")
    file = CrimeFileField(label="CSV or zip file (or ONS xlsx for populations)")
    ward_vintage = forms.TypedChoiceField(
        choices=[("", "Decide from the file's ward codes"), ("2014", "2014 wards"), ("2022", "2022 wards")],
        coerce=int,
        empty_value=None,
        required=False,
        label="Ward boundaries (ward files only)",
    )
    mid_year = forms.IntegerField(
        required=False, min_value=2000, max_value=2100, label="Mid-year (one-year population files)"
    )


class PublicationForm(VersionedModelForm):
    """An officer's correction of when a release was published: it decides which release each month comes from."""

    class Meta:
        model = Release
        fields = ["published_on"]
        labels = {"published_on": "Published on"}
        help_texts = {
            "published_on": "The date the MPS published this file on its Datastore. For each month, the "
            "latest publication covering it is used."
        }
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_published_on(self):
        published_on = self.cleaned_data["published_on"]
        if published_on.year not in calendar.YEARS:
            raise forms.ValidationError(
                f"Enter a date from {calendar.YEARS.start} to {calendar.YEARS.stop - 1}.", code="out_of_range"
            )
        return published_on


class ReportedFigureForm(forms.ModelForm):
    class Meta:
        model = ReportedFigure
        fields = [
            "measure", "area", "statistic", "period_start", "period_end", "period_label", "value", "comparison_value",
            "comparison_label", "change_percent", "rank", "rag", "source", "note", "narrative",
        ]  # fmt: skip
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 6}),
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period must end on or after its start.")
        return cleaned


class OverrideForm(VersionedModelForm):
    class Meta:
        model = RagOverride
        fields = ["rag", "reason"]
        labels = {"rag": "Rating", "reason": "Why the computed rating is not right"}
        widgets = {"rag": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 3})}


class MeasureForm(VersionedModelForm):
    series_break = MonthField(
        required=False,
        label="Series break (optional)",
        help_text="The first month whose figures are not comparable with earlier ones, as YYYY-MM.",
    )

    class Meta:
        model = Measure
        fields = [
            "name", "short_name", "description", "unit", "polarity", "green_max_change", "amber_max_change",
            "small_numbers_below", "needs_signal", "series_break", "source", "source_note",
        ]  # fmt: skip
        labels = {
            "short_name": "Short name (optional)",
            "description": "What it counts (optional)",
            "green_max_change": "Green up to this % change",
            "amber_max_change": "Amber up to this % change",
            "small_numbers_below": "Caution when a count is below",
            "needs_signal": "Turn Red or Green only on a change beyond normal variation",
            "source": "Where the figures come from",
            "source_note": "Source note (optional)",
        }
        help_texts = {
            "green_max_change": "Against the baseline year, for a measure where lower is better; the pack uses 5.",
            "amber_max_change": "Above this it is Red; the pack uses 20.",
            "needs_signal": "Counts vary by chance: 10 against 7 is +43% and means nothing, 1,000 against 700 is +43% "
            "and is real. Ticked, the rating stays Amber until the two counts differ by more than chance explains "
            "(|z| of 2 or more, where z = √2 × (√count − √baseline)).",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "polarity": forms.RadioSelect,
            "source": forms.RadioSelect,
        }

    def clean_name(self):
        name = self.cleaned_data["name"]
        if self.instance.pk is None:
            slug = slugify(name)
            if not slug:
                raise forms.ValidationError("Give the measure a name with letters or numbers in it.")
            if Measure.objects.filter(slug=slug).exists():
                raise forms.ValidationError("A measure with this name, or one very like it, already exists.")
        return name

    def clean(self):
        cleaned = super().clean()
        green, amber = cleaned.get("green_max_change"), cleaned.get("amber_max_change")
        if green is not None and amber is not None and amber < green:
            self.add_error("amber_max_change", "Amber must start where Green ends: give at least the Green limit.")
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is None:  # the slug names the measure in links and stays when it is renamed
            self.instance.slug = slugify(self.cleaned_data["name"])
        return super().save(commit)


class ComponentForm(forms.ModelForm):
    sign = forms.TypedChoiceField(
        choices=[(1, "Add"), (-1, "Subtract")], coerce=int, initial=1, label="Add or subtract"
    )

    class Meta:
        model = MeasureComponent
        fields = ["sign", "layout", "major_text", "minor_text"]
        labels = {
            "layout": "File layout",
            "major_text": "Major category (blank for every category)",
            "minor_text": "Minor category (blank for every minor category of the major)",
        }

    def clean(self):
        cleaned = super().clean()
        layout, major, minor = (cleaned.get(key) for key in ("layout", "major_text", "minor_text"))
        if not layout or self.errors:
            return cleaned
        if minor and not major:
            self.add_error("major_text", "Give the major category the minor category belongs to.")
            return cleaned
        matching = CrimeCategory.objects.filter(layout=layout)
        if major and not matching.filter(major_text=major).exists():
            self.add_error("major_text", f"No imported layout {layout} file has the major category '{major}'.")
        elif minor and not matching.filter(major_text=major, minor_text=minor).exists():
            self.add_error("minor_text", f"'{major}' has no minor category '{minor}' in layout {layout} files.")
        return cleaned


class BaseComponentFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this row"

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        kept = [
            form
            for form in self.forms
            if (form.instance.pk or form.has_changed()) and not self._should_delete_form(form)
        ]
        if self.instance.source != Measure.Source.HAND_ENTERED and not kept:
            raise forms.ValidationError(
                "A measure from imported files needs at least one category to add: say which categories it counts."
            )


ComponentFormSet = forms.inlineformset_factory(
    Measure, MeasureComponent, form=ComponentForm, formset=BaseComponentFormSet, extra=2, can_delete=True
)


class DistrictsField(forms.ModelMultipleChoiceField):
    """Districts chosen by GSS code or name from a long list (there are over 300)."""

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class FiguresSettingForm(VersionedModelForm):
    districts = DistrictsField(
        queryset=Area.objects.filter(kind=Area.Kind.BOROUGH).order_by("name"),
        label="The partnership's area",
        help_text="The local authority district(s) it covers.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    family = DistrictsField(
        queryset=Area.objects.filter(kind=Area.Kind.BOROUGH).order_by("name"),
        required=False,
        label="The named group's districts (for a named group only)",
        help_text="Include the partnership's own district(s): they are ranked among these.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = FiguresSetting
        fields = [
            "districts", "source", "comparison", "family", "group_name", "group_members", "baseline", "baseline_year",
        ]  # fmt: skip
        labels = {
            "comparison": "Compared with",
            "group_name": "What papers call the group",
            "group_members": "What papers call its members",
            "baseline": "Changes are measured against",
            "baseline_year": "Baseline year (for a baseline year only)",
        }
        widgets = {"comparison": forms.RadioSelect, "baseline": forms.RadioSelect, "source": forms.RadioSelect}

    def clean(self):
        cleaned = super().clean()
        districts = set(cleaned.get("districts") or [])
        forces = {district.police_force_id for district in districts}
        source = cleaned.get("source")
        if (
            districts
            and source == Source.MPS_FILES
            and any(
                district.police_force is None or district.police_force.slug != METROPOLITAN for district in districts
            )
        ):
            self.add_error("source", "The MPS files cover only the Metropolitan Police's boroughs: choose police.uk.")
        if districts and source == Source.POLICE_UK and None in forces:
            self.add_error("districts", "No police.uk file has placed one of these districts in a force yet: import "
                           "its force's street files first.")  # fmt: skip
        if cleaned.get("comparison") == FiguresSetting.Comparison.FAMILY:
            family = set(cleaned.get("family") or [])
            if len(family) < 2:
                self.add_error("family", "Choose at least two districts to rank among, the partnership's included.")
            elif not districts <= family:
                self.add_error("family", "Include the partnership's own district(s): they are ranked among these.")
            elif {district.police_force_id for district in family} != forces:
                # Each force's counts are its own scope: a group across forces would rank the others as zero.
                self.add_error("family", "Choose districts of the partnership's own police force: a group across "
                               "forces cannot be ranked on one force's files yet.")  # fmt: skip
        if cleaned.get("baseline") == FiguresSetting.Baseline.FIXED_YEAR and not cleaned.get("baseline_year"):
            self.add_error("baseline_year", "Give the baseline year, for example 2019.")
        if cleaned.get("baseline_year") and not 2000 <= cleaned["baseline_year"] <= 2100:
            self.add_error("baseline_year", "Give a year from 2000 to 2100.")
        return cleaned


class DashboardMeasureForm(forms.ModelForm):
    class Meta:
        model = DashboardMeasure
        fields = ["measure", "position", "police_line", "ranked"]
        labels = {
            "position": "Order",
            "police_line": "In the police figures",
            "ranked": "With a ranking table",
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("measure") and not (cleaned.get("police_line") or cleaned.get("ranked")):
            self.add_error("police_line", "Show it in the police figures, in a ranking table, or both.")
        return cleaned


class BaseDashboardMeasureFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Take it off the dashboard"

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        chosen = [
            form.cleaned_data["measure"]
            for form in self.forms
            if form.cleaned_data.get("measure") and not self._should_delete_form(form)
        ]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError("Each measure can be on the dashboard once: remove the repeated row.")
        # Sources never mix: a measure of the other source's files would have no figures here.
        imported = {Measure.Source.MPS_FILES: Source.MPS_FILES, Measure.Source.POLICE_UK: Source.POLICE_UK}
        foreign = [m.name for m in chosen if m.source in imported and imported[m.source] != self.instance.source]
        if foreign:
            raise forms.ValidationError(
                f"{foreign[0]} counts another source's files than this partnership's: choose its "
                f"{self.instance.get_source_display()} measures, or ones entered by hand."
            )


DashboardMeasureFormSet = forms.inlineformset_factory(
    FiguresSetting,
    DashboardMeasure,
    form=DashboardMeasureForm,
    formset=BaseDashboardMeasureFormSet,
    extra=2,
    can_delete=True,
)
