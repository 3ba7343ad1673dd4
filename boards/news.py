"""What a board has published, newest first: its agendas, approved minutes and revised packs (its Atom feed).

A feed is read signed out and passed on, like a calendar: it lists only public meetings
(boards.access.public_meetings), and each summary is the Part 1 business as the redaction policy hands it to the
public, with withheld (Part 2) items left out altogether rather than reduced.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils import dateformat, timezone

from boards import access, redaction
from boards.models import Meeting, PackBuild
from sbp.outbox import absolute

# Entries a feed carries: readers poll it, so the newest few are enough; the board page links to the rest.
LATEST = 30


class Kind(StrEnum):
    AGENDA = "agenda"
    MINUTES = "minutes"
    REVISED_PACK = "revised-pack"


@dataclass(frozen=True)
class Entry:
    kind: Kind
    title: str
    link: str  # absolute
    guid: str  # absolute, unique to the entry, never changes
    when: datetime
    summary: str


def entries(board, limit=LATEST):
    """The board's newest `limit` publications of every kind, newest first. Seven queries, however many."""
    meetings = access.public_meetings(board.meetings.all()).select_related("board")
    found = [
        *map(agenda_entry, agendas(meetings)[:limit]),
        *map(minutes_entry, approved_minutes(meetings)[:limit]),
        *map(pack_entry, revised_packs(meetings)[:limit]),
    ]
    return sorted(found, key=lambda entry: entry.when, reverse=True)[:limit]


def agendas(meetings):
    return (
        meetings.filter(agenda_published_at__isnull=False)
        .prefetch_related("agenda_items")
        .order_by("-agenda_published_at")
    )


def approved_minutes(meetings):
    return (
        meetings.filter(minutes_status=Meeting.MinutesStatus.APPROVED)
        .select_related("minutes_approved_by")
        .prefetch_related("minutes__agenda_item")
        .order_by("-minutes_approved_by__starts_at")
    )


def revised_packs(meetings):
    """Public packs published after the meeting's first (which came out with its agenda: that entry has it)."""
    published = PackBuild.objects.filter(restricted=False, published_at__isnull=False)
    first = published.filter(meeting=OuterRef("meeting")).order_by("published_at").values("published_at")[:1]
    return (
        published.filter(meeting__in=meetings)
        .annotate(first_published_at=Subquery(first))
        .filter(published_at__gt=F("first_published_at"))
        .select_related("meeting__board")
        .prefetch_related("meeting__agenda_items")
        .order_by("-published_at")
    )


def agenda_entry(meeting):
    page = absolute(meeting.get_absolute_url())
    return Entry(Kind.AGENDA, f"Agenda published: {heading(meeting)}", page, f"{page}#agenda",
                 meeting.agenda_published_at, agenda_summary(meeting))  # fmt: skip


def minutes_entry(meeting):
    page = absolute(meeting.get_absolute_url())
    approved_at = meeting.minutes_approved_by
    said = f"Approved as a correct record at the meeting of {day(approved_at.starts_at)}. {minutes_summary(meeting)}"
    return Entry(Kind.MINUTES, f"Minutes approved: {heading(meeting)}", f"{page}#minutes", f"{page}#minutes",
                 approved_at.starts_at, said)  # fmt: skip


def pack_entry(build):
    meeting = build.meeting
    link = absolute(reverse("stored-pack", args=[build.pk]) if build.is_ready else meeting.get_absolute_url())
    said = (
        f"A revised agenda pack, published {day(build.published_at)}, as the papers then stood; the earlier pack "
        f"stays on record. {agenda_summary(meeting)}"
    )
    return Entry(Kind.REVISED_PACK, f"Revised agenda pack: {heading(meeting)}", link,
                 absolute(reverse("stored-pack", args=[build.pk])), build.published_at, said)  # fmt: skip


def agenda_summary(meeting):
    """The Part 1 items, numbered as on the agenda; Part 2 business only counted, as the public agenda shows it."""
    items = list(meeting.agenda_items.all())
    shown = [item for item in items if not redaction.withholds(redaction.PUBLIC, item)]
    if not items:
        return "The agenda has no items yet."
    said = ["Agenda: " + "; ".join(f"{item.reference} {item.title}" for item in shown) + "."] if shown else []
    if withheld := len(items) - len(shown):
        said.append(f"{withheld} item{'s' if withheld > 1 else ''} of Part 2 business, not for publication.")
    return " ".join(said)


def minutes_summary(meeting):
    shown = [row for row in meeting.minutes.all() if not redaction.withholds(redaction.PUBLIC, row.agenda_item)]
    return "Minutes: " + "; ".join(f"{row.reference} {row.title}" for row in shown) + "."


def heading(meeting):
    return f"{meeting.name}, {day(meeting.starts_at)}"


def day(when):
    return dateformat.format(timezone.localtime(when), "j F Y")
