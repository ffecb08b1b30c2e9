// The print pack's button says the pack is on its way, and cannot be pressed twice meanwhile.
// The download does not leave the page, so the button comes back after a while.
document.querySelectorAll("[data-pack-form]").forEach(function (form) {
  var button = form.querySelector("[data-busy-label]");
  if (!button) { return; }
  form.addEventListener("submit", function () {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-busy-label");
    button.setAttribute("aria-busy", "true");
    setTimeout(function () { button.disabled = true; }, 0);
    setTimeout(function () {
      button.textContent = label;
      button.removeAttribute("aria-busy");
      button.disabled = false;
    }, 10000);
  });
});
