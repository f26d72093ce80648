// Site-wide behaviour, loaded on every page (no inline scripts: the CSP forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // Elements with data-autosubmit submit their form when they change (filters, selects).
  document.querySelectorAll("[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form && el.form.requestSubmit());
  });
});
