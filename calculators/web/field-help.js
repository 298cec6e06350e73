// Each field's help, folded on phones behind a "说明" button beside the field, so that a form of
// two situations fits in about three screens (issue 20); the reader opens the help it wants. On
// wider screens every help is shown and the buttons hidden. A folded help is display: none but
// stays the field's description (aria-describedby), so screen readers still read it.

const PHONE = matchMedia("(max-width: 599.98px)");

export function foldHelp(form) {
  const toggles = [...form.querySelectorAll(".calc-help-toggle")];
  const help = (toggle) => form.querySelector(`#${CSS.escape(toggle.getAttribute("aria-controls"))}`);

  function show(toggle, open) {
    toggle.setAttribute("aria-expanded", String(open));
    help(toggle).classList.toggle("is-folded", !open);
  }

  function apply() {
    for (const toggle of toggles) {
      toggle.hidden = !PHONE.matches;
      show(toggle, !PHONE.matches);
    }
  }

  for (const toggle of toggles) {
    toggle.addEventListener("click", () => show(toggle, toggle.getAttribute("aria-expanded") !== "true"));
  }
  PHONE.addEventListener("change", apply);
  apply();
}
