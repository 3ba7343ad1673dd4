"""The open data views: each fetches what the public may see through boards/access.py, hands it through the
redaction policy where it is business of a meeting, and serialises it. Read-only: anything but GET is 405."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from boards import access, attendance, dashboard, redaction
from boards.api import licence
from boards.api import serializers as shapes
from boards.api.renderers import CSVRenderer
from boards.models import AgendaItem, Board, Meeting, Membership, Minute, Resolution
from sbp.models import Organisation, Partnership, Person
from strategy.quarters import Quarter

PUBLIC = access.PUBLIC_USER


def with_licence(response):
    response["Link"] = licence.LINK_HEADER
    return response


class OpenData(generics.GenericAPIView):
    """Public and read-only; every answer carries the licence as a Link header and may be cached by anyone, as
    it is the same for every reader."""

    renderer_classes = [JSONRenderer, CSVRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        response = with_licence(super().finalize_response(request, response, *args, **kwargs))
        if response.status_code == 200:  # a 404 may be a meeting about to be published: not kept
            response["Cache-Control"] = "public, max-age=300"
        return response

    def present(self, rows):
        """The rows as the serializer reads them (a policy view where there is one)."""
        return rows


class OpenDataList(OpenData, generics.ListAPIView):
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(self.present(page), many=True).data)


class OpenDataDetail(OpenData, generics.RetrieveAPIView):
    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.present([self.get_object()])[0]).data)


class Partnerships:
    serializer_class = shapes.PartnershipSerializer

    def get_queryset(self):
        return Partnership.objects.prefetch_related("boards", "figures__districts").order_by("name", "pk")


class PartnershipList(Partnerships, OpenDataList):
    """Every partnership, with the GSS codes of its districts where the crime figures know them."""


class PartnershipDetail(Partnerships, OpenDataDetail):
    """One of partnerships, as the list shows it; 404 when the public may not see it."""


class Boards:
    serializer_class = shapes.BoardSerializer

    def get_queryset(self):
        return Board.objects.order_by("name", "pk")


class BoardList(Boards, OpenDataList):
    """Every board, as a Popolo Organization."""


class BoardDetail(Boards, OpenDataDetail):
    """One of boards, as the list shows it; 404 when the public may not see it."""


class Organizations:
    serializer_class = shapes.OrganizationSerializer

    def get_queryset(self):
        return Organisation.objects.order_by("name", "pk")


class OrganizationList(Organizations, OpenDataList):
    """The organisations of the shared directory, as Popolo Organizations."""


class OrganizationDetail(Organizations, OpenDataDetail):
    """One of organizations, as the list shows it; 404 when the public may not see it."""


class People:
    serializer_class = shapes.PersonSerializer

    def get_queryset(self):
        return access.public_people(Person.objects.all()).order_by("name", "pk")


class PersonList(People, OpenDataList):
    """The people the published papers name: board members and alternates, contact officers, attendees."""


class PersonDetail(People, OpenDataDetail):
    """One of people, as the list shows it; 404 when the public may not see it."""


class Memberships:
    serializer_class = shapes.MembershipSerializer

    def get_queryset(self):
        return Membership.objects.order_by("board", "position", "person__name", "pk")


class MembershipList(Memberships, OpenDataList):
    """Every seat on every board, past ones included, as Popolo Memberships."""


class MembershipDetail(Memberships, OpenDataDetail):
    """One of memberships, as the list shows it; 404 when the public may not see it."""


@dataclass(frozen=True)
class PublicMeeting:
    meeting: Meeting
    agenda_items: list


@dataclass(frozen=True)
class Placed:
    """A policy view with the meeting it belongs to: the serializer reads both."""

    view: object
    meeting_id: int

    def __getattr__(self, name):
        return getattr(self.view, name)


def public_items(meeting):
    reader = access.reader(PUBLIC, meeting)
    return [Placed(redaction.item(reader, row), meeting.pk) for row in meeting.agenda_items.all()]


class Meetings:
    serializer_class = shapes.MeetingSerializer

    def get_queryset(self):
        meetings = access.visible_meetings(PUBLIC, Meeting.objects.all())
        return meetings.select_related("board").prefetch_related("agenda_items__presenter").order_by("-starts_at", "pk")

    def present(self, rows):
        return [PublicMeeting(meeting, public_items(meeting)) for meeting in rows]


class MeetingList(Meetings, OpenDataList):
    """Published meetings, newest first, each with its agenda as the public agenda shows it."""


class MeetingDetail(Meetings, OpenDataDetail):
    """One of meetings, as the list shows it; 404 when the public may not see it."""


class AgendaItems:
    serializer_class = shapes.AgendaItemSerializer

    def get_queryset(self):
        items = AgendaItem.objects.filter(meeting__in=access.visible_meetings(PUBLIC, Meeting.objects.all()))
        return items.select_related("meeting__board", "presenter").order_by(
            "-meeting__starts_at", "meeting", "position"
        )

    def present(self, rows):
        return [Placed(redaction.item(access.reader(PUBLIC, row), row), row.meeting_id) for row in rows]


class AgendaItemList(AgendaItems, OpenDataList):
    """The agenda items of published meetings, one row each (for CSV); Part 2 items withheld."""


class AgendaItemDetail(AgendaItems, OpenDataDetail):
    """One of agendaItems, as the list shows it; 404 when the public may not see it."""


def public_minutes_of():
    return access.with_public_minutes(access.visible_meetings(PUBLIC, Meeting.objects.all()))


class Minutes:
    serializer_class = shapes.MinuteSerializer

    def get_queryset(self):
        rows = Minute.objects.filter(meeting__in=public_minutes_of()).select_related("agenda_item", "meeting__board")
        rows = rows.prefetch_related("resolutions", "actions", "amendments")
        return rows.order_by("-meeting__starts_at", "meeting", "number", "suffix")

    def present(self, rows):
        return [Placed(redaction.minute(access.reader(PUBLIC, row), row), row.meeting_id) for row in rows]


class MinuteList(Minutes, OpenDataList):
    """Approved minutes with their resolutions and actions; a Part 2 minute only as withheld."""


class MinuteDetail(Minutes, OpenDataDetail):
    """One of minutes, as the list shows it; 404 when the public may not see it."""


class Resolutions:
    serializer_class = shapes.ListedResolutionSerializer

    def get_queryset(self):
        minutes = redaction.minutes(redaction.PUBLIC, Minute.objects.filter(meeting__in=public_minutes_of()))
        rows = Resolution.objects.filter(minute__in=minutes).select_related("minute")
        return rows.order_by("-minute__meeting__starts_at", "minute__number", "minute__suffix", "number", "pk")


class ResolutionList(Resolutions, OpenDataList):
    """The resolutions of approved minutes of Part 1 business."""


class ResolutionDetail(Resolutions, OpenDataDetail):
    """One of resolutions, as the list shows it; 404 when the public may not see it."""


class AttendanceList(OpenDataList):
    """Who attended, as the approved minutes print it: meeting by meeting, newest first, in the minutes' order."""

    serializer_class = shapes.AttendanceSerializer

    def get_queryset(self):
        meetings = public_minutes_of().prefetch_related("attendances__person").order_by("-starts_at", "pk")
        # The minutes print attendance whole, Part 2 or not (redaction.record): only its order is a rule.
        return [line for meeting in meetings for line in attendance.in_minutes_order(meeting.attendances.all())]


@dataclass(frozen=True)
class PublishedQuarter:
    partnership: Partnership
    quarter: Quarter


class PublishedQuarterList(OpenDataList):
    """The quarters whose police figures a published pack gave the public, newest first."""

    serializer_class = shapes.PublishedQuarterSerializer

    def get_queryset(self):
        found = [PublishedQuarter(*pair) for pair in dashboard.published_quarters()]
        return sorted(found, key=lambda row: (row.quarter, -row.partnership.pk), reverse=True)


@extend_schema_view(get=extend_schema(operation_id="crime_figures_of_quarter"))
class QuarterFigures(OpenDataList):
    """A published quarter's police figures exactly as its newest published public pack printed them."""

    serializer_class = shapes.FigureSerializer

    def get_queryset(self):
        try:
            quarter = Quarter.from_slugs(self.kwargs["year"], self.kwargs["quarter"])
        except ValueError as error:
            raise Http404(str(error)) from error
        partnership = Partnership.objects.filter(slug=self.kwargs["partnership"]).first()
        figures = dashboard.published_figures(partnership, quarter) if partnership else None
        if figures is None:
            raise Http404("No published pack gave the public this quarter's figures.")
        return figures


class Schema(SpectacularAPIView):
    """The OpenAPI 3 description (YAML, or JSON with ?format=json), with the licence in its info and header."""

    def finalize_response(self, request, response, *args, **kwargs):
        return with_licence(super().finalize_response(request, response, *args, **kwargs))


ENDPOINTS = [
    ("api-partnerships", "Partnerships", "Each partnership, its boards and the GSS codes of its districts."),
    ("api-boards", "Boards", "Each board, as a Popolo Organization."),
    ("api-organizations", "Organisations", "The organisations of the directory, as Popolo Organizations."),
    ("api-people", "People", "The people the published papers name: name, honorific, organisation, job title."),
    ("api-memberships", "Memberships", "Seats on boards, as Popolo Memberships."),
    ("api-meetings", "Meetings", "Published meetings with their agendas; Part 2 items only as withheld."),
    ("api-agenda-items", "Agenda items", "The same agenda items, one row each."),
    ("api-minutes", "Minutes", "Approved minutes, with resolutions and actions; Part 2 minutes only as withheld."),
    ("api-resolutions", "Resolutions", "The resolutions of approved minutes."),
    ("api-attendance", "Attendance", "Who attended, as the approved minutes print it."),
    ("api-quarters", "Published quarters", "Quarters whose police figures a published pack printed."),
]


def index(request):
    """The human page: what there is, where the description is, and the licence. Public, as the data is."""
    return render(request, "boards/api/index.html", {"endpoints": ENDPOINTS, "licence": licence.STATEMENT})
