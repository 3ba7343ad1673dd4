"""/api/v1/: the open data API. A change that breaks a reader's code gets /api/v2/ beside it (ADR 0027)."""

from django.urls import path

from boards.api import views

urlpatterns = [
    path("", views.index, name="api-index"),
    path("schema/", views.Schema.as_view(), name="api-schema"),
    path("partnerships/", views.PartnershipList.as_view(), name="api-partnerships"),
    path("partnerships/<int:pk>/", views.PartnershipDetail.as_view(), name="api-partnership"),
    path("boards/", views.BoardList.as_view(), name="api-boards"),
    path("boards/<int:pk>/", views.BoardDetail.as_view(), name="api-board"),
    path("organizations/", views.OrganizationList.as_view(), name="api-organizations"),
    path("organizations/<int:pk>/", views.OrganizationDetail.as_view(), name="api-organization"),
    path("people/", views.PersonList.as_view(), name="api-people"),
    path("people/<int:pk>/", views.PersonDetail.as_view(), name="api-person"),
    path("memberships/", views.MembershipList.as_view(), name="api-memberships"),
    path("memberships/<int:pk>/", views.MembershipDetail.as_view(), name="api-membership"),
    path("meetings/", views.MeetingList.as_view(), name="api-meetings"),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="api-meeting"),
    path("agenda-items/", views.AgendaItemList.as_view(), name="api-agenda-items"),
    path("agenda-items/<int:pk>/", views.AgendaItemDetail.as_view(), name="api-agenda-item"),
    path("minutes/", views.MinuteList.as_view(), name="api-minutes"),
    path("minutes/<int:pk>/", views.MinuteDetail.as_view(), name="api-minute"),
    path("resolutions/", views.ResolutionList.as_view(), name="api-resolutions"),
    path("resolutions/<int:pk>/", views.ResolutionDetail.as_view(), name="api-resolution"),
    path("attendance/", views.AttendanceList.as_view(), name="api-attendance"),
    path("crime-figures/", views.PublishedQuarterList.as_view(), name="api-quarters"),
    path(
        "crime-figures/<slug:partnership>/<str:year>/<str:quarter>/",
        views.QuarterFigures.as_view(),
        name="api-crime-figures",
    ),
]
