"""The officers' pages that write a strategy: a new strategy (optionally copying the last one's priorities), its
priorities and their parts, and its quarterly return schedule. Each edit of a saved row goes through the one lock.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sbp import locking
from sbp.history import history_of
from sbp.models import Partnership
from sbp.permissions import refuse
from sbp.roles import RECORD_KEEPERS
from strategy import access, cycle
from strategy.forms import DeadlinesForm, PriorityForm, StrategyForm, part_form
from strategy.models import Priority, Strategy, SubPriority, SuccessMeasure, Workstream

# The parts of a priority as their URLs name them, with the words the pages use.
PARTS = {
    "sub-priorities": (SubPriority, "sub-priority (what we will tackle)"),
    "workstreams": (Workstream, "workstream (how we will do it)"),
    "success-measures": (SuccessMeasure, "success measure (how we will know)"),
}


def strategy_page(strategy):
    return redirect("strategy-detail", strategy.partnership.slug, strategy.slug)


def new_strategy(request, partnership):
    partnership = get_object_or_404(Partnership, slug=partnership)
    if not access.is_officer(request.user, partnership):
        return refuse(request, "start a new strategy", who=RECORD_KEEPERS)
    latest = cycle.latest_strategy(partnership)
    form = StrategyForm(request.POST or None, instance=Strategy(partnership=partnership), copy_from=latest)
    if form.is_valid():
        copying = latest if form.cleaned_data.get("copy_priorities") else None
        strategy = cycle.create(form.save(commit=False), copy_from=copying)
        messages.success(request, f"{strategy} created" + (f" with the priorities of {latest}." if copying else "."))
        return strategy_page(strategy)
    context = {"form": form, "partnership": partnership}
    return render(request, "strategy/strategy_form.html", context)


def edit_strategy(request, pk):
    strategy = get_object_or_404(Strategy.objects.select_related("partnership"), pk=pk)
    if not access.is_officer(request.user, strategy):
        return refuse(request, "edit the strategy", who=RECORD_KEEPERS)
    form = StrategyForm(request.POST or None, instance=strategy)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"{strategy} saved.")
        return strategy_page(strategy)
    context = {"form": form, "partnership": strategy.partnership, "strategy": strategy, "history": history_of(strategy)}
    return render(request, "strategy/strategy_form.html", context, status=locking.status(form))


def deadlines(request, pk):
    strategy = get_object_or_404(Strategy.objects.select_related("partnership"), pk=pk)
    if not access.is_officer(request.user, strategy):
        return refuse(request, "set when returns are due", who=RECORD_KEEPERS)
    form = DeadlinesForm(request.POST or None, strategy=strategy)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"Return deadlines for {strategy} saved.")
        return strategy_page(strategy)
    return render(request, "strategy/deadlines.html", {"form": form, "strategy": strategy}, status=locking.status(form))


def add_priority(request, pk):
    strategy = get_object_or_404(Strategy.objects.select_related("partnership"), pk=pk)
    if not access.is_officer(request.user, strategy):
        return refuse(request, "add priorities", who=RECORD_KEEPERS)
    priority = Priority(strategy=strategy, number=cycle.next_in(strategy.priorities, "number"))
    form = PriorityForm(request.POST or None, instance=priority)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"{priority} added.")
        return redirect("strategy-edit-priority", priority.pk)
    return render(request, "strategy/priority_form.html", {"form": form, "strategy": strategy, "priority": priority})


def edit_priority(request, pk):
    priority = get_object_or_404(Priority.objects.select_related("strategy__partnership"), pk=pk)
    if not access.is_officer(request.user, priority):
        return refuse(request, "edit priorities", who=RECORD_KEEPERS)
    form = PriorityForm(request.POST or None, instance=priority)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"{priority} saved.")
        return strategy_page(priority.strategy)
    parts = [(slug, words, model.objects.filter(priority=priority)) for slug, (model, words) in PARTS.items()]
    context = {"form": form, "strategy": priority.strategy, "priority": priority, "parts": parts,
               "history": history_of(priority)}  # fmt: skip
    return render(request, "strategy/priority_form.html", context, status=locking.status(form))


@require_POST
def move_priority(request, pk, offset):
    priority = get_object_or_404(Priority.objects.select_related("strategy__partnership"), pk=pk)
    if not access.is_officer(request.user, priority):
        return refuse(request, "reorder priorities", who=RECORD_KEEPERS)
    cycle.move(priority, priority.strategy.priorities, "number", offset)
    return strategy_page(priority.strategy)


@require_POST
def remove_priority(request, pk):
    priority = get_object_or_404(Priority.objects.select_related("strategy__partnership"), pk=pk)
    if not access.is_officer(request.user, priority):
        return refuse(request, "remove priorities", who=RECORD_KEEPERS)
    remove(request, priority)
    return strategy_page(priority.strategy)


def remove(request, row):
    """Delete the row unless returns are made against it (strategy.cycle.why_not_removable): say which."""
    if refusal := cycle.why_not_removable(row):
        messages.error(request, refusal)
    else:
        row.delete()
        messages.success(request, f"'{row}' removed.")


def add_part(request, pk, part):
    priority = get_object_or_404(Priority.objects.select_related("strategy__partnership"), pk=pk)
    if not access.is_officer(request.user, priority):
        return refuse(request, "add to priorities", who=RECORD_KEEPERS)
    model, words = PARTS[part]
    row = model(priority=priority, position=cycle.next_in(model.objects.filter(priority=priority), "position"))
    return part_page(request, row, words)


def edit_part(request, pk, part):
    model, words = PARTS[part]
    row = get_object_or_404(model.objects.select_related("priority__strategy__partnership"), pk=pk)
    if not access.is_officer(request.user, row):
        return refuse(request, "edit priorities", who=RECORD_KEEPERS)
    return part_page(request, row, words)


def part_page(request, row, words):
    form = part_form(type(row))(request.POST or None, instance=row)
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, f"The {words.split(' (')[0]} '{row}' saved.")
        return redirect("strategy-edit-priority", row.priority_id)
    history = history_of(row) if row.pk else []
    context = {"form": form, "row": row, "words": words, "priority": row.priority, "history": history}
    return render(request, "strategy/part_form.html", context, status=locking.status(form))


@require_POST
def move_part(request, pk, part, offset):
    model, _ = PARTS[part]
    row = get_object_or_404(model.objects.select_related("priority__strategy__partnership"), pk=pk)
    if not access.is_officer(request.user, row):
        return refuse(request, "reorder priorities", who=RECORD_KEEPERS)
    cycle.move(row, model.objects.filter(priority=row.priority_id), "position", offset)
    return redirect("strategy-edit-priority", row.priority_id)


@require_POST
def remove_part(request, pk, part):
    model, _ = PARTS[part]
    row = get_object_or_404(model.objects.select_related("priority__strategy__partnership"), pk=pk)
    if not access.is_officer(request.user, row):
        return refuse(request, "remove parts of priorities", who=RECORD_KEEPERS)
    remove(request, row)
    return redirect("strategy-edit-priority", row.priority_id)
