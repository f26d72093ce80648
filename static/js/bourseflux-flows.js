// Flow form: show the fields that apply to the chosen nature (waste: EWC code and R/D operation;
// by-product: producing activity and commercial name) and the price fields when a price is given.
// Elements carry data-show-when="<field name>" data-show-values="<space-separated values>".
// Without JavaScript every field stays visible; the server checks the rules either way.
(function () {
  "use strict";

  function valueOf(form, name) {
    const field = form.elements.namedItem(name);
    if (!field) return "";
    if (field instanceof RadioNodeList) return field.value;
    return field.value || "";
  }

  function refresh(form) {
    form.querySelectorAll("[data-show-when]").forEach((el) => {
      // A field with an error stays visible, so that its message can be read and acted on.
      if (el.querySelector(".invalid-feedback")) {
        el.hidden = false;
        return;
      }
      const current = valueOf(form, el.dataset.showWhen);
      const values = (el.dataset.showValues || "").split(/\s+/);
      // Nothing chosen yet: keep everything visible rather than hide what may be needed.
      el.hidden = current !== "" && !values.includes(current);
    });
  }

  function setup(form) {
    refresh(form);
    form.addEventListener("change", () => refresh(form));
  }

  function init() {
    document.querySelectorAll("form[data-flow-form]").forEach(setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
