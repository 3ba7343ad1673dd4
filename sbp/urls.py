from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from sbp import account_views, email_pages, views
from sbp.forms import OutboxPasswordResetForm

urlpatterns = [
    path("", include("boards.urls")),
    path("crime/", include("crime.urls")),
    path("strategy/", include("strategy.urls")),
    path("sign-in/", auth_views.LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("outbox/", email_pages.outbox_page, name="outbox"),
    path("outbox/<int:pk>/send-again/", email_pages.send_again, name="outbox-send-again"),
    path("email-preferences/", email_pages.my_preferences, name="my-email-preferences"),
    path("email-preferences/<str:token>/", email_pages.preferences, name="email-preferences"),
    # Django's own password reset; the names are the ones its views reverse.
    path(
        "sign-in/reset/",
        auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path("sign-in/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "sign-in/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("sign-in/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitations/<uidb64>/<token>/", account_views.AcceptInvitationView.as_view(), name="accept-invitation"),
    path("manage/", include("boards.manage_urls")),
    path("api/v1/", include("boards.api.urls")),
    path("healthz", views.health, name="health"),
    # Public sector websites must publish one; it is also the benchmarks' trivial template view (bench/).
    path("accessibility/", TemplateView.as_view(template_name="sbp/accessibility.html"), name="accessibility"),
    path("admin/", admin.site.urls),
]

# Says so when a form was too large to read (sbp/views.py); the other error pages are Django's own handlers'.
handler400 = "sbp.views.bad_request"
