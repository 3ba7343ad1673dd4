"""The management pages, under /manage/: a partnership's boards and memberships (boards/views/manage.py), the
shared directory, and accounts (sbp)."""

from django.urls import path

from boards.views import manage
from sbp import account_views, directory_views

urlpatterns = [
    path("", manage.index, name="manage"),
    path("people/", directory_views.people, name="manage-people"),
    path("people/add/", directory_views.edit_person, name="manage-add-person"),
    path("people/<int:pk>/", directory_views.edit_person, name="manage-edit-person"),
    path("organisations/", directory_views.organisations, name="manage-organisations"),
    path("organisations/add/", directory_views.edit_organisation, name="manage-add-organisation"),
    path("organisations/<int:pk>/", directory_views.edit_organisation, name="manage-edit-organisation"),
    path("boards/<int:pk>/", manage.board_page, name="manage-board"),
    path("boards/<int:pk>/edit/", manage.edit_board, name="manage-edit-board"),
    path("boards/<int:board>/members/add/", manage.edit_membership, name="manage-add-member"),
    path("memberships/<int:pk>/", manage.edit_membership, name="manage-edit-membership"),
    path("memberships/<int:pk>/end/", manage.end_membership, name="manage-end-membership"),
    path("<slug:partnership>/", manage.partnership_page, name="manage-partnership"),
    path("<slug:partnership>/edit/", directory_views.edit_partnership, name="manage-edit-partnership"),
    path("<slug:partnership>/boards/add/", manage.edit_board, name="manage-add-board"),
    path("<slug:partnership>/partners/add/", directory_views.edit_partner, name="manage-add-partner"),
    path("<slug:partnership>/partners/<int:pk>/", directory_views.edit_partner, name="manage-edit-partner"),
    path("<slug:partnership>/users/", account_views.users, name="manage-users"),
    path("<slug:partnership>/invite/", account_views.invite, name="manage-invite"),
    path("<slug:partnership>/users/<int:pk>/deactivate/", account_views.deactivate, name="manage-deactivate"),
]
