// The list of places to choose from when the typed place fits several ("Neustadt": dozens across
// Germany): a text box above the radio buttons narrows the list as the author types (name,
// district or state, umlauts and case ignored). The radio buttons stay native, so arrow keys and
// the form's submit work as without JavaScript; hidden options are only out of sight.
(function () {
  "use strict";
  var box = document.querySelector(".place-choice");
  if (!box) { return; }
  var fieldset = box.querySelector("fieldset");
  var options = Array.prototype.slice.call(fieldset.querySelectorAll("label.check"));
  if (options.length < 2) { return; }

  function folded(text) {
    return text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue")
      .replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  var texts = options.map(function (label) { return folded(label.textContent); });
  var wrapper = document.createElement("div");
  wrapper.className = "place-choice-filter";
  var label = document.createElement("label");
  label.htmlFor = "place-choice-filter";
  label.textContent = box.dataset.filterLabel;
  var input = document.createElement("input");
  input.type = "search";
  input.id = "place-choice-filter";
  input.autocomplete = "off";
  input.setAttribute("aria-describedby", "place-choice-filter-hint place-choice-count");
  var hint = document.createElement("p");
  hint.className = "hint";
  hint.id = "place-choice-filter-hint";
  hint.textContent = box.dataset.filterHint;
  var count = document.createElement("p");
  count.className = "hint";
  count.id = "place-choice-count";
  count.setAttribute("role", "status");
  count.setAttribute("aria-live", "polite");
  wrapper.appendChild(label);
  wrapper.appendChild(input);
  wrapper.appendChild(hint);
  wrapper.appendChild(count);
  fieldset.insertBefore(wrapper, options[0]);

  function showCount(shown) {
    count.textContent = box.dataset.countText
      .replace("{shown}", String(shown)).replace("{total}", String(options.length));
  }

  function filter() {
    var words = folded(input.value).split(" ").filter(Boolean);
    var shown = 0;
    options.forEach(function (option, index) {
      var fits = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
      var radio = option.querySelector("input");
      // A checked option stays visible: the author's choice never disappears from view.
      option.hidden = !fits && !radio.checked;
      if (!option.hidden) { shown += 1; }
    });
    showCount(shown);
  }

  input.addEventListener("input", filter);
  input.addEventListener("keydown", function (event) {
    // Enter takes the first place still shown instead of submitting the form half-filled.
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    var first = options.filter(function (option) { return !option.hidden; })[0];
    if (first) {
      var radio = first.querySelector("input");
      radio.checked = true;
      radio.focus();
    }
  });
  showCount(options.length);
})();
