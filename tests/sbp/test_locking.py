"""No one's work is lost: on every edit form, a save made from an out-of-date version is refused, with both
versions on screen and the second person's typing kept, and saving again from there goes through."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from boards.models import Action, AgendaItem, Meeting, Minute
from crime.models import Area, Measure, RagOverride
from sbp import locking
from strategy.models import ProgressUpdate
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


class FormReader(HTMLParser):
    """The fields of the page's edit form (the one carrying a version), as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.textarea, self.select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {}
            self.forms.append(self.current)
        elif self.current is None or ("name" not in attrs and tag != "option"):
            return
        elif tag == "input" and attrs.get("type") not in ("checkbox", "radio", "submit", "file"):
            self.current[attrs["name"]] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
            self.current[attrs["name"]] = attrs.get("value", "on")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.current[self.textarea] = ""
        elif tag == "select":
            self.select = attrs["name"]
            self.current.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.current[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.current[self.textarea] += data.removeprefix("\n")


def edit_form(client, url):
    return edit_form_of(client.get(url).content.decode())


def officer(name):
    client = Client()
    client.force_login(make_user(name, "Officer"))
    return client


def override_url():
    bromley = Area.objects.get(kind="borough", name="Bromley").pk
    url = reverse("crime-override", args=["residential-burglary", bromley, "2019-12"])
    officer("test-setter").post(url, {"rag": "red", "reason": "First set.", "version": ""})
    assert RagOverride.objects.exists()
    return url


# name -> (the edit page, the field both people change, the row as saved)
EDITS = {
    "action": (lambda: reverse("edit-action", args=[Action.objects.get(minute__number=9).pk]), "description",
               lambda: Action.objects.get(minute__number=9).description),
    "agenda item": (lambda: reverse("edit-agenda-item", args=[june_item().pk]), "title", lambda: june_item().title),
    "front sheet": (lambda: reverse("agenda-item-report", args=[june_matters().pk]), "reason",
                    lambda: june_matters().report.reason),
    "minute": (lambda: reverse("edit-minute", args=[march_minute().pk]), "text", lambda: march_minute().text),
    "partner return": (lambda: reverse("strategy-revise-return", args=[mps_return().pk]), "narrative",
                       lambda: mps_return().narrative),
    "measure": (lambda: reverse("crime-edit-measure", args=["residential-burglary"]), "name",
                lambda: Measure.objects.get(slug="residential-burglary").name),
    "rating override": (override_url, "reason", lambda: RagOverride.objects.get().reason),
}  # fmt: skip


def june_item():
    return AgendaItem.objects.get(meeting__starts_at__date="2021-06-17", number=9)


def june_matters():
    return AgendaItem.objects.get(meeting__starts_at__date="2021-06-17", standing_kind="matters_arising")


def march_minute():
    return Minute.objects.get(meeting__starts_at__date="2021-03-25", number=10)


def mps_return():
    return ProgressUpdate.objects.filter(partner__short_name="MPS").order_by("pk").first()


@pytest.mark.parametrize("kind", list(EDITS))
def test_a_stale_save_is_refused_with_both_versions_and_the_typing_kept(kind):
    url, field, saved = EDITS[kind]
    url = url()
    first, second = officer("test-first"), officer("test-second")
    first_form, second_form = edit_form(first, url), edit_form(second, url)  # both open the form
    assert first.post(url, first_form | {field: "First person's words."}).status_code == 302
    response = second.post(url, second_form | {field: "Second person's words."})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this while you were editing it" in page
    assert "First person&#x27;s words." in page  # theirs, as saved
    assert edit_form_of(page)[field] == "Second person's words."  # yours, still in the form
    assert saved() == "First person's words."
    # Having seen both, the second person saves again from the newer version, and it goes through.
    assert second.post(url, edit_form_of(page)).status_code == 302
    assert saved() == "Second person's words."


def edit_form_of(page):
    reader = FormReader()
    reader.feed(page)
    return next(form for form in reader.forms if "version" in form)


def test_closing_an_action_someone_has_just_changed_is_refused():
    action = Action.objects.get(minute__number=9)
    url = reverse("close-action", args=[action.pk])
    closing = edit_form(officer("test-closer"), url)
    editor = officer("test-editor")
    edit_url = reverse("edit-action", args=[action.pk])
    assert editor.post(edit_url, edit_form(editor, edit_url) | {"due_date": "2021-12-01"}).status_code == 302
    data = closing | {"status": "completed", "closed_on": "2021-06-17"}
    assert officer("test-closer").post(url, data).status_code == 409
    assert Action.objects.get(pk=action.pk).status == Action.Status.OPEN


def test_an_action_changed_while_its_minute_was_being_edited_is_not_overwritten_by_the_minute_form():
    minute = Minute.objects.get(meeting__starts_at__date="2021-03-25", number=9)
    url = reverse("edit-minute", args=[minute.pk])
    stale = edit_form(officer("test-minute-writer"), url)
    action = minute.actions.get()
    edit_url = reverse("edit-action", args=[action.pk])
    editor = officer("test-editor")
    assert editor.post(edit_url, edit_form(editor, edit_url) | {"action_by": "AM"}).status_code == 302
    response = officer("test-minute-writer").post(url, stale | {"text": "Reworded."})
    assert response.status_code == 409
    assert (Action.objects.get(pk=action.pk).action_by, Minute.objects.get(pk=minute.pk).text) == ("AM", minute.text)


def test_two_officers_recording_attendance_at_once_do_not_overwrite_each_other():
    meeting = Meeting.objects.get(starts_at__date="2021-06-17")
    url = reverse("attendance", args=[meeting.pk])
    first, second = officer("test-first"), officer("test-second")
    first_grid, second_grid = edit_form(first, url), edit_form(second, url)
    member = next(name for name in first_grid if name.startswith("member_"))
    assert first.post(url, first_grid | {member: "present"}).status_code == 302
    response = second.post(url, second_grid | {member: "apologies"})
    assert response.status_code == 409
    assert "Someone else saved this while you were editing it" in response.content.decode()
    assert meeting.attendances.get(person_id=member.removeprefix("member_")).status == "present"
    assert second.post(url, edit_form_of(response.content.decode())).status_code == 302
    assert meeting.attendances.get(person_id=member.removeprefix("member_")).status == "apologies"


def test_claiming_the_same_version_twice_fails_the_second_time():
    meeting = Meeting.objects.get(starts_at__date="2021-06-17")
    item = meeting.agenda_items.first()
    locking.claim(item, item.version)
    with pytest.raises(locking.EditConflict) as refused:
        locking.claim(item, item.version - 1)
    assert refused.value.current.version == item.version


def test_a_save_without_a_version_is_refused_rather_than_overwriting():
    item = AgendaItem.objects.get(meeting__starts_at__date="2021-06-17", number=9)
    with pytest.raises(locking.EditConflict):
        locking.claim(item, None)
