"""The 2020-23 strategy and the Quarter 1 2021/22 returns, as printed in the pack."""

from decimal import Decimal

import pytest

from strategy.models import PartnerMetric, Priority, ProgressUpdate, Strategy

pytestmark = pytest.mark.django_db


def test_the_strategy_has_its_four_priorities_in_their_substantive_quarters():
    strategy = Strategy.objects.get()
    assert strategy.title == "Bromley Community Safety Partnership Strategy 2020 to 2023"
    assert [(p.number, p.title, p.substantive_quarter) for p in strategy.priorities.all()] == [
        (1, "Safer neighbourhoods", 1),
        (2, "Violence Against Women and Girls", 2),
        (3, "Keeping young people safe", 3),
        (4, "Stand together against hate crime and extremism", 4),
    ]


def test_priority_one_has_its_four_sub_priorities_and_six_workstreams():
    priority = Priority.objects.get(number=1)
    assert [s.title for s in priority.sub_priorities.all()] == [
        "Non-domestic violence with injury",
        "Residential burglary",
        "Anti-social behaviour",
        "Crime against the elderly and vulnerable (financial abuse)",
    ]  # the board's numbering, as its reports use it
    assert priority.workstreams.count() == 6
    assert priority.success_measures.exists()
    assert priority.lead_partner.short_name == "MPS"


@pytest.mark.parametrize(
    ("sub_priority", "rag"),
    [
        ("Non-domestic violence with injury", "amber"),
        ("Residential burglary", "green"),
        ("Anti-social behaviour", "amber"),
    ],
)
def test_police_quarter_1_returns_carry_their_rag_status(sub_priority, rag):
    update = ProgressUpdate.objects.for_quarter(2021, 1).get(
        partner__short_name="MPS", sub_priority__title=sub_priority
    )
    assert update.rag == rag


def test_trading_standards_and_covid_compliance_figures_are_partner_metrics():
    metrics = {m.label: (m.value, m.unit) for m in PartnerMetric.objects.all()}
    assert metrics["Complaints made to the Citizens Advice Consumer Helpline"] == (Decimal("676"), "count")
    assert metrics["Compliance rate"] == (Decimal("91.7"), "percent")
    assert metrics["Average loss to the resident from investment fraud"] == (Decimal("46928"), "pounds")
