// Session form: a select with data-parent-field shows only the options of the chosen parent
// (template versions of the chosen activity, departments/provinces of the chosen region).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-parent-field]").forEach((child) => {
    const parent = child.form && child.form.elements.namedItem(child.dataset.parentField);
    if (!parent) return;
    const sync = () => {
      Array.from(child.options).forEach((option) => {
        if (!option.value) return;
        const visible = !parent.value || option.dataset.parent === parent.value;
        option.hidden = !visible;
        option.disabled = !visible;
        if (!visible && option.selected) child.value = "";
      });
    };
    parent.addEventListener("change", sync);
    sync();
  });
});
