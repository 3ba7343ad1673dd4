"""plotly.js figure specifications, as plain data for `json_script`; one static script draws them all.

Colour never carries meaning alone: the highlighted bar is also named in its label and hover text, and every
chart sits beside a table of the same figures.
"""

import hashlib
import json
import logging
from functools import cache
from importlib.metadata import version

from django.utils.html import escape

from sbp.models import DrawnChart

BLUE = "#1d70b8"
GREY = "#b1b4b6"
DARK = "#0b0c0c"
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", "size": 14}


def layout(title, x_title="", y_title="", height=360):
    return {
        "title": {"text": title, "x": 0},
        "font": FONT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "xaxis": {"title": {"text": x_title}, "automargin": True},
        "yaxis": {"title": {"text": y_title}, "automargin": True, "rangemode": "tozero"},
        "legend": {"orientation": "h", "y": -0.25},
        "plot_bgcolor": "#ffffff",
    }


def trend(title, months, current, baseline, current_label, baseline_label):
    """Monthly counts against the same months of the baseline year."""
    labels = [month.strftime("%b") for month in months]
    return {
        "data": [
            {"type": "scatter", "mode": "lines+markers", "name": current_label, "x": labels, "y": current,
             "line": {"color": BLUE, "width": 3}},
            {"type": "scatter", "mode": "lines+markers", "name": baseline_label, "x": labels, "y": baseline,
             "line": {"color": DARK, "width": 2, "dash": "dash"}},
        ],
        "layout": layout(title, y_title="Offences"),
    }  # fmt: skip


def ranking(title, names, rates, highlight):
    """Districts by rate, lowest first; the highlighted one is coloured and named in its label."""
    labels = [f"{name} (this district)" if name == highlight else name for name in names]
    colours = [BLUE if name == highlight else GREY for name in names]
    return {
        "data": [{"type": "bar", "orientation": "h", "x": rates, "y": labels, "marker": {"color": colours},
                  "hovertemplate": "%{y}: %{x} per 1,000<extra></extra>"}],
        # 760 pixels for all the Met's boroughs, as the pack drew them; fewer districts, a shorter chart.
        "layout": layout(title, x_title="Rate per 1,000 population", height=min(760, 160 + 19 * len(names)))
        | {"yaxis": {"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}}},
    }  # fmt: skip


def hotspots(title, wards, counts):
    return {
        "data": [{"type": "bar", "x": wards, "y": counts, "marker": {"color": BLUE}}],
        "layout": layout(title, y_title="Offences"),
    }


def percentages(title, names, values, x_title):
    """Horizontal bars of percentages (0 to 100), in the order given; each bar's value is printed on it."""
    return {
        "data": [{"type": "bar", "orientation": "h", "x": values, "y": names, "marker": {"color": BLUE},
                  "text": [f"{value:g}%" for value in values], "textposition": "auto",
                  "hovertemplate": "%{y}: %{x}%<extra></extra>"}],
        "layout": layout(title, x_title=x_title, height=160 + 22 * len(names))
        | {"xaxis": {"title": {"text": x_title}, "range": [0, 100], "automargin": True},
           "yaxis": {"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}}},
    }  # fmt: skip


def to_svg(figures, width=640):
    """{key: figure} -> {key: SVG text}, drawn by kaleido with the Debian Chromium; {} if it cannot run.

    A chart is drawn once: its SVG is stored by the sha256 of its figure, width and plotly version (DrawnChart),
    so only figures never drawn before start a browser. One kaleido server serves the whole batch (its start-up
    costs seconds; each chart then takes a fraction). Drawing is best effort: a pack without its charts still
    has every figure in its tables.
    """
    keys = {key: drawing_key(figure, width) for key, figure in figures.items()}
    wanted = set(keys.values()) - _drawn.keys()
    if wanted:
        _drawn.update(DrawnChart.objects.filter(key__in=wanted).values_list("key", "svg"))
    missing = {digest: figures[key] for key, digest in keys.items() if digest not in _drawn}
    if missing:
        try:
            drawn = draw(missing, width)
        except Exception:  # kaleido raises many kinds of error when Chromium is missing or fails
            logging.getLogger(__name__).exception("Charts could not be drawn for a PDF; the tables stand alone.")
            return {}
        DrawnChart.objects.bulk_create(
            [DrawnChart(key=digest, svg=svg) for digest, svg in drawn.items()], ignore_conflicts=True
        )
        _drawn.update(drawn)
    return {key: described(_drawn[digest], figures[key]) for key, digest in keys.items()}


def described(svg, figure):
    """The drawn SVG with a <title> and <desc> first inside it: a tagged PDF's alt text for the chart is its
    <title> (WeasyPrint reads no other), so the title states the main figures, not just the chart's heading.
    Added after drawing, so a drawing stays a pure function of its figure (DrawnChart)."""
    title, description = describe(figure)
    opening_end = svg.index(">", svg.index("<svg")) + 1
    alt = f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
    return svg[:opening_end] + alt + svg[opening_end:]


def number(value):
    if value is None:
        return "no figure"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def describe(figure):
    """(title, description) in words of what a chart shows and its main figures."""
    heading = figure["layout"]["title"]["text"]
    series = figure["data"]
    first = series[0]
    if first["type"] == "bar" and first.get("orientation") == "h":
        pairs = list(zip(first["y"], first["x"], strict=True))
        ranked = [f"{rank}. {name}: {number(rate)}" for rank, (name, rate) in enumerate(pairs, 1)]
        this = next(((rank, name, rate) for rank, (name, rate) in enumerate(pairs, 1) if "(this district)" in name),
                    None)  # fmt: skip
        main = f"{this[1]} ranks {this[0]} of {len(pairs)} at {number(this[2])} per 1,000" if this else ""
        extremes = f"lowest {pairs[0][0]} {number(pairs[0][1])}, highest {pairs[-1][0]} {number(pairs[-1][1])}"
        title = f"Bar chart, {heading}: {main}; {extremes}." if main else f"Bar chart, {heading}: {extremes}."
        return title, f"Districts by rate per 1,000 population, lowest first: {'; '.join(ranked)}."
    if first["type"] == "scatter":
        totals = [f"{line['name']} {number(sum(v for v in line['y'] if v is not None))} offences" for line in series]
        months = f"{first['x'][0]} to {first['x'][-1]}" if first["x"] else "no months"
        title = f"Line chart, {heading}, {months}: {'; against '.join(totals)}."
        detail = "; ".join(
            f"{line['name']}: "
            + ", ".join(f"{month} {number(v)}" for month, v in zip(line["x"], line["y"], strict=True))
            for line in series
        )
        return title, f"Offences each month. {detail}."
    pairs = list(zip(first["x"], first["y"], strict=True))
    listed = "; ".join(f"{name} {number(count)}" for name, count in pairs)
    return f"Bar chart, {heading}: {listed}.", f"Offences by ward, most first: {listed}."


# SVG by drawing key, as read from or written to DrawnChart: a process reads each stored chart once. A drawing is
# a pure function of its key, so this can never be stale.
_drawn = {}


def drawing_key(figure, width):
    text = json.dumps([figure, width, plotly_version()], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def plotly_version():
    """A new plotly (and so plotly.js) may draw differently: its charts are drawn afresh."""
    return version("plotly")


# However many charts a pack draws, it waits no longer than this for them: kaleido's sync server waits for ever
# when its Chromium dies mid-batch, which hung a build (and a test run) with no browser left.
DRAW_SECONDS = 180


def draw(figures, width):
    import asyncio

    import kaleido  # imported here: only PDF builds need it

    async def batch():
        async with kaleido.Kaleido(n=1, timeout=60) as browser:
            return {
                digest: (
                    await browser.calc_fig(
                        figure, opts={"format": "svg", "width": width, "height": figure["layout"].get("height", 360)}
                    )
                ).decode()
                for digest, figure in figures.items()
            }

    return asyncio.run(asyncio.wait_for(batch(), DRAW_SECONDS))
