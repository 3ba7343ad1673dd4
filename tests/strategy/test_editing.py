"""The officers' strategy pages: a new strategy (dates checked, overlaps refused), priorities and their parts under
the one lock, the return schedule, and the strategy page choosing the strategy in force."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from strategy.models import ReturnDeadline, Strategy, SuccessMeasure
from tests.conftest import BROMLEY
from tests.factories import make_partnership_b

pytestmark = pytest.mark.django_db
NEW = {"title": "Community Safety Strategy 2023 to 2026", "starts_on": "2023-04-01", "ends_on": "2026-03-31",
       "adopted_on": "2023-03-16", "foreword": "Our second strategy.", "copy_priorities": "on"}  # fmt: skip


def demo_strategy():
    return Strategy.objects.get(partnership__slug=BROMLEY, starts_on="2020-04-01")


def create(client, **changes):
    return client.post(reverse("strategy-new", args=[BROMLEY]), NEW | changes)


def test_an_officer_starts_a_new_strategy_with_a_copy_of_the_last_ones_priorities(client_for):
    response = create(client_for("officer"))
    new = Strategy.objects.get(title=NEW["title"])
    assert response["Location"] == reverse("strategy-detail", args=[BROMLEY, new.slug])
    assert new.priorities.count() == demo_strategy().priorities.count() > 0
    assert (new.adopted_on, new.foreword, new.partnership.slug) == (datetime.date(2023, 3, 16), "Our second strategy.",
                                                                     BROMLEY)  # fmt: skip
    assert new.history.count() == 1


def test_the_copy_is_offered_naming_the_strategy_it_copies(client_for):
    page = client_for("officer").get(reverse("strategy-new", args=[BROMLEY])).content.decode()
    assert f"Start with a copy of the priorities of {demo_strategy().title}" in page
    assert "partners' returns are not" in page


def test_a_strategy_must_end_after_it_starts_and_the_typing_is_kept(client_for):
    page = create(client_for("officer"), ends_on="2023-04-01").content.decode()
    assert "The end date must be after the start date." in page
    assert 'value="Community Safety Strategy 2023 to 2026"' in page
    assert not Strategy.objects.filter(title=NEW["title"]).exists()


def test_a_strategy_overlapping_the_partnerships_other_strategy_is_refused_with_the_reason(client_for):
    page = create(client_for("officer"), starts_on="2022-04-01").content.decode()
    assert f"{demo_strategy().title} runs from 1 April 2020 to 31 March 2023" in page
    assert "one strategy in force at a time" in page
    assert not Strategy.objects.filter(title=NEW["title"]).exists()


def test_another_partnerships_strategy_may_cover_the_same_years(client_for):
    b = make_partnership_b()  # Northfield's strategy runs 2021 to 2024
    client = client_for("officer")
    assert create(client).status_code == 302
    client.force_login(b.users["b officer"])
    theirs = NEW | {"title": "Northfield 2024 to 2027", "starts_on": "2024-04-01", "ends_on": "2027-03-31"}
    assert client.post(reverse("strategy-new", args=[b.partnership.slug]), theirs).status_code == 302
    assert Strategy.objects.get(title="Northfield 2024 to 2027").priorities.get().title == "Northfield priority"


def test_partnership_bs_officer_cannot_start_or_edit_partnership_as_strategy(client_for):
    b = make_partnership_b()
    client = client_for("officer")
    client.force_login(b.users["b officer"])
    assert create(client).status_code == 403
    priority = demo_strategy().priorities.get(number=1)
    assert client.post(reverse("strategy-edit-priority", args=[priority.pk]), {"title": "Taken"}).status_code == 403
    assert not Strategy.objects.filter(title=NEW["title"]).exists()
    priority.refresh_from_db()
    assert priority.title == "Safer neighbourhoods"


def test_a_stale_save_of_a_priority_is_refused_with_both_versions(client_for):
    client = client_for("officer")
    priority = demo_strategy().priorities.get(number=1)
    url = reverse("strategy-edit-priority", args=[priority.pk])
    data = {"title": "Mine", "aim": "", "introduction": "", "lead_partner": "", "substantive_quarter": "",
            "monitoring": "", "version": priority.version}  # fmt: skip
    assert client.post(url, data | {"title": "Theirs"}).status_code == 302
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this while you were editing it" in page
    assert "Theirs" in page
    assert 'value="Mine"' in page
    priority.refresh_from_db()
    assert priority.title == "Theirs"
    assert priority.history.count() >= 2


def test_an_officer_adds_a_success_measure_with_a_target_shown_on_the_strategy_page(client_for):
    client = client_for("officer")
    priority = demo_strategy().priorities.get(number=1)
    url = reverse("strategy-add-part", args=[priority.pk, "success-measures"])
    data = {"title": "Fewer repeat victims", "description": "", "target": "10% fewer repeat victims by March 2026",
            "baseline": "412 in 2022/23"}  # fmt: skip
    assert client.post(url, data)["Location"] == reverse("strategy-edit-priority", args=[priority.pk])
    measure = SuccessMeasure.objects.get(title="Fewer repeat victims")
    assert measure.position == priority.success_measures.count()
    page = client.get(reverse("strategy-detail", args=[BROMLEY, demo_strategy().slug])).content.decode()
    assert "Target: 10% fewer repeat victims by March 2026" in page
    assert "Baseline: 412 in 2022/23" in page


def test_removing_a_priority_with_returns_is_refused_and_one_without_is_removed(client_for):
    client = client_for("officer")
    create(client)
    new = Strategy.objects.get(title=NEW["title"])
    kept = demo_strategy().priorities.get(number=1)
    page = client.post(reverse("strategy-remove-priority", args=[kept.pk]), follow=True).content.decode()
    assert "has partners&#x27; returns against it, so it cannot be removed" in page
    assert demo_strategy().priorities.filter(pk=kept.pk).exists()
    gone = new.priorities.get(number=1)
    client.post(reverse("strategy-remove-priority", args=[gone.pk]))
    assert not new.priorities.filter(pk=gone.pk).exists()
    assert demo_strategy().priorities.filter(number=1).exists()


def test_the_deadlines_page_proposes_the_15th_after_each_quarter_and_saves_every_quarter(client_for):
    client = client_for("officer")
    create(client)
    new = Strategy.objects.get(title=NEW["title"])
    url = reverse("strategy-deadlines", args=[new.pk])
    page = client.get(url).content.decode()
    assert "Proposed: 15 July 2023, the 15th of the month after it ends." in page
    assert 'value="2023-07-15"' in page
    data = {f"due_{q.year}_{q.number}": f"{q.next().first_month:%Y-%m}-15" for q in new.quarters}
    assert client.post(url, data | {"due_2023_1": "2023-07-21"}).status_code == 302
    assert ReturnDeadline.objects.filter(strategy=new).count() == 12
    assert ReturnDeadline.objects.get(strategy=new, financial_year=2023, quarter=1).due_on == datetime.date(2023, 7, 21)


def test_a_deadline_before_its_quarter_is_refused_next_to_the_field(client_for):
    client = client_for("officer")
    url = reverse("strategy-deadlines", args=[demo_strategy().pk])
    data = {f"due_{q.year}_{q.number}": f"{q.next().first_month:%Y-%m}-15" for q in demo_strategy().quarters}
    page = client.post(url, data | {"due_2021_1": "2021-03-01"}).content.decode()
    assert "Returns for 2021/22 Q1 cannot be due before the quarter starts." in page
    q1 = ReturnDeadline.objects.get(strategy=demo_strategy(), financial_year=2021, quarter=1)
    assert q1.due_on == datetime.date(2021, 6, 4)  # the demo's date stands: nothing of the refused form was saved


def test_a_stale_deadline_change_is_refused_with_both_dates(client_for):
    client = client_for("officer")
    strategy = demo_strategy()
    url = reverse("strategy-deadlines", args=[strategy.pk])
    data = {f"due_{q.year}_{q.number}": f"{q.next().first_month:%Y-%m}-15" for q in strategy.quarters}
    client.post(url, data)
    versions = {f"version_due_{d.financial_year}_{d.quarter}": d.version for d in strategy.return_deadlines.all()}
    assert client.post(url, data | versions | {"due_2021_1": "2021-07-20"}).status_code == 302
    response = client.post(url, data | versions | {"due_2021_1": "2021-07-30"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this while you were editing it" in page
    assert ReturnDeadline.objects.get(strategy=strategy, financial_year=2021, quarter=1).due_on.day == 20


def test_the_returns_pages_show_the_quarters_deadline(client_for):
    ReturnDeadline.objects.update_or_create(
        strategy=demo_strategy(), financial_year=2021, quarter=2, defaults={"due_on": "2021-10-15"}
    )
    client = client_for("officer")
    for url in (reverse("strategy-returns", args=["2021-22", "q2"]),
                reverse("strategy-submit-return", args=["2021-22", "q2"])):  # fmt: skip
        page = client.get(url).content.decode()
        assert f"Returns to {demo_strategy().title} for this quarter are due by" in page
        assert "15 October 2021" in page


def test_the_strategy_page_shows_the_one_in_force_with_a_choice_of_the_others(client_for):
    client = client_for("officer")
    today = timezone.localdate()
    current = Strategy.objects.create(partnership=demo_strategy().partnership, title="Current strategy",
                                      slug="current", starts_on=today.replace(day=1), ends_on=today.replace(
                                          year=today.year + 2))  # fmt: skip
    page = client.get(reverse("partnership-strategy", args=[BROMLEY])).content.decode()
    assert '<h1 class="govuk-heading-xl">Current strategy</h1>' in page
    assert "in force today" in page
    demo_url = reverse("strategy-detail", args=[BROMLEY, demo_strategy().slug])
    assert demo_url in page
    demo_page = client.get(demo_url).content.decode()
    assert demo_strategy().title in demo_page
    assert "Priority 1: Safer neighbourhoods" in demo_page
    assert reverse("strategy-detail", args=[BROMLEY, current.slug]) in demo_page


def test_a_readers_page_has_no_editing_links(client_for):
    page = client_for("member").get(reverse("partnership-strategy", args=[BROMLEY])).content.decode()
    assert "Priority 1: Safer neighbourhoods" in page
    assert reverse("strategy-add-priority", args=[demo_strategy().pk]) not in page


def test_a_partnership_without_a_strategy_offers_its_officers_to_start_one(client_for):
    from sbp.models import Partnership
    from sbp.roles import RoleName
    from tests.conftest import make_user

    charnwood = Partnership.objects.get(strategies=None)  # the demo's second partnership
    client = client_for("officer")
    url = reverse("partnership-strategy", args=[charnwood.slug])
    client.force_login(make_user("second-officer", RoleName.OFFICER, partnership=charnwood))
    page = client.get(url).content.decode()
    assert "No strategy yet" in page
    assert reverse("strategy-new", args=[charnwood.slug]) in page
    client.force_login(make_user("second-member", RoleName.BOARD_MEMBER, partnership=charnwood))
    assert client.get(url).status_code == 404


def test_an_officer_reorders_a_prioritys_success_measures_and_each_move_is_in_its_history(client_for):
    client = client_for("officer")
    priority = demo_strategy().priorities.get(number=1)
    first, second = priority.success_measures.order_by("position")[:2]
    client.post(reverse("strategy-move-part-up", args=["success-measures", second.pk]))
    assert list(priority.success_measures.order_by("position")[:2]) == [second, first]
    second.refresh_from_db()
    assert second.history.first().position == first.position
