from django.urls import path

from strategy import views

urlpatterns = [
    path("", views.strategy_detail, name="strategy"),
    path("<slug:partnership>/", views.strategy_detail, name="partnership-strategy"),
    # The numeric routes come first: "returns/5/revise/" must not be read as a quarter.
    path("returns/<int:pk>/revise/", views.revise_return, name="strategy-revise-return"),
    path("returns/<int:pk>/accept/", views.accept_return, name="strategy-accept-return"),
    path("returns/<str:year>/<str:quarter>/", views.returns, name="strategy-returns"),
    path("returns/<str:year>/<str:quarter>/new/", views.submit_return, name="strategy-submit-return"),
]
