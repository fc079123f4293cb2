/*
 * "Save and post later", without pressing it: when a member leaves a page with a post they
 * have started but not sent, the browser saves it as their draft (the same form, sent in
 * the background with `autosave`). Without JavaScript the "Save and post later" button does
 * the same. Nothing is saved for a form that was not changed, or that is being submitted.
 */
for (const form of document.querySelectorAll("form[data-keeps-draft]")) {
  const fields = () =>
    Array.from(form.querySelectorAll("textarea, input[type=text]"))
      .map((field) => field.value)
      .join("\u0000");
  let kept = fields();
  let submitting = false;
  form.addEventListener("submit", () => {
    submitting = true;
  });
  const keep = () => {
    const now = fields();
    if (submitting || now === kept || !navigator.sendBeacon) {
      return;
    }
    const data = new FormData(form);
    data.set("autosave", "1");
    if (navigator.sendBeacon(form.action, data)) {
      kept = now;
    }
  };
  window.addEventListener("pagehide", keep);
}
