"""The one redaction policy: what a reader may see of a meeting's business, Part 2 (exempt) business above all.

Pages, both agenda packs, the matters arising, exports and history ask here and render what they are handed.
Templates never test whether something is Part 2: a withheld item reaches them already reduced to its number,
"Not for publication" (or the public title officers chose to publish) and the exempt reason, and a withheld
minute, action, declaration or paper reaches them as nothing at all. What is handed over is plain data, not
model rows, so a template cannot follow a relation back to the withheld text.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from boards import attendance
from boards.models import AgendaItem, Meeting, Part

NOT_FOR_PUBLICATION = "Not for publication"


@dataclass(frozen=True)
class Reader:
    """What one reader is entitled to: Part 2 business, and agendas and minutes not yet public."""

    exempt: bool
    drafts: bool


PUBLIC = Reader(exempt=False, drafts=False)
# The public agenda pack prints the previous meeting's draft minutes for approval, but never Part 2 business.
PUBLIC_PACK = Reader(exempt=False, drafts=True)
RESTRICTED_PACK = Reader(exempt=True, drafts=True)


def for_pack(restricted):
    return RESTRICTED_PACK if restricted else PUBLIC_PACK


def note(withheld, title, reason):
    """What a withheld item or minute says in place of its business, without repeating 'Not for publication'."""
    if not withheld:
        return ""
    return reason if title == NOT_FOR_PUBLICATION else f"{NOT_FOR_PUBLICATION}. {reason}"


@dataclass(frozen=True)
class ItemView:
    pk: int
    number: int
    suffix: str
    title: str
    context: str
    exempt: bool  # Part 2: shown marked as such to those entitled
    withheld: bool  # Part 2, and this reader is not entitled: only the number, title shown and reason remain
    exempt_reason: str
    has_paper: bool
    presenter: object = None

    @property
    def reference(self):
        return f"{self.number}{self.suffix}"

    @property
    def withheld_note(self):
        return note(self.withheld, self.title, self.exempt_reason)

    @property
    def is_sub_item(self):
        return bool(self.suffix)


@dataclass(frozen=True)
class MinuteView:
    pk: int
    reference: str
    title: str
    text: str
    withheld: bool
    exempt_reason: str = ""
    resolutions: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    amendments: list = field(default_factory=list)

    @property
    def withheld_note(self):
        return note(self.withheld, self.title, self.exempt_reason)

    @property
    def resolved(self):
        """[(resolution, its actions)]: the pack prints each action's initials beside the resolution it carries out."""
        return [
            (row, [action for action in self.actions if action.resolution_id == row.pk]) for row in self.resolutions
        ]

    @property
    def actions_on_the_minute(self):
        """Actions minuted against no resolution of this minute: their initials sit beside the minute's text."""
        resolved = {row.pk for row in self.resolutions}
        return [action for action in self.actions if action.resolution_id not in resolved]


@dataclass(frozen=True)
class DeclarationView:
    person: object
    item_reference: str
    interest: str  # blank when the item is withheld: the interest would say what the business is


@dataclass(frozen=True)
class MeetingRecord:
    """A meeting as one reader may see it. `minutes` is None when the minutes are not yet theirs to read."""

    items: list
    minutes: list | None
    declarations: list
    attendances: list


def is_exempt_item(item):
    return item is not None and item.is_exempt


def withholds(reader, item):
    """The rule itself: Part 2 business reaches only readers entitled to exempt business. Everything hanging
    from an agenda item (front sheet, paper, minutes, resolutions, actions, updates, declarations) follows it;
    a front sheet can be Part 2 only under a Part 2 item (boards.forms.ReportForm)."""
    return is_exempt_item(item) and not reader.exempt


def item(reader, agenda_item):
    hidden = withholds(reader, agenda_item)
    return ItemView(
        pk=agenda_item.pk,
        number=agenda_item.number,
        suffix=agenda_item.suffix,
        title=(agenda_item.public_title or NOT_FOR_PUBLICATION) if hidden else agenda_item.title,
        context="" if hidden else agenda_item.context,
        exempt=is_exempt_item(agenda_item),
        withheld=hidden,
        exempt_reason=agenda_item.exempt_reason,
        has_paper=bool(agenda_item.document) and not hidden,
        presenter=None if hidden else agenda_item.presenter,
    )


def minute(reader, row):
    """A minute of Part 2 business keeps its number; its title, text, resolutions and actions are withheld."""
    agenda_item = row.agenda_item
    if withholds(reader, agenda_item):
        title = agenda_item.public_title or NOT_FOR_PUBLICATION
        return MinuteView(row.pk, row.reference, title, "", withheld=True, exempt_reason=agenda_item.exempt_reason)
    return MinuteView(
        pk=row.pk,
        reference=row.reference,
        title=row.title,
        text=row.text,
        withheld=False,
        resolutions=list(row.resolutions.all()),
        actions=list(row.actions.all()),
        amendments=list(row.amendments.all()),
    )


def declaration(reader, row):
    hidden = withholds(reader, row.agenda_item)
    reference = row.agenda_item.reference if row.agenda_item else ""
    return DeclarationView(row.person, reference, "" if hidden else row.interest)


def shows_attendance(reader, minutes_public):
    """Attendance is printed in the minutes: a reader sees it exactly when they see the minutes."""
    return reader.drafts or minutes_public


def record(reader, meeting, minutes_public):
    """Everything of `meeting` this reader may see. `minutes_public`: the minutes are approved (public record).

    Expects the rows `Meeting.objects.with_business()` prefetches.
    """
    minutes_shown = shows_attendance(reader, minutes_public)
    return MeetingRecord(
        items=[item(reader, row) for row in meeting.agenda_items.all()],
        minutes=[minute(reader, row) for row in meeting.minutes.all()] if minutes_shown else None,
        declarations=[declaration(reader, row) for row in meeting.declarations.all()] if minutes_shown else [],
        attendances=attendance.in_minutes_order(meeting.attendances.all()) if minutes_shown else [],
    )


def actions(reader, queryset):
    """Actions minuted under Part 2 business stay Part 2 wherever they travel: register, matters arising, exports."""
    return queryset.filter(shown_actions(reader))


def shown_actions(reader):
    """The actions this reader may see, as a condition (to combine one reader per partnership in one list)."""
    return Q() if reader.exempt else ~Q(minute__agenda_item__part=Part.EXEMPT)


def shown_documents(reader):
    """The texts of a meeting's business this reader may search (boards.search), as a condition on
    SearchDocument: Part 2 business only for those entitled, and minutes (with their resolutions and actions)
    only once approved unless the reader reads drafts. Whether the meeting itself is open is access's question."""
    # Fails closed: an entry naming an agenda item must find it Part 1 (an entry whose item is gone shows nothing).
    # Asked as a list of Part 1 items (read from an index on `part`: boards/search_schema.py), not as a join: an
    # item's row carries its paper's text, so a join would read a page of it for every entry matched.
    public_items = AgendaItem.objects.filter(part=Part.PUBLIC).values("pk")
    exempt = Q() if reader.exempt else Q(agenda_item__isnull=True) | Q(agenda_item__in=public_items)
    drafts = (
        Q() if reader.drafts else Q(minute__isnull=True) | Q(meeting__minutes_status=Meeting.MinutesStatus.APPROVED)
    )
    return exempt & drafts


def shows_action(reader, action):
    return not withholds(reader, action.minute.agenda_item)


def minutes(reader, queryset):
    """Minutes a reader may be pointed to (e.g. 'Discussed: minute 9' on a dashboard tile)."""
    return queryset if reader.exempt else queryset.exclude(agenda_item__part=Part.EXEMPT)


def shows_papers(reader, agenda_item):
    return not withholds(reader, agenda_item)
