// Company inventory: "Add a row" and "Add a process" work without JavaScript (the form is posted
// and comes back longer); here they add the row or process in the page instead, from the blank
// copies in <template> elements, and keep the formsets' counters right. No inline script (CSP).
(function () {
  "use strict";

  const form = document.querySelector("[data-inventory-form]");
  const rowTemplate = document.querySelector("[data-inventory-row-template]");
  const processTemplate = document.querySelector("[data-inventory-process-template]");
  if (!form || !rowTemplate || !processTemplate) return;
  const count = form.querySelector("[data-inventory-count]");

  function fragment(template, replacements) {
    let html = template.innerHTML;
    Object.keys(replacements).forEach(function (key) {
      html = html.split(key).join(replacements[key]);
    });
    const holder = document.createElement("div");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  function ready(element) {
    // The autocomplete (static/js/autocomplete.js) sets up what an "htmx:load" event names.
    document.dispatchEvent(new CustomEvent("htmx:load", { detail: { elt: element } }));
  }

  function addRow(process, focus) {
    const total = form.querySelector('[name="p' + process + '-rows-TOTAL_FORMS"]');
    const rows = form.querySelector('[data-inventory-rows="' + process + '"]');
    if (!total || !rows) return;
    const index = parseInt(total.value, 10) || 0;
    const row = fragment(rowTemplate, { __proc__: String(process), __prefix__: String(index) });
    rows.appendChild(row);
    total.value = String(index + 1);
    ready(row);
    if (focus) {
      const what = row.querySelector('[name$="-what"]');
      if (what) what.focus();
    }
  }

  function addProcess() {
    const index = parseInt(count.value, 10) || 0;
    const section = fragment(processTemplate, { __proc__: String(index), __number__: String(index + 1) });
    form.querySelector("[data-inventory-processes]").appendChild(section);
    count.value = String(index + 1);
    addRow(index, false);
    addRow(index, false);
    const name = section.querySelector('[name$="-name"]');
    if (name) name.focus();
  }

  form.addEventListener("click", function (event) {
    const button = event.target.closest("button[name=add_row], button[name=add_process]");
    if (!button) return;
    event.preventDefault();
    if (button.name === "add_row") addRow(button.value, true);
    else addProcess();
  });
})();
