// Draws every chart on the page: each <div data-chart="id"> names a json_script element holding a
// plotly.js figure ({data, layout}). No inline script, so the Content Security Policy stays strict.

// plotly.js never wraps a title, so on a phone a long one runs off the chart and is cut off: break it into
// lines of whole words that fit the chart's width (about 10 px a character at the title's size).
function wrapped(text, width, pixelsPerCharacter) {
  const perLine = Math.max(12, Math.floor(width / pixelsPerCharacter));
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && `${line} ${word}`.length > perLine) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

function fitToWidth(layout, width) {
  const title = layout.title;
  if (title && title.text) {
    const lines = wrapped(title.text, width, 10);
    const extra = 22 * (lines.length - 1);
    title.text = lines.join("<br>");
    layout.margin = { ...layout.margin, t: (layout.margin?.t ?? 50) + extra };
    layout.height = (layout.height ?? 360) + extra;
  }
  // An axis title is centred on the plot area, which the category labels can squeeze to half the width.
  for (const axis of [layout.xaxis, layout.yaxis]) {
    if (axis?.title?.text) axis.title.text = wrapped(axis.title.text, width / 2, 8).join("<br>");
  }
  return layout;
}

for (const element of document.querySelectorAll("[data-chart]")) {
  const source = document.getElementById(element.dataset.chart);
  if (!source) continue;
  const figure = JSON.parse(source.textContent);
  // No mode bar: its buttons would be extra tab stops inside every chart, and the table beside it
  // already gives the exact figures. Responsive: the chart redraws at its box's width when that changes.
  window.Plotly.newPlot(element, figure.data, fitToWidth(figure.layout, element.clientWidth), {
    displayModeBar: false,
    responsive: true,
  });
}
