"""Crime figures: the figures page, importing files, entering figures by hand and overriding a rating."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django_tables2 import RequestConfig

from crime import access, comparison, coverage, queries
from crime import months as calendar
from crime.figures import computed as computed_figures
from crime.forms import (
    ComponentFormSet,
    DashboardMeasureFormSet,
    FiguresForm,
    FiguresSettingForm,
    ImportForm,
    MeasureForm,
    OverrideForm,
    PublicationForm,
    ReportedFigureForm,
)
from crime.models import Area, CrimeCategory, FiguresSetting, Measure, MeasureComponent, Release, ReportedFigure
from crime.tables import RankingTable
from sbp import locking
from sbp.history import history_of, history_of_rows
from sbp.models import Partnership
from sbp.permissions import refuse
from sbp.roles import BOARD_READERS, RECORD_KEEPERS
from sbp.tables import export_response


def figures(request):
    if not access.can_view_figures(request.user):
        return refuse(request, "see the crime figures", who=BOARD_READERS)
    form = FiguresForm(request.GET or None, initial=default_choice())
    result = table = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        measure = data["measure"]
        chosen = {measure: list(measure.components.all())}
        basis = comparison.for_area(data["area"], data["baseline"], comparison.source_of(chosen[measure]))
        result = computed_figures(data["area"], chosen, data["end"], basis)[measure.pk]
        if result.ranking:
            table = RankingTable(result.ranking.rows, highlight=data["area"].pk)
            if download := export_response(request, table, f"ranking-{data['measure'].slug}"):
                return download
            RequestConfig(request, paginate=False).configure(table)
    context = {
        "form": form,
        "summary": result,
        "table": table,
        "can_change": access.can_change_figures(request.user),
    }
    return render(request, "crime/figures.html", context)


def default_choice():
    """The first partnership's district and first ranked measure, twelve months to the latest month, against its
    baseline year (or the year before)."""
    latest = queries.latest_month()
    setting = FiguresSetting.objects.order_by("pk").prefetch_related("districts").first()
    first = setting.measures.filter(ranked=True).select_related("measure").first() if setting else None
    baseline_year = setting.baseline_year if setting and setting.baseline_year else None
    return {
        "measure": first.measure if first else None,
        "area": setting.area if setting else None,
        "end": latest.strftime("%Y-%m") if latest else "",
        "baseline": baseline_year or (latest.year - 1 if latest else None),
    }


def import_files(request):
    if not access.can_change_figures(request.user):
        return refuse(request, "import crime figures", who=RECORD_KEEPERS)
    form = ImportForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        from crime.mps_csv import ImportProblem  # the readers load pandas (~1 s): only an import should pay

        try:
            message = run_import(form.cleaned_data, request.user)
        except ImportProblem as problem:
            form.add_error("file", f"{problem} Nothing was imported.")
        else:
            messages.success(request, message)
            return redirect("crime-import")
    # Meta.ordering does not apply to a grouped query: the latest publication first, said again here.
    releases = (
        Release.objects.select_related("imported_by", "withdrawn_by")
        .annotate(months_in_force=Count("coverage"))
        .order_by("-published_on", "-imported_at")[:50]
    )
    return render(request, "crime/import.html", {"form": form, "releases": releases})


def run_import(data, user):
    from crime import importer, population_files  # pandas: imported when a file arrives, as in import_files

    upload = data["file"]
    raw = upload.read()
    if data["kind"] == "population":
        count = importer.import_population(population_files.read(raw, upload.name, data["mid_year"]))
        return f"{upload.name}: {count} district population figures saved (new or changed)."
    return importer.import_upload(raw, upload.name, user, timezone.now(), data["ward_vintage"]).describe()


def withdraw_release(request, pk):
    """Take a wrong or faulty release out of use, after saying what will happen."""
    if not access.can_change_figures(request.user):
        return refuse(request, "withdraw a release", who=RECORD_KEEPERS)
    release = get_object_or_404(Release, pk=pk, withdrawn_at=None)
    if request.method == "POST":
        from crime import importer  # pandas, as in run_import

        change = importer.withdraw(release, request.user, timezone.now())
        messages.success(request, f"{release.file_name} is withdrawn: {coverage.handed_back(release, change)}.")
        return redirect("crime-import")
    return render(request, "crime/withdraw.html", {"release": release})


def correct_publication(request, pk):
    """Set when a release was published, which decides the months it supplies; a stale save is refused (409)."""
    if not access.can_change_figures(request.user):
        return refuse(request, "correct when a release was published", who=RECORD_KEEPERS)
    release = get_object_or_404(Release, pk=pk)
    form = PublicationForm(request.POST or None, instance=release)
    changes = []
    if form.is_valid() and locking.saved(lambda: changes.append(save_publication(form))):
        messages.success(request, publication_message(form.instance, changes[0]))
        return redirect("crime-import")
    context = {"form": form, "release": release}
    return render(request, "crime/publication.html", context, status=locking.status(form))


def save_publication(form):
    """The officer's date, then the coverage it implies, in the caller's transaction."""
    form.instance.publication_basis = Release.Basis.OFFICER
    release = form.save()
    return coverage.resolve_for(release)


def publication_message(release, change):
    published = f"{release.file_name}: published {release.published_on.day} {release.published_on:%b %Y}"
    if release.withdrawn_at:
        return f"{published}; it stays withdrawn."
    return f"{published}; {coverage.standing(release, change)}."


def add_figure(request):
    if not access.can_change_figures(request.user):
        return refuse(request, "enter figures by hand", who=RECORD_KEEPERS)
    form = ReportedFigureForm(request.POST or None)
    if form.is_valid():
        figure = form.save(commit=False)
        figure.entered_by = request.user
        figure.save()
        messages.success(request, f"{figure.measure} figure saved with its source.")
        return redirect("crime-reported")
    return render(request, "crime/figure_form.html", {"form": form})


def reported_figures(request):
    if not access.can_view_figures(request.user):
        return refuse(request, "see the figures entered by hand", who=BOARD_READERS)
    rows = (
        ReportedFigure.objects.filter(rank__isnull=True)
        .select_related("measure", "area")
        .order_by("-period_end", "measure__name")
    )
    return render(
        request, "crime/reported.html", {"figures": rows, "can_change": access.can_change_figures(request.user)}
    )


def override_rating(request, measure, area, end):
    if not access.can_change_figures(request.user):
        return refuse(request, "override a rating", who=RECORD_KEEPERS)
    measure = get_object_or_404(Measure, slug=measure)
    area = get_object_or_404(Area, pk=area, kind=Area.Kind.BOROUGH)
    if not access.can_rate(request.user, area):
        return refuse(request, f"override a rating for {area.name}", who=RECORD_KEEPERS)
    window = queries.Window.twelve_months_to(month_from(end))
    override = measure.rag_overrides.filter(area=area, period_start=window.start, period_end=window.end).first()
    form = OverrideForm(request.POST or None, instance=override)
    if form.is_valid():
        override = form.instance
        override.measure, override.area, override.period_start, override.period_end = (
            measure,
            area,
            window.start,
            window.end,
        )
        override.set_by, override.set_at = request.user, timezone.now()
    if form.is_valid() and locking.saved(form.save):
        messages.success(request, "The rating is overridden; pages show it as an override with your reason.")
        baseline = default_choice()["baseline"]
        query = urlencode(
            {"measure": measure.slug, "area": area.pk, "end": f"{window.end:%Y-%m}", "baseline": baseline}
        )
        return redirect(f"{reverse('crime-figures')}?{query}")
    context = {"form": form, "measure": measure, "area": area, "window": window}
    return render(request, "crime/override.html", context, status=locking.status(form))


def measures(request):
    if not access.can_view_figures(request.user):
        return refuse(request, "see the crime measures", who=BOARD_READERS)
    context = {
        "measures": Measure.objects.prefetch_related("components"),
        "can_change": access.can_change_figures(request.user),
    }
    return render(request, "crime/measures.html", context)


def measure_form(request, slug=None):
    """Add a measure, or change one: its name, thresholds and the categories it adds and subtracts."""
    if not access.can_change_figures(request.user):
        return refuse(request, "add or change measures", who=RECORD_KEEPERS)
    measure = get_object_or_404(Measure, slug=slug) if slug else Measure()
    form = MeasureForm(request.POST or None, instance=measure)
    # The components are checked against the measure as the form would save it (its source decides whether
    # it needs any), so the measure form is validated first.
    valid = form.is_valid()
    components = ComponentFormSet(request.POST or None, instance=form.instance, prefix="components")
    if valid and components.is_valid() and locking.saved(lambda: save_measure(form, components)):
        measure = form.instance
        messages.success(request, f"{measure.name} saved: every page computes it from this definition now.")
        return redirect("crime-measures")
    context = {
        "form": form,
        "components": components,
        "measure": measure,
        "categories": CrimeCategory.objects.order_by("layout", "major_text", "minor_text"),
        "history": history_of(measure) if measure.pk else [],
        "definition_history": history_of_rows(MeasureComponent, measure_id=measure.pk) if measure.pk else [],
    }
    return render(request, "crime/measure_form.html", context, status=locking.status(form))


def save_measure(form, components):
    """The measure and its categories together, or neither (and neither over a newer version of the measure)."""
    components.instance = form.save()
    components.save()


def month_from(text):
    try:
        return calendar.parse(text)
    except ValueError as error:
        raise Http404("Not a month") from error


def figures_setting(request, partnership):
    """A partnership's own setting for its figures: area, comparison group, baseline and dashboard measures."""
    partnership = get_object_or_404(Partnership, slug=partnership)
    if not access.can_set_figures_of(request.user, partnership):
        return refuse(request, f"change how the figures of {partnership.name} are worked out", who=RECORD_KEEPERS)
    setting = FiguresSetting.objects.filter(partnership=partnership).first() or FiguresSetting(partnership=partnership)
    form = FiguresSettingForm(request.POST or None, instance=setting)
    valid = form.is_valid()
    shown = DashboardMeasureFormSet(request.POST or None, instance=form.instance, prefix="measures")
    if valid and shown.is_valid() and locking.saved(lambda: save_setting(form, shown)):
        messages.success(request, f"{partnership.name}: the dashboard and new packs use this setting now.")
        return redirect("crime-setting", partnership=partnership.slug)
    context = {
        "form": form,
        "measures": shown,
        "partnership": partnership,
        "history": history_of(setting) if setting.pk else [],
    }
    return render(request, "crime/setting_form.html", context, status=locking.status(form))


def save_setting(form, shown):
    """The setting and its measures together, or neither."""
    shown.instance = form.save()
    shown.save()
