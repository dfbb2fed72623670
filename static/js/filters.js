// Opens the list filters on wide screens; on phones they stay folded until tapped.
(function () {
  var panel = document.querySelector("details.filters");
  if (panel && window.matchMedia("(min-width: 48rem)").matches) {
    panel.open = true;
  }
})();
