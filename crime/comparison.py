"""What an area's figures are compared with: the districts it is ranked among and its baseline period.

A partnership sets these itself (crime.models.FiguresSetting); an area no partnership covers is ranked among
the districts of its police force against a chosen year. Every figure of the pipeline is worked out on a Basis.
"""

from dataclasses import dataclass

from crime import scopes
from crime.models import METROPOLITAN, Area, CrimeCategory, FiguresSetting, Source


@dataclass(frozen=True)
class Basis:
    group: tuple  # the district Areas ranked together, the area among them
    group_name: str  # as in "<name> rankings" and "<name> rate"
    group_members: str  # as in "rank of the 9 <members>"
    baseline_year: int | None  # None: the same months a year earlier
    scope: scopes.Scope = scopes.MPS  # whose counts: one source and one force's files, never mixed

    def baseline_window(self, window):
        years = -1 if self.baseline_year is None else self.baseline_year - window.end.year
        return window.shifted_years(years)

    def baseline_label(self):
        if self.baseline_year is None:
            return "same months a year earlier"
        return f"same months of {self.baseline_year}"


def group_of(setting):
    """The districts a partnership's are ranked among: its officers' named group, or its force's districts."""
    if setting.comparison == FiguresSetting.Comparison.FAMILY:
        return tuple(setting.family.order_by("name"))
    forces = {district.police_force_id for district in setting.districts.all()} - {None}
    return tuple(Area.objects.filter(kind=Area.Kind.BOROUGH, police_force__in=forces).order_by("name"))


def scope_of(source, area):
    """The counts a district's figures read from `source`: the MPS files are the Metropolitan Police's; police.uk
    files are the district's own force's."""
    if source == Source.POLICE_UK and area is not None and area.police_force_id:
        return scopes.police_uk(area.police_force.slug)
    return scopes.MPS if source != Source.POLICE_UK else scopes.police_uk(METROPOLITAN)


def source_of(components):
    """The source a measure's categories come from: police.uk's layout, else the MPS files'."""
    police_uk = {component.layout == CrimeCategory.Layout.P for component in components}
    return Source.POLICE_UK if police_uk == {True} else Source.MPS_FILES


def for_setting(setting, area):
    baseline_year = setting.baseline_year if setting.baseline == FiguresSetting.Baseline.FIXED_YEAR else None
    scope = scope_of(setting.source, area)
    return Basis(group_of(setting), setting.group_name, setting.group_members, baseline_year, scope)


def for_area(area, baseline_year, source=Source.MPS_FILES):
    """The area's partnership's group, if a partnership covers it, else its force's districts; `baseline_year`
    as chosen (None: a year earlier); the counts of `source` for the area."""
    scope = scope_of(source, area)
    setting = FiguresSetting.objects.filter(districts=area).first()
    if setting:
        return Basis(group_of(setting), setting.group_name, setting.group_members, baseline_year, scope)
    force = area.police_force
    group = tuple(Area.objects.filter(kind=Area.Kind.BOROUGH, police_force=force).order_by("name")) if force else ()
    name = force.short_name or force.name if force else area.name
    return Basis(group, name, "districts of the force" if force else "districts", baseline_year, scope)
