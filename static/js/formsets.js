// Progressive enhancement: "Add another resolution/action" adds the row in the page, with no round trip.
// Without JavaScript the same button posts the form, and the server shows it again with one more empty row.
for (const button of document.querySelectorAll("[data-add-row]")) {
  const prefix = button.dataset.addRow;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const most = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
  const template = document.getElementById(`${prefix}-empty-form`);
  const rows = document.querySelector(`[data-formset="${prefix}"]`);
  // No longer a submit button, so Enter in a field saves the minute rather than adding a row.
  button.type = "button";
  button.addEventListener("click", () => {
    const index = Number(total.value);
    if (index >= Number(most.value)) {
      return;
    }
    const html = template.innerHTML.replaceAll("__prefix__", index).replaceAll("__number__", index + 1);
    rows.insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    rows.lastElementChild.querySelector("textarea, input:not([type=hidden]), select")?.focus();
  });
}
