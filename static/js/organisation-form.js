// Organisation form: show the national identifiers of the chosen country only.
document.addEventListener("DOMContentLoaded", () => {
  const country = document.querySelector("select[name=country]");
  if (!country) return;
  const update = () => {
    document.querySelectorAll("[data-country]").forEach((input) => {
      const group = input.closest(".mb-3") || input;
      group.hidden = Boolean(country.value) && input.dataset.country !== country.value;
    });
  };
  country.addEventListener("change", update);
  update();
});
