// Site-wide behaviour, loaded on every page (no inline scripts: the CSP forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // Elements with data-autosubmit submit their form when they change (filters, selects).
  document.querySelectorAll("[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form && el.form.requestSubmit());
  });
});

// The map pages rewrite their query string as the reader filters: the language switcher then
// carries the filters shown now, not those the page was loaded with.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[data-switch-language]");
  if (!link || window.location.search.slice(1) === (link.dataset.renderedQuery || "")) return;
  const url = new URL(link.href, window.location.href);
  const next = new URL(url.searchParams.get("next") || "/", window.location.origin);
  next.search = window.location.search;
  url.searchParams.set("next", next.pathname + next.search);
  link.href = url.toString();
});
