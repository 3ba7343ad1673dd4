"""The agenda pack: the one ordered list of what a pack contains, and its rendering as one PDF.

Order, as in the seed pack: cover and membership; the agenda, whose "(Pages X - Y)" come from this PDF's own
layout; then each item's papers in agenda order (the previous meeting's minutes, the matters outstanding
report, the strategy document, the strategy progress report, the crime performance dashboard, report front
sheets, uploaded PDFs).
"""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from boards import dashboard, redaction
from boards.models import Action, AgendaItem, Meeting, PackBuild
from boards.pack_failures import PackFailure, Stage
from sbp import charts, data_version
from strategy import report
from strategy.models import Strategy
from strategy.quarters import Quarter


@dataclass
class Papers:
    item: AgendaItem
    shown: redaction.ItemView  # the item as this pack's reader may see it
    kind: str
    context: dict = field(default_factory=dict)
    document: bytes | None = None
    page_count: int = 0  # pages held for an uploaded PDF, or for withheld Part 2 papers in the public pack

    @property
    def anchor(self):
        return f"papers-{self.item.pk}"

    @property
    def body_anchor(self):
        """Where an uploaded paper's pages start: after its front sheet, when it has one."""
        return f"papers-{self.item.pk}-body"

    @property
    def withheld(self):
        return self.shown.withheld

    @property
    def pages(self):
        return range(self.page_count)

    @property
    def extra_pages(self):
        return range(max(self.page_count - 1, 0))


def contents(meeting, reader):
    """Every agenda item's papers as `reader` may see them, in agenda order; items without papers are left out.

    Withheld papers are only a placeholder: their content never reaches the public pack's layout.
    """
    found = []
    for item in meeting.agenda_items.select_related("report__contact_officer", "priority").order_by("position"):
        shown = redaction.item(reader, item)
        if shown.withheld:
            if papers_for(meeting, item, redaction.RESTRICTED_PACK):
                found.append(Papers(item, shown, "withheld"))
        elif papers := papers_for(meeting, item, reader):
            found.append(papers)
    return found


def papers_for(meeting, item, reader):
    shown = redaction.item(reader, item)
    if item.document:
        # A real report is its front sheet followed by the body: both go in, front sheet first.
        with item.document.open("rb") as handle:
            return Papers(item, shown, "document", {"report": getattr(item, "report", None)}, document=handle.read())
    kind = item.standing_kind
    if kind == AgendaItem.StandingKind.MINUTES:
        previous = (
            Meeting.objects.filter(board=meeting.board, starts_at__lt=meeting.starts_at).order_by("-starts_at").first()
        )
        if previous is None:
            return None
        previous = Meeting.objects.with_business().get(pk=previous.pk)
        record = redaction.record(reader, previous, minutes_public=True)
        return Papers(item, shown, "minutes", {"previous": previous, "record": record})
    if kind == AgendaItem.StandingKind.MATTERS_ARISING:
        actions = redaction.actions(reader, Action.objects.outstanding_for(meeting))
        return Papers(item, shown, "matters_arising", {"report": getattr(item, "report", None), "actions": actions})
    if kind == AgendaItem.StandingKind.PERFORMANCE:
        quarter = Quarter.containing(meeting.starts_at.date())
        return Papers(
            item,
            shown,
            "performance",
            {"board": dashboard.build(quarter, reader, partnership=meeting.board.partnership)},
        )
    if kind == AgendaItem.StandingKind.STRATEGY_REPORT:
        return strategy_report(meeting, item, shown)
    if kind == AgendaItem.StandingKind.STRATEGY_DOCUMENT:
        return strategy_document(meeting, item, shown)
    if item.priority_id:
        quarter = Quarter.containing(meeting.starts_at.date())
        return Papers(
            item, shown, "strategy", {"quarter": quarter, "progress": report.priority_report(item.priority, quarter)}
        )
    if hasattr(item, "report"):
        return Papers(item, shown, "report", {"report": item.report})
    return None


def strategy_in_force(meeting):
    """The meeting's partnership's strategy in force on the meeting's day, or None: what 4a and the report print."""
    day = meeting.starts_at.date()
    return Strategy.objects.filter(partnership=meeting.board.partnership_id).in_force_on(day).first()


def strategy_report(meeting, item, shown):
    """Every priority of the partnership's strategy in force on the meeting's day, with the quarter's returns and
    ratings (strategy.report); no papers when no strategy is in force then."""
    strategy = strategy_in_force(meeting)
    if strategy is None:
        return None
    quarter = Quarter.containing(meeting.starts_at.date())
    context = {"quarter": quarter, "strategy": strategy, "priorities": report.quarter_report(strategy, quarter)}
    return Papers(item, shown, "strategy", context)


def strategy_document(meeting, item, shown):
    """The strategy in force on the meeting's day as its printed document: foreword, then each priority with its
    parts in position order (ADR 0031); no papers when no strategy is in force then."""
    strategy = strategy_in_force(meeting)
    if strategy is None:
        return None
    priorities = strategy.priorities.order_by("number").prefetch_related(
        "sub_priorities", "workstreams", "success_measures"
    )
    return Papers(item, shown, "strategy_document", {"strategy": strategy, "priorities": priorities})


def chart_figures(papers):
    """The plotly figures in the papers, keyed by element id."""
    figures = {}
    for section in papers:
        for ranking in getattr(section.context.get("board"), "rankings", []):
            figures[ranking.ids["ranking"]] = ranking.chart
            figures[ranking.ids["trend"]] = ranking.trend_chart
    return figures


def html(meeting, papers, restricted, svgs, issued=None):
    """The pack's HTML. `issued` is the date of issue on the cover: the publication date, else today."""
    reader = redaction.for_pack(restricted)
    context = {
        "meeting": meeting,
        "members": meeting.board.memberships.current_on(meeting.starts_at.date()).select_related("person"),
        "papers": papers,
        "restricted": restricted,
        "svgs": svgs,
        "issued": issued or meeting.agenda_published_at,
        "items": [redaction.item(reader, item) for item in meeting.agenda_items.order_by("position")],
        "anchors": {section.item.pk: section.anchor for section in papers},
        "source_notes": source_notes(papers) if restricted else [],
    }
    return render_to_string("boards/pack/pack.html", context)


def source_notes(papers):
    """Officers' notes on where hand-entered figures came from: for the restricted pack only, printed after
    every paper so that both packs keep the same page numbers for the agenda's references."""
    return [
        (line.measure.name, note)
        for section in papers
        if section.kind == "performance"
        for line in section.context["board"].crime
        for note in line.notes
    ]


def fingerprint(meeting, restricted):
    """sha256 of everything the pack would show: a pack is rebuilt only when this changes. Worked out once per
    data version (sbp.data_version), so an unchanged pack's download renders nothing; the day is in the key too,
    for anything in the papers that depends on it."""
    key = f"pack-fingerprint:{data_version.current()}:{meeting.pk}:{restricted}:{timezone.localdate()}"
    return cache.get_or_set(key, lambda: digest(meeting, restricted), timeout=None)


def digest(meeting, restricted):
    """The fingerprint worked out: the data the pack is built from, not the clock (an unpublished pack's cover
    date, today, is left out)."""
    papers = contents(meeting, redaction.for_pack(restricted))
    digest = hashlib.sha256(html(meeting, papers, restricted, {}).encode())
    for section in papers:
        if section.withheld:
            # Withheld papers still decide how many pages the public pack holds for them.
            section = withheld_papers(meeting, section)
            digest.update(section_html(meeting, section).encode())
        if section.document:
            digest.update(hashlib.sha256(section.document).digest())
    digest.update(json.dumps(chart_figures(papers), sort_keys=True, default=str).encode())
    return digest.hexdigest()


@dataclass
class Built:
    """A built pack: its PDF, its page count, and the papers it laid out (the figures among them)."""

    pdf: bytes
    pages: int
    papers: list

    @property
    def dashboard(self):
        """The dashboard its performance papers printed (the police lines and rankings), or None."""
        return next((section.context["board"] for section in self.papers if section.kind == "performance"), None)


def build(meeting, restricted, progress=None):
    """The pack as PDF bytes and its page count (assemble, for callers that need only the document)."""
    built = assemble(meeting, restricted, progress)
    return built.pdf, built.pages


def assemble(meeting, restricted, progress=None):
    """The pack as a Built: one layout of the whole document, then merged PDFs drawn in. The papers come with it,
    so that what the pack printed can be kept from the very objects it laid out (boards.printed_figures).

    `progress(step)` is called as each stage (PackBuild.Step) finishes; a failure is raised as a PackFailure
    naming the stage (and the item, for a paper), from the technical error.
    """
    from sbp import pdf  # WeasyPrint and pypdf take about a second to import: only a build should pay for it

    done = progress or (lambda step: None)
    with failing_as(Stage.FIGURES):
        papers = contents(meeting, redaction.for_pack(restricted))
    for section in papers:
        with failing_as(Stage.PAPER, section.item.reference):
            if section.document:
                section.page_count = pdf.page_count(section.document)
            elif section.withheld:
                # The public pack keeps the restricted pack's page numbers: its Part 2 papers become as many
                # "not for publication" pages as the papers themselves take.
                section.page_count = withheld_pages(meeting, withheld_papers(meeting, section))
    done(PackBuild.Step.FIGURES)
    with failing_as(Stage.CHARTS):
        svgs = charts.to_svg(chart_figures(papers))
    done(PackBuild.Step.CHARTS)
    with failing_as(Stage.LAYOUT):
        issued = meeting.agenda_published_at or timezone.now()
        rendered = pdf.render(html(meeting, papers, restricted, svgs, issued=issued))
    done(PackBuild.Step.LAYOUT)
    inserts = {rendered.anchors[section.body_anchor]: section.document for section in papers if section.document}
    with failing_as(Stage.MERGE):
        merged = pdf.merge_onto(rendered.pdf, inserts) if inserts else rendered.pdf
    done(PackBuild.Step.MERGED)
    return Built(merged, rendered.pages, papers)


@contextmanager
def failing_as(stage, item_reference=""):
    """Any error inside is raised again as a PackFailure at `stage`, the original kept as its cause."""
    try:
        yield
    except PackFailure:
        raise
    except Exception as error:  # the stage, not the library's exception class, says what went wrong
        raise PackFailure(stage, item_reference) from error


def withheld_papers(meeting, section):
    """The full papers behind a withheld section: only ever measured, never laid out in the public pack."""
    return papers_for(meeting, section.item, redaction.RESTRICTED_PACK)


def withheld_pages(meeting, full):
    from sbp import pdf  # imported here, as in build()

    if full.document:
        full.page_count = pdf.page_count(full.document)
    return pdf.render(section_html(meeting, full)).pages


def section_html(meeting, section):
    """One section's papers laid out alone (a small render, not the whole pack), as the restricted pack has them."""
    return render_to_string(
        "boards/pack/section_alone.html",
        {"meeting": meeting, "section": section, "restricted": True, "svgs": {}},
    )
