"""Accounts in the app's own pages: a partnership's users, inviting a person, the invitation link that sets their
password, and deactivating an account. Password reset is Django's own views, on the house templates (sbp/urls.py)."""

from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone

from sbp import accounts, invitations
from sbp.forms import InvitationForm
from sbp.models import Partnership
from sbp.permissions import refuse
from sbp.roles import RECORD_KEEPERS, has_role


def partnership_kept_by(request, slug, doing):
    """The partnership, and the refusal to send when the user keeps none of its records (else None)."""
    partnership = get_object_or_404(Partnership, slug=slug)
    if has_role(request.user, partnership, *RECORD_KEEPERS):
        return partnership, None
    return partnership, refuse(request, doing, who=RECORD_KEEPERS)


def users(request, partnership):
    partnership, refusal = partnership_kept_by(request, partnership, "manage the partnership's users")
    if refusal:
        return refusal
    rows = [(user, accounts.can_deactivate(request.user, user, partnership)) for user in accounts.users_of(partnership)]
    pending = partnership.invitations.filter(accepted_at__isnull=True).select_related("person", "invited_by")
    context = {"partnership": partnership, "users": rows, "pending": pending}
    return render(request, "sbp/manage/users.html", context)


def invite(request, partnership):
    partnership, refusal = partnership_kept_by(request, partnership, "invite people")
    if refusal:
        return refusal
    form = InvitationForm(request.POST or None, inviter=request.user, partnership=partnership)
    if form.is_valid():
        with transaction.atomic():
            invitation = invitations.invite(**form.cleaned_data, partnership=partnership, by=request.user,
                                            now=timezone.now())  # fmt: skip
            invitations.send_invitation(invitation)
        messages.success(request, f"Invitation sent to {invitation.email}.")
        return redirect("manage-users", partnership.slug)
    context = {"form": form, "partnership": partnership, "days": invitations.INVITATION_DAYS}
    return render(request, "sbp/manage/invite.html", context)


def deactivate(request, partnership, pk):
    """GET asks to confirm; POST switches the account off."""
    partnership, refusal = partnership_kept_by(request, partnership, "deactivate accounts")
    if refusal:
        return refusal
    user = get_object_or_404(User, pk=pk)
    if not accounts.can_deactivate(request.user, user, partnership):
        return refuse(request, "deactivate this account", who=["officers of every partnership it holds a role in"])
    if request.method == "POST":
        accounts.deactivate(user)
        messages.success(request, f"{user.username} can no longer sign in.")
        return redirect("manage-users", partnership.slug)
    return render(request, "sbp/manage/deactivate.html", {"partnership": partnership, "account": user})


class AcceptInvitationView(PasswordResetConfirmView):
    """Django's set-a-new-password view for an invitation link: the link names the invitation (not the account),
    a link that cannot be used says why in words, and setting the password gives the invited role."""

    token_generator = invitations.tokens
    template_name = "sbp/accept_invitation.html"
    success_url = reverse_lazy("login")
    title = "Set your password"

    def get_user(self, uidb64):
        self.invitation = invitations.from_link(uidb64)
        if self.invitation is None or self.invitation.accepted_at is not None:
            return None
        return self.invitation.user

    def get_context_data(self, **kwargs):
        token = self.kwargs["token"]
        if token == self.reset_url_token:
            token = self.request.session.get(INTERNAL_RESET_SESSION_TOKEN)
        state = invitations.link_state(self.invitation, token)
        return super().get_context_data(**kwargs) | {
            "invitation": self.invitation,
            "state": state.value,
            "days": invitations.INVITATION_DAYS,
        }

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            invitations.accept(self.invitation, timezone.now())
        messages.success(
            self.request, f"Your password is set. Sign in with your username, {self.invitation.user.username}."
        )
        return response
