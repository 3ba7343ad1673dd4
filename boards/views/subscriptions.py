"""A board's public page and what anyone may subscribe to: its calendar, its partnership's, and its Atom feed.

All three are public whoever asks (a calendar app or feed reader signs nobody in): they list only the meetings
the public may open (boards.access.public_meetings), and say what the public may read of them.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from boards import access, calendars, news
from boards.models import Board
from boards.views.meetings import RECENT
from sbp.models import Partnership
from sbp.outbox import absolute


def board(request, slug):
    """The board, its partnership, its public meetings to come and the latest past ones, and where to subscribe."""
    board = get_object_or_404(Board.objects.select_related("partnership"), slug=slug)
    meetings, now = access.public_meetings(board.meetings.select_related("board")), timezone.now()
    past = list(meetings.past(now)[: RECENT + 1])
    context = {"board": board, "upcoming": list(meetings.upcoming(now)), "past": past[:RECENT],
               "more_past": len(past) > RECENT, "subscriptions": subscriptions(board)}  # fmt: skip
    return render(request, "boards/board.html", context)


def subscriptions(board):
    """Each subscribable address: the path for the page's links and the whole address to copy into an app."""
    paths = {
        "calendar": reverse("board-calendar", args=[board.slug]),
        "partnership_calendar": reverse("partnership-calendar", args=[board.partnership.slug]),
        "feed": reverse("board-feed", args=[board.slug]),
    }
    return {name: {"path": path, "address": absolute(path)} for name, path in paths.items()}


def board_calendar(request, slug):
    board = get_object_or_404(Board, slug=slug)
    return calendar_response(calendars.calendar_for_board(board), board.slug)


def partnership_calendar(request, partnership):
    partnership = get_object_or_404(Partnership, slug=partnership)
    return calendar_response(calendars.calendar_for_partnership(partnership), partnership.slug)


def calendar_response(content, name):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}-meetings.ics"'
    return response


class BoardFeed(Feed):
    """A board's publications (boards.news), newest first, as Atom 1.0."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Board.objects.select_related("partnership"), slug=slug)

    def title(self, board):
        return f"{board.name}: agendas, minutes and agenda packs"

    def subtitle(self, board):
        return f"Published agendas, approved minutes and revised agenda packs of {board.name}, newest first."

    def link(self, board):
        return absolute(board.get_absolute_url())

    def feed_url(self, board):
        return absolute(reverse("board-feed", args=[board.slug]))

    def feed_guid(self, board):
        return self.feed_url(board)

    def author_name(self, board):
        return board.partnership.name

    def items(self, board):
        return news.entries(board)

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return escape(entry.summary)  # Atom1Feed declares summaries type="html": the titles in it are text

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.when

    def item_updateddate(self, entry):
        return entry.when
