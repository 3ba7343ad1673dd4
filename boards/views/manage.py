"""Administering a partnership in the app's own pages: its boards and their memberships, for its record keepers
(docs/decisions/0021-people-and-accounts-in-the-app.md)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from boards import access
from boards import membership as rules
from boards.manage_forms import BoardForm, EndMembershipForm, MembershipForm
from boards.models import Board, Membership
from sbp import locking
from sbp.history import history_of
from sbp.models import Partnership
from sbp.permissions import refuse
from sbp.roles import RECORD_KEEPERS, has_role_anywhere, partnerships_where


def index(request):
    """The partnerships the user administers, and the directory they share."""
    if not has_role_anywhere(request.user, *RECORD_KEEPERS):
        return refuse(request, "manage partnerships", who=RECORD_KEEPERS)
    partnerships = Partnership.objects.filter(pk__in=partnerships_where(request.user, *RECORD_KEEPERS))
    return render(request, "boards/manage/index.html", {"partnerships": partnerships})


def partnership_page(request, partnership):
    partnership = get_object_or_404(Partnership, slug=partnership)
    if not access.can_edit(request.user, partnership):
        return refuse(request, "manage the partnership", who=RECORD_KEEPERS)
    context = {
        "partnership": partnership,
        "boards": partnership.boards.all(),
        "partners": partnership.partners.select_related("organisation", "lead_contact"),
    }
    return render(request, "boards/manage/partnership.html", context)


def edit_board(request, partnership=None, pk=None):
    """Add a board to a partnership (by its slug), or edit one (by its pk)."""
    board = get_object_or_404(Board.objects.select_related("partnership"), pk=pk) if pk else None
    partnership = board.partnership if board else get_object_or_404(Partnership, slug=partnership)
    if not access.can_edit(request.user, partnership):
        return refuse(request, "manage boards", who=RECORD_KEEPERS)
    form = BoardForm(request.POST or None, instance=board, partnership=partnership)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"{form.instance.name} saved.")
        return redirect("manage-board", form.instance.pk)
    context = {"form": form, "partnership": partnership, "board": board, "history": history_of(board) if board else []}
    return render(request, "boards/manage/board_form.html", context, status=locking.status(form))


def board_page(request, pk):
    board = get_object_or_404(Board.objects.select_related("partnership", "host"), pk=pk)
    if not access.can_edit(request.user, board):
        return refuse(request, "manage boards", who=RECORD_KEEPERS)
    current, past = rules.current_and_past(board, timezone.localdate())
    return render(request, "boards/manage/board.html", {"board": board, "current": current, "past": past})


def edit_membership(request, board=None, pk=None):
    """Add a member to a board (by the board's pk), or edit a membership (by its pk)."""
    membership = get_object_or_404(Membership.objects.select_related("board", "person"), pk=pk) if pk else None
    board = membership.board if membership else get_object_or_404(Board, pk=board)
    if not access.can_edit(request.user, board):
        return refuse(request, "manage board memberships", who=RECORD_KEEPERS)
    form = MembershipForm(request.POST or None, instance=membership, board=board)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"Membership of {form.instance.person} saved.")
        return redirect("manage-board", board.pk)
    history = history_of(membership) if membership else []
    context = {"form": form, "board": board, "membership": membership, "history": history}
    return render(request, "boards/manage/membership_form.html", context, status=locking.status(form))


def end_membership(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("board", "person"), pk=pk)
    if not access.can_edit(request.user, membership.board):
        return refuse(request, "manage board memberships", who=RECORD_KEEPERS)
    form = EndMembershipForm(request.POST or None, instance=membership, initial={"end_date": timezone.localdate()})
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"{membership.person} leaves the board on {membership.end_date:%-d %B %Y}.")
        return redirect("manage-board", membership.board_id)
    context = {"form": form, "membership": membership}
    return render(request, "boards/manage/end_membership.html", context, status=locking.status(form))
