"""A pack build records each stage as it finishes, and a failure says why in words, the technical error logged."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from boards import pack, pack_failures, tasks
from boards.models import AgendaItem, Meeting, PackBuild, StepState
from boards.pack_failures import PackFailure, Stage

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
STEPS = list(PackBuild.Step)


def small_meeting(june_2021, paper=None):
    """A meeting with one item (and its paper, if given): a pack that builds in a moment."""
    meeting = Meeting.objects.create(board=june_2021.board, starts_at=datetime.datetime(2021, 9, 16, 10, tzinfo=LONDON))
    item = AgendaItem.objects.create(meeting=meeting, number=1, position=1, title="A REPORT")
    if paper is not None:
        item.document.save("paper.pdf", ContentFile(paper))
    return meeting


def test_a_build_reports_each_stage_in_order(june_2021):
    done = []
    data, pages = pack.build(small_meeting(june_2021), restricted=False, progress=done.append)
    assert done == STEPS
    assert data.startswith(b"%PDF-")
    assert pages >= 1


def test_each_stage_is_saved_on_the_build_as_it_finishes(june_2021, monkeypatch):
    meeting = small_meeting(june_2021)
    seen = []
    real_render = pack.html

    def html_seeing_the_step(*args, **kwargs):
        # The page asking about the build reads the row, not the worker's copy: read it as the page would.
        seen.append(PackBuild.objects.filter(meeting=meeting).values_list("step", flat=True).first())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(pack, "html", html_seeing_the_step)
    build = tasks.request_pack(meeting, restricted=False)
    assert (build.status, build.step) == (PackBuild.Status.READY, PackBuild.Step.MERGED)
    assert PackBuild.Step.CHARTS in seen  # the layout began with the charts recorded as drawn


@pytest.mark.parametrize(
    ("status", "step", "expected"),
    [
        ("building", "", ["in_progress", "not_started", "not_started", "not_started"]),
        ("building", "figures", ["done", "in_progress", "not_started", "not_started"]),
        ("building", "layout", ["done", "done", "done", "in_progress"]),
        ("failed", "", ["failed", "not_started", "not_started", "not_started"]),
        ("failed", "charts", ["done", "done", "failed", "not_started"]),
        ("ready", "merged", ["done", "done", "done", "done"]),
        ("ready", "", ["done", "done", "done", "done"]),  # built before steps were recorded
    ],
)
def test_the_steps_say_done_in_progress_failed_or_not_started(status, step, expected):
    states = PackBuild(status=status, step=step).steps()
    assert [s for s, _ in states] == STEPS
    assert [state for _, state in states] == [StepState(value) for value in expected]


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (PackFailure(Stage.PAPER, "4a"), "The paper uploaded for item 4a is not a PDF that can be read"),
        (PackFailure(Stage.CHARTS), "A chart of the crime figures could not be drawn."),
        (PackFailure(Stage.LAYOUT), "The pages of the pack could not be laid out."),
        (PackFailure(Stage.MERGE), "One of the uploaded papers could not be added to the pack."),
        (PackFailure(Stage.FIGURES), "The papers and figures for the pack could not be gathered."),
        (RuntimeError("disk full"), "Something unexpected stopped the pack being built."),
    ],
)
def test_each_known_failure_has_its_sentence(failure, words):
    assert pack_failures.words(failure).startswith(words)


def test_the_technical_error_is_the_underlying_one():
    with pytest.raises(PackFailure) as raised, pack.failing_as(Stage.LAYOUT):
        raise ValueError("bad CSS at line 3")
    assert pack_failures.technical(raised.value) == "ValueError: bad CSS at line 3"
    assert raised.value.stage == Stage.LAYOUT


def test_an_unreadable_paper_is_named_in_words_and_the_page_shows_where_it_stopped(client_for, june_2021):
    meeting = small_meeting(june_2021, paper=b"%PDF-1.7 this is not really a PDF")
    build = tasks.request_pack(meeting, restricted=False)
    assert build.status == PackBuild.Status.FAILED
    assert build.explanation.startswith("The paper uploaded for item 1 is not a PDF that can be read")
    assert "Error" in build.error.split(":")[0]  # the library's exception, for the log
    page = client_for("officer").get(reverse("pack-build", args=[build.pk])).content.decode()
    assert "The agenda pack could not be built" in page
    assert "The paper uploaded for item 1 is not a PDF that can be read" in page
    assert build.error not in page
    assert "Failed" in page
    assert 'http-equiv="refresh"' not in page


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("sbp.charts.to_svg", "A chart of the crime figures could not be drawn."),
        ("sbp.pdf.render", "The pages of the pack could not be laid out."),
    ],
)
def test_a_chart_or_layout_failure_is_said_in_words(june_2021, monkeypatch, target, words):
    def broken(*args, **kwargs):
        raise RuntimeError("library failure")

    module, name = target.rsplit(".", 1)
    monkeypatch.setattr(f"{module}.{name}", broken)
    build = tasks.request_pack(small_meeting(june_2021), restricted=False)
    assert build.explanation.startswith(words)
    assert build.error == "RuntimeError: library failure"


def test_a_build_that_failed_before_explanations_were_kept_shows_no_technical_error(client_for, june_2021):
    build = building(june_2021)
    PackBuild.objects.filter(pk=build.pk).update(status=PackBuild.Status.FAILED, error="OSError: /var/tmp/x.pdf")
    page = client_for("officer").get(reverse("pack-build", args=[build.pk])).content.decode()
    assert "Something unexpected stopped the pack being built" in page
    assert "OSError" not in page


def building(june_2021, step=""):
    return PackBuild.objects.create(
        meeting=small_meeting(june_2021), restricted=False, content_hash="1" * 64, requested_at=timezone.now(),
        step=step,
    )  # fmt: skip


def test_the_being_built_page_lists_the_steps_and_refreshes_itself_until_ready(client_for, june_2021):
    client = client_for("officer")  # the meeting is a draft
    build = building(june_2021, step=PackBuild.Step.CHARTS)
    url = reverse("pack-build", args=[build.pk])
    page = client.get(url).content.decode()
    assert "The agenda pack is being built" in page
    assert f'<meta http-equiv="refresh" content="5; url={url}">' in page
    steps = page[page.index('id="pack-steps"') :]
    assert steps.index("Gathering the papers and figures") < steps.index("Completed") < steps.index("Laying out")
    assert "In progress" in steps
    assert "Not started" in steps
    assert 'http-equiv="refresh"' not in client.get(url, {"refresh": "off"}).content.decode()
    PackBuild.objects.filter(pk=build.pk).update(status=PackBuild.Status.READY, step=PackBuild.Step.MERGED)
    ready = client.get(url).content.decode()
    assert "The agenda pack is ready" in ready
    assert reverse("stored-pack", args=[build.pk]) in ready
    assert 'http-equiv="refresh"' not in ready


def test_the_being_built_page_of_a_restricted_pack_is_for_full_readers(client_for, june_2021):
    build = building(june_2021)
    PackBuild.objects.filter(pk=build.pk).update(restricted=True)
    assert client_for("partner").get(reverse("pack-build", args=[build.pk])).status_code == 403
    assert client_for("member").get(reverse("pack-build", args=[build.pk])).status_code == 200
