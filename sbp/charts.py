"""plotly.js figure specifications, as plain data for `json_script`; one static script draws them all.

Colour never carries meaning alone: the highlighted bar is also named in its label and hover text, and every
chart sits beside a table of the same figures.
"""

import json
import logging

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
    """Boroughs by rate, lowest first; the highlighted borough is coloured and named in its label."""
    labels = [f"{name} (this borough)" if name == highlight else name for name in names]
    colours = [BLUE if name == highlight else GREY for name in names]
    return {
        "data": [{"type": "bar", "orientation": "h", "x": rates, "y": labels, "marker": {"color": colours},
                  "hovertemplate": "%{y}: %{x} per 1,000<extra></extra>"}],
        "layout": layout(title, x_title="Rate per 1,000 population", height=760)
        | {"yaxis": {"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}}},
    }  # fmt: skip


def hotspots(title, wards, counts):
    return {
        "data": [{"type": "bar", "x": wards, "y": counts, "marker": {"color": BLUE}}],
        "layout": layout(title, y_title="Offences"),
    }


_drawn = {}  # SVG by figure: the same chart is drawn once per process, however many packs show it


def to_svg(figures, width=640):
    """{key: figure} -> {key: SVG text}, drawn by kaleido with the Debian Chromium; {} if it cannot run.

    One kaleido server serves the whole batch (its start-up costs seconds; each chart then takes a fraction).
    Drawing is best effort: a pack without its charts still has every figure in its tables.
    """
    keys = {key: json.dumps(figure, sort_keys=True, default=str) for key, figure in figures.items()}
    missing = {text: figures[key] for key, text in keys.items() if text not in _drawn}
    if missing:
        try:
            _drawn.update(draw(missing, width))
        except Exception:  # kaleido raises many kinds of error when Chromium is missing or fails
            logging.getLogger(__name__).exception("Charts could not be drawn for a PDF; the tables stand alone.")
            return {}
    return {key: _drawn[text] for key, text in keys.items()}


def draw(figures, width):
    import kaleido  # imported here: only PDF builds need it

    kaleido.start_sync_server(silence_warnings=True)
    try:
        return {
            text: kaleido.calc_fig_sync(
                figure, opts={"format": "svg", "width": width, "height": figure["layout"].get("height", 360)}
            ).decode()
            for text, figure in figures.items()
        }
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
