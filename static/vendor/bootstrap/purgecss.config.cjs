// Bootstrap 5.3 limited to the selectors the portal uses: every class-like word found in its
// templates, Python code (form widgets, template tags) and scripts (Bootstrap's own bundle included,
// for the classes it toggles: show, collapsing, modal-open…). Classes built from pieces in
// templates ("alert-{{ tags }}", "btn-{% if %}outline-…", "ps-{{ depth }}") are kept by pattern.
// Rebuild from the repository's root after changing templates (see static/vendor/README.md):
//   npx purgecss@8.0.0 --config static/vendor/bootstrap/purgecss.config.cjs
module.exports = {
  css: ["static/vendor/bootstrap/bootstrap.min.css"],
  content: [
    "templates/**/*.html",
    "*/templates/**/*.html",
    "circuito/**/*.py",
    "bourseflux/**/*.py",
    "tierslieux/**/*.py",
    "focusgroups/**/*.py",
    "reporting/**/*.py",
    "static/js/*.js",
    "static/vendor/bootstrap/bootstrap.bundle.min.js",
    "static/vendor/htmx/*.js",
  ],
  safelist: { standard: [/^alert-/, /^btn-/, /^ps-/] },
  // Keep Bootstrap's custom properties and keyframes whole: components read them by name.
  variables: false,
  keyframes: false,
  fontFace: false,
  output: "static/vendor/bootstrap/portal",
};
