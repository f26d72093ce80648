// Respondent pages of online questionnaires: the site's language switcher keeps what was typed.
// It submits the questionnaire form with the "switch language" action (which saves the page and
// shows it in the other language) instead of reloading the page and dropping the answers.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("fg-respond");
  const switchButton = form && form.querySelector("[data-fg-switch]");
  if (!switchButton) return;
  document.querySelectorAll(".language-switcher a[data-switch-language]").forEach((link) => {
    link.addEventListener("click", (event) => {
      const language = link.dataset.switchLanguage;
      if (!language || language === document.documentElement.lang) return;
      event.preventDefault();
      switchButton.value = `lang:${language}`;
      form.requestSubmit(switchButton);
    });
  });
});
