// The home map's view (zoom, centre, kind layers, choropleth) between the map with its controls
// and the URL (view-state.js): restored when the page opens, when the history goes back and
// forth, and written with history.replaceState whenever it changes. A district filtered to is
// zoomed to and outlined. While the map shows all of the region, zoom and centre stay out of the URL
// (docs/architecture.md, 'Map').
import {KINDS} from "./kinds.js";
import {readView, viewQuery, withoutView} from "./view-state.js";

const HOME_PADDING = 8;  // px around the region when the map shows all of it

// controls: {layers: checkboxes, colours: radios}; homeUrl: the page's path; region: the
// region's L.LatLngBounds (from its metadata, so the view needs no outline to wait for).
export function createMapView(map, markers, districts, controls, homeUrl, region) {
  const limits = {minZoom: map.getMinZoom(), maxZoom: map.getMaxZoom(), kinds: KINDS,
    bounds: region.pad(0.5)};  // where a centre from a link may lie
  let home = homeOf(region), tracking = false, timer = null;

  // What fitBounds(region, padding) would show, computed as Leaflet does, without moving the map.
  function homeOf(bounds) {
    const pad = L.point(2 * HOME_PADDING, 2 * HOME_PADDING);
    const zoom = map.getBoundsZoom(bounds, false, pad);
    const middle = map.project(bounds.getSouthWest(), zoom)
      .add(map.project(bounds.getNorthEast(), zoom)).divideBy(2);
    return {zoom: zoom, centre: map.unproject(middle, zoom)};
  }

  function atHome() {
    if (!home || Math.abs(map.getZoom() - home.zoom) > 1e-6) return false;
    return map.project(map.getCenter()).distanceTo(map.project(home.centre)) < 2;
  }

  function current() {
    const shown = KINDS.filter(function (kind) { return markers.visible(kind); });
    const checked = controls.colours.filter(function (radio) { return radio.checked; })[0];
    const centre = map.getCenter();
    return {zoom: map.getZoom(), centre: atHome() ? null : [centre.lat, centre.lng],
      layers: shown.length === KINDS.length ? null : shown, colour: checked ? checked.value : ""};
  }

  // The current page's query string with the current view ("" for no parameters at all).
  function query(filterQuery) {
    return viewQuery(filterQuery === undefined ? withoutView(location.search) : filterQuery, current());
  }

  function write() {
    clearTimeout(timer);
    if (!tracking) return;
    const search = query(), url = homeUrl + (search ? "?" + search : "");
    if (url === location.pathname + location.search) return;
    try {
      history.replaceState(history.state, "", url);
    } catch (error) {
      // Browsers refuse too many calls in a row (Safari: 100 in 30 s); the next move writes it.
    }
  }

  // Runs move() and resolves once the map stands still (setView always ends with moveend).
  function settle(move) {
    return new Promise(function (done) { map.once("moveend", function () { done(); }); move(); });
  }

  // The place for a view without a centre: the district filtered to, or all of the region.
  function place(ags, animate) {
    const bounds = districts.select(ags);
    if (bounds) return settle(function () { map.fitBounds(bounds, {padding: [24, 24], animate: animate}); });
    return settle(function () { map.setView(home.centre, home.zoom, {animate: animate}); });
  }

  // Shows the view of a query string (the page's, or a history entry's) with the filter's district.
  function restore(search, ags) {
    const view = readView(search, limits);
    controls.layers.forEach(function (box) {
      box.checked = !view.layers || view.layers.indexOf(box.value) >= 0;
      markers.show(box.value, box.checked);
    });
    controls.colours.forEach(function (radio) { radio.checked = radio.value === view.colour; });
    districts.colourBy(view.colour);
    tracking = false;
    if (view.centre) map.setView(view.centre, view.zoom, {animate: false});
    if (!view.centre) map.setView(home.centre, home.zoom, {animate: false});
    return districts.ready.then(function () {
      if (!view.centre) return place(ags, false);
      districts.select(ags);
    }).then(function () { tracking = true; write(); });
  }

  // Arrow keys move the map in small steps: write once they stop.
  map.on("moveend", function () { clearTimeout(timer); timer = setTimeout(write, 300); });
  window.addEventListener("pagehide", write);  // a post opened right after a move keeps it
  controls.layers.forEach(function (box) {
    box.addEventListener("change", function () { markers.show(box.value, box.checked); write(); });
  });
  controls.colours.forEach(function (radio) {
    radio.addEventListener("change", function () { districts.colourBy(radio.value); write(); });
  });

  return {
    restore: restore,
    query: query,
    // After a filter change: zoom to the new district (or back to the region), animated.
    district: function (ags) {
      if (ags === districts.selected()) return Promise.resolve();
      return districts.ready.then(function () { return place(ags, true); });
    },
    home: function () { return home; }
  };
}
