// Draws every chart on the page: each <div data-chart="id"> names a json_script element holding a
// plotly.js figure ({data, layout}). No inline script, so the Content Security Policy stays strict.
for (const element of document.querySelectorAll("[data-chart]")) {
  const source = document.getElementById(element.dataset.chart);
  if (!source) continue;
  const figure = JSON.parse(source.textContent);
  // No mode bar: its buttons would be extra tab stops inside every chart, and the table beside it
  // already gives the exact figures.
  window.Plotly.newPlot(element, figure.data, figure.layout, { displayModeBar: false, responsive: true });
}
