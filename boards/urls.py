from django.urls import path

from boards import views

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
]
