"""A board's Atom feed (boards/news.py, served by Django's syndication framework), read back with feedparser: a
valid feed of the board's published agendas, approved minutes and revised packs, newest first, Part 1 only."""

from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.urls import reverse

from boards import minutes, news
from boards.models import AgendaItem, Meeting, Minute, PackBuild, Part
from tests.factories import grow_business, make_partnership_b, make_public_meeting

pytestmark = pytest.mark.django_db

SECRET = "zqx-feed-secret-zqx"


def read_feed(client, board):
    response = client.get(reverse("board-feed", args=[board.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed, response.content.decode()


def exempt_item(meeting, number=99):
    return AgendaItem.objects.create(
        meeting=meeting, number=number, position=number, title=SECRET, context=SECRET, part=Part.EXEMPT,
        exempt_reason="Information relating to an individual", public_title="Contract award",
    )  # fmt: skip


def test_the_feed_is_valid_atom_with_its_required_elements(client, june_2021):
    parsed, _ = read_feed(client, june_2021.board)
    assert parsed.feed.id.endswith(f"/boards/{june_2021.board.slug}/feed/")
    assert parsed.feed.title == f"{june_2021.board.name}: agendas, minutes and agenda packs"
    assert parsed.feed.updated_parsed
    assert parsed.feed.author == "Safer Bromley Partnership"
    assert parsed.entries
    for entry in parsed.entries:
        assert all((entry.id, entry.title, entry.updated_parsed, entry.summary))
        assert entry.link.startswith("http")
    assert len({entry.id for entry in parsed.entries}) == len(parsed.entries)


def test_the_demo_boards_feed_has_the_june_agenda_and_the_december_minutes(client, june_2021, december_2019):
    parsed, _ = read_feed(client, june_2021.board)
    titles = [entry.title for entry in parsed.entries]
    assert titles == [
        "Agenda published: Safer Bromley Partnership Board, 17 June 2021",  # 9 June 2021
        "Minutes approved: Safer Bromley Partnership Board, 5 December 2019",  # at the meeting of 25 March 2021
    ]
    agenda, approved = parsed.entries
    assert agenda.link.endswith(f"/meetings/{june_2021.pk}/")
    assert agenda.updated.startswith("2021-06-09")
    assert "4a REVISED SAFER BROMLEY PARTNERSHIP STRATEGY DOCUMENT" in agenda.summary
    assert approved.link.endswith(f"/meetings/{december_2019.pk}/#minutes")
    assert approved.summary.startswith("Approved as a correct record at the meeting of 25 March 2021.")


def test_entries_are_newest_first_and_a_revised_pack_is_one(client, june_2021):
    board = june_2021.board
    later = make_public_meeting(board, datetime(2021, 9, 9, 9, 0, tzinfo=UTC))
    first = later.agenda_published_at
    for published in (first, first + timedelta(days=2)):
        PackBuild.objects.create(meeting=later, restricted=False, content_hash=str(published), status="ready",
                                 requested_at=published, published_at=published, file="packs/x.pdf")  # fmt: skip
    # A restricted pack's revision is no news for the public.
    PackBuild.objects.create(meeting=later, restricted=True, content_hash="r", status="ready", requested_at=first,
                             published_at=first + timedelta(days=3))  # fmt: skip
    parsed, _ = read_feed(client, board)
    titles = [entry.title for entry in parsed.entries]
    assert titles[:2] == [
        "Revised agenda pack: Safer Bromley Partnership Board, 9 September 2021",
        "Agenda published: Safer Bromley Partnership Board, 9 September 2021",
    ]
    assert sum(title.startswith("Revised agenda pack") for title in titles) == 1
    revised = parsed.entries[0]
    revision = PackBuild.objects.get(meeting=later, restricted=False, published_at__gt=first)
    assert revised.link.endswith(reverse("stored-pack", args=[revision.pk]))
    updated = [entry.updated_parsed for entry in parsed.entries]
    assert updated == sorted(updated, reverse=True)


def test_summaries_carry_part_1_business_only(client, june_2021, december_2019):
    exempt_item(june_2021)
    item = exempt_item(december_2019)
    Minute.objects.create(meeting=december_2019, agenda_item=item, number=199, title=SECRET, text=SECRET)
    parsed, text = read_feed(client, june_2021.board)
    assert SECRET not in text
    agenda = next(entry for entry in parsed.entries if entry.title.startswith("Agenda published"))
    assert "1 item of Part 2 business, not for publication." in agenda.summary
    assert "Contract award" not in agenda.summary  # left out altogether, not reduced
    assert "1 WELCOME" in agenda.summary


def test_unpublished_meetings_and_unapproved_minutes_are_not_news(client, june_2021):
    board = june_2021.board
    draft = Meeting.objects.create(board=board, starts_at=datetime(2021, 12, 9, 10, 0, tzinfo=UTC))
    AgendaItem.objects.create(meeting=draft, number=1, position=1, title=SECRET)
    parsed, text = read_feed(client, board)
    assert SECRET not in text
    # The demo leaves March 2021's minutes unapproved (June's meeting was to agree them): approving them is news.
    march = Meeting.objects.get(starts_at__date="2021-03-25")
    was = {entry.title for entry in parsed.entries}
    assert "Minutes approved: SAFER BROMLEY PARTNERSHIP STRATEGIC GROUP, 25 March 2021" not in was
    minutes.approve(march, june_2021)
    parsed, _ = read_feed(client, board)
    assert "Minutes approved: SAFER BROMLEY PARTNERSHIP STRATEGIC GROUP, 25 March 2021" in {
        entry.title for entry in parsed.entries
    }


def test_a_boards_feed_holds_none_of_another_boards_business(client, june_2021):
    b = make_partnership_b()
    parsed, _ = read_feed(client, june_2021.board)
    assert not any(f"/meetings/{b.published.pk}/" in entry.link for entry in parsed.entries)
    theirs, text = read_feed(client, b.board)
    assert [entry.title for entry in theirs.entries] == [
        "Agenda published: Safer Northfield Partnership Board, 10 June 2021"
    ]
    assert "zqxB-secretzqx" not in text  # tests.factories.B_SECRET, in B's Part 2 item and draft


def test_a_board_with_nothing_published_has_a_valid_empty_feed(client, june_2021):
    board = june_2021.board.__class__.objects.create(
        partnership=june_2021.board.partnership, name="A new board", slug="a-new-board"
    )
    parsed, _ = read_feed(client, board)
    assert parsed.entries == []
    assert parsed.feed.updated_parsed


def test_the_feed_makes_the_same_queries_with_ten_times_the_meetings(client, june_2021, django_assert_max_num_queries):
    url = reverse("board-feed", args=[june_2021.board.slug])
    # The board; agendas and their items; approved minutes, theirs and their items; revised packs and their items.
    budget = 8
    later = make_public_meeting(june_2021.board, datetime(2021, 9, 9, 9, 0, tzinfo=UTC))
    for days in (0, 2):
        published = later.agenda_published_at + timedelta(days=days)
        PackBuild.objects.create(meeting=later, restricted=False, content_hash=str(days), status="ready",
                                 requested_at=published, published_at=published)  # fmt: skip
    with django_assert_max_num_queries(budget):
        client.get(url)
    grow_business(june_2021, meetings=40, actions_each=1)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert len(feedparser.parse(response.content).entries) == news.LATEST
