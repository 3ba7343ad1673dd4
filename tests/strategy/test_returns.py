"""Partner returns: a partner returns for its own organisation, a worse rating needs a reason, revisions are kept."""

import re

import pytest
from django.urls import reverse

from sbp.models import Organisation, Person
from strategy.models import Priority, ProgressUpdate
from tests.conftest import BROMLEY

pytestmark = pytest.mark.django_db


def partner_client(client_for):
    client = client_for("partner")
    Person.objects.filter(name="Dawn Helps").update(user_id=client.session["_auth_user_id"])
    return client


def return_data(**changes):
    priority = Priority.objects.get(number=1)
    asb = priority.sub_priorities.get(title="Anti-social behaviour")
    data = {"priority": priority.pk, "sub_priority": asb.pk, "rag": "green", "title": "ASB on Clarion estates",
            "narrative": "Fewer reports.", "rag_reason": "", "metrics-TOTAL_FORMS": "0",
            "metrics-INITIAL_FORMS": "0"}  # fmt: skip
    return data | changes


def test_a_partner_returns_for_its_own_organisation_whatever_it_posts(client_for):
    client = partner_client(client_for)
    police = Organisation.objects.get(short_name="MPS")
    url = reverse("strategy-submit-return", args=["2021-22", "q2"])
    assert client.post(url, return_data(partner=police.pk)).status_code == 302
    saved = ProgressUpdate.objects.get(title="ASB on Clarion estates")
    assert (saved.partner.name, saved.financial_year, saved.quarter, saved.status) == (
        "Clarion Housing Group",
        2021,
        2,
        "submitted",
    )


def test_a_worse_rating_than_last_quarter_needs_a_reason(client_for):
    client = client_for("officer")
    police = Organisation.objects.get(short_name="MPS")
    url = reverse("strategy-submit-return", args=["2021-22", "q2"])
    # Q1: the police rated residential burglary Green; Q2 Red without a reason is refused, next to the field.
    data = return_data(
        partner=police.pk,
        rag="red",
        sub_priority=Priority.objects.get(number=1).sub_priorities.get(title="Residential burglary").pk,
    )
    page = client.post(url, data).content.decode()
    assert "Say why the rating is worse than last quarter (Green)." in page
    assert 'value="ASB on Clarion estates"' in page
    assert client.post(url, data | {"rag_reason": "A series of high-value burglaries."}).status_code == 302


def test_a_sub_priority_must_belong_to_the_priority(client_for):
    data = return_data(
        partner=Organisation.objects.get(short_name="MPS").pk, priority=Priority.objects.get(number=2).pk
    )
    page = client_for("officer").post(reverse("strategy-submit-return", args=["2021-22", "q2"]), data).content.decode()
    assert "Choose one of the sub-priorities of Priority 2" in page


def test_officers_accept_and_a_revision_is_kept_and_sent_back_for_review(client_for):
    update = ProgressUpdate.objects.get(partner__short_name="MPS", sub_priority__title="Anti-social behaviour")
    officer = client_for("officer")
    officer.post(reverse("strategy-accept-return", args=[update.pk]))
    update.refresh_from_db()
    assert update.status == "accepted"
    data = return_data(partner=update.partner_id, sub_priority=update.sub_priority_id, rag="amber", title="ASB",
                       narrative="Revised after the meeting.", version=update.version)  # fmt: skip
    assert officer.post(reverse("strategy-revise-return", args=[update.pk]), data).status_code == 302
    update.refresh_from_db()
    assert (update.status, update.narrative) == ("submitted", "Revised after the meeting.")
    assert update.history.count() == 3  # loaded, accepted, revised
    page = officer.get(reverse("strategy-revise-return", args=[update.pk])).content.decode()
    assert "History of changes" in page


def test_the_strategy_page_shows_priorities_and_their_rag_history(client_for):
    page = client_for("member").get(reverse("strategy")).content.decode()
    assert "Priority 4: Stand together against hate crime and extremism" in page
    assert "2021/22 Q1" in page
    assert "Establishing a specific Police led tasking group" in page


def test_once_the_pack_presents_a_return_a_partner_cannot_change_it_and_officers_changes_show(client_for):
    clarion = Organisation.objects.get(name="Clarion Housing Group")
    update = ProgressUpdate.objects.get(partner__short_name="MPS", sub_priority__title="Anti-social behaviour")
    assert update.presented_at is not None  # the 9 June 2021 pack presented the Quarter 1 returns
    update.partner = clarion
    update.save()
    assert partner_client(client_for).get(reverse("strategy-revise-return", args=[update.pk])).status_code == 403
    data = return_data(partner=clarion.pk, sub_priority=update.sub_priority_id, rag="amber", title="ASB",
                       version=update.version)  # fmt: skip
    officer = client_for("officer")
    assert officer.post(reverse("strategy-revise-return", args=[update.pk]), data).status_code == 302
    update.refresh_from_db()
    assert update.revised_after_presentation
    assert (
        "Revised after the pack was published 9 Jun 2021"
        in officer.get(reverse("strategy-returns", args=["2021-22", "q1"])).content.decode()
    )


def test_publishing_an_agenda_marks_the_quarters_returns_as_presented(client_for):
    from boards.models import Meeting

    board = Meeting.objects.get(starts_at__date="2021-06-17").board
    autumn = Meeting.objects.create(board=board, starts_at="2021-09-09T09:00Z")
    ProgressUpdate.objects.create(
        priority=Priority.objects.get(number=2), partner=Organisation.objects.get(short_name="LFB"),
        financial_year=2021, quarter=2, rag="green", title="Home fire safety visits",
    )  # fmt: skip
    client_for("democratic").post(reverse("publish-agenda", args=[autumn.pk]))
    assert ProgressUpdate.objects.get(title="Home fire safety visits").presented_at is not None


def test_one_partnerships_agenda_presents_only_its_own_returns(client_for):
    from boards.models import Meeting
    from tests.factories import make_partnership_b

    b = make_partnership_b()
    autumn = Meeting.objects.create(board=Meeting.objects.get(starts_at__date="2021-06-17").board,
                                    starts_at="2021-09-09T09:00Z")  # fmt: skip
    b.progress_update.quarter = 2
    b.progress_update.save()
    client_for("democratic").post(reverse("publish-agenda", args=[autumn.pk]))
    b.progress_update.refresh_from_db()
    assert b.progress_update.presented_at is None
    # Bromley's June pack presented Q1; Northfield's board has not been given its Q1 returns yet.
    client = client_for("partner")
    client.force_login(b.users["b partner"])
    assert client.get(reverse("strategy-submit-return", args=["2021-22", "q1"])).status_code == 200


def test_a_return_carries_its_figures(client_for):
    data = return_data(partner=Organisation.objects.get(name="London Borough of Bromley").pk, title="Scams")
    data |= {"metrics-TOTAL_FORMS": "1", "metrics-0-label": "Complaints to the Citizens Advice Consumer Helpline",
             "metrics-0-value": "676", "metrics-0-unit": "count", "metrics-0-period": "April and May 2021"}  # fmt: skip
    client = client_for("officer")
    assert client.post(reverse("strategy-submit-return", args=["2021-22", "q2"]), data).status_code == 302
    metric = ProgressUpdate.objects.get(title="Scams").metrics.get()
    assert (metric.label, metric.value) == ("Complaints to the Citizens Advice Consumer Helpline", 676)
    page = client.get(reverse("strategy-returns", args=["2021-22", "q2"])).content.decode()
    assert re.search(r"Complaints to the Citizens Advice Consumer Helpline:\s*676\s", page)


@pytest.mark.parametrize(("role", "links"), [("member", 0), ("partner", 0), ("officer", 12)])
def test_the_returns_page_links_only_the_returns_its_reader_may_revise(client_for, role, links):
    # A board member was shown "Open" on every return, and each answered 403.
    page = client_for(role).get(reverse("strategy-returns", args=["2021-22", "q1"])).content.decode()
    assert len(re.findall(r'href="/strategy/returns/\d+/revise/"', page)) == links
    assert "Partner returns: 2021/22 Q1" in page


@pytest.mark.parametrize(
    ("name", "year", "quarter", "absent"),
    [("strategy-returns", "2000-01", "q1", "1999-00"), ("strategy-returns", "2100-01", "q4", "2101-02"),
     ("dashboard-quarter", "2000-01", "q1", "1999-00"), ("dashboard-quarter", "2100-01", "q4", "2101-02")],
)  # fmt: skip
def test_the_first_and_last_quarters_served_do_not_link_beyond_them(client_for, name, year, quarter, absent):
    partnership = [BROMLEY] if name == "dashboard-quarter" else []  # a dashboard is one partnership's
    page = client_for("officer").get(reverse(name, args=[*partnership, year, quarter])).content.decode()
    assert f"/{absent}/" not in page
    assert "Next quarter" in page or "Previous quarter" in page


def test_once_the_quarter_is_presented_a_partner_cannot_add_a_return_for_it(client_for):
    url = reverse("strategy-submit-return", args=["2021-22", "q1"])  # presented by the 9 June 2021 pack
    client = partner_client(client_for)
    before = ProgressUpdate.objects.count()
    response = client.post(url, return_data(title="A late return"))
    assert response.status_code == 403
    assert "now that its pack has presented them" in response.content.decode()
    assert ProgressUpdate.objects.count() == before
    assert "Submit a return" not in client.get(reverse("strategy-returns", args=["2021-22", "q1"])).content.decode()
    assert client.get(reverse("strategy-submit-return", args=["2021-22", "q2"])).status_code == 200
