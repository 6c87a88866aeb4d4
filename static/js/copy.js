// "Copy" buttons: shown only when the clipboard can be used; the text stays selectable without.
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = document.getElementById(button.dataset.copyTarget).textContent;
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  });
});
