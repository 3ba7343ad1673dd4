"""The strategy's forms: the partner return (a rating, a narrative, and a reason whenever the rating has worsened),
and the officers' forms for a strategy, its priorities and parts, and its return deadlines."""

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory

from sbp import locking
from sbp.locking import VersionedModelForm
from sbp.models import Organisation
from sbp.rag import Rag
from strategy import cycle, rag
from strategy.models import (
    PartnerMetric,
    Priority,
    ProgressUpdate,
    ReturnDeadline,
    Strategy,
    SubPriority,
    SuccessMeasure,
)

# As the meeting forms have it: an ISO value the date picker reads back, at a date's width.
DATE = forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}, format="%Y-%m-%d")


class ReturnForm(VersionedModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["priority", "sub_priority", "partner", "rag", "title", "narrative", "rag_reason"]
        labels = {"rag": "RAG status", "sub_priority": "Sub-priority (what we will tackle)", "title": "Heading"}
        widgets = {
            "rag": forms.RadioSelect(choices=[("", "Not rated"), *Rag.choices]),
            "narrative": forms.Textarea(attrs={"rows": 8}),
            "rag_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, partner=None, partnerships=None, quarter=None, **kwargs):
        """`partnerships`: those whose strategies the return may be for (strategy.access.partnerships_submitted_to);
        `quarter`: the quarter it is for, whose strategies alone it may report on."""
        super().__init__(*args, **kwargs)
        if partnerships is not None:
            self.fields["priority"].queryset = Priority.objects.filter(strategy__partnership__in=partnerships)
        if quarter is not None:
            # A return reports on the strategy in force in its quarter, not on an earlier or later one's copy of a
            # priority (a revised return keeps its own priority, whatever the strategy's dates became).
            covering = Strategy.objects.overlapping(quarter.first_month, quarter.last_day)
            self.fields["priority"].queryset = self.fields["priority"].queryset.filter(
                Q(strategy__in=covering) | Q(pk=self.instance.priority_id)
            )
        subs = SubPriority.objects.filter(priority__in=self.fields["priority"].queryset)
        self.fields["sub_priority"].queryset = subs.select_related("priority")
        self.fields["sub_priority"].required = False
        self.fields["rag"].required = False
        if partner is not None:
            # A partner returns for their own organisation only.
            self.fields["partner"].queryset = Organisation.objects.filter(pk=partner.pk)
            self.initial["partner"] = partner.pk  # a disabled field takes its value from here, not the POST
            self.fields["partner"].disabled = True

    def clean(self):
        cleaned = super().clean()
        priority, sub_priority = cleaned.get("priority"), cleaned.get("sub_priority")
        if priority and sub_priority and sub_priority.priority_id != priority.pk:
            self.add_error("sub_priority", f"Choose one of the sub-priorities of {priority}.")
        previous = self.previous_rating(cleaned)
        if rag.needs_reason(cleaned.get("rag"), previous) and not cleaned.get("rag_reason", "").strip():
            self.add_error("rag_reason", f"Say why the rating is worse than last quarter ({previous.capitalize()}).")
        return cleaned

    def previous_rating(self, cleaned):
        """The same partner's rating for the same item in the quarter before, if any."""
        if not cleaned.get("priority") or not cleaned.get("partner"):
            return None
        quarter = (
            (self.instance.financial_year, self.instance.quarter - 1)
            if self.instance.quarter > 1
            else (
                self.instance.financial_year - 1,
                4,
            )
        )
        before = ProgressUpdate.objects.filter(
            priority=cleaned["priority"],
            sub_priority=cleaned.get("sub_priority"),
            partner=cleaned["partner"],
            financial_year=quarter[0],
            quarter=quarter[1],
        ).first()
        return before.rag if before else None


MetricFormSet = inlineformset_factory(
    ProgressUpdate,
    PartnerMetric,
    fields=["label", "value", "unit", "period"],
    labels={"label": "What was counted", "value": "Figure", "period": "Period it covers"},
    extra=1,
    can_delete=True,
)


class StrategyForm(VersionedModelForm):
    """A strategy's title, period and foreword; a new one may start from the partnership's latest strategy."""

    copy_priorities = forms.BooleanField(required=False, label="")

    class Meta:
        model = Strategy
        fields = ["title", "starts_on", "ends_on", "adopted_on", "foreword"]
        labels = {"starts_on": "Starts on", "ends_on": "Ends on", "adopted_on": "Adopted by the board on"}
        help_texts = {"title": "For example, Community Safety Strategy 2023 to 2026."}
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "adopted_on": DATE,
            "foreword": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, copy_from=None, **kwargs):
        """`copy_from`: the strategy a new one may copy priorities from (None when editing or there is none)."""
        super().__init__(*args, **kwargs)
        if copy_from is None:
            del self.fields["copy_priorities"]
        else:
            self.fields["copy_priorities"].label = f"Start with a copy of the priorities of {copy_from}"
            self.fields["copy_priorities"].help_text = (
                "Their sub-priorities, workstreams and success measures are copied too; partners' returns are not, "
                "and the earlier strategy keeps its own."
            )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if Strategy.objects.filter(title__iexact=title).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another strategy has this title: give this one its own.")
        return title

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", "The end date must be after the start date.")
        elif starts_on and ends_on:
            self.refuse_overlap(starts_on, ends_on)
        return cleaned

    def refuse_overlap(self, starts_on, ends_on):
        """One strategy in force at a time in a partnership: which one a meeting's pack reports on is never
        in doubt."""
        others = Strategy.objects.filter(partnership=self.instance.partnership_id).exclude(pk=self.instance.pk)
        clash = others.overlapping(starts_on, ends_on).first()
        if clash:
            self.add_error(
                "starts_on",
                f"{clash} runs from {clash.starts_on:%-d %B %Y} to {clash.ends_on:%-d %B %Y}: a partnership has one "
                "strategy in force at a time, so choose dates after it ends.",
            )


class PriorityForm(VersionedModelForm):
    class Meta:
        model = Priority
        fields = ["title", "aim", "introduction", "lead_partner", "substantive_quarter", "monitoring"]
        labels = {"aim": "Our aim", "substantive_quarter": "Quarter in which it is the substantive item"}
        widgets = {
            "aim": forms.Textarea(attrs={"rows": 3}),
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "monitoring": forms.Textarea(attrs={"rows": 3}),
            "substantive_quarter": forms.Select(
                choices=[("", "None"), (1, "Quarter 1 (April to June)"), (2, "Quarter 2 (July to September)"),
                         (3, "Quarter 3 (October to December)"), (4, "Quarter 4 (January to March)")]
            ),
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_partner"].queryset = Organisation.objects.order_by("name")


def part_form(model):
    """The form for one kind of priority part: its title and description, and a success measure's target."""
    extra = ["target", "baseline"] if model is SuccessMeasure else []
    return forms.modelform_factory(
        model,
        form=VersionedModelForm,
        fields=["title", "description", *extra],
        widgets={"description": forms.Textarea(attrs={"rows": 3})},
    )


class DeadlinesForm(forms.Form):
    """The date returns are due for each quarter a strategy covers, each offered at its proposed default; a quarter
    someone else has changed since the page was opened is refused through the one lock, both dates shown."""

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.strategy, self.quarters, self.conflict = strategy, {}, None
        for quarter, deadline, proposed in cycle.schedule(strategy):
            name = f"due_{quarter.year}_{quarter.number}"
            self.quarters[name] = quarter
            self.fields[name] = forms.DateField(
                label=f"{quarter.label} ({quarter.first_month:%B} to {quarter.last_month:%B %Y})",
                initial=deadline.due_on if deadline else proposed,
                help_text="" if deadline else f"Proposed: {proposed:%-d %B %Y}, the 15th of the month after it ends.",
                widget=DATE,
            )
            self.fields[f"version_{name}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=deadline.version if deadline else None
            )

    def clean(self):
        cleaned = super().clean()
        for name, quarter in self.quarters.items():
            if cleaned.get(name) and cleaned[name] < quarter.first_month:
                self.add_error(name, f"Returns for {quarter.label} cannot be due before the quarter starts.")
        return cleaned

    def save(self):
        """Add the quarters not set yet and change those that differ (each change kept in its history)."""
        for name, quarter in self.quarters.items():
            due_on = self.cleaned_data[name]
            deadline = self.strategy.return_deadlines.filter(financial_year=quarter.year, quarter=quarter.number)
            deadline = deadline.first()
            if deadline is None:
                ReturnDeadline.objects.create(
                    strategy=self.strategy, financial_year=quarter.year, quarter=quarter.number, due_on=due_on
                )
            elif deadline.due_on != due_on:
                self.claim(name, deadline)
                deadline.due_on = due_on
                deadline.save()

    def claim(self, name, deadline):
        try:
            locking.claim(deadline, self.cleaned_data.get(f"version_{name}"))
        except locking.EditConflict as error:
            yours = self.cleaned_data[name]
            self.conflict = [locking.Difference(self.fields[name].label, error.current.due_on, yours)]
            self.data = self.data.copy()
            self.data[f"version_{name}"] = error.current.version
            raise
