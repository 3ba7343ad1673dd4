// Draws every chart on the page: each <div data-chart="id"> names a json_script element holding a
// plotly.js figure ({data, layout}). No inline script, so the Content Security Policy stays strict.
for (const element of document.querySelectorAll("[data-chart]")) {
  const source = document.getElementById(element.dataset.chart);
  if (!source) continue;
  const figure = JSON.parse(source.textContent);
  window.Plotly.newPlot(element, figure.data, figure.layout, {
    displaylogo: false,
    responsive: true,
    modeBarButtonsToRemove: ["select2d", "lasso2d"],
  });
}
