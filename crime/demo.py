"""Load the crime part of the demo data: areas, measures and the figures a board pack printed."""

import csv
import io
from decimal import Decimal

from crime import mps_areas
from crime.models import Area, DashboardMeasure, FiguresSetting, Hotspot, Measure, MeasureComponent, ReportedFigure
from sbp.history import recorded_once


def rows(text):
    """Parse the CSV-in-TOML tables of the fixtures, skipping blank lines."""
    return [row for row in csv.reader(io.StringIO(text.strip())) if row]


def load_areas(data):
    boroughs = {area.short_name: area for area in mps_areas.ensure_boroughs().values()}
    bromley = boroughs["Bromley"]
    for code, name in rows(data["bromley_wards_2014"]):
        Area.objects.update_or_create(
            kind=Area.Kind.WARD, code=code, ward_vintage=2014, defaults={"name": name, "parent": bromley}
        )
    return boroughs


def load_measures(data):
    for item in data["measures"]:
        fields = {key: value for key, value in item.items() if key not in ("slug", "components")}
        measure, _ = Measure.objects.update_or_create(slug=item["slug"], defaults=fields)
        for line in item.get("components", []):
            sign, layout, major, minor = parse_component(line)
            MeasureComponent.objects.get_or_create(
                measure=measure, layout=layout, major_text=major, minor_text=minor, sign=sign
            )


def load_policeuk(data, partnership):
    """A partnership whose figures come from police.uk: its measures (layout P) and its setting."""
    with recorded_once(Measure, MeasureComponent):
        load_measures(data)
    with recorded_once(FiguresSetting, DashboardMeasure):
        return load_setting(data["setting"], partnership)


def load_setting(info, partnership):
    """The partnership's FiguresSetting and dashboard measures, as the fixture gives them. Its districts are made
    if no import has made them yet ([code, name]); an import of the ONS lookup finds them by code."""
    keys = ("source", "comparison", "group_name", "group_members", "baseline", "baseline_year")
    fields = {key: info[key] for key in keys if key in info}
    setting = FiguresSetting.objects.filter(partnership=partnership).first() or FiguresSetting(partnership=partnership)
    for key, value in fields.items():
        setattr(setting, key, value)
    setting.save()
    districts = [
        Area.objects.get_or_create(kind=Area.Kind.BOROUGH, code=code, defaults={"name": name})[0]
        for code, name in info["districts"]
    ]
    setting.districts.set(districts)
    if "family" in info:
        setting.family.set(Area.objects.filter(kind=Area.Kind.BOROUGH, code__in=info["family"]))
    for position, (slug, shown) in enumerate(info["measures"], 1):
        DashboardMeasure.objects.update_or_create(
            setting=setting,
            measure=Measure.objects.get(slug=slug),
            defaults={"position": position, "police_line": "line" in shown, "ranked": "ranked" in shown},
        )
    return setting


def parse_component(line):
    """'+ B Burglary / *' -> (1, 'B', 'Burglary', ''): a sign, a layout, then major / minor text (* = all)."""
    sign, layout, rest = line.split(" ", 2)
    major, _, minor = (part.strip() for part in rest.partition(" / "))
    return (1 if sign == "+" else -1), layout, "" if major == "*" else major, "" if minor in ("*", "") else minor


def save_figure(measure, area, period, **fields):
    ReportedFigure.objects.update_or_create(
        measure=measure,
        area=area,
        statistic=fields.pop("statistic", ReportedFigure.Statistic.COUNT),
        period_start=period[0],
        period_end=period[1],
        defaults=fields,
    )


def load_rankings(data, boroughs):
    for table in data["rankings"]:
        measure = Measure.objects.get(slug=table["measure"])
        for rank, name, rate, *change in rows(table["rows"]):
            save_figure(
                measure,
                boroughs[name],
                table["period"],
                statistic=ReportedFigure.Statistic.RATE,
                period_label=table["period_label"],
                value=Decimal(rate),
                rank=int(rank),
                rank_change=int(change[0]) if change else None,
                comparison_label=table.get("comparison_label", ""),
                source=table["source"],
                note=table.get("note", "") if name == "Bromley" else "",
                source_ref=table["source"],
            )


def load_table_10(data, boroughs):
    """Table 10 prints two measures for two calendar years on each row."""
    table = data["table_10"]
    columns = [("theft-from-a-motor-vehicle", 2019), ("theft-of-a-motor-vehicle", 2019)]
    columns += [("theft-from-a-motor-vehicle", 2020), ("theft-of-a-motor-vehicle", 2020)]
    measures = {slug: Measure.objects.get(slug=slug) for slug, _ in columns}
    for name, *cells in rows(table["rows"]):
        for (slug, year), rate, rank in zip(columns, cells[0::2], cells[1::2], strict=True):
            save_figure(
                measures[slug],
                boroughs[name],
                (f"{year}-01-01", f"{year}-12-31"),
                statistic=ReportedFigure.Statistic.RATE,
                period_label=f"January to December {year}",
                value=Decimal(rate),
                rank=int(rank),
                source=table["source"],
                source_ref=table["source"],
            )


def load_figures(data, borough):
    for item in data["figures"]:
        fields = {key: value for key, value in item.items() if key not in ("measure", "period")}
        for key in ("value", "comparison_value", "change_percent"):
            if key in fields:
                fields[key] = Decimal(fields[key])
        fields.setdefault("source_ref", item["source"])
        save_figure(Measure.objects.get(slug=item["measure"]), borough, item["period"], **fields)


def load_hotspots(data, borough):
    wards = {ward.name: ward for ward in borough.wards.filter(ward_vintage=2014)}
    for table in data["hotspots"]:
        measure = Measure.objects.get(slug=table["measure"])
        for rank, name, *rest in rows(table["rows"]):
            count, share, printed = ([*rest, "", "", ""])[:3]
            Hotspot.objects.update_or_create(
                measure=measure,
                ward=wards[name],
                period_start=table["period"][0],
                period_end=table["period"][1],
                source=table["source"],
                defaults={
                    "rank": int(rank),
                    "count": int(count) if count else None,
                    "share_percent": Decimal(share) if share else None,
                    "note": f"Printed as '{printed}'." if printed else "",
                    "financial_year": table.get("financial_year"),
                    "quarter": table.get("quarter"),
                    "source_ref": table["source"],
                },
            )


def load(data, partnership):
    boroughs = load_areas(data)
    with recorded_once(Measure, MeasureComponent):
        load_measures(data)
    with recorded_once(FiguresSetting, DashboardMeasure):
        load_setting(data["setting"], partnership)
    load_rankings(data, boroughs)
    load_table_10(data, boroughs)
    load_figures(data, boroughs["Bromley"])
    load_hotspots(data, boroughs["Bromley"])
