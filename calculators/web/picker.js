// The situation picker (made at build time by scripts/hooks/_picker.py): the reader ticks the
// situations that apply, and only those groups of fields are shown, and computed. A group left
// unticked keeps what was typed in it, unused, until it is ticked again. The choice is kept in
// the URL fragment as `_show` (the groups' keys, or `all` for "show all items"); a link without
// it (made before the picker) shows the groups its inputs belong to. An option of a clause's
// rules (`data-with`: the situations that hold a field of its clause) is shown with any of them.
// A calculator with one situation or none has no picker: every group is shown.

const SHOW = "_show";
const ALL = "all";

export function situationPicker(form) {
  const boxes = [...form.querySelectorAll(".calc-picker input[type=checkbox]")];
  const all = boxes.find((box) => box.value === ALL);
  const picks = boxes.filter((box) => box !== all);
  const group = (key) => form.querySelector(`fieldset[data-group="${CSS.escape(key)}"]`);
  const options = [...form.querySelectorAll(".calc-field[data-with]")];
  const withs = (field) => field.dataset.with.split(" ");
  const choice = () => (all?.checked ? ALL : picks.filter((box) => box.checked).map((box) => box.value).join(","));

  function apply() {
    for (const box of picks) {
      box.disabled = all.checked; // while every item is shown, a single tick would change nothing
      group(box.value).hidden = !(all.checked || box.checked);
    }
    for (const field of options) field.hidden = withs(field).every((key) => group(key).hidden);
    // A group of options with none shown says nothing.
    for (const holder of new Set(options.map((field) => field.closest("fieldset")))) {
      holder.hidden = [...holder.querySelectorAll(".calc-field")].every((field) => field.hidden);
    }
  }

  // The link's choice, and the groups of the inputs it holds (never hidden: nothing in a link
  // is dropped unseen).
  function restore() {
    const params = new URLSearchParams(location.hash.slice(1));
    const chosen = new Set((params.get(SHOW) || "").split(","));
    for (const [name, value] of params) {
      const field = form.querySelector(`[name="${CSS.escape(name)}"]`)?.closest(".calc-field");
      if (!field || value === "") continue;
      if (field.dataset.with) withs(field).forEach((key) => chosen.add(key));
      else chosen.add(field.closest("fieldset").dataset.group);
    }
    // A box ticked before this script ran (or kept by the browser on a return) stays ticked.
    all.checked ||= chosen.has(ALL);
    for (const box of picks) box.checked ||= chosen.has(box.value);
    apply();
  }

  // Ticking changes the link at once, even where the inputs (and so the result) stay the same.
  function remember() {
    const params = new URLSearchParams(location.hash.slice(1));
    params.delete(SHOW);
    if (choice()) params.set(SHOW, choice());
    history.replaceState(null, "", String(params) ? `#${params}` : location.pathname);
  }

  if (all) {
    restore();
    // On the boxes: their input event reaches the form's own listeners, which read which inputs
    // count, after these.
    for (const box of boxes) box.addEventListener("input", () => { apply(); remember(); });
    form.addEventListener("reset", () => setTimeout(apply));
  }

  return {
    // Whether an input counts: not when it, or its group, waits to be ticked.
    applies: (input) => !input.closest(".calc-field").hidden && !input.closest("fieldset").hidden,
    // The choice, into the fragment the calculator writes.
    write(params) {
      if (all && choice()) params.set(SHOW, choice());
    },
  };
}
