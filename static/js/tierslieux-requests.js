// Request thread: after htmx appends a sent message, clear the form, drop the "no message yet"
// line and any previous error; on a refused message, show the error above the form.
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-reset-on-success")) return;
  const errors = document.querySelector(form.dataset.errorTarget || "#message-errors");
  if (event.detail.successful) {
    form.reset();
    document.querySelectorAll("[data-empty-thread]").forEach((el) => el.remove());
    if (errors) errors.innerHTML = "";
  } else if (errors && event.detail.xhr) {
    errors.innerHTML = event.detail.xhr.responseText;
  }
});
