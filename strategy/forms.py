"""The partner return form: a rating, a narrative, and a reason whenever the rating has worsened."""

from django import forms
from django.forms import inlineformset_factory

from sbp.locking import VersionedModelForm
from sbp.models import Organisation
from sbp.rag import Rag
from strategy import rag
from strategy.models import PartnerMetric, Priority, ProgressUpdate, SubPriority


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

    def __init__(self, *args, partner=None, partnerships=None, **kwargs):
        """`partnerships`: those whose strategies the return may be for (strategy.access.partnerships_submitted_to)."""
        super().__init__(*args, **kwargs)
        if partnerships is not None:
            self.fields["priority"].queryset = Priority.objects.filter(strategy__partnership__in=partnerships)
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
