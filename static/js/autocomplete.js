// Autocomplete inputs (AutocompleteWidget): typing in the combobox fetches the options fragment
// from the widget's URL into its listbox; arrow keys move, Enter or a click picks, Escape closes.
// Picking stores the option's value in the hidden input; typing again clears it.
// No inline script (the CSP forbids it): this file is loaded through the form's media.
(function () {
  "use strict";

  function setup(root) {
    if (root.dataset.autocompleteReady) return;
    root.dataset.autocompleteReady = "1";
    const input = root.querySelector("[role=combobox]");
    const hidden = root.querySelector("[data-autocomplete-value]");
    const listbox = root.querySelector("[role=listbox]");
    const status = root.querySelector("[data-autocomplete-status]");
    const url = root.dataset.autocompleteUrl;
    const minChars = parseInt(root.dataset.minChars || "2", 10);
    let forward = {};
    try {
      forward = JSON.parse(root.dataset.forward || "{}");
    } catch (e) {
      forward = {};
    }
    let timer = null;
    let controller = null;
    let active = -1;
    let lastQuery = null;

    const options = () => Array.from(listbox.querySelectorAll("[role=option]:not([aria-disabled=true])"));

    function open() {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      const opts = options();
      if (!opts.length) return;
      active = (index + opts.length) % opts.length;
      opts.forEach((opt, i) => {
        opt.classList.toggle("active", i === active);
        opt.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    }

    function pick(opt) {
      hidden.value = opt.dataset.value;
      input.value = opt.dataset.label;
      lastQuery = null;
      close();
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function load() {
      const query = input.value.trim();
      if (query.length < minChars) {
        listbox.innerHTML = "";
        lastQuery = null;
        close();
        return;
      }
      if (query === lastQuery) {
        open();
        return;
      }
      const params = new URLSearchParams({ q: query });
      Object.entries(forward).forEach(([param, fieldName]) => {
        const field = input.form && input.form.elements.namedItem(fieldName);
        if (field && field.value) params.set(param, field.value);
      });
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(url + "?" + params.toString(), {
        headers: { "X-Requested-With": "XMLHttpRequest", "HX-Request": "true" },
        credentials: "same-origin",
        signal: controller.signal,
      })
        .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
        .then((html) => {
          lastQuery = query;
          listbox.innerHTML = html;
          const statusText = listbox.querySelector("[data-autocomplete-status-text]");
          if (statusText) {
            status.textContent = statusText.textContent.trim();
            statusText.remove();
          }
          listbox.querySelectorAll("[role=option]").forEach((opt, i) => {
            opt.id = listbox.id + "-" + i;
          });
          active = -1;
          open();
        })
        .catch((error) => {
          if (error.name !== "AbortError") close();
        });
    }

    input.addEventListener("input", () => {
      if (hidden.value) {
        hidden.value = "";
        hidden.dispatchEvent(new Event("change", { bubbles: true }));
      }
      clearTimeout(timer);
      timer = setTimeout(load, 200);
    });

    input.addEventListener("keydown", (event) => {
      const isOpen = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!isOpen) load();
          else highlight(active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (isOpen) highlight(active - 1);
          break;
        case "Enter":
          if (isOpen && active >= 0) {
            event.preventDefault();
            pick(options()[active]);
          }
          break;
        case "Escape":
          if (isOpen) {
            event.preventDefault();
            close();
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    // mousedown keeps the focus in the input, so the blur handler does not close the list first.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const opt = event.target.closest("[role=option]");
      if (opt && opt.getAttribute("aria-disabled") !== "true") pick(opt);
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  function init(scope) {
    if (scope.matches && scope.matches("[data-autocomplete]")) setup(scope);
    if (scope.querySelectorAll) scope.querySelectorAll("[data-autocomplete]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => init(document));
  } else {
    init(document);
  }
  document.addEventListener("htmx:load", (event) => init(event.detail.elt));
})();
