// The appeal file's "Print" button: shown only where this script runs (the page says how to print without it).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
