// "Nachbarkreise dazunehmen" in the subscription form, without a round trip: ticks the districts
// bordering the ticked ones (each checkbox lists its neighbours in data-neighbours) and says in
// the status line which it added. Without JavaScript the button sends the form and the server
// does the same (jobnet/digest/forms.py tick_neighbours); names and values stay the form's own.
(function () {
  "use strict";
  const button = document.querySelector(".district-picker [name=add_neighbours]");
  if (!button) return;
  const picker = button.closest(".district-picker");
  const status = picker.querySelector(".district-status");

  button.addEventListener("click", function (event) {
    event.preventDefault();
    const boxes = Array.from(picker.querySelectorAll("input[type=checkbox][name=districts]"));
    const wanted = new Set();
    boxes.forEach(function (box) {
      if (!box.checked) return;
      (box.dataset.neighbours || "").split(" ").forEach(function (key) { if (key) wanted.add(key); });
    });
    const added = [];
    boxes.forEach(function (box) {
      if (box.checked || !wanted.has(box.value)) return;
      box.checked = true;
      added.push(box.parentNode.textContent.trim());
    });
    added.sort(function (a, b) { return a.localeCompare(b); });
    // Text only: the names come from the page, but nothing here becomes HTML.
    status.textContent = added.length ? status.dataset.added + " " + added.join(", ") + "."
                                      : status.dataset.none;
  });
})();
