// Job progress bars: the width comes from a data attribute, since the CSP forbids inline styles.
// Runs on page load and on every block htmx swaps in while the job page polls.
(function () {
  function sizeBars(root) {
    const bars = Array.from(root.querySelectorAll ? root.querySelectorAll("[data-job-progress]") : []);
    if (root.matches && root.matches("[data-job-progress]")) bars.push(root);
    bars.forEach((bar) => {
      const value = Math.max(0, Math.min(100, parseInt(bar.dataset.jobProgress, 10) || 0));
      bar.style.transition = "none"; // the block is replaced every second: no grow-from-zero
      bar.style.width = value + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", () => sizeBars(document));
  document.addEventListener("htmx:load", (event) => sizeBars(event.detail.elt));
})();
