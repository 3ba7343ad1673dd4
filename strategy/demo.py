"""Load the strategy part of the demo data: the strategy, its priorities and the partners' quarterly returns."""

from decimal import Decimal

from sbp.models import Organisation
from strategy.models import (
    PartnerMetric,
    Priority,
    ProgressUpdate,
    ReturnDeadline,
    Strategy,
    SubPriority,
    SuccessMeasure,
    Workstream,
)

PARTS = [("tackle", SubPriority), ("how", Workstream), ("measures", SuccessMeasure)]


def load_priority(strategy, item):
    priority, _ = Priority.objects.update_or_create(
        strategy=strategy,
        number=item["number"],
        defaults={
            "title": item["title"],
            "introduction": item["introduction"],
            "aim": item["aim"],
            "monitoring": item["monitoring"],
            "lead_partner": Organisation.objects.get(name=item["lead_partner"]),
            "substantive_quarter": item["substantive_quarter"],
            "source_ref": item["source"],
        },
    )
    for key, model in PARTS:
        for position, part in enumerate(item.get(key, []), 1):
            model.objects.update_or_create(
                priority=priority,
                position=position,
                defaults={
                    "title": part["title"],
                    "description": part.get("description", ""),
                    "source_ref": item["source"],
                },
            )


def load_update(strategy, position, item):
    priority = strategy.priorities.get(number=item["priority"])
    sub_priority = priority.sub_priorities.get(title=item["sub_priority"]) if "sub_priority" in item else None
    update, _ = ProgressUpdate.objects.update_or_create(
        priority=priority,
        sub_priority=sub_priority,
        partner=Organisation.objects.get(name=item["partner"]),
        financial_year=item["financial_year"],
        quarter=item["quarter"],
        defaults={
            "rag": item["rag"],
            "title": item["title"],
            "narrative": item["narrative"],
            "reported_on": item["reported_on"],
            "position": position,
            "source_ref": item["source"],
        },
    )
    for metric_position, metric in enumerate(item.get("metrics", []), 1):
        PartnerMetric.objects.update_or_create(
            update=update,
            label=metric["label"],
            defaults={
                "value": Decimal(metric["value"]),
                "unit": metric["unit"],
                "period": metric["period"],
                "position": metric_position,
                "source_ref": item["source"],
            },
        )


def load(data, partnership):
    info = data["strategy"]
    strategy, _ = Strategy.objects.update_or_create(
        slug=info["slug"],
        defaults={
            "partnership": partnership,
            "title": info["title"],
            "starts_on": info["starts_on"],
            "ends_on": info["ends_on"],
            "foreword": info["foreword"],
            "source_ref": info["source"],
        },
    )
    for item in data["priorities"]:
        load_priority(strategy, item)
    for position, item in enumerate(data["updates"], 1):
        load_update(strategy, position, item)
    for item in data.get("return_deadlines", []):
        ReturnDeadline.objects.update_or_create(
            strategy=strategy, financial_year=item["financial_year"], quarter=item["quarter"],
            defaults={"due_on": item["due_on"]},
        )  # fmt: skip
    return strategy
