"""Minutes: numbering across meetings, saves that never lose work, approval, locking and amendment."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from boards import agenda, minutes
from boards.models import Meeting, Minute

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def next_after(meeting, day="2021-09-09"):
    starts = datetime.datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=LONDON)
    return agenda.create_next_meeting(meeting, starts, "Bromley Civic Centre", Meeting.Mode.IN_PERSON)


def test_minute_numbers_restart_each_municipal_year_as_the_pack_numbers_them(june_2021, march_2021):
    assert minutes.next_number(march_2021) == 16  # 25 March 2021 (municipal year 2020/21) reached minute 15
    assert minutes.next_number(june_2021) == 1  # 17 June 2021 opens the municipal year 2021/22


def minute_post(minute, **changes):
    data = {
        "title": minute.title,
        "text": minute.text,
        "agenda_item": "",
        "version": minute.version,
        "resolutions-TOTAL_FORMS": "0",
        "resolutions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
    }
    return data | changes


def test_writing_a_minute_with_a_resolution_and_an_action(client_for, june_2021):
    client = client_for("officer")
    data = minute_post(Minute(title="", text="", version=1), title="AOB", text="The Chairman raised quad bikes.")
    data |= {"resolutions-TOTAL_FORMS": "1", "resolutions-0-text": "the update be noted."}
    data |= {
        "actions-TOTAL_FORMS": "1",
        "actions-0-description": "Report on quad bike seizures",
        "actions-0-action_by": "JS",
        "actions-0-due_date": "2021-07-01",
    }
    response = client.post(reverse("add-minute", args=[june_2021.pk]), data)
    assert response.status_code == 302
    minute = june_2021.minutes.get()
    assert (minute.number, minute.title) == (1, "AOB")
    assert minute.resolutions.get().number is None
    assert minute.actions.get().action_by == "JS"
    june_2021.refresh_from_db()
    assert june_2021.minutes_status == "draft"


def test_add_another_without_javascript_keeps_the_typing_saves_nothing_and_gives_one_more_row(client_for, june_2021):
    client = client_for("officer")
    data = minute_post(Minute(title="", text="", version=1), title="AOB", text="Quad bikes.")
    data |= {"resolutions-TOTAL_FORMS": "1", "resolutions-0-text": "the update be noted.", "add": "resolutions"}
    response = client.post(reverse("add-minute", args=[june_2021.pk]), data)
    assert response.status_code == 200
    assert not june_2021.minutes.exists()
    page = response.content.decode()
    assert "the update be noted." in page
    assert 'name="resolutions-TOTAL_FORMS" value="2"' in page
    assert 'name="resolutions-1-text"' in page


def test_a_minute_is_titled_as_its_agenda_item_unless_the_officer_types_another(client_for, june_2021):
    client = client_for("officer")
    item = june_2021.agenda_items.get(number=4, suffix="a")
    data = minute_post(Minute(title="", text="", version=1), title="", text="Noted.", agenda_item=item.pk)
    assert client.post(reverse("add-minute", args=[june_2021.pk]), data).status_code == 302
    assert june_2021.minutes.get().title == item.title
    untitled = minute_post(Minute(title="", text="", version=1), title="", text="Noted.")
    response = client.post(reverse("add-minute", args=[june_2021.pk]), untitled)
    assert "Give the minute a title, or choose the agenda item it minutes." in response.content.decode()


def test_a_second_save_from_a_stale_version_is_refused_and_keeps_both_texts(client_for, march_2021):
    minute = Minute.objects.get(meeting=march_2021, number=10)
    url = reverse("edit-minute", args=[minute.pk])
    first, second = client_for("officer"), None
    stale = minute_post(minute)
    assert first.post(url, stale | {"text": "First officer's wording."}).status_code == 302
    from tests.conftest import make_user

    second = first.__class__()
    second.force_login(make_user("test-second-officer", "Officer"))
    response = second.post(url, stale | {"text": "Second officer's wording."})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this while you were editing it" in page
    assert "First officer&#x27;s wording." in page
    assert "Second officer&#x27;s wording." in page
    minute.refresh_from_db()
    assert minute.text == "First officer's wording."
    # Having seen both, the second officer saves again and this time it goes through.
    assert second.post(url, stale | {"text": "Second officer's wording.", "version": minute.version}).status_code == 302


def test_approving_minutes_locks_them_and_minutes_the_resolution_at_the_later_meeting(
    client_for, june_2021, march_2021
):
    response = client_for("democratic").post(
        reverse("approve-minutes", args=[march_2021.pk]), {"at_meeting": june_2021.pk}
    )
    assert response.status_code == 302
    march_2021.refresh_from_db()
    assert (march_2021.minutes_status, march_2021.minutes_approved_by) == ("approved", june_2021)
    approval = june_2021.minutes.get()
    assert approval.agenda_item == june_2021.agenda_items.get(number=2)
    assert (
        approval.resolutions.get().text
        == "the minutes of the meeting held on 25th March 2021 be agreed as a correct record."
    )
    minute = march_2021.minutes.get(number=9)
    edit = client_for("officer").get(reverse("edit-minute", args=[minute.pk]))
    assert edit["Location"] == reverse("amend-minute", args=[minute.pk])
    with pytest.raises(minutes.MinutesLocked):
        minutes.check_unlocked(minute.meeting)


def test_minutes_cannot_be_approved_at_an_earlier_meeting(december_2019, march_2021):
    with pytest.raises(ValueError, match="later meeting"):
        minutes.approve(march_2021, december_2019)


def test_a_correction_after_approval_is_a_recorded_amendment(client_for, june_2021, march_2021):
    minutes.approve(march_2021, june_2021)
    minute = march_2021.minutes.get(number=12)
    client = client_for("officer")
    data = {"text": "Inspector Baker, not Inspector Barker.", "reason": "Name misspelt."}
    assert client.post(reverse("amend-minute", args=[minute.pk]), data).status_code == 302
    page = client.get(reverse("meeting-detail", args=[march_2021.pk])).content.decode()
    assert "Inspector Baker, not Inspector Barker." in page
    minute.refresh_from_db()
    assert minute.text.startswith("Inspector Stuart Baker and Superintendent Andy Brittain")


def test_minute_changes_are_kept_with_who_and_what(client_for, march_2021):
    minute = Minute.objects.get(meeting=march_2021, number=15)
    client = client_for("officer")
    client.post(reverse("edit-minute", args=[minute.pk]), minute_post(minute, text="The next meeting: 17 June 2021."))
    record = minute.history.first()
    assert (record.history_user.username, record.text) == ("test-officer", "The next meeting: 17 June 2021.")
    assert "The next meeting: 17 June 2021." in client.get(reverse("edit-minute", args=[minute.pk])).content.decode()


def test_new_actions_appear_in_the_matters_arising_of_the_following_meeting(june_2021):
    september = next_after(june_2021)
    minute = Minute.objects.create(meeting=september, number=49, title="AOB")
    minute.actions.create(description="Report back", action_by="JS", due_date="2021-09-23")
    october = next_after(september, "2021-12-09")
    from boards.models import Action

    assert [a.description for a in Action.objects.outstanding_for(october)][-1] == "Report back"


LOCKED = "These minutes are approved as a correct record, so they cannot change"


@pytest.mark.parametrize("method", ["get", "post"])
def test_adding_a_minute_to_approved_minutes_sends_the_officer_back_to_them_with_the_reason(
    client_for, june_2021, march_2021, method
):
    minutes.approve(march_2021, june_2021)
    client = client_for("officer")
    data = minute_post(Minute(title="", text="", version=1), title="AOB", text="Added after approval.")
    response = getattr(client, method)(reverse("add-minute", args=[march_2021.pk]), data if method == "post" else {})
    assert response["Location"] == f"{march_2021.get_absolute_url()}#minutes"
    page = client.get(response["Location"]).content.decode()
    assert LOCKED in page
    assert "record an amendment</a> from the minute it corrects" in page
    assert not march_2021.minutes.filter(text="Added after approval.").exists()


def test_circulating_approved_minutes_is_refused_with_the_reason(client_for, june_2021, march_2021):
    minutes.approve(march_2021, june_2021)
    client = client_for("officer")
    response = client.post(reverse("circulate-minutes", args=[march_2021.pk]))
    assert response["Location"] == f"{march_2021.get_absolute_url()}#minutes"
    assert LOCKED in client.get(response["Location"]).content.decode()
    march_2021.refresh_from_db()
    assert march_2021.minutes_status == "approved"


def write_minute(meeting, item_number, title):
    """Write a minute for an agenda item (-1: the last) through the rules, as the minute form does."""
    from boards.forms import MinuteForm

    items = list(meeting.agenda_items.order_by("position"))
    item = items[-1] if item_number == -1 else next(i for i in items if i.number == item_number and not i.suffix)
    form = MinuteForm({"agenda_item": item.pk, "title": title, "text": ""}, instance=Minute(meeting=meeting,
                      number=minutes.next_number(meeting)), meeting=meeting)  # fmt: skip
    assert form.is_valid(), form.errors
    return minutes.save(form)


def references(meeting):
    return [(m.reference, m.title) for m in Minute.objects.filter(meeting=meeting).order_by("number", "suffix")]


@pytest.mark.parametrize("numbering", ["continuous", "municipal_year"])
def test_minute_numbers_stay_unique_per_board_and_year_when_written_out_of_order(june_2021, numbering):
    board = june_2021.board
    board.minute_numbering = numbering
    board.save()
    first = minutes.next_number(june_2021)
    september = next_after(june_2021)
    # September is minuted first, its items out of agenda order (item 9 before item 1) ...
    write_minute(september, -1, "AOB")
    write_minute(september, 1, "WELCOME")
    assert [title for _, title in references(september)] == ["WELCOME", "AOB"]
    # ... then June's, and March's minutes are approved at June, whose minutes are not yet approved.
    write_minute(june_2021, 8, "EMERGING ISSUES")
    march = Meeting.objects.get(starts_at__date="2021-03-25")
    minutes.approve(march, june_2021)
    june = [title for _, title in references(june_2021)]
    assert june == ["MINUTES OF THE MEETING HELD ON 25TH MARCH 2021", "EMERGING ISSUES"]  # the approval in agenda order
    numbers = list(Minute.objects.filter(board=board).values_list("numbering_year", "number", "suffix"))
    assert len(numbers) == len(set(numbers))
    # June's minutes come before September's, and nobody's number was taken twice.
    june_numbers = [m.number for m in Minute.objects.filter(meeting=june_2021)]
    september_numbers = [m.number for m in Minute.objects.filter(meeting=september)]
    assert max(june_numbers) < min(september_numbers)
    assert sorted(june_numbers + september_numbers) == list(range(first, first + 4))


def test_approved_minutes_keep_their_numbers_and_an_earlier_minute_takes_a_letter(june_2021):
    write_minute(june_2021, 8, "EMERGING ISSUES")  # 1
    september = next_after(june_2021)
    write_minute(september, 1, "WELCOME")  # 2
    minutes.approve(september, next_after(september, "2021-12-09"))  # September's minutes are locked
    write_minute(june_2021, 1, "WELCOME")  # written late for an earlier June item: no number is free before 2
    assert [m.reference for m in Minute.objects.filter(meeting=september).exclude(title__startswith="MINUTES")] == ["2"]
    assert references(june_2021) == [("1", "WELCOME"), ("1a", "EMERGING ISSUES")]


def test_the_database_refuses_two_minutes_with_one_number_in_a_board_year(march_2021, june_2021):
    from django.db import IntegrityError, transaction

    Minute.objects.create(meeting=june_2021, number=1, title="One")
    september = next_after(june_2021)  # another meeting of the same municipal year (2021/22)
    with pytest.raises(IntegrityError), transaction.atomic():
        Minute.objects.create(meeting=september, number=1, title="Also one")


def test_editing_a_minute_keeps_the_packs_numbers_and_sub_minutes(client_for, march_2021):
    before = references(march_2021)
    minute = Minute.objects.get(meeting=march_2021, number=7, suffix="b")
    response = client_for("officer").post(
        reverse("edit-minute", args=[minute.pk]), minute_post(minute, text="Reworded.")
    )
    assert response.status_code == 302
    assert references(march_2021) == before  # 7a-7d stay sub-minutes of 7, and 1-15 stay where the pack has them
