"""What an area's figures are compared with: the districts it is ranked among and its baseline period.

A partnership sets these itself (crime.models.FiguresSetting); an area no partnership covers is ranked among
the districts of its police force against a chosen year. Every figure of the pipeline is worked out on a Basis.
"""

from dataclasses import dataclass

from crime.models import Area, FiguresSetting


@dataclass(frozen=True)
class Basis:
    group: tuple  # the district Areas ranked together, the area among them
    group_name: str  # as in "<name> rankings" and "<name> rate"
    group_members: str  # as in "rank of the 9 <members>"
    baseline_year: int | None  # None: the same months a year earlier

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


def for_setting(setting):
    baseline_year = setting.baseline_year if setting.baseline == FiguresSetting.Baseline.FIXED_YEAR else None
    return Basis(group_of(setting), setting.group_name, setting.group_members, baseline_year)


def for_area(area, baseline_year):
    """The area's partnership's group, if a partnership covers it, else its force's districts; `baseline_year`
    as chosen (None: a year earlier)."""
    setting = FiguresSetting.objects.filter(districts=area).first()
    if setting:
        return Basis(group_of(setting), setting.group_name, setting.group_members, baseline_year)
    force = area.police_force
    group = tuple(Area.objects.filter(kind=Area.Kind.BOROUGH, police_force=force).order_by("name")) if force else ()
    name = force.short_name or force.name if force else area.name
    return Basis(group, name, "districts of the force" if force else "districts", baseline_year)
