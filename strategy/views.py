"""The strategy pages and partner returns."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sbp import locking
from sbp.history import history_of
from sbp.models import Partnership
from sbp.permissions import refuse
from sbp.roles import BOARD_READERS, RECORD_KEEPERS
from strategy import access, cycle, rag
from strategy.forms import MetricFormSet, ReturnForm
from strategy.models import ProgressUpdate, Strategy
from strategy.quarters import Quarter

# Who may revise a return, before and after the quarter's pack presented it to the board.
REVISE_REFUSALS = {
    False: ("revise this return", (*RECORD_KEEPERS, "the partner that made it")),
    True: ("revise a return the board has been given", RECORD_KEEPERS),
}


def quarter_from(year, quarter):
    try:
        return Quarter.from_slugs(year, quarter)
    except ValueError as error:
        raise Http404(str(error)) from error


def strategy_detail(request, partnership=None, strategy=None):
    """One partnership's strategy (/strategy/<slug>/: the one in force today, or a chosen one of its others), or at
    /strategy/ that of the first of the reader's partnerships."""
    if partnership is not None:
        partnership = get_object_or_404(Partnership, slug=partnership)
    if not access.can_read(request.user, partnership):
        return refuse(request, "read the strategy", who=BOARD_READERS)
    shown = chosen_strategy(request.user, partnership, strategy)
    if shown is None and partnership is not None and strategy is None and access.is_officer(request.user, partnership):
        # Its officers are where its first strategy is started.
        return render(request, "strategy/no_strategy.html", {"partnership": partnership})
    if shown is None:
        raise Http404("No strategy has been entered.")
    updates = ProgressUpdate.objects.filter(priority__strategy=shown).values_list(
        "priority_id", "financial_year", "quarter", "rag"
    )
    others = Strategy.objects.filter(partnership=shown.partnership_id).exclude(pk=shown.pk).order_by("-starts_on")
    context = {"strategy": shown, "history": rating_history(updates), "others": others,
               "in_force": shown.starts_on <= timezone.localdate() <= shown.ends_on,
               "officer": access.is_officer(request.user, shown)}  # fmt: skip
    return render(request, "strategy/strategy.html", context)


def chosen_strategy(user, partnership, slug):
    """The strategy asked for by slug, else the partnership's (or the first readable partnership's) in force; None
    when there is none."""
    strategies = Strategy.objects.filter(partnership__in=access.readable_partnerships(user))
    if partnership is not None:
        strategies = strategies.filter(partnership=partnership)
    if slug is None and partnership is None:
        first = strategies.order_by("partnership__name").values_list("partnership", flat=True).first()
        strategies = strategies.filter(partnership=first)
    strategies = strategies.select_related("partnership").prefetch_related(
        "priorities__lead_partner",
        "priorities__sub_priorities",
        "priorities__workstreams",
        "priorities__success_measures",
    )
    return strategies.filter(slug=slug).first() if slug else strategies.shown_on(timezone.localdate())


def rating_history(updates):
    """{priority id: [(Quarter, rolled-up rating)]}, oldest quarter first."""
    by_priority = {}
    for priority_id, year, number, rating in updates:
        by_priority.setdefault(priority_id, {}).setdefault(Quarter(year, number), []).append(rating)
    return {
        priority_id: [(quarter, rag.priority_rating(ratings)) for quarter, ratings in sorted(quarters.items())]
        for priority_id, quarters in by_priority.items()
    }


def returns(request, year, quarter):
    if not access.can_read(request.user):
        return refuse(request, "read partner returns", who=BOARD_READERS)
    chosen = quarter_from(year, quarter)
    updates = (
        access.readable_returns(request.user, ProgressUpdate.objects.for_quarter(chosen.year, chosen.number))
        .select_related("priority__strategy", "sub_priority", "partner")
        .prefetch_related("metrics")
    )
    deadlines = cycle.deadlines_for(chosen, access.readable_partnerships(request.user))
    context = {"quarter": chosen, "updates": updates, "can_submit": access.can_submit(request.user, chosen),
               "deadlines": deadlines,
               "accepts": {update.pk for update in updates if access.is_officer(request.user, update)},
               # Only the returns this reader may revise are linked: the others would answer 403.
               "revisable": {update.pk for update in updates if access.can_revise(request.user, update)}}  # fmt: skip
    return render(request, "strategy/returns.html", context)


def submit_return(request, year, quarter):
    if not access.can_submit(request.user):
        return refuse(request, "submit returns", who=(*RECORD_KEEPERS, "partners for their own organisation"))
    chosen = quarter_from(year, quarter)
    if not access.can_submit(request.user, chosen):
        # The board has been given this quarter's returns: a late partner return would change what it was shown.
        return refuse(
            request, f"add a return for {chosen.label} now that its pack has presented them", who=RECORD_KEEPERS
        )
    update = ProgressUpdate(financial_year=chosen.year, quarter=chosen.number, reported_on=timezone.localdate())
    return return_form(request, update, chosen)


def revise_return(request, pk):
    update = get_object_or_404(ProgressUpdate.objects.select_related("partner", "priority__strategy"), pk=pk)
    if not access.can_revise(request.user, update):
        return refuse(request, *REVISE_REFUSALS[bool(update.presented_at)])
    return return_form(request, update, Quarter(update.financial_year, update.quarter))


def return_form(request, update, quarter):
    # A return already made belongs to its partnership: whether its user is an officer there decides, not a role
    # held in another partnership.
    officer = access.is_officer(request.user, update) if update.pk else access.submits_as_officer(request.user)
    partner = None if officer else access.own_organisation(request.user)
    partnerships = {update.partnership_id} if update.pk else access.partnerships_submitted_to(request.user)
    form = ReturnForm(
        request.POST or None, instance=update, partner=partner, partnerships=partnerships, quarter=quarter
    )
    metrics = MetricFormSet(request.POST or None, instance=update, prefix="metrics")
    if form.is_valid() and metrics.is_valid() and locking.saved(lambda: save_return(form, metrics)):
        messages.success(request, "Return saved.")
        return redirect("strategy-returns", quarter.year_slug, quarter.slug)
    history = history_of(update) if update.pk else []
    context = {"form": form, "metrics": metrics, "quarter": quarter, "update": update, "history": history,
               "deadlines": cycle.deadlines_for(quarter, partnerships)}  # fmt: skip
    return render(request, "strategy/return_form.html", context, status=locking.status(form))


@transaction.atomic
def save_return(form, metrics):
    """The return and its figures together, or neither (and neither over a newer version of the return)."""
    update = form.instance
    if update.pk:
        update.status = ProgressUpdate.Status.SUBMITTED  # a revision goes back for review
        # The board was given the earlier version: say so wherever the return is shown.
        update.revised_after_presentation = update.revised_after_presentation or bool(update.presented_at)
    saved = form.save()
    metrics.instance = saved
    metrics.save()
    return saved


@require_POST
def accept_return(request, pk):
    update = get_object_or_404(ProgressUpdate.objects.select_related("priority__strategy"), pk=pk)
    if not access.is_officer(request.user, update):
        return refuse(request, "accept returns", who=RECORD_KEEPERS)
    update.status, update.reviewed_by, update.reviewed_at = ProgressUpdate.Status.ACCEPTED, request.user, timezone.now()
    update.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    messages.success(request, f"Return accepted: {update}.")
    quarter = Quarter(update.financial_year, update.quarter)
    return redirect("strategy-returns", quarter.year_slug, quarter.slug)
