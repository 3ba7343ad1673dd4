from django.urls import path, register_converter

from strategy import editing, views


class PartConverter:
    """The kinds of priority part a URL may name (strategy.editing.PARTS)."""

    regex = "|".join(editing.PARTS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PartConverter, "part")

urlpatterns = [
    path("", views.strategy_detail, name="strategy"),
    path("<slug:partnership>/", views.strategy_detail, name="partnership-strategy"),
    path("<slug:partnership>/new/", editing.new_strategy, name="strategy-new"),
    path("<slug:partnership>/<slug:strategy>/", views.strategy_detail, name="strategy-detail"),
    path("plans/<int:pk>/edit/", editing.edit_strategy, name="strategy-edit"),
    path("plans/<int:pk>/deadlines/", editing.deadlines, name="strategy-deadlines"),
    path("plans/<int:pk>/priorities/add/", editing.add_priority, name="strategy-add-priority"),
    path("priorities/<int:pk>/edit/", editing.edit_priority, name="strategy-edit-priority"),
    path("priorities/<int:pk>/move-up/", editing.move_priority, {"offset": -1}, name="strategy-move-priority-up"),
    path("priorities/<int:pk>/move-down/", editing.move_priority, {"offset": 1}, name="strategy-move-priority-down"),
    path("priorities/<int:pk>/remove/", editing.remove_priority, name="strategy-remove-priority"),
    path("priorities/<int:pk>/<part:part>/add/", editing.add_part, name="strategy-add-part"),
    path("<part:part>/<int:pk>/edit/", editing.edit_part, name="strategy-edit-part"),
    path("<part:part>/<int:pk>/move-up/", editing.move_part, {"offset": -1}, name="strategy-move-part-up"),
    path("<part:part>/<int:pk>/move-down/", editing.move_part, {"offset": 1}, name="strategy-move-part-down"),
    path("<part:part>/<int:pk>/remove/", editing.remove_part, name="strategy-remove-part"),
    # The numeric routes come first: "returns/5/revise/" must not be read as a quarter.
    path("returns/<int:pk>/revise/", views.revise_return, name="strategy-revise-return"),
    path("returns/<int:pk>/accept/", views.accept_return, name="strategy-accept-return"),
    path("returns/<str:year>/<str:quarter>/", views.returns, name="strategy-returns"),
    path("returns/<str:year>/<str:quarter>/new/", views.submit_return, name="strategy-submit-return"),
]
