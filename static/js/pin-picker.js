// Pin picker in the post form: a small Leaflet map on which the author clicks or drags a pin to
// set the point. The coordinate fields stay the source of truth (and work without JavaScript);
// the pin follows them, and moving the pin fills them and fires "change" so the district found
// is shown (place-lookup.js listens for that).
(function () {
  "use strict";
  var container = document.getElementById("pin-map");
  if (!container || !window.L) { return; }
  var lat = document.querySelector("input[name=latitude]");
  var lon = document.querySelector("input[name=longitude]");
  // The region's box [[south, west], [north, east]]: the picker opens on all of it, and may be
  // moved half its size beyond (a place just across a state's border is allowed).
  var region = L.latLngBounds(JSON.parse(container.dataset.regionBounds));

  var map = L.map(container, { scrollWheelZoom: false, keyboard: true, maxBounds: region.pad(0.5) })
    .fitBounds(region);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(container.dataset.boundaryAttribution);
  if (container.dataset.tileUrl) {
    L.tileLayer(container.dataset.tileUrl, {
      attribution: container.dataset.tileAttribution, maxZoom: 18
    }).addTo(map);
  }
  // The district borders show even when no tile loads (intranet, CI).
  fetch(container.dataset.districtsUrl)
    .then(function (response) { return response.json(); })
    .then(function (geojson) {
      L.geoJSON(geojson, { style: { color: "#0b5394", weight: 1, fill: false }, interactive: false })
        .addTo(map);
    })
    .catch(function () {});

  var pin = null;

  function parse(input) {
    var value = parseFloat(String(input.value).replace(",", "."));
    return isFinite(value) ? value : null;
  }

  function showPin(point, zoom) {
    if (!pin) {
      pin = L.marker(point, { draggable: true, keyboard: true, title: container.dataset.pinLabel,
                              alt: container.dataset.pinLabel }).addTo(map);
      pin.on("dragend", function () { setFields(pin.getLatLng()); });
    } else {
      pin.setLatLng(point);
    }
    if (zoom) { map.setView(point, Math.max(map.getZoom(), 11)); }
  }

  function setFields(point) {
    lat.value = point.lat.toFixed(5);
    lon.value = point.lng.toFixed(5);
    lat.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function followFields() {
    var a = parse(lat), b = parse(lon);
    if (a !== null && b !== null) { showPin([a, b], true); }
  }

  map.on("click", function (event) {
    showPin(event.latlng, false);
    setFields(event.latlng);
  });
  [lat, lon].forEach(function (input) { input.addEventListener("change", followFields); });
  document.addEventListener("jobnet:point", followFields);
  followFields();
  window.jobnetPinPicker = { map: map, pin: function () { return pin; } };
})();
