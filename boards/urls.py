from django.urls import path

from boards.views import actions, agenda_items, attendance, dashboard, meetings, minutes, packs

urlpatterns = [
    path("", meetings.home, name="home"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/next/", meetings.next_meeting, name="next-meeting"),
    path("meetings/<int:pk>/publish/", meetings.publish_agenda, name="publish-agenda"),
    path("meetings/<int:pk>/pack.pdf", packs.download, name="meeting-pack"),
    path("meetings/<int:pk>/pack-restricted.pdf", packs.download, {"restricted": True}, name="meeting-pack-restricted"),
    path("meetings/<int:pk>/agenda/add/", agenda_items.add_item, name="add-agenda-item"),
    path("agenda-items/<int:pk>/edit/", agenda_items.edit_item, name="edit-agenda-item"),
    path("agenda-items/<int:pk>/paper.pdf", packs.paper, name="agenda-item-paper"),
    path("agenda-items/<int:pk>/report/", agenda_items.edit_report, name="agenda-item-report"),
    path("packs/<int:pk>.pdf", packs.stored_pack, name="stored-pack"),
    path("agenda-items/<int:pk>/move-up/", agenda_items.move_item, {"offset": -1}, name="move-agenda-item-up"),
    path("agenda-items/<int:pk>/move-down/", agenda_items.move_item, {"offset": 1}, name="move-agenda-item-down"),
    path("agenda-items/<int:pk>/remove/", agenda_items.remove_item, name="remove-agenda-item"),
    path("meetings/<int:pk>/attendance/", attendance.record_attendance, name="attendance"),
    path("meetings/<int:pk>/declarations/add/", attendance.add_declaration, name="add-declaration"),
    path("meetings/<int:pk>/minutes/add/", minutes.add_minute, name="add-minute"),
    path("meetings/<int:pk>/minutes/circulate/", minutes.circulate, name="circulate-minutes"),
    path("meetings/<int:pk>/minutes/approve/", minutes.approve, name="approve-minutes"),
    path("minutes/<int:pk>/edit/", minutes.edit_minute, name="edit-minute"),
    path("minutes/<int:pk>/amend/", minutes.amend, name="amend-minute"),
    path("dashboard/", dashboard.latest, name="dashboard"),
    path("dashboard/<str:year>/<str:quarter>/", dashboard.quarterly, name="dashboard-quarter"),
    path("actions/", actions.register, name="actions"),
    path("actions/<int:pk>/", actions.action_detail, name="action-detail"),
    path("actions/<int:pk>/update/", actions.add_update, name="action-update"),
    path("actions/<int:pk>/close/", actions.close, name="close-action"),
    path("actions/<int:pk>/edit/", actions.edit, name="edit-action"),
]
