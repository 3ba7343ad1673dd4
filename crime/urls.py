from django.urls import path

from crime import views

urlpatterns = [
    path("", views.figures, name="crime-figures"),
    path("import/", views.import_files, name="crime-import"),
    path("import/<int:pk>/withdraw/", views.withdraw_release, name="crime-withdraw-release"),
    path("import/<int:pk>/publication/", views.correct_publication, name="crime-release-publication"),
    path("reported/", views.reported_figures, name="crime-reported"),
    path("reported/add/", views.add_figure, name="crime-add-figure"),
    path("measures/", views.measures, name="crime-measures"),
    path("measures/add/", views.measure_form, name="crime-add-measure"),
    path("measures/<slug:slug>/", views.measure_form, name="crime-edit-measure"),
    path("setting/<slug:partnership>/", views.figures_setting, name="crime-setting"),
    path("override/<slug:measure>/<int:area>/<str:end>/", views.override_rating, name="crime-override"),
]
