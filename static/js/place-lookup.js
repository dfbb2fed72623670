// Place suggestions in the post form: asks /api/v1/geocode while the author types and, on a
// choice, fills in the point and shows the district. Everything from the server is inserted
// with textContent, never as HTML. Without JavaScript the server geocodes on submit.
(function () {
  "use strict";
  var box = document.querySelector(".place-lookup");
  if (!box) { return; }
  var place = box.querySelector("input[name=place]");
  var lat = box.querySelector("input[name=latitude]");
  var lon = box.querySelector("input[name=longitude]");
  var list = document.getElementById("place-suggestions");
  var found = document.getElementById("place-found");
  var timer = null;

  function describe(result) {
    // District and state tell namesakes apart: "Neustadt – Region Hannover, Niedersachsen".
    var where = [];
    if (result.district && result.district.name && result.label.indexOf(result.district.name) < 0) {
      where.push(result.district.name);
    }
    if (result.state && result.state.name && result.label.indexOf(result.state.name) < 0) {
      where.push(result.state.name);
    }
    return where.length ? result.label + " – " + where.join(", ") : result.label;
  }

  function choose(result) {
    lat.value = result.lat.toFixed(5);
    lon.value = result.lon.toFixed(5);
    list.hidden = true;
    document.dispatchEvent(new CustomEvent("jobnet:point"));
  }

  function render(results) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-like";
      button.textContent = describe(result);
      button.addEventListener("click", function () { choose(result); });
      item.appendChild(button);
      list.appendChild(item);
    });
    list.hidden = results.length === 0;
  }

  function suggest() {
    var query = place.value.trim();
    if (query.length < 2) { render([]); return; }
    var near = box.dataset.near ? "&near=" + encodeURIComponent(box.dataset.near) : "";
    fetch(box.dataset.geocodeUrl + "?limit=8&q=" + encodeURIComponent(query) + near)
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { render(data.results || []); })
      .catch(function () { render([]); });
  }

  function showLocation() {
    if (!lat.value || !lon.value) { return; }
    var url = box.dataset.locateUrl + "?lat=" + encodeURIComponent(lat.value.replace(",", ".")) +
      "&lon=" + encodeURIComponent(lon.value.replace(",", "."));
    fetch(url)
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.error) { found.textContent = data.error; return; }
        found.textContent = data.inside
          ? found.dataset.foundPrefix + " " + data.municipality.name + ", " + data.district.name
          : data.message;
      })
      .catch(function () {});
  }

  place.setAttribute("autocomplete", "off");
  place.setAttribute("aria-controls", "place-suggestions");
  place.addEventListener("input", function () {
    lat.value = ""; lon.value = ""; found.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(suggest, 250);
  });
  [lat, lon].forEach(function (input) { input.addEventListener("change", showLocation); });
  document.addEventListener("jobnet:point", showLocation);
})();
